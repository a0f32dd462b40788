/**
 * Entity linking: find the gazetteer's treaties, organisations, ministries and
 * factions where a text names them.
 *
 * Matching rules (documented in ontology/gazetteer.ttl too):
 * - on word boundaries: never inside another word ("VN" not in "VNG", "EU" not
 *   in "EUR" or "Europa"); a hyphen is a boundary ("EU-inzet"), and so is a
 *   digit after a name (footnote markers are glued to words: "VN7");
 * - longest match first, scanning left to right, without overlaps;
 * - labels match case-sensitively as written, except that a treaty label whose
 *   second letter is lower-case also matches with the other case of its first
 *   letter ("het kernstopverdrag" / "Het Kernstopverdrag");
 * - line breaks: any run of white space matches one space, and a hyphen at the
 *   end of a line matches both nothing ("Non-prolife-\nratieverdrag") and a
 *   hyphen ("VN-\nVeiligheidsraad");
 * - a concept that is part of another (org:subOrganizationOf) also matches with
 *   the parent's acronym in front: "VN-Veiligheidsraad", "VN Mensenrechtenraad",
 *   and the mention is of the part, not of the parent;
 * - "Ministerie van Buitenlandse Zaken" after a foreign adjective ("het Iraanse
 *   Ministerie van …") is not the Dutch ministry and is not linked.
 */
import { present } from '../errors.js';
import type { MentionKind } from '../model.js';
import { type Gazetteer, type GazetteerEntry, labelsOf } from './gazetteer.js';

export interface MentionMatch {
  /** Gazetteer concept id ("npt", "un", "vvd"). */
  id: string;
  /** The concept's preferred label (Dutch). */
  label: string;
  kind: MentionKind;
  /** The name as printed, line breaks folded (a line-break hyphen kept only where it is a real one). */
  text: string;
  /** [start, end) into the text given to findMentions. */
  start: number;
  end: number;
}

/** Stands for a hyphen at a line end in folded text (U+00AD SOFT HYPHEN): may be a word break or a real hyphen. */
export const LINE_HYPHEN = '\u00ad';

/** Text with white space runs folded to one space and line-end hyphens to LINE_HYPHEN, mapped back to source offsets. */
export interface FoldedText {
  text: string;
  /** map[i] is the source offset of text[i]; map[text.length] is the source length. */
  map: number[];
}

export function foldText(source: string): FoldedText {
  const out: string[] = [];
  const map: number[] = [];
  const n = source.length;
  /** Write one character for source[i] and go on at `next`. */
  const emit = (ch: string, i: number, next: number): number => {
    out.push(ch);
    map.push(i);
    return next;
  };
  const skipSpace = (j: number): number => {
    while (j < n && /\s/.test(source.charAt(j))) j++;
    return j;
  };
  let i = 0;
  while (i < n) {
    const c = source.charAt(i);
    if (c === '-') {
      // "-", optional blanks, a line break, optional blanks: a hyphen at the end of a line.
      let j = i + 1;
      while (j < n && (source[j] === ' ' || source[j] === '\t')) j++;
      i = j < n && (source[j] === '\n' || source[j] === '\r') ? emit(LINE_HYPHEN, i, skipSpace(j)) : emit(c, i, i + 1);
    } else if (/\s/.test(c)) {
      i = emit(' ', i, skipSpace(i + 1));
    } else {
      i = emit(c, i, i + 1);
    }
  }
  map.push(n);
  return { text: out.join(''), map };
}

/** The folded text as printed for people: line-end hyphens kept after or before a capital or digit ("VN-Veiligheidsraad"), dropped between lower-case letters. */
export function displayText(folded: string): string {
  // A stray space after a hyphen before a capital is a PDF artefact: "Staten- Generaal", "VN- Mensenrechtenraad".
  folded = folded.replace(/([\p{L}\p{N}])- (?=\p{Lu})/gu, '$1-');
  let s = '';
  for (let i = 0; i < folded.length; i++) {
    const c = folded[i];
    if (c !== LINE_HYPHEN) {
      s += c;
      continue;
    }
    const before = folded[i - 1] ?? '';
    const after = folded[i + 1] ?? '';
    s += /[\p{Lu}\p{N}]/u.test(before) || /[\p{Lu}\p{N}]/u.test(after) ? '-' : '';
  }
  return s;
}

