/**
 * Dereferencing: every IRI under the base answers with its description
 * (HTML, Turtle, JSON-LD, N-Triples), and the dataset description (DCAT/VoID,
 * output/dataset.ttl) at the dataset IRI and the IRIs of its parts.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Parser as N3Parser, type Quad } from 'n3';
import { OUTPUT_FILES } from '../../output-layout.js';
import { ONTOLOGY_PATH } from '../../rdf/iris.js';
import { collect, type ServerContext } from '../context.js';
import { describeQuery, FORMAT_EXTENSION, FORMAT_PARAM, IriMapper, RDF_OFFERS } from '../deref.js';
import { sendFile } from '../downloads.js';
import { CORS, localOrigin, send, sendError } from '../http.js';
import { compactedJsonLd } from '../jsonld.js';
import { contentType, negotiate } from '../negotiate.js';
import { writeRdfXml } from '../results.js';
import { writeQuads } from '../service-description.js';
import type { Handler } from './types.js';

/** The negotiated RDF format of a request: ?format= wins over Accept. */
export function formatFor(req: IncomingMessage, url: URL): string | undefined {
  const param = url.searchParams.get('format');
  if (param) return FORMAT_PARAM[param.toLowerCase()];
  return negotiate(req.headers.accept, RDF_OFFERS);
}

/** Any IRI under the base: its description from the store. */
export function derefHandler(ctx: ServerContext): Handler {
  return async (req, res, url) => {
    const mediaType = formatFor(req, url);
    if (!mediaType) return sendError(res, 406, `this resource is available as ${RDF_OFFERS.join(', ')}`, { vary: 'accept' });
    const html = mediaType === 'text/html' ? ctx.pages.error : undefined;
    // Per request: the links point back to the host the client used.
    const mapper = new IriMapper(ctx.config.base, localOrigin(req) + '/');
    const iri = mapper.toIri(url.pathname);
    let query: string;
    try {
      query = describeQuery(iri);
    } catch {
      return sendError(res, 400, 'not a valid IRI path', { vary: 'accept' }, html);
    }
    const result = await collect(ctx.pool, query, 'application/n-triples');
    if (result.status !== 200) return sendError(res, result.status, result.message ?? 'query failed', { vary: 'accept' }, html);
    const quads = new N3Parser({ format: 'N-Triples' }).parse(result.body);
    if (quads.length === 0) return sendError(res, 404, `nothing is known about <${iri}>`, { vary: 'accept' }, html);
    await sendDescription(ctx, req, res, url.pathname, iri, mediaType, quads, mapper, mediaType === 'application/n-triples' ? result.body : undefined);
  };
}

/** A resource's description in the negotiated format (shared by the store's resources and the dataset description). */
export async function sendDescription(ctx: ServerContext, req: IncomingMessage, res: ServerResponse, pathname: string, iri: string, mediaType: string, quads: Quad[], mapper: IriMapper, ntriples?: string): Promise<void> {
  const ext = FORMAT_EXTENSION[mediaType];
  const headers = { vary: 'accept', 'content-location': `${pathname}?format=${ext}` };
  let body: string;
  if (mediaType === 'text/html') {
    const labels = { 'text/turtle': 'Turtle', 'application/ld+json': 'JSON-LD', 'application/n-triples': 'N-Triples', 'application/rdf+xml': 'RDF/XML' } as const;
    const alternates = (Object.keys(labels) as (keyof typeof labels)[]).map((t) => ({
      href: `${pathname}?format=${FORMAT_EXTENSION[t]}`,
      type: t,
      label: labels[t],
    }));
    body = ctx.pages.resource({ iri, quads, mapper, ontology: ctx.config.base + ONTOLOGY_PATH, alternates });
  } else if (mediaType === 'application/ld+json') body = await compactedJsonLd(quads, ctx.jsonldContext, iri);
  else if (mediaType === 'application/n-triples') body = ntriples ?? (await writeQuads(quads, 'application/n-triples'));
  else if (mediaType === 'application/rdf+xml') body = [...writeRdfXml(quads)].join('');
  else body = await writeQuads(quads, 'text/turtle', ctx.prefixes);
  send(res, 200, contentType(mediaType), body, headers, req.method === 'HEAD');
}

/**
 * The DCAT/VoID description (output/dataset.ttl), answered at the dataset IRI
 * (the whole description) and at the IRIs of its parts (distributions,
 * checksums, partitions, linksets: their own triples, those of the parts they
 * point to, and what points to them). Turtle of the whole description is the
 * published file itself, with its ETag. The handler takes the IRI to describe.
 */
export function datasetHandler(ctx: ServerContext): (req: IncomingMessage, res: ServerResponse, url: URL, iri: string) => Promise<void> {
  const datasetIri = ctx.datasetIri;
  return async (req, res, url, iri) => {
    const mediaType = formatFor(req, url);
    if (!mediaType) return sendError(res, 406, `the dataset description is available as ${RDF_OFFERS.join(', ')}`, { vary: 'accept' });
    const html = mediaType === 'text/html' ? ctx.pages.error : undefined;
    const all = await ctx.published.datasetDescription();
    if (!all) return sendError(res, 404, 'output/dataset.ttl has not been built', { vary: 'accept' }, html);
    const pathname = new IriMapper(ctx.config.base, '/').toLocal(iri);
    if (iri === datasetIri && mediaType === 'text/turtle') {
      const file = await ctx.published.open(OUTPUT_FILES.dataset);
      if (file) return sendFile(req, res, file, { ...CORS, vary: 'accept', 'content-location': `${pathname}?format=ttl` });
    }
    let quads: Quad[] = all;
    if (iri !== datasetIri) {
      const own = all.filter((q) => q.subject.value === iri);
      const parts = new Set(own.filter((q) => q.object.termType === 'NamedNode' && q.object.value.startsWith(`${datasetIri}/`)).map((q) => q.object.value));
      quads = all.filter((q) => q.subject.value === iri || parts.has(q.subject.value) || q.object.value === iri);
      if (quads.length === 0) return sendError(res, 404, `nothing is known about <${iri}>`, { vary: 'accept' }, html);
    }
    const mapper = new IriMapper(ctx.config.base, localOrigin(req) + '/');
    await sendDescription(ctx, req, res, pathname, iri, mediaType, quads, mapper);
  };
}
