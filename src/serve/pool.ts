/**
 * A pool of query workers (worker.ts), each with its own copy of the store
 * (Oxigraph's WebAssembly memory cannot be shared between threads), one query
 * at a time, plus one warm spare: a loaded worker that takes over at once
 * when a worker has to go.
 *
 * Oxigraph evaluates synchronously and cannot be interrupted, so a query is
 * stopped by ending its thread; that is how every limit is enforced:
 * - time: counted from when the query starts running (not while it waits);
 * - memory: the process's resident memory may grow at most memoryLimitMb over
 *   its idle level while queries run; past that the running queries are
 *   stopped, and a worker that kept grown memory after its query is replaced.
 *   From the first query on: workers still loading (start-up, replacements)
 *   are allowed the memory one worker took to load, each (see ceiling());
 * - the client going away (disconnect, or not reading: see handlers/sparql.ts);
 * - a panic in the store (fatal error from the worker).
 * Waiting has its own bounds: at most queueLimit queries wait, each at most
 * queueTimeoutMs; beyond that the answer is 503 with Retry-After.
 */
import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type { QueryRequest } from './engine.js';
import type { QueryForm } from './store.js';
import type { WorkerConfig, WorkerMessage, WorkerQuery } from './worker.js';

/** What is known about an answer when its head is sent (for the result cache, cache.ts). */
export interface HeadInfo {
  /** The query's form (SELECT → bindings, CONSTRUCT/DESCRIBE → quads, ASK → boolean). */
  form?: QueryForm;
  /** The build the answering worker loaded (the snapshot's SHA-256, or the loaded files' identity). */
  build?: string;
  /** Set by the cache: the answer's ETag (complete answers only) and whether it came from memory. */
  etag?: string;
  cache?: 'hit' | 'miss';
}

export interface QueryHandlers {
  /** The status can be sent: 200 with this media type; `truncated` = the result cap cut the answer. */
  head(mediaType: string, truncated: boolean, info?: HeadInfo): void;
  chunk(data: string): void;
  end(truncated: boolean): void;
  /** Failed before or after head; `afterHead` tells the server it can only cut the connection. */
  error(status: number, message: string, afterHead: boolean, headers?: Record<string, string>): void;
  /** The client's If-None-Match (GET/HEAD): the cache may answer 304 without running the query. */
  ifNoneMatch?: string;
  /** The client asked for a fresh answer (Cache-Control: no-cache): run the query even when it is cached. */
  fresh?: boolean;
}

interface Job {
  id: number;
  request: QueryRequest;
  handlers: QueryHandlers;
  headSent: boolean;
  done: boolean;
  timer?: NodeJS.Timeout;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  job?: Job;
  /** Why this worker is being ended (so its exit is not reported as a crash). */
  ending?: string;
  /** The build this worker loaded. */
  build?: string;
  /** The thread's external memory (its store's WebAssembly memory) once loaded, in bytes. */
  loadedExternal?: number;
  /** Its memory is in the idle level: it was loaded when that was measured. */
  counted?: boolean;
}

export interface PoolOptions extends WorkerConfig {
  workers: number;
  /** Keep one loaded worker in reserve (default true). */
  spare?: boolean;
  /** Queries that may wait for a worker (default 32); more get 503 at once. */
  queueLimit?: number;
  /** Longest wait for a worker (default 10 s); then 503. */
  queueTimeoutMs?: number;
  /** Growth of resident memory allowed while queries run, in MiB (default 1024). */
  memoryLimitMb?: number;
}

export const POOL_DEFAULTS = {
  queueLimit: 32,
  queueTimeoutMs: 10_000,
  memoryLimitMb: 1024,
};

export interface PoolStatus {
  workers: number;
  ready: number;
  busy: number;
  queued: number;
  /** A loaded worker is waiting in reserve. */
  spareReady: boolean;
  quads: number;
  restarts: number;
  /** Workers ended for each reason (timeout, memory, cancelled, panic, crash). */
  replaced: Record<string, number>;
  firstReadyMs?: number;
  /** The build the most recently loaded worker holds (see HeadInfo.build). */
  build?: string;
  /** The result cache's counters, when the runner has one (cache.ts). */
  cache?: Record<string, number>;
}

const RETRY_AFTER_S = '5';
const WATCH_MS = 100;

/**
 * The worker runs compiled JavaScript. Under the test runner this module is
 * loaded from src/*.ts; the worker then comes from dist/ (built by `npm run build:ts`).
 */
