/**
 * The page of any other resource (block, answer, footnote, faction, person,
 * treaty, organisation, dossier, …): its name, types and text; its properties
 * by their labels (prefixed name on hover), values by their names, literals
 * without datatypes; the papers it is involved in; and what links here, with
 * the true total, paged, sorted by number where the IRIs end in one.
 */
import type { Quad } from '@rdfjs/types';
import { escapeHtml } from '../html.js';
import { href, link, propertyName, type KldIris, type PageContext } from './context.js';
import { DCT, ORG_MEMBER_OF, PageGraph, RDF_TYPE } from './graph.js';
import { oa } from '../../rdf/vocab.js';
import { formatDate } from './i18n.js';
import { displayLabel, fallbackLabel, labelPredicates } from './labels.js';
import { layout } from './layout.js';
import { construct, iri, num, select, str } from './sparql.js';

export const LINKS_PER_PAGE = 100;
const OA_HAS_SELECTOR = oa.hasSelector.value;
const OA_START = oa.start.value;
const OA_END = oa.end.value;

export interface ResourceData {
  graph: PageGraph;
  /** Distinct (subject, property) pairs pointing here, per property. */
  incomingCounts: Map<string, number>;
  incomingTotal: number;
  /** This page of them, in order. */
  incoming: { s: string; p: string }[];
  page: number;
  involved: { doc: string; n: number }[];
}

function labelList(k: KldIris): string {
  return [...labelPredicates(k), k.genre, ORG_MEMBER_OF, `${DCT}dateSubmitted`, k.dateReceived].map((p) => `<${p}>`).join(', ');
}

/**
 * Own triples, with the names of what they point to, and the hash-children: the source places (#bron, #vraag)
 * and their selectors (#bron-positie, #bron-tekst), which hang off the place, not off the resource.
 */
export async function loadOwn(ctx: PageContext, x: string): Promise<Quad[]> {
  const hashChild = (v: string) => `isIRI(${v}) && STRSTARTS(STR(${v}), ${str(`${x}#`)})`;
  return construct(
    ctx.pool,
    `CONSTRUCT { ${iri(x)} ?p ?o . ?o ?lp ?l . ?h ?hp ?ho } WHERE {
  { ${iri(x)} ?p ?o OPTIONAL { ?o ?lp ?l FILTER(?lp IN (${labelList(ctx.k)})) } }
  UNION
  { ${iri(x)} ?hl ?h FILTER(${hashChild('?h')}) ?h ?hp ?ho }
  UNION
  { ${iri(x)} ?hl ?place FILTER(${hashChild('?place')}) ?place ?sl ?h FILTER(${hashChild('?h')}) ?h ?hp ?ho }
}`,
  );
}

/** Where a source place stands, in code points: its own oa:start and oa:end, or its selector's (oa:hasSelector). */
function position(g: PageGraph, place: string): { start: string; end: string | undefined } | undefined {
  for (const at of [place, ...g.iris(place, OA_HAS_SELECTOR)]) {
    const start = g.literal(at, OA_START);
    if (start !== undefined) return { start, end: g.literal(at, OA_END) };
  }
  return undefined;
}

