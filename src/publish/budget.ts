/**
 * The per-document budget of a build: each document is read in a worker
 * thread that is given so many seconds and so much memory. A document that
 * takes longer (a shape of input our readers handle slowly) or runs out of
 * memory is refused with an IngestError naming it, the worker is replaced, and
 * the rest of the corpus is built: one hostile file cannot stall a build.
 *
 * @example
 *   const reader = new BudgetedReader({ seconds: 120 });
 *   try { const doc = await reader.read('corpus/kst-36450-6.txt'); } finally { await reader.close(); }
 */
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { DocumentModel } from '../model.js';
import { compiledModule } from '../package.js';
import { callWorker } from './worker-call.js';

export interface BudgetOptions {
  /** Seconds one document may take to read. */
  seconds: number;
  /** Heap one document may use, in MB (default 2048). */
  memoryMb?: number;
  /**
   * URL of the module whose `readDocument(file)` reads in the worker. Default: the compiled ingest
   * (dist/src/read.js), which a worker can load whether the build runs from dist/ or src/.
   */
  module?: string;
}

/** The worker: reads the files it is sent, answers with the model or the error. */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const ready = import(workerData.module);
parentPort.on('message', async (file) => {
  try {
    const { readDocument } = await ready;
    parentPort.postMessage({ ok: await readDocument(file) });
  } catch (err) {
    parentPort.postMessage({ error: { name: err?.name, message: String(err?.message ?? err), location: err?.location } });
  }
});
`;

export class BudgetedReader {
  private worker: Worker | null = null;
  private readonly module: string;

  constructor(private readonly options: BudgetOptions) {
    this.module = options.module ?? pathToFileURL(compiledModule('read.js')).href;
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(WORKER, {
      eval: true,
      workerData: { module: this.module },
      resourceLimits: { maxOldGenerationSizeMb: this.options.memoryMb ?? 2048 },
    });
    // Between reads nobody else listens: an error then must not become an uncaught 'error' event.
    worker.on('error', () => undefined);
    this.worker = worker;
    return worker;
  }

  /** Read one document within the budget. Throws IngestError (its own, or the budget's) naming the file. */
  read(file: string): Promise<DocumentModel> {
    const budget = { file, seconds: this.options.seconds, memoryMb: this.options.memoryMb ?? 2048 };
    return callWorker<DocumentModel>(this.start(), file, budget, () => this.close());
  }

  /** Stop the worker (call when the build is done). */
  async close(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    if (w) await w.terminate();
  }
}