const isLetter = (c: string | undefined): boolean => c !== undefined && /\p{L}/u.test(c);
const isLetterOrDigit = (c: string | undefined): boolean => c !== undefined && /[\p{L}\p{N}]/u.test(c);
const isLower = (c: string | undefined): boolean => c !== undefined && /\p{Ll}/u.test(c);

interface Alias {
  entry: GazetteerEntry;
  label: string;
  re: RegExp;
}

interface Matcher {
  /** Aliases by the first two characters they can match (every label has two or more). */
  byFirst: Map<string, Alias[]>;
  /** Acronyms of organisations that have parts ("VN", "UN", "EU"), with the ids of those parts (transitively). */
  prefixes: { acronym: string; parts: Set<string> }[];
}

function escapeChar(c: string): string {
  return /[\\^$.*+?()[\]{}|/-]/.test(c) ? `\\${c}` : c;
}

/** Regex source for a label: line-end hyphens allowed between letters, hyphen ~ line-end hyphen, apostrophes alike. */
function labelSource(label: string, foldFirst: boolean): string {
  const chars = [...label];
  let src = '';
  for (const [k, c] of chars.entries()) {
    if (c === '-') src += `(?:- ?|${LINE_HYPHEN})`;
    else if (c === ' ') src += ' ';
    else if (c === '’' || c === "'") src += "['’]";
    else if (k === 0 && foldFirst && c.toLowerCase() !== c.toUpperCase()) src += `[${c.toLowerCase()}${c.toUpperCase()}]`;
    else src += escapeChar(c);
    if (isLetterOrDigit(c) && isLetterOrDigit(chars[k + 1])) src += `${LINE_HYPHEN}?`;
  }
  return src;
}

function compile(gazetteer: Gazetteer): Matcher {
  const byFirst = new Map<string, Alias[]>();
  const partsOf = new Map<string, Set<string>>();
  for (const entry of gazetteer.entries) {
    for (const label of labelsOf(entry)) {
      const foldFirst = entry.kind === 'treaty' && isLetter(label[0]) && isLower(label[1]);
      const alias: Alias = { entry, label, re: new RegExp(labelSource(label, foldFirst), 'uy') };
      const c = label.charAt(0);
      // A one-character label has no second character and so no key: it is never looked up (as before).
      const second = label[1] === '-' ? ['-', LINE_HYPHEN] : label[1] === undefined ? [] : [label[1]];
      for (const f of foldFirst ? new Set([c.toLowerCase(), c.toUpperCase()]) : [c]) {
        for (const g of second) {
          const key = f + g;
          const list = byFirst.get(key);
          if (list) list.push(alias);
          else byFirst.set(key, [alias]);
        }
      }
    }
    for (const ancestor of entry.partOf) {
      const set = partsOf.get(ancestor) ?? new Set<string>();
      set.add(entry.id);
      partsOf.set(ancestor, set);
    }
  }
  const prefixes: Matcher['prefixes'] = [];
  for (const [id, parts] of partsOf) {
    const parent = gazetteer.byId(id);
    if (parent === undefined) continue;
    for (const acronym of labelsOf(parent).filter((l) => /^[A-Z]{2,6}$/.test(l))) prefixes.push({ acronym, parts });
  }
  return { byFirst, prefixes };
}

function matcherOf(gazetteer: Gazetteer): Matcher {
  if (gazetteer.matcherCache === undefined) gazetteer.matcherCache = compile(gazetteer);
  return gazetteer.matcherCache as Matcher;
}

