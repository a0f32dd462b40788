/**
 * The stages of a corpus build (src/publish/stages.ts), each on its own, with made-up inputs: no
 * corpus, no pipeline, no output directory.
 */
import { describe, expect, it } from 'vitest';
import { IngestError, WriteError } from '../src/errors.js';
import type { CacheEntry } from '../src/publish/cache.js';
import { addExtraGraphs, datasetDate, documentStage, selectPublished, sourceDateEpoch, summarise, type DocumentOutcome, type DocumentStageOptions } from '../src/publish/stages.js';
import { IriMinter } from '../src/rdf/iris.js';

const minter = new IriMinter();

function entry(id: string, extra: Partial<CacheEntry> = {}): CacheEntry {
  return {
    key: `key-${id}`,
    id,
    file: `${id}.txt`,
    sha256: `sha-${id}`,
    violations: 0,
    reportBlocks: [],
    reportText: '',
    stats: { triples: 10, document: null, ownSubjects: 0, subjects: [], ownClasses: {}, classes: {}, properties: {}, links: {}, shared: [], period: null },
    dates: [],
    ...extra,
  };
}

const read = (o: DocumentOutcome): string => ('problem' in o ? `problem: ${o.problem}` : `${o.entry.id}${o.reused ? ' (cache)' : ''}`);

