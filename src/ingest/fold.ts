/**
 * Folding layout lines into running text, keeping a map from every character
 * back to its offset in the source: hyphenated line breaks are joined
 * ("vraag-\nstukken" → "vraagstukken") while real hyphens stay ("COVID-\nrespons",
 * "VN-\nVeiligheidsraad", URLs), footnote markers glued to words are dropped.
 */
import type { Span } from '../model.js';
import { sourceAt, type Line } from './lines.js';

/** Text with, for every character, the source offset it came from. */
export interface Folded {
  text: string;
  map: number[];
}

/** Words seen in the document, to decide line-break hyphens by the document's own spelling. */
export class Lexicon {
  private readonly words = new Set<string>();

  constructor(lines: readonly Line[]) {
    // Words are runs of letters and digits joined by single hyphens. Runs are matched one by one and
    // joined here: the pattern /[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/ overflows the regex stack on a
    // "word" of a million hyphenated parts.
    for (const line of lines) {
      const text = line.text;
      let start = -1;
      let end = -1;
      for (const m of text.matchAll(/[\p{L}\p{N}]+/gu)) {
        const at = m.index;
        if (start >= 0 && !(at === end + 1 && text.charCodeAt(end) === 0x2d)) {
          this.words.add(text.slice(start, end).toLowerCase());
          start = -1;
        }
        if (start < 0) start = at;
        end = at + m[0].length;
      }
      if (start >= 0) this.words.add(text.slice(start, end).toLowerCase());
    }
  }

  has(word: string): boolean {
    return this.words.has(word.toLowerCase());
  }
}

/** A hyphen between two letter runs inside a line: "proble-men", "Neder-land", "btw-verhoging". */
const INLINE_HYPHEN = /(?<![\p{L}\p{N}-])(\p{L}+)-(\p{L}+)(?![\p{L}\p{N}-])/gu;

/**
 * Source offsets of hyphens inside a line that stand for a line break the extractor flattened
 * (a PDF library's text: "in de proble-men zit", "in Neder-land"): those between a lower-case
 * letter and a lower-case letter whose pieces, joined, are a word the document itself spells
 * ("problemen", "Nederland"). Compounds the document never writes joined ("btw-verhoging",
 * "ggz-zorg") keep their hyphen.
 */
export function inlineBreakHyphens(line: Line, lexicon: Lexicon): number[] {
  const text = line.text;
  if (!text.includes('-')) return [];
  const out: number[] = [];
  for (const m of text.matchAll(INLINE_HYPHEN)) {
    const left = m[1] ?? '';
    const right = m[2] ?? '';
    if (!/\p{Ll}$/u.test(left) || !/^\p{Ll}/u.test(right)) continue;
    if (lexicon.has(left + right)) out.push(line.textStart + m.index + left.length);
  }
  return out;
}

/** Vowel pairs that would merge into one sound if the hyphen went (politie-inzet, zee-egel, na-apen). */
const MERGING_VOWELS = new Set(['aa', 'ae', 'ai', 'au', 'ee', 'ei', 'eu', 'ie', 'ii', 'oe', 'oi', 'oo', 'ou', 'ui', 'uu', 'ij']);
/** Words after which a line-final hyphen is a suspended one: "begrotings- en personeelszaken". */
const SUSPENDING = new Set(['en', 'of', 'tot', 'noch', 'als', 'dan']);
/** Prefixes that keep their hyphen in Dutch spelling. */
const HYPHEN_PREFIXES = new Set(['niet', 'oud', 'ex', 'vice', 'co', 'semi', 'pro', 'non']);

/**
 * Decide what a hyphen at the end of a line means.
 * `left` is the last token of the line including the hyphen; `right` the first token of the next line.
 */
