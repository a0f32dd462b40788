/**
 * The index of papers at /id/ (also /documenten): title, genre, date and
 * counts (blocks, answers, citations) of every paper, filterable by genre,
 * year and faction, newest first.
 */
import { escapeHtml } from '../html.js';
import { link, type PageContext } from './context.js';
import { DCT, ORG_MEMBER_OF, SKOS } from './graph.js';
import { formatDate } from './i18n.js';
import { layout, withLang } from './layout.js';
import { iri, num, select } from './sparql.js';

export interface PaperRow {
  doc: string;
  id: string;
  title?: string;
  genre?: string;
  date?: string;
  session?: string;
  blocks: number;
  answers: number;
  citations: number;
}

export interface PaperFilters {
  genre?: string;
  year?: string;
  faction?: string;
}

export interface PapersData {
  rows: PaperRow[];
  all: number;
  genres: string[];
  years: string[];
  factions: { iri: string; label: string }[];
}

/** A member's faction: org:memberOf, or through an org:Membership (property path). */
const MEMBER_OF = `(<${ORG_MEMBER_OF}>|<http://www.w3.org/ns/org#hasMembership>/<http://www.w3.org/ns/org#organization>)`;

function yearOf(r: PaperRow): string | undefined {
  return r.date?.slice(0, 4) ?? r.session?.slice(0, 4);
}

export async function loadPapers(ctx: PageContext, filters: PaperFilters): Promise<PapersData> {
  const k = ctx.k;
  const meta = await select(
    ctx.pool,
    `SELECT ?doc (SAMPLE(?id0) AS ?id) (SAMPLE(?genre0) AS ?genre) (SAMPLE(?date0) AS ?date) (SAMPLE(?sub0) AS ?sub) (SAMPLE(?session0) AS ?session)
  (SAMPLE(?tl) AS ?titleLang) (SAMPLE(?t0) AS ?title) WHERE {
  ?doc <${k.genre}> ?genre0 .
  OPTIONAL { ?doc <${DCT}identifier> ?id0 }
  OPTIONAL { ?doc <${k.dateReceived}> ?date0 }
  OPTIONAL { ?doc <${DCT}dateSubmitted> ?sub0 }
  OPTIONAL { ?doc <${k.vergaderjaar}> ?session0 }
  OPTIONAL { ?doc <${DCT}title> ?tl FILTER(LANGMATCHES(LANG(?tl), "${ctx.lang}")) }
  OPTIONAL { ?doc <${DCT}title> ?t0 }
} GROUP BY ?doc`,
  );
  const counts = await select(ctx.pool, `SELECT ?doc ?t (COUNT(DISTINCT ?x) AS ?n) WHERE { VALUES ?t { <${k.QuestionBlock}> <${k.Answer}> <${k.Citation}> } ?x a ?t ; <${k.partOf}> ?doc } GROUP BY ?doc ?t`);
  const count = new Map<string, number>();
  for (const c of counts) if (c.doc && c.t) count.set(`${c.doc.value} ${c.t.value}`, num(c.n) ?? 0);
  let rows: PaperRow[] = meta
    .filter((m) => m.doc?.type === 'uri')
    .map((m) => {
      const doc = m.doc!.value;
      return {
        doc,
        id: m.id?.value ?? doc.slice(doc.lastIndexOf('/') + 1),
        title: m.titleLang?.value ?? m.title?.value,
        genre: m.genre?.value,
        date: m.date?.value ?? m.sub?.value,
        session: m.session?.value,
        blocks: count.get(`${doc} ${k.QuestionBlock}`) ?? 0,
        answers: count.get(`${doc} ${k.Answer}`) ?? 0,
        citations: count.get(`${doc} ${k.Citation}`) ?? 0,
      };
    });
  const all = rows.length;
  const genres = [...new Set(rows.map((r) => r.genre).filter((g): g is string => g !== undefined))].sort();
  const years = [...new Set(rows.map(yearOf).filter((y): y is string => y !== undefined))].sort().reverse();
  // Factions that asked anything: directly, through a block, or through a member.
  const fr = await select(
    ctx.pool,
    `SELECT DISTINCT ?f (SAMPLE(?n0) AS ?n) WHERE { { ?x <${k.askedBy}> ?f } UNION { ?x <${k.askedBy}> ?p . ?p ${MEMBER_OF} ?f } ?f a <${k.Faction}> OPTIONAL { ?f <${SKOS}notation> ?n0 } } GROUP BY ?f`,
  );
  const factions = fr
    .filter((r) => r.f?.type === 'uri')
    .map((r) => ({
      iri: r.f!.value,
      label: r.n?.value ?? r.f!.value.slice(r.f!.value.lastIndexOf('/') + 1),
    }))
    .sort((a, b) => a.label.localeCompare(b.label, 'nl'));

  if (filters.genre) rows = rows.filter((r) => r.genre === filters.genre || (r.genre !== undefined && r.genre.endsWith(`#${filters.genre}`)));
  if (filters.year) rows = rows.filter((r) => yearOf(r) === filters.year);
  if (filters.faction) {
    const f = factions.find((x) => x.iri === filters.faction || x.label.toLowerCase() === filters.faction!.toLowerCase() || x.iri.endsWith(`/${filters.faction}`));
    const target = f?.iri ?? filters.faction;
    const docs = await select(
      ctx.pool,
      `SELECT DISTINCT ?doc WHERE { { ?doc <${k.askedBy}> ${iri(target)} } UNION { ?b <${k.askedBy}> ${iri(target)} ; <${k.partOf}> ?doc } UNION { ?doc <${k.askedBy}> ?p . ?p ${MEMBER_OF} ${iri(target)} } }`,
    );
    const set = new Set(docs.map((d) => d.doc?.value));
    rows = rows.filter((r) => set.has(r.doc));
  }
  rows.sort((a, b) => (b.date ?? b.session ?? '').localeCompare(a.date ?? a.session ?? '') || a.id.localeCompare(b.id, 'en', { numeric: true }));
  return { rows, all, genres, years, factions };
}

