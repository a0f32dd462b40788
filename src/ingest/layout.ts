/**
 * Page furniture and footnote bodies. Text extracted from the official PDF
 * interleaves running text with page footers ("Tweede Kamer, vergaderjaar
 * 2020–2021, 26 150, nr. 187 6"), a colophon on the first page (id, ISSN,
 * place and year) and footnote bodies at the page bottom, often between the
 * two halves of a sentence. This module takes them out, records the page of
 * every remaining line, and collects the footnote bodies.
 *
 * Two extraction styles occur: "inline" (page number on the footer line,
 * footnotes as "7 text" after a blank line, each new page's first line
 * indented by one space) and "pdftotext" (footer line, then the page number
 * on a line of its own; footnote numbers on lines of their own, sometimes
 * out of order, before or after their bodies).
 */
import { present } from '../errors.js';
import { headingText } from './headings.js';
import { lineAt, type Line } from './lines.js';

export interface FootnoteBody {
  number: number;
  lines: Line[];
}

export interface FooterIdentity {
  /** "2020-2021". */
  vergaderjaar: string;
  /** "26 150, nr. 187" or "Aanhangsel". */
  ident: string;
}

export interface Layout {
  /** Running-text lines (blank lines kept, as separators), in order, each with its page. */
  content: Line[];
  footnotes: FootnoteBody[];
  footer: FooterIdentity | null;
  /** Highest page number seen. */
  pages: number | null;
  /** Line numbers (Line.n) that begin a new page. */
  pageStarts: Set<number>;
  style: 'inline' | 'pdftotext';
}

/**
 * The running footer. PDF-library text glues the first page's colophon to it
 * ("ISSN 0921 - 7398’s-Gravenhage 2024Tweede Kamer, …, Aanhangsel 1"), and a
 * footer can run straight into the next heading ("… Aanhangsel 2Antwoord 5").
 * Kamervragen as submitted carry "Vragen" where answers carry "Aanhangsel".
 */
