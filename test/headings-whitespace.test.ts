/**
 * Headings hold whatever space a Word or web copy left in them: tab, no-break and narrow
 * no-break space, zero-width space, joiner and word joiner, byte-order mark, a doubled space.
 * Real papers from ../shared with the space in their headings substituted; each must read
 * as the paper does unchanged.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isKamervragenHeading } from '../src/ingest/kamervragen.js';
import type { DocumentModel } from '../src/model.js';
import { parseText } from '../src/read.js';
import { sharedDir } from './helpers.js';

const aanhangsel = path.join(sharedDir, 'corpus', 'ah-tk-20232024-1292.txt');
const word = path.join(sharedDir, 'corpus-wild', 'Antwoord_op_vragen_van_het_lid_Boswijk_o.docx.txt');
const nota = path.join(sharedDir, 'corpus', 'kst-36450-6.txt');
const present = [aanhangsel, word, nota].every((f) => existsSync(f));
if (!present) console.warn('headings-whitespace.test: skipped: ../shared/corpus or ../shared/corpus-wild is missing (the shared materials sit beside the clone)');

const SPACES: Record<string, string> = {
  tab: '\t',
  'no-break space': '\u00a0',
  'narrow no-break space': '\u202f',
  'zero-width space': '\u200b',
  'zero-width joiner': '\u200d',
  'word joiner': '\u2060',
  'byte-order mark': '\ufeff',
  'double space': '  ',
};
const INVISIBLE = new Set(['\u200b', '\u200d', '\u2060']);

/** What the reader made of the paper: the numbers of each block and whether and how long its answer is. */
function shape(d: DocumentModel): string[] {
  return d.blocks.map((b) => `${b.numbers.join('+')}:${b.questionText.length}:${b.answer ? b.answer.text.length : '-'}`);
}
function read(file: string, text: string): DocumentModel {
  return parseText(path.basename(file), text);
}

describe.skipIf(!present)('Kamervragen headings with any white space (real papers, space substituted)', () => {
  const text = present ? readFileSync(aanhangsel, 'utf8') : '';
  const base = present ? read(aanhangsel, text) : null;

  it('the Aanhangsel ah-tk-20232024-1292 reads 10 questions, all answered, as printed', () => {
    expect(base?.blocks.map((b) => b.numbers[0])).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(base?.blocks.every((b) => b.answer !== null)).toBe(true);
  });

  for (const [name, ch] of Object.entries(SPACES)) {
    it(`"Vraag${JSON.stringify(ch).slice(1, -1)}N" / "Antwoord${JSON.stringify(ch).slice(1, -1)}N" (${name}) in ah-tk-20232024-1292: the same 10 answered blocks`, () => {
      const changed = text.replace(/^(Vraag|Antwoord) (?=\d)/gm, `$1${ch}`);
      expect(changed).not.toBe(text);
      const d = read(aanhangsel, changed);
      expect(shape(d)).toEqual(shape(base as DocumentModel));
      expect(d.blocks.filter((b) => b.answer !== null)).toHaveLength(10);
    });
  }

  for (const [name, ch] of Object.entries(SPACES).filter(([, c]) => INVISIBLE.has(c))) {
    it(`a ${name} inside the word ("Ant…woord 3", "Vr…aag 3") in ah-tk-20232024-1292: the same 10 answered blocks`, () => {
      const changed = text.replace(/^(Vraag|Antwoord)(?= \d)/gm, (w) => `${w.slice(0, 3)}${ch}${w.slice(3)}`);
      expect(shape(read(aanhangsel, changed))).toEqual(shape(base as DocumentModel));
    });
  }

  it('a byte-order mark or tab before the heading ("\\ufeffVraag 1", "\\tAntwoord 1") in ah-tk-20232024-1292', () => {
    for (const ch of ['\ufeff', '\t', '\u00a0']) {
      const changed = text.replace(/^(Vraag|Antwoord)(?= \d)/gm, `${ch}$1`);
      expect(shape(read(aanhangsel, changed))).toEqual(shape(base as DocumentModel));
    }
  });

  it('the ministry\'s Word layout (Boswijk, AH 605): "Antwoord vragen 1,2,3,4 en 5" with a zero-width space in the word or a no-break space still answers all five', () => {
    const w = readFileSync(word, 'utf8');
    const unchanged = read(word, w);
    expect(unchanged.blocks.map((b) => b.numbers)).toEqual([[1, 2, 3, 4, 5]]);
    expect(unchanged.blocks[0]?.answer?.numbers).toEqual([1, 2, 3, 4, 5]);
    for (const changed of [w.replace('Antwoord vragen 1,2', 'Ant\u200bwoord\u00a0vragen\u00a01,2'), w.replace(/^Vraag (\d)/gm, 'Vraag\u202f$1').replace('Antwoord vragen', 'Antwoord\tvragen')]) {
      expect(changed).not.toBe(w);
      expect(shape(read(word, changed))).toEqual(shape(unchanged));
    }
  });

  it('isKamervragenHeading takes any white space and zero-width characters', () => {
    for (const h of ['Vraag\u00a01', 'Vraag\t1', 'Vr\u200baag 2', 'Antwoord\u202f3', 'Ant\u200dwoord op vraag\u00a04', '\ufeffMededeling', 'Vragen  3 t/m 5']) expect(isKamervragenHeading(h), h).toBe(true);
    for (const h of ['Vraag', 'Antwoordt 3', 'Vraag 1 is belangrijk']) expect(isKamervragenHeading(h), h).toBe(false);
  });
});

describe.skipIf(!present)('nota naar aanleiding van het verslag kst-36450-6: margin headings with any white space', () => {
  const text = present ? readFileSync(nota, 'utf8') : '';
  const base = present ? read(nota, text) : null;

  it('"Vraag  36" with a double space (and any other space) still numbers question 36', () => {
    expect(text).toContain('\nVraag 36\n');
    expect(base?.blocks.some((b) => b.numbers.includes(36))).toBe(true);
    for (const ch of Object.values(SPACES)) {
      const d = read(nota, text.replace(/^Vraag (?=\d)/gm, `Vraag${ch}`));
      expect(shape(d)).toEqual(shape(base as DocumentModel));
      expect(d.blocks.find((b) => b.numbers.includes(36))?.answer).not.toBeNull();
    }
  });

  it('"Ant\\u200bwoord" (a zero-width space inside the reply heading) keeps all 85 answers and the footnotes in place', () => {
    expect(base?.blocks.filter((b) => b.answer !== null)).toHaveLength(85);
    const d = read(nota, text.replace(/^Antwoord$/gm, 'Ant\u200bwoord'));
    expect(shape(d)).toEqual(shape(base as DocumentModel));
    expect(d.footnotes.map((f) => f.text.length)).toEqual(base?.footnotes.map((f) => f.text.length));
  });
});
