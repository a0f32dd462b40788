/**
 * Citations of parliamentary papers in running text, each turned into an
 * official id (kst-…, ah-tk-…, h-tk-…) or a Tweede Kamer document/zaak number.
 *
 * Forms (all tolerant of line breaks and missing spaces inside the citation):
 *   Kamerstuk 33 783, nr. 35                      → kst-33783-35
 *   Kamerstukken 30 196 en 31 793, nr. 708        → kst-30196-708, kst-31793-708
 *   Kamerstuk 21 501-20, nr. 1440                 → kst-21501-20-1440
 *   Kamerstuk 36 410 VI, nr. 26                   → kst-36410-VI-26
 *   Kamerstuk 33 783, nrs. 23, 35 en 44           → one id per number
 *   Kamerstuk 21501-20-2128, Kamerstuk 36471-64   → compact forms
 *   Kamerstukken II 2021/22, 36 021, nr. 6        → kst-36021-6
 *   Kamerstukken I 2022/23, 36 021, B             → kst-36021-B (Eerste Kamer letters)
 *   Tweede Kamer, vergaderjaar 2022–2023, 26 485, nr. 424 → kst-26485-424
 *   (36 471-64), (36360-VI, nr. 2)                → bare, only inside parentheses
 *   Aanhangsel Handelingen II 2019/20, nr. 3225   → ah-tk-20192020-3225
 *   Handelingen II 2019/20, nr. 12, item 5        → h-tk-20192020-12-5
 *   2022D22285 / 2022Z10723                       → TK document / zaak number
 *
 * The scanner finds an anchor (a keyword, "(" or a TK number) and parses the
 * rest with small sticky regexes, so each form is one readable function and a
 * failed parse costs nothing but moving on.
 */
import type { CitationKind } from '../model.js';
import { findMotions, motionBefore } from './motions.js';
import { kstId } from '../ingest/ids.js';

export interface CitationMatch {
  /** One or more official ids / TK numbers (joint citation → two ids). */
  ids: string[];
  kind: CitationKind;
  /** The matched text, whitespace folded to single spaces. */
  text: string;
  /** Offsets into the input string: [start, end). */
  start: number;
  end: number;
  /** Per id: "33783", "21501-20", "36410-VI"; null for TK numbers, Aanhangsel and Handelingen. */
  dossiers: (string | null)[];
  /** Set when the text names the cited paper as a motion ("de motie van het lid Koopmans c.s. (Kamerstuk …)"). */
  motion?: { submitters: string[] };
}

export interface FindCitationsOptions {
  /**
   * The official id of the document the text comes from. A long-form match
   * ("Tweede Kamer, vergaderjaar 2023–2024, 36 450, nr. 6") equal to it is the
   * document's own running page footer, not a citation.
   */
  selfId?: string;
}

const W = '[\\s\\u00a0]';
// Dossier numbers are five digits, printed "33 783", "33783", or split over a line ("36\n197").
const DOSSIER = `([1-9]\\d)${W}{0,3}(\\d{3})(?!\\d)`;
// Dossiers whose papers always carry a numeric toevoeging: "21 501-20" alone is a sub-dossier, not a paper.
const SUB_DOSSIER_SERIES = new Set(['21501']);
// Roman budget chapters (VI, IXB) and letter funds (A, B, C).
// OCR reads an I as l or 1 ("36 410 Vl", "XlV"): taken when a V or X makes the numeral plain, then corrected.
const ROMAN_OR_LETTER = '(?:[IVX]{1,5}[AB]?|[A-Z]|(?=[IVXl1]{0,4}[VX])(?=[IVXl1]{0,4}[l1])[IVXl1]{2,5}[AB]?)';
// Eerste Kamer paper numbers are capital letters: B, AI.
const EK_LETTERS = '[A-Z]{1,3}';
/** Largest "nrs. 3 t/m 9" range that is expanded into single papers. */
const MAX_RANGE = 50;

