/**
 * Regression tests for fuzz:long's invariant failures (seed 1, cases 13115 and 17786 on this machine's
 * ../shared; the lead's run named 4926, 15318 and 18295): a zero-width character between the digits of a
 * heading's number ("Vraag 1\u200d0", "Vraag\u20602\u200d0") was read as a space, so question 10 became the
 * list "1 0" and the numbers descended.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { headingText } from '../../src/ingest/headings.js';
import { parseText } from '../../src/read.js';
import { joinSplitNumbers, splitLines } from '../../src/ingest/lines.js';
import { seedFile } from '../helpers.js';
import { brokenInvariants } from './invariants.js';
import { KAMERVRAGEN_FILE, kamervragen } from './shapes.js';

const ZERO_WIDTH = ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff'];

describe('a zero-width character between digits keeps the number whole', () => {
  it('joinSplitNumbers moves the invisible characters before the number, keeping the length', () => {
    expect(joinSplitNumbers('Vraag 1\u200d0')).toBe('Vraag  10');
    expect(joinSplitNumbers('Vraag 1\u200b2\u200b3 en 4\u2060\u20605')).toBe('Vraag   123 en   45');
    expect(joinSplitNumbers('Vraag 10')).toBe('Vraag 10');
    // Not between digits: left for the line reader (a space at a word's edge, nothing inside a word).
    expect(joinSplitNumbers('Vraag\u200b10 https://\u200bwww')).toBe('Vraag\u200b10 https://\u200bwww');
    for (const s of ['1\u200b0', 'a1\u200b0\u200b0b', '2024\u2013202\u200d5']) expect(joinSplitNumbers(s)).toHaveLength(s.length);
  });

  it('splitLines reads "Vraag 1\\u200d0" (case 13115) and "Vraag\\u20602\\u200d0" (case 17786) as question 10 and 20', () => {
    const [a, b] = splitLines('Vraag 1\u200d0\nVraag\u20602\u200d0');
    expect(a?.text).toBe('Vraag  10');
    expect(b?.text).toBe('Vraag  20');
    expect(b?.start).toBe(10);
  });

  it('headingText drops a zero-width character between two digits', () => {
    expect(headingText('Antwoord 1\u200b1 en 1\ufeff2')).toBe('Antwoord 11 en 12');
    expect(headingText('Vraag\u200b3')).toBe('Vraag 3');
  });

  it('a Kamervragen paper with every heading number split by each zero-width character reads as the plain one', () => {
    const body = Array.from({ length: 12 }, (_, i) => `Vraag ${i + 1}\nIs dit zo, minister?\nAntwoord ${i + 1}\nJa, dat is zo.\n`).join('');
    const plain = parseText(KAMERVRAGEN_FILE, kamervragen(body));
    expect(plain.blocks.map((b) => b.numbers)).toEqual(Array.from({ length: 12 }, (_, i) => [i + 1]));
    for (const zw of ZERO_WIDTH) {
      const text = kamervragen(body.replace(/^(Vraag|Antwoord) (\d)(\d)$/gm, `$1 $2${zw}$3`));
      expect(text).toContain(`Vraag 1${zw}0`);
      const doc = parseText(KAMERVRAGEN_FILE, text);
      expect(
        doc.blocks.map((b) => b.numbers),
        `U+${zw.charCodeAt(0).toString(16)}`,
      ).toEqual(plain.blocks.map((b) => b.numbers));
      expect(doc.blocks.map((b) => b.answer?.numbers)).toEqual(plain.blocks.map((b) => b.answer?.numbers));
      expect(brokenInvariants(doc, text)).toEqual([]);
    }
  });

  it('the seed paper with a zero-width joiner inside every two-digit margin number reads as without', () => {
    const seed = readFileSync(seedFile, 'utf8');
    const split = seed.replace(/^(\s*)(\d)(\d)\.(\s*Antwoord)/gm, '$1$2\u200d$3.$4');
    expect(split).not.toBe(seed);
    const shape = (text: string): string =>
      parseText('kst-26150-187.txt', text)
        .blocks.map((b) => `${b.numbers.join(',')}/${b.answer?.numbers.join(',') ?? '-'}`)
        .join(' ');
    expect(shape(split)).toBe(shape(seed));
    expect(brokenInvariants(parseText('kst-26150-187.txt', split), split)).toEqual([]);
  });
});
