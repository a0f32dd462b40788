/**
 * Lijst van vragen en antwoorden as an answer letter of the Algemene
 * Rekenkamer to a committee, in the flattened OCR text of ../shared/corpus-extra:
 * no line breaks, page marks ("4/7") and running headers inline.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectGenre } from '../src/ingest/index.js';
import type { DraftBlock } from '../src/ingest/draft.js';
import { isFlattened, readFlatLayout } from '../src/ingest/flat.js';
import { readLijst, splitUnheaded } from '../src/ingest/lijst.js';
import type { Line } from '../src/ingest/lines.js';
import { decodeSource } from '../src/ingest/source.js';
import { sharedCorpus, sharedDir, defined } from './helpers.js';

const extra = join(sharedDir, 'corpus-extra');
const hasExtra = existsSync(extra);
if (!hasExtra) console.warn(`lijst.test: skipping the Rekenkamer letters: ${extra} is missing (the shared materials sit beside the clone)`);

const read = (file: string) => {
  const text = readFileSync(join(extra, file), 'utf8');
  const layout = readFlatLayout(text);
  return { text, layout, draft: readLijst(layout) };
};
const side = (ps: Line[][]): string =>
  ps
    .flat()
    .map((l) => l.text)
    .join(' ');
const q = (b: DraftBlock | undefined): string => side(defined(b, 'a block').question);
const a = (b: DraftBlock | undefined): string => {
  const answer = defined(b, 'a block').answer;
  return answer ? side(answer.paragraphs) : '';
};

/**
 * Question counts checked by hand in each file, and with
 * `grep -oE 'Vraag ?[0-9]+' FILE | sort -u | wc -l` (every "Vraag N" heading once;
 * the 2012 OCR glues one as "Vraag3"): 15, 15, 22, 28, 27, 20.
 */
const LETTERS: [string, number][] = [
  ['rekenkamer-2012-06-11-jv2011-defensie.txt', 15],
  ['rekenkamer-2016-05-12-begrotingsreserves.txt', 15],
  ['rekenkamer-2018-04-23-vastgoed-universiteiten.txt', 22],
  ['rekenkamer-2021-06-08-vo2020-financien.txt', 28],
  ['rekenkamer-2024-06-04-vo2023-jenv.txt', 27],
  ['rekenkamer-2025-06-10-vo2024-bho.txt', 20],
];

