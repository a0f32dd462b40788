/**
 * Regression tests for the hostile inputs of issue 14: each super-linear
 * reproducer runs in linear time (8x input, at most RATIO_BOUND x the time;
 * the ratio is printed), and input-sized data never overflows the stack.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { IngestError } from '../../src/errors.js';
import { Lexicon } from '../../src/ingest/fold.js';
import { parseText } from '../../src/read.js';
import { answeredIn, askedIn, nameAndParty, parseAskers } from '../../src/ingest/kamervragen.js';
import { repoRoot, seedFile } from '../helpers.js';
import { brokenInvariants } from './invariants.js';
import { KAMERVRAGEN_FILE, RATIO_BOUND, SUPERLINEAR, kamervragen, linearGrowth, ratioTable } from './shapes.js';

describe('super-linear reproducers run in linear time', () => {
  const measured: { name: string; t1: number; t8: number; ratio: number }[] = [];
  afterAll(() => {
    if (measured.length > 0) console.log(`8x/1x CPU-time ratios of the super-linear reproducers:\n${ratioTable(measured)}`);
  });

  for (const shape of SUPERLINEAR) {
    it(
      shape.name,
      () => {
        const inputs = new Map([1, 8].map((n) => [n, shape.make(n)]));
        // Read, not refused: these are odd papers, not broken ones.
        const doc = parseText(shape.file, inputs.get(1) as string);
        expect(doc.blocks.length).toBeGreaterThan(0);
        const growth = linearGrowth(shape.name, (n) => parseText(shape.file, inputs.get(n) ?? shape.make(n)));
        measured.push({ name: shape.name, ...growth });
        expect(growth.ratio).toBeLessThan(RATIO_BOUND);
      },
      300_000,
    );
  }

  it('the askers scanner finds the pieces the pattern /([^()]*?)\\s*\\(([^)]+)\\)/g found (random strings)', () => {
    const tokens = ['A', 'Jansen', ' ', '  ', ',', ' en ', '(', ')', 'VVD', 'beiden D66', '\t'];
    let seed = 7;
    const next = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648);
    for (let k = 0; k < 3000; k++) {
      let text = '';
      for (let j = next() % 12; j >= 0; j--) text += tokens[next() % tokens.length];
      const byPattern = [...text.matchAll(/([^()]*?)\s*\(([^)]+)\)/g)].map((m) => ({ names: m[1], party: m[2], end: (m.index ?? 0) + m[0].length }));
      expect([...nameAndParty(text)], JSON.stringify(text)).toEqual(byPattern);
    }
    expect(parseAskers('K'.repeat(80_000))).toEqual([{ name: 'K'.repeat(80_000), faction: null }]);
    expect(parseAskers('Hirsch (GroenLinks-PvdA) en Teunissen (PvdA)')).toEqual([
      { name: 'Hirsch', faction: 'GroenLinks-PvdA' },
      { name: 'Teunissen', faction: 'PvdA' },
    ]);
  });

  it('the header scanners find what the header patterns found (random strings)', () => {
    const asked =
      /(Mondelinge\s+)?[Vv]ra(?:ag|gen) van (?:(?:het|de) )?(?:lid|leden) (.+?) aan (.+?)(?:\s|,\s|(?<=\p{Ll}))over(?:\s+|(?=(?:de|het|een)\b|[«‘'"“]))(.*?)\s*(?:\(ingezonden ([^)]+)\)|(?=Antwoord van|Mededeling van|Zie ook)|$)/u;
    const answered = /((?:Antwoord|Mededeling) van .+?\((?:ontvangen\s*\(?)+([^)]+)\)+)\.?/;
    const tokens = ['Vragen van het lid ', 'vragen van de leden ', 'Mondelinge ', 'A', ' aan ', ' over ', ',', ' ', 'over', 'de', '«', '(ingezonden ', '1 maart', ')', '(', 'Antwoord van ', 'Zie ook', '(ontvangen ', 'x'];
    let seed = 11;
    const next = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648);
    const pick = (options: string[]): string => options[next() % options.length] ?? '';
    const noise = (): string => Array.from({ length: next() % 3 }, () => pick(tokens)).join('');
    // The header's parts in order, each in a right or a wrong form, with noise between them.
    const slots = [
      ['Vragen van het lid ', 'Mondelinge vragen van de leden ', 'vragen van het lid ', 'Vraag van lid ', 'Vragen van het ', ''],
      [' aan ', ' aan', 'aan ', ''],
      [' over ', ', over ', ' over«', ' overde', 'over ', 'Zakenover ', ' overal ', ''],
      ['(ingezonden 1 maart)', ' (ingezonden )', ' (ingezonden 2 mei) (ingezonden 3 mei)', '(ingezonden 4 mei', ''],
      ['Antwoord van M (ontvangen 3 mei).', ' Mededeling van X (ontvangen (ontvangen 4 mei))', 'Antwoord van x (ontvangen)', 'Zie ook', ''],
    ];
    for (let k = 0; k < 5000; k++) {
      const text = slots.map((options) => noise() + pick(options)).join('') + noise();
      const a = asked.exec(text);
      expect(askedIn(text)?.slice(1) ?? null, JSON.stringify(text)).toEqual(a ? a.slice(1) : null);
      const b = answered.exec(text);
      expect(answeredIn(text), JSON.stringify(text)).toEqual(b ? [b[1], b[2]] : null);
    }
  });

  it('"Vragen 1 t/m 999" is read as the two numbers printed, not 999 of them', () => {
    const doc = parseText(KAMERVRAGEN_FILE, kamervragen('Vragen 1 t/m 999\nIs dit zo?\nAntwoord 1 t/m 999\nJa.\nVragen 3 t/m 5\nEn dit?\nAntwoord 3 t/m 5\nNee.\n'));
    expect(doc.blocks.map((b) => b.numbers)).toEqual([
      [1, 999],
      [3, 4, 5],
    ]);
  });
});

/** KLD_FUZZ=long (npm run fuzz:long) also reads the reproducers at the sizes the issue measured them (some seconds each). */
const LONG = process.env.KLD_FUZZ === 'long';

