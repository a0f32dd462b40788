/**
 * What each line of a PDF page is, from where its text stands and how big it
 * is: rows of text by baseline (superscript footnote markers joined to their
 * row), segments split at wide gaps (a margin column beside the text
 * column), text columns, and the page furniture: running heads and footers
 * (set apart from the text at the page's edge), page numbers, the colophon
 * in the margin, and footnotes (smaller type at the page bottom, each opened
 * by its number hanging left of the text).
 */
import { present } from '../../errors.js';
import type { SynthLine } from './synth.js';

/** A run of text as the PDF places it; y is the baseline, upwards from the page bottom. */
export interface TextItem {
  str: string;
  x: number;
  y: number;
  width: number;
  /** Font size (height of the text box). */
  height: number;
}

export interface PdfPage {
  width: number;
  height: number;
  items: TextItem[];
}

interface Row {
  y: number;
  /** Height of the row's main text (superscripts excluded). */
  h: number;
  items: TextItem[];
}

export interface Segment {
  text: string;
  x0: number;
  x1: number;
  y: number;
  h: number;
  /** A leading number set smaller or hanging left of the text: a footnote's number. */
  lead: { number: number; chars: number } | null;
}

/** The text size with the most characters: the body type. */
function bodySize(pages: readonly PdfPage[]): number {
  const weight = new Map<number, number>();
  for (const p of pages) {
    for (const it of p.items) {
      const k = Math.round(it.height * 10) / 10;
      if (k > 0) weight.set(k, (weight.get(k) ?? 0) + it.str.trim().length);
    }
  }
  let best = 0;
  let most = -1;
  for (const [k, w] of weight) if (w > most || (w === most && k < best)) [best, most] = [k, w];
  return best || 10;
}

/** Rows by baseline. Large items first, so a row's baseline is its main text's, and small raised items join the row below them. */
function rows(items: readonly TextItem[]): Row[] {
  const visible = items.filter((it) => it.str.trim() !== '' && it.height > 0);
  const order = [...visible].sort((a, b) => b.height - a.height || b.y - a.y || a.x - b.x);
  const out: Row[] = [];
  for (const it of order) {
    let home: Row | null = null;
    let bestDy = Infinity;
    for (const r of out) {
      const dy = it.y - r.y;
      const same = Math.abs(dy) <= 0.3 * Math.min(r.h, it.height);
      const raised = it.height < 0.8 * r.h && dy > 0 && dy <= 0.6 * r.h;
      // Horizontal overlap with the row's items would mean another line of text, not a superscript.
      if ((same || raised) && Math.abs(dy) < bestDy && !overlaps(r, it)) {
        home = r;
        bestDy = Math.abs(dy);
      }
    }
    if (home) home.items.push(it);
    else out.push({ y: it.y, h: it.height, items: [it] });
  }
  for (const r of out) r.items.sort((a, b) => a.x - b.x);
  return out.sort((a, b) => b.y - a.y);
}

function overlaps(r: Row, it: TextItem): boolean {
  return r.items.some((o) => it.x < o.x + o.width - 0.5 && o.x < it.x + it.width - 0.5);
}

/** A row's items as segments, split where the gap is too wide for a word space (a margin column, a right-set page number). */
function segments(row: Row, body: number): Segment[] {
  const out: Segment[] = [];
  const wide = Math.max(2.5 * body, 18);
  let cur: TextItem[] = [];
  const flush = (): void => {
    if (cur.length > 0) out.push(segment(cur, row));
    cur = [];
  };
  for (const it of row.items) {
    const prev = cur[cur.length - 1];
    if (prev && it.x - (prev.x + prev.width) > wide) flush();
    cur.push(it);
  }
  flush();
  return out;
}

