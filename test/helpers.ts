/** Paths shared by the tests: the repo, the bundled seed, and the reference corpus beside the clone. */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const seedFile = resolve(repoRoot, 'corpus/kst-26150-187.txt');
export const sharedDir = resolve(repoRoot, '../shared');
export const sharedCorpus = resolve(sharedDir, 'corpus');
export const sharedGold = resolve(sharedDir, 'gold');
/** The reference corpus is beside the clone in CI and here; tests that need it skip without it. */
export const hasShared = existsSync(sharedCorpus) && existsSync(sharedGold);

/** The value, or a failed test naming `what` when it is missing: for indexing whose result the test goes on to use. */
export function defined<T>(value: T | null | undefined, what = 'a value'): T {
  if (value === undefined || value === null) throw new Error(`expected ${what}, found ${String(value)}`);
  return value;
}
