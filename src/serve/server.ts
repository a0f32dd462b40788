/**
 * The HTTP server (node:http): the SPARQL endpoint at /sparql, the query UI at
 * /, dereferencing of every IRI under the base, the ontology at /def, the
 * JSON-LD context at /context.jsonld, the published files at /download/…
 * (the dcat:downloadURLs of dataset.ttl), the dataset description at its IRI
 * /id/dataset (also /dataset and /.well-known/void), and /health.
 *
 * Queries run in a pool of worker threads (pool.ts); this thread only parses
 * requests, negotiates formats and streams answers, so it stays responsive
 * whatever a query does.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { existsSync, readFileSync, createReadStream } from 'node:fs';
import path from 'node:path';
import { Parser as N3Parser, type Quad } from 'n3';
import { DEFAULT_BASE, IriMinter, ONTOLOGY_PATH } from '../rdf/iris.js';
import { PREFIXES } from '../rdf/vocab.js';
import { QueryError } from './errors.js';
import { negotiate, contentType } from './negotiate.js';
import { QueryPool } from './pool.js';
import { parseProtocolRequest } from './protocol.js';
import { describeQuery, FORMAT_EXTENSION, FORMAT_PARAM, IriMapper, RDF_OFFERS, unsafePath } from './deref.js';
import { PublishedFiles, sendFile } from './downloads.js';
import { escapeHtml, page, renderResource } from './html.js';
import { PublishedContext, compactedJsonLd } from './jsonld.js';
import { serviceDescription, toJsonLd, writeQuads } from './service-description.js';
import { loadExampleQueries, uiPage, yasguiAssets } from './ui.js';

export interface ServeOptions {
  port: number;
  /** Interface to listen on (default 127.0.0.1; use 0.0.0.0 to serve the network). */
  host?: string;
  /** Directory with what `build` wrote (snapshot manifest, N-Quads, context.jsonld). */
  outputDir: string;
  /** Load these N-Quads files instead of the snapshot (tests, bench). */
  files?: string[];
  base?: string;
  /** Per-query time limit (default 30 s). */
  timeoutMs?: number;
  /** Result cap: rows (SELECT) or triples (CONSTRUCT/DESCRIBE), default 100 000. */
  maxResults?: number;
  /** Query worker threads, each with its own copy of the store (default 2). */
  workers?: number;
  /** Largest accepted request body (default 1 MiB). */
  bodyLimit?: number;
  /** SPARQL endpoints federated as extra sources. */
  federate?: string[];
  /** SERVICE targets allowed besides the federated endpoints (default none). */
  allowedServices?: string[];
  queriesDir?: string;
  ontologyFile?: string;
  /** Log one line per request to stderr. */
  log?: boolean;
}

export interface RunningServer {
  url: string;
  port: number;
  pool: QueryPool;
  /** Resolves when the first worker has loaded the store. */
  ready: Promise<void>;
  close(): Promise<void>;
}

export const DEFAULTS = {
  timeoutMs: 30_000,
  maxResults: 100_000,
  workers: 2,
  bodyLimit: 1 << 20,
};

const repoRoot = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..', ...(import.meta.url.includes('/dist/') ? ['..'] : []));

const CORS = {
  'access-control-allow-origin': '*',
  'access-control-expose-headers': 'content-type, content-location, x-result-truncated, x-max-results, retry-after',
};

interface Collected {
  status: number;
  mediaType?: string;
  body: string;
  message?: string;
}