/** A cursor over the text with sticky regexes: eat() advances only on success. */
class Cursor {
  constructor(
    readonly text: string,
    public pos: number,
  ) {}
  eat(re: RegExp): RegExpExecArray | null {
    re.lastIndex = this.pos;
    const m = re.exec(this.text);
    if (m !== null) this.pos = re.lastIndex;
    return m;
  }
  /** eat() for a regex with one capturing group that always takes part: the group's text, or null. */
  take(re: RegExp): string | null {
    return this.eat(re)?.[1] ?? null;
  }
  /** Try a sub-parse; restore the position when it returns null. */
  attempt<T>(fn: () => T | null): T | null {
    const saved = this.pos;
    const r = fn();
    if (r === null) this.pos = saved;
    return r;
  }
}

const sticky = (source: string, flags = ''): RegExp => new RegExp(source, `yu${flags}`);

const RE = {
  ws: sticky(`${W}*`),
  comma: sticky(`${W}*,${W}*`),
  dossier: sticky(DOSSIER),
  hyphenPart: sticky(`${W}*[-–]${W}*(\\d{1,4}|${ROMAN_OR_LETTER})(?![\\p{L}\\d])`),
  spacedRoman: sticky(`${W}+(${ROMAN_OR_LETTER})(?=${W}*(?:[,)]|nrs?\\.))`),
  dossierJoin: sticky(`(?:${W}*,${W}*|${W}+en${W}+)`),
  groupJoin: sticky(`(?:${W}*[,;]${W}*|${W}+en${W}+)`),
  // The comma between dossier and number; sloppy texts leave it out before "nr.".
  beforeNumber: sticky(`(?:${W}*,${W}*|${W}+(?=nrs?\\.))`, 'i'),
  // "nr." / "nrs." / "nr 35" / "nr.537"; not the start of another word ("NRC").
  nrWord: sticky(`nr(s?)(?:\\.${W}*|${W}+|(?=\\d))`, 'i'),
  number: sticky(`(\\d{1,5}|${EK_LETTERS})(?![\\p{L}\\d])`),
  digits: sticky(`(\\d{1,5})(?![\\p{L}\\d])`),
  ekLetters: sticky(`(${EK_LETTERS})(?![\\p{L}\\d])`),
  closingLetters: sticky(`([A-Z]{1,2})(?=[ \\t\\u00a0]*(?:[).;\\n]|$))`),
  listSep: sticky(`(?:${W}*,${W}*|${W}+en${W}+|${W}*&${W}*)`),
  rangeSep: sticky(`${W}*(?:t/m|tot${W}+en${W}+met|-|–)${W}*`),
  chamber: sticky(`(I{1,2})(?![\\p{L}\\d])`),
  // Vergaderjaar: 2019/20, 2019/2020, 2019–2020, 2019-2020, and "2011-20 12" from flattened PDFs.
  year4: sticky(`(\\d{4})${W}*[/–-]${W}*(\\d{2})${W}{0,3}(\\d{2})(?!\\d)`),
  year2: sticky(`(\\d{4})${W}*[/–-]${W}*(\\d{2})(?!\\d)`),
  vergaderjaar: sticky(`vergaderjaar${W}*`, 'i'),
  aanhangselWords: sticky(`Aanhangsel(?:${W}+van${W}+de)?${W}*Handelingen`, 'i'),
  itemWord: sticky(`items?${W}*`, 'i'),
  closeParen: sticky(`${W}*[),;]`),
  // A number of a list stands alone: a separator, closing punctuation or the end follows, not a word or digits.
  listEnd: sticky(`(?=${W}*(?:[,;.)(\\]&]|en${W}|$))`),
  // Slips: years that do not follow each other ("2011-2013"), read as the session the first one opens.
  yearLoose: sticky(`(\\d{4})${W}*[/–-]${W}*(\\d{4}|\\d{2})(?!\\d)`),
};

interface DossierRef {
  number: string;
  /** Hyphen or space parts after the number: ["20"], ["VI"], ["20", "2128"]. */
  parts: string[];
  /** True when the toevoeging was printed after a space ("36 410 VI"). */
  spaced: boolean;
}

