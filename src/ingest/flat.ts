/**
 * Text whose line breaks were flattened to spaces: OCR of a letter, or a
 * copy that kept no line structure. Page marks ("4/7"), running page headers
 * and footnote bodies stand inline between the words. This module rebuilds a
 * line stream from the flat text so the genre readers can work on it as on
 * any other extract: virtual lines that point into the one physical line,
 * blank lines where a paragraph ended, page furniture taken out.
 *
 * Where the flattening kept the layout's spacing (two spaces for a line
 * break, four or more for a blank line), lines and paragraphs are rebuilt
 * from it; where it kept single spaces only, sentences are the unit.
 * Headings ("Vraag 3", "Antwoord 3") and sentence ends are cut either way.
 */
import type { FootnoteBody, Layout } from './layout.js';
import { lineAt, type Line } from './lines.js';
import { NUMBER_LIST_STRICT } from './numbers.js';

/** Share of the text that stands in very long lines, above which a text counts as flattened. */
const LONG_LINE = 1200;

/** True when most of the text stands in lines far longer than any page's line: the line breaks were flattened. */
export function isFlattened(text: string): boolean {
  if (text.length < 1500) return false;
  let inLong = 0;
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    if (end - start > LONG_LINE) inLong += end - start;
    start = end + 1;
  }
  return inLong > text.length * 0.5;
}

type CutKind = 'line' | 'para';

interface Cut {
  /** The separator [start, end): white space, or empty for a cut between glued tokens. */
  start: number;
  end: number;
  kind: CutKind;
}

/** Numbers of a heading: "3", "3 en 4", "3, 6, 9 en 10", "3 t/m 5". */
const NUMBERS = NUMBER_LIST_STRICT;
/** A faction's section heading: "Inbreng van de leden van de VVD-fractie", "Vragen en opmerkingen van de leden van de fractie van de SP". */
const FACTION = String.raw`(?:Inbreng|Vragen en opmerkingen)(?: van)?(?: de)? leden van de (?:fractie van (?:de )?\S+|(?:[\p{L}\d]+[ -]){0,5}?fractie)`;
/** Sections of a verslag or inbreng: "I. Vragen en opmerkingen vanuit de fracties", "II Reactie van de minister". */
const SECTIONS = String.raw`(?:[IVX]{1,4}\.?\s+)?(?:Vragen en opmerkingen (?:vanuit|van) de fracties|(?:Reactie|Antwoord(?:en)?) van de (?:minister|staatssecretaris|bewindspersonen?|regering)(?![\p{L}]))`;
/**
 * Headings inside the flat text: "Vraag 3" (OCR also glues "Vraag3"), "Vragen 3 en 4",
 * "Antwoord 3", "Antwoord op vraag 3", "Antwoord:". The lookbehind keeps "zie vraag 3" out.
 * Linear on any text: the lookahead `(?=[VA\d])` lets the variable-length lookbehind run only where a
 * heading can begin (it scans back over a run of white space, so run at every position inside a long run
 * it was quadratic: 160,000 spaces took 44 s), and a margin number's list is bounded (the pattern was
 * tried at every number of a long list "1  en  2  en …" and read to its end each time).
 */
