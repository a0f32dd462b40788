/** Lines of a source text with their offsets, the unit the layout readers work on. */

import { present } from '../errors.js';

/** lines[i] for an index the loop around it keeps within the lines (a broken guarantee is an InvariantError). */
export function lineAt(lines: readonly Line[], i: number): Line {
  return present(lines[i], `line ${i}`);
}

export interface Line {
  /** 0-based line number. */
  n: number;
  /** Offset of the line's first character in the source. */
  start: number;
  /** Offset just past the line's last character (before the line break). */
  end: number;
  /** Raw content, without the line break. */
  raw: string;
  /**
   * Content without leading and trailing white space, with every other kind of white space (tab,
   * no-break, thin, ideographic, form feed…), and zero-width characters where they stand for a space,
   * as a plain space: one UTF-16 unit for one, so offsets are unchanged, and the readers' patterns
   * ("Vraag 2", "Antwoord:") hold whatever space PDF or Word extraction left.
   */
  text: string;
  /** Offset of text's first character in the source. */
  textStart: number;
  /**
   * Where the characters of text that do not stand at their own offset came from: a number with
   * zero-width characters between its digits ("20\u200c24Z18435") reads as the number after as many
   * spaces (" 2024Z18435"), so that the readers' patterns see one number. Keyed by the offset a
   * character of text seems to have (textStart + its index, which slicing a line keeps): the source
   * offset of its digit, or null for a space a zero-width character became (folding drops it, as it
   * drops every zero-width character). Absent on the lines without such a number; read it with sourceAt.
   */
  moved?: ReadonlyMap<number, number | null>;
  /** Page the line stands on, when the layout reader knows it. */
  page?: number;
  /**
   * Whether a paragraph ends with this line, when the rendering shows it (PDF
   * geometry: the next line's first word would have fitted on this one; a Word
   * or HTML paragraph). Unset for text extracts, where line length must tell.
   */
  paragraphEnd?: boolean;
}

/** White space other than the plain space: each one UTF-16 unit. */
const ODD_SPACE = /[^\S ]/g;
/**
 * Zero-width characters stand for a space where one belongs (at the line's edges, after white space
 * or punctuation, next to a number: "Vraag\u200b2", "12.\u200bAntwoord"); inside a word or URL
 * ("https://\u200bwww") they are left for folding to drop.
 */
const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff]/g;
const SPACE_LIKE = /^$|[\s\d.:;,)\]\u200b-\u200d\u2060\ufeff]/;
const DIGIT_OR_EDGE = /^$|[\s\d\u200b-\u200d\u2060\ufeff]/;
/**
 * A number with zero-width characters between its digits ("1\u200b0"): one number, not a list "1 0". It
 * begins where a run of digits does (the lookbehind), so a long run without one is walked once, not from each digit.
 */
const SPLIT_NUMBER = /(?<!\d)\d+(?:[\u200b-\u200d\u2060\ufeff]+\d+)+/g;

/**
 * Zero-width characters inside a number taken out of it and put before it as spaces ("Vraag 1\u200b0" reads
 * "Vraag  10"): the line keeps its length, so every offset outside the number is unchanged. The digits
 * shift right by the zero-width characters before them; `moved` says, by the offset each character of the
 * number seems to have (`at` + its index), where it came from (see Line.moved).
 */
export function joinSplitNumbers(text: string, at = 0): { text: string; moved: Map<number, number | null> | null } {
  if (!/\d[\u200b-\u200d\u2060\ufeff]/.test(text)) return { text, moved: null };
  const moved = new Map<number, number | null>();
  const joined = text.replace(SPLIT_NUMBER, (m: string, index: number) => {
    const digits = m.replace(ZERO_WIDTH, '');
    const spaces = m.length - digits.length;
    for (let k = 0; k < spaces; k++) moved.set(at + index + k, null);
    let k = spaces;
    for (let j = 0; j < m.length; j++) {
      const c = m.charCodeAt(j);
      if (c < 0x30 || c > 0x39) continue; // a zero-width character
      // Digits after the last zero-width character stay where they are and need no entry.
      if (j !== k) moved.set(at + index + k, at + index + j);
      k++;
    }
    return ' '.repeat(spaces) + digits;
  });
  return { text: joined, moved: moved.size > 0 ? moved : null };
}

/** The source offset of the character of `line.text` that seems to stand at `at` (textStart + its index); null for a zero-width character made a space. */
export function sourceAt(line: Line, at: number): number | null {
  const moved = line.moved?.get(at);
  return moved === undefined ? at : moved;
}

export function splitLines(source: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  let n = 0;
  while (start <= source.length) {
    let end = source.indexOf('\n', start);
    if (end < 0) end = source.length;
    let rawEnd = end;
    if (rawEnd > start && source.charCodeAt(rawEnd - 1) === 13) rawEnd--; // CRLF
    const raw = source.slice(start, rawEnd);
    const split = joinSplitNumbers(raw, start);
    const plain = split.text.replace(ODD_SPACE, ' ').replace(ZERO_WIDTH, (zw: string, at: number, s: string) => (SPACE_LIKE.test(s.charAt(at - 1)) || DIGIT_OR_EDGE.test(s.charAt(at + 1)) ? ' ' : zw));
    const lead = plain.length - plain.trimStart().length;
    const line: Line = { n, start, end: rawEnd, raw, text: plain.trim(), textStart: start + lead };
    if (split.moved) line.moved = split.moved;
    lines.push(line);
    n++;
    if (end >= source.length) break;
    start = end + 1;
  }
  return lines;
}