export function renderPapers(ctx: PageContext, data: PapersData, filters: PaperFilters): string {
  const w = ctx.words;
  const option = (value: string, label: string, selected: boolean) => `<option value="${escapeHtml(value)}"${selected ? ' selected' : ''}>${escapeHtml(label)}</option>`;
  const genreKey = (g: string) => g.slice(g.lastIndexOf('#') + 1);
  let body = `<h1>${escapeHtml(w.papers)}</h1>`;
  body += `<form class="filters" method="get" action="/id/">`;
  if (ctx.lang !== 'nl') body += `<input type="hidden" name="lang" value="${ctx.lang}">`;
  body += `<label>${escapeHtml(w.genre)}<select name="genre">${option('', w.all, !filters.genre)}${data.genres.map((g) => option(genreKey(g), ctx.terms.name(g, ctx.lang), filters.genre === g || filters.genre === genreKey(g))).join('')}</select></label>`;
  body += `<label>${escapeHtml(w.year)}<select name="year">${option('', w.all, !filters.year)}${data.years.map((y) => option(y, y, filters.year === y)).join('')}</select></label>`;
  body += `<label>${escapeHtml(w.faction)}<select name="faction">${option('', w.all, !filters.faction)}${data.factions.map((f) => option(f.iri.slice(f.iri.lastIndexOf('/') + 1), f.label, filters.faction === f.iri || filters.faction === f.iri.slice(f.iri.lastIndexOf('/') + 1))).join('')}</select></label>`;
  body += `<button type="submit">${escapeHtml(w.filter)}</button></form>`;
  body += `<p class="chips"><span class="count">${data.rows.length}</span> ${escapeHtml(w.of)} ${data.all} ${escapeHtml(w.count)}</p>`;
  if (data.rows.length === 0) body += `<p>${escapeHtml(w.none)}</p>`;
  else {
    body += `<table class="list papers"><tr><th>${escapeHtml(w.title)}</th><th>${escapeHtml(w.genre)}</th><th>${escapeHtml(w.date)}</th><th>${escapeHtml(w.blocks)}</th><th>${escapeHtml(w.answers)}</th><th>${escapeHtml(w.citationsCount)}</th></tr>`;
    for (const r of data.rows) {
      const title = r.title ? `${r.title.charAt(0).toUpperCase()}${r.title.slice(1)}` : w.untitled;
      body += `<tr><td>${link(ctx, r.doc, title)}<br><small class="iri">${escapeHtml(r.id)}</small></td><td>${r.genre ? escapeHtml(ctx.terms.name(r.genre, ctx.lang)) : ''}</td><td>${r.date ? escapeHtml(formatDate(r.date, ctx.lang)) : escapeHtml(r.session ?? '')}</td><td>${r.blocks}</td><td>${r.answers}</td><td>${r.citations}</td></tr>`;
    }
    body += '</table>';
  }
  body += `<p class="formats"><a href="${escapeHtml(withLang('/id/dataset', ctx.lang))}">${escapeHtml(w.dataset)}</a></p>`;
  return layout(w.papers, body, { lang: ctx.lang, here: ctx.here });
}