export function lineBreakHyphen(left: string, right: string, lexicon?: Lexicon): 'join' | 'keep' | 'suspended' {
  const stem = left.slice(0, -1);
  const rightWord = (right.match(/^[\p{L}\p{N}]+/u) ?? [''])[0];
  if (/(:\/\/|www\.|\/|@|\.[a-z]{2,4}\/?)/i.test(left) || /^(\/|www\.)/.test(right)) return 'keep'; // URLs
  if (SUSPENDING.has(right.replace(/[,.;:]$/, '')) && rightWord === right.replace(/[,.;:]$/, '')) return 'suspended';
  const lastWordOfStem = (stem.match(/[\p{L}\p{N}]+$/u) ?? [''])[0];
  if (lastWordOfStem === '' || rightWord === '') return 'keep';
  if (lexicon) {
    const joined = lastWordOfStem + rightWord;
    const hyphenated = `${lastWordOfStem}-${rightWord}`;
    if (lexicon.has(hyphenated) && !lexicon.has(joined)) return 'keep';
    if (lexicon.has(joined) && !lexicon.has(hyphenated)) return 'join';
  }
  const a = lastWordOfStem.charAt(lastWordOfStem.length - 1);
  const b = rightWord.charAt(0);
  // After a capital or a digit the hyphen is part of the word: COVID-19, VN-lidstaten, G7-landen.
  if (!/\p{Ll}/u.test(a) || !/\p{Ll}/u.test(b)) return 'keep';
  if (/\p{Lu}/u.test(lastWordOfStem)) return 'keep'; // "EU-brede", "AVVN-resolutie"
  if (HYPHEN_PREFIXES.has(lastWordOfStem.toLowerCase())) return 'keep';
  // Two vowels across the break would be read as one sound without a hyphen (politie-inzet, zee-egel).
  if (MERGING_VOWELS.has((a + b).toLowerCase())) return 'keep';
  return 'join';
}

export interface FoldOptions {
  lexicon?: Lexicon;
  /**
   * Join hyphens inside a line whose pieces the document spells as one word (inlineBreakHyphens): for
   * text whose lines are whole paragraphs, where a PDF library flattened the line breaks ("proble-men").
   */
  inlineHyphens?: boolean;
  /** Source offsets of characters to leave out (footnote markers). */
  skip?: ReadonlySet<number>;
}

/** Fold lines (already stripped of page furniture) into one running text. */
export function foldLines(lines: readonly Line[], options: FoldOptions = {}): Folded {
  const out: string[] = [];
  const map: number[] = [];
  const skip = options.skip;
  // Where the last white-space-free token of `out` begins (tailToken), kept as we go so that a
  // long token hyphenated over many lines is not walked back over again at every line.
  let tokenStart = 0;
  const push = (ch: string, offset: number): void => {
    out.push(ch);
    // One map entry per UTF-16 unit, so the map stays aligned with the indices of the joined text
    // (an astral character is two units; it would shift every later span by one otherwise).
    map.push(offset);
    if (ch.length === 2) map.push(offset + 1);
    if (ch === ' ') tokenStart = out.length;
  };
  const pop = (): void => {
    const ch = out.pop();
    map.pop();
    if (ch !== undefined && ch.length === 2) map.pop();
    if (tokenStart > out.length) tokenStart = lastTokenStart(out);
  };
  // The kept characters of one line and their source offsets (parallel arrays, reused: an object per
  // character made a long line spend most of its time in the garbage collector).
  const chs: string[] = [];
  const ats: number[] = [];
  for (const line of lines) {
    chs.length = 0;
    ats.length = 0;
    // Offsets advance by UTF-16 units, so a character above the BMP keeps later offsets exact.
    let at = line.textStart;
    const joins = options.lexicon && options.inlineHyphens ? inlineBreakHyphens(line, options.lexicon) : [];
    const moved = line.moved;
    for (const ch of line.text) {
      // The source offset of the character: its own, but for the digits of a number a zero-width
      // character split (Line.moved), whose spaces, zero-width characters in the source, are dropped.
      const source = moved === undefined ? at : sourceAt(line, at);
      if (source !== null && !skip?.has(source) && (joins.length === 0 || !joins.includes(at))) {
        chs.push(ch);
        ats.push(source);
      }
      at += ch.length;
    }
    if (chs.length === 0) continue;
    if (out.length > 0) {
      const last = out.at(-1);
      if (last === '-' && /[\p{L}\p{N}]/u.test(out.at(-2) ?? '')) {
        const left = tailToken(out, tokenStart);
        const decision = lineBreakHyphen(left, headToken(chs), options.lexicon);
        if (decision === 'join') {
          pop();
        } else if (decision === 'suspended') {
          push(' ', line.start - 1);
        }
      } else if (last !== ' ') {
        push(' ', line.start - 1);
      }
    }
    for (let k = 0; k < chs.length; k++) {
      const ch = chs[k];
      const at = ats[k];
      if (ch === undefined || at === undefined) break; // parallel arrays, k < their length
      // Zero-width characters (break hints in Word and web copies, "https://\u200bwww…") are not text.
      if (/[\u200B-\u200D\u2060\uFEFF]/u.test(ch)) continue;
      // Fold runs of white space inside a line to one space.
      if (/\s/u.test(ch)) {
        if (out.length > 0 && out.at(-1) !== ' ') push(' ', at);
        continue;
      }
      push(ch, at);
    }
  }
  while (out.length > 0 && out[out.length - 1] === ' ') pop();
  return { text: out.join(''), map };
}

