/**
 * A paper's page, as people read a Kamervraag or a verslag on the Tweede
 * Kamer's site, but linked: title, genre, dates, dossier, askers with their
 * party, who answers; then every block in order with its faction, the question
 * (and its sub-questions), the answer, citations as links (our page of the
 * cited paper and its official publication), footnotes, what is mentioned;
 * and links to the paper's data in every format and to its source.
 * Everything comes from two queries over the store.
 */
import type { Term } from '@rdfjs/types';
import { documentFile } from '../../output-layout.js';
import { escapeHtml } from '../html.js';
import type { KldTerm } from '../../rdf/iris.js';
import { href, link, type KldIris, type PageContext } from './context.js';
import { DCT, ELI, FOAF_NAME, ORG_MEMBER_OF, PageGraph, PROV, RDF_TYPE, SKOS } from './graph.js';
import { formatDate } from './i18n.js';
import { displayLabel, fallbackLabel, labelPredicates } from './labels.js';
import { layout } from './layout.js';
import { construct, iri } from './sparql.js';
import { annotate, type Anchor } from './text.js';

/** The paper's own triples and those of everything that is part of it, then names of what they link to. */
export async function loadPaper(ctx: PageContext, doc: string): Promise<PageGraph> {
  const k = ctx.k;
  const g = new PageGraph(await construct(ctx.pool, `CONSTRUCT { ?s ?p ?o } WHERE { { ${iri(doc)} ?p ?o BIND(${iri(doc)} AS ?s) } UNION { ?s <${k.partOf}> ${iri(doc)} . ?s ?p ?o } }`));
  const linked = new Set<string>();
  for (const s of g.subjects()) {
    for (const q of g.quads(s)) {
      if (q.object.termType === 'NamedNode' && q.predicate.value !== RDF_TYPE && !g.has(q.object.value)) linked.add(q.object.value);
    }
  }
  if (linked.size > 0) {
    const values = [...linked].map((v) => iri(v)).join(' ');
    const preds = [...labelPredicates(k), k.genre, ORG_MEMBER_OF, ORG_HAS_MEMBERSHIP, k.officialPublication, RDF_TYPE, `${DCT}dateSubmitted`, k.fileName].map((p) => `<${p}>`).join(', ');
    g.add(await construct(ctx.pool, `CONSTRUCT { ?x ?p ?o } WHERE { VALUES ?x { ${values} } ?x ?p ?o FILTER(?p IN (${preds})) }`));
    // The party of each person (asker): org:memberOf, or the organisation of an org:Membership.
    const memberships = [...linked].flatMap((x) => g.iris(x, ORG_HAS_MEMBERSHIP));
    if (memberships.length > 0) {
      g.add(await construct(ctx.pool, `CONSTRUCT { ?m <${ORG_ORGANIZATION}> ?o } WHERE { VALUES ?m { ${memberships.map((m) => iri(m)).join(' ')} } ?m <${ORG_ORGANIZATION}> ?o }`));
    }
    const parties = [...linked].flatMap((x) => partiesOf(g, x)).filter((p) => !g.has(p) || g.literal(p, `${SKOS}notation`) === undefined);
    if (parties.length > 0) {
      g.add(await construct(ctx.pool, `CONSTRUCT { ?x ?p ?o } WHERE { VALUES ?x { ${parties.map((p) => iri(p)).join(' ')} } ?x ?p ?o FILTER(?p IN (<${SKOS}notation>, <${SKOS}prefLabel>)) }`));
    }
  }
  // Where this paper is cited: the citations in other papers that name it.
  g.add(
    await construct(
      ctx.pool,
      `CONSTRUCT { ?c <${k.citedPaper}> ${iri(doc)} . ?c <${k.partOf}> ?d . ?d <${DCT}identifier> ?id . ?d <${DCT}title> ?t } WHERE {
  ?c <${k.citedPaper}> ${iri(doc)} ; <${k.partOf}> ?d . FILTER(?d != ${iri(doc)}) OPTIONAL { ?d <${DCT}identifier> ?id } OPTIONAL { ?d <${DCT}title> ?t } }`,
    ),
  );
  return g;
}

