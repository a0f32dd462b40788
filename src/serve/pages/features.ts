/**
 * /sparql/features: what the endpoint offers, for a person (the machine-
 * readable service description is /sparql with Accept: text/turtle): the
 * endpoint's address, query language, result formats, limits, its named graphs
 * with their sizes, federation, and where the query UI and dumps are.
 */
import { escapeHtml } from '../html.js';
import { link, type PageContext } from './context.js';
import { layout, withLang } from './layout.js';
import { num, select } from './sparql.js';

export interface FeaturesInfo {
  endpoint: string;
  quads: number;
  timeoutS: number;
  maxResults: number;
  federate: string[];
}

export async function renderFeatures(ctx: PageContext, info: FeaturesInfo): Promise<string> {
  const nl = ctx.lang === 'nl';
  const graphs = await select(ctx.pool, 'SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g');
  const n = (x: number) => x.toLocaleString(nl ? 'nl-NL' : 'en-GB');
  const rows: [string, string][] = [
    [nl ? 'Adres' : 'Address', `<code>${escapeHtml(info.endpoint)}</code>`],
    [nl ? 'Taal' : 'Language', 'SPARQL 1.1 Query (SELECT, ASK, CONSTRUCT, DESCRIBE); SPARQL 1.1 Protocol: GET <code>?query=</code>, POST form, POST <code>application/sparql-query</code>'],
    [nl ? 'Alleen lezen' : 'Read-only', nl ? 'ja: geen SPARQL Update' : 'yes: no SPARQL Update'],
    [
      nl ? 'Resultaatformaten' : 'Result formats',
      'SPARQL JSON, SPARQL XML, CSV, TSV (SELECT, ASK); Turtle, N-Triples, N-Quads, JSON-LD (CONSTRUCT, DESCRIBE) — ' + (nl ? 'te kiezen met de Accept-header' : 'chosen by the Accept header'),
    ],
    [nl ? 'Tijdslimiet' : 'Time limit', `${n(info.timeoutS)} s ${nl ? 'per vraag' : 'per query'}`],
    [nl ? 'Maximum' : 'Result cap', `${n(info.maxResults)} ${nl ? 'rijen of triples; een afgekapt antwoord heeft de header' : 'rows or triples; a cut answer has the header'} <code>X-Result-Truncated: true</code>`],
    [nl ? 'Standaardgraaf' : 'Default graph', nl ? 'de vereniging van alle benoemde grafen' : 'the union of all named graphs'],
    [nl ? 'Omvang' : 'Size', `${n(info.quads)} quads, ${n(graphs.length)} ${nl ? 'benoemde grafen' : 'named graphs'}`],
    [nl ? 'Federatie' : 'Federation', info.federate.length > 0 ? info.federate.map((f) => `<code>${escapeHtml(f)}</code>`).join(', ') : nl ? 'geen' : 'none'],
  ];
  let body = `<h1>${nl ? 'Het SPARQL-endpoint' : 'The SPARQL endpoint'}</h1>`;
  body += `<dl class="meta">${rows.map(([dt, dd]) => `<dt>${dt}</dt><dd>${dd}</dd>`).join('')}</dl>`;
  body += `<p>${nl ? 'Vragen stellen' : 'Ask questions'}: <a href="${escapeHtml(withLang('/', ctx.lang))}">${nl ? 'de query-interface' : 'the query UI'}</a>. ${nl ? 'De beschrijving voor machines (SPARQL Service Description, VoID)' : 'The description for machines (SPARQL Service Description, VoID)'}: <code>curl -H 'Accept: text/turtle' ${escapeHtml(info.endpoint)}</code>. ${nl ? 'Alles downloaden' : 'Download everything'}: ${link(ctx, `${ctx.base}id/dataset`, nl ? 'dataset en downloads' : 'dataset and downloads')}.</p>`;
  body += `<h2>${nl ? 'Benoemde grafen' : 'Named graphs'} <small>(${graphs.length})</small></h2><table class="list"><tr><th>${nl ? 'graaf' : 'graph'}</th><th>quads</th></tr>`;
  for (const g of graphs) {
    if (!g.g) continue;
    const doc = g.g.value.replace(/\/graph\/([^/]+)$/, '/id/$1');
    const target = doc !== g.g.value && !doc.endsWith('/id/gazetteer') ? doc : g.g.value;
    body += `<tr><td>${link(ctx, target, g.g.value.startsWith(ctx.base) ? g.g.value.slice(ctx.base.length) : g.g.value)}</td><td>${n(num(g.n) ?? 0)}</td></tr>`;
  }
  body += '</table>';
  return layout(nl ? 'SPARQL-endpoint' : 'SPARQL endpoint', body, {
    lang: ctx.lang,
    here: ctx.here,
  });
}
