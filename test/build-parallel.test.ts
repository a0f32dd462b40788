/**
 * A parallel build (worker threads, `jobs`) publishes exactly what a serial one does, byte for byte,
 * and one broken document still fails alone. Uses the project's pipeline on the real papers of
 * ../shared/corpus (the Kamervragen, the verslag and the nota), which is why it needs ../shared.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCorpus, type BuildSummary } from '../src/publish/build.js';
import { hasShared, sharedCorpus, treeHashes } from './helpers.js';

let work: string;
let corpus: string;
const papers = hasShared
  ? readdirSync(sharedCorpus)
      .filter((n) => n.endsWith('.txt'))
      .sort()
  : [];

beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'kld-parallel-'));
  corpus = path.join(work, 'corpus');
  mkdirSync(corpus);
  for (const p of papers) copyFileSync(path.join(sharedCorpus, p), path.join(corpus, p));
  // A broken entry among them: binary content.
  writeFileSync(path.join(corpus, 'zz-broken.txt'), Buffer.from([0x00, 0x01, 0x02, 0xff, 0x00, 0x00, 0x10]));
});

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

describe.skipIf(!hasShared)('parallel build (needs ../shared/corpus: real papers)', () => {
  it('jobs=1 and jobs=2 give byte-identical output; the broken document fails alone in both', async () => {
    const run = (jobs: number): Promise<BuildSummary> => buildCorpus({ corpus, output: path.join(work, `out-${jobs}`), cacheDir: path.join(work, `cache-${jobs}`), jobs, progress: false, date: '2024-06-01' });
    const one = await run(1);
    const two = await run(2);
    expect(papers.length).toBeGreaterThan(5);
    for (const s of [one, two]) {
      expect(s.published).toBe(papers.length);
      expect(s.failed.map((f) => path.basename(f.file))).toEqual(['zz-broken.txt']);
      expect(s.failed[0]?.message).toMatch(/zz-broken\.txt/);
      expect(s.exitCode).toBe(1);
      expect(s.published_output).toBe(true);
    }
    expect(two.triples).toBe(one.triples);
    expect(one.triples).toBeGreaterThan(1000);
    const a = treeHashes(path.join(work, 'out-1'));
    expect(Object.keys(a).filter((f) => f.startsWith('documents/')).length).toBe(3 * papers.length);
    expect(treeHashes(path.join(work, 'out-2'))).toEqual(a);
    // A second parallel build takes every document from the cache the workers filled, and is identical again.
    const again = await run(2);
    expect(again.reused).toBe(papers.length);
    expect(treeHashes(path.join(work, 'out-2'))).toEqual(a);
  }, 600_000);
});