const ORG_HAS_MEMBERSHIP = 'http://www.w3.org/ns/org#hasMembership';
const ORG_ORGANIZATION = 'http://www.w3.org/ns/org#organization';

/** The factions a person is a member of: directly (org:memberOf) or through an org:Membership. */
function partiesOf(g: PageGraph, person: string): string[] {
  return [...new Set([...g.iris(person, ORG_MEMBER_OF), ...g.iris(person, ORG_HAS_MEMBERSHIP).flatMap((m) => g.iris(m, ORG_ORGANIZATION))])];
}

function name(ctx: PageContext, g: PageGraph, value: string): string {
  return displayLabel(g, value, ctx.lang, ctx.k) ?? fallbackLabel(value, ctx.base);
}

/** A faction by its abbreviation (VVD), the full name on hover. */
function faction(ctx: PageContext, g: PageGraph, value: string, chip = true): string {
  const short = g.literal(value, `${SKOS}notation`) ?? name(ctx, g, value);
  const full = g.literal(value, `${SKOS}prefLabel`, ctx.lang);
  return link(ctx, value, short, `${chip ? 'class="faction"' : ''}${full ? ` title="${escapeHtml(full)}"` : ''}`.trim());
}

/** Element id for a part of the paper: the IRI's path within the paper ("antwoord-8", "blok-6-vraag-2"). */
export function anchorId(doc: string, part: string): string {
  return part.startsWith(`${doc}/`) ? part.slice(doc.length + 1).replace(/[^A-Za-z0-9-]+/g, '-') : part.replace(/[^A-Za-z0-9-]+/g, '-');
}

/**
 * The page of a paper, in parts: its heading, the table of what it is (metaRows), the notice that stands instead
 * of answers, its blocks of questions and answers (renderBlocks), and the papers that cite it.
 */
export function renderPaper(ctx: PageContext, g: PageGraph, doc: string): string {
  const w = ctx.words;
  const id = g.literal(doc, `${DCT}identifier`) ?? fallbackLabel(doc, ctx.base);
  const heading = paperHeading(ctx, g, doc);
  const rows = metaRows(ctx, g, doc, id);
  let body = `<nav class="crumbs">${link(ctx, `${ctx.base}id/`, w.papers)} › ${escapeHtml(id)}</nav>`;
  body += `<h1>${escapeHtml(heading)}</h1><div class="iri">${escapeHtml(doc)}</div>`;
  body += `<dl class="meta">${rows.map(([dt, dd]) => `<dt>${dt}</dt><dd>${dd}</dd>`).join('')}</dl>`;
  body += noticeSections(ctx, g, doc);
  body += renderBlocks(ctx, g, doc);
  body += citedBy(ctx, g, doc);
  const local = ctx.mapper.toLocal(doc);
  return layout(`${heading} (${id})`, body, {
    lang: ctx.lang,
    here: ctx.here,
    alternates: [
      { href: `${local}?format=ttl`, type: 'text/turtle' },
      { href: `${local}?format=jsonld`, type: 'application/ld+json' },
      { href: `${local}?format=nt`, type: 'application/n-triples' },
    ],
  });
}

/** The paper's title, else its genre, dossiers and number ("Verslag schriftelijk overleg 26150, nr. 187"). */
function paperHeading(ctx: PageContext, g: PageGraph, doc: string): string {
  const k = ctx.k;
  const lang = ctx.lang;
  const genre = g.iris(doc, k.genre)[0];
  const genreLabel = genre ? ctx.terms.name(genre, lang) : '';
  const title = g.literalIn(doc, `${DCT}title`, lang) ?? g.literal(doc, `${DCT}title`, lang) ?? g.literal(doc, `${ELI}title`, lang);
  const dossiers = g.iris(doc, k.dossier);
  const nr = g.literal(doc, k.ondernummer);
  const heading = title ?? `${genreLabel}${dossiers.length > 0 ? ` ${dossiers.map((d) => name(ctx, g, d)).join(', ')}` : ''}${nr ? `, nr. ${nr}` : ''}`;
  return heading.charAt(0).toUpperCase() + heading.slice(1);
}

