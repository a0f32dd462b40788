/**
 * The fuzz suite (issue 14): seeded mutations of every real paper, read by the
 * real reader; no exception but the typed input error naming the file, and the
 * model's invariants hold (test/fuzz/invariants.ts).
 *
 * KLD_FUZZ_CASES sets the number of cases (default 2,000; KLD_FUZZ=long: 20,000,
 * for nightly use: `npm run fuzz:long`), KLD_FUZZ_SEED the seed (default 1).
 * A failure prints its case number, seed, paper and mutations to replay it.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IngestError } from '../../src/errors.js';
import { parseText, readDocument } from '../../src/read.js';
import { decodeSource } from '../../src/ingest/source.js';
import { hasShared } from '../helpers.js';
import { brokenInvariants } from './invariants.js';
import { ODD_SPACES } from './mutate.js';
import { realPapers, runCases, type Paper } from './run.js';

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const CASES = Number(process.env.KLD_FUZZ_CASES ?? (process.env.KLD_FUZZ === 'long' ? 20_000 : 2_000));
const SEED = Number(process.env.KLD_FUZZ_SEED ?? 1);
/** The cases run in slices (one test each), so a slow slice shows where the time goes. */
const SLICES = 4;

let work: string;
let papers: Paper[];

beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'kld-fuzz-'));
  papers = realPapers();
  if (!hasShared) console.log('fuzz: ../shared is not here; mutating the bundled seed and the XML fixtures only');
});

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

describe('fuzz: mutations of the real papers', () => {
  it('the unmutated papers are read and their invariants hold', async () => {
    const problems: string[] = [];
    for (const p of papers) {
      const file = path.join(work, 'plain', p.name);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, p.bytes);
      try {
        const doc = await readDocument(file);
        for (const b of brokenInvariants(doc, decodeSource(file, p.bytes).text)) problems.push(`${p.name}: ${b}`);
      } catch (err) {
        problems.push(`${p.name}: ${String(err)}`);
      }
    }
    expect(problems).toEqual([]);
    expect(papers.length).toBeGreaterThan(hasShared ? 90 : 4);
  }, 120_000);

  it('a paper with every line doubled is refused with a reading error naming the file and line (was: pages -20…0, then 1,326 SHACL violations)', async () => {
    const refused: string[] = [];
    for (const p of papers.filter((q) => /^(ah-tk|kst)-.*\.txt$/.test(q.name) || /\.pdf\.txt$/.test(q.name))) {
      const doubled = p.bytes
        .toString('utf8')
        .split('\n')
        .flatMap((l) => [l, l])
        .join('\n');
      const file = path.join(work, 'doubled', p.name);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, doubled);
      const error = await readDocument(file).then(
        () => null,
        (err: unknown) => err,
      );
      expect(error, p.name).toBeInstanceOf(IngestError);
      const { message, location } = error as IngestError;
      expect(message, p.name).toMatch(new RegExp(`^${escapeRegExp(file)}:\\d+: 100% of the \\d+ lines with text stand twice in a row .*: the text was extracted twice; not read`));
      expect(location.line, p.name).toBeGreaterThanOrEqual(1);
      refused.push(p.name);
    }
    expect(refused.length).toBeGreaterThan(hasShared ? 50 : 0);
  }, 120_000);

  it('a paper with some lines doubled (a repeated line, 5 % of them) is still read', () => {
    const seed = papers.find((p) => p.name === 'kst-26150-187.txt');
    expect(seed).toBeDefined();
    const text = (seed?.bytes.toString('utf8') ?? '')
      .split('\n')
      .flatMap((l, i) => (i % 20 === 7 ? [l, l] : [l]))
      .join('\n');
    expect(parseText('kst-26150-187.txt', text).blocks.length).toBeGreaterThan(100);
  });

  it('headings with any Unicode white space or a zero-width character read as with a plain space', async () => {
    const shape = (doc: Awaited<ReturnType<typeof readDocument>>): string => doc.blocks.map((b) => `${b.numbers.join(',')}/${b.answer?.numbers.join(',') ?? '-'}`).join(' ');
    const tested: string[] = [];
    for (const p of papers.filter((q) => /^(ah-tk-\d+-\d+|kst-26150-187)\.txt$/.test(q.name))) {
      const text = p.bytes.toString('utf8');
      const expected = shape(parseText(p.name, text));
      for (const space of ODD_SPACES) {
        const odd = text.replace(/^(\s*)(Vraag|Vragen|Antwoord|Antwoorden)( )(?=\d)/gm, `$1$2${space}`).replace(/^(\s*\d{1,3}\.)( )(?=Antwoord)/gm, `$1${space}`);
        expect(odd).not.toBe(text);
        expect(shape(parseText(p.name, odd)), `${p.name} with U+${space.charCodeAt(0).toString(16).padStart(4, '0')}`).toBe(expected);
      }
      tested.push(p.name);
    }
    expect(tested.length).toBeGreaterThan(0);
  }, 120_000);

  const per = Math.ceil(CASES / SLICES);
  for (let s = 0; s < SLICES; s++) {
    const first = s * per;
    const count = Math.max(0, Math.min(per, CASES - first));
    it(`cases ${first}–${first + count - 1} (seed ${SEED}): no uncaught exception, refusals name the file, invariants hold`, async () => {
      const started = performance.now();
      const outcome = await runCases(papers, count, SEED, path.join(work, `slice-${s}`), first);
      const seconds = (performance.now() - started) / 1000;
      console.log(`fuzz slice ${s}: ${count} cases in ${seconds.toFixed(1)} s: ${outcome.read} read, ${outcome.refused} refused (${outcome.placed} with a line or offset), ${outcome.failures.length} failed`);
      expect(outcome.failures.slice(0, 20)).toEqual([]);
      expect(outcome.read + outcome.refused).toBe(count);
    }, 600_000);
  }
});