describe('the super-linear reproducers at the sizes issue 14 measured (KLD_FUZZ=long only: 20 s in all; npm test runs them at 1x and 8x above)', () => {
  // [shape, the issue's size in characters, blocks read]: "Antwoord 1" 50,000 times took over 60 s, Vraag/Antwoord
  // pairs of 1.7 MB 53 s, alternating footers in a 7.7 MB nota 24 s, "Vragen 1 t/m 999" headings of 1.4 MB 2 GB of memory.
  const cases: [string, number, number][] = [
    ['"Antwoord 1" repeated', 50_000 * 'Antwoord 1\nJa.\n'.length, 50_400],
    ['Vraag/Antwoord pairs', 1_700_000, 29_600],
    ['alternating footers in a nota', 7_700_000, 34_000],
    ['"Vragen 1 t/m 999" headings', 1_400_000, 33_001],
  ];
  for (const [name, size, blocks] of cases) {
    it.runIf(LONG)(
      `${name}, ${(size / 1e6).toFixed(1)} MB: ${blocks} blocks`,
      () => {
        const shape = SUPERLINEAR.find((s) => s.name === name);
        expect(shape, name).toBeDefined();
        if (!shape) return;
        let n = Math.ceil(size / shape.make(1).length);
        while (shape.make(n).length < size) n++;
        const text = shape.make(n);
        expect(text.length).toBeGreaterThanOrEqual(size);
        expect(parseText(shape.file, text).blocks).toHaveLength(blocks);
      },
      300_000,
    );
  }
});

