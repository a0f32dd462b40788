/**
 * Footnote markers in running text. The extract glues them to what precedes
 * them: "problemen.7", "tegen te gaan?1", "Both Ends1?", and after a year
 * "17 juni 20199" (2019, note 9). Markers are found in numbering order, each
 * after the one before, which keeps "1.1.1" or "G20" from being taken for one.
 */
import type { Folded } from './fold.js';

const AFTER = '(?=[\\s.,;:?!)»”]|$)';

function patterns(n: number): RegExp[] {
  return [
    // Glued to a word: "wapens1", "Ends1?".
    new RegExp(`(?<=\\p{Ll}{2}|\\p{Ll}[’'])${n}${AFTER}`, 'gu'),
    // After closing punctuation that follows a word or a bracket: "problemen.7", "gaan?1", "jl.)6".
    new RegExp(`(?<=[\\p{L})»”’][.,;:?!)»”]{1,2})${n}${AFTER}`, 'gu'),
    // After a code with a two-digit number: "COVID-1917" (COVID-19, note 17).
    new RegExp(`(?<=\\p{Lu}{2,}-\\d\\d)${n}${AFTER}`, 'gu'),
    // After a year, bare or with punctuation: "20199", "2018.12", "2021?11".
    new RegExp(`(?<=(?<!\\d)(?:19|20)\\d\\d[.,;:?!)]?)${n}${AFTER}`, 'gu'),
    // In brackets, as Word and web copies print them: "onderzoekers'?[1]", "onderzoekers[3],".
    new RegExp(`(?<=\\S)\\[${n}\\]`, 'gu'),
  ];
}

export interface Marker {
  number: number;
  /** Source offsets of the marker's digits. */
  offsets: number[];
  start: number;
  end: number;
}

/** Find markers 1…n in order in the folded running text. */
export function findMarkers(text: Folded, numbers: readonly number[]): Marker[] {
  const out: Marker[] = [];
  let from = 0;
  for (const n of [...numbers].sort((a, b) => a - b)) {
    const found = firstHit(text.text, n, from) ?? firstHit(text.text, n, 0);
    if (found === null) continue;
    const [hit, len] = found;
    const offsets = text.map.slice(hit, hit + len);
    const [start] = offsets;
    const last = offsets.at(-1);
    if (start === undefined || last === undefined) continue; // a hit has at least one character
    out.push({ number: n, offsets, start, end: last + 1 });
    from = hit + len;
  }
  return out;
}

/** The first marker for n at or after `from`: its index and length (brackets included). */
function firstHit(text: string, n: number, from: number): [number, number] | null {
  let best: [number, number] | null = null;
  for (const re of patterns(n)) {
    re.lastIndex = from;
    const m = re.exec(text);
    if (m && (best === null || m.index < best[0])) best = [m.index, m[0].length];
  }
  return best;
}
