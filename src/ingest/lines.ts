/** Lines of a source text with their offsets, the unit the layout readers work on. */

export interface Line {
  /** 0-based line number. */
  n: number;
  /** Offset of the line's first character in the source. */
  start: number;
  /** Offset just past the line's last character (before the line break). */
  end: number;
  /** Raw content, without the line break. */
  raw: string;
  /** Content without leading and trailing white space. */
  text: string;
  /** Offset of text's first character in the source. */
  textStart: number;
  /** Page the line stands on, when the layout reader knows it. */
  page?: number;
  /**
   * Whether a paragraph ends with this line, when the rendering shows it (PDF
   * geometry: the next line's first word would have fitted on this one; a Word
   * or HTML paragraph). Unset for text extracts, where line length must tell.
   */
  paragraphEnd?: boolean;
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
    const lead = raw.length - raw.trimStart().length;
    lines.push({ n, start, end: rawEnd, raw, text: raw.trim(), textStart: start + lead });
    n++;
    if (end >= source.length) break;
    start = end + 1;
  }
  return lines;
}