function segment(items: readonly TextItem[], row: Row): Segment {
  let text = '';
  let prevEnd: number | null = null;
  for (const it of items) {
    const raised = it.height < 0.8 * row.h && it.y - row.y > 0.15 * row.h;
    // A word space where the gap is wider than a sliver; never before a raised marker.
    if (prevEnd !== null && !raised && it.x - prevEnd > 0.15 * Math.min(row.h, it.height) && !/\s$/.test(text) && !/^\s/.test(it.str)) text += ' ';
    text += it.str;
    prevEnd = it.x + it.width;
  }
  text = text.replace(/\s+/g, ' ').trim();
  // segment() is called with the items of a non-empty run (flush() skips an empty one).
  const [first = present(items[0], 'the first item of a segment'), next] = items;
  let lead: Segment['lead'] = null;
  const digits = /^\s*(\d{1,3})\s*$/.exec(first.str)?.[1];
  if (digits !== undefined && next !== undefined) {
    const smaller = first.height < 0.85 * row.h;
    const hanging = next.x - (first.x + first.width) > 0.3 * row.h;
    if (smaller || hanging) lead = { number: Number(digits), chars: text.indexOf(digits) + digits.length };
  }
  // The segment's own type size, raised markers aside (a row may hold several sizes: colophon beside footer).
  const level = items.filter((it) => !(it.height < 0.8 * row.h && it.y - row.y > 0.15 * row.h));
  const h = Math.max(...(level.length > 0 ? level : items).map((it) => it.height));
  return { text, x0: first.x, x1: Math.max(...items.map((it) => it.x + it.width)), y: row.y, h, lead };
}

