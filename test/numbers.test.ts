/** Headings that list several numbers, however the list is punctuated. */
import { describe, expect, it } from 'vitest';
import { isKamervragenHeading } from '../src/ingest/kamervragen.js';
import { isLijstQuestionHeading } from '../src/ingest/lijst.js';
import { answerNumbers } from '../src/ingest/numbers.js';
import { isVerslagHeading } from '../src/ingest/verslag.js';

describe('numbers a heading lists', () => {
  it.each([
    // As printed in ../shared/corpus-wild (grep -rhoE '^(Vraag|Antwoord)[^a-z]*[0-9]+ (en|t/m) [0-9]+' ../shared/corpus-wild).
    ['2 t/m 6', [2, 3, 4, 5, 6]],
    ['4, 5, 7 en 8', [4, 5, 7, 8]],
    ['1,2,3,4 en 5', [1, 2, 3, 4, 5]],
    ['9, 10 en 11', [9, 10, 11]],
    // Commas missing, "tot en met", "&", a range inside a list.
    ['3 4 en 5', [3, 4, 5]],
    ['1 tot en met 4', [1, 2, 3, 4]],
    ['6 & 7', [6, 7]],
    ['1, 3 t/m 5 en 9', [1, 3, 4, 5, 9]],
  ])('"%s"', (spec, expected) => {
    expect(answerNumbers(spec)).toEqual(expected);
  });

  it('a list printed without commas is still one heading in every genre', () => {
    expect(isKamervragenHeading('Vraag 3 4 en 5')).toBe(true);
    expect(isKamervragenHeading('Antwoord vragen 1,2,3,4 en 5')).toBe(true);
    expect(isLijstQuestionHeading('Vragen 3 4 en 5')).toBe(true);
    expect(isLijstQuestionHeading('Vraag\u00a02 t/m 6')).toBe(true);
    expect(isVerslagHeading('12 13 en 14. Antwoord van het kabinet:')).toBe(true);
    // Running text with numbers is no heading.
    expect(isLijstQuestionHeading('Vraag 3 gaat over de begroting')).toBe(false);
  });
});
