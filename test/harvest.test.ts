/**
 * The harvest against a loopback replay of the official repository, serving the
 * real SRU records and files of ../shared/samples (and variations derived from
 * them, see test/harvest-replay.ts). No test reaches the internet.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { harvest, type HarvestOptions } from '../src/harvest/harvest.js';
import { PoliteClient, retryAfterMs } from '../src/harvest/http.js';
import { pickManifestation, readSruPage, searchUrl, selectionToCql } from '../src/harvest/sru.js';
import { hasShared } from './helpers.js';
import { ReplayServer, idOf, sampleRecords, samples } from './harvest-replay.js';

const AH = 'ah-tk-20202021-3235';
const AH_XML = 'ah-tk/20202021/ah-tk-20202021-3235/1/xml/ah-tk-20202021-3235.xml';

/** Records whose paper is this file: kst-32545-144's record points at kst-32545-143's file (an edit in the PLOOI sample). */
const pointingAt = (fileId: string): number => (fileId === 'kst-32545-143' ? 2 : 1);

/** A clock that moves only when the client sleeps: retries and pacing are checked without waiting. */
function fakeTime(): { now: () => number; sleep: (ms: number) => Promise<void>; sleeps: number[] } {
  let t = Date.parse('2026-11-29T12:00:00Z');
  const sleeps: number[] = [];
  return {
    now: () => t,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      t += ms;
    },
    sleeps,
  };
}