function leftBoundary(t: string, s: number): boolean {
  if (s === 0) return true;
  const prev = t[s - 1];
  if (prev === LINE_HYPHEN) return !isLower(t[s]); // "…-\nverdrag" continues a word; "VN-\nVeiligheidsraad" starts one
  return !isLetterOrDigit(prev);
}

function rightBoundary(t: string, e: number): boolean {
  if (e >= t.length) return true;
  const next = t[e];
  if (next === LINE_HYPHEN) return !(isLower(t[e - 1]) && isLower(t[e + 1]));
  return !isLetter(next);
}

/** "het Iraanse Ministerie van Buitenlandse Zaken": a foreign ministry, not ours. */
function foreignQualifier(t: string, s: number): boolean {
  const before = /(\p{Lu}[\p{Ll}ë]+(?:se|sche)) $/u.exec(t.slice(Math.max(0, s - 40), s));
  return before !== null && before[1] !== 'Nederlandse';
}

/** After a parent's acronym: a hyphen (maybe at a line end, maybe with a stray space after it) or a space. */
function afterSeparator(t: string, k: number): number | null {
  const c = t[k];
  if (c === '-') return t[k + 1] === ' ' ? k + 2 : k + 1;
  if (c === LINE_HYPHEN || c === ' ') return k + 1;
  return null;
}

type Found = { entry: GazetteerEntry; start: number; end: number };

/** The longest alias match at position `at`, among aliases of entries `only` allows; the mention starts at `from`. */
function longestAt(t: string, at: number, from: number, byFirst: Matcher['byFirst'], best: Found | undefined, only?: Set<string>): Found | undefined {
  const candidates = byFirst.get(t.slice(at, at + 2));
  if (candidates === undefined) return best;
  for (const alias of candidates) {
    if (only !== undefined && !only.has(alias.entry.id)) continue;
    alias.re.lastIndex = at;
    const m = alias.re.exec(t);
    if (m === null) continue;
    const end = at + m[0].length;
    if (best !== undefined && end <= best.end) continue;
    if (!rightBoundary(t, end)) continue;
    if (alias.entry.kind === 'ministry' && foreignQualifier(t, from)) continue;
    best = { entry: alias.entry, start: from, end };
  }
  return best;
}

/** Word starts of the folded text: every name begins with a letter or digit after a non-letter. */
const WORD_START = /[\p{L}\p{N}]+/gu;

/** Matches in folded coordinates: left to right, longest first, no overlaps. */
export function matchFolded(t: string, gazetteer: Gazetteer): Found[] {
  const { byFirst, prefixes } = matcherOf(gazetteer);
  const out: Found[] = [];
  let next = 0;
  for (const w of t.matchAll(WORD_START)) {
    const s = w.index;
    if (s < next || !leftBoundary(t, s)) continue;
    let best = longestAt(t, s, s, byFirst, undefined);
    for (const { acronym, parts } of prefixes) {
      if (!t.startsWith(acronym, s)) continue;
      const k = afterSeparator(t, s + acronym.length);
      if (k !== null) best = longestAt(t, k, s, byFirst, best, parts);
    }
    if (best === undefined) continue;
    out.push(best);
    next = best.end;
  }
  return out;
}

/**
 * The gazetteer entries a text names, left to right, with offsets into `text`.
 * @example findMentions('het Non-prolife-\nratieverdrag (NPV)', g) // [{id: 'npt', text: 'Non-proliferatieverdrag', …}, {id: 'npt', text: 'NPV', …}]
 */
export function findMentions(text: string, gazetteer: Gazetteer): MentionMatch[] {
  const folded = foldText(text);
  return matchFolded(folded.text, gazetteer).map(({ entry, start, end }) => ({
    id: entry.id,
    label: entry.prefLabel.nl ?? entry.prefLabel.en ?? entry.id,
    kind: entry.kind,
    text: displayText(folded.text.slice(start, end)),
    // The offset map has one entry per folded character and start < end <= its length.
    start: present(folded.map[start], 'offset of a folded character'),
    end: present(folded.map[end - 1], 'offset of a folded character') + 1,
  }));
}
