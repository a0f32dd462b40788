/**
 * Documents processed in parallel: a pool of worker threads, each running the
 * whole per-document pipeline (src/publish/document-worker.ts) on one document
 * at a time, within the per-document budget (time, and heap through the
 * worker's resource limits). A document over budget, or one that kills its
 * worker, is refused by name and the worker replaced; the other documents go
 * on. The pool hands back cache entries' summaries only: the files and the statistics are in the
 * cache, so the build's own memory stays flat however many documents there are.
 *
 * @example
 *   const pool = new DocumentPool({ jobs: 2, seconds: 120, base, cacheDir });
 *   try { const entry = await pool.process(file, sha, key); } finally { await pool.close(); }
 */
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { compiledModule } from '../package.js';
import type { EntrySummary } from './cache.js';
import type { Job, WorkerInit } from './document-worker.js';
import { callWorker } from './worker-call.js';

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
    this.module = options.module ?? pathToFileURL(compiledModule('publish/document-worker.js')).href;
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
  async process(file: string, sourceSha: string, key: string): Promise<EntrySummary> {
    const slot = await this.acquire();
    try {
      return await this.run(slot, { file, sourceSha, key });
    } finally {
      this.release(slot);
    }
  }

  private run(slot: Slot, job: Job): Promise<EntrySummary> {
    const budget = { file: job.file, seconds: this.options.seconds, memoryMb: this.memoryMb };
    return callWorker<EntrySummary>(this.workerOf(slot), job, budget, () => this.replace(slot));
  }

  /** Stop every worker (call when the build is done). */
  async close(): Promise<void> {
    await Promise.all(this.slots.map((s) => this.replace(s)));
  }
}
