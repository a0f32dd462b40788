/** Grouping running-text lines into paragraphs. */
import type { Line } from './lines.js';
import { present } from '../errors.js';

export type Paragraph = Line[];

/** The first line of a paragraph: the readers here never make an empty one. */
export function firstLine(p: Paragraph): Line {
  return present(p[0], 'the first line of a paragraph');
}

export interface ParagraphOptions {
  /** Lines that always stand as a paragraph of their own (headings). */
  isHeading: (text: string) => boolean;
  /** Line numbers that begin a new page (a paragraph may run on across them). */
  pageStarts?: ReadonlySet<number>;
}

const ENDS_SENTENCE = /[.?!:»”)]$/;

/**
 * Blank lines separate paragraphs; a heading line is a paragraph of its own;
 * at a page start the text runs on unless the line before closed a sentence
 * and the new page opens with a capital (a new paragraph at the top of a page).
 */
export function paragraphs(lines: readonly Line[], options: ParagraphOptions): Paragraph[] {
  const out: Paragraph[] = [];
  let current: Line[] = [];
  const flush = (): void => {
    if (current.length > 0) out.push(current);
    current = [];
  };
  for (const line of lines) {
    if (line.text === '') {
      flush();
      continue;
    }
    if (options.isHeading(line.text)) {
      flush();
      out.push([line]);
      continue;
    }
    if (current.length > 0 && options.pageStarts?.has(line.n)) {
      const prev = current.at(-1)?.text ?? '';
      if (ENDS_SENTENCE.test(prev) && /^[\p{Lu}\d«]/u.test(line.text)) flush();
    }
    current.push(line);
  }
  flush();
  return out;
}

/**
 * Text that separates its paragraphs by blank lines (a web or Word copy, a
 * flattened text rebuilt into lines) rather than by the measure of a page.
 */
export function blankSeparated(lines: readonly Line[]): boolean {
  let blank = 0;
  let text = 0;
  for (const l of lines) {
    if (l.text === '') blank++;
    else text++;
  }
  return text > 0 && blank >= text * 0.15;
}

/** Mean width of a paragraph's full lines (all but the last), or null for one-line paragraphs. */
export function lineWidth(p: Paragraph): number | null {
  if (p.length < 2) return null;
  let sum = 0;
  for (const line of p.slice(0, -1)) sum += line.text.length;
  return sum / (p.length - 1);
}

/**
 * Paragraphs of an extract without blank lines between them: a line well
 * short of the column's measure ends its paragraph.
 */
export function paragraphsByMeasure(
  lines: readonly Line[],
  isHeading: (text: string) => boolean,
  /** Lines that open a paragraph when the line before closed a sentence. */
  opensParagraph: (text: string) => boolean = () => false,
): Paragraph[] {
  const lengths = lines
    .map((l) => l.text.length)
    .filter((n) => n > 40)
    .sort((a, b) => a - b);
  const measure = lengths[Math.floor(lengths.length * 0.75)] ?? 70;
  const out: Paragraph[] = [];
  let current: Line[] = [];
  const flush = (): void => {
    if (current.length > 0) out.push(current);
    current = [];
  };
  /** The line before was short or closed a sentence: a paragraph ends unless this line runs on. */
  let ending = false;
  for (const line of lines) {
    // Blank lines here are left by page furniture, not paragraph breaks.
    if (line.text === '') continue;
    if (isHeading(line.text)) {
      flush();
      out.push([line]);
      ending = false;
      continue;
    }
    const runsOn = /^[\p{Ll}(,;]/u.test(line.text);
    if (ending && !runsOn) flush();
    else if (/[.?!:]$/.test(current.at(-1)?.text ?? '') && opensParagraph(line.text)) flush();
    current.push(line);
    const short = line.text.length < measure * 0.8;
    const closes = /[.?!:»”)]$/.test(line.text) && line.text.length < measure * 0.88;
    // A rendering with geometry or markup (PDF, Word, HTML) says itself where paragraphs end.
    ending = line.paragraphEnd ?? (short || closes);
  }
  flush();
  return out;
}
