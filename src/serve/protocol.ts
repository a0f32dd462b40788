/**
 * The SPARQL 1.1 Protocol query operation (https://www.w3.org/TR/sparql11-protocol/#query-operation):
 * query via GET, via POST with a form-encoded body, and via POST directly
 * (application/sparql-query); default-graph-uri / named-graph-uri. The update
 * operation is refused on purpose: this endpoint is read-only.
 */
import type { IncomingMessage } from 'node:http';
import { QueryError } from './errors.js';

export interface ProtocolQuery {
  query: string;
  defaultGraphs: string[];
  namedGraphs: string[];
}

/** Read a request body, refusing more than `limit` bytes (413) without buffering them. */
export async function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > limit) {
    throw new QueryError(413, `request body of ${declared} bytes is larger than the limit of ${limit} bytes`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new QueryError(413, `request body is larger than the limit of ${limit} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function mediaTypeOf(header: string | undefined): string {
  return ((header ?? '').split(';')[0] ?? '').trim().toLowerCase();
}

function fromParams(params: URLSearchParams, query: string | undefined): ProtocolQuery {
  if (params.has('update')) {
    throw new QueryError(403, 'this endpoint is read-only: the SPARQL Update operation is not accepted');
  }
  const queries = params.getAll('query');
  if (query === undefined) {
    if (queries.length === 0) throw new QueryError(400, 'missing "query" parameter');
    if (queries.length > 1) throw new QueryError(400, 'more than one "query" parameter');
    query = queries[0]!;
  } else if (queries.length > 0) {
    throw new QueryError(400, 'a query in the request body and a "query" parameter: send one');
  }
  const graphs = (name: string) => {
    const values = params.getAll(name);
    for (const v of values) {
      if (!/^[a-z][a-z0-9+.-]*:[^\s<>"{}|\\^`]*$/i.test(v)) throw new QueryError(400, `${name} is not an absolute IRI: "${v}"`);
    }
    return values;
  };
  return { query, defaultGraphs: graphs('default-graph-uri'), namedGraphs: graphs('named-graph-uri') };
}

/**
 * Read the query of a protocol request; undefined for a GET without a query
 * (the caller answers with the service description).
 */
export async function parseProtocolRequest(req: IncomingMessage, url: URL, bodyLimit: number): Promise<ProtocolQuery | undefined> {
  if (req.method === 'GET' || req.method === 'HEAD') {
    if (!url.searchParams.has('query') && !url.searchParams.has('update')) return undefined;
    return fromParams(url.searchParams, undefined);
  }
  if (req.method !== 'POST') {
    throw new QueryError(405, `method ${req.method} is not allowed on the SPARQL endpoint (use GET or POST)`, { allow: 'GET, HEAD, POST, OPTIONS' });
  }
  const type = mediaTypeOf(req.headers['content-type']);
  if (type === 'application/sparql-update') {
    throw new QueryError(403, 'this endpoint is read-only: the SPARQL Update operation is not accepted');
  }
  const body = await readBody(req, bodyLimit);
  if (type === 'application/x-www-form-urlencoded') {
    const params = new URLSearchParams(body);
    for (const [k, v] of url.searchParams) params.append(k, v);
    return fromParams(params, undefined);
  }
  if (type === 'application/sparql-query') {
    return fromParams(url.searchParams, body);
  }
  throw new QueryError(415, `unsupported Content-Type "${type || '(none)'}": send application/sparql-query or application/x-www-form-urlencoded`);
}
