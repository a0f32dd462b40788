/**
 * The text index the build wrote beside the dump (output/text-index.json, src/publish/text-index-file.ts),
 * read by a query worker when it loads the dump (or on Virtuoso by the server, in a worker thread), so
 * that no query pays for building the index.
 */
import { existsSync, readFileSync } from 'node:fs';
import { compiledModule } from '../package.js';
import { Worker } from 'node:worker_threads';
import path from 'node:path';
import { TEXT_INDEX_FILE, type TextIndexFile } from '../text-index-format.js';
import { TextIndex, type TextIndexParts } from './text-index.js';
import type { ReaderInput } from './text-index-reader.js';

/**
 * The indexes in `outputDir`'s text-index.json, when it was made from the dump the worker loaded
 * (`build`: LoadStats.build, "sha256:…" of the dump store.json names); none when there is no such file,
 * it was made from other bytes, or it cannot be read: each predicate's index is then built on first use.
 */
export function readTextIndexes(outputDir: string, build: string): Map<string, TextIndex> {
  const file = path.join(outputDir, TEXT_INDEX_FILE);
  if (!existsSync(file)) return new Map();
  try {
    return indexesOf(readFileSync(file, 'utf8'), build);
  } catch {
    return new Map(); // unreadable: the indexes are built on first use, as without the file
  }
}

/**
 * The same, read and parsed in a worker thread (text-index-reader.ts): the Virtuoso store's HTTP thread
 * answers queries meanwhile. Empty when there is no such file, it was made from other bytes, or it
 * cannot be read.
 */
export async function readTextIndexesInWorker(outputDir: string, build: string): Promise<Map<string, TextIndex>> {
  if (!existsSync(path.join(outputDir, TEXT_INDEX_FILE))) return new Map();
  // Worker threads run compiled code (dist/, also under vitest), found as the query workers are.
  const worker = new Worker(compiledModule('serve/text-index-reader.js'), { workerData: { outputDir, build } satisfies ReaderInput });
  const parts = await new Promise<[string, TextIndexParts][]>((resolve) => {
    worker.once('message', resolve);
    worker.once('error', () => resolve([])); // unreadable: no index
    worker.once('exit', () => resolve([]));
  });
  void worker.terminate();
  return new Map(parts.map(([iri, p]) => [iri, TextIndex.fromParts(p)]));
}

function indexesOf(text: string, build: string): Map<string, TextIndex> {
  const out = new Map<string, TextIndex>();
  const content = JSON.parse(text) as TextIndexFile;
  if (content.version !== 1 || `sha256:${content.dump.sha256}` !== build) return out;
  for (const [iri, data] of Object.entries(content.predicates)) out.set(iri, TextIndex.fromData(data));
  return out;
}
