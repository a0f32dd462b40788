/**
 * The numbers a heading lists: "Vraag 10 en 11", "Vragen 3, 6, 9 en 10",
 * "Antwoord 3 t/m 5", "Vragen 1 tot en met 4", and as sloppy papers print
 * them, "Vragen 3 4 en 5" (commas missing) or "Antwoord 6 & 7".
 */

/**
 * A list of numbers in a heading that stands on a line of its own (anchored at
 * its end by the caller): any separator, a bare space included.
 */
export const NUMBER_LIST = String.raw`\d{1,3}(?:(?:\s*(?:,|&|en|t\/m|tot en met|-|–)\s*|\s+)\d{1,3})*`;
/** The same inside running text, where a bare space would run on into what follows ("Vraag3 37 Op welke …"). */
export const NUMBER_LIST_STRICT = String.raw`\d{1,3}(?:\s*(?:,|&|en|t\/m|tot en met|-|–)\s*\d{1,3})*`;

/** Largest range ("3 t/m 9") expanded into single numbers; a wider one is taken as its two ends. */
const MAX_RANGE = 60;

/** The numbers of a list as printed, ranges expanded, each once, in printed order. */
export function answerNumbers(spec: string): number[] {
  const out: number[] = [];
  for (const m of spec.matchAll(/(\d{1,3})(?:\s*(?:t\/m|tot en met|-|–)\s*(\d{1,3}))?/g)) {
    const lo = Number(m[1]);
    const hi = m[2] === undefined ? lo : Number(m[2]);
    if (hi > lo && hi - lo <= MAX_RANGE) for (let n = lo; n <= hi; n++) out.push(n);
    else out.push(lo, hi);
  }
  return [...new Set(out)];
}
