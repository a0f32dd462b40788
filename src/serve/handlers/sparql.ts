/**
 * /sparql: the SPARQL 1.1 Protocol query operation (streamed from the pool),
 * the service description on a GET without a query, and /health.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { void_, xsd } from '../../rdf/vocab.js';
import { cacheHeaders, etagMatches, notModified } from '../cache.js';
import type { ServerContext } from '../context.js';
import { QueryError } from '../errors.js';
import { CORS, localOrigin, send, sendError } from '../http.js';
import { contentType, negotiate } from '../negotiate.js';
import { parseProtocolRequest } from '../protocol.js';
import { serviceDescription, toJsonLd, writeQuads } from '../service-description.js';
import type { Handler } from './types.js';

export function sparqlHandler(ctx: ServerContext): Handler {
  const { maxResults, bodyLimit } = ctx.config;

  return async (req, res, url) => {
    let request;
    try {
      request = await parseProtocolRequest(req, url, bodyLimit);
    } catch (err) {
      if (err instanceof QueryError) return sendError(res, err.status, err.message, err.headers);
      throw err;
    }
    if (!request) return describeService(ctx, req, res);
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

async function describeService(ctx: ServerContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
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
  const { timeoutMs, maxResults, federate } = ctx.config;
  const endpoint = `${localOrigin(req)}/sparql`;
  const quads = serviceDescription({ endpoint, quads: ctx.pool.status().quads, timeoutMs, maxResults, federate });
  const body =
    mediaType === 'application/ld+json'
      ? toJsonLd(quads)
      : await writeQuads(quads, mediaType as 'text/turtle', { sd: 'http://www.w3.org/ns/sparql-service-description#', void: void_.iri, xsd: xsd.iri });
  send(res, 200, contentType(mediaType), body, { vary: 'accept' }, req.method === 'HEAD');
}

/** /health: the pool's state as JSON; 503 while no worker can answer. */
export function healthHandler(ctx: ServerContext): Handler {
  return (_req, res) => {
    const status = ctx.pool.status();
    send(res, status.ready > 0 ? 200 : 503, 'application/json', JSON.stringify(status) + '\n');
  };
}