describe('documentStage', () => {
  const base = (over: Partial<DocumentStageOptions>): DocumentStageOptions => ({
    readEntry: (file) => Promise.resolve(Buffer.from(file)),
    sha256: (bytes) => `sha(${bytes.toString()})`,
    key: (sha) => `k:${sha}`,
    cache: { get: () => Promise.resolve(null) },
    force: false,
    process: (file) => Promise.resolve(entry(file.replace(/\.txt$/, ''))),
    ...over,
  });

  it('gives the outcomes in source order, whichever document finishes first', async () => {
    const sources = ['a.txt', 'b.txt', 'c.txt', 'd.txt', 'e.txt'];
    const finished: string[] = [];
    // a takes longest, e shortest: with 3 lanes they finish out of order.
    const delay = { 'a.txt': 40, 'b.txt': 5, 'c.txt': 20, 'd.txt': 1, 'e.txt': 0 } as Record<string, number>;
    const outcomes = await documentStage(sources, {
      ...base({}),
      concurrency: 3,
      process: async (file) => {
        await new Promise((r) => setTimeout(r, delay[file] ?? 0));
        finished.push(file);
        return entry(file.replace(/\.txt$/, ''));
      },
    });
    expect(outcomes.map(read)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(finished).not.toEqual(sources);
    expect(finished).toHaveLength(5);
  });

  it('a source that cannot be read or processed is an outcome naming its file; the others are built', async () => {
    const outcomes = await documentStage(['bad.txt', 'good.txt', 'odd.txt'], {
      ...base({}),
      readEntry: (file) => (file === 'bad.txt' ? Promise.reject(new IngestError({ file }, 'a folder, not a paper; skipped')) : Promise.resolve(Buffer.from(file))),
      process: (file) => (file === 'odd.txt' ? Promise.reject(new RangeError('boom')) : Promise.resolve(entry('good'))),
    });
    expect(outcomes.map(read)).toEqual(['problem: bad.txt: a folder, not a paper; skipped', 'good', 'problem: odd.txt: not read (an error of ours, please report it): RangeError: boom']);
    // The unreadable entry has no hash; the one that failed later does (it is in the manifest's sources).
    expect(outcomes.map((o) => o.sha256)).toEqual([null, 'sha(good.txt)', 'sha(odd.txt)']);
  });

  it('takes cached entries by key unless forced', async () => {
    const keys: string[] = [];
    const cache = { get: (key: string): Promise<CacheEntry | null> => (keys.push(key), Promise.resolve(key === 'k:sha(a.txt)' ? entry('a') : null)) };
    expect((await documentStage(['a.txt', 'b.txt'], base({ cache }))).map(read)).toEqual(['a (cache)', 'b']);
    expect(keys).toEqual(['k:sha(a.txt)', 'k:sha(b.txt)']);
    expect((await documentStage(['a.txt'], base({ cache, force: true }))).map(read)).toEqual(['a']);
  });

  it("a write error (full disk) stops the stage: it is not the document's fault", async () => {
    const full = new WriteError('/cache/x.nq', Object.assign(new Error('no space'), { code: 'ENOSPC' }));
    await expect(documentStage(['a.txt', 'b.txt'], base({ concurrency: 2, process: () => Promise.reject(full) }))).rejects.toBe(full);
  });
});

describe('selectPublished', () => {
  const ok = (id: string, file = `${id}.txt`, reused = false): DocumentOutcome => ({ file, sha256: `sha-${id}`, entry: entry(id), reused });

  it('the first source with an id wins; a later one with the same id is left out naming both files', () => {
    const s = selectPublished([ok('kst-1-1', 'a.txt'), ok('kst-1-1', 'b.txt'), ok('kst-1-2', 'c.txt', true)], minter);
    expect(s.published.map((e) => e.id)).toEqual(['kst-1-1', 'kst-1-2']);
    expect(s.failed).toEqual([{ file: 'b.txt', id: 'kst-1-1', message: 'b.txt: same official id kst-1-1 as a.txt; left out' }]);
    expect(s.reused).toBe(1);
    expect(s.validatedGraphs).toEqual([minter.graph('kst-1-1').value, minter.graph('kst-1-2').value]);
    expect(s.sources.map((x) => x.file)).toEqual(['a.txt', 'b.txt', 'c.txt']);
  });

  it('a document with SHACL results is validated and reported, not published', () => {
    const bad: DocumentOutcome = { file: 'x.txt', sha256: 'sha-x', entry: entry('kst-9-9', { violations: 2, reportText: 'two findings', reportBlocks: ['r1', 'r2'] }), reused: false };
    const s = selectPublished([bad, ok('kst-1-1'), { file: 'gone.txt', sha256: null, problem: 'gone.txt: no such file' }], minter);
    expect(s.published.map((e) => e.id)).toEqual(['kst-1-1']);
    expect(s.rejected).toEqual([{ file: 'x.txt', id: 'kst-9-9', message: '2 SHACL result(s); not published' }]);
    expect(s.failed).toEqual([{ file: 'gone.txt', id: null, message: 'gone.txt: no such file' }]);
    expect(s.violations).toBe(2);
    expect(s.reportResults).toEqual([['r1', 'r2'], []]);
    expect(s.reportTexts).toEqual(['two findings']);
    expect(s.sources.map((x) => x.file)).toEqual(['x.txt', 'kst-1-1.txt']);
  });
});

describe('addExtraGraphs', () => {
  const validation = (violations: number): { violations: number; reportQuads: never[]; text: string } => ({ violations, reportQuads: [], text: violations ? 'bad' : '' });

  it('the gazetteer is always validated; an empty links graph is not counted; a violating graph is named and left out', () => {
    const s = selectPublished([], minter);
    const out = addExtraGraphs(s, [
      { iri: 'g:gazetteer', file: 'gazetteer', id: 'gazetteer', quads: [], lines: ['<a> <b> <c> <g:gazetteer> .\n'], validation: validation(0), always: true },
      { iri: 'g:tk', file: 'tweedekamer.json', id: 'tweedekamer', quads: [], lines: [], validation: validation(0) },
    ]);
    expect(out.map((g) => g.iri)).toEqual(['g:gazetteer']);
    expect(s.validatedGraphs).toEqual(['g:gazetteer']);
    expect(s.reportResults).toEqual([[]]);

    const t = selectPublished([], minter);
    const none = addExtraGraphs(t, [{ iri: 'g:gazetteer', file: 'gazetteer', id: 'gazetteer', quads: [], lines: ['x'], validation: validation(3), always: true }]);
    expect(none).toEqual([]);
    expect(t.rejected).toEqual([{ file: 'gazetteer', id: 'gazetteer', message: '3 SHACL result(s); not published' }]);
    expect(t.violations).toBe(3);
  });
});

describe('datasetDate', () => {
  const docs = [{ dates: ['2024-03-01', '2023-12-31'] }, { dates: ['2024-05-02', 'not a date'] }];

  it('--date first, then the newest date in the data, then SOURCE_DATE_EPOCH, never the clock', () => {
    expect(datasetDate('2020-01-01', docs, undefined)).toEqual({ date: '2020-01-01', period: { start: '2023-12-31', end: '2024-05-02' }, note: null });
    expect(datasetDate(undefined, docs, '0').date).toBe('2024-05-02');
    expect(datasetDate(undefined, [], '86400')).toEqual({ date: '1970-01-02', period: null, note: null });
    const none = datasetDate(undefined, [{ dates: [] }], undefined);
    expect(none.date).toBeNull();
    expect(none.note).toMatch(/pass --date/);
    expect(sourceDateEpoch('12abc')).toBeNull();
  });
});

describe('summarise', () => {
  it('one line naming what was left out; exit 1 when anything was, or when nothing was swapped in', () => {
    const s = selectPublished(
      [
        { file: '/c/a.txt', sha256: 'x', entry: entry('kst-1-1'), reused: true },
        { file: '/c/b.txt', sha256: null, problem: 'b.txt: binary' },
      ],
      minter,
    );
    const sum = summarise(s, { documents: 2, triples: 10, swapped: true, seconds: 1.25, output: '/o', notes: ['a note'] });
    expect(sum.line).toBe('1/2 documents published, 10 triples, 0 violations, 1.3 s (1 from cache); 1 not published: b.txt; a note');
    expect(sum.exitCode).toBe(1);
    const clean = selectPublished([{ file: '/c/a.txt', sha256: 'x', entry: entry('kst-1-1'), reused: false }], minter);
    expect(summarise(clean, { documents: 1, triples: 10, swapped: true, seconds: 0, output: '/o', notes: [] }).exitCode).toBe(0);
    const unswapped = summarise(clean, { documents: 1, triples: 0, swapped: false, seconds: 0, output: '/o', notes: [] });
    expect(unswapped.exitCode).toBe(1);
    expect(unswapped.line).toMatch(/; output\/ left unchanged$/);
  });
});
