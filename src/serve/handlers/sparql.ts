/**
 * /sparql: the SPARQL 1.1 Protocol query operation (streamed from the pool),
 * the service description on a GET without a query, and /health.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { void_, xsd } from '../../rdf/vocab.js';
import { cacheHeaders, etagMatches, notModified } from '../cache.js';
import { collect, type ServerContext } from '../context.js';
import { QueryError } from '../errors.js';
import { CORS, localOrigin, send, sendError } from '../http.js';
import { contentType, negotiate } from '../negotiate.js';
import { parseProtocolRequest } from '../protocol.js';
import { serviceDescription, toJsonLd, writeQuads } from '../service-description.js';
import type { Handler } from './types.js';

export function sparqlHandler(ctx: ServerContext): Handler {
  const { maxResults, bodyLimit } = ctx.config;
  const describe = serviceDescriber(ctx);

  return async (req, res, url) => {
    let request;
    try {
      request = await parseProtocolRequest(req, url, bodyLimit);
    } catch (err) {
      if (err instanceof QueryError) return sendError(res, err.status, err.message, err.headers);
      throw err;
    }
    if (!request) return describe(req, res);
    // Conditional requests (cache.ts): GET and HEAD only; a POST is a query to answer, never a 304.
    const ifNoneMatch = req.method === 'GET' || req.method === 'HEAD' ? req.headers['if-none-match'] : undefined;
    let unchanged = false;
    let cancelled = false;
    let cancel = () => {};
    // A client that stops reading: while part of the answer is waiting to be sent
    // and the socket has taken nothing more for stallMs, the connection is cut
    // (and the 'close' below cancels the query if it is still running).
    let sent = -1;
    const stall = setInterval(() => {
      const socket = res.socket;
      if (!socket) return;
      if (res.writableLength > 0 && socket.bytesWritten === sent) res.destroy(new Error('client stopped reading'));
      sent = socket.bytesWritten;
    }, ctx.config.stallMs);
    stall.unref();
    res.on('close', () => {
      clearInterval(stall);
      if (!res.writableFinished) {
        cancelled = true;
        cancel();
      }
    });
    cancel = ctx.pool.run(
      {
        query: request.query,
        accept: req.headers.accept,
        defaultGraphs: request.defaultGraphs,
        namedGraphs: request.namedGraphs,
        // Relative IRIs in the query resolve against the request (SPARQL 1.1 Query §4.1.1.1).
        baseIRI: `${localOrigin(req)}${url.pathname}`,
      },
      {
        ifNoneMatch,
        fresh: /\bno-cache\b/i.test(String(req.headers['cache-control'] ?? '')),
        head: (mediaType, truncated, info) => {
          if (cancelled) return;
          const headers: Record<string, string> = {
            ...CORS,
            'content-type': contentType(mediaType),
            vary: 'accept',
            'x-max-results': String(maxResults),
            ...cacheHeaders(info?.etag, info?.cache),
          };
          if (truncated) headers['x-result-truncated'] = 'true';
          if (info?.etag && etagMatches(ifNoneMatch, info.etag)) {
            unchanged = true;
            return notModified(res, info.etag, headers);
          }
          res.writeHead(200, headers);
        },
        chunk: (data) => {
          if (!cancelled && !unchanged && req.method !== 'HEAD') res.write(data);
        },
        end: () => {
          if (!cancelled && !unchanged) res.end();
        },
        error: (status, message, afterHead, headers) => {
          if (cancelled) return;
          // After the status line has gone out an error can only cut the response short:
          // a client sees an incomplete transfer, never a complete-looking wrong answer.
          if (afterHead) res.destroy(new Error(message));
          else sendError(res, status, message, headers);
        },
      },
    );
  };
}

/** The named graphs of the store, asked once (the store does not change while the server runs). */
async function listNamedGraphs(ctx: ServerContext): Promise<string[] | undefined> {
  const answer = await collect(ctx.pool, 'SELECT DISTINCT ?g WHERE { GRAPH ?g {} } ORDER BY ?g', 'application/sparql-results+json');
  if (answer.status !== 200) return undefined;
  const json = JSON.parse(answer.body) as { results?: { bindings?: { g?: { type?: string; value?: string } }[] } };
  return (json.results?.bindings ?? []).flatMap((b) => (b.g?.type === 'uri' && b.g.value ? [b.g.value] : []));
}

function serviceDescriber(ctx: ServerContext): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  let graphs: Promise<string[] | undefined> | undefined;
  return async (req, res) => {
    const mediaType = negotiate(req.headers.accept, ['text/turtle', 'application/n-triples', 'application/ld+json', 'text/html']);
    if (mediaType === 'text/html') {
      // A browser opening the endpoint gets the query UI.
      res.writeHead(303, { ...CORS, location: '/', vary: 'accept' });
      return void res.end();
    }
    if (!mediaType) {
      return sendError(res, 406, 'the service description is available as text/turtle, application/n-triples or application/ld+json', { vary: 'accept' });
    }
    await ctx.ready;
    graphs ??= listNamedGraphs(ctx).then((list) => {
      if (!list) graphs = undefined; // asked again next time (the store was not ready, or busy)
      return list;
    });
    const namedGraphs = (await graphs) ?? [];
    const voidDescription = (await ctx.published.datasetDescription()) ? ctx.datasetIri : undefined;
    return describeService(ctx, req, res, mediaType, namedGraphs, voidDescription);
  };
}

async function describeService(ctx: ServerContext, req: IncomingMessage, res: ServerResponse, mediaType: string, namedGraphs: string[], voidDescription: string | undefined): Promise<void> {
  const { timeoutMs, maxResults, federate, allowedServices } = ctx.config;
  const endpoint = `${localOrigin(req)}/sparql`;
  const quads = serviceDescription({ endpoint, quads: ctx.pool.status().quads, timeoutMs, maxResults, federate, allowedServices, namedGraphs, voidDescription });
  const body = mediaType === 'application/ld+json' ? toJsonLd(quads) : await writeQuads(quads, mediaType as 'text/turtle', { sd: 'http://www.w3.org/ns/sparql-service-description#', void: void_.iri, xsd: xsd.iri });
  send(res, 200, contentType(mediaType), body, { vary: 'accept' }, req.method === 'HEAD');
}

/** /health: the pool's state as JSON; 503 while no worker can answer. */
export function healthHandler(ctx: ServerContext): Handler {
  return (_req, res) => {
    const status = ctx.pool.status();
    send(res, status.ready > 0 ? 200 : 503, 'application/json', JSON.stringify(status) + '\n');
  };
}