describe.skipIf(!hasExtra)('Rekenkamer answer letters (flattened OCR text)', () => {
  it.each(LETTERS)('%s: questions 1–%i in order, each answered', (file, count) => {
    const { text, layout, draft } = read(file);
    expect(isFlattened(text)).toBe(true);
    expect(detectGenre(decodeSource(file, Buffer.from(text)), layout)).toBe('lijst-van-vragen-en-antwoorden');
    expect(draft.blocks.map((b) => b.numbers)).toEqual(Array.from({ length: count }, (_, i) => [i + 1]));
    expect(draft.blocks.filter((b) => b.answer !== null && a(b).length > 0)).toHaveLength(count);
    // No question runs on into the next heading, and no answer swallows one.
    for (const b of draft.blocks) {
      expect(q(b)).toMatch(/\?|\.$/);
      expect(a(b)).not.toMatch(/\bVraag ?\d/);
    }
    expect(draft.header.answeredBy).toEqual(['Algemene Rekenkamer']);
  });

  it('reads the committee, the subject and the date from the letter head', () => {
    const d2012 = read('rekenkamer-2012-06-11-jv2011-defensie.txt').draft.header;
    expect(d2012.askers).toEqual([{ name: 'vaste commissie van Defensie', faction: null }]);
    expect(d2012.title).toBe('Beantwoording vragen Tweede Kamer over het Rapport bij het Jaarverslag 2011 van het Ministerie van Defensie');
    expect(d2012.received).toBe('2012-06-11');
    const d2025 = read('rekenkamer-2025-06-10-vo2024-bho.txt').draft.header;
    expect(d2025.askers[0]?.name).toBe('vaste kamercommissie voor Buitenlandse Handel en Ontwikkelingshulp');
    const d2021 = read('rekenkamer-2021-06-08-vo2020-financien.txt').draft.header;
    // "verantwoordings- onderzoek" hyphenated at a flattened line break is one word again.
    expect(d2021.title).toContain('Resultaten verantwoordingsonderzoek 2020');
  });

  it('single spaces only (2012): the question is the run of asking sentences, the answer what follows', () => {
    const { draft } = read('rekenkamer-2012-06-11-jv2011-defensie.txt');
    const b1 = draft.blocks[0];
    expect(q(b1)).toBe('Is het waar dat u voor Defensie een meetsystematiek hanteert die het niet bij andere departementen hanteert? Zo ja, waarom is hier voor gekozen? En wat zijn hier de gevolgen van?');
    expect(a(b1)).toMatch(/^De minister spreekt in zijn bestuurlijke reactie/);
    // The page mark "4/7" glued between the header and "Vraag 6" is furniture; the heading is still found.
    expect(q(draft.blocks[5])).toBe('Hoe zou volgens u in de begroting in moeten worden gegaan op de effecten van de verschillende externe factoren?');
    // The running header "Beantwoording vragen … (Tweede Kamer, Vergaderjaar 2011-2012, 33 240 X, nr. 2)" is taken out.
    expect(draft.blocks.some((b) => /Vergaderjaar 2011-2012/.test(q(b) + a(b)))).toBe(false);
  });

  it('spacing kept (2016–2025): paragraphs from runs of spaces, "Graag …" and "Zo ja, …?" stay with the question', () => {
    const jenv = read('rekenkamer-2024-06-04-vo2023-jenv.txt').draft;
    expect(q(jenv.blocks[4])).toMatch(/zonder prestatieverklaringen\? Graag aangeven per organisatie\.$/);
    const fin = read('rekenkamer-2021-06-08-vo2020-financien.txt').draft;
    // Question 10's answer follows after three spaces only: cut at the sentence that no longer asks.
    expect(q(fin.blocks[9])).toBe('Hoe kan het dat aanpassingen in IT onvoldoende worden getest?');
    expect(a(fin.blocks[9])).toMatch(/^U vraagt hoe het kan dat aanpassingen in IT/);
    expect(q(fin.blocks[19])).toMatch(/‘grijs gebied’\? Zo ja, kunt u duiden wat hiervan de staatsrechtelijke consequentie is\?$/);
    // Running headers between the pages are gone from the answers.
    expect(fin.blocks.some((b) => a(b).includes('Beantwoording vragen Tweede Kamer'))).toBe(false);
  });

  it('page marks give pages; link targets at a page foot and a page mark between heading and question are furniture', () => {
    const { layout, draft } = read('rekenkamer-2025-06-10-vo2024-bho.txt');
    expect(layout.pages).toBe(10);
    const b20 = draft.blocks[19];
    expect(q(b20)).toMatch(/^Acht u het huidige instrumentarium geschikt/);
    expect(b20?.question[0]?.[0]?.page).toBe(10);
    const b7 = draft.blocks[6];
    expect(q(b7)).toMatch(/^Hoe beoordeelt u de voortgang/);
    expect(b7?.questionHeading?.page).toBe(4);
    expect(b7?.question[0]?.[0]?.page).toBe(5);
  });

  it('collects inline footnote bodies ("1 De vragen … veranderd.") and keeps them out of the answers', () => {
    for (const file of ['rekenkamer-2016-05-12-begrotingsreserves.txt', 'rekenkamer-2018-04-23-vastgoed-universiteiten.txt']) {
      const { layout, draft } = read(file);
      const first = layout.footnotes[0];
      expect(first?.number).toBe(1);
      expect(side([first?.lines ?? []])).toMatch(/^De vragen van de Tweede Kamer zijn hier exact weergegeven/);
      expect(draft.blocks.some((b) => a(b).includes('exact weergegeven'))).toBe(false);
    }
    const vastgoed = read('rekenkamer-2018-04-23-vastgoed-universiteiten.txt').layout;
    expect(vastgoed.footnotes.map((f) => [f.number, side([f.lines])])).toEqual([
      [1, 'De vragen van de Tweede Kamer zijn hier exact weergegeven zoals ze aan de Algemene Rekenkamer zijn voorgelegd; aan de formuleringen is niets veranderd.'],
      [2, '30-60 jaar is gangbare economische levensduur.'],
    ]);
  });
});

describe('flattened text is told apart from line-broken extracts', () => {
  it.skipIf(!existsSync(sharedCorpus))('none of the nine reference texts counts as flattened', () => {
    for (const f of ['kst-26150-187.txt', 'kst-36450-6.txt', 'ah-tk-20232024-1292.txt']) {
      expect(isFlattened(readFileSync(join(sharedCorpus, f), 'utf8'))).toBe(false);
    }
  });
});

describe('a block without an answer heading', () => {
  const line = (text: string, n: number): Line => ({ n, start: n * 100, end: n * 100 + text.length, raw: text, text, textStart: n * 100 });
  it('one paragraph that asks nothing: the first sentence is the question', () => {
    const [question, answer] = splitUnheaded([[line('Geef een overzicht van de reserves.', 0), line('Dat overzicht staat in bijlage 2.', 1)]]);
    expect(question.flat().map((l) => l.text)).toEqual(['Geef een overzicht van de reserves.']);
    expect(answer.flat().map((l) => l.text)).toEqual(['Dat overzicht staat in bijlage 2.']);
  });
  it('a preamble of more than four sentences before a "?" is the answer, not the question', () => {
    const ss = ['Een.', 'Twee.', 'Drie.', 'Vier.', 'Vijf.', 'Zes?'].map(line);
    const [question] = splitUnheaded([ss]);
    expect(question.flat().map((l) => l.text)).toEqual(['Een.']);
  });
});
