/** Paths shared by the tests: the repo, the bundled seed, and the reference corpus beside the clone. */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Quad } from '@rdfjs/types';
import { Writer } from 'n3';

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

/** Every .ts file below `dir` (paths joined to `dir`), sorted. */
export function tsFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => join(dir, f))
    .sort();
}

/** Every file below `dir` by its path relative to `dir`, with the SHA-256 of its bytes: two trees compare equal when byte-identical. */
export function treeHashes(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort()) {
    const full = join(dir, f);
    if (statSync(full).isFile()) out[relative(dir, full)] = createHash('sha256').update(readFileSync(full)).digest('hex');
  }
  return out;
}

/** Quads written by N3's Writer in `format` ('N-Quads', 'application/trig', …); the Writer's callback runs synchronously. */
export function serialise(quads: readonly Quad[], format: string): string {
  const w = new Writer({ format });
  w.addQuads([...quads]);
  let out = '';
  w.end((err, text) => {
    if (err) throw err;
    out = text;
  });
  return out;
}