export async function loadResource(ctx: PageContext, x: string, own: Quad[], page: number): Promise<ResourceData> {
  const k = ctx.k;
  const graph = new PageGraph(own);
  const counts = await select(ctx.pool, `SELECT ?p (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p ${iri(x)} FILTER(?s != ${iri(x)}) } GROUP BY ?p`);
  const incomingCounts = new Map<string, number>();
  for (const r of counts) if (r.p) incomingCounts.set(r.p.value, num(r.n) ?? 0);
  const incomingTotal = [...incomingCounts.values()].reduce((a, b) => a + b, 0);
  const pages = Math.max(1, Math.ceil(incomingTotal / LINKS_PER_PAGE));
  const current = Math.min(Math.max(1, page), pages);
  // Sorted by property, then by the IRI with its trailing number compared as a number (vraag 9 before vraag 10).
  const rows =
    incomingTotal === 0
      ? []
      : await select(
          ctx.pool,
          `SELECT DISTINCT ?s ?p WHERE {
  ?s ?p ${iri(x)} FILTER(?s != ${iri(x)})
  BIND(REPLACE(STR(?s), "[0-9]+$", "") AS ?stem)
  BIND(IF(REGEX(STR(?s), "[0-9]+$"), xsd:integer(REPLACE(STR(?s), "^.*?([0-9]+)$", "$1")), -1) AS ?n)
} ORDER BY ?p ?stem ?n ?s LIMIT ${LINKS_PER_PAGE} OFFSET ${(current - 1) * LINKS_PER_PAGE}`.replace('xsd:integer', '<http://www.w3.org/2001/XMLSchema#integer>'),
        );
  const incoming = rows.filter((r) => r.s?.type === 'uri' && r.p).map((r) => ({ s: r.s!.value, p: r.p!.value }));
  if (incoming.length > 0) {
    const values = [...new Set(incoming.map((r) => r.s))].map((v) => iri(v)).join(' ');
    graph.add(
      await construct(
        ctx.pool,
        `CONSTRUCT { ?x ?lp ?l . ?h <${k.mention}> ?x . ?h <http://www.w3.org/2000/01/rdf-schema#label> ?hl } WHERE { VALUES ?x { ${values} }
  { ?x ?lp ?l FILTER(?lp IN (${labelList(k)})) } UNION { ?h <${k.mention}> ?x OPTIONAL { ?h <http://www.w3.org/2000/01/rdf-schema#label> ?hl } } }`,
      ),
    );
  }
  // The papers this resource is involved in: pointed to by the paper or by a part of it.
  const inv = await select(
    ctx.pool,
    `SELECT ?doc (COUNT(DISTINCT ?s) AS ?n) WHERE {
  { ?s ?p ${iri(x)} . ?s <${k.partOf}> ?doc } UNION { ?doc ?p ${iri(x)} BIND(?doc AS ?s) }
  ?doc <${k.genre}> ?g
} GROUP BY ?doc ORDER BY DESC(?n) ?doc LIMIT 1000`,
  );
  const involved = inv.filter((r) => r.doc?.type === 'uri').map((r) => ({ doc: r.doc!.value, n: num(r.n) ?? 0 }));
  if (involved.length > 0) {
    const values = involved.map((d) => iri(d.doc)).join(' ');
    graph.add(await construct(ctx.pool, `CONSTRUCT { ?x ?lp ?l } WHERE { VALUES ?x { ${values} } ?x ?lp ?l FILTER(?lp IN (${labelList(k)})) }`));
  }
  return {
    graph,
    incomingCounts,
    incomingTotal,
    incoming,
    page: current,
    involved,
  };
}

function name(ctx: PageContext, g: PageGraph, value: string): string {
  return displayLabel(g, value, ctx.lang, ctx.k) ?? ctx.terms.label(value, ctx.lang) ?? fallbackLabel(value, ctx.base);
}

/** A subject pointing here, named so a reader knows where it stands (a mention by its printed text and where). */
function incomingName(ctx: PageContext, g: PageGraph, s: string): string {
  const own = name(ctx, g, s);
  const holder = g.subjectsOf(ctx.k.mention, s)[0];
  if (holder) return `${own} — ${name(ctx, g, holder)}`;
  return own;
}

