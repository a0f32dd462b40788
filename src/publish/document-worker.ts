/**
 * A worker thread of a parallel build (src/publish/parallel.ts): loads the
 * project's pipeline once, then processes the documents it is sent (ingest,
 * quads, validation, JSON-LD, Turtle, into the cache) and answers with each
 * one's cache entry or its error. The build's thread keeps the time budget and
 * replaces a worker that overruns it or runs out of memory.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { IriMinter } from '../rdf/iris.js';
import { BuildCache, summaryOf } from './cache.js';
import { buildContext } from './context.js';
import { outputPrefixes, processDocument } from './document.js';
import { loadPipeline } from './pipeline.js';

export interface WorkerInit {
  base: string;
  cacheDir: string;
}

export interface Job {
  file: string;
  sourceSha: string;
  key: string;
}

const init = workerData as WorkerInit;
const ready = (async () => {
  const minter = new IriMinter(init.base);
  const pipeline = await loadPipeline(minter);
  const context = buildContext(minter, { ontology: pipeline.ontology(), shapes: pipeline.shapes(), extra: pipeline.gazetteer() });
  return { pipeline, context, contextIri: minter.context().value, prefixes: outputPrefixes(minter), cache: new BuildCache(init.cacheDir) };
})();

parentPort?.on('message', (job: Job) => {
  void (async () => {
    try {
      const r = await ready;
      const entry = await processDocument(r.pipeline, (f) => r.pipeline.readDocument(f), job.file, job.sourceSha, job.key, r.cache, r.context, r.contextIri, r.prefixes);
      // The summary only: the statistics stay in the cache until the dump is written (no copy between threads).
      parentPort?.postMessage({ ok: summaryOf(entry) });
    } catch (err) {
      const e = (err ?? {}) as { name?: string; message?: string; location?: unknown; code?: string; file?: string };
      parentPort?.postMessage({
        error: { name: e.name ?? 'Error', message: e.message ?? 'unknown error', location: e.location, code: e.code, file: e.file },
      });
    }
  })();
});