function workerFile(): string {
  const here = fileURLToPath(import.meta.url);
  return here.endsWith('.ts') ? path.resolve(path.dirname(here), '../../dist/src/serve/worker.js') : path.join(path.dirname(here), 'worker.js');
}

export class QueryPool {
  private readonly slots: Slot[] = [];
  private spare?: Slot;
  private readonly queue: { job: Job; timer: NodeJS.Timeout }[] = [];
  private nextId = 1;
  private quads = 0;
  private build?: string;
  private restarts = 0;
  private readonly replaced: Record<string, number> = {};
  private closed = false;
  private readonly started = performance.now();
  private firstReadyMs?: number;
  private fatal?: string;
  private readyWaiters: { resolve: () => void; reject: (e: Error) => void }[] = [];
  /** Resident memory when nothing ran (measured whenever nothing runs; at first, before any worker). */
  private idleRss = process.memoryUsage.rss();
  private readonly startRss = this.idleRss;
  /** Resident memory that loading one worker added (measured when the first one was ready). */
  private workerRss = 0;
  /** Workers in the idle level whose threads have ended since it was measured. */
  private gone = 0;
  /** Workers told to end whose threads have not gone yet (their memory is still counted). */
  private terminating = 0;
  private readonly watch: NodeJS.Timeout;
  private readonly queueLimit: number;
  private readonly queueTimeoutMs: number;
  private readonly memoryLimit: number;

