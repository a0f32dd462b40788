/**
 * Regression tests for fuzz:long's invariant failures (seed 1, cases 13115 and 17786 on this machine's
 * ../shared; the lead's run named 4926, 15318 and 18295): a zero-width character between the digits of a
 * heading's number ("Vraag 1\u200d0", "Vraag\u20602\u200d0") was read as a space, so question 10 became the
 * list "1 0" and the numbers descended. Moving them out of the number so that it reads whole then put the
 * digits one place off their source (fuzz:long seed 1, eight cases: "20\u200c24Z18435" cited at [p+1, p+11));
 * Line.moved maps them back.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { foldLines, spanOf } from '../../src/ingest/fold.js';
import { headingText } from '../../src/ingest/headings.js';
import { parseText } from '../../src/read.js';
import { joinSplitNumbers, sourceAt, splitLines } from '../../src/ingest/lines.js';
import { defined, hasShared, seedFile, sharedDir } from '../helpers.js';
import { brokenInvariants } from './invariants.js';
import { KAMERVRAGEN_FILE, kamervragen } from './shapes.js';

const ZERO_WIDTH = ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff'];

describe('a zero-width character between digits keeps the number whole', () => {
  it('joinSplitNumbers moves the invisible characters before the number, keeping the length, and says where each digit came from', () => {
    const joined = (s: string): string => joinSplitNumbers(s).text;
    expect(joined('Vraag 1\u200d0')).toBe('Vraag  10');
    expect(joined('Vraag 1\u200b2\u200b3 en 4\u2060\u20605')).toBe('Vraag   123 en   45');
    expect(joinSplitNumbers('Vraag 10')).toEqual({ text: 'Vraag 10', moved: null });
    // Not between digits: left for the line reader (a space at a word's edge, nothing inside a word).
    expect(joinSplitNumbers('Vraag\u200b10 https://\u200bwww 1\u200b')).toEqual({ text: 'Vraag\u200b10 https://\u200bwww 1\u200b', moved: null });
    for (const s of ['1\u200b0', 'a1\u200b0\u200b0b', '2024\u2013202\u200d5']) expect(joined(s)).toHaveLength(s.length);
    // "20\u200c24Z" at offset 100 reads " 2024Z": the space was the zero-width character (null), the
    // first two digits moved one place right; "24" after the last zero-width character did not move.
    expect(joinSplitNumbers('20\u200c24Z', 100).moved).toEqual(
      new Map([
        [100, null],
        [101, 100],
        [102, 101],
      ]),
    );
  });

  it('fuzz:long seed 1 cases 2593, 4900, 5020, 6125, 6336, 9260, 10016, 16837: a Zaak or document number split by a zero-width character folds to the number, its span the source characters', () => {
    const source = 'Zie 20\u200c24Z18435, nr.1\u200b2\u200b3 en 2024D3\ufeff7938.';
    const lines = splitLines(source);
    const line = defined(lines[0], 'the line');
    // Each run of digits is a number to the line's patterns: "2024D3\ufeff7938" reads "2024D 37938".
    expect(line.text).toBe('Zie  2024Z18435, nr.  123 en 2024D 37938.');
    // Every character of the line's text has the source offset of its own character, but the spaces the
    // zero-width characters became (null), one for each.
    let spaces = 0;
    for (let i = 0; i < line.text.length; i++) {
      const at = sourceAt(line, line.textStart + i);
      if (at === null) {
        expect(line.text.charAt(i)).toBe(' ');
        spaces++;
      } else expect(source.charAt(at), `index ${i}`).toBe(line.text.charAt(i));
    }
    expect(spaces).toBe(4);
    // Folding drops the zero-width characters where the source has them: no space inserted after "nr.".
    const folded = foldLines(lines);
    expect(folded.text).toBe('Zie 2024Z18435, nr.123 en 2024D37938.');
    for (let i = 0; i < folded.text.length; i++) expect(source.charAt(defined(folded.map[i])), `folded index ${i}`).toBe(folded.text.charAt(i));
    const span = (s: string): string => {
      const at = folded.text.indexOf(s);
      const { start, end } = spanOf(folded, at, at + s.length);
      return source.slice(start, end);
    };
    expect(span('2024Z18435')).toBe('20\u200c24Z18435');
    expect(span('2024D37938')).toBe('2024D3\ufeff7938');
    expect(span('123')).toBe('1\u200b2\u200b3');
  });

  it('a Kamervragen paper citing Zaak and document numbers split by each zero-width character at each place: every span is the number in the source', () => {
    const numbers = ['2024Z18435', '2024D37938'];
    const body = `Vraag 1\nKent u het bericht (${numbers[0]})?\nAntwoord 1\nJa, zie ook document ${numbers[1]} van gisteren.\n`;
    let checked = 0;
    for (const zw of ZERO_WIDTH) {
      for (const cut of [1, 2, 3, 6, 8, 9]) {
        const text = kamervragen(numbers.reduce((t, n) => t.replace(n, `${n.slice(0, cut)}${zw}${n.slice(cut)}`), body));
        const doc = parseText(KAMERVRAGEN_FILE, text);
        const cited = doc.blocks.flatMap((b) => b.citations).filter((c) => numbers.includes(c.id));
        expect(cited.map((c) => c.id).sort(), `U+${zw.charCodeAt(0).toString(16)} after ${cut}`).toEqual([...numbers].sort());
        for (const c of cited) {
          expect(text.slice(c.span.start, c.span.end), `${c.id}, U+${zw.charCodeAt(0).toString(16)} after ${cut}`).toBe(`${c.id.slice(0, cut)}${zw}${c.id.slice(cut)}`);
          checked++;
        }
        expect(brokenInvariants(doc, text)).toEqual([]);
      }
    }
    expect(checked).toBe(ZERO_WIDTH.length * 6 * 2);
  });

  it.skipIf(!hasShared)('the real papers of corpus-wild with a zero-width character inside every Zaak and document number: spans exact (needs ../shared)', () => {
    const dir = path.join(sharedDir, 'corpus-wild');
    let checked = 0;
    for (const name of readdirSync(dir).filter((n) => n.endsWith('.txt'))) {
      const plain = readFileSync(path.join(dir, name), 'utf8');
      if (!/(?<!\d)20\d\d[DZ]\d{5}(?!\d)/.test(plain)) continue;
      const zw = defined(ZERO_WIDTH[checked % ZERO_WIDTH.length]);
      const text = plain.replace(/(?<!\d)(20)(\d\d[DZ]\d{5})(?!\d)/g, `$1${zw}$2`);
      const doc = parseText(name, text);
      const cited = doc.blocks.flatMap((b) => b.citations).filter((c) => /^20\d\d[DZ]\d{5}$/.test(c.id));
      for (const c of cited) expect(text.slice(c.span.start, c.span.end), `${name}: ${c.id}`).toBe(`${c.id.slice(0, 2)}${zw}${c.id.slice(2)}`);
      expect(brokenInvariants(doc, text), name).toEqual([]);
      checked++;
    }
    expect(checked).toBeGreaterThan(10);
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