/** "Vl" → "VI", "XlV" → "XIV": an OCR slip in a budget chapter's numeral. */
function romanSlip(part: string): string {
  return /^[IVXl1]+[AB]?$/.test(part) && /[VX]/.test(part) ? part.replace(/[l1]/g, 'I') : part;
}

function parseDossier(c: Cursor): DossierRef | null {
  return c.attempt(() => {
    const d = c.eat(RE.dossier);
    if (d === null) return null;
    const [, head = '', tail = ''] = d;
    const ref: DossierRef = { number: head + tail, parts: [], spaced: false };
    const spaced = c.take(RE.spacedRoman);
    if (spaced !== null) {
      ref.parts.push(romanSlip(spaced));
      ref.spaced = true;
      return ref;
    }
    for (let i = 0; i < 2; i++) {
      const p = c.take(RE.hyphenPart);
      if (p === null) break;
      ref.parts.push(romanSlip(p));
    }
    return ref;
  });
}

const WHOLE_ROMAN_OR_LETTER = new RegExp(`^${ROMAN_OR_LETTER}$`);

function isRomanOrLetter(s: string): boolean {
  return WHOLE_ROMAN_OR_LETTER.test(s);
}

/** The dossier with its toevoeging as written in ids: "21501-20", "36410-VI". */
function dossierKey(number: string, toevoeging: string | null): string {
  return toevoeging === null ? number : `${number}-${toevoeging}`;
}

/** A dossier reference followed by ", nr. …" names only the dossier in `parts` (at most one toevoeging). */
function dossierOnly(ref: DossierRef): string | null {
  if (ref.parts.length > 1) return null;
  const t = ref.parts[0] ?? null;
  if (t !== null && !/^\d{1,3}$/.test(t) && !isRomanOrLetter(t)) return null;
  return dossierKey(ref.number, t);
}

/** A compact reference that names a paper by itself: "21501-20-2128", "36471-64", "36410-VI-26". */
function compactPaper(ref: DossierRef): { dossier: string; nr: string } | null {
  if (ref.spaced) return null;
  if (ref.parts.length === 2) {
    const [t = null, nr = ''] = ref.parts;
    if (!/^\d{1,4}$/.test(nr) || nr.startsWith('0')) return null;
    return { dossier: dossierKey(ref.number, t), nr };
  }
  if (ref.parts.length === 1) {
    const [nr = ''] = ref.parts;
    if (SUB_DOSSIER_SERIES.has(ref.number)) return null;
    if (!/^\d{1,4}$/.test(nr) || nr.startsWith('0')) return null;
    return { dossier: ref.number, nr };
  }
  return null;
}

/**
 * "nr. 35", "nrs. 23, 35 en 44", "nrs. 3 t/m 5", or an Eerste Kamer letter ", B". A letter without "nr." is
 * taken in an Eerste Kamer citation (`ek`), or elsewhere only when it ends the citation (", B)"), so that
 * ", VN-…" or ", NRC schreef" is not read as a paper number.
 */