function literalHtml(ctx: PageContext, value: string, datatype: string | undefined): string {
  if (datatype && /#(date|dateTime)$/.test(datatype)) return escapeHtml(formatDate(value.slice(0, 10), ctx.lang) + value.slice(10).replace(/^T/, ' '));
  if (value.length > 300 || value.includes('\n')) return `<blockquote>${escapeHtml(value)}</blockquote>`;
  return escapeHtml(value);
}

/**
 * The page of any other resource, in parts: its heading (crumbs, types, the way back into the paper), the texts
 * it was extracted from (sourceTexts), one row per property (propertyTable), the papers it is involved in
 * (involvedTable), the links to it (incomingSection), and its formats.
 */
export function renderResource(ctx: PageContext, x: string, data: ResourceData): string {
  const g = data.graph;
  const title = name(ctx, g, x);
  const own = g.quads(x);
  const texts = own.filter((q) => q.object.termType === 'Literal' && q.predicate.value.startsWith(ctx.kld) && /(?:^t|T)ext$/.test(q.predicate.value.slice(ctx.kld.length)) && !q.predicate.value.endsWith('printedText'));
  let body = resourceHeading(ctx, g, x, title, own);
  body += sourceTexts(ctx, g, x, texts);
  body += propertyTable(
    ctx,
    g,
    x,
    own.filter((q) => q.predicate.value !== RDF_TYPE && !texts.includes(q)),
  );
  body += involvedTable(ctx, g, data);
  body += incomingSection(ctx, g, data);
  const local = ctx.mapper.toLocal(x);
  const formats = [
    ['Turtle', 'ttl', 'text/turtle'],
    ['JSON-LD', 'jsonld', 'application/ld+json'],
    ['N-Triples', 'nt', 'application/n-triples'],
  ] as const;
  body += `<p class="formats">${formats.map(([l, f, t]) => `<a href="${escapeHtml(local)}?format=${f}" type="${t}">${l}</a>`).join('')}</p>`;
  return layout(title, body, {
    lang: ctx.lang,
    here: ctx.here,
    alternates: formats.map(([, f, t]) => ({
      href: `${local}?format=${f}`,
      type: t,
    })),
  });
}

/** Crumbs (the papers, the paper it is part of), the title, the IRI, the types, and a link to its place in the paper. */
function resourceHeading(ctx: PageContext, g: PageGraph, x: string, title: string, own: readonly Quad[]): string {
  const types = own.filter((q) => q.predicate.value === RDF_TYPE).map((q) => q.object.value);
  let html = `<nav class="crumbs">${link(ctx, `${ctx.base}id/`, ctx.words.papers)}`;
  const doc = g.iris(x, ctx.k.partOf)[0];
  if (doc) html += ` › ${link(ctx, doc, name(ctx, g, doc))}`;
  html += '</nav>';
  html += `<h1>${escapeHtml(title)}</h1><div class="iri">${escapeHtml(x)}</div>`;
  if (types.length > 0) html += `<p class="types">${types.map((t) => link(ctx, t, ctx.terms.name(t, ctx.lang), `title="${escapeHtml(t)}"`)).join(', ')}</p>`;
  if (doc) {
    const local = ctx.mapper.toLocal(x);
    const docLocal = ctx.mapper.toLocal(doc);
    if (local.startsWith(`${docLocal}/`))
      html += `<p class="chips">↳ <a href="${escapeHtml(href(ctx, doc))}#${escapeHtml(local.slice(docLocal.length + 1).replace(/[^A-Za-z0-9-]+/g, '-'))}">${escapeHtml(ctx.lang === 'nl' ? 'in het stuk lezen' : 'read in the paper')}</a></p>`;
  }
  return html;
}

/** The text the resource was extracted from (question, answer, footnote, notice), and where in the source it stands. */
function sourceTexts(ctx: PageContext, g: PageGraph, x: string, texts: readonly Quad[]): string {
  // The place of the whole resource: its hash-child with a position (#bron before #vraag, #markering).
  const place = g
    .subjects()
    .filter((h) => h.startsWith(`${x}#`) && position(g, h) !== undefined)
    .sort((a, b) => Number(b.endsWith('#bron')) - Number(a.endsWith('#bron')))[0];
  const at = place === undefined ? undefined : position(g, place);
  let html = '';
  for (const t of texts) {
    const lang = t.object.termType === 'Literal' && t.object.language ? t.object.language : 'nl';
    html += `<p class="label">${propertyName(ctx, t.predicate.value)}</p><blockquote lang="${escapeHtml(lang)}">${escapeHtml(t.object.value)}</blockquote>`;
    if (at !== undefined) html += ` <small>(${escapeHtml(ctx.words.sourceSpan)} ${escapeHtml(at.start)}–${escapeHtml(at.end ?? '?')})</small>`;
  }
  return html;
}

/** Properties: one row each, by label; literals in the page's language when there is a choice; selectors as source spans. */
function propertyTable(ctx: PageContext, g: PageGraph, x: string, quads: readonly Quad[]): string {
  const w = ctx.words;
  const rows = new Map<string, Quad[]>();
  for (const q of quads) {
    const list = rows.get(q.predicate.value) ?? [];
    list.push(q);
    rows.set(q.predicate.value, list);
  }
  const entries = [...rows].map(([p, qs]) => {
    const inLang = qs.filter((q) => q.object.termType === 'Literal' && q.object.language === ctx.lang);
    const shown = inLang.length > 0 ? qs.filter((q) => q.object.termType !== 'Literal' || q.object.language === ctx.lang || q.object.language === '') : qs;
    return { p, label: ctx.terms.name(p, ctx.lang), qs: shown };
  });
  entries.sort((a, b) => a.label.localeCompare(b.label, ctx.lang));
  if (entries.length === 0) return '';
  let html = '<table>';
  for (const e of entries) {
    const values = e.qs
      .map((q) => {
        const o = q.object;
        if (o.termType === 'NamedNode') {
          if (o.value.startsWith(`${x}#`)) {
            // A selector: where in the source this stands.
            const at = position(g, o.value);
            const p = g.literal(o.value, ctx.k.page);
            if (at !== undefined) return `${escapeHtml(w.sourceSpan)} ${escapeHtml(at.start)}–${escapeHtml(at.end ?? '?')}${p ? `, ${escapeHtml(w.page)} ${escapeHtml(p)}` : ''}`;
          }
          return link(ctx, o.value, name(ctx, g, o.value));
        }
        if (o.termType === 'Literal') return literalHtml(ctx, o.value, o.datatype?.value);
        return escapeHtml(o.value);
      })
      .sort((a, b) => a.localeCompare(b, ctx.lang, { numeric: true }));
    html += `<tr><th>${propertyName(ctx, e.p)}</th><td>${values.join('<br>')}</td></tr>`;
  }
  return `${html}</table>`;
}

/** The papers the resource is involved in (a concept mentioned, a faction asking), with how often. */
function involvedTable(ctx: PageContext, g: PageGraph, data: ResourceData): string {
  const w = ctx.words;
  if (data.involved.length === 0) return '';
  let html = `<h2>${escapeHtml(w.involved)} <small>(${data.involved.length})</small></h2><table class="list"><tr><th>${escapeHtml(w.title)}</th><th>${escapeHtml(w.genre)}</th><th>${escapeHtml(w.date)}</th><th>#</th></tr>`;
  for (const d of data.involved) {
    const genre = g.iris(d.doc, ctx.k.genre)[0];
    const date = g.literal(d.doc, ctx.k.dateReceived) ?? g.literal(d.doc, `${DCT}dateSubmitted`);
    const id = g.literal(d.doc, `${DCT}identifier`) ?? fallbackLabel(d.doc, ctx.base);
    const t = g.literalIn(d.doc, `${DCT}title`, ctx.lang) ?? g.literal(d.doc, `${DCT}title`);
    html += `<tr><td>${link(ctx, d.doc, t ? `${t} (${id})` : id)}</td><td>${genre ? escapeHtml(ctx.terms.name(genre, ctx.lang)) : ''}</td><td>${date ? escapeHtml(formatDate(date, ctx.lang)) : ''}</td><td>${d.n}</td></tr>`;
  }
  return `${html}</table>`;
}

/** The links to the resource, counted per property, one page of them at a time. */
function incomingSection(ctx: PageContext, g: PageGraph, data: ResourceData): string {
  if (data.incomingTotal === 0) return '';
  const pages = Math.ceil(data.incomingTotal / LINKS_PER_PAGE);
  const from = (data.page - 1) * LINKS_PER_PAGE + 1;
  const to = from + data.incoming.length - 1;
  let html = `<h2 id="links">${escapeHtml(ctx.words.linksHere)} <small>(<span class="total">${data.incomingTotal}</span>)</small></h2>`;
  const perProperty = [...data.incomingCounts].map(([p, n]) => `${propertyName(ctx, p)} ${n}`).join(' · ');
  html += `<p class="chips">${perProperty}</p>`;
  const pager = pages > 1 ? pagerHtml(ctx, data.page, pages, from, to, data.incomingTotal) : '';
  html += pager;
  html += '<table class="list">';
  for (const r of data.incoming) html += `<tr><th>${propertyName(ctx, r.p)}</th><td>${link(ctx, r.s, incomingName(ctx, g, r.s))}</td></tr>`;
  html += '</table>';
  return html + pager;
}

function pagerHtml(ctx: PageContext, page: number, pages: number, from: number, to: number, total: number): string {
  const w = ctx.words;
  const at = (n: number) => {
    const u = new URL(ctx.here.href);
    u.searchParams.set('page', String(n));
    return `${u.pathname}${u.search}#links`;
  };
  const parts = [`<span>${from}–${to} ${escapeHtml(w.of)} ${total}</span>`];
  if (page > 1) parts.push(`<a rel="prev" href="${escapeHtml(at(page - 1))}">← ${escapeHtml(w.previous)}</a>`);
  if (page < pages) parts.push(`<a rel="next" href="${escapeHtml(at(page + 1))}">${escapeHtml(w.next)} →</a>`);
  return `<p class="pager">${parts.join('')}</p>`;
}
