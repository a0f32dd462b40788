/**
 * The named graphs: /graph/{id} (the IRI {base}graph/{id}, one graph per
 * document, plus graph/gazetteer and graph/tweedekamer) dereferenced as the
 * graph's description: how many triples it holds (counted in the store now),
 * the paper it holds (with its genre and title), the dataset it belongs to and
 * where its triples can be downloaded (documents/{id}.ttl and .jsonld, when the
 * build published them). Every format deref offers; 404 for a graph the store
 * does not hold.
 */
import { DataFactory, Parser as N3Parser, type Quad } from 'n3';
import { documentFile } from '../../output-layout.js';
import { dcterms, foaf, rdf, rdfs, skos, void_, xsd } from '../../rdf/vocab.js';
import { collect, type ServerContext } from '../context.js';
import { IriMapper, RDF_OFFERS } from '../deref.js';
import { localOrigin, sendError } from '../http.js';
import { formatFor, sendDescription } from './deref.js';
import type { Handler } from './types.js';

const { namedNode, literal, quad } = DataFactory;
const SD = 'http://www.w3.org/ns/sparql-service-description#';
export const GRAPH_PATH = '/graph/';
/** A graph's name under graph/: one plain path segment (IriMinter's rule for ids). */
const GRAPH_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** The SPARQL JSON answer of a one-row COUNT, as a number (undefined when the answer is not one). */
function countOf(json: string): number | undefined {
  const parsed = JSON.parse(json) as { results?: { bindings?: { n?: { value?: string } }[] } };
  const value = parsed.results?.bindings?.[0]?.n?.value;
  const n = value === undefined ? NaN : Number(value);
  return Number.isInteger(n) ? n : undefined;
}

export function graphHandler(ctx: ServerContext): Handler {
  const genre = ctx.minter.kld.genre.value;
  const labels = [rdfs('label'), skos('prefLabel'), dcterms('title')].map((t) => `<${t.value}>`).join(', ');
  return async (req, res, url) => {
    const mediaType = formatFor(req, url);
    if (!mediaType) return sendError(res, 406, `this graph's description is available as ${RDF_OFFERS.join(', ')}`, { vary: 'accept' });
    const html = mediaType === 'text/html' ? ctx.pages.error : undefined;
    const id = decodeURIComponent(url.pathname.slice(GRAPH_PATH.length));
    const g = `${ctx.config.base}graph/${id}`;
    if (!GRAPH_ID.test(id)) return sendError(res, 404, `no graph is named <${g}>`, { vary: 'accept' }, html);
    await ctx.ready;

    const counted = await collect(ctx.pool, `SELECT (COUNT(*) AS ?n) WHERE { GRAPH <${g}> { ?s ?p ?o } }`, 'application/sparql-results+json');
    if (counted.status !== 200) return sendError(res, counted.status, counted.message ?? 'query failed', { vary: 'accept' }, html);
    const triples = countOf(counted.body);
    if (triples === undefined) return sendError(res, 500, 'the store did not count the graph', { vary: 'accept' }, html);
    if (triples === 0) return sendError(res, 404, `no graph is named <${g}>`, { vary: 'accept' }, html);

    // The paper(s) the graph holds: what has a genre, with its genre and labels (for the page's links).
    const papers = await collect(
      ctx.pool,
      `CONSTRUCT { ?paper <${genre}> ?genre . ?paper ?lp ?l } WHERE { GRAPH <${g}> { ?paper <${genre}> ?genre OPTIONAL { ?paper ?lp ?l FILTER(?lp IN (${labels})) } } }`,
      'application/n-triples',
    );
    if (papers.status !== 200) return sendError(res, papers.status, papers.message ?? 'query failed', { vary: 'accept' }, html);
    const held = new N3Parser({ format: 'N-Triples' }).parse(papers.body);

    const graph = namedNode(g);
    const quads: Quad[] = [
      quad(graph, rdf('type'), namedNode(`${SD}Graph`)),
      quad(graph, rdf('type'), void_('Dataset')),
      quad(graph, rdfs('label'), literal(`Graaf ${id}`, 'nl')),
      quad(graph, rdfs('label'), literal(`Graph ${id}`, 'en')),
      quad(graph, void_('triples'), literal(String(triples), xsd('integer'))),
      quad(graph, void_('inDataset'), namedNode(ctx.datasetIri)),
    ];
    for (const paper of new Set(held.map((q) => q.subject.value))) quads.push(quad(graph, foaf('primaryTopic'), namedNode(paper)));
    // The graph's triples as published files (documents/{id}.ttl is exactly this graph's triples).
    for (const kind of ['ttl', 'jsonld'] as const) {
      const file = documentFile(id, kind);
      if (await ctx.published.has(file)) quads.push(quad(graph, void_('dataDump'), ctx.minter.download(file)));
    }
    quads.push(...held);
    const mapper = new IriMapper(ctx.config.base, localOrigin(req) + '/');
    await sendDescription(ctx, req, res, url.pathname, g, mediaType, quads, mapper);
  };
}