const FOOTER =
  /^(?:(?:ISSN \d{4}\s*-\s*\d{3}[\dX]\s*)?[’']s-Gravenhage \d{4}\s*)?Tweede Kamer, vergaderjaar (\d{4})\s*[–-]\s*(\d{4}), (Aanhangsel|Vragen|\d[\d ]*(?:[- ][A-Z]{1,4}|-\d+)?, nr\. [0-9A-Z]+)(?:\s*?(\d{1,4}))?(?=$|(?:Vraag|Vragen|Antwoord|Mededeling)\b)/;
const COLOPHON = [/^(kst|ah-tk|h-tk|ah-ek|blg|nds-tk|kv-tk)-[\w-]+$/, /^ISSN \d{4}\s*-\s*\d{3}[\dX]$/, /^[’']s-Gravenhage \d{4}$/];
const STANDALONE_NUMBER = /^\d{1,3}$/;
const HEADING_LINE = /^(Vraag|Antwoord|Mededeling)\b/;

function isColophon(text: string): boolean {
  return COLOPHON.some((re) => re.test(text));
}

/** The identity a page footer line states ("Tweede Kamer, vergaderjaar 2023–2024, Aanhangsel"), or null. */
export function footerIdentity(text: string): FooterIdentity | null {
  return parseFooter(text.trim())?.identity ?? null;
}

function parseFooter(text: string): { identity: FooterIdentity; page: number | null } | null {
  const [, from, to, ident = '', page] = FOOTER.exec(text) ?? [];
  if (from === undefined) return null;
  return {
    identity: { vergaderjaar: `${from}-${to}`, ident: ident.replace(/\s+/g, ' ') },
    page: page === undefined ? null : Number(page),
  };
}

/** The document's own footer is the one that recurs most; other footer-shaped lines are citations. */
function ownFooter(lines: readonly Line[]): FooterIdentity | null {
  const counts = new Map<string, { identity: FooterIdentity; count: number; first: number }>();
  for (const line of lines) {
    const f = parseFooter(line.text);
    if (!f) continue;
    const key = `${f.identity.vergaderjaar}|${f.identity.ident}`;
    const entry = counts.get(key) ?? { identity: f.identity, count: 0, first: line.n };
    entry.count++;
    counts.set(key, entry);
  }
  let best: { identity: FooterIdentity; count: number; first: number } | null = null;
  for (const e of counts.values()) {
    const isAanhangsel = e.identity.ident === 'Aanhangsel';
    const score = e.count + (isAanhangsel ? 0.5 : 0);
    if (!best || score > best.count + (best.identity.ident === 'Aanhangsel' ? 0.5 : 0)) best = e;
  }
  return best?.identity ?? null;
}

/** A footer that runs into the next heading becomes two lines: the footer, and the heading with its offsets. */
function splitGluedFooters(lines: readonly Line[]): Line[] {
  const out: Line[] = [];
  for (const line of lines) {
    const m = FOOTER.exec(line.text);
    const cut = m ? m[0].length : 0;
    if (!m || cut >= line.text.length) {
      out.push(line);
      continue;
    }
    const at = line.textStart + cut;
    const footer = line.text.slice(0, cut).trimEnd();
    out.push({ ...line, raw: line.raw.slice(0, line.textStart - line.start + footer.length), text: footer, end: line.textStart + footer.length });
    const rest = line.text.slice(cut);
    out.push({ ...line, start: at, textStart: at, raw: rest, text: rest.trim() });
  }
  return out;
}

function isOwnFooter(line: Line, own: FooterIdentity | null): { page: number | null } | null {
  if (!own) return null;
  const f = parseFooter(line.text);
  if (!f || f.identity.vergaderjaar !== own.vergaderjaar || f.identity.ident !== own.ident) return null;
  return { page: f.page };
}

export function readLayout(input: readonly Line[]): Layout {
  const lines = splitGluedFooters(input);
  const footer = ownFooter(lines);
  const inline = lines.some((l) => {
    const own = isOwnFooter(l, footer);
    return own !== null && own.page !== null;
  });
  return inline ? readInline(lines, footer) : readPdftotext(lines, footer);
}

function readInline(lines: readonly Line[], footer: FooterIdentity | null): Layout {
  const removed = new Set<number>();
  const footnotes: FootnoteBody[] = [];
  const pageStarts = new Set<number>();
  const footerPages = new Map<number, number>(); // line index → page number printed on it
  let expected = 1;
  for (let i = 0; i < lines.length; i++) {
    const line = lineAt(lines, i);
    if (isColophon(line.text)) {
      removed.add(i);
      continue;
    }
    const own = isOwnFooter(line, footer);
    if (own) {
      removed.add(i);
      if (own.page !== null) footerPages.set(i, own.page);
      // The first line after a footer starts the next page, indented or not.
      let next = i + 1;
      while (lines[next]?.text === '') next++;
      const nextLine = lines[next];
      if (nextLine) pageStarts.add(nextLine.n);
      continue;
    }
    if (i > 0 && /^ \S/.test(line.raw)) pageStarts.add(line.n);
    // A footnote body: after a blank line, "N text" with N the next footnote number.
    const [, printedNumber, firstText] = /^(\d{1,3}) (\S.*)$/.exec(line.raw.trimEnd()) ?? [];
    if (firstText !== undefined && Number(printedNumber) === expected && lines[i - 1]?.text === '') {
      const body: Line[] = [];
      let j = i;
      for (; j < lines.length; j++) {
        const l = lineAt(lines, j);
        if (j > i && (l.text === '' || /^ \S/.test(l.raw) || isOwnFooter(l, footer))) break;
        body.push(l);
        removed.add(j);
      }
      // The number prefix is not part of the body text.
      const first = lineAt(body, 0); // the loop takes line i at least
      const cut = first.raw.indexOf(firstText);
      body[0] = { ...first, text: firstText.trim(), textStart: first.start + cut };
      footnotes.push({ number: expected, lines: body });
      expected++;
      i = j - 1;
    }
  }
  const content: Line[] = [];
  // Pages: a footer names the page it ends; each indented first line starts the next one.
  const anchors = [...footerPages.entries()].sort((a, b) => a[0] - b[0]);
  const pageOf = pageCounter(lines, pageStarts, anchors);
  for (const [i, line] of lines.entries()) {
    if (removed.has(i)) continue;
    content.push({ ...line, page: pageOf(i) });
  }
  for (const fn of footnotes) fn.lines = fn.lines.map((l) => ({ ...l, page: pageOf(l.n) }));
  // The number of pages is the highest page of any line (with pages out of order the last line's is not).
  let pages: number | null = null;
  if (anchors.length > 0) for (let i = 0; i < lines.length; i++) pages = Math.max(pages ?? 1, pageOf(i) ?? 1);
  return { content, footnotes, footer, pages, pageStarts, style: 'inline' };
}

/**
 * Page of each line from page starts, anchored on the printed page numbers:
 * a line takes the page of the next footer below it, less the page starts in
 * between; lines after the last footer count on from it.
 */
function pageCounter(lines: readonly Line[], pageStarts: Set<number>, anchors: [number, number][]): (i: number) => number | undefined {
  if (anchors.length === 0) return () => undefined;
  const ordinal = new Array<number>(lines.length);
  let k = 0;
  for (const [i, line] of lines.entries()) {
    if (pageStarts.has(line.n)) k++;
    ordinal[i] = k;
  }
  const ordinalAt = (i: number): number => ordinal[i] ?? 0; // i is a line index, all filled above
  return (line: number) => {
    const i = Math.min(Math.max(line, 0), lines.length - 1);
    // Binary search for the first anchor at or below line i (a scan per line was quadratic in the pages).
    let lo = 0;
    let hi = anchors.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((anchors[mid]?.[0] ?? Infinity) >= i) hi = mid;
      else lo = mid + 1;
    }
    const below = anchors[lo];
    // Never before page 1: more page starts than printed pages (every line doubled, lines out of
    // order) would count back below it.
    if (below) return Math.max(1, below[1] - (ordinalAt(below[0]) - ordinalAt(i)));
    const [at, page] = present(anchors.at(-1), 'the last page anchor'); // anchors is not empty (see above)
    return Math.max(1, page + (ordinalAt(i) - ordinalAt(at)));
  };
}

function readPdftotext(lines: readonly Line[], footer: FooterIdentity | null): Layout {
  const removed = new Set<number>();
  const footnotes: FootnoteBody[] = [];
  const pageStarts = new Set<number>();
  const pageOfLine = new Array<number | undefined>(lines.length).fill(undefined);
  let expected = 1;
  let page = 1;
  let pageFirstLine = 0;
  let maxPage: number | null = null;

  const footerAhead = (from: number): number => {
    for (const [k, line] of lines.slice(from, from + 80).entries()) {
      if (isOwnFooter(line, footer)) return from + k;
      if (HEADING_LINE.test(headingText(line.text)) && k > 0) return -1;
    }
    return -1;
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lineAt(lines, i);
    if (isColophon(line.text)) {
      removed.add(i);
      continue;
    }
    const startsRegion = STANDALONE_NUMBER.test(line.text) && Number(line.text) === expected;
    const own = isOwnFooter(line, footer);
    if (!startsRegion && !own) continue;
    const end = own ? i : footerAhead(i + 1);
    if (end < 0) continue;
    // Everything from i to the footer is page-bottom matter; then the page number.
    const numbers: number[] = [];
    const bodies: Line[][] = [];
    let current: Line[] | null = null;
    for (let j = i; j < end; j++) {
      const l = lineAt(lines, j); // end < lines.length: a footer's index
      removed.add(j);
      if (l.text === '' || isColophon(l.text)) {
        current = null;
        continue;
      }
      if (STANDALONE_NUMBER.test(l.text)) {
        const v = Number(l.text);
        if (v >= expected && v < expected + 30) numbers.push(v);
        current = null;
        continue;
      }
      if (!current) {
        current = [];
        bodies.push(current);
      }
      current.push(l);
    }
    removed.add(end);
    // The page number follows the footer on a line of its own.
    let pageLine = end + 1;
    while (lines[pageLine]?.text === '') pageLine++;
    let printed: number | null = null;
    const printedLine = lines[pageLine];
    if (printedLine && STANDALONE_NUMBER.test(printedLine.text)) {
      printed = Number(printedLine.text);
      for (let j = end + 1; j <= pageLine; j++) removed.add(j);
    }
    if (printed !== null && printed >= 1) page = printed;
    for (let j = pageFirstLine; j <= Math.max(pageLine, end); j++) pageOfLine[j] = page;
    maxPage = Math.max(maxPage ?? 0, page);
    const sorted = [...new Set(numbers)].sort((a, b) => a - b);
    // assignBodies gives one body per number.
    for (const [k, body] of assignBodies(sorted, bodies).entries()) {
      footnotes.push({ number: present(sorted[k], 'the number of a footnote body'), lines: body.map((l) => ({ ...l, page })) });
    }
    const lastNumber = sorted.at(-1);
    if (lastNumber !== undefined) expected = lastNumber + 1;
    page++;
    pageFirstLine = Math.max(pageLine, end) + 1;
    const firstOfPage = lines[pageFirstLine];
    if (firstOfPage) pageStarts.add(firstOfPage.n);
    i = Math.max(pageLine, end);
  }
  for (let j = pageFirstLine; j < lines.length; j++) pageOfLine[j] = page;
  // Text after the last footer (a cut-off extract) stands on a page of its own: count it, so that no
  // span is on a page beyond the number of pages.
  if (maxPage !== null) {
    for (let j = pageFirstLine; j < lines.length; j++) {
      if (!removed.has(j) && lines[j]?.text !== '') {
        maxPage = Math.max(maxPage, page);
        break;
      }
    }
  }
  const content: Line[] = [];
  for (const [i, line] of lines.entries()) {
    if (removed.has(i)) continue;
    content.push({ ...line, page: pageOfLine[i] });
  }
  footnotes.sort((a, b) => a.number - b.number);
  return { content, footnotes, footer, pages: maxPage, pageStarts, style: 'pdftotext' };
}

/**
 * Footnote bodies in the order printed, numbers sorted: pdftotext prints the
 * numbers of one page out of order but the bodies in order. When there are
 * more body chunks than numbers, lines that continue the previous body are merged.
 */
function assignBodies(numbers: number[], chunks: Line[][]): Line[][] {
  if (numbers.length === 0) return [];
  const bodies: Line[][] = chunks.map((c) => [...c]);
  // Too few chunks: split where a line least continues the one before.
  while (bodies.length < numbers.length) {
    let at = [-1, -1];
    let low = Infinity;
    bodies.forEach((body, b) => {
      for (let k = 1; k < body.length; k++) {
        const score = continuation(lineAt(body, k - 1).text, lineAt(body, k).text);
        if (score < low) {
          low = score;
          at = [b, k];
        }
      }
    });
    const [b = -1, k = 0] = at;
    const split = bodies[b];
    if (split === undefined) break;
    bodies.splice(b, 1, split.slice(0, k), split.slice(k));
  }
  // Too many: merge where a chunk most plainly continues the one before.
  while (bodies.length > numbers.length) {
    let best = 1;
    let high = -Infinity;
    for (let k = 1; k < bodies.length; k++) {
      // Chunks are never empty: a chunk is opened with its first line.
      const score = continuation(bodies[k - 1]?.at(-1)?.text ?? '', bodies[k]?.[0]?.text ?? '');
      if (score > high) {
        high = score;
        best = k;
      }
    }
    bodies.splice(best - 1, 2, [...(bodies[best - 1] ?? []), ...(bodies[best] ?? [])]);
  }
  while (bodies.length < numbers.length) bodies.push([]);
  return bodies;
}

/** How plainly line b continues line a within one footnote body. */
function continuation(a: string, b: string): number {
  let s = 0;
  if (/^[\p{Ll}(]/u.test(b)) s += 3;
  if (/[,:;(«–-]$/.test(a) || /\b(de|het|een|van|en|of|op|in|via|te)$/i.test(a)) s += 3;
  if (/[.)»]$/.test(a)) s -= 2;
  if (/^(https?:|www\.)/.test(b)) s -= 1;
  if (/^(Kamerstuk|Tweede Kamer|Zie|https?:|www\.)/.test(b)) s -= 2;
  if (/^[\p{Lu}]/u.test(b) && !/[.)»]$/.test(a)) s += 1;
  if (/\d\.?$/.test(a)) s -= 2;
  return s;
}
