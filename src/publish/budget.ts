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
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { IngestError } from '../errors.js';
import type { DocumentModel } from '../model.js';
import { packageRoot } from '../package.js';

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

type Answer = { ok: DocumentModel } | { error: { name?: string; message: string; location?: { file: string; line?: number; offset?: number } } };

export class BudgetedReader {
  private worker: Worker | null = null;
  private readonly module: string;

  constructor(private readonly options: BudgetOptions) {
    this.module = options.module ?? pathToFileURL(path.join(packageRoot(), 'dist', 'src', 'read.js')).href;
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
  async read(file: string): Promise<DocumentModel> {
    const worker = this.start();
    const seconds = this.options.seconds;
    let timer: NodeJS.Timeout | undefined;
    const cleanup: (() => void)[] = [];
    try {
      const answer = await new Promise<Answer>((resolve, reject) => {
        const onMessage = (a: Answer): void => resolve(a);
        const onError = (err: Error): void => reject(err);
        const onExit = (code: number): void => reject(new Error(`the reader stopped (exit code ${code})`));
        worker.once('message', onMessage);
        worker.once('error', onError);
        worker.once('exit', onExit);
        cleanup.push(() => {
          worker.off('message', onMessage);
          worker.off('error', onError);
          worker.off('exit', onExit);
        });
        timer = setTimeout(() => reject(new IngestError({ file }, `took longer than ${seconds} s to read (the per-document time budget); skipped`)), seconds * 1000);
        worker.postMessage(file);
      });
      if ('ok' in answer) return answer.ok;
      const { error } = answer;
      if (error.name === 'IngestError' && error.location) {
        // The error crossed a thread: rebuild it with its own message (which already names file and place).
        const rebuilt = new IngestError(error.location, '');
        rebuilt.message = error.message;
        throw rebuilt;
      }
      throw new Error(`${error.name ?? 'Error'}: ${error.message}`);
    } catch (err) {
      if (!(err instanceof IngestError) || /per-document time budget/.test(err.message)) {
        // The worker is stuck, gone or out of memory: a fresh one reads the next document.
        await this.close();
      }
      if (err instanceof Error && /ERR_WORKER_OUT_OF_MEMORY|out of memory/i.test(`${(err as NodeJS.ErrnoException).code ?? ''} ${err.message}`)) {
        throw new IngestError({ file }, `needs more than ${this.options.memoryMb ?? 2048} MB to read (the per-document memory budget); skipped`);
      }
      throw err;
    } finally {
      clearTimeout(timer);
      for (const c of cleanup) c();
    }
  }

  /** Stop the worker (call when the build is done). */
  async close(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    if (w) await w.terminate();
  }
}