export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const base = options.base ?? DEFAULT_BASE;
  const timeoutMs = options.timeoutMs ?? DEFAULTS.timeoutMs;
  const maxResults = options.maxResults ?? DEFAULTS.maxResults;
  const bodyLimit = options.bodyLimit ?? DEFAULTS.bodyLimit;
  const federate = options.federate ?? [];
  const pool = new QueryPool({
    workers: options.workers ?? DEFAULTS.workers,
    outputDir: options.outputDir,
    files: options.files,
    maxResults,
    timeoutMs,
    federate,
    allowedServices: options.allowedServices ?? [],
  });
  const ready = pool.whenReady();
  ready.catch(() => {}); // reported per request and by the caller
  const examples = loadExampleQueries(options.queriesDir ?? path.join(repoRoot, 'queries'));
  const assets = yasguiAssets();
  const ontologyFile = options.ontologyFile ?? path.join(repoRoot, 'ontology', 'kamerstukken.ttl');
  let ontology: Quad[] | undefined;
  const ontologyQuads = (): Quad[] | undefined => {
    if (!ontology && existsSync(ontologyFile)) {
      ontology = new N3Parser({ baseIRI: base }).parse(readFileSync(ontologyFile, 'utf8'));
    }
    return ontology;
  };
  const minter = new IriMinter(base);
  const published = new PublishedFiles(options.outputDir, base);
  const jsonldContext = new PublishedContext(path.join(options.outputDir, 'context.jsonld'), minter.context().value);
  const datasetIri = minter.dataset().value;
  const prefixes = { kld: base + ONTOLOGY_PATH, ...PREFIXES };

  /** Run a query through the pool and collect the whole answer (dereferencing, service pages). */
  function collect(query: string, accept: string): Promise<Collected> {
    return new Promise((resolve) => {
      let mediaType: string | undefined;
      const parts: string[] = [];
      pool.run(
        { query, accept },
        {
          head: (mt) => {
            mediaType = mt;
          },
          chunk: (d) => parts.push(d),
          end: () => resolve({ status: 200, mediaType, body: parts.join('') }),
          error: (status, message) => resolve({ status, body: '', message }),
        },
      );
    });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = req.url ?? '/';
    const reason = unsafePath(raw.split('?')[0]!);
    if (reason) return sendError(res, 400, reason);
    let url: URL;
    try {
      url = new URL(raw, 'http://localhost');
    } catch {
      return sendError(res, 400, 'malformed request target');
    }
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        ...CORS,
        'access-control-allow-methods': 'GET, HEAD, POST, OPTIONS',
        'access-control-allow-headers': 'content-type, accept',
        'access-control-max-age': '86400',
        allow: 'GET, HEAD, POST, OPTIONS',
      });
      return void res.end();
    }
    const p = url.pathname;
    if (p === '/sparql') return sparql(req, res, url);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return sendError(res, 405, `method ${req.method} is not allowed here`, { allow: 'GET, HEAD, OPTIONS' });
    }
    if (p === '/' || p === '/index.html') {
      await ready.catch(() => {});
      const info = { quads: pool.status().quads, timeoutS: timeoutMs / 1000, maxResults };
      return send(res, 200, 'text/html; charset=utf-8', uiPage(examples, info));
    }
    if (p.startsWith('/yasgui/')) {
      const asset = assets.get(p.slice('/yasgui/'.length));
      if (!asset) return sendError(res, 404, `no such file: ${p}`);
      res.writeHead(200, { ...CORS, 'content-type': asset.type, 'cache-control': 'public, max-age=86400' });
      if (req.method === 'HEAD') return void res.end();
      return void createReadStream(asset.file).pipe(res);
    }
    if (p === '/health') {
      const status = pool.status();
      return send(res, status.ready > 0 ? 200 : 503, 'application/json', JSON.stringify(status) + '\n');
    }
    if (p === '/context.jsonld') {
      const file = await published.open('context.jsonld');
      if (!file) return sendError(res, 404, 'output/context.jsonld has not been built');
      return sendFile(req, res, file, CORS);
    }
    if (p.startsWith('/download/')) {
      // unsafePath (above) has refused "..", ".", encoded slashes and backslashes.
      const file = await published.open(decodeURIComponent(p.slice('/download/'.length)));
      if (!file) return sendError(res, 404, `no published file at ${p}`);
      return sendFile(req, res, file, CORS);
    }
    if (p === '/def' || p === '/def/') return def(req, res, url);
    // The dataset description: at its IRI, and where people and VoID tools look for it.
    if (p === '/dataset' || p === '/.well-known/void') return datasetDescription(req, res, url, datasetIri);
    const iri = new IriMapper(base, '/').toIri(p);
    if (iri === datasetIri || iri.startsWith(`${datasetIri}/`)) return datasetDescription(req, res, url, iri);
    return dereference(req, res, url);
  }

  async function sparql(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    let request;
    try {
      request = await parseProtocolRequest(req, url, bodyLimit);
    } catch (err) {
      if (err instanceof QueryError) return sendError(res, err.status, err.message, err.headers);
      throw err;
    }
    if (!request) return describeService(req, res);
    let cancelled = false;
    let cancel = () => {};
    res.on('close', () => {
      if (!res.writableFinished) {
        cancelled = true;
        cancel();
      }
    });
    cancel = pool.run(
      {
        query: request.query,
        accept: req.headers.accept,
        defaultGraphs: request.defaultGraphs,
        namedGraphs: request.namedGraphs,
      },
      {
        head: (mediaType, truncated) => {
          if (cancelled) return;
          const headers: Record<string, string> = {
            ...CORS,
            'content-type': contentType(mediaType),
            vary: 'accept',
            'x-max-results': String(maxResults),
          };
          if (truncated) headers['x-result-truncated'] = 'true';
          res.writeHead(200, headers);
        },
        chunk: (data) => {
          if (!cancelled && req.method !== 'HEAD') res.write(data);
        },
        end: () => {
          if (!cancelled) res.end();
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
  }

  async function describeService(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const accept = req.headers.accept;
    const mediaType = negotiate(accept, ['text/turtle', 'application/n-triples', 'application/ld+json', 'text/html']);
    if (mediaType === 'text/html') {
      // A browser opening the endpoint gets the query UI.
      res.writeHead(303, { ...CORS, location: '/', vary: 'accept' });
      return void res.end();
    }
    await ready.catch(() => {});
    const endpoint = `${localOrigin(req)}/sparql`;
    const quads = serviceDescription({ endpoint, quads: pool.status().quads, timeoutMs, maxResults, federate });
    if (!mediaType) return sendError(res, 406, 'the service description is available as text/turtle, application/n-triples or application/ld+json');
    const body =
      mediaType === 'application/ld+json'
        ? toJsonLd(quads)
        : await writeQuads(quads, mediaType as 'text/turtle', { sd: 'http://www.w3.org/ns/sparql-service-description#', void: PREFIXES.void!, xsd: PREFIXES.xsd! });
    send(res, 200, contentType(mediaType), body, { vary: 'accept' }, req.method === 'HEAD');
  }

  async function def(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const quads = ontologyQuads();
    if (!quads) return sendError(res, 404, 'the ontology (ontology/kamerstukken.ttl) is not available');
    const mediaType = formatFor(req, url);
    if (!mediaType) return sendError(res, 406, `available: ${RDF_OFFERS.join(', ')}`);
    const iri = base + ONTOLOGY_PATH;
    if (mediaType === 'text/html') {
      const body = renderOntology(quads, iri);
      return send(res, 200, 'text/html; charset=utf-8', body, { vary: 'accept' }, req.method === 'HEAD');
    }
    const body =
      mediaType === 'application/ld+json'
        ? await compactedJsonLd(quads, jsonldContext, iri.replace(/#$/, ''))
        : await writeQuads(quads, mediaType as 'text/turtle', prefixes);
    send(res, 200, contentType(mediaType), body, { vary: 'accept', 'content-location': `/def?format=${FORMAT_EXTENSION[mediaType]}` }, req.method === 'HEAD');
  }

  async function dereference(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const mediaType = formatFor(req, url);
    if (!mediaType) return sendError(res, 406, `this resource is available as ${RDF_OFFERS.join(', ')}`);
    // Per request: the links point back to the host the client used.
    const mapper = new IriMapper(base, localOrigin(req) + '/');
    const iri = mapper.toIri(url.pathname);
    let query: string;
    try {
      query = describeQuery(iri);
    } catch {
      return sendError(res, 400, 'not a valid IRI path');
    }
    const result = await collect(query, 'application/n-triples');
    if (result.status !== 200) return sendError(res, result.status, result.message ?? 'query failed');
    const quads = new N3Parser({ format: 'N-Triples' }).parse(result.body);
    if (quads.length === 0) return sendError(res, 404, `nothing is known about <${iri}>`, {}, mediaType === 'text/html');
    await sendDescription(req, res, url.pathname, iri, mediaType, quads, mapper, mediaType === 'application/n-triples' ? result.body : undefined);
  }

  /** A resource's description in the negotiated format (shared by the store's resources and the dataset description). */
  async function sendDescription(
    req: IncomingMessage,
    res: ServerResponse,
    pathname: string,
    iri: string,
    mediaType: string,
    quads: Quad[],
    mapper: IriMapper,
    ntriples?: string,
  ): Promise<void> {
    const ext = FORMAT_EXTENSION[mediaType]!;
    const headers = { vary: 'accept', 'content-location': `${pathname}?format=${ext}` };
    let body: string;
    if (mediaType === 'text/html') {
      const alternates = (['text/turtle', 'application/ld+json', 'application/n-triples'] as const).map((t) => ({
        href: `${pathname}?format=${FORMAT_EXTENSION[t]}`,
        type: t,
        label: t === 'text/turtle' ? 'Turtle' : t === 'application/ld+json' ? 'JSON-LD' : 'N-Triples',
      }));
      body = renderResource({ iri, quads, mapper, ontology: base + ONTOLOGY_PATH, alternates });
    } else if (mediaType === 'application/ld+json') body = await compactedJsonLd(quads, jsonldContext, iri);
    else if (mediaType === 'application/n-triples') body = ntriples ?? (await writeQuads(quads, 'application/n-triples'));
    else body = await writeQuads(quads, 'text/turtle', prefixes);
    send(res, 200, contentType(mediaType), body, headers, req.method === 'HEAD');
  }

  /**
   * The DCAT/VoID description (output/dataset.ttl), answered at the dataset IRI
   * (the whole description) and at the IRIs of its parts (distributions,
   * checksums, partitions, linksets: their own triples, those of the parts they
   * point to, and what points to them). Turtle of the whole description is the
   * published file itself, with its ETag.
   */
  async function datasetDescription(req: IncomingMessage, res: ServerResponse, url: URL, iri: string): Promise<void> {
    const mediaType = formatFor(req, url);
    if (!mediaType) return sendError(res, 406, `the dataset description is available as ${RDF_OFFERS.join(', ')}`);
    const all = await published.datasetDescription();
    if (!all) return sendError(res, 404, 'output/dataset.ttl has not been built', {}, mediaType === 'text/html');
    const pathname = new IriMapper(base, '/').toLocal(iri);
    if (iri === datasetIri && mediaType === 'text/turtle') {
      const file = await published.open('dataset.ttl');
      if (file) return sendFile(req, res, file, { ...CORS, vary: 'accept', 'content-location': `${pathname}?format=ttl` });
    }
    let quads: Quad[] = all;
    if (iri !== datasetIri) {
      const own = all.filter((q) => q.subject.value === iri);
      const parts = new Set(own.filter((q) => q.object.termType === 'NamedNode' && q.object.value.startsWith(`${datasetIri}/`)).map((q) => q.object.value));
      quads = all.filter((q) => q.subject.value === iri || parts.has(q.subject.value) || q.object.value === iri);
      if (quads.length === 0) return sendError(res, 404, `nothing is known about <${iri}>`, {}, mediaType === 'text/html');
    }
    const mapper = new IriMapper(base, localOrigin(req) + '/');
    await sendDescription(req, res, pathname, iri, mediaType, quads, mapper);
  }

  function formatFor(req: IncomingMessage, url: URL): string | undefined {
    const param = url.searchParams.get('format');
    if (param) return FORMAT_PARAM[param.toLowerCase()];
    return negotiate(req.headers.accept, RDF_OFFERS);
  }

  const server = http.createServer((req, res) => {
    const start = performance.now();
    if (options.log) {
      res.on('finish', () => process.stderr.write(`${req.method} ${req.url} ${res.statusCode} ${Math.round(performance.now() - start)}ms\n`));
    }
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) sendError(res, 500, `internal error: ${(err as Error).message}`);
      else res.destroy();
    });
  });
  server.requestTimeout = timeoutMs + 30_000;
  // Idle keep-alive connections stay open longer than clients' usual reuse window,
  // so a client does not send on a socket the server is closing.
  server.keepAliveTimeout = 30_000;
  server.headersTimeout = 35_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const url = `http://localhost:${port}`;
  return {
    url,
    port,
    pool,
    ready,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await pool.close();
    },
  };
}