/** The table of what the paper is: genre, dossiers, numbers, dates, askers, addressees, answerers, pages, data, source. */
function metaRows(ctx: PageContext, g: PageGraph, doc: string, id: string): [string, string][] {
  const k = ctx.k;
  const w = ctx.words;
  const lang = ctx.lang;
  const rows: [string, string][] = [];
  const genre = g.iris(doc, k.genre)[0];
  if (genre) rows.push([w.genre, link(ctx, genre, ctx.terms.name(genre, lang))]);
  const dossiers = g.iris(doc, k.dossier);
  if (dossiers.length > 0) {
    rows.push([
      w.dossier,
      dossiers
        .map((d) => {
          const official = g.iris(d, k.officialPublication)[0];
          return `${link(ctx, d, name(ctx, g, d))}${official ? ` <a class="off" rel="external" href="${escapeHtml(official)}">officielebekendmakingen.nl</a>` : ''}`;
        })
        .join(', '),
    ]);
  }
  const session = g.literal(doc, k.vergaderjaar);
  if (session) rows.push([w.session, escapeHtml(session)]);
  const nr = g.literal(doc, k.ondernummer);
  if (nr) rows.push([w.number, escapeHtml(nr)]);
  const submitted = g.literal(doc, `${DCT}dateSubmitted`);
  if (submitted) rows.push([w.submitted, escapeHtml(formatDate(submitted, lang))]);
  const received = g.literal(doc, k.dateReceived);
  if (received) rows.push([w.received, escapeHtml(formatDate(received, lang))]);
  for (const p of [`${DCT}issued`, `${DCT}date`, `${ELI}date_document`, `${ELI}date_publication`]) {
    const v = g.literal(doc, p);
    if (v) rows.push([escapeHtml(ctx.terms.name(p, lang)), escapeHtml(formatDate(v, lang))]);
  }
  const askers = askersHtml(ctx, g, doc);
  if (askers.length > 0) rows.push([w.askedBy, askers.join(', ')]);
  const addressed = g.literals(doc, k.addressedTo, lang);
  if (addressed.length > 0) rows.push([w.addressedTo, addressed.map(escapeHtml).join('; ')]);
  const answered = answeredByHtml(ctx, g, doc);
  if (answered.length > 0) rows.push([w.answeredBy, answered.join(', ')]);
  const pages = g.literal(doc, k.pageCount);
  if (pages) rows.push([w.pages, escapeHtml(pages)]);
  const official = g.iris(doc, k.officialPublication)[0];
  if (official) rows.push([w.official, `<a rel="external" href="${escapeHtml(official)}">${escapeHtml(official.replace(/^https?:\/\//, ''))}</a>`]);
  const local = ctx.mapper.toLocal(doc);
  rows.push([
    w.data,
    [
      `<a href="${escapeHtml(local)}?format=ttl" type="text/turtle">Turtle</a>`,
      `<a href="${escapeHtml(local)}?format=jsonld" type="application/ld+json">JSON-LD</a>`,
      `<a href="${escapeHtml(local)}?format=nt" type="application/n-triples">N-Triples</a>`,
      `<a href="/download/${escapeHtml(documentFile(id, 'ttl'))}">${escapeHtml(id)}.ttl</a>`,
      `<a href="/download/${escapeHtml(documentFile(id, 'jsonld'))}">${escapeHtml(id)}.jsonld</a>`,
    ].join(' · '),
  ]);
  const sources = g.iris(doc, `${PROV}wasDerivedFrom`);
  if (sources.length > 0) {
    rows.push([
      w.source,
      sources.map((s) => link(ctx, s, g.literal(s, k.fileName) ?? name(ctx, g, s))).join(', ') +
        (official ? ` · <a rel="external" href="${escapeHtml(official)}.pdf">PDF</a> · <a rel="external" href="${escapeHtml(official)}.html">HTML</a>` : ''),
    ]);
  }
  return rows;
}

/** Askers: members with their party; factions that asked without a named member. */
function askersHtml(ctx: PageContext, g: PageGraph, doc: string): string[] {
  const askers = g.iris(doc, ctx.k.askedBy);
  const people = askers.filter((a) => g.literal(a, FOAF_NAME) !== undefined || g.types(a).some((t) => t.endsWith('Person')));
  const partiesOfPeople = new Set(people.flatMap((p) => partiesOf(g, p)));
  const factions = askers.filter((a) => !people.includes(a) && !partiesOfPeople.has(a));
  return [
    ...people.map((p) => {
      const party = partiesOf(g, p)[0];
      // The name as printed; the party beside it (a label may already say "Ceder (ChristenUnie)").
      return `${link(ctx, p, g.literal(p, FOAF_NAME) ?? name(ctx, g, p))}${party ? ` (${faction(ctx, g, party, false)})` : ''}`;
    }),
    ...factions.map((f) => faction(ctx, g, f)),
  ];
}