/** Where the last white-space-free token of `out` begins (a walk back; only needed after a pop). */
function lastTokenStart(out: readonly string[]): number {
  let i = out.length;
  while (i > 0 && out[i - 1] !== ' ') i--;
  return i;
}

/**
 * Longest tail of a token that decides a line-break hyphen: what matters is its last word and
 * whether it looks like a URL, both visible in its end. The cap keeps a hostile token hyphenated
 * over thousands of lines linear.
 */
const TAIL_TOKEN_MAX = 256;

/** The last white-space-free token of what has been written so far (its last TAIL_TOKEN_MAX characters). */
function tailToken(out: readonly string[], start: number): string {
  return out.slice(Math.max(start, out.length - TAIL_TOKEN_MAX)).join('');
}

/** The first white-space-free token of a line's characters (its first TAIL_TOKEN_MAX characters at most). */
function headToken(chs: readonly string[]): string {
  let k = 0;
  while (k < chs.length && k < TAIL_TOKEN_MAX && !/\s/u.test(chs[k] ?? ' ')) k++;
  return chs.slice(0, k).join('');
}

/** Source span of folded text [start, end). */
export function spanOf(folded: Folded, start: number, end: number, pageAt?: (offset: number) => number | undefined): Span {
  const s = folded.map[Math.min(start, folded.map.length - 1)];
  const eLast = folded.map[Math.max(Math.min(end, folded.map.length) - 1, 0)];
  if (s === undefined || eLast === undefined) return { start: 0, end: 0 }; // an empty map
  const e = eLast + 1;
  const page = pageAt?.(s);
  return page === undefined ? { start: s, end: e } : { start: s, end: e, page };
}

/** Concatenate folded pieces with a separator (paragraph breaks). */
export function joinFolded(parts: readonly Folded[], separator = '\n\n'): Folded {
  const text: string[] = [];
  const map: number[] = [];
  for (const part of parts) {
    if (part.text === '') continue;
    if (text.length > 0) {
      const at = map.at(-1) ?? 0; // text.length > 0, so the map holds an offset
      for (const ch of separator) {
        text.push(ch);
        map.push(at);
      }
    }
    text.push(part.text);
    // A loop, not push(...part.map): spreading an input-sized array as arguments overflows the stack.
    for (const at of part.map) map.push(at);
  }
  return { text: text.join(''), map };
}
