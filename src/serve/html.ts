/**
 * HTML pages for people: a resource's label, types, text (the span of the
 * source it was extracted from), its properties as links, and what links to it.
 * Server-rendered, no scripts, no external assets.
 */
import type { Quad, Term } from '@rdfjs/types';
import { ontologyHtmlBody, ontologyHtmlTitle } from '../rdf/ontology-doc.js';
import { PREFIXES, rdf, rdfs, skos, dcterms, oa } from '../rdf/vocab.js';
import type { IriMapper } from './deref.js';
import { TermLabels } from './pages/i18n.js';

/** Labels of the reused vocabularies (DCAT, VoID, Dublin Core, …) for the dataset description's pages. */
const REUSED_TERMS = new TermLabels([], '');

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

export const STYLE = `body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0;color:#1d1d1f;line-height:1.5}
header{background:#154273;color:#fff;padding:.6rem 1.2rem}header a{color:#fff;text-decoration:none;margin-right:1.2rem}
main{max-width:62rem;margin:1.2rem auto;padding:0 1.2rem}h1{font-size:1.5rem;margin:.4rem 0}
.iri{font-family:ui-monospace,monospace;font-size:.85rem;color:#555;word-break:break-all}
table{border-collapse:collapse;width:100%;margin:.6rem 0}th,td{text-align:left;vertical-align:top;padding:.3rem .5rem;border-bottom:1px solid #ddd}
th{width:14rem;font-weight:600;font-size:.9rem}blockquote{background:#f5f5f7;border-left:4px solid #154273;margin:.8rem 0;padding:.6rem 1rem;white-space:pre-wrap}
.lang{color:#888;font-size:.75rem;margin-left:.3rem}.formats a{margin-right:.8rem}.types{color:#555}`;

export function page(title: string, body: string, alternates: { href: string; type: string }[] = []): string {
  const links = alternates.map((a) => `<link rel="alternate" type="${escapeHtml(a.type)}" href="${escapeHtml(a.href)}">`).join('\n');
  return `<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · kamerstukken-ld</title>
${links}
<style>${STYLE}</style></head>
<body><header><a href="/id/"><strong>kamerstukken-ld</strong></a><a href="/id/">Documenten</a><a href="/">SPARQL</a><a href="/def">Ontologie</a><a href="/id/dataset">Dataset &amp; downloads</a><a href="/sparql/features">Over het endpoint</a></header>
<main>${body}</main></body></html>
`;
}

function prefixed(iri: string, ontology: string): string {
  if (iri.startsWith(ontology)) return `kld:${iri.slice(ontology.length)}`;
  for (const [p, ns] of Object.entries(PREFIXES)) if (iri.startsWith(ns) && iri.length > ns.length) return `${p}:${iri.slice(ns.length)}`;
  return iri;
}

const LABEL_PREDICATES = [rdfs('label').value, skos('prefLabel').value, dcterms('title').value];
/** Our text-bearing properties: kld:text, kld:answerText, kld:questionText, … */
function isTextPredicate(iri: string, ontology: string): boolean {
  return iri.startsWith(ontology) && /(?:^t|T)ext$/.test(iri.slice(ontology.length));
}

function labelOf(quads: Quad[], iri: string): string | undefined {
  for (const p of LABEL_PREDICATES) {
    const q = quads.find((x) => x.subject.value === iri && x.predicate.value === p && x.object.termType === 'Literal');
    if (q) return q.object.value;
  }
  return undefined;
}

export interface ResourceView {
  iri: string;
  quads: Quad[];
  mapper: IriMapper;
  ontology: string;
  /** Links to the machine-readable forms of this page. */
  alternates: { href: string; type: string; label: string }[];
}