const HEADING = new RegExp(
  String.raw`(?=[VA\d])(?<=(?:^|[.?!:;)\]”"’]\s*|\s{2}|\d\s+))(?:Vra(?:ag|gen)\s?${NUMBERS}|Antwoord(?:en)?(?:\s+op\s+vra(?:ag|gen))?\s+${NUMBERS}|Antwoord\s*:|\d{1,3}(?:\s*(?:,|en|t\/m|-)\s*\d{1,3}){0,30}\.\s*(?:Antwoord|Reactie)\b[^.:?!]{0,60}:)(?![\p{L}\d/])`,
  'gu',
);
/** Faction and section headings are unmistakable wherever they stand, even after a heading without a full stop. */
const SECTION_HEADING = new RegExp(String.raw`(?<=^|\s)(?:${FACTION}|${SECTIONS})(?![\p{L}\d])`, 'gu');
/** A page mark "4/7": page 4 of 7, standing between words (glued to the next word in some extracts). */
const PAGE_MARK = /(?<![\p{L}\d/.,:-])(\d{1,3})\/(\d{1,3})(?![\d/.,:%-])/gu;
/** A sentence end followed by the next sentence's capital (or a footnote number and its capital). */
const SENTENCE_END = /([.?!])([”"’)]*)( +)(?=[\p{Lu}«“‘"(]|\d{1,2} \p{Lu})/gu;
/** The opening of a faction's passage in a verslag, inbreng or nota. */
const FACTION_PASSAGE = /^(?:De|Deze|Ook de|Tevens|Voorts|Tot slot|Verder|Daarnaast|Tenslotte)\b[^.?!]{0,40}\bleden\b/;
/** Words after which a full stop does not end a sentence. */
const ABBREVIATION = /(?:^|[\s(])(?:nr|nrs|dr|drs|mr|ir|ing|prof|mevr|dhr|blz|p|pp|ca|jl|resp|bijv|vgl|zgn|art|lid|o\.a|m\.b\.t|t\.a\.v|i\.v\.m|e\.d|d\.w\.z|z\.g\.a\.v|n\.a\.v|c\.q|m\.n|a\.s|[\p{Lu}])$/u;

/** Rebuild a layout (virtual lines, pages, footnotes) from flattened text. */
export function readFlatLayout(text: string): Layout {
  const spaced = (text.match(/ {2,}/g) ?? []).length >= 20;
  const cuts: Cut[] = [];
  // White space that held the layout: line breaks left in, and runs of spaces where the flattening kept them.
  for (const m of text.matchAll(/\s{2,}|\n/g)) {
    const s = m.index ?? 0;
    const run = m[0];
    const breaks = (run.match(/\n/g) ?? []).length;
    let kind: CutKind | null = null;
    if (breaks >= 2) kind = 'para';
    else if (breaks === 1) kind = 'line';
    else if (spaced) kind = run.length >= 4 ? 'para' : 'line';
    if (kind) cuts.push({ start: s, end: s + run.length, kind });
  }
  const marks = pageMarks(text);
  for (const mk of marks) {
    cuts.push(around(text, mk.start, 'before'), around(text, mk.end, 'after'));
  }
  for (const m of [...text.matchAll(HEADING), ...text.matchAll(SECTION_HEADING)]) {
    const s = m.index ?? 0;
    cuts.push(around(text, s, 'before', 'para'), around(text, s + m[0].length, 'after'));
  }
  for (const m of text.matchAll(SENTENCE_END)) {
    const [, stop = '', close = '', gap = ''] = m; // the three groups always take part
    const at = (m.index ?? 0) + stop.length + close.length;
    const before = text.slice(Math.max(0, (m.index ?? 0) - 12), m.index ?? 0);
    if (stop === '.' && ABBREVIATION.test(before)) continue;
    // Without the layout's spacing, a faction's passage ("De leden van de VVD-fractie …") opens a paragraph.
    const opens = !spaced && FACTION_PASSAGE.test(text.slice(at + gap.length, at + gap.length + 80));
    cuts.push({ start: at, end: at + gap.length, kind: opens ? 'para' : 'line' });
  }
  // A word hyphenated at a flattened line break ("begrotings- reserves"): a line break, for folding to judge.
  for (const m of text.matchAll(/(?<=\p{Ll}-) (?=\p{Ll})/gu)) {
    const at = m.index ?? 0;
    cuts.push({ start: at, end: at + 1, kind: 'line' });
  }
  const lines = linesBetween(text, cuts);
  return furniture(text, lines, marks);
}

interface PageMark {
  start: number;
  end: number;
  page: number;
  of: number;
}

/**
 * Page marks: "k/N" with one N for the whole text (the most frequent), k ≤ N
 * and rising, standing after white space. Dates ("18/01") and ratios with
 * another N are left alone.
 */
function pageMarks(text: string): PageMark[] {
  const candidates: PageMark[] = [];
  for (const m of text.matchAll(PAGE_MARK)) {
    const s = m.index ?? 0;
    if (s > 0 && !/\s/u.test(text[s - 1] ?? '')) continue;
    const page = Number(m[1]);
    const of = Number(m[2]);
    if (page < 1 || of < 2 || page > of) continue;
    candidates.push({ start: s, end: s + m[0].length, page, of });
  }
  const counts = new Map<number, number>();
  for (const c of candidates) counts.set(c.of, (counts.get(c.of) ?? 0) + 1);
  let of = -1;
  let best = 0;
  for (const [n, count] of counts) {
    if (count > best || (count === best && n > of)) {
      of = n;
      best = count;
    }
  }
  const out: PageMark[] = [];
  for (const c of candidates) {
    if (c.of !== of) continue;
    const last = out[out.length - 1];
    if (last && c.page <= last.page) continue;
    out.push(c);
  }
  return out;
}

/** A cut at `at`: the white space before (or after) it, or an empty cut where tokens are glued. */
function around(text: string, at: number, side: 'before' | 'after', kind: CutKind = 'line'): Cut {
  if (side === 'before') {
    let s = at;
    while (s > 0 && /\s/u.test(text[s - 1] ?? '')) s--;
    return { start: s, end: at, kind };
  }
  let e = at;
  while (e < text.length && /\s/u.test(text[e] ?? '')) e++;
  return { start: at, end: e, kind };
}

function blank(n: number, at: number): Line {
  return { n, start: at, end: at, raw: '', text: '', textStart: at };
}

/** Virtual lines between the cuts; a blank line stands for each paragraph cut. */
function linesBetween(text: string, cuts: Cut[]): Line[] {
  cuts.sort((a, b) => a.start - b.start || b.end - a.end);
  const lines: Line[] = [];
  let pos = 0;
  let pendingPara = false;
  const emit = (s: number, e: number): void => {
    const raw = text.slice(s, e);
    const trimmed = raw.trim();
    if (trimmed === '') return;
    if (pendingPara && lines.length > 0) lines.push(blank(lines.length, s));
    pendingPara = false;
    const lead = raw.length - raw.trimStart().length;
    const textStart = s + lead;
    lines.push({ n: lines.length, start: s, end: textStart + trimmed.length, raw: text.slice(s, textStart + trimmed.length), text: trimmed, textStart });
  };
  for (const c of cuts) {
    if (c.end <= pos && c.start < pos) {
      // Inside a separator already taken: only its kind can still matter.
      if (c.kind === 'para') pendingPara = true;
      continue;
    }
    if (c.start < pos) {
      pos = Math.max(pos, c.end);
      if (c.kind === 'para') pendingPara = true;
      continue;
    }
    emit(pos, c.start);
    if (c.kind === 'para') pendingPara = true;
    pos = Math.max(pos, c.end);
  }
  emit(pos, text.length);
  return lines;
}

/**
 * White space runs as one space. Only the runs that are not one space already are matched: /\s+/ also
 * matched (and rebuilt the string around) every plain space, which on a long line left the garbage
 * collector most of the work.
 */
function normal(s: string): string {
  return s.replace(/\s{2,}|[^\S ]/g, ' ');
}

/** Take out page marks, running headers and footnote bodies; give every line its page. */
function furniture(text: string, lines: Line[], marks: PageMark[]): Layout {
  const markAt = new Map<number, PageMark>();
  for (const mk of marks) markAt.set(mk.start, mk);
  const isMark = (l: Line): boolean => markAt.has(l.textStart);
  const removed = new Set<number>();
  lines.forEach((l, i) => {
    if (isMark(l)) removed.add(i);
  });

  // Running headers: a line that recurs beside page marks, or (without marks) recurs thrice and is no sentence.
  const nonBlank = lines.map((l, i) => i).filter((i) => lines[i]?.text !== '');
  const occurrences = new Map<string, number[]>();
  for (const i of nonBlank) {
    const t = normal(lines[i]?.text ?? '');
    if (t.length < 20 || /^(?:Vra(?:ag|gen)|Antwoord)\b/.test(t)) continue;
    const list = occurrences.get(t) ?? [];
    list.push(i);
    occurrences.set(t, list);
  }
  const nearMark = (i: number): boolean => {
    const k = nonBlank.indexOf(i);
    for (let d = -3; d <= 4; d++) {
      const j = nonBlank[k + d];
      if (j !== undefined && isMark(lineAt(lines, j))) return true; // nonBlank holds line indexes
    }
    return false;
  };
  // Link targets a PDF extractor lists at the page's foot: lines of nothing but URLs just before a page mark.
  for (const i of nonBlank) {
    if (/^(?:https?:\/\/\S+\s*)+$/.test(lines[i]?.text ?? '') && isMark(lines[nonBlank[nonBlank.indexOf(i) + 1] ?? -1] ?? blank(-1, -1))) removed.add(i);
  }
  for (const [t, at] of occurrences) {
    if (at.length < 2) continue;
    const besideMarks = at.filter(nearMark).length >= 2;
    const recurring = at.length >= 3 && !/[.?!:;]$/.test(t) && t.length >= 30;
    if (besideMarks || recurring) for (const i of at) removed.add(i);
  }

  // Footnote bodies: "1 De vragen …" after a sentence or gap, with its marker glued earlier ("vragen1"),
  // running to the page's end (a page mark, a running header) or the next footnote.
  const footnotes: FootnoteBody[] = [];
  let expected = 1;
  for (let i = 0; i < lines.length; i++) {
    const l = lineAt(lines, i);
    if (removed.has(i)) continue;
    const m = /^(\d{1,2}) (?=\S)/.exec(l.text);
    if (!m || Number(m[1]) !== expected) continue;
    if (!new RegExp(`[\\p{L}.,;:?!)’”]${expected}(?!\\d)`, 'u').test(text.slice(0, l.textStart))) continue;
    const body: number[] = [i];
    let j = i + 1;
    let endsPage = false;
    for (; j < lines.length && j < i + 12; j++) {
      const n = lineAt(lines, j);
      if (removed.has(j)) {
        endsPage = true;
        break;
      }
      if (n.text === '') continue;
      if (new RegExp(`^${expected + body.filter((k) => /^\d{1,2} /.test(lines[k]?.text ?? '') && k !== i).length + 1} (?=\\S)`).test(n.text)) {
        body.push(j);
        continue;
      }
      if (/^(?:Vra(?:ag|gen)|Antwoord)\b/.test(n.text)) break;
      body.push(j);
    }
    if (j >= lines.length) endsPage = true;
    if (!endsPage) continue;
    // Split the run into footnotes at each next number.
    let current: Line[] | null = null;
    for (const k of body) {
      const line = lineAt(lines, k); // body holds line indexes
      const nm = /^(\d{1,2}) (?=\S)/.exec(line.text);
      if (nm && Number(nm[1]) === expected) {
        const cut = nm[0].length;
        const opened: Line[] = [{ ...line, text: line.text.slice(cut).trim(), textStart: line.textStart + cut }];
        current = opened;
        footnotes.push({ number: expected, lines: opened });
        expected++;
      } else if (current && line.text !== '') current.push(line);
      removed.add(k);
    }
    i = j - 1;
  }

  // Pages: a mark "k/N" opens page k; text before the first mark is on the page before it.
  const content: Line[] = [];
  const pageStarts = new Set<number>();
  // Before the first mark: the page before it, unless marks were lost (OCR keeps some only).
  const firstMark = marks[0];
  let page: number | undefined = firstMark && firstMark.page <= 2 ? Math.max(1, firstMark.page - 1) : undefined;
  let startsPage = false;
  const pageOf = new Map<number, number | undefined>();
  lines.forEach((l, i) => {
    const mk = markAt.get(l.textStart);
    if (mk && isMark(l)) {
      page = mk.page;
      startsPage = true;
      return;
    }
    pageOf.set(l.n, page);
    if (removed.has(i)) return;
    if (startsPage && l.text !== '') {
      pageStarts.add(l.n);
      startsPage = false;
    }
    content.push(page === undefined ? l : { ...l, page });
  });
  for (const fn of footnotes) fn.lines = fn.lines.map((l) => ({ ...l, page: pageOf.get(l.n) }));
  // Blank lines at the start or doubled after removals carry nothing.
  const tidy = content.filter((l, k) => l.text !== '' || (k > 0 && content[k - 1]?.text !== '' && k < content.length - 1));
  return { content: tidy, footnotes, footer: null, pages: marks[0]?.of ?? null, pageStarts, style: 'inline' };
}
