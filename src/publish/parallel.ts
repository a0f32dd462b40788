/**
 * Documents processed in parallel: a pool of worker threads, each running the
 * whole per-document pipeline (src/publish/document-worker.ts) on one document
 * at a time, within the per-document budget (time, and heap through the
 * worker's resource limits). A document over budget, or one that kills its
 * worker, is refused by name and the worker replaced; the other documents go
 * on. The pool hands back cache entries only: the files are in the cache, so
 * the build's own memory stays flat however many documents there are.
 *
 * @example
 *   const pool = new DocumentPool({ jobs: 2, seconds: 120, base, cacheDir });
 *   try { const entry = await pool.process(file, sha, key); } finally { await pool.close(); }
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { IngestError, WriteError } from '../errors.js';
import { packageRoot } from '../package.js';
import type { CacheEntry } from './cache.js';
import type { Job, WorkerInit } from './document-worker.js';

export interface PoolOptions {
  /** Worker threads (documents at once). */
  jobs: number;
  /** Seconds one document may take (0: no limit). */
  seconds: number;
  /** Heap one worker may use, in MB (default 2048). */
  memoryMb?: number;
  base: string;
  cacheDir: string;
  /** The compiled worker module (default dist/src/publish/document-worker.js, which also serves a build run from src/ under vitest). */
  module?: string;
}

type Answer = { ok: CacheEntry } | { error: { name: string; message: string; location?: { file: string; line?: number; offset?: number }; code?: string; file?: string } };

interface Slot {
  worker: Worker | null;
  busy: boolean;
}

export class DocumentPool {
  private readonly slots: Slot[];
  private readonly waiting: ((slot: Slot) => void)[] = [];
  private readonly module: string;
  private readonly memoryMb: number;

  constructor(private readonly options: PoolOptions) {
    this.slots = Array.from({ length: Math.max(1, options.jobs) }, () => ({ worker: null, busy: false }));
    this.module = options.module ?? pathToFileURL(path.join(packageRoot(), 'dist', 'src', 'publish', 'document-worker.js')).href;
    this.memoryMb = options.memoryMb ?? 2048;
  }

  private acquire(): Promise<Slot> {
    const free = this.slots.find((s) => !s.busy);
    if (free) {
      free.busy = true;
      return Promise.resolve(free);
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(slot: Slot): void {
    const next = this.waiting.shift();
    if (next) next(slot);
    else slot.busy = false;
  }

  private workerOf(slot: Slot): Worker {
    if (slot.worker) return slot.worker;
    const init: WorkerInit = { base: this.options.base, cacheDir: this.options.cacheDir };
    const worker = new Worker(new URL(this.module), { workerData: init, resourceLimits: { maxOldGenerationSizeMb: this.memoryMb } });
    // Between documents nobody else listens: an error then must not become an uncaught 'error' event.
    worker.on('error', () => undefined);
    slot.worker = worker;
    return worker;
  }

  private async replace(slot: Slot): Promise<void> {
    const w = slot.worker;
    slot.worker = null;
    if (w) await w.terminate();
  }

  /** Process one document in a worker. Throws an IngestError (its own, or the budget's) or a WriteError naming the file. */
  async process(file: string, sourceSha: string, key: string): Promise<CacheEntry> {
    const slot = await this.acquire();
    try {
      return await this.run(slot, { file, sourceSha, key });
    } finally {
      this.release(slot);
    }
  }

  private async run(slot: Slot, job: Job): Promise<CacheEntry> {
    const { file } = job;
    const worker = this.workerOf(slot);
    const seconds = this.options.seconds;
    let timer: NodeJS.Timeout | undefined;
    const cleanup: (() => void)[] = [];
    let answered: Error | null = null;
    try {
      const answer = await new Promise<Answer>((resolve, reject) => {
        const onMessage = (a: Answer): void => resolve(a);
        const onError = (err: Error): void => reject(err);
        const onExit = (code: number): void => reject(new Error(`the worker stopped (exit code ${code})`));
        worker.once('message', onMessage);
        worker.once('error', onError);
        worker.once('exit', onExit);
        cleanup.push(() => {
          worker.off('message', onMessage);
          worker.off('error', onError);
          worker.off('exit', onExit);
        });
        if (seconds > 0) {
          timer = setTimeout(() => reject(new IngestError({ file }, `took longer than ${seconds} s to read (the per-document time budget); skipped`)), seconds * 1000);
        }
        worker.postMessage(job);
      });
      if ('ok' in answer) return answer.ok;
      answered = rebuild(answer.error, file);
      throw answered;
    } catch (err) {
      // No answer (over the time budget, out of memory, the worker gone): a fresh worker takes the next
      // document. A document's own error came as an answer from a worker that is fine.
      if (err !== answered) await this.replace(slot);
      if (err instanceof Error && /ERR_WORKER_OUT_OF_MEMORY|out of memory/i.test(`${(err as NodeJS.ErrnoException).code ?? ''} ${err.message}`)) {
        throw new IngestError({ file }, `needs more than ${this.memoryMb} MB to read (the per-document memory budget); skipped`);
      }
      throw err;
    } finally {
      clearTimeout(timer);
      for (const c of cleanup) c();
    }
  }

  /** Stop every worker (call when the build is done). */
  async close(): Promise<void> {
    await Promise.all(this.slots.map((s) => this.replace(s)));
  }
}

/** An error that crossed the thread, as the kind it was (its message already names file and place). */
function rebuild(error: Extract<Answer, { error: unknown }>['error'], file: string): Error {
  if (error.name === 'IngestError' && error.location) {
    const rebuilt = new IngestError(error.location, '');
    rebuilt.message = error.message;
    return rebuilt;
  }
  if (error.name === 'WriteError') {
    const rebuilt = new WriteError(error.file ?? file, Object.assign(new Error(error.message), { code: error.code }));
    rebuilt.message = error.message;
    return rebuilt;
  }
  const other = new Error(error.message);
  other.name = error.name;
  return other;
}