function parseNumbers(c: Cursor, ek: boolean): string[] | null {
  return c.attempt(() => {
    const word = c.eat(RE.nrWord);
    if (word === null) {
      // Without "nr." only Eerste Kamer letters are accepted: a bare ", 35" is too often something else.
      const l = c.take(ek ? RE.ekLetters : RE.closingLetters);
      return l === null ? null : [l];
    }
    const plural = word[1] === 's';
    const first = c.take(RE.number);
    if (first === null) return null;
    const out = [first];
    // After a singular "nr." a list ("nr. 35, 36 en 44") must end on "en N" and each number stand alone:
    // "nr. 1031, 5 november" and "nr. 811 en 29 984, nr. 1207" are one number and a date or the next dossier.
    let committed = { pos: c.pos, count: 1 };
    for (;;) {
      const more = c.attempt(() => {
        const range = c.eat(RE.rangeSep) !== null;
        const sep = range ? null : c.eat(RE.listSep);
        if (!range && sep === null) return null;
        const explicit = c.eat(RE.nrWord) !== null;
        const n = c.take(RE.digits);
        if (n === null) return null;
        if (!plural && !explicit) {
          if (c.attempt(() => c.eat(RE.listEnd)) === null) return null;
          if (range || /en|&/.test(sep?.[0] ?? '')) committed = { pos: c.pos, count: -1 };
        } else committed = { pos: c.pos, count: -1 };
        if (!range) return [n];
        const lo = Number(out.at(-1));
        const hi = Number(n);
        if (!Number.isInteger(lo) || hi <= lo || hi - lo > MAX_RANGE) return null;
        const r: string[] = [];
        for (let k = lo + 1; k <= hi; k++) r.push(String(k));
        return r;
      });
      if (more === null) break;
      out.push(...more);
      if (committed.count === -1) committed = { pos: c.pos, count: out.length };
    }
    if (!plural && committed.count < out.length) {
      // A comma list after a singular "nr." that never closed with "en N": only what was closed counts.
      out.length = committed.count;
      c.pos = committed.pos;
    }
    return out;
  });
}

/**
 * 8-digit vergaderjaar "20192020" from "2019/20", "2019–2020" or the flattened "2011-20 12"; null when the
 * two years are not consecutive. The four-digit reading is tried first, then the two-digit one, so that
 * "2019/20 36 021" is not read as 2019/2036.
 */
function parseYear(c: Cursor): string | null {
  for (const re of [RE.year4, RE.year2]) {
    const year = c.attempt(() => {
      const y = c.eat(re);
      if (y === null) return null;
      const first = Number(y[1]);
      if (first < 1800 || first > 2199) return null;
      const expected = first + 1;
      const second =
        y[3] === undefined
          ? Math.floor(expected / 100) * 100 + Number(y[2]) // "1999/00" rolls over the century
          : Number(y[2] + y[3]);
      return second === expected ? `${first}${expected}` : null;
    });
    if (year !== null) return year;
  }
  return c.attempt(() => {
    const y = c.eat(RE.yearLoose);
    if (y === null) return null;
    const first = Number(y[1]);
    return first < 1800 || first > 2199 ? null : `${first}${first + 1}`;
  });
}

interface Parsed {
  /** Where the citation text starts, when not at the anchor (bare forms leave out the parenthesis). */
  start?: number;
  ids: string[];
  dossiers: (string | null)[];
  kind: CitationKind;
  end: number;
}

/** Dossiers and numbers of one "33 783, nrs. 23 en 35" or "30 196 en 31 793, nr. 708" group: their cross product. */
function parseNumberedGroup(c: Cursor, ek: boolean): { ids: string[]; dossiers: string[] } | null {
  return c.attempt(() => {
    const refs = parseDossierList(c);
    if (refs === null) return null;
    return numberedIds(c, refs, ek);
  });
}

function parseDossierList(c: Cursor): DossierRef[] | null {
  const first = parseDossier(c);
  if (first === null) return null;
  const refs = [first];
  for (;;) {
    const next = c.attempt(() => (c.eat(RE.dossierJoin) === null ? null : parseDossier(c)));
    if (next === null) break;
    refs.push(next);
  }
  return refs;
}

function numberedIds(c: Cursor, refs: DossierRef[], ek: boolean): { ids: string[]; dossiers: string[] } | null {
  return c.attempt(() => {
    if (c.eat(RE.beforeNumber) === null) return null;
    const numbers = parseNumbers(c, ek);
    if (numbers === null) return null;
    const dossiers = refs.map(dossierOnly);
    if (dossiers.some((d) => d === null)) return null;
    if (refs.some((r) => SUB_DOSSIER_SERIES.has(r.number) && r.parts.length === 0)) return null;
    const ids: string[] = [];
    const ds: string[] = [];
    for (const d of dossiers as string[]) {
      for (const n of numbers) {
        ids.push(kstId(d, n));
        ds.push(d);
      }
    }
    return { ids, dossiers: ds };
  });
}