/** Who answered: the linked answerers, each as printed when the text names it, and the printed names no answerer matches. */
function answeredByHtml(ctx: PageContext, g: PageGraph, doc: string): string[] {
  const answerers = g.iris(doc, ctx.k.answeredBy);
  const answeredText = g.literals(doc, ctx.k.answeredByText, ctx.lang);
  const linked = answerers.map((a) => {
    const label = name(ctx, g, a);
    const printed = answeredText.find((t) => t.includes(label));
    return link(ctx, a, printed ?? label);
  });
  const rest = answeredText.filter((t) => !answerers.some((a) => t.includes(name(ctx, g, a))));
  return [...linked, ...rest.map(escapeHtml)];
}

/** The notice that stands instead of answers. */
function noticeSections(ctx: PageContext, g: PageGraph, doc: string): string {
  const k = ctx.k;
  let html = '';
  for (const n of g.subjectsOf(k.partOf, doc).filter((s) => g.literal(s, k.noticeText) !== undefined)) {
    html += `<section id="${escapeHtml(anchorId(doc, n))}"><h2>${escapeHtml(g.literal(n, k.heading, ctx.lang) ?? ctx.words.notice)}</h2>`;
    html += `<div class="a">${textWithLinks(ctx, g, doc, n, g.literal(n, k.noticeText, ctx.lang) ?? '', 'notice')}</div></section>`;
  }
  return html;
}

/** Papers of this collection that cite this one, with how often. */
function citedBy(ctx: PageContext, g: PageGraph, doc: string): string {
  const k = ctx.k;
  const citing = new Map<string, number>();
  for (const c of g.subjectsOf(k.citedPaper, doc)) {
    for (const d of g.iris(c, k.partOf)) if (d !== doc) citing.set(d, (citing.get(d) ?? 0) + 1);
  }
  if (citing.size === 0) return '';
  return `<h2>${escapeHtml(ctx.words.citedBy)}</h2><ul>${[...citing]
    .sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }))
    .map(([d, n]) => `<li>${link(ctx, d, name(ctx, g, d))} <small>(${n}×)</small></li>`)
    .join('')}</ul>`;
}

function partsOf(g: PageGraph, doc: string, k: KldIris, type: KldTerm): string[] {
  const parts = new Set(g.subjectsOf(k.partOf, doc));
  return g.subjectsOf('http://www.w3.org/1999/02/22-rdf-syntax-ns#type', k[type]).filter((s) => parts.has(s));
}

function byNumber(g: PageGraph, k: KldIris) {
  return (a: string, b: string) => (g.number(a, k.number) ?? 0) - (g.number(b, k.number) ?? 0) || a.localeCompare(b, 'en', { numeric: true });
}