function renderTerm(t: Term, view: ResourceView): string {
  if (t.termType === 'NamedNode') {
    const label = labelOf(view.quads, t.value);
    const text = label ?? prefixed(t.value, view.ontology);
    return `<a href="${escapeHtml(view.mapper.toLocal(t.value))}">${escapeHtml(text)}</a>`;
  }
  if (t.termType === 'Literal') {
    // The value only: no language tag or datatype shown to people.
    const lang = '';
    const long = t.value.length > 300;
    return long ? `<blockquote>${escapeHtml(t.value)}</blockquote>${lang}` : `${escapeHtml(t.value)}${lang}`;
  }
  return escapeHtml(t.value);
}

export function renderResource(view: ResourceView): string {
  const { iri, quads } = view;
  const own = quads.filter((q) => q.subject.value === iri);
  const title = labelOf(quads, iri) ?? iri.replace(/[/#]$/, '').split(/[/#]/).pop() ?? iri;
  const types = own.filter((q) => q.predicate.value === rdf('type').value).map((q) => renderTerm(q.object, view));
  // The text the resource was extracted from, and where in the source it stands.
  const texts = own.filter((q) => q.object.termType === 'Literal' && isTextPredicate(q.predicate.value, view.ontology));
  const selector = quads.find((q) => q.subject.value.startsWith(`${iri}#`) && q.predicate.value === oa('start').value);
  const end = selector && quads.find((q) => q.subject.equals(selector.subject) && q.predicate.value === oa('end').value);
  let body = `<h1>${escapeHtml(title)}</h1><div class="iri">${escapeHtml(iri)}</div>`;
  if (types.length > 0) body += `<p class="types">${types.join(', ')}</p>`;
  for (const t of texts) {
    const span = selector ? ` <small>(bron: tekens ${escapeHtml(selector.object.value)}–${escapeHtml(end?.object.value ?? '?')})</small>` : '';
    body += `<blockquote lang="${escapeHtml((t.object as { language?: string }).language || 'nl')}">${escapeHtml(t.object.value)}</blockquote>${span}`;
  }
  const rows = new Map<string, string[]>();
  for (const q of own) {
    if (q.predicate.value === rdf('type').value || texts.includes(q)) continue;
    const key = q.predicate.value;
    if (!rows.has(key)) rows.set(key, []);
    rows.get(key)!.push(renderTerm(q.object, view));
  }
  if (rows.size > 0) {
    body += '<table>';
    for (const [p, values] of [...rows].sort(([a], [b]) => a.localeCompare(b))) {
      // The property's label (the prefixed name on hover), as on the other pages.
      const label = REUSED_TERMS.label(p, 'nl') ?? prefixed(p, view.ontology);
      body += `<tr><th><a href="${escapeHtml(view.mapper.toLocal(p))}" title="${escapeHtml(prefixed(p, view.ontology))}">${escapeHtml(label)}</a></th><td>${values.join('<br>')}</td></tr>`;
    }
    body += '</table>';
  }
  const incoming = quads.filter((q) => q.object.value === iri && q.subject.value !== iri && q.object.termType === 'NamedNode');
  if (incoming.length > 0) {
    body += `<h2>Verwijzingen hierheen <small>(${incoming.length})</small></h2><table>`;
    for (const q of incoming.slice(0, 500)) {
      body += `<tr><th>${escapeHtml(prefixed(q.predicate.value, view.ontology))}</th><td>${renderTerm(q.subject, view)}</td></tr>`;
    }
    body += '</table>';
  }
  body += `<p class="formats">${view.alternates.map((a) => `<a href="${escapeHtml(a.href)}" type="${escapeHtml(a.type)}">${escapeHtml(a.label)}</a>`).join('')}</p>`;
  return page(title, body, view.alternates);
}

/** The ontology at /def: the one documentation renderer (src/rdf/ontology-doc.ts) in the site's layout, with its other formats. */
export function renderOntology(quads: Quad[], iri: string): string {
  const body = `${ontologyHtmlBody(quads, iri)}<p class="formats"><a href="/def?format=ttl">Turtle</a><a href="/def?format=jsonld">JSON-LD</a></p>`;
  return page(ontologyHtmlTitle(quads, iri), body);
}