/**
 * One or more dossiers with their numbers, and further groups ("…, nr. 35 en 34 775, nr. 44"); or, when
 * `compact` is allowed, one compact paper reference ("21501-20-2128").
 */
function parseKamerstukBody(c: Cursor, compact: boolean, ek = false): Parsed | null {
  return c.attempt(() => {
    const refs = parseDossierList(c);
    if (refs === null) return null;
    const group = numberedIds(c, refs, ek);
    if (group !== null) {
      const ids = [...group.ids];
      const dossiers: (string | null)[] = [...group.dossiers];
      for (;;) {
        const more = c.attempt(() => (c.eat(RE.groupJoin) === null ? null : parseNumberedGroup(c, ek)));
        if (more === null) break;
        ids.push(...more.ids);
        dossiers.push(...more.dossiers);
      }
      return { ids, dossiers, kind: 'kamerstuk', end: c.pos };
    }
    const [only] = refs;
    if (!compact || only === undefined || refs.length !== 1) return null;
    const paper = compactPaper(only);
    if (paper === null) return null;
    return { ids: [kstId(paper.dossier, paper.nr)], dossiers: [paper.dossier], kind: 'kamerstuk', end: c.pos };
  });
}

/** After "Kamerstuk(ken)": optional chamber and vergaderjaar ("II 2021/22,"), then the body. */
function parseKamerstuk(c: Cursor): Parsed | null {
  c.eat(RE.ws);
  const chamber = c.attempt(() => {
    const ch = c.eat(RE.chamber);
    if (ch === null) return null;
    if (c.eat(RE.comma) === null) c.eat(RE.ws);
    return ch;
  });
  c.attempt(() => {
    c.eat(RE.vergaderjaar);
    const y = parseYear(c);
    if (y === null) return null;
    if (c.eat(RE.comma) === null) c.eat(RE.ws);
    return y;
  });
  c.eat(RE.comma);
  return parseKamerstukBody(c, true, chamber?.[1] === 'I');
}

/** After "Tweede Kamer" / "Eerste Kamer": ", vergaderjaar 2022–2023, 26 485, nr. 424" ("vergaderjaar" may be left out). */
function parseLongForm(c: Cursor, ek: boolean): Parsed | null {
  if (c.eat(RE.comma) === null) return null;
  // "Eerste Kamer, 36 373, H": the vergaderjaar may be left out altogether.
  const withoutYear = c.attempt(() => parseKamerstukBody(c, false, ek));
  if (withoutYear !== null) return withoutYear;
  c.eat(RE.vergaderjaar);
  const year = parseYear(c);
  if (year === null) return null;
  if (c.eat(RE.comma) === null) return null;
  // "Tweede Kamer, vergaderjaar 2023–2024, Aanhangsel van de Handelingen, nr. 238" (the "nr." sometimes left out).
  const aanhangsel = c.attempt(() => {
    if (c.eat(RE.aanhangselWords) === null) return null;
    if (c.eat(RE.comma) === null) c.eat(RE.ws);
    const word = c.eat(RE.nrWord);
    const nrs = numbersAfter(c, word !== null && word[1] === 's');
    if (nrs === null) return null;
    const code = ek ? 'ek' : 'tk';
    return { ids: nrs.map((n) => `ah-${code}-${year}-${n}`), dossiers: nrs.map(() => null), kind: 'aanhangsel' as const, end: c.pos };
  });
  if (aanhangsel !== null) return aanhangsel;
  return parseKamerstukBody(c, false, ek);
}

/** After "(": a bare "36 471-64" or "36360-VI, nr. 2" that fills the parenthesis up to ")", "," or ";". */
function parseBare(c: Cursor): Parsed | null {
  c.eat(RE.ws);
  const start = c.pos;
  const body = parseKamerstukBody(c, true);
  if (body === null) return null;
  // Bare numbers are weak evidence: demand a plausible dossier and a closing parenthesis or list separator.
  if (body.dossiers.some((d) => d === null || Number(d.slice(0, 5)) < 10000)) return null;
  const saved = c.pos;
  if (c.eat(RE.closeParen) === null) return null;
  c.pos = saved;
  return { ...body, start };
}

