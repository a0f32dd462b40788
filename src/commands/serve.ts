/**
 * `kamerstukken-ld serve`: the SPARQL endpoint and linked-data server over what
 * `build` left in output/.
 */
import net from 'node:net';
import { UsageError } from '../errors.js';
import { readArgs } from './args.js';
import { DEFAULT_CACHE_MB, DEFAULTS } from '../serve/defaults.js';
import type { RunningServer, ServeOptions } from '../serve/server.js';
import { defaultDbDir, describeLoad, openVirtuoso, type OpenedVirtuoso } from '../serve/virtuoso/open.js';
import { stopOnSignal } from '../serve/virtuoso/instance.js';

/** serve's options: the server's, and which store answers. */
export interface ServeCommandOptions extends ServeOptions {
  /** oxigraph (default: in-process, each worker its own copy) or virtuoso (a database directory run by us). */
  store?: 'oxigraph' | 'virtuoso';
  /** Virtuoso's database directory (default .tmp/virtuoso beside the output directory). */
  db?: string;
  /** Virtuoso's page buffers in MiB. */
  virtuosoMemoryMb?: number;
}

export const summary = 'serve output/ over HTTP: SPARQL endpoint (/sparql), query UI (/), dereferenceable IRIs';
export const usage = `Usage: kamerstukken-ld serve [--port N] [--output DIR] [--timeout S] [--max-results N] [options]

Starts the server on http://localhost:3000 (or PORT / --port):
  /sparql          SPARQL 1.1 Protocol endpoint (GET ?query=, POST form or
                   application/sparql-query); results as SPARQL JSON, XML, CSV,
                   TSV, or Turtle, N-Triples, N-Quads, JSON-LD; read-only
  /                query UI (YASGUI) with the example queries of queries/
  /id/…, /graph/…  every IRI under the base, as HTML, Turtle or JSON-LD
  /def             the ontology; /context/v2.jsonld the JSON-LD context (/context.jsonld: v1)
  /id/dataset      the dataset description (DCAT, VoID); also /dataset
  /download/FILE   the published files (dumps, documents/ID.jsonld|.ttl, …),
                   with ETag (SHA-256), 304, HEAD and byte ranges

  --port N            port (default: PORT or 3000; 0 = any free port)
  --host ADDR         interface to listen on (default 127.0.0.1)
  --output DIR        what build wrote (default output)
  --timeout S         per-query time limit in seconds (default ${DEFAULTS.timeoutMs / 1000})
  --max-results N     result cap: rows or triples (default ${DEFAULTS.maxResults})
  --workers N         query threads, each with its own copy of the store (default ${DEFAULTS.workers})
  --cache-mb N        result cache for repeated queries and pages, in MiB (default ${DEFAULT_CACHE_MB}; 0 = off)
  --federate URL      also query this SPARQL endpoint (repeatable)
  --allow-service URL allow SERVICE <URL> in queries (repeatable; default none)
  --base IRI          base of the data's IRIs (default https://w3id.org/kamerstukken-ld/)
  --store NAME        oxigraph (default: in-process, nothing to install) or virtuoso
                      (Debian's virtuoso-opensource, run by this command on its own
                      database; loads what changed since the last load, see load)
  --db DIR            Virtuoso's database directory (default .tmp/virtuoso beside --output)
  --virtuoso-memory MB  Virtuoso's page cache (default 1024)
  --log               one line per request on stderr`;

export function parseServeArgs(args: string[]): ServeCommandOptions {
  const envPort = process.env.PORT !== undefined && process.env.PORT !== '' ? Number(process.env.PORT) : 3000;
  const federate: string[] = [];
  const allowedServices: string[] = [];
  const options: ServeCommandOptions = { port: envPort, outputDir: 'output', federate, allowedServices };
  readArgs(
    args,
    {
      '--port': (o) => (options.port = o.integer(0)),
      '--host': (o) => (options.host = o.value()),
      '--output': (o) => (options.outputDir = o.value()),
      '--timeout': (o) => (options.timeoutMs = o.number(0.1) * 1000),
      '--max-results': (o) => (options.maxResults = o.integer(1)),
      '--workers': (o) => (options.workers = o.integer(1)),
      '--cache-mb': (o) => (options.cacheMb = o.number(0)),
      '--federate': (o) => federate.push(o.value()),
      '--allow-service': (o) => allowedServices.push(o.value()),
      '--base': (o) => (options.base = o.value()),
      '--log': () => (options.log = true),
      '--store': (o) => (options.store = o.oneOf(['oxigraph', 'virtuoso'] as const)),
      '--db': (o) => (options.db = o.value()),
      '--virtuoso-memory': (o) => (options.virtuosoMemoryMb = o.number(64)),
    },
    { positional: false },
  );
  if (!Number.isInteger(options.port) || options.port > 65535) throw new UsageError(`invalid port: ${options.port}`);
  for (const u of [...federate, ...allowedServices]) {
    if (!/^https?:\/\/\S+$/.test(u)) throw new UsageError(`not an http(s) URL: ${u}`);
  }
  return options;
}

