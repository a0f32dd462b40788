/**
 * Build faults (issue 14, item 4): a corpus entry that is not a readable
 * paper (dangling symlink, folder named *.txt, FIFO, empty or binary file, every line doubled) is
 * skipped by name while the good papers are published; a failed write (a full
 * disk, made real with /dev/full) names its file and leaves no temporary file;
 * what a killed build left in the cache is cleaned by the next one.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError, UsageError, WriteError, exitCodeFor } from '../src/errors.js';
import { IriMinter } from '../src/rdf/iris.js';
import { tmpSuffix } from '../src/publish/atomic.js';
import { buildCorpus, readSourceEntry } from '../src/publish/build.js';
import { pathToFileURL } from 'node:url';
import { BuildCache, cacheKey } from '../src/publish/cache.js';
import type { Pipeline } from '../src/publish/pipeline.js';
import { hasShared, repoRoot, seedFile, sharedCorpus } from './helpers.js';
import { fixturePipeline, writeFixtureSource } from './publish-fixtures.js';

const minter = new IriMinter();
let work: string;
let pipeline: Pipeline;

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'kld-faults-'));
  pipeline = await fixturePipeline(minter);
});

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

function mkfifo(file: string): void {
  const r = spawnSync('mkfifo', [file], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`mkfifo failed: ${r.stderr}`);
}

/** Every file under a folder whose name marks it as a temporary file. */
function tmpFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((n) => /\.tmp-\d+$/.test(n));
}

/** Bad entries of every kind, beside the good papers already in `dir`. */
function addBadEntries(dir: string): Record<string, RegExp> {
  symlinkSync(path.join(dir, 'nowhere.txt'), path.join(dir, 'gone.txt'));
  mkdirSync(path.join(dir, 'folder.txt'));
  mkfifo(path.join(dir, 'pipe.txt'));
  writeFileSync(path.join(dir, 'empty.txt'), '');
  writeFileSync(path.join(dir, 'binary.txt'), Buffer.from([0x4b, 0x61, 0x00, 0x01, 0xff, 0xfe, 0x00, 0x7f]));
  // Every line of the seed twice in a row: a reading error, not a paper refused with 1,294 SHACL violations.
  writeFileSync(
    path.join(dir, 'doubled.txt'),
    readFileSync(seedFile, 'utf8')
      .split('\n')
      .flatMap((l) => [l, l])
      .join('\n'),
  );
  return {
    'gone.txt': /symbolic link to .*nowhere\.txt, which does not exist/,
    'folder.txt': /a folder, not a paper/,
    'pipe.txt': /a named pipe \(FIFO\)/,
    'empty.txt': /empty/,
    'binary.txt': /binary|not valid UTF-8|encoding/i,
    'doubled.txt': /doubled\.txt:1: 100% of the \d+ lines with text stand twice in a row .*the text was extracted twice; not read/,
  };
}

describe('readSourceEntry', () => {
  it('refuses a FIFO at once (non-blocking open) and names it', async () => {
    const fifo = path.join(work, 'lonely.txt');
    mkfifo(fifo);
    await expect(readSourceEntry(fifo)).rejects.toThrow(/lonely\.txt: a named pipe \(FIFO\), not a paper; skipped/);
  });

  it('refuses a file over the size budget by name, and reads one within it', async () => {
    const big = path.join(work, 'big.txt');
    writeFileSync(big, 'x'.repeat(2048));
    await expect(readSourceEntry(big, 1024)).rejects.toThrow(/big\.txt: 2048 bytes, over the budget of 1024 bytes/);
    expect((await readSourceEntry(big, 4096)).length).toBe(2048);
  });
});

