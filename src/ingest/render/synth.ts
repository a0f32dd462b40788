/**
 * The text a binary rendering (PDF, Word, HTML) is turned into, and its
 * Layout. The readers know from geometry or markup what each line is
 * (running text, footnote, page furniture); here those lines are written out
 * as one normalised text, which becomes the source every span of the model
 * points into, and the Layout is built on the very lines of that text, so
 * the genre readers see the same boundary as for a text extract.
 */
import { footerIdentity, type FooterIdentity, type FootnoteBody, type Layout } from '../layout.js';
import { splitLines, type Line } from '../lines.js';

export type LineRole =
  /** Running text; '' is a paragraph break. */
  | 'content'
  /** A footnote body line; the first line of a note carries `note`. */
  | 'footnote'
  /** Page furniture: running heads, footers, page numbers, colophon. Kept in the text, not in the running text. */
  | 'furniture';

export interface SynthLine {
  role: LineRole;
  text: string;
  /** Physical page (1-based), where the rendering has pages. */
  page?: number;
  /** On the first line of a footnote: its number, and how many leading characters ("12 ") are the number, not body. */
  note?: { number: number; prefix: number };
  /** A footer line: the page's own footer (its identity is the paper's). */
  footer?: boolean;
  /** The rendering shows a paragraph ends with this line. */
  paragraphEnd?: boolean;
}

export interface Synthesised {
  text: string;
  layout: Layout;
}

/** Characters that may not stand in a line of the synthesised text. */
function clean(text: string): string {
  // Line breaks inside an item would shift every later line; controls are not text.
  let out = '';
  for (const ch of text.replace(/[\r\n\u2028\u2029]+/g, ' ')) {
    const c = ch.codePointAt(0) ?? 0;
    if ((c < 0x20 && c !== 0x09) || c === 0x7f) continue;
    out += ch;
  }
  return out;
}

export function synthesise(input: readonly SynthLine[], options: { style?: Layout['style'] } = {}): Synthesised {
  // No two blank content lines in a row, none at the start.
  const kept: SynthLine[] = [];
  for (const l of input) {
    const line = { ...l, text: clean(l.text).trimEnd() };
    if (line.role === 'content' && line.text.trim() === '') {
      const prev = kept[kept.length - 1];
      if (!prev || (prev.role === 'content' && prev.text === '')) continue;
      line.text = '';
    } else if (line.text.trim() === '') continue;
    kept.push(line);
  }
  const text = kept.map((l) => l.text).join('\n') + '\n';
  const lines = splitLines(text);
  const content: Line[] = [];
  const footnotes: FootnoteBody[] = [];
  const pageStarts = new Set<number>();
  let lastPage: number | undefined;
  let footer: FooterIdentity | null = null;
  let pages: number | null = null;
  kept.forEach((k, i) => {
    const line = lines[i];
    if (!line) return;
    const placed: Line = k.page === undefined ? { ...line } : { ...line, page: k.page };
    if (k.paragraphEnd !== undefined && line.text !== '') placed.paragraphEnd = k.paragraphEnd;
    if (k.page !== undefined) pages = Math.max(pages ?? 0, k.page);
    if (k.role === 'content') {
      if (k.page !== undefined && lastPage !== undefined && k.page !== lastPage && line.text !== '') pageStarts.add(line.n);
      if (line.text !== '') lastPage = k.page;
      content.push(placed);
    } else if (k.role === 'footnote') {
      if (k.note) {
        const lead = line.raw.length - line.raw.trimStart().length;
        const cut = Math.min(line.raw.length, lead + k.note.prefix);
        const body = line.raw.slice(cut);
        const skip = body.length - body.trimStart().length;
        footnotes.push({
          number: k.note.number,
          lines: [{ ...placed, text: body.trim(), textStart: line.start + cut + skip }],
        });
      } else {
        const last = footnotes[footnotes.length - 1];
        if (last) last.lines.push(placed);
      }
    } else if (k.footer && footer === null) {
      footer = footerIdentity(line.text);
    }
  });
  // A trailing paragraph break says nothing.
  while (content.at(-1)?.text === '') content.pop();
  footnotes.sort((a, b) => a.number - b.number);
  return { text, layout: { content, footnotes, footer, pages, pageStarts, style: options.style ?? 'inline' } };
}
