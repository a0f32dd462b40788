/**
 * One document's request to a worker thread, within the per-document budget: the one wrapper the build's
 * worker pool (parallel.ts) and the budgeted reader (budget.ts) both use. It posts the request, waits for the
 * answer, and turns what can go wrong into the errors a build reports by file:
 * - the worker answered with an error: that error, rebuilt as its kind (IngestError, WriteError), since an
 *   Error does not keep its class across threads; the worker is fine and takes the next document;
 * - no answer in time: the time budget's IngestError; the worker ran out of heap: the memory budget's;
 *   the worker stopped or failed: that error. In these cases the worker is unfit, and `retire` is awaited
 *   (terminate it; a fresh one takes the next document) before the error is thrown.
 */
import type { Worker } from 'node:worker_threads';
import { IngestError, WriteError, type SourceLocation } from '../errors.js';

/** An error as a worker posts it: its fields, flattened to cross the thread. */
export interface ThreadError {
  name?: string;
  message: string;
  location?: SourceLocation;
  /** WriteError: the errno code, and the file it could not write. */
  code?: string;
  file?: string;
}

/** What a worker posts back for one request. */
export type WorkerAnswer<T> = { ok: T } | { error: ThreadError };

export interface WorkerBudget {
  /** The document the request is about: every budget error names it. */
  file: string;
  /** Seconds the answer may take (0: no limit). */
  seconds: number;
  /** The worker's heap limit in MB, for the memory budget's message. */
  memoryMb: number;
}

/** Post `request` to `worker` and wait for its answer within `budget`; see the module comment for the errors. */
export async function callWorker<T>(worker: Worker, request: unknown, budget: WorkerBudget, retire: () => Promise<void>): Promise<T> {
  const { file, seconds } = budget;
  let timer: NodeJS.Timeout | undefined;
  let cleanup = (): void => undefined;
  let answer: WorkerAnswer<T>;
  try {
    answer = await new Promise<WorkerAnswer<T>>((resolve, reject) => {
      const onMessage = (a: WorkerAnswer<T>): void => resolve(a);
      const onError = (err: Error): void => reject(err);
      const onExit = (code: number): void => reject(new Error(`the worker stopped (exit code ${code})`));
      worker.once('message', onMessage);
      worker.once('error', onError);
      worker.once('exit', onExit);
      cleanup = () => {
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
      };
      if (seconds > 0) {
        timer = setTimeout(() => reject(new IngestError({ file }, `took longer than ${seconds} s to read (the per-document time budget); skipped`)), seconds * 1000);
      }
      worker.postMessage(request);
    });
  } catch (err) {
    // No answer (over the time budget, out of memory, the worker gone): the worker cannot take another document.
    await retire();
    if (err instanceof Error && /ERR_WORKER_OUT_OF_MEMORY|out of memory/i.test(`${(err as NodeJS.ErrnoException).code ?? ''} ${err.message}`)) {
      throw new IngestError({ file }, `needs more than ${budget.memoryMb} MB to read (the per-document memory budget); skipped`);
    }
    throw err;
  } finally {
    clearTimeout(timer);
    cleanup();
  }
  if ('ok' in answer) return answer.ok;
  throw rebuildError(answer.error, file);
}

/** An error that crossed the thread, as the kind it was (its message already names file and place). */
export function rebuildError(error: ThreadError, file: string): Error {
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
  other.name = error.name ?? 'Error';
  return other;
}
