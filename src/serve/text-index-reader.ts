/**
 * Reads the build's text-index.json in a worker thread, for the Virtuoso store, whose queries run in the
 * HTTP thread: at 10M triples the file is some 230 MB and its parse takes about 2 s, which the thread
 * answering queries (and the first one after start) should not wait for. The indexes come back as flat
 * parts, their typed arrays transferred, not copied.
 */
import os from 'node:os';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { readTextIndexes } from './text-index-file.js';

export interface ReaderInput {
  outputDir: string;
  build: string;
}

if (!isMainThread && parentPort) {
  // Below the queries: this thread alone (Linux keeps a nice value per thread) yields the cores to the
  // HTTP thread and to Virtuoso, whose first queries after start it would otherwise compete with for
  // seconds at 10M triples (two cores). Until the index is here, CONTAINS goes to Virtuoso as written.
  try {
    os.setPriority(os.constants.priority.PRIORITY_BELOW_NORMAL);
  } catch {
    // not allowed here: read at the usual priority
  }
  const { outputDir, build } = workerData as ReaderInput;
  const indexes = readTextIndexes(outputDir, build);
  const parts = [...indexes].map(([iri, index]) => [iri, index.parts()] as const);
  parentPort.postMessage(
    parts,
    parts.flatMap(([, p]) => [p.subjectBytes.buffer, p.subjectStarts.buffer, p.starts.buffer, ...p.postings.map((a) => a.buffer)]),
  );
}
