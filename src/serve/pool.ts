/**
 * A pool of query workers (worker.ts). Each runs one query at a time. A query
 * that overruns its time limit is answered 503 and its worker is ended and
 * replaced; the other workers keep answering, so the next query is served at
 * once. Memory: every worker holds its own copy of the store (Oxigraph's
 * WebAssembly memory cannot be shared between threads).
 */
import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type { QueryRequest } from './engine.js';
import type { WorkerConfig, WorkerMessage, WorkerQuery } from './worker.js';

export interface QueryHandlers {
  /** The status can be sent: 200 with this media type. `complete` = the whole body follows before end. */
  head(mediaType: string, truncated: boolean): void;
  chunk(data: string): void;
  end(truncated: boolean): void;
  /** Failed before or after head; `afterHead` tells the server it can only cut the connection. */
  error(status: number, message: string, afterHead: boolean, headers?: Record<string, string>): void;
}

interface Job {
  id: number;
  request: QueryRequest;
  handlers: QueryHandlers;
  headSent: boolean;
  queuedAt: number;
  timer?: NodeJS.Timeout;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  job?: Job;
  generation: number;
}

export interface PoolOptions extends WorkerConfig {
  workers: number;
}

export interface PoolStatus {
  workers: number;
  ready: number;
  busy: number;
  queued: number;
  quads: number;
  restarts: number;
  firstReadyMs?: number;
}

/**
 * The worker runs compiled JavaScript. Under the test runner this module is
 * loaded from src/*.ts; the worker then comes from dist/ (built by `npm run build:ts`).
 */
function workerFile(): string {
  const here = fileURLToPath(import.meta.url);
  return here.endsWith('.ts')
    ? path.resolve(path.dirname(here), '../../dist/src/serve/worker.js')
    : path.join(path.dirname(here), 'worker.js');
}

