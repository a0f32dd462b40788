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
    // In brackets, as Word and web copies print them: "onderzoekers'?[1]", "onderzoekers[3],", "belonen'? [1]".
    new RegExp(`(?<=\\S ?)\\[${n}\\]`, 'gu'),
    // The Word version of Kamervragen: "n)" after a space, "kunnen voldoen? 1)" at the end of its
    // paragraph, "de problemen bij het UWV 1) ook op …" before lower case (checked in wordMarker).
    new RegExp(`(?<=[\\p{L}.,;:?!’'”»)] )${n}\\)(?=[\\s.,;:]|$)`, 'gu'),
  ];
}

/** The index of the Word-style pattern ("voldoen? 1)") among patterns(n). */
const WORD_STYLE = 5;

/**
 * A Word-style marker "n)" is one when it ends its line in the source or lower case runs on after
 * it, and it closes no parenthesis opened before it in the sentence ("(zie antwoord op vraag 3)").
 */
function wordMarker(text: Folded, at: number, len: number, source: string | undefined): boolean {
  const sentence = text.text.slice(Math.max(0, at - 300), at);
  const open = sentence.slice(Math.max(sentence.lastIndexOf('. '), sentence.lastIndexOf('? '), 0));
  if ((open.match(/\(/g) ?? []).length > (open.match(/\)/g) ?? []).length) return false;
  const end = text.map[at + len - 1];
  if (source !== undefined && end !== undefined && /^[ \t]*(?:\r?\n|$)/.test(source.slice(end + 1, end + 3))) return true;
  return /^ \p{Ll}/u.test(text.text.slice(at + len, at + len + 2));
}

export interface Marker {
  number: number;
  /** Source offsets of the marker's digits. */
  offsets: number[];
  start: number;
  end: number;
}

/** Find markers 1…n in order in the folded running text (`source`, the text the map points into, tells where lines end). */
export function findMarkers(text: Folded, numbers: readonly number[], source?: string): Marker[] {
  const out: Marker[] = [];
  let from = 0;
  for (const n of [...numbers].sort((a, b) => a - b)) {
    const found = firstHit(text, n, from, source) ?? firstHit(text, n, 0, source);
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
function firstHit(text: Folded, n: number, from: number, source: string | undefined): [number, number] | null {
  let best: [number, number] | null = null;
  patterns(n).forEach((re, k) => {
    re.lastIndex = from;
    let m = re.exec(text.text);
    while (m && k === WORD_STYLE && !wordMarker(text, m.index, m[0].length, source)) m = re.exec(text.text);
    if (m && (best === null || m.index < best[0])) best = [m.index, m[0].length];
  });
  return best;
}