/** Citations, mentions and cross-references in one text of a part (a block's question side, an answer, a footnote). */
function textWithLinks(ctx: PageContext, g: PageGraph, doc: string, holder: string, text: string, side: 'question' | 'answer' | 'notice' | 'footnote'): string {
  const k = ctx.k;
  const inThis = (c: string): boolean => {
    const footnote = g.iris(c, k.inFootnote)[0];
    if (side === 'footnote') return footnote === holder;
    if (footnote !== undefined) return false;
    const where = g.iris(c, k.citationIn);
    if (where.includes(holder)) return true;
    return g.iris(holder, k.citation).includes(c);
  };
  // The citations of this holder: those placed in it, and those it lists (kld:citation).
  const candidates = new Set([...g.subjectsOf(k.citationIn, holder), ...g.subjectsOf(k.inFootnote, holder), ...g.iris(holder, k.citation)]);
  const citations = [...candidates].filter(inThis).sort(byNumberInIri);
  const citeAnchors: Anchor[] = citations.map((c) => {
    const paper = g.iris(c, k.citedPaper)[0];
    const target = paper ?? c;
    return {
      text: g.literal(c, k.printedText) ?? '',
      open: `<a class="cite" href="${escapeHtml(href(ctx, target))}" data-citation="${escapeHtml(ctx.mapper.toLocal(c))}" title="${escapeHtml(paper ? name(ctx, g, paper) : '')}">`,
      short: paper ? name(ctx, g, paper) : undefined,
      after: officialLink(ctx, g, paper),
    };
  });
  const mentionNodes = side === 'footnote' ? [] : g.iris(holder, k.mention).sort(byNumberInIri);
  const mentionAnchors: Anchor[] = mentionNodes.map((m) => {
    const concept = g.iris(m, k.mentions)[0] ?? m;
    return {
      text: g.literal(m, k.printedText) ?? '',
      open: `<a class="mention" href="${escapeHtml(href(ctx, concept))}" title="${escapeHtml(name(ctx, g, concept))}">`,
    };
  });
  const crossRefs = g.iris(holder, k.crossReference).sort(byNumberInIri);
  const crossAnchors: Anchor[] = crossRefs.map((x) => {
    const target = g.iris(x, k.refersToAnswer)[0];
    return {
      text: g.literal(x, k.printedText) ?? '',
      open: `<a href="${target ? `#${escapeHtml(anchorId(doc, target))}` : escapeHtml(href(ctx, x))}">`,
    };
  });
  const placed = annotate(text, [citeAnchors, crossAnchors, mentionAnchors]);
  let html = placed.html;
  // A citation whose printed text is not in this text (printed in a footnote, say) is still listed as a link.
  const unplaced = citations.filter((_, i) => {
    const anchor = citeAnchors[i];
    return anchor !== undefined && placed.missing.includes(anchor);
  });
  if (unplaced.length > 0) html += `\n<span class="chips">${ctx.words.citations}: ${unplaced.map((c) => citationLinks(ctx, g, c)).join('; ')}</span>`;
  return html;
}

/** A small link to the official publication of a cited paper, when the data gives one. */
function officialLink(ctx: PageContext, g: PageGraph, paper: string | undefined): string {
  const official = paper ? g.iris(paper, ctx.k.officialPublication)[0] : undefined;
  return official ? `<a class="off" rel="external" href="${escapeHtml(official)}" title="${escapeHtml(ctx.words.official)}">↗</a>` : '';
}

function byNumberInIri(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}

/** A citation as links: our page of the cited paper, and its official publication. */
function citationLinks(ctx: PageContext, g: PageGraph, c: string): string {
  const k = ctx.k;
  const paper = g.iris(c, k.citedPaper)[0];
  const printed = g.literal(c, k.printedText) ?? (paper ? name(ctx, g, paper) : c);
  if (!paper) return link(ctx, c, printed);
  const official = g.iris(paper, k.officialPublication)[0];
  const inCorpus = g.iris(paper, k.genre).length > 0;
  return `<a class="cite" href="${escapeHtml(href(ctx, paper))}" data-citation="${escapeHtml(ctx.mapper.toLocal(c))}">${escapeHtml(printed)}</a>${inCorpus ? ` <small>(${escapeHtml(ctx.words.inCorpus)})</small>` : ''}${official ? ` <a class="off" rel="external" href="${escapeHtml(official)}">↗ officielebekendmakingen.nl</a>` : ''}`;
}

function footnotes(ctx: PageContext, g: PageGraph, doc: string, holder: string): string {
  const k = ctx.k;
  const notes = g.iris(holder, k.footnote).sort(byNumber(g, k));
  return notes
    .map((f) => {
      const n = g.number(f, k.number);
      return `<p class="fn" id="${escapeHtml(anchorId(doc, f))}"><a href="${escapeHtml(href(ctx, f))}"><sup>${n ?? ''}</sup></a> ${textWithLinks(ctx, g, doc, f, g.literal(f, k.footnoteText, ctx.lang) ?? '', 'footnote')}</p>`;
    })
    .join('');
}

