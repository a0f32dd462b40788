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
import http from 'node:http';
import { CachingRunner, DEFAULT_CACHE_MB } from './cache.js';
import { createContext, type ServerContext } from './context.js';
import { sendError } from './http.js';
import { QueryPool } from './pool.js';
import { VirtuosoRunner } from './virtuoso/runner.js';
import type { PageRenderer } from './render.js';
import { createRouter, type Handlers } from './router.js';
import type { VirtuosoEndpoint } from './virtuoso/store.js';
import { loadedBuild } from './virtuoso/build.js';
import { DEFAULTS } from './defaults.js';

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
  /** Query worker threads, each with its own copy of the store (default 2), plus one warm spare. */
  workers?: number;
  /** Keep a loaded spare worker that takes over at once when a worker is ended (default true). */
  spare?: boolean;
  /** Queries that may wait for a worker (default 32); more get 503 with Retry-After. */
  queueLimit?: number;
  /** Longest wait for a worker (default 10 s); then 503 with Retry-After. */
  queueTimeoutMs?: number;
  /** Memory a running query may add to the server's resident memory, in MiB (default 1024). */
  memoryLimitMb?: number;
  /** A client that reads nothing of its answer for this long is cut off (default: the time limit). */
  stallMs?: number;
  /** Result cache in MiB (default 64; 0 turns it off): repeated queries and pages answered from memory, with ETag/304 (cache.ts). */
  cacheMb?: number;
  /** Largest accepted request body (default 1 MiB). */
  bodyLimit?: number;
  /** SPARQL endpoints federated as extra sources. */
  federate?: string[];
  /** SERVICE targets allowed besides the federated endpoints (default none). */
  allowedServices?: string[];
  /** Answer from a running Virtuoso server (serve --store virtuoso) instead of Oxigraph in each worker. */
  virtuoso?: VirtuosoEndpoint;
  queriesDir?: string;
  ontologyFile?: string;
  /** Log one line per request to stderr. */
  log?: boolean;
  /** How pages for people are rendered (default: html.ts, ui.ts). */
  pages?: PageRenderer;
  /** Replace handlers (tests, other front ends). */
  handlers?: (ctx: ServerContext) => Partial<Handlers>;
}

/** What answers queries behind the cache: the worker pool, or on Virtuoso the in-thread runner. */
export type StoreRunner = Pick<QueryPool, 'run' | 'status' | 'whenReady' | 'close'>;

export interface RunningServer {
  url: string;
  port: number;
  pool: StoreRunner;
  /** The result cache in front of the pool (its counters: cache.stats()). */
  cache: CachingRunner;
  /** Resolves when the first worker has loaded the store. */
  ready: Promise<void>;
  close(): Promise<void>;
}

export { DEFAULTS };

export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const timeoutMs = options.timeoutMs ?? DEFAULTS.timeoutMs;
  const maxResults = options.maxResults ?? DEFAULTS.maxResults;
  const bodyLimit = options.bodyLimit ?? DEFAULTS.bodyLimit;
  const federate = options.federate ?? [];
  // On Virtuoso (without federation) queries run in this thread: the work is in Virtuoso's process
  // (virtuoso/runner.ts); on Oxigraph each worker thread holds a copy of the store.
  const pool: StoreRunner =
    options.virtuoso && federate.length === 0
      ? new VirtuosoRunner({
          endpoint: options.virtuoso,
          maxResults,
          timeoutMs,
          allowedServices: options.allowedServices ?? [],
          concurrency: options.workers ?? DEFAULTS.workers,
          queueLimit: options.queueLimit,
          queueTimeoutMs: options.queueTimeoutMs,
        })
      : new QueryPool({
          workers: options.workers ?? DEFAULTS.workers,
          outputDir: options.outputDir,
          files: options.files,
          maxResults,
          timeoutMs,
          federate,
          allowedServices: options.allowedServices ?? [],
          // Without `online`: a promise cannot go to a worker thread (each worker polls Virtuoso itself).
          virtuoso: options.virtuoso ? { ...options.virtuoso, online: undefined } : undefined,
          spare: options.spare,
          queueLimit: options.queueLimit,
          queueTimeoutMs: options.queueTimeoutMs,
          memoryLimitMb: options.memoryLimitMb,
        });
  const ready = pool.whenReady();
  ready.catch(() => {}); // reported per request and by the caller
  // On Virtuoso the data is named by its load state (what `load` last put in), read again when it changes.
  const build = options.virtuoso?.dir !== undefined ? loadedBuild(options.virtuoso.dir) : undefined;
  const cache = new CachingRunner(pool, { maxBytes: (options.cacheMb ?? DEFAULT_CACHE_MB) * 1024 * 1024, federate, build });
  const ctx = createContext(
    {
      base: options.base,
      timeoutMs,
      maxResults,
      bodyLimit,
      stallMs: options.stallMs ?? timeoutMs,
      federate,
      allowedServices: options.allowedServices ?? [],
      outputDir: options.outputDir,
      queriesDir: options.queriesDir,
      ontologyFile: options.ontologyFile,
      pages: options.pages,
    },
    cache,
    ready,
  );
  const route = createRouter(ctx, options.handlers?.(ctx));

  const server = http.createServer((req, res) => {
    const start = performance.now();
    if (options.log) {
      res.on('finish', () => process.stderr.write(`${req.method} ${req.url} ${res.statusCode} ${Math.round(performance.now() - start)}ms\n`));
    }
    route(req, res).catch((err: unknown) => {
      // The client gets a short message; the details go to the operator's log.
      process.stderr.write(`internal error on ${req.method} ${req.url}: ${(err as Error)?.stack ?? String(err)}\n`);
      if (!res.headersSent) sendError(res, 500, 'internal error');
      else res.destroy();
    });
  });
  server.requestTimeout = timeoutMs + 30_000;
  // Idle keep-alive connections stay open longer than clients' usual reuse window,
  // so a client does not send on a socket the server is closing.
  server.keepAliveTimeout = 30_000;
  server.headersTimeout = 35_000;
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
    });
  } catch (err) {
    // A port taken (or refused) after the pool started: stop its workers, or the process would never exit.
    await pool.close();
    throw err;
  }
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const url = `http://localhost:${port}`;
  return {
    url,
    port,
    pool,
    cache,
    ready,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await pool.close();
    },
  };
}
