/**
 * The text index the build wrote beside the dump (output/text-index.json, src/publish/text-index-file.ts),
 * read by a query worker of the embedded store when it loads the dump, so that no query pays for
 * building the index. (On Virtuoso, `load` writes it into the database: virtuoso/text-graph.ts.)
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { TEXT_INDEX_FILE, type TextIndexFile } from '../text-index-format.js';
import { TextIndex } from './text-index.js';

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

function indexesOf(text: string, build: string): Map<string, TextIndex> {
  const out = new Map<string, TextIndex>();
  const content = JSON.parse(text) as TextIndexFile;
  if (content.version !== 1 || `sha256:${content.dump.sha256}` !== build) return out;
  for (const [iri, data] of Object.entries(content.predicates)) out.set(iri, TextIndex.fromData(data));
  return out;
}
