/**
 * The two-step flow: harvest ah-tk-20202021-3235 (the real XML and metadata, from the
 * loopback replay of ../shared/samples) with its Tweede Kamer links, then build the
 * corpus: the paper is published, its questions and answers are there, the Zaak ties
 * it to its questions, and the dataset description says when and from where.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Quad } from '@rdfjs/types';
import { Parser } from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { harvest } from '../src/harvest/harvest.js';
import { PoliteClient } from '../src/harvest/http.js';
import { linkKamervragen } from '../src/harvest/tk.js';
import { buildCorpus, type BuildSummary } from '../src/publish/build.js';
import { DEFAULT_BASE, IriMinter } from '../src/rdf/iris.js';
import { hasShared } from './helpers.js';
import { ReplayServer } from './harvest-replay.js';

const AH = 'ah-tk-20202021-3235';
const B = DEFAULT_BASE;
const DCT = 'http://purl.org/dc/terms/';
const KLD = `${B}def#`;

describe.skipIf(!hasShared)('harvest, then build (replay of ../shared/samples; skipped without ../shared)', () => {
  let server: ReplayServer;
  let work: string;
  let summary: BuildSummary;
  let quads: Quad[];
  let dataset: string;

  beforeAll(async () => {
    server = await new ReplayServer().start();
    work = mkdtempSync(path.join(os.tmpdir(), 'kld-harvest-build-'));
    const corpus = path.join(work, 'corpus');
    const client = new PoliteClient({ rate: 0, sleep: async () => undefined });
    const clock = (): Date => new Date('2026-11-29T06:00:00Z');
    await harvest({ corpus, selection: { ids: [AH] }, sruUrl: server.sruUrl, progress: false, client, clock });
    await linkKamervragen({ corpus, tkUrl: `${server.base}/tk`, client, clock });
    summary = await buildCorpus({ corpus, output: path.join(work, 'output'), cacheDir: path.join(work, 'cache'), progress: false, extraOutputs: [] });
    quads = new Parser({ format: 'N-Quads' }).parse(readFileSync(path.join(work, 'output/kamerstukken-ld.nq'), 'utf8'));
    dataset = readFileSync(path.join(work, 'output/dataset.ttl'), 'utf8');
  });
  afterAll(async () => {
    await server.stop();
    rmSync(work, { recursive: true, force: true });
  });

  it('publishes the harvested Aanhangsel from its folder, with its nine questions answered', () => {
    expect(summary.failed).toEqual([]);
    expect(summary.rejected).toEqual([]);
    expect(summary.published).toBe(1);
    expect(summary.exitCode).toBe(0);
    const g = `${B}graph/${AH}`;
    const answered = quads.filter((q) => q.graph.value === g && q.predicate.value === `${KLD}hasAnswer` && q.subject.value.includes('/blok/'));
    expect(answered).toHaveLength(9);
    // The three askers of the real XML, each with the party (the render reader's fix of <naam> askers).
    const askedBy = quads.filter((q) => q.graph.value === g && q.subject.value === `${B}id/${AH}` && q.predicate.value === `${KLD}askedBy`);
    const minter = new IriMinter(B);
    expect(askedBy.map((q) => q.object.value).sort()).toEqual(
      // Persons are named by name as printed, faction and parliamentary year (IriMinter.member), never the surname alone.
      [minter.faction('D66'), ...['Van Weyenberg', 'Romke de Jong', 'Kat'].map((name) => minter.member('2020-2021', 'D66', name))].map((n) => n.value).sort(),
    );
  });

  it('ties the answer to its questions by the Zaak (graph/tweedekamer)', () => {
    const tk = quads.filter((q) => q.graph.value === `${B}graph/tweedekamer`);
    const partOf = tk.filter((q) => q.predicate.value === `${DCT}isPartOf`).map((q) => `${q.subject.value} ${q.object.value}`);
    expect(partOf.sort()).toEqual([`${B}id/${AH} ${B}id/2021Z09739`, `${B}id/kv-tk-2021Z09739 ${B}id/2021Z09739`]);
    const zaak = tk.filter((q) => q.subject.value === `${B}id/2021Z09739`).map((q) => `${q.predicate.value} ${q.object.value}`);
    expect(zaak).toContain(`${DCT}identifier 2021Z09739`);
    expect(zaak).toContain(`http://www.w3.org/1999/02/22-rdf-syntax-ns#type ${KLD}TkZaakNumber`);
    expect(zaak).toContain(`${DCT}issued 2026-11-29`);
  });

  it('says in the dataset description when and from where the corpus was harvested', () => {
    expect(dataset).toContain(`dcterms:source <${server.sruUrl}>, <${server.base}/tk>`);
    expect(dataset).toContain('prov:endedAtTime "2026-11-29T06:00:00.000Z"^^xsd:dateTime');
    expect(dataset).toMatch(/"Geoogst uit http:\/\/127\.0\.0\.1:\d+\/sru op 2026-11-29 \(1 document\)\. Zaken, fracties en personen uit/);
  });
});