function localOrigin(req: IncomingMessage): string {
  const host = req.headers.host && /^[A-Za-z0-9.:[\]-]+$/.test(req.headers.host) ? req.headers.host : 'localhost';
  return `http://${host}`;
}

function send(res: ServerResponse, status: number, type: string, body: string, headers: Record<string, string> = {}, headOnly = false): void {
  res.writeHead(status, { ...CORS, 'content-type': type, 'content-length': Buffer.byteLength(body), ...headers });
  res.end(headOnly ? undefined : body);
}

function sendError(res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}, html = false): void {
  if (res.headersSent) return void res.destroy();
  const body = html ? page(`${status}`, `<h1>${status}</h1><p>${escapeHtml(message)}</p>`) : `${status} ${http.STATUS_CODES[status] ?? ''}: ${message}\n`;
  // The request body may not have been read (413, 415): close rather than read on.
  const close: Record<string, string> = status === 413 ? { connection: 'close' } : {};
  send(res, status, html ? 'text/html; charset=utf-8' : 'text/plain; charset=utf-8', body, { ...headers, ...close });
}

function renderOntology(quads: Quad[], iri: string): string {
  const terms = new Map<string, Quad[]>();
  for (const q of quads) {
    if (!q.subject.value.startsWith(iri)) continue;
    if (!terms.has(q.subject.value)) terms.set(q.subject.value, []);
    terms.get(q.subject.value)!.push(q);
  }
  const lit = (qs: Quad[], local: string, lang: string) =>
    qs.find((q) => q.predicate.value.endsWith(local) && q.object.termType === 'Literal' && (q.object as { language: string }).language === lang)?.object.value ?? '';
  let body = `<h1>kamerstukken-ld ontologie</h1><div class="iri">${escapeHtml(iri)}</div><table>`;
  for (const [term, qs] of [...terms].sort(([a], [b]) => a.localeCompare(b))) {
    if (term === iri) continue;
    const local = term.slice(iri.length);
    body += `<tr id="${escapeHtml(local)}"><th>kld:${escapeHtml(local)}</th><td><strong>${escapeHtml(lit(qs, 'label', 'nl'))}</strong> / ${escapeHtml(lit(qs, 'label', 'en'))}<br>${escapeHtml(lit(qs, 'comment', 'nl'))}<br><em>${escapeHtml(lit(qs, 'comment', 'en'))}</em></td></tr>`;
  }
  body += `</table><p class="formats"><a href="/def?format=ttl">Turtle</a><a href="/def?format=jsonld">JSON-LD</a></p>`;
  return page('Ontologie', body);
}