describe('input-sized data never overflows the stack', () => {
  const seed = readFileSync(seedFile, 'utf8');
  const insertLine = (text: string, line: string): string => {
    const lines = text.split('\n');
    // Inside the first answer of the seed (line 200 is running text of block 1's answer).
    lines.splice(200, 0, line);
    return lines.join('\n');
  };

  it('a paragraph of 1 MB (joinFolded spread its map as arguments)', () => {
    const long = Array.from({ length: 40000 }, (_, i) => `woord${i}`).join(' ');
    const doc = parseText('kst-26150-187.txt', insertLine(seed, long));
    // Read, not crashed: the paragraph's text is in the blocks (a line that long also changes how the page is laid out).
    const all = doc.blocks.map((b) => `${b.questionText} ${b.answer?.text ?? ''}`).join(' ');
    expect(all).toContain('woord20000 woord20001');
    expect(all).toContain('woord39999');
  });

  it('a 4 MB hyphenated "word" in the Lexicon (its pattern overflowed the regex stack)', () => {
    const word = `${'ab-'.repeat(1_400_000)}c`;
    const lexicon = new Lexicon([{ n: 1, raw: word, text: word, start: 0, textStart: 0, end: word.length }]);
    expect(lexicon.has(word.toUpperCase())).toBe(true);
    expect(lexicon.has('ab')).toBe(false);
  });

  it("a word of 6.4 million letters in text beyond Latin-1 (the Lexicon's [\\p{L}\\p{N}]+ overflowed the regex stack)", () => {
    // A character beyond Latin-1 ("–") makes the string two-byte, where the Unicode class needs the regex stack per letter.
    const word = 'K'.repeat(6_400_000);
    const text = `2023–2024 ${word} einde`;
    const lexicon = new Lexicon([{ n: 1, raw: text, text, start: 0, textStart: 0, end: text.length }]);
    expect(lexicon.has(word)).toBe(true);
    expect(lexicon.has('einde')).toBe(true);
    expect(lexicon.has('2023')).toBe(true);
  });

  it('a paper with a 1 MB hyphenated "word" is read', () => {
    const doc = parseText('kst-26150-187.txt', insertLine(seed, `${'ab-'.repeat(350_000)}c`));
    expect(doc.blocks.length).toBeGreaterThan(0);
  });

  it('XML text split by a comment and CDATA (tree.ts joined the pieces with push(...))', () => {
    const xml = readFileSync(path.join(repoRoot, 'test/fixtures/xml/ah-tk-20232024-1999.xml'), 'utf8');
    const big = 'a '.repeat(150_000);
    const hostile = xml.replace('<al>Kunt u juridische', `<al>${big}<!-- a comment -->${big}<![CDATA[ en ]]>${big}Kunt u juridische`);
    expect(hostile).not.toBe(xml);
    const doc = parseText('ah-tk-20232024-1999.xml', hostile);
    expect(doc.blocks.some((b) => b.questionText.length > 3 * big.length - 10)).toBe(true);
  });

  it('any error while reading names the file (an IngestError, never a bare RangeError)', () => {
    for (const text of ['\u0000'.repeat(10), '%PDF-1.7\n', 'Vraag 1\n'.repeat(1000)]) {
      let thrown: unknown = null;
      try {
        parseText('odd.txt', text);
      } catch (err) {
        thrown = err;
      }
      expect(thrown).toBeInstanceOf(IngestError);
      expect((thrown as Error).message).toMatch(/^odd\.txt/);
    }
  });
});

describe('astral characters (emoji) keep every later span exact', () => {
  it('spans equal their text in the seed with an emoji before every citation and mention', () => {
    const seed = readFileSync(seedFile, 'utf8');
    const text = seed.replace(/(Kamerstuk|Verenigde Naties|Handelingen|VN)/g, '😀 $1');
    expect(text.length).toBeGreaterThan(seed.length + 100);
    const doc = parseText('kst-26150-187.txt', text);
    const items = doc.blocks.flatMap((b) => [...b.citations, ...b.mentions]);
    expect(items.length).toBeGreaterThan(100);
    const wrong = items.filter((c) => !holdsText(text, c));
    expect(brokenInvariants(doc, text)).toEqual([]);
    expect(wrong.map((c) => `${c.text} @${c.span.start}: ${text.slice(c.span.start, c.span.end)}`)).toEqual([]);
  });
});

/** The span's source, less white space and hyphens, begins and ends as the text does and holds all of it in order. */
function holdsText(text: string, c: { text: string; span: { start: number; end: number } }): boolean {
  const norm = (s: string): string => s.replace(/[\s-]/g, '');
  const s = norm(text.slice(c.span.start, c.span.end));
  const t = norm(c.text);
  if (s[0] !== t[0] || s[s.length - 1] !== t[t.length - 1]) return false;
  let k = 0;
  for (let i = 0; i < s.length && k < t.length; i++) if (s[i] === t[k]) k++;
  return k === t.length;
}