describe.skipIf(!hasShared)('harvest (replay of ../shared/samples; skipped without ../shared)', () => {
  let server: ReplayServer;
  let corpus: string;
  let time: ReturnType<typeof fakeTime>;
  const opts = (extra: Partial<HarvestOptions> = {}): HarvestOptions => ({
    corpus,
    selection: {},
    sruUrl: server.sruUrl,
    progress: false,
    rate: 0,
    concurrency: 2,
    sleep: time.sleep,
    now: time.now,
    random: () => 0.5,
    clock: () => new Date('2026-11-29T12:00:00Z'),
    ...extra,
  });

  beforeEach(async () => {
    server = await new ReplayServer().start();
    corpus = mkdtempSync(path.join(os.tmpdir(), 'kld-harvest-'));
    time = fakeTime();
  });
  afterEach(async () => {
    await server.stop();
    rmSync(corpus, { recursive: true, force: true });
  });

  it('reads a real SRU page: 10 records, 76 in all, the next page at 11', () => {
    const xml = readFileSync(path.join(samples, 'sru/plooi-oep-sru-page.xml'), 'utf8');
    const page = readSruPage(xml, 'plooi-oep-sru-page.xml');
    expect(page.total).toBe(76);
    expect(page.next).toBe(11);
    expect(page.records.map((r) => r.id)).toContain('kst-22112-3185');
    expect(page.records).toHaveLength(10);
    const kst = page.records.find((r) => r.id === 'kst-22112-3185');
    expect(kst?.dossier).toBe('22112');
    expect(kst && pickManifestation(kst)?.kind).toBe('xml');
  });

  it('takes the XML, else the PDF, from the record; the Zaak number of Kamervragen', () => {
    const xml = readFileSync(path.join(samples, 'sru/plooi-integratie-sru.xml'), 'utf8');
    const page = readSruPage(xml, 'plooi-integratie-sru.xml');
    const ah = page.records.find((r) => r.id === AH);
    expect(ah?.zaak).toBe('2021Z09739');
    expect(ah?.modified).toBe('2021-07-22T13:03:34.3574627+02:00');
    expect(ah && pickManifestation(ah)).toEqual({ kind: 'xml', url: expect.stringMatching(/\/xml\/ah-tk-20202021-3235\.xml$/) });
    const blg = page.records.find((r) => r.id === 'blg-1007826');
    expect(blg && pickManifestation(blg)?.kind).toBe('pdf');
  });

  it('asks for a dossier, a date range, genres and ids in CQL', () => {
    const cql = selectionToCql({ dossiers: ['32545', '36410'], from: '2021-01-01', to: '2021-12-31', genres: ['aanhangsel'], ids: ['kv-tk-2020Z13248'] });
    expect(cql).toContain('(w.dossiernummer=="32545" or w.dossiernummer=="36410")');
    expect(cql).toContain('dt.date>="2021-01-01" and dt.date<="2021-12-31"');
    expect(cql).toContain('w.publicatienaam=="Kamervragen (Aanhangsel)"');
    expect(cql).toContain('dt.identifier=="kv-tk-2020Z13248"');
    expect(cql).toMatch(/^c\.product-area=="officielepublicaties" and w\.organisatietype=="staten generaal"/);
  });

  it('harvests a dossier: exactly its records, each laid out by id with its metadata; a second run fetches nothing', async () => {
    const first = await harvest(opts({ selection: { dossiers: ['32545'] } }));
    expect(first.fetchedIds.sort()).toEqual(['kst-32545-143', 'kst-32545-144']);
    expect(first).toMatchObject({ found: 2, new: 2, changed: 0, failed: [] });
    expect(
      readdirSync(corpus)
        .filter((n) => !n.startsWith('.'))
        .sort(),
    ).toEqual(['harvest.json', 'kst-32545-143', 'kst-32545-144']);
    expect(readFileSync(path.join(corpus, 'kst-32545-143/kst-32545-143.xml'))).toEqual(readFileSync(path.join(samples, 'op-xml/kst-32545-143.xml')));
    expect(readFileSync(path.join(corpus, 'kst-32545-143/metadata.xml'))).toEqual(readFileSync(path.join(samples, 'op-metadata/kst-32545-143.metadata.xml')));
    const provenance = JSON.parse(readFileSync(path.join(corpus, 'harvest.json'), 'utf8')) as Record<string, unknown>;
    expect(provenance).toMatchObject({ source: server.sruUrl, harvested: '2026-11-29T12:00:00.000Z', documents: 2 });

    const before = server.log.length;
    const second = await harvest(opts({ selection: { dossiers: ['32545'] } }));
    expect(second).toMatchObject({ found: 2, new: 0, changed: 0, unchanged: 2, downloads: 0, failed: [] });
    expect(server.log.slice(before)).toEqual(['/sru?startRecord=1']);
  });

  it('harvests a date range: exactly the records published in it', async () => {
    const s = await harvest(opts({ selection: { from: '2021-06-01', to: '2021-07-31' } }));
    expect(s.fetchedIds.sort()).toEqual([AH, 'h-tk-20202021-100-4', 'kst-32545-143', 'kst-32545-144']);
    expect([...server.paperDownloads().keys()].sort()).toEqual([AH, 'h-tk-20202021-100-4', 'kst-32545-143']); // -144's record points at -143's file (edited PLOOI sample)
    expect(readFileSync(path.join(corpus, AH, `${AH}.xml`))).toEqual(readFileSync(path.join(samples, 'op-xml', `${AH}.xml`)));
  });

  it('pages to the end, one request per page, every record once', async () => {
    const all = sampleRecords().length;
    const s = await harvest(opts({ pageSize: 4 }));
    expect(s.pages).toBe(Math.ceil(all / 4));
    expect(s.found).toBe(all);
    for (let start = 1; start <= all; start += 4) expect(server.hits.get(`/sru?startRecord=${start}`)).toBe(1);
    // The Bijlagen offer only a PDF, which the replay does not hold (404); one real record has a broken
    // address ("httbroken://…") and fails at once, without retries. The rest is in the corpus.
    expect(s.failed.length).toBe(8);
    for (const f of s.failed) expect(f.id).toMatch(/^blg-/);
    expect(s.failed.find((f) => f.id === 'blg-1025203')?.reason).toMatch(/^httbroken:.*not an http\(s\) URL/);
    expect(server.count('/repository.overheid.nl/frbr/officielepublicaties/blg/onopgemaakt/blg-1025203')).toBe(0);
    expect(s.new).toBe(all - 8);
    for (const [id, n] of server.paperDownloads()) expect(`${id} ${n}`).toBe(`${id} ${pointingAt(id)}`);
  });

  it('waits as Retry-After says on 429 and 503 (seconds and HTTP date), then succeeds', async () => {
    server.fault('/sru?startRecord=1', [{ status: 429, retryAfter: '7' }]);
    server.fault(`/repository.overheid.nl/frbr/officielepublicaties/${AH_XML}`, [{ status: 503, retryAfter: new Date(time.now() + 7000 + 12_000).toUTCString() }]);
    const s = await harvest(opts({ selection: { ids: [AH] } }));
    expect(s).toMatchObject({ new: 1, failed: [] });
    expect(time.sleeps).toContain(7000);
    expect(time.sleeps).toContain(12_000);
    expect(server.count(`/repository.overheid.nl/frbr/officielepublicaties/${AH_XML}`)).toBe(2);
  });

  it('backs off exponentially without Retry-After and gives up with the reason', async () => {
    server.fault(
      `/repository.overheid.nl/frbr/officielepublicaties/${AH_XML}`,
      Array.from({ length: 10 }, () => ({ status: 502 })),
    );
    const s = await harvest(opts({ selection: { ids: [AH] }, retries: 3, backoffMs: 1000 }));
    expect(time.sleeps).toEqual([1000, 2000, 4000]);
    expect(s.failed).toHaveLength(1);
    expect(s.failed[0]?.reason).toMatch(/HTTP 502.*after 4 attempts/);
    expect(existsSync(path.join(corpus, AH))).toBe(false);
  });

  it('paces requests: at most `rate` per second', async () => {
    const client = new PoliteClient({ rate: 2, concurrency: 1, sleep: time.sleep, now: time.now });
    const t0 = time.now();
    await harvest(opts({ selection: { dossiers: ['32545'] }, client }));
    // 1 SRU page + 2 papers + 2 metadata records: 5 requests, 4 intervals of 500 ms.
    expect(client.requests).toBe(5);
    expect(time.now() - t0).toBe(2000);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-11-29T12:00:00Z');
    expect(retryAfterMs('120', now)).toBe(120_000);
    expect(retryAfterMs('Sun, 29 Nov 2026 12:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs('soon', now)).toBeNull();
  });

  it('reports broken records and a broken file, and harvests the rest', async () => {
    const ah = sampleRecords().find((r) => idOf(r) === AH) as string;
    // DERIVED: the same record without its identifier.
    server.addRecord(ah.replace(/<dcterms:identifier>[^<]*<\/dcterms:identifier>/, ''));
    // DERIVED: the real XML of kst-32545-143 cut off halfway.
    const real = readFileSync(path.join(samples, 'op-xml/kst-32545-143.xml'), 'utf8');
    server.serve('kst/32545/kst-32545-143/1/xml/kst-32545-143.xml', real.slice(0, 1200));
    const s = await harvest(opts({ selection: { from: '2021-06-01', to: '2021-07-31' } }));
    const reasons = s.failed.map((f) => `${f.id ?? '-'}: ${f.reason}`).sort();
    expect(reasons).toHaveLength(3);
    expect(reasons[0]).toMatch(/^-: broken record: no dcterms:identifier$/);
    expect(reasons[1]).toMatch(/^kst-32545-143: .*not well-formed XML/);
    expect(reasons[2]).toMatch(/^kst-32545-144: .*not well-formed XML/);
    expect(s.fetchedIds.sort()).toEqual([AH, 'h-tk-20202021-100-4']);
    expect(existsSync(path.join(corpus, 'kst-32545-143'))).toBe(false);
  });

  it('fetches a changed record again, and only that one', async () => {
    await harvest(opts({ selection: { from: '2021-06-01', to: '2021-07-31' } }));
    const real = readFileSync(path.join(samples, 'op-xml', `${AH}.xml`), 'utf8');
    // DERIVED: the repository corrected the answer (a new modification date, a changed file).
    const corrected = real.replace('</officiele-publicatie>', '<!-- corrected -->\n</officiele-publicatie>');
    server.change(AH, '2021-08-02', { path: AH_XML, data: corrected });
    server.change('kst-32545-143', '2021-08-02'); // a new date, the same file
    const before = server.paperDownloads();
    const s = await harvest(opts({ selection: { from: '2021-06-01', to: '2021-07-31' } }));
    expect(s).toMatchObject({ found: 4, new: 0, changed: 1, unchanged: 3, failed: [] });
    expect(s.fetchedIds).toEqual([AH]);
    expect(readFileSync(path.join(corpus, AH, `${AH}.xml`), 'utf8')).toBe(corrected);
    const after = server.paperDownloads();
    expect((after.get(AH) ?? 0) - (before.get(AH) ?? 0)).toBe(1);
    expect((after.get('kst-32545-143') ?? 0) - (before.get('kst-32545-143') ?? 0)).toBe(1);
    expect(after.get('h-tk-20202021-100-4')).toBe(before.get('h-tk-20202021-100-4'));
  });

  it('fetches a file again when it was changed or removed in the corpus', async () => {
    await harvest(opts({ selection: { ids: [AH] } }));
    rmSync(path.join(corpus, AH, 'metadata.xml'));
    const s = await harvest(opts({ selection: { ids: [AH] } }));
    expect(s).toMatchObject({ changed: 1, downloads: 1 });
    expect(existsSync(path.join(corpus, AH, 'metadata.xml'))).toBe(true);
  });

  it('resumes an interrupted run where it stopped: every paper fetched once, the same corpus as an uninterrupted run', async () => {
    const all = sampleRecords().length;
    const stop = new AbortController();
    let settled = 0;
    const first = await harvest(opts({ pageSize: 3, concurrency: 1, signal: stop.signal, onDocument: () => (++settled === 5 ? stop.abort() : undefined) }));
    expect(first.interrupted).toBe(true);
    expect(existsSync(path.join(corpus, 'harvest.json'))).toBe(false);
    const second = await harvest(opts({ pageSize: 3, concurrency: 1 }));
    expect(second.interrupted).toBe(false);
    expect(second.resumedFrom).toBe(4); // the page holding the 5th record
    expect(second.found).toBe(all - 3); // pages 2.. again; the record of page 2 harvested before the stop is skipped
    expect(second.unchanged).toBe(1); // of page 2, one was harvested and one failed before the stop
    // Every paper fetched once; the Bijlagen whose PDF the replay lacks (404) are tried again by the next run, as failures should be.
    for (const [id, n] of server.paperDownloads()) {
      if (!id.startsWith('blg-')) expect(`${id} ${n}`).toBe(`${id} ${pointingAt(id)}`);
    }
    expect(first.new + second.new).toBe(all - 8);
    // Nothing half-written: no temporary files left, every folder holds its paper.
    expect(readdirSync(path.join(corpus, '.harvest'))).toEqual(['state.json']);
    for (const dir of readdirSync(corpus).filter((n) => !n.startsWith('.') && n !== 'harvest.json')) {
      expect(readdirSync(path.join(corpus, dir))).toContain(`${dir}.xml`);
    }
  });

  it('retries a dropped connection and a request that timed out', async () => {
    server.fault(`/repository.overheid.nl/frbr/officielepublicaties/${AH_XML}`, [
      { status: 0, reset: true },
      { status: 0, stallMs: 1500 },
    ]);
    const s = await harvest(opts({ selection: { ids: [AH] }, timeoutMs: 300, backoffMs: 10 }));
    expect(s).toMatchObject({ new: 1, failed: [] });
    expect(server.count(`/repository.overheid.nl/frbr/officielepublicaties/${AH_XML}`)).toBe(3);
    expect(time.sleeps).toEqual([10, 20]);
  });

  it('keeps at most `concurrency` requests in flight', async () => {
    server.delayMs = 30;
    const s = await harvest(opts({ selection: { from: '2021-06-01', to: '2021-07-31' }, concurrency: 2 }));
    expect(s.new).toBe(4);
    expect(server.maxInFlight).toBe(2);
    const one = await new ReplayServer().start();
    try {
      one.delayMs = 30;
      await harvest(opts({ corpus: path.join(corpus, 'one'), sruUrl: one.sruUrl, selection: { from: '2021-06-01', to: '2021-07-31' }, concurrency: 1 }));
      expect(one.maxInFlight).toBe(1);
    } finally {
      await one.stop();
    }
  });

  it('draws a progress bar on a terminal and nothing elsewhere', async () => {
    const written: string[] = [];
    const tty = { isTTY: true, columns: 100, write: (s: string) => written.push(s) > 0 } as unknown as NodeJS.WriteStream;
    await harvest(opts({ selection: { from: '2021-06-01', to: '2021-07-31' }, concurrency: 1, progress: tty }));
    expect(written.some((w) => /\[#{30}\] 4\/4 /.test(w))).toBe(true);
    const pipe = { isTTY: false, write: (s: string) => written.push(`pipe:${s}`) > 0 } as unknown as NodeJS.WriteStream;
    await harvest(opts({ corpus: path.join(corpus, 'again'), selection: { ids: [AH] }, progress: pipe }));
    expect(written.filter((w) => w.startsWith('pipe:'))).toEqual([]);
  });

  it('recovers from a crash: a torn journal line and a temporary folder left behind', async () => {
    await harvest(opts({ selection: { ids: [AH] } }));
    // What a crash in the middle of the next run leaves: a half-written folder in .harvest/tmp, a torn journal line.
    mkdirSync(path.join(corpus, '.harvest/tmp/kst-32545-143.123.456'), { recursive: true });
    writeFileSync(path.join(corpus, '.harvest/tmp/kst-32545-143.123.456/kst-32545-143.xml'), '<officiele-publ');
    writeFileSync(path.join(corpus, '.harvest/journal.jsonl'), '{"id":"kst-32545-143","doc":{"modi');
    const s = await harvest(opts({ selection: { dossiers: ['32545'] } }));
    expect(s).toMatchObject({ new: 2, failed: [] });
    expect(readdirSync(path.join(corpus, '.harvest'))).toEqual(['state.json']);
    expect(readFileSync(path.join(corpus, 'kst-32545-143/kst-32545-143.xml'))).toEqual(readFileSync(path.join(samples, 'op-xml/kst-32545-143.xml')));
    const state = JSON.parse(readFileSync(path.join(corpus, '.harvest/state.json'), 'utf8')) as { documents: Record<string, unknown> };
    expect(Object.keys(state.documents)).toEqual([AH, 'kst-32545-143', 'kst-32545-144']);
  });

  it('--modified-since last asks for what changed since the day of the last complete harvest', async () => {
    const { parseArgs } = await import('../src/commands/harvest.js');
    const { lastHarvestDate } = await import('../src/harvest/provenance.js');
    expect(await lastHarvestDate(corpus)).toBeNull();
    await harvest(opts({ selection: { ids: [AH] } }));
    expect(await lastHarvestDate(corpus)).toBe('2026-11-29');
    const args = parseArgs(['--genre', 'aanhangsel', '--modified-since', 'last', '--corpus', corpus]);
    expect(args.modifiedSinceLast).toBe(true);
    expect(selectionToCql({ ...args.selection, modifiedSince: '2026-11-29' })).toContain('dt.modified>="2026-11-29"');
  });

  it('stops on an SRU diagnostic, naming it; the command says so and exits 1, keeping what was fetched', async () => {
    const page = readSruPage(
      '<sru:searchRetrieveResponse xmlns:sru="http://docs.oasis-open.org/ns/search-ws/sruResponse" xmlns:diag="http://docs.oasis-open.org/ns/search-ws/diagnostic"><sru:numberOfRecords>0</sru:numberOfRecords><sru:diagnostics><diag:diagnostic><diag:message>Query syntax error</diag:message><diag:details>dt.foo</diag:details></diag:diagnostic></sru:diagnostics></sru:searchRetrieveResponse>',
      'x',
    );
    expect(page.diagnostics).toEqual(['Query syntax error: dt.foo']);
    await expect(harvest(opts({ selection: { ids: [AH] }, sruUrl: `${server.sruUrl}?version=1.2` }))).resolves.toMatchObject({ new: 1 });
    server.fault(
      '/sru?startRecord=1',
      Array.from({ length: 10 }, () => ({ status: 500 })),
    );
    const { run } = await import('../src/commands/harvest.js');
    const lines: string[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void lines.push(args.join(' '));
    try {
      const code = await run(['--id', AH, '--corpus', corpus, '--sru', server.sruUrl, '--no-tk', '--retries', '0', '--quiet']);
      expect(code).toBe(1);
    } finally {
      console.error = original;
    }
    expect(lines[0]).toMatch(/^harvest: stopped: http:\/\/127\.0\.0\.1:\d+\/sru\?.*: HTTP 500/);
    expect(existsSync(path.join(corpus, AH, `${AH}.xml`))).toBe(true);
  });

  it('asks the repository with the parameters it expects', () => {
    const u = new URL(searchUrl('https://repository.overheid.nl/sru', 'dt.identifier=="x"', 101, 100));
    expect(Object.fromEntries(u.searchParams)).toEqual({
      operation: 'searchRetrieve',
      version: '2.0',
      recordSchema: 'gzd',
      query: 'dt.identifier=="x"',
      startRecord: '101',
      maximumRecords: '100',
    });
  });
});