describe('a corpus with bad entries among good papers (the CLI, real ingest)', () => {
  it('publishes the good papers, exits 1 and names each bad entry', () => {
    const base = path.join(work, 'cli');
    const dir = path.join(base, 'corpus');
    mkdirSync(dir, { recursive: true });
    const good = [seedFile];
    // One Kamervragen paper too when the reference corpus is here (a second genre); the seed alone otherwise.
    if (hasShared) good.push(path.join(sharedCorpus, 'ah-tk-20232024-1292.txt'));
    for (const f of good) copyFileSync(f, path.join(dir, path.basename(f)));
    const bad = addBadEntries(dir);
    const out = path.join(base, 'output');
    const cli = path.join(repoRoot, 'bin', 'kamerstukken-ld.js');
    const r = spawnSync(process.execPath, [cli, 'build', '--corpus', dir, '--output', out, '--quiet'], {
      cwd: base,
      encoding: 'utf8',
      timeout: 150_000,
    });
    expect(r.error, 'the build hung (a FIFO opened blocking?)').toBeUndefined();
    expect(r.status, r.stderr).toBe(1);
    const errors = r.stderr.split('\n').filter((l) => l.startsWith('error: '));
    for (const [name, why] of Object.entries(bad)) {
      const line = errors.find((l) => l.includes(path.join(dir, name)));
      expect(line, `no error line names ${name}:\n${r.stderr}`).toBeDefined();
      expect(line).toMatch(why);
    }
    expect(errors).toHaveLength(Object.keys(bad).length);
    const published = readdirSync(path.join(out, 'documents'))
      .filter((n) => n.endsWith('.ttl'))
      .sort();
    expect(published).toEqual(good.map((f) => `${path.basename(f, '.txt')}.ttl`).sort());
    expect(r.stderr).toMatch(new RegExp(`build: ${good.length}/${good.length + Object.keys(bad).length} documents published`));
    expect(existsSync(path.join(base, '.output.lock'))).toBe(false);
    expect(readdirSync(base).filter((n) => n.startsWith('.output.'))).toEqual([]);
  }, 180_000);
});