/** Why the server could not listen, in words a user can act on. */
export function listenProblem(err: unknown, options: Pick<ServeOptions, 'port' | 'host'>): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const where = `${options.host ?? '127.0.0.1'}:${options.port}`;
  if (code === 'EADDRINUSE') return `port ${options.port} is already in use (${where}); stop what runs there, or choose another with --port N (or PORT=N; --port 0 picks a free one)`;
  if (code === 'EACCES') return `no permission to listen on ${where}; ports below 1024 need privileges: choose another with --port N`;
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') return `cannot listen on ${where}: no such interface; check --host`;
  return `cannot listen on ${where}: ${err instanceof Error ? err.message : String(err)}`;
}

/**
 * Try the address before loading anything: a taken port is reported at once
 * (instead of after the store has loaded, with worker threads to wind down).
 */
function probe(options: Pick<ServeOptions, 'port' | 'host'>): Promise<void> {
  if (options.port === 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen({ port: options.port, host: options.host ?? '127.0.0.1', exclusive: true }, () => s.close(() => resolve()));
  });
}

/** Start, report, and keep running until SIGINT/SIGTERM. */
export async function serve(options: ServeCommandOptions): Promise<number> {
  const started = performance.now();
  // From the start: a signal while Virtuoso starts (or loads) must stop it too, or it outlives us.
  const signals = stopOnSignal();
  let server: RunningServer;
  let virtuoso: OpenedVirtuoso | undefined;
  try {
    await probe(options);
    if (options.store === 'virtuoso') {
      virtuoso = await openVirtuoso(options.outputDir, {
        dir: options.db ?? defaultDbDir(options.outputDir),
        memoryMb: options.virtuosoMemoryMb,
        maxRows: (options.maxResults ?? DEFAULTS.maxResults) + 1,
        queryTimeoutS: Math.ceil((options.timeoutMs ?? DEFAULTS.timeoutMs) / 1000),
        progress: (line) => console.error(`virtuoso: ${line}`),
        // A database that holds this build already: the endpoint starts while Virtuoso does.
        early: true,
      });
      console.error(describeLoad(virtuoso.report));
    }
    // Loaded here, not at the top: with Virtuoso, its start and the loading of the server's modules overlap.
    const { startServer } = await import('../serve/server.js');
    server = await startServer({ ...options, virtuoso: virtuoso?.endpoint });
  } catch (err) {
    await virtuoso?.instance.stop();
    const e = err as NodeJS.ErrnoException | undefined;
    if (e?.syscall === 'listen' || ['EADDRINUSE', 'EACCES', 'EADDRNOTAVAIL', 'ENOTFOUND'].includes(e?.code ?? '')) {
      console.error(`cannot serve: ${listenProblem(err, options)}`);
      return 1;
    }
    throw err;
  }
  try {
    await Promise.all([server.ready, virtuoso?.online]);
  } catch (err) {
    console.error(`cannot serve: ${(err as Error).message}`);
    await server.close();
    await virtuoso?.instance.stop();
    return 1;
  }
  const status = server.pool.status();
  console.error(
    `kamerstukken-ld: ${status.quads.toLocaleString('en')} quads ${virtuoso ? 'in Virtuoso' : 'loaded'} in ${Math.round(performance.now() - started)} ms\n` +
      `  SPARQL endpoint  ${server.url}/sparql\n  query UI         ${server.url}/`,
  );
  signals.serving();
  await signals.stopped;
  await server.close();
  await virtuoso?.instance.stop();
  return 0;
}

export async function run(args: string[]): Promise<number> {
  return serve(parseServeArgs(args));
}
