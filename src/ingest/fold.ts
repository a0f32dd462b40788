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

/**
 * Part of a run of letters and digits, and of anything else (sticky: each tested where the other ended).
 * Bounded, and repeated by runEnd: in text with characters beyond Latin-1, the pattern [\p{L}\p{N}]+
 * overflows the regex stack on a run of some millions of letters.
 */
const WORD = /[\p{L}\p{N}]{1,4096}/uy;
const NOT_WORD = /[^\p{L}\p{N}]{1,4096}/uy;

/** Where the run of `piece` (a sticky pattern) that starts at `at` ends (`at` when there is none). */
function runEnd(piece: RegExp, text: string, at: number): number {
  let end = at;
  for (;;) {
    piece.lastIndex = end;
    if (!piece.test(text)) return end;
    end = piece.lastIndex;
  }
}

/** Words seen in the document, to decide line-break hyphens by the document's own spelling. */
export class Lexicon {
  private readonly words = new Set<string>();

  constructor(lines: readonly Line[]) {
    // Words are runs of letters and digits joined by single hyphens. Runs are found one by one and
    // joined here: the pattern /[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/ overflows the regex stack on a
    // "word" of a million hyphenated parts. Sticky tests, not matchAll: a match object per word made a
    // long text spend its time in the garbage collector.
    for (const line of lines) {
      const text = line.text;
      let start = -1;
      let end = -1;
      let at = runEnd(NOT_WORD, text, 0);
      while (at < text.length) {
        if (start >= 0 && !(at === end + 1 && text.charCodeAt(end) === 0x2d)) {
          this.words.add(text.slice(start, end).toLowerCase());
          start = -1;
        }
        if (start < 0) start = at;
        end = runEnd(WORD, text, at);
        at = runEnd(NOT_WORD, text, end);
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

/**
 * UTF-16 units with a source offset each, in typed arrays that double as they fill: a long line
 * folded into arrays of one-character strings spent more time in the garbage collector than in
 * folding, and the more so the longer the line (issue 14's 8x/1x ratios of 9-10).
 */
class Units {
  units = new Uint16Array(256);
  ats = new Int32Array(256);
  length = 0;

  /** Whether a surrogate was pushed (text() then decodes unit by unit, so that a lone one stays as it is). */
  surrogates = false;

  /** Empty again, for the next use; arrays grown past `keep` units are let go. */
  reset(keep: number): void {
    this.length = 0;
    this.surrogates = false;
    if (this.units.length > keep) {
      this.units = new Uint16Array(256);
      this.ats = new Int32Array(256);
    }
  }

  push(unit: number, at: number): void {
    if ((unit & 0xf800) === 0xd800) this.surrogates = true;
    if (this.length === this.units.length) {
      const units = new Uint16Array(this.length * 2);
      units.set(this.units);
      this.units = units;
      const ats = new Int32Array(this.length * 2);
      ats.set(this.ats);
      this.ats = ats;
    }
    this.units[this.length] = unit;
    this.ats[this.length] = at;
    this.length++;
  }

  /** The unit at i (0 past either end). */
  at(i: number): number {
    return i >= 0 && i < this.length ? (this.units[i] ?? 0) : 0;
  }

  /** Units [from, to) as a string. */
  text(from = 0, to = this.length): string {
    // One native call where it gives the same string (TextDecoder makes a lone surrogate U+FFFD).
    if (LITTLE_ENDIAN && !this.surrogates) return UTF16.decode(this.units.subarray(from, to));
    if (to - from <= TEXT_PIECE) return String.fromCharCode.apply(null, this.units.subarray(from, to) as unknown as number[]);
    const parts: string[] = [];
    // In pieces: String.fromCharCode takes its units as arguments, and arguments live on the stack.
    // (apply, not a spread: a spread walks the typed array with an iterator, an object per unit.)
    for (let k = from; k < to; k += TEXT_PIECE) parts.push(String.fromCharCode.apply(null, this.units.subarray(k, Math.min(to, k + TEXT_PIECE)) as unknown as number[]));
    return parts.join('');
  }

  /** The offsets as an array (allocated once at its size: pushing grew it through copies a long text's size). */
  offsets(): number[] {
    const out = new Array<number>(this.length).fill(0);
    for (let k = 0; k < this.length; k++) out[k] = this.ats[k] ?? 0;
    return out;
  }
}

/** UTF-16 units as they stand in a Uint16Array's bytes on this machine: decodable as UTF-16LE when little-endian. */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const UTF16 = new TextDecoder('utf-16le', { ignoreBOM: true });
/** Units per String.fromCharCode call. */
const TEXT_PIECE = 4096;

const SPACE = 0x20;
const HYPHEN = 0x2d;

/** Zero-width characters (break hints in Word and web copies, "https://\u200bwww…"): not text. */
function zeroWidth(u: number): boolean {
  return (u >= 0x200b && u <= 0x200d) || u === 0x2060 || u === 0xfeff;
}

/** The UTF-16 units /\s/ matches. */
function whiteSpace(u: number): boolean {
  if (u < 0x80) return u === SPACE || (u >= 0x09 && u <= 0x0d);
  return u === 0xa0 || u === 0x1680 || (u >= 0x2000 && u <= 0x200a) || u === 0x2028 || u === 0x2029 || u === 0x202f || u === 0x205f || u === 0x3000 || u === 0xfeff;
}

/** The character (one unit, or a surrogate pair) that ends just before unit `end`. */
function charBefore(units: Units, end: number): string {
  const u = units.at(end - 1);
  const high = units.at(end - 2);
  return (u & 0xfc00) === 0xdc00 && (high & 0xfc00) === 0xd800 ? units.text(end - 2, end) : units.text(end - 1, end);
}

/**
 * The buffers of foldLines, shared by its calls (it runs to its end before the next one begins, and its
 * result is copied out of them): typed arrays made for every paragraph of a paper of thousands of
 * blocks cost more, in allocation and collection, than the folding itself.
 */
const FOLDED = new Units();
const KEPT = new Units();
/** Units a shared buffer keeps between calls; one grown larger for a long text is let go. */
const KEEP_UNITS = 1 << 16;

/** Fold lines (already stripped of page furniture) into one running text. */
export function foldLines(lines: readonly Line[], options: FoldOptions = {}): Folded {
  // The folded text and, for each of its UTF-16 units, the source offset it came from (an astral
  // character is two units with two offsets, so the map stays aligned with the indices of the text).
  const out = FOLDED;
  out.reset(KEEP_UNITS);
  const skip = options.skip;
  // Where the last white-space-free token of `out` begins (tailToken), kept as we go so that a
  // long token hyphenated over many lines is not walked back over again at every line.
  let tokenStart = 0;
  const push = (unit: number, offset: number): void => {
    out.push(unit, offset);
    if (unit === SPACE) tokenStart = out.length;
  };
  const pop = (): void => {
    out.length--;
    if (tokenStart > out.length) tokenStart = lastTokenStart(out);
  };
  // The kept units of one line and their source offsets (reused from line to line).
  const kept = KEPT;
  kept.reset(KEEP_UNITS);
  for (const line of lines) {
    kept.length = 0;
    const text = line.text;
    const joins = options.lexicon && options.inlineHyphens ? inlineBreakHyphens(line, options.lexicon) : [];
    const moved = line.moved;
    for (let i = 0; i < text.length; i++) {
      const at = line.textStart + i;
      // The source offset of the unit: its own, but for the digits of a number a zero-width
      // character split (Line.moved), whose spaces, zero-width characters in the source, are dropped.
      const source = moved === undefined ? at : sourceAt(line, at);
      if (source !== null && !skip?.has(source) && (joins.length === 0 || !joins.includes(at))) kept.push(text.charCodeAt(i), source);
    }
    if (kept.length === 0) continue;
    if (out.length > 0) {
      const last = out.at(out.length - 1);
      if (last === HYPHEN && /[\p{L}\p{N}]/u.test(charBefore(out, out.length - 1))) {
        const left = out.text(Math.max(tokenStart, out.length - TAIL_TOKEN_MAX));
        const decision = lineBreakHyphen(left, headToken(kept), options.lexicon);
        if (decision === 'join') {
          pop();
        } else if (decision === 'suspended') {
          push(SPACE, line.start - 1);
        }
      } else if (last !== SPACE) {
        push(SPACE, line.start - 1);
      }
    }
    for (let k = 0; k < kept.length; k++) {
      const u = kept.at(k);
      const at = kept.ats[k] ?? 0; // k < kept.length
      if (zeroWidth(u)) continue;
      // Fold runs of white space inside a line to one space.
      if (whiteSpace(u)) {
        if (out.length > 0 && out.at(out.length - 1) !== SPACE) push(SPACE, at);
        continue;
      }
      push(u, at);
    }
  }
  while (out.length > 0 && out.at(out.length - 1) === SPACE) pop();
  return { text: out.text(), map: out.offsets() };
}

/** Where the last white-space-free token of `out` begins (a walk back; only needed after a pop). */
function lastTokenStart(out: Units): number {
  let i = out.length;
  while (i > 0 && out.at(i - 1) !== SPACE) i--;
  return i;
}

/**
 * Longest tail of a token that decides a line-break hyphen: what matters is its last word and
 * whether it looks like a URL, both visible in its end. The cap keeps a hostile token hyphenated
 * over thousands of lines linear.
 */
const TAIL_TOKEN_MAX = 256;

/** The first white-space-free token of a line's units (its first TAIL_TOKEN_MAX units at most). */
function headToken(kept: Units): string {
  let k = 0;
  while (k < kept.length && k < TAIL_TOKEN_MAX && !whiteSpace(kept.at(k))) k++;
  return kept.text(0, k);
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