describe('write errors', () => {
  it('a full disk while caching names the file and leaves no temporary file (BuildCache.put)', async () => {
    const dir = path.join(work, 'cache-full');
    const cache = new BuildCache(dir);
    const key = 'ab'.repeat(32);
    const target = cache.filePath(key, 'jsonld');
    mkdirSync(path.dirname(target), { recursive: true });
    // The temporary file points at /dev/full: the write itself fails with a real ENOSPC.
    symlinkSync('/dev/full', target + tmpSuffix());
    const entry = { key, id: 'kst-1-1', file: 'x.txt', sha256: '0', violations: 0, reportBlocks: [], reportText: '', stats: {} as never, dates: [] };
    const err = await cache.put(entry, { nq: 'a', jsonld: 'b', ttl: 'c', txt: 'd' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WriteError);
    expect((err as WriteError).code).toBe('ENOSPC');
    expect((err as Error).message).toBe(`cannot write ${target}: ENOSPC, no space left on the device`);
    expect(tmpFiles(dir)).toEqual([]);
    expect(await cache.get(key)).toBeNull();
  });

  it('a full disk during a build stops it with the file named; the previous output, the lock and the cache stay clean', async () => {
    const base = path.join(work, 'build-full');
    const dir = path.join(base, 'corpus');
    mkdirSync(dir, { recursive: true });
    writeFixtureSource(dir, 'kst-99999-1.txt', 'model:1:2024-01-15');
    const options = { corpus: dir, output: path.join(base, 'output'), cacheDir: path.join(base, 'cache'), pipeline, progress: false as const };
    const first = await buildCorpus(options);
    expect(first.exitCode).toBe(0);
    const before = readFileSync(path.join(base, 'output', 'kamerstukken-ld.nq'));

    const file = writeFixtureSource(dir, 'kst-99999-2.txt', 'model:2:2024-03-01');
    const key = cacheKey(createHash('sha256').update(readFileSync(file)).digest('hex'), pipeline.version, minter.base);
    const cache = new BuildCache(options.cacheDir);
    const target = cache.filePath(key, 'nq');
    mkdirSync(path.dirname(target), { recursive: true });
    symlinkSync('/dev/full', target + tmpSuffix());

    await expect(buildCorpus(options)).rejects.toThrow(`cannot write ${target}: ENOSPC, no space left on the device`);
    expect(readFileSync(path.join(base, 'output', 'kamerstukken-ld.nq'))).toEqual(before);
    expect(tmpFiles(options.cacheDir)).toEqual([]);
    expect(readdirSync(base).filter((n) => n.startsWith('.output.'))).toEqual([]);

    // With room again, the next build publishes both.
    const again = await buildCorpus(options);
    expect(again.exitCode).toBe(0);
    expect(again.published).toBe(2);
  });

  it('temporary files a killed build left in the cache are removed by the next build', async () => {
    const base = path.join(work, 'build-stale');
    const dir = path.join(base, 'corpus');
    mkdirSync(dir, { recursive: true });
    writeFixtureSource(dir, 'kst-99999-1.txt', 'model:1:2024-01-15');
    const options = { corpus: dir, output: path.join(base, 'output'), cacheDir: path.join(base, 'cache'), pipeline, progress: false as const };
    expect((await buildCorpus(options)).exitCode).toBe(0);
    const entry = readdirSync(options.cacheDir, { recursive: true, encoding: 'utf8' }).find((n) => n.endsWith('.nq'));
    expect(entry).toBeDefined();
    // PID 2^22+1 is above Linux's pid_max: no live process has it.
    const stale = path.join(options.cacheDir, `${entry as string}.tmp-4194305`);
    writeFileSync(stale, 'half a file');
    const second = await buildCorpus(options);
    expect(second.reused).toBe(1);
    expect(existsSync(stale)).toBe(false);
    expect(statSync(path.join(options.cacheDir, entry as string)).size).toBeGreaterThan(0);
  });
});

describe('the per-document time budget', () => {
  it('refuses a document that takes too long by name, in a worker that is replaced, and builds the rest', async () => {
    const base = path.join(work, 'budget');
    const dir = path.join(base, 'corpus');
    mkdirSync(dir, { recursive: true });
    // Small papers read in well under the budget; the hanging one sorts between them, so the last is read by a fresh worker.
    const good = hasShared ? ['ah-tk-20232024-1292.txt', 'ah-tk-20232024-2129.txt'].map((n) => path.join(sharedCorpus, n)) : [seedFile];
    for (const f of good) copyFileSync(f, path.join(dir, path.basename(f)));
    writeFileSync(path.join(dir, 'ah-tk-20232024-1500.txt'), 'hang\n');
    const summary = await buildCorpus({
      corpus: dir,
      output: path.join(base, 'output'),
      cacheDir: path.join(base, 'cache'),
      pipeline,
      progress: false,
      documentSeconds: 20,
      readerModule: pathToFileURL(path.join(repoRoot, 'test/fixtures/budget/reader.mjs')).href,
    });
    expect(summary.failed.map((f) => f.message)).toEqual([`${path.join(dir, 'ah-tk-20232024-1500.txt')}: took longer than 20 s to read (the per-document time budget); skipped`]);
    expect(summary.published + summary.rejected.length).toBe(good.length);
    expect(summary.exitCode).toBe(1);
  }, 180_000);
});

describe('what a build refuses before it starts', () => {
  it('an empty corpus folder is an input error naming the folder (exit 1); a malformed date a usage error (exit 2)', async () => {
    const empty = path.join(work, 'empty-corpus');
    mkdirSync(empty, { recursive: true });
    writeFileSync(path.join(empty, 'notes.csv'), 'not a paper\n');
    const refused = await buildCorpus({ corpus: empty, output: path.join(work, 'empty-output'), progress: false }).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(InputError);
    expect((refused as Error).message).toBe(`no source documents (*.txt, *.xml, *.pdf, *.docx, *.html, *.htm, *.md) in ${empty}`);
    expect(exitCodeFor(refused)).toBe(1);
    const badDate = await buildCorpus({ corpus: empty, date: '2024-1-1', progress: false }).catch((err: unknown) => err);
    expect(badDate).toBeInstanceOf(UsageError);
    expect(exitCodeFor(badDate)).toBe(2);
    expect(existsSync(path.join(work, 'empty-output'))).toBe(false);
  });
});