export class QueryPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private quads = 0;
  private restarts = 0;
  private closed = false;
  private readonly started = performance.now();
  private firstReadyMs?: number;
  private fatal?: string;
  private readyWaiters: { resolve: () => void; reject: (e: Error) => void }[] = [];

  constructor(private readonly options: PoolOptions) {
    // One worker first: on a busy machine the first answer comes sooner when it
    // does not share the CPU with the others' start-up; the rest follow once it is ready.
    this.slots.push(this.spawn(0));
  }

  /** Resolves when at least one worker can answer; rejects if the snapshot cannot be loaded. */
  whenReady(): Promise<void> {
    if (this.slots.some((s) => s.ready)) return Promise.resolve();
    if (this.fatal) return Promise.reject(new Error(this.fatal));
    return new Promise((resolve, reject) => this.readyWaiters.push({ resolve, reject }));
  }

  status(): PoolStatus {
    return {
      workers: this.slots.length,
      ready: this.slots.filter((s) => s.ready).length,
      busy: this.slots.filter((s) => s.job).length,
      queued: this.queue.length,
      quads: this.quads,
      restarts: this.restarts,
      firstReadyMs: this.firstReadyMs,
    };
  }

  /** Queue a query. Returns a function that cancels it (client went away). */
  run(request: QueryRequest, handlers: QueryHandlers): () => void {
    const job: Job = { id: this.nextId++, request, handlers, headSent: false, queuedAt: performance.now() };
    if (this.fatal) {
      handlers.error(503, `the store could not be loaded: ${this.fatal}`, false);
      return () => {};
    }
    // The time limit covers waiting in the queue as well: a client waits at most timeoutMs.
    job.timer = setTimeout(() => this.timeout(job), this.options.timeoutMs);
    this.queue.push(job);
    this.dispatch();
    return () => this.cancel(job);
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) this.finish(job);
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private spawn(generation: number): Slot {
    const worker = new Worker(workerFile(), {
      workerData: {
        outputDir: this.options.outputDir,
        files: this.options.files,
        maxResults: this.options.maxResults,
        timeoutMs: this.options.timeoutMs,
        federate: this.options.federate,
        allowedServices: this.options.allowedServices,
      } satisfies WorkerConfig,
    });
    const slot: Slot = { worker, ready: false, generation };
    worker.on('message', (msg: WorkerMessage) => this.onMessage(slot, msg));
    worker.on('error', (err) => this.onExit(slot, `worker error: ${err.message}`));
    worker.on('exit', (code) => this.onExit(slot, `worker exited (${code})`));
    return slot;
  }

  private onMessage(slot: Slot, msg: WorkerMessage): void {
    switch (msg.type) {
      case 'ready':
        slot.ready = true;
        this.quads = msg.quads;
        if (this.firstReadyMs === undefined) {
          this.firstReadyMs = performance.now() - this.started;
          if (!this.closed) for (let i = 1; i < Math.max(1, this.options.workers); i++) this.slots.push(this.spawn(0));
        }
        for (const w of this.readyWaiters.splice(0)) w.resolve();
        this.dispatch();
        return;
      case 'failed':
        this.fatal = msg.message;
        for (const w of this.readyWaiters.splice(0)) w.reject(new Error(msg.message));
        for (const job of this.queue.splice(0)) {
          job.handlers.error(503, `the store could not be loaded: ${msg.message}`, false);
          this.finish(job);
        }
        return;
    }
    const job = slot.job;
    if (!job || job.id !== msg.id) return; // a late message for a cancelled or timed-out job
    switch (msg.type) {
      case 'head':
        job.headSent = true;
        job.handlers.head(msg.mediaType, msg.truncated);
        return;
      case 'chunk':
        job.handlers.chunk(msg.data);
        return;
      case 'end':
        job.handlers.end(msg.truncated);
        this.release(slot, job);
        return;
      case 'error':
        job.handlers.error(msg.status, msg.message, job.headSent, msg.headers);
        this.release(slot, job);
        return;
    }
  }

  private onExit(slot: Slot, reason: string): void {
    const index = this.slots.indexOf(slot);
    if (index < 0) return; // already replaced
    const job = slot.job;
    if (job) {
      job.handlers.error(500, `query failed: ${reason}`, job.headSent);
      this.finish(job);
    }
    if (this.closed || this.fatal) {
      this.slots.splice(index, 1);
      return;
    }
    this.replace(index);
  }

  private replace(index: number): void {
    const old = this.slots[index];
    const fresh = this.spawn(old.generation + 1);
    this.slots[index] = fresh;
    this.restarts++;
    void old.worker.terminate();
  }

  private timeout(job: Job): void {
    const seconds = Math.round(this.options.timeoutMs / 100) / 10;
    const message = `query exceeded the time limit of ${seconds} s and was stopped`;
    const queued = this.queue.indexOf(job);
    if (queued >= 0) {
      this.queue.splice(queued, 1);
      job.handlers.error(503, `${message} (it was still waiting for a free worker)`, false, { 'retry-after': '5' });
      this.finish(job);
      return;
    }
    const index = this.slots.findIndex((s) => s.job === job);
    job.handlers.error(503, message, job.headSent);
    this.finish(job);
    if (index >= 0) {
      // Oxigraph cannot be interrupted: end the thread and start a fresh one.
      this.slots[index].job = undefined;
      this.replace(index);
    }
  }

  private cancel(job: Job): void {
    const queued = this.queue.indexOf(job);
    if (queued >= 0) {
      this.queue.splice(queued, 1);
      this.finish(job);
    }
    // A running job runs to its end (or its time limit); its output is dropped by the server.
  }

  private release(slot: Slot, job: Job): void {
    this.finish(job);
    if (slot.job === job) slot.job = undefined;
    this.dispatch();
  }

  private finish(job: Job): void {
    if (job.timer) clearTimeout(job.timer);
    job.timer = undefined;
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      if (!slot.ready || slot.job) continue;
      const job = this.queue.shift()!;
      slot.job = job;
      const message: WorkerQuery = { type: 'query', id: job.id, request: job.request };
      slot.worker.postMessage(message);
    }
  }
}