/** Chamber letters to the id's chamber code; Aanhangsel and Handelingen without chamber are the Tweede Kamer's. */
function chamberCode(roman: string | undefined): 'tk' | 'ek' {
  return roman === 'I' ? 'ek' : 'tk';
}

/** After "Aanhangsel (van de) Handelingen": " II 2019/20, nr. 3225". */
/** The common opening of Aanhangsel and Handelingen citations: " II 2019/20," → chamber code and session. */
function chamberAndYear(c: Cursor): { code: 'tk' | 'ek'; year: string } | null {
  c.eat(RE.ws);
  const ch = c.eat(RE.chamber);
  if (c.eat(RE.comma) === null) c.eat(RE.ws);
  c.eat(RE.vergaderjaar);
  const year = parseYear(c);
  if (year === null) return null;
  if (c.eat(RE.comma) === null) return null;
  return { code: chamberCode(ch?.[1]), year };
}

/**
 * Aanhangsel numbers after "nr." or "nrs.": "nrs. 238 en 240", and after a singular "nr." too
 * ("nr. 238 en 240"), when each further number stands alone and the list closes on "en N".
 */
function numbersAfter(c: Cursor, plural: boolean): string[] | null {
  const first = c.take(RE.digits);
  if (first === null) return null;
  const nrs = [first];
  let committed = { pos: c.pos, count: 1 };
  for (;;) {
    const n = c.attempt(() => {
      const sep = c.eat(RE.listSep);
      if (sep === null) return null;
      c.eat(RE.nrWord);
      const d = c.take(RE.digits);
      if (d === null) return null;
      if (!plural && c.attempt(() => c.eat(RE.listEnd)) === null) return null;
      return { nr: d, closes: /en|&/.test(sep[0]) };
    });
    if (n === null) break;
    nrs.push(n.nr);
    if (n.closes) committed = { pos: c.pos, count: nrs.length };
  }
  if (!plural && committed.count < nrs.length) {
    nrs.length = committed.count;
    c.pos = committed.pos;
  }
  return nrs;
}

function parseAanhangsel(c: Cursor): Parsed | null {
  const head = chamberAndYear(c);
  if (head === null) return null;
  const { code, year } = head;
  const word = c.eat(RE.nrWord);
  if (word === null) return null;
  const nrs = numbersAfter(c, word[1] === 's');
  if (nrs === null) return null;
  return { ids: nrs.map((n) => `ah-${code}-${year}-${n}`), dossiers: nrs.map(() => null), kind: 'aanhangsel', end: c.pos };
}

/** After "Handelingen": " II 2019/20, nr. 12, item 5". Without an item there is no paper to point to. */
function parseHandelingen(c: Cursor): Parsed | null {
  const head = chamberAndYear(c);
  if (head === null) return null;
  const { code, year } = head;
  c.eat(RE.nrWord);
  const vergadering = c.take(RE.digits);
  if (vergadering === null) return null;
  if (c.eat(RE.comma) === null || c.eat(RE.itemWord) === null) return null;
  const items: string[] = [];
  const first = c.take(RE.digits);
  if (first === null) return null;
  items.push(first);
  for (;;) {
    const n = c.attempt(() => (c.eat(RE.listSep) === null ? null : c.take(RE.digits)));
    if (n === null) break;
    items.push(n);
  }
  return {
    ids: items.map((i) => `h-${code}-${year}-${vergadering}-${i}`),
    dossiers: items.map(() => null),
    kind: 'handelingen',
    end: c.pos,
  };
}

/**
 * Anchors, leftmost first. "Aanhangsel … Handelingen" is listed before "Handelingen" so that the
 * longer form wins at the same place; TK numbers preceded by "=", "/" or "?" stand inside a URL
 * (the tweedekamer.nl address of a paper already cited in words) and are skipped.
 */