  constructor(private readonly options: PoolOptions) {
    this.queueLimit = options.queueLimit ?? POOL_DEFAULTS.queueLimit;
    this.queueTimeoutMs = options.queueTimeoutMs ?? POOL_DEFAULTS.queueTimeoutMs;
    this.memoryLimit = (options.memoryLimitMb ?? POOL_DEFAULTS.memoryLimitMb) * 1024 * 1024;
    // One worker first: on a busy machine the first answer comes sooner when it
    // does not share the CPU with the others' start-up; the rest follow once it is ready.
    this.slots.push(this.spawn());
    this.watch = setInterval(() => this.checkMemory(), WATCH_MS);
    this.watch.unref();
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
      spareReady: this.spare?.ready ?? false,
      quads: this.quads,
      restarts: this.restarts,
      replaced: { ...this.replaced },
      firstReadyMs: this.firstReadyMs,
      build: this.build,
    };
  }

  /** Queue a query. Returns a function that cancels it (the client went away). */
  run(request: QueryRequest, handlers: QueryHandlers): () => void {
    const job: Job = { id: this.nextId++, request, handlers, headSent: false, done: false };
    if (this.fatal) {
      this.fail(job, 503, `the store could not be loaded: ${this.fatal}`);
      return () => {};
    }
    if (this.queue.length >= this.queueLimit) {
      this.fail(job, 503, `the server is busy: ${this.queue.length} queries are already waiting; try again shortly`, { 'retry-after': RETRY_AFTER_S });
      return () => {};
    }
    const timer = setTimeout(() => {
      const i = this.queue.findIndex((q) => q.job === job);
      if (i < 0) return;
      this.queue.splice(i, 1);
      this.fail(job, 503, `the server is busy: no worker became free within ${this.queueTimeoutMs / 1000} s; try again shortly`, { 'retry-after': RETRY_AFTER_S });
    }, this.queueTimeoutMs);
    this.queue.push({ job, timer });
    this.useSpare();
    this.dispatch();
    return () => this.cancel(job);
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.watch);
    for (const { job, timer } of this.queue.splice(0)) {
      clearTimeout(timer);
      job.done = true;
    }
    const all = [...this.slots, ...(this.spare ? [this.spare] : [])];
    for (const s of all) s.ending = 'closed';
    await Promise.all(all.map((s) => s.worker.terminate()));
  }

  private spawn(): Slot {
    const worker = new Worker(workerFile(), {
      workerData: {
        outputDir: this.options.outputDir,
        files: this.options.files,
        maxResults: this.options.maxResults,
        timeoutMs: this.options.timeoutMs,
        federate: this.options.federate,
        allowedServices: this.options.allowedServices,
        virtuoso: this.options.virtuoso,
      } satisfies WorkerConfig,
    });
    const slot: Slot = { worker, ready: false };
    worker.on('message', (msg: WorkerMessage) => this.onMessage(slot, msg));
    worker.on('error', (err) => this.onExit(slot, `worker error: ${err.message}`));
    worker.on('exit', (code) => this.onExit(slot, `worker exited (${code})`));
    return slot;
  }

  private onMessage(slot: Slot, msg: WorkerMessage): void {
    if (slot.ending) return;
    switch (msg.type) {
      case 'ready':
        slot.ready = true;
        slot.build = msg.build;
        slot.loadedExternal = msg.external;
        this.quads = msg.quads;
        this.build = msg.build;
        if (this.firstReadyMs === undefined) {
          this.firstReadyMs = performance.now() - this.started;
          this.workerRss = Math.max(0, process.memoryUsage.rss() - this.startRss);
          if (!this.closed) for (let i = 1; i < Math.max(1, this.options.workers); i++) this.slots.push(this.spawn());
        }
        this.ensureSpare(true);
        for (const w of this.readyWaiters.splice(0)) w.resolve();
        this.dispatch();
        return;
      case 'failed':
        this.fatal = msg.message;
        for (const w of this.readyWaiters.splice(0)) w.reject(new Error(msg.message));
        for (const { job, timer } of this.queue.splice(0)) {
          clearTimeout(timer);
          this.fail(job, 503, `the store could not be loaded: ${msg.message}`);
        }
        return;
    }
    const job = slot.job;
    if (!job || job.id !== msg.id || job.done) return; // a late message for an ended job
    switch (msg.type) {
      case 'head':
        job.headSent = true;
        job.handlers.head(msg.mediaType, msg.truncated, { form: msg.form, build: slot.build });
        return;
      case 'chunk':
        job.handlers.chunk(msg.data);
        return;
      case 'whole':
        job.headSent = true;
        job.handlers.head(msg.mediaType, msg.truncated, { form: msg.form, build: slot.build });
        if (msg.data) job.handlers.chunk(msg.data);
        this.finish(job);
        slot.job = undefined;
        job.handlers.end(msg.truncated);
        this.afterQuery(slot, msg.external);
        return;
      case 'end':
        this.finish(job);
        slot.job = undefined;
        job.handlers.end(msg.truncated);
        this.afterQuery(slot, msg.external);
        return;
      case 'error':
        this.finish(job);
        slot.job = undefined;
        job.handlers.error(msg.status, msg.message, job.headSent, msg.headers);
        if (msg.fatal) this.replace(slot, 'panic');
        else this.afterQuery(slot, msg.external);
        return;
    }
  }

  /**
   * The spare is started once all workers are up, and again whenever it has been used. Once a
   * worker has had to be replaced, it is also started when any worker has just loaded (`loaded`):
   * in a storm of timeouts at start-up the workers are replaced in turn and are never all up at
   * once. Not at the replacement itself: a third load would slow the one a waiting query needs.
   */
  private ensureSpare(loaded = false): void {
    if (this.closed || this.fatal || this.options.spare === false || this.spare) return;
    if (this.slots.length < Math.max(1, this.options.workers)) return;
    if (!(loaded && this.restarts > 0) && this.slots.some((s) => !s.ready)) return;
    this.spare = this.spawn();
  }

  private onExit(slot: Slot, reason: string): void {
    if (slot.ending) return;
    // Its thread is gone: its memory leaves the idle level (counted once: replace() below sees it uncounted).
    if (slot.counted) this.gone++;
    slot.counted = false;
    if (slot === this.spare) {
      this.spare = undefined;
      this.ensureSpare();
      return;
    }
    if (!this.slots.includes(slot)) return;
    const job = slot.job;
    if (job && !job.done) {
      this.finish(job);
      job.handlers.error(500, 'the query worker stopped unexpectedly; it has been replaced', job.headSent);
    }
    slot.job = undefined;
    if (this.closed || this.fatal) {
      this.slots.splice(this.slots.indexOf(slot), 1);
      return;
    }
    this.replace(slot, 'crash', reason);
  }

  /** End a worker and put the spare (or a fresh worker) in its place. */
  private replace(slot: Slot, why: string, detail?: string): void {
    const index = this.slots.indexOf(slot);
    if (index < 0 || this.closed) return;
    slot.ending = detail ?? why;
    this.terminating++;
    void slot.worker.terminate().finally(() => {
      this.terminating--;
      if (slot.counted) this.gone++;
    });
    this.restarts++;
    this.replaced[why] = (this.replaced[why] ?? 0) + 1;
    // While a backlog waits, the spare stays in reserve: the queued queries (in a
    // storm, more of the same) would use it up, and the next newcomer would find
    // no loaded worker at all. The backlog gets a fresh worker instead.
    if (this.spare?.ready && this.queue.length === 0) {
      this.slots[index] = this.spare;
      this.spare = undefined;
      this.ensureSpare();
    } else {
      this.slots[index] = this.spawn();
    }
    this.dispatch();
  }

  /**
   * A query that arrives with nobody waiting ahead of it and no loaded worker
   * free (the workers are being replaced) takes the spare: the spare swaps
   * places with a worker that is still loading, which becomes the spare.
   */
  private useSpare(): void {
    if (this.queue.length !== 1 || !this.spare?.ready) return;
    if (this.slots.some((s) => s.ready && !s.job && !s.ending)) return;
    const loading = this.slots.findIndex((s) => !s.ready && !s.ending);
    if (loading < 0) return;
    const spare = this.spare;
    this.spare = this.slots[loading];
    this.slots[loading] = spare;
  }

  private startTimer(slot: Slot, job: Job): void {
    job.timer = setTimeout(() => {
      if (job.done || slot.job !== job) return;
      const seconds = Math.round(this.options.timeoutMs / 100) / 10;
      this.finish(job);
      slot.job = undefined;
      job.handlers.error(503, `the query ran longer than the time limit of ${seconds} s and was stopped`, job.headSent);
      this.replace(slot, 'timeout');
    }, this.options.timeoutMs);
  }

  private cancel(job: Job): void {
    if (job.done) return;
    const queued = this.queue.findIndex((q) => q.job === job);
    const entry = this.queue[queued];
    if (entry !== undefined) {
      clearTimeout(entry.timer);
      this.queue.splice(queued, 1);
      job.done = true;
      return;
    }
    const slot = this.slots.find((s) => s.job === job);
    this.finish(job);
    if (slot) {
      // Nobody will read the answer: stop computing it.
      slot.job = undefined;
      this.replace(slot, 'cancelled');
    }
  }

  private fail(job: Job, status: number, message: string, headers?: Record<string, string>): void {
    this.finish(job);
    job.handlers.error(status, message, false, headers);
  }

  private finish(job: Job): void {
    job.done = true;
    if (job.timer) clearTimeout(job.timer);
    job.timer = undefined;
  }

  /**
   * Between queries: a worker that kept much grown memory gives it back by being replaced (the
   * spare takes its place). Told by the thread's own WebAssembly memory, which a query can only
   * grow (a quarter of the ceiling over its size once loaded), or by the server's resident memory.
   */
  private afterQuery(slot: Slot, external?: number): void {
    const kept = external !== undefined && slot.loadedExternal !== undefined ? external - slot.loadedExternal : 0;
    if (kept > this.memoryLimit / 4) this.replace(slot, 'memory');
    else if (this.terminating === 0 && process.memoryUsage.rss() > this.ceiling(this.memoryLimit / 2)) this.replace(slot, 'memory');
    else this.dispatch();
  }

  /**
   * The resident memory allowed while queries run: the idle level, plus what each worker not in
   * it (loading, or loaded since) took to load, less that of the workers in it that have ended,
   * plus `growth`. A worker that was partly loaded when the idle level was measured is allowed
   * its whole load again: the ceiling is looser by at most one worker's load per loading worker.
   */
  private ceiling(growth: number): number {
    const live = [...this.slots, ...(this.spare ? [this.spare] : [])].filter((s) => !s.ending);
    const loading = live.filter((s) => !s.counted).length - this.gone;
    return this.idleRss + this.workerRss * Math.max(0, loading) + growth;
  }

  private checkMemory(): void {
    const busy = this.slots.filter((s) => s.job);
    const rss = process.memoryUsage.rss();
    if (busy.length === 0) {
      // The idle level: the workers loaded now are in it (also at start-up, before all are).
      if (this.terminating === 0) {
        this.idleRss = rss;
        this.gone = 0;
        for (const s of [...this.slots, ...(this.spare ? [this.spare] : [])]) s.counted = s.ready;
      }
      return;
    }
    // Memory of ended workers is still being given back: judge the running queries after that.
    if (this.terminating > 0 || rss <= this.ceiling(this.memoryLimit)) return;
    // Which running query grew cannot be told from outside a thread: all running ones stop.
    const mb = Math.round(this.memoryLimit / 1024 / 1024);
    for (const slot of busy) {
      const job = slot.job!;
      this.finish(job);
      slot.job = undefined;
      job.handlers.error(503, `the query needed more memory than this server allows a query (${mb} MiB) and was stopped`, job.headSent);
      this.replace(slot, 'memory');
    }
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      if (!slot.ready || slot.job || slot.ending) continue;
      const { job, timer } = this.queue.shift()!;
      clearTimeout(timer);
      slot.job = job;
      this.startTimer(slot, job);
      const message: WorkerQuery = { type: 'query', id: job.id, request: job.request };
      slot.worker.postMessage(message);
    }
  }
}
