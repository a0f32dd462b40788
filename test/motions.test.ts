import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { crossesSentence, findMotions, motionBefore } from '../src/extract/motions.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const shared = path.resolve(repoRoot, '../shared');

const names = (text: string): [string[], boolean][] => findMotions(text).map((m) => [m.submitters, m.withOthers]);

describe('findMotions', () => {
  it.each([
    ['de motie van het lid Koopmans c.s. (Kamerstuk 33 694, nr. 43)', [['Koopmans'], true]],
    ['de motie van de leden Alkaya en van Raan verzoekt', [['Alkaya', 'Van Raan'], false]],
    ['motie van de leden Jetten en de Groot \n(Kamerstuk', [['Jetten', 'De Groot'], false]],
    ['de motie van de leden Bisschop en Van Helvert waarin', [['Bisschop', 'Van Helvert'], false]],
    ['de motie van de leden Omtzigt, Van der Staaij en Segers over', [['Omtzigt', 'Van der Staaij', 'Segers'], false]],
    ['de wens van de Kamer (motie-\nKoopmans c.s.) om', [['Koopmans'], true]],
    ['motie-Koopmans c.s.', [['Koopmans'], true]],
    ['over de Motie-Duisenberg c.s. – alternatieven', [['Duisenberg'], true]],
    ['conform de motie Van der Staaij.', [['Van der Staaij'], false]],
    ['ter uitvoering van motie Koopmans zal', [['Koopmans'], false]],
    ['de motie van het lid Van der Staaij c.s. in herinnering.18 Hoe', [['Van der Staaij'], true]],
    ['de motie van het lid Van Dijk-Kuiken over', [['Van Dijk-Kuiken'], false]],
  ] as const)('%j', (text, expected) => {
    expect(names(text)).toEqual([expected]);
  });

  it('prints the motion as in the text, a hyphen at a line break joined', () => {
    const [m] = findMotions('de wens van de Kamer (motie-\nKoopmans c.s.) om');
    expect(m?.text).toBe('motie-Koopmans c.s.');
    expect([m?.start, m?.end]).toEqual([22, 42]);
  });

  it.each([
    'deze motie uit te voeren',
    'de aangenomen motie die de Nederlandse regering verzoekt',
    'een promotie van het lid Jansen',
    'een emotie van de leden',
    'het motief van het lid Jansen',
    'de motie Kamerstuk 33 694',
    'Aan deze motie is op verschillende momenten uitvoering gegeven.',
    'de motie van het lid',
  ])('%j names no submitters', (text) => {
    expect(findMotions(text)).toEqual([]);
  });
});

describe('motionBefore', () => {
  it('finds the motion leading up to a position in the same sentence', () => {
    const text = 'de motie van het lid Soerdsma c.s. (Kamerstuk 33 783, nr. 44) van 2 juli';
    expect(motionBefore(text, findMotions(text), text.indexOf('Kamerstuk'))?.submitters).toEqual(['Soerdsma']);
  });

  it('works with a footnote marker position, as ingest needs for citations in footnotes', () => {
    const text = 'aangenomen motie van de leden\nAlkaya en Van Raan over geen exportkredietverzekeringen uit 2018?10 Bent u';
    const marker = text.indexOf('?10') + 1;
    expect(motionBefore(text, findMotions(text), marker)?.submitters).toEqual(['Alkaya', 'Van Raan']);
  });

  it('stops at a sentence end, a paragraph break, another paper, or beyond reach', () => {
    const check = (text: string): string[] | null => motionBefore(text, findMotions(text), text.indexOf('Kamerstuk'))?.submitters ?? null;
    expect(check('de motie Koopmans is uitgevoerd. Zie Kamerstuk 33 694, nr. 45')).toBeNull();
    expect(check('de motie Koopmans\n\nKamerstuk 33 694, nr. 45')).toBeNull();
    expect(check('de motie Koopmans, waarover de brief (Kamerstuk 33 694, nr. 45)')).toBeNull();
    expect(check(`de motie Koopmans ${'en verder '.repeat(70)}(Kamerstuk 33 694, nr. 45)`)).toBeNull();
    expect(check('de motie van het lid Koopmans c.s. (Kamerstuk 33 694, nr. 43)')).toEqual(['Koopmans']);
  });
});

describe('crossesSentence', () => {
  it.each([
    [' c.s. (', false],
    [', waarin het kabinet, nr. 3 en d.d. 4 juli ', false],
    ['. Zie ', true],
    ['? Hoe ', true],
    [' en\n\n', true],
  ])('%j → %s', (gap, expected) => {
    expect(crossesSentence(gap)).toBe(expected);
  });
});

describe.skipIf(!existsSync(path.join(shared, 'corpus')))('findMotions on the reference corpus', () => {
  it('kst-26150-187: the eight motions named, as printed', () => {
    const text = readFileSync(path.join(shared, 'corpus', 'kst-26150-187.txt'), 'utf8');
    expect(findMotions(text).map((m) => m.text)).toEqual([
      'motie van het lid Koopmans c.s.',
      'motie-Koopmans c.s.',
      'motie Koopmans',
      'motie van het lid Soerdsma c.s.',
      'motie van de leden Jetten en de Groot',
      'motie van het lid Van der Staaij c.s.',
      'motie Van der Staaij',
      'motie van de leden Bisschop en Van Helvert',
    ]);
  });
});
