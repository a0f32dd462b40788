/** /def: the ontology, as HTML, Turtle, JSON-LD or N-Triples. */
import { ONTOLOGY_PATH } from '../../rdf/iris.js';
import type { ServerContext } from '../context.js';
import { FORMAT_EXTENSION, RDF_OFFERS } from '../deref.js';
import { send, sendError } from '../http.js';
import { compactedJsonLd } from '../jsonld.js';
import { contentType } from '../negotiate.js';
import { writeRdfXml } from '../results.js';
import { writeQuads } from '../service-description.js';
import { formatFor } from './deref.js';
import type { Handler } from './types.js';

export function defHandler(ctx: ServerContext): Handler {
  return async (req, res, url) => {
    const quads = ctx.ontology();
    if (!quads) return sendError(res, 404, 'the ontology (ontology/kamerstukken.ttl) is not available');
    const mediaType = formatFor(req, url);
    if (!mediaType) return sendError(res, 406, `available: ${RDF_OFFERS.join(', ')}`, { vary: 'accept' });
    const iri = ctx.config.base + ONTOLOGY_PATH;
    const headers = { vary: 'accept', 'content-location': `/def?format=${FORMAT_EXTENSION[mediaType]}` };
    if (mediaType === 'text/html') {
      return send(res, 200, 'text/html; charset=utf-8', ctx.pages.ontology(quads, iri), headers, req.method === 'HEAD');
    }
    const body =
      mediaType === 'application/ld+json'
        ? await compactedJsonLd(quads, ctx.jsonldContext, iri.replace(/#$/, ''))
        : mediaType === 'application/rdf+xml'
          ? [...writeRdfXml(quads)].join('')
          : await writeQuads(quads, mediaType as 'text/turtle', ctx.prefixes);
    send(res, 200, contentType(mediaType), body, headers, req.method === 'HEAD');
  };
}
