/**
 * A query worker: its own Oxigraph store (loaded from the snapshot) and its own
 * Comunica engine. Oxigraph evaluates synchronously and cannot be interrupted,
 * so a query that overruns its time is stopped by ending this thread (pool.ts);
 * the other workers go on answering.
 *
 * Messages in:  { type: 'query', id, request }
 * Messages out: ready | head | chunk | end | error | failed (see WorkerMessage).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Engine, QueryError, isStorePanic, type QueryRequest } from './engine.js';
import { OxigraphStore } from './oxigraph-store.js';
import { loadFiles, loadSnapshot } from './snapshot.js';
import { SparqlEndpointStore } from './remote-store.js';
import { TextSearch } from './text-index.js';
import { readTextIndexes } from './text-index-file.js';
import type { QueryForm, SparqlPushdown } from './store.js';
import { VirtuosoStore, untilAnswering, type VirtuosoEndpoint } from './virtuoso/store.js';

export interface WorkerConfig {
  /** Directory holding the snapshot (store.json + N-Quads). */
  outputDir?: string;
  /** Or: N-Quads files to load (tests, bench). */
  files?: string[];
  maxResults: number;
  timeoutMs: number;
  /** SPARQL endpoints federated as extra sources. */
  federate: string[];
  /** SERVICE targets allowed besides the federated endpoints. */
  allowedServices: string[];
  /** Answer from this Virtuoso server instead of loading an Oxigraph store (serve --store virtuoso). */
  virtuoso?: VirtuosoEndpoint;
}

/**
 * `external`: this thread's memory outside the JavaScript heap (Oxigraph's WebAssembly memory
 * is in it), in bytes, when the store was loaded and after each query. WebAssembly memory never
 * shrinks: a query that grew it leaves the thread holding the memory until it ends.
 */
export type WorkerMessage =
  | { type: 'ready'; quads: number; loadMs: number; build?: string; external?: number }
  | { type: 'failed'; message: string }
  | { type: 'head'; id: number; mediaType: string; form: QueryForm; truncated: boolean; complete: boolean }
  | { type: 'chunk'; id: number; data: string }
  | { type: 'end'; id: number; truncated: boolean; external?: number }
  | { type: 'whole'; id: number; mediaType: string; form: QueryForm; truncated: boolean; data: string; external?: number }
  | { type: 'error'; id: number; status: number; message: string; headers?: Record<string, string>; fatal?: boolean; external?: number };

export interface WorkerQuery {
  type: 'query';
  id: number;
  request: QueryRequest;
}

/** Bytes buffered before the status line is committed: errors before this point still get a clean status. */
const HEAD_BUFFER = 256 * 1024;

const port = parentPort;
if (!port) throw new Error('worker.ts must run as a worker thread');
const config = workerData as WorkerConfig;

let current: number | undefined;

function post(message: WorkerMessage): void {
  if (message.type === 'ready' || message.type === 'whole' || message.type === 'end' || message.type === 'error') message.external = process.memoryUsage().external;
  port!.postMessage(message);
}

// A stream error that Comunica does not forward would otherwise end the thread
// mid-query; answer the query that was running and stay up.
process.on('uncaughtException', (err) => {
  if (current !== undefined) {
    post({ type: 'error', id: current, status: 500, message: `query failed: ${err.message.split('\n')[0]}`, fatal: isStorePanic(err) });
    current = undefined;
  }
});

async function main(): Promise<void> {
  if (config.virtuoso) {
    // The data is in the Virtuoso server: nothing to load in this thread. It may still be starting
    // (serve starts it and the workers side by side): ready once it answers.
    try {
      await untilAnswering(config.virtuoso.url);
    } catch (err) {
      post({ type: 'failed', message: (err as Error).message });
      return;
    }
    startEngine(new VirtuosoStore(config.virtuoso), { quads: config.virtuoso.quads, ms: 0 });
    return;
  }
  const store = new OxigraphStore();
  let stats;
  try {
    stats = config.files ? loadFiles(config.files, store) : loadSnapshot(config.outputDir ?? 'output', store);
  } catch (err) {
    post({ type: 'failed', message: (err as Error).message });
    return;
  }
  try {
    store.materializeUnion();
  } catch (err) {
    post({ type: 'failed', message: (err as Error).message });
    return;
  }
  startEngine(store, stats);
}

/** `build` names the loaded data for the result cache; Virtuoso's data is named by the main thread instead (virtuoso/build.ts). */
function startEngine(store: SparqlPushdown, stats: { quads: number; ms: number; build?: string }): void {
  const stores: SparqlPushdown[] = [store, ...config.federate.map((url) => new SparqlEndpointStore(url))];
  const engine = new Engine({
    stores,
    maxResults: config.maxResults,
    timeoutMs: config.timeoutMs,
    allowedServices: config.allowedServices,
    // The text index: the build's (output/text-index.json, for the dump loaded), else read from the in-process store on first use.
    textSearch: store instanceof OxigraphStore ? new TextSearch(store, config.files || stats.build === undefined ? undefined : readTextIndexes(config.outputDir ?? 'output', stats.build)) : undefined,
  });
  port!.on('message', (msg: WorkerQuery) => {
    if (msg.type === 'query') void answer(engine, msg);
  });
  post({ type: 'ready', quads: stats.quads, loadMs: stats.ms, build: stats.build });
}

async function answer(engine: Engine, msg: WorkerQuery): Promise<void> {
  const { id } = msg;
  current = id;
  try {
    const response = await engine.run(msg.request);
    let buffered: string[] = [];
    let size = 0;
    let headSent = false;
    for await (const chunk of response.data) {
      if (current !== id) return; // failed meanwhile (uncaught stream error)
      const s = typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8');
      if (headSent) {
        post({ type: 'chunk', id, data: s });
        continue;
      }
      buffered.push(s);
      size += s.length;
      if (size >= HEAD_BUFFER) {
        post({ type: 'head', id, mediaType: response.mediaType, form: response.form, truncated: response.truncated(), complete: false });
        post({ type: 'chunk', id, data: buffered.join('') });
        buffered = [];
        headSent = true;
      }
    }
    if (current !== id) return;
    // An answer that fits the head buffer goes in one message (each message is a wake-up of the HTTP thread).
    if (!headSent) post({ type: 'whole', id, mediaType: response.mediaType, form: response.form, truncated: response.truncated(), data: buffered.join('') });
    else post({ type: 'end', id, truncated: response.truncated() });
  } catch (err) {
    if (current !== id) return;
    if (err instanceof QueryError) post({ type: 'error', id, status: err.status, message: err.message, headers: err.headers, fatal: err.fatal });
    else if (isStorePanic(err)) post({ type: 'error', id, status: 500, message: 'the store failed on this query; its worker is being replaced', fatal: true });
    else post({ type: 'error', id, status: 500, message: `query failed: ${String((err as Error)?.message ?? err).split('\n')[0]}` });
  } finally {
    if (current === id) current = undefined;
  }
}

void main();
