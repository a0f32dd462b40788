/**
 * Links from the Tweede Kamer's open data for harvested Kamervragen, against the
 * loopback replay (test/harvest-replay.ts: real SRU records and files; the OData
 * answers are derived from real records, see tkData()).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { harvest } from '../src/harvest/harvest.js';
import { PoliteClient } from '../src/harvest/http.js';
import { loadTkLinks, TkLinksError } from '../src/harvest/links.js';
import { aanhangselId, documentRole, linkKamervragen } from '../src/harvest/tk.js';
import { hasShared, repoRoot } from './helpers.js';
import { ReplayServer } from './harvest-replay.js';

const AH = 'ah-tk-20202021-3235';
const D66 = '4e9f6f5b-2544-4667-8134-6b85c4ebb4e0';
const VAN_WEYENBERG = 'd1bb566e-a111-43b7-8856-273ebac1f753';

it('reads the Tweede Kamer document kinds and Aanhangsel numbers', () => {
  expect(documentRole('Schriftelijke vragen')).toBe('questions');
  expect(documentRole('Antwoord schriftelijke vragen')).toBe('answer');
  expect(documentRole('Mededeling (uitstel antwoord)')).toBe('delay');
  expect(documentRole('Motie')).toBe('other');
  expect(aanhangselId('2020-2021', '3235')).toBe(AH);
  expect(aanhangselId('2020-2021', '202020213235')).toBe(AH);
  expect(aanhangselId(null, '3235')).toBeNull();
});

describe.skipIf(!hasShared)('Tweede Kamer links (replay of ../shared/samples; skipped without ../shared)', () => {
  let server: ReplayServer;
  let corpus: string;
  const client = (): PoliteClient => new PoliteClient({ rate: 0, sleep: async () => undefined });

  beforeEach(async () => {
    server = await new ReplayServer().start();
    corpus = mkdtempSync(path.join(os.tmpdir(), 'kld-links-'));
  });
  afterEach(async () => {
    await server.stop();
    rmSync(corpus, { recursive: true, force: true });
  });

  it("ties the questions to the answer by Zaak, with the askers' Persoon and Fractie ids and periods, and says where from", async () => {
    await harvest({ corpus, selection: { ids: [AH] }, sruUrl: server.sruUrl, progress: false, client: client() });
    const clock = (): Date => new Date('2026-11-29T12:00:00Z');
    const s = await linkKamervragen({ corpus, tkUrl: `${server.base}/tk`, client: client(), clock });
    expect(s).toMatchObject({ zaken: 1, fracties: 1, personen: 2, failed: [] });

    const links = loadTkLinks(corpus);
    expect(links?.related(AH)).toEqual({ zaak: '2021Z09739', questions: ['kv-tk-2021Z09739'], answer: [AH], delay: [] });
    expect(links?.related('kv-tk-2021Z09739')?.answer).toEqual([AH]);
    const zaak = links?.zaakOf(AH);
    expect(zaak?.actors.filter((a) => a.relatie === 'Indiener' || a.relatie === 'Medeindiener').map((a) => a.naam)).toEqual(['S.P.R.A. van Weyenberg', 'R.H. (Romke) de Jong', 'H. Kat']);
    expect(zaak?.source).toBe(`${server.base}/tk/Zaak?$filter=Nummer%20eq%20'2021Z09739'%20and%20Verwijderd%20eq%20false&$expand=Document,ZaakActor`);
    expect(zaak?.retrieved).toBe('2026-11-29');
    expect(links?.fractie(D66)).toMatchObject({ afkorting: 'D66', naam: 'Democraten 66', van: '1966-10-12', tot: null, source: `${server.base}/tk/Fractie(${D66})` });
    expect(links?.persoon(VAN_WEYENBERG)).toMatchObject({ naam: 'Steven van Weyenberg', achternaam: 'Weyenberg' });
    expect(links?.fractieOn(VAN_WEYENBERG, '2021-06-21')?.afkorting).toBe('D66');
    expect(links?.fractieOn(VAN_WEYENBERG, '2010-01-01')).toBeUndefined();
    const file = JSON.parse(readFileSync(path.join(corpus, 'tweedekamer.json'), 'utf8')) as Record<string, unknown>;
    expect(file).toMatchObject({ source: `${server.base}/tk`, retrieved: '2026-11-29', license: 'http://creativecommons.org/publicdomain/zero/1.0/' });
    const provenance = JSON.parse(readFileSync(path.join(corpus, 'harvest.json'), 'utf8')) as Record<string, unknown>;
    expect(provenance.tweedekamer).toEqual({ source: `${server.base}/tk`, retrieved: '2026-11-29' });

    // Answered Zaken and known records are not asked for again.
    const before = server.count('/tk/');
    await linkKamervragen({ corpus, tkUrl: `${server.base}/tk`, client: client(), clock });
    expect(server.count('/tk/')).toBe(before);
  });

  it('reports a Zaak the Tweede Kamer does not know, and keeps going', async () => {
    await harvest({ corpus, selection: { ids: [AH] }, sruUrl: server.sruUrl, progress: false, client: client() });
    const s = await linkKamervragen({ corpus, tkUrl: `${server.base}/tk-empty`, client: client() });
    expect(s.failed).toHaveLength(1);
    expect(s.failed[0]).toMatch(/^2021Z09739 \(ah-tk-20202021-3235\): .*HTTP 404/);
  });

  it('refuses a links file of another format, naming the file', () => {
    const file = path.join(corpus, 'tweedekamer.json');
    writeFileSync(file, JSON.stringify({ format: 'other', zaken: [], fracties: [], personen: [] }));
    expect(() => loadTkLinks(corpus)).toThrow(TkLinksError);
    expect(() => loadTkLinks(corpus)).toThrow(file);
  });
});

describe.skipIf(!hasShared)('kamerstukken-ld harvest (the command, against the replay)', () => {
  it('harvests an id and its Tweede Kamer links, prints the summary, exits 0; a usage error exits 2', async () => {
    const { run } = await import('../src/commands/harvest.js');
    const server = await new ReplayServer().start();
    const corpus = mkdtempSync(path.join(os.tmpdir(), 'kld-cmd-'));
    const lines: string[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void lines.push(args.join(' '));
    try {
      const code = await run(['--id', AH, '--corpus', corpus, '--sru', server.sruUrl, '--tk', `${server.base}/tk`, '--rate', '1000', '--quiet']);
      expect(code).toBe(0);
      expect(lines).toContain('harvest: 1 found, 1 new, 0 changed, 0 unchanged, 0 failed (1 downloads, 3 requests, 1 page)');
      expect(lines.some((l) => l.startsWith('tweedekamer: 1 Zaken (1 asked for), 1 Fracties, 2 Personen'))).toBe(true);
      expect(readFileSync(path.join(corpus, AH, `${AH}.xml`)).length).toBe(9003);
      // The compiled CLI (dist/, refreshed by tsc): no selection is a usage error.
      const cli = spawnSync(process.execPath, [path.join(repoRoot, 'bin/kamerstukken-ld.js'), 'harvest', '--corpus', corpus], { encoding: 'utf8' });
      expect(cli.status).toBe(2);
      expect(cli.stderr).toMatch(/^give a selection/);
    } finally {
      console.error = original;
      await server.stop();
      rmSync(corpus, { recursive: true, force: true });
    }
  });
});