const ANCHOR = new RegExp(
  [
    // PDF-library text glues the two words ("AanhangselHandelingen").
    `(?<aanhangsel>Aanhangsel(?:${W}+van${W}+de)?${W}*Handelingen)`,
    `(?<handelingen>Handelingen)`,
    // "Kamerstuk-ken" when PDF-library text keeps the hyphen of a line break.
    `(?<kamerstuk>Kamerstuk(?:(?:-${W}*)?ken)?|Kst\\.)`,
    `(?<long>(?:Tweede|Eerste)${W}+Kamer)(?=${W}*,)`,
    `(?<paren>\\()`,
    `(?<![=/?&#.\\-\\w])(?<tk>(?:19|20)\\d{2}[DZ]\\d{5})(?![\\p{L}\\d])`,
  ]
    // A footnote number glued to the keyword ("3Kamerstuk 31 839", "5Eerste Kamer, 36 373, H") does not hide it.
    .map((a) => (a.startsWith('(?<paren>') || a.includes('(?<tk>') ? a : `(?<!\\p{L})${a}`))
    .join('|'),
  'giu',
);

function fold(s: string): string {
  return s.replace(/[\s\u00a0]+/g, ' ').trim();
}

/**
 * All citations in a text, in order of position.
 *
 * @example
 * findCitations('Zie Kamerstuk 33 783, nr. 35.')
 * // → [{ ids: ['kst-33783-35'], kind: 'kamerstuk', text: 'Kamerstuk 33 783, nr. 35', start: 4, end: 28, dossiers: ['33783'] }]
 */
export function findCitations(text: string, options: FindCitationsOptions = {}): CitationMatch[] {
  const out: CitationMatch[] = [];
  ANCHOR.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = ANCHOR.exec(text)) !== null) {
    const g = m.groups ?? {};
    const c = new Cursor(text, ANCHOR.lastIndex);
    let start: number = m.index;
    let parsed: Parsed | null = null;
    if (g.tk !== undefined) {
      const kind: CitationKind = g.tk.charAt(4).toUpperCase() === 'D' ? 'tk-document' : 'tk-zaak';
      parsed = { ids: [g.tk.toUpperCase()], dossiers: [null], kind, end: ANCHOR.lastIndex };
    } else if (g.aanhangsel !== undefined) {
      parsed = parseAanhangsel(c);
    } else if (g.handelingen !== undefined) {
      parsed = parseHandelingen(c);
    } else if (g.kamerstuk !== undefined) {
      parsed = parseKamerstuk(c);
    } else if (g.long !== undefined) {
      parsed = parseLongForm(c, /^Eerste/i.test(g.long));
      // The document's own running footer repeats its id in the long form.
      if (parsed !== null && options.selfId !== undefined && parsed.ids.length === 1 && parsed.ids[0] === options.selfId) {
        ANCHOR.lastIndex = parsed.end;
        continue;
      }
    } else if (g.paren !== undefined) {
      parsed = parseBare(c);
    }
    if (parsed === null) continue;
    start = parsed.start ?? start;
    ANCHOR.lastIndex = parsed.end;
    out.push({
      ids: parsed.ids,
      kind: parsed.kind,
      text: fold(text.slice(start, parsed.end)),
      start,
      end: parsed.end,
      dossiers: parsed.dossiers,
    });
  }
  attachMotions(text, out);
  return out;
}

/** Mark a single-paper Kamerstuk citation as a motion when a named motion leads up to it in the same sentence. */
function attachMotions(text: string, citations: CitationMatch[]): void {
  const motions = findMotions(text);
  if (motions.length === 0) return;
  let previousEnd = 0;
  for (const c of citations) {
    const motion = motionBefore(text, motions, c.start);
    // A motion belongs to the first citation after it only: another citation in between takes it.
    if (motion !== null && motion.end >= previousEnd && c.kind === 'kamerstuk' && c.ids.length === 1) {
      c.motion = { submitters: [...motion.submitters] };
    }
    previousEnd = c.end;
  }
}