/** Most frequent value after rounding. */
function mode(values: readonly number[], step = 1): number | null {
  const counts = new Map<number, number>();
  for (const v of values) {
    const k = Math.round(v / step) * step;
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  let best: number | null = null;
  let most = 0;
  for (const [k, c] of counts) if (c > most || (c === most && best !== null && k < best)) [best, most] = [k, c];
  return best;
}

const digitless = (s: string): string => s.replace(/\d+/g, '#').replace(/\s+/g, ' ').trim();

interface PageLines {
  head: Segment[];
  body: Segment[][];
  notes: Segment[];
  colophon: Segment[];
  footer: Segment[];
  pageNumber: Segment | null;
}

/** Text columns of a page's body: left edges shared by many rows, far enough apart to hold a column between them. */
function columns(segs: readonly Segment[], pageWidth: number): number[] {
  const starts = new Map<number, number>();
  for (const s of segs) {
    const k = Math.round(s.x0 / 4) * 4;
    starts.set(k, (starts.get(k) ?? 0) + 1);
  }
  const min = Math.max(6, segs.length * 0.2);
  const common = [...starts]
    .filter(([, c]) => c >= min)
    .map(([k]) => k)
    .sort((a, b) => a - b);
  const cols: number[] = [];
  for (const x of common) if (x - (cols.at(-1) ?? -Infinity) > pageWidth * 0.25) cols.push(x);
  // Columns only where the left one's text ends before the next begins.
  return cols.filter((x, i) => i === 0 || segs.filter((s) => s.x0 < x - 4 && s.x1 > x).length < segs.length * 0.1);
}

export function pageLines(pages: readonly PdfPage[]): SynthLine[] {
  const body = bodySize(pages);
  const perPage = pages.map((p) => rows(p.items).flatMap((r) => segments(r, body)));
  // The text column's left edge: where most body-size lines start.
  const mainX =
    mode(
      perPage
        .flat()
        .filter((s) => Math.abs(s.h - body) < 0.15 * body)
        .map((s) => s.x0),
      2,
    ) ?? 0;
  const isMargin = (s: Segment): boolean => s.x1 < mainX - 2;
  // Line pitch of the body type.
  const deltas: number[] = [];
  for (const segs of perPage) {
    const main = segs.filter((s) => !isMargin(s) && Math.abs(s.h - body) < 0.15 * body);
    for (const [i, s] of main.entries()) {
      const above = main[i - 1];
      if (above === undefined) continue;
      const d = above.y - s.y;
      if (d > 0.5 * body && d < 3 * body) deltas.push(d);
    }
  }
  const pitch = mode(deltas, 0.5) ?? body * 1.2;
  // Running heads and footers recur (digits aside) at the same place on other pages.
  const places = new Map<string, number>();
  const placeKey = (s: Segment): string => `${Math.round(s.y / 3)}|${digitless(s.text)}`;
  for (const segs of perPage) for (const k of new Set(segs.map(placeKey))) places.set(k, (places.get(k) ?? 0) + 1);
  const recurs = (s: Segment): boolean => pages.length > 1 && (places.get(placeKey(s)) ?? 0) >= Math.min(2, pages.length);

  /** Footnotes are numbered on through the paper; a smaller-type line opened by a number out of that sequence (a table's note) is not one. */
  let nextNote = 1;
  const laid: PageLines[] = perPage.map((segs, pi) => {
    const page = present(pages[pi], `page ${pi + 1}`); // perPage = pages.map(…)
    const out: PageLines = { head: [], body: [], notes: [], colophon: [], footer: [], pageNumber: null };
    const main = segs.filter((s) => !isMargin(s));
    const margin = segs.filter(isMargin);
    const taken = new Set<Segment>();
    // Footer: the lowest main-column row, in the bottom band, set apart from the text above it.
    const byY = [...new Set(main.map((s) => s.y))].sort((a, b) => a - b);
    const lowest = byY[0];
    if (lowest !== undefined && lowest < page.height * 0.14) {
      const above = byY[1];
      const row = main.filter((s) => s.y === lowest);
      if (above === undefined || above - lowest > 1.8 * pitch || row.some(recurs)) {
        for (const s of row) {
          taken.add(s);
          if (/^\d{1,4}$/.test(s.text) && row.length > 1 && s === row[row.length - 1]) out.pageNumber = s;
          else if (/^\d{1,4}$/.test(s.text) && row.length === 1) out.pageNumber = s;
          else out.footer.push(s);
        }
        // The page number in the outer margin, on the footer's row.
        for (const s of margin.filter((m) => Math.abs(m.y - lowest) < 1 && /^\d{1,4}$/.test(m.text))) {
          taken.add(s);
          out.pageNumber ??= s;
        }
      }
    }
    // Running head: the highest row, set apart, recurring on other pages.
    const top = byY[byY.length - 1];
    if (top !== undefined && top > page.height * 0.86) {
      const below = byY[byY.length - 2];
      const row = main.filter((s) => s.y === top && !taken.has(s));
      if (row.length > 0 && row.every(recurs) && (below === undefined || top - below > 1.5 * pitch)) {
        for (const s of row) {
          taken.add(s);
          out.head.push(s);
        }
      }
    }
    // Colophon: small type in the margin in the bottom band.
    for (const s of margin) {
      if (!taken.has(s) && s.y < page.height * 0.2 && s.h < 0.85 * body) {
        taken.add(s);
        out.colophon.push(s);
      }
    }
    // Footnotes: the run of smaller type at the bottom of the text column, opened by a hanging or smaller number.
    const rest = main.filter((s) => !taken.has(s)).sort((a, b) => b.y - a.y || a.x0 - b.x0);
    let k = rest.length;
    while (k > 0 && (rest[k - 1]?.h ?? Infinity) < 0.88 * body) k--;
    const tail = rest.slice(k);
    const inSequence = (s: Segment, from: number): boolean => s.lead !== null && s.lead.number >= from && s.lead.number < from + 20;
    let firstNote = tail.findIndex((s) => inSequence(s, nextNote));
    if (firstNote > 0 && nextNote > 1) {
      // A note run on from the page before: small-type lines above this page's first note, set at the
      // indent of the notes' text (where their second lines start), continue the last note.
      const indent = mode(
        tail
          .slice(firstNote)
          .filter((s) => s.lead === null)
          .map((s) => s.x0),
        1,
      );
      let k = firstNote;
      while (k > 0 && indent !== null && Math.abs((tail[k - 1]?.x0 ?? 0) - indent) <= 1.5) k--;
      if (k === 0) firstNote = 0;
    }
    if (firstNote >= 0) {
      out.notes = tail.slice(firstNote).map((s) => {
        taken.add(s);
        if (s.lead && inSequence(s, nextNote)) {
          nextNote = s.lead.number + 1;
          return s;
        }
        // A number out of sequence inside a note is part of its text.
        return { ...s, lead: null };
      });
    }
    const text = segs.filter((s) => !taken.has(s)).sort((a, b) => b.y - a.y || a.x0 - b.x0);
    const cols = columns(
      text.filter((s) => !isMargin(s)),
      page.width,
    );
    if (cols.length > 1) {
      // Full-width lines (titles) stay in place; the columns are read one after the other.
      const colOf = (s: Segment): number => {
        let c = 0;
        cols.forEach((x, i) => {
          if (s.x0 >= x - 4) c = i;
        });
        return c;
      };
      for (let c = 0; c < cols.length; c++) out.body.push(text.filter((s) => colOf(s) === c && !isMargin(s)));
      out.body[0] = [...text.filter(isMargin), ...(out.body[0] ?? [])].sort((a, b) => b.y - a.y || a.x0 - b.x0);
    } else out.body.push(text);
    return out;
  });

  // Where a paragraph ends: the next line's first word would have fitted on this one (a ragged or justified
  // line that stops short of the column's right edge), or a gap wider than the line pitch follows.
  const flow: { s: Segment; page: number }[] = [];
  laid.forEach((p, pi) => {
    for (const col of p.body) for (const s of col) flow.push({ s, page: pi + 1 });
  });
  const rightEdge = (s: Segment): number => {
    // The column's right edge: the 90th percentile of line ends among lines starting where this one does.
    const ends = flow
      .filter((f) => Math.abs(f.s.x0 - s.x0) < 20 && Math.abs(f.s.h - body) < 0.15 * body)
      .map((f) => f.s.x1)
      .sort((a, b) => a - b);
    return (ends.length >= 5 ? ends[Math.floor(ends.length * 0.9)] : undefined) ?? s.x1;
  };
  const edgeCache = new Map<number, number>();
  const edgeOf = (s: Segment): number => {
    const k = Math.round(s.x0);
    let e = edgeCache.get(k);
    if (e === undefined) {
      e = rightEdge(s);
      edgeCache.set(k, e);
    }
    return e;
  };
  const ends = new Set<Segment>();
  flow.forEach(({ s }, i) => {
    const next = flow[i + 1]?.s;
    if (!next) {
      ends.add(s);
      return;
    }
    if (/[-‐]$/.test(s.text)) return;
    const word = next.text.split(' ')[0] ?? '';
    const charWidth = (next.x1 - next.x0) / Math.max(1, next.text.length);
    if (s.x1 + charWidth * (word.length + 1) < edgeOf(s) - 0.5) ends.add(s);
  });

  const lines: SynthLine[] = [];
  laid.forEach((p, pi) => {
    const page = pi + 1;
    for (const s of p.head) lines.push({ role: 'furniture', text: s.text, page });
    for (const col of p.body) {
      let prev: Segment | null = null;
      for (const s of col) {
        // A gap wider than the line pitch is a paragraph break.
        if (prev && prev.y - s.y > 1.45 * pitch) lines.push({ role: 'content', text: '', page });
        lines.push({ role: 'content', text: s.text, page, paragraphEnd: ends.has(s) });
        prev = s;
      }
    }
    for (const s of p.notes) {
      lines.push(s.lead ? { role: 'footnote', text: s.text, page, note: { number: s.lead.number, prefix: s.lead.chars } } : { role: 'footnote', text: s.text, page });
    }
    for (const s of p.colophon) lines.push({ role: 'furniture', text: s.text, page });
    for (const s of p.footer) lines.push({ role: 'furniture', text: s.text, page, footer: true });
    if (p.pageNumber) lines.push({ role: 'furniture', text: p.pageNumber.text, page });
  });
  return lines;
}