function mentionedChips(ctx: PageContext, g: PageGraph, holders: string[]): string {
  const k = ctx.k;
  const concepts = [...new Set(holders.flatMap((h) => g.iris(h, k.mentions)))];
  // Factions are shown as the block's askers; here the treaties, organisations, ministries mentioned.
  const shown = concepts.filter((c) => !g.types(c).includes(k.Faction));
  if (shown.length === 0) return '';
  const items = shown.map((c) => ({ c, label: name(ctx, g, c) })).sort((a, b) => a.label.localeCompare(b.label, ctx.lang));
  return `<p class="chips"><strong>${escapeHtml(ctx.words.mentioned)}:</strong> ${items.map((i) => link(ctx, i.c, i.label)).join('')}</p>`;
}

function renderBlocks(ctx: PageContext, g: PageGraph, doc: string): string {
  const k = ctx.k;
  const w = ctx.words;
  const blocks = partsOf(g, doc, k, 'QuestionBlock').sort((a, b) => (g.number(a, k.position) ?? 0) - (g.number(b, k.position) ?? 0) || byNumberInIri(a, b));
  const position = new Map(blocks.map((b, i) => [b, i]));
  // An answer to several blocks (antwoord/10-11) is printed once, after the last of them.
  const answerAt = new Map<string, number>();
  for (const b of blocks) for (const a of g.iris(b, k.hasAnswer)) answerAt.set(a, Math.max(answerAt.get(a) ?? -1, position.get(b)!));
  let html = '';
  for (const b of blocks) {
    const i = position.get(b)!;
    const numbers = g.numbers(b, k.number);
    const askers = g.iris(b, k.askedBy);
    const topic = g.iris(b, k.topic)[0];
    if (topic) html += `<h2 class="topic">${link(ctx, topic, name(ctx, g, topic))}</h2>`;
    html += `<section class="block" id="${escapeHtml(anchorId(doc, b))}">`;
    const qLabel = numbers.length > 0 ? `${w.question} ${numbers.join(', ')}` : `${w.block} ${g.number(b, k.position) ?? i + 1}`;
    html += `<h3>${link(ctx, b, qLabel)}${askers.map((f) => faction(ctx, g, f)).join('')}</h3>`;
    const questions = g.iris(b, k.hasQuestion).sort(byNumberInIri);
    const qText = g.literal(b, k.questionText, ctx.lang) ?? '';
    const [onlyQuestion] = questions;
    const qid = questions.length === 1 && onlyQuestion !== undefined && onlyQuestion !== b ? ` id="${escapeHtml(anchorId(doc, onlyQuestion))}"` : '';
    html += `<div class="q"${qid}>${textWithLinks(ctx, g, doc, b, qText, 'question')}</div>`;
    if (questions.length > 1) {
      html += `<details><summary>${escapeHtml(w.subquestions)} (${questions.length})</summary><ol>${questions
        .map((q) => `<li id="${escapeHtml(anchorId(doc, q))}">${link(ctx, q, g.literal(q, k.questionText, ctx.lang) ?? name(ctx, g, q))}</li>`)
        .join('')}</ol></details>`;
    }
    html += footnotes(ctx, g, doc, b);
    const answers = g.iris(b, k.hasAnswer).sort(byNumber(g, k));
    const here = answers.filter((a) => answerAt.get(a) === i);
    const later = answers.filter((a) => answerAt.get(a) !== i);
    for (const a of later) html += `<p class="chips">${escapeHtml(w.answer)}: <a href="#${escapeHtml(anchorId(doc, a))}">${escapeHtml(g.literal(a, k.heading, ctx.lang) ?? name(ctx, g, a))}</a> ↓</p>`;
    for (const a of here) {
      const head = g.literal(a, k.heading, ctx.lang) ?? `${w.answer} ${g.numbers(a, k.number).join(', ')}`.trim();
      html += `<div class="a" id="${escapeHtml(anchorId(doc, a))}"><span class="label">${link(ctx, a, head)}</span>${textWithLinks(ctx, g, doc, a, g.literal(a, k.answerText, ctx.lang) ?? '', 'answer')}</div>`;
      html += footnotes(ctx, g, doc, a);
    }
    if (answers.length === 0) html += `<p class="chips"><em>${escapeHtml(w.noAnswer)}</em></p>`;
    html += mentionedChips(ctx, g, [b, ...here]);
    html += '</section>';
  }
  return html;
}

export type { Term };
