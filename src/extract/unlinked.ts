/**
 * For curating the gazetteer: capitalised names and acronyms in a text that no
 * gazetteer entry matched, with how often each occurs.
 *
 * A name is a run of capitalised words, joined by spaces or hyphens and by the
 * small connecting words of Dutch and English names ("Hof van Justitie",
 * "Commission on the Status of Women"). A capitalised word that opens a
 * sentence is only a name when the document never writes it in lower case.
 * Parts of a name that a mention covers are left out; what remains is reported.
 */
import { present } from '../errors.js';
import type { Gazetteer } from './gazetteer.js';
import { LINE_HYPHEN, displayText, foldText, matchFolded } from './mentions.js';

export interface UnlinkedName {
  name: string;
  count: number;
  /** Offset of the first occurrence in the text given. */
  firstOffset: number;
}

/**
 * Lower-case words that join the capitalised words of one name. Not "en"/"and": they
 * join two names more often than they stand inside one ("Rusland en China").
 */
const CONNECTORS = new Set(['van', 'voor', 'de', 'der', 'den', 'het', 'inzake', 'tegen', 'bij', 'op', 'in', 'tot', 'over', 'on', 'of', 'the', 'for', 'to', 'against', 'at']);

/** Capitalised words that are no names on their own (titles, forms of address, headings). */
const NOT_NAMES = new Set([
  'Minister',
  'Ministers',
  'Staatssecretaris',
  'Kamer',
  'Kamerlid',
  'Kamerleden',
  'Kabinet',
  'Koninkrijk',
  'Antwoord',
  'Vraag',
  'Vragen',
  'Zie',
  'Ja',
  'Nee',
  'Uw',
  'U',
  'Ik',
  'Wij',
  'Zij',
  'Hij',
  'Het',
  'De',
  'Een',
  'Kamerstuk',
  'Kamerstukken',
  'Handelingen',
  'Aanhangsel',
  'Kamerbrief',
  'Voorzitter',
  'Leden',
  'Fractie',
  'Inbreng',
]);

/** Articles capitalised in the middle of a sentence ("Het Koninkrijk") are no part of the name. */
const ARTICLES = new Set(['De', 'Het', 'Een']);

/** Roman numerals (chapters, "Kamerstukken II") are no names. */
const ROMAN = /^[IVXLC]+$/;

export interface UnlinkedOptions {
  /**
   * Words the document writes in lower case (from lowerCaseWords over all its texts): a capitalised
   * word opening a sentence is only a name when it is not among them. Default: those of `text`.
   */
  lowerCaseWords?: ReadonlySet<string>;
}

/** The words a text writes in lower case (line-end hyphens joined). */
export function lowerCaseWords(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of foldText(text).text.matchAll(WORD)) if (!isCapitalised(m[0])) out.add(m[0].replaceAll(LINE_HYPHEN, ''));
  return out;
}

interface Token {
  start: number;
  end: number;
  word: string;
}

/** Words of the folded text: letters and digits, joined across line-end hyphens and inner apostrophes / ampersands / "=" (WO=MEN). */
const WORD = new RegExp(`[\\p{L}\\p{N}]+(?:[${LINE_HYPHEN}’'&=][\\p{L}\\p{N}]+)*`, 'gu');

function isCapitalised(word: string): boolean {
  return /^\p{Lu}/u.test(word);
}

function isAcronym(word: string): boolean {
  return (word.match(/\p{Lu}/gu) ?? []).length >= 2;
}

function sentenceStart(t: string, s: number): boolean {
  let i = s - 1;
  while (i >= 0 && (t[i] === ' ' || t[i] === '(' || t[i] === '«' || t[i] === '"' || t[i] === '“')) i--;
  return i < 0 || /[.?!:;]/.test(t.charAt(i)) || /\p{N}/u.test(t.charAt(i));
}

/**
 * Capitalised names and acronyms of `text` that match no gazetteer entry, most frequent first.
 * @example findUnlinked('De VN en de Afrikaanse Unie.', g) // [{ name: 'Afrikaanse Unie', count: 1, firstOffset: 12 }]
 */
export function findUnlinked(text: string, gazetteer: Gazetteer, options: UnlinkedOptions = {}): UnlinkedName[] {
  const folded = foldText(text);
  const t = folded.text;
  const covered = matchFolded(t, gazetteer);
  // Tokens come in text order and mentions are sorted without overlaps: one pointer walks both.
  let c = 0;
  const isCovered = (s: number, e: number): boolean => {
    while ((covered[c]?.end ?? Infinity) <= s) c++;
    return (covered[c]?.start ?? Infinity) < e;
  };

  const tokens: Token[] = [];
  for (const m of t.matchAll(WORD)) tokens.push({ start: m.index, end: m.index + m[0].length, word: m[0] });
  const lowerWords = options.lowerCaseWords ?? lowerCaseWords(text);

  const counts = new Map<string, UnlinkedName>();
  const report = (run: Token[]): void => {
    while (CONNECTORS.has(run.at(-1)?.word ?? '')) run.pop();
    while (CONNECTORS.has(run[0]?.word ?? '') || ARTICLES.has(run[0]?.word ?? '')) run.shift();
    const first = run[0];
    const last = run.at(-1);
    if (first === undefined || last === undefined) return;
    if (run.length === 1 && (NOT_NAMES.has(first.word) || ROMAN.test(first.word) || !/\p{L}/u.test(first.word))) return;
    const name = displayText(t.slice(first.start, last.end));
    const hit = counts.get(name);
    if (hit) hit.count++;
    // The offset map has one entry per folded character.
    else counts.set(name, { name, count: 1, firstOffset: present(folded.map[first.start], 'offset of a folded character') });
  };

  let run: Token[] = [];
  const flush = (): void => {
    if (run.length > 0) report(run);
    run = [];
  };
  for (const [i, tok] of tokens.entries()) {
    const prev = run[run.length - 1];
    const gap = prev ? t.slice(prev.end, tok.start) : '';
    const joined = prev !== undefined && (gap === ' ' || gap === '-' || gap === LINE_HYPHEN);
    if (!joined) flush();
    if (isCovered(tok.start, tok.end)) {
      flush();
      continue;
    }
    if (isCapitalised(tok.word)) {
      // Opening a sentence, a word is capitalised anyway: a name only if the text never writes it in lower case.
      if (run.length === 0 && sentenceStart(t, tok.start)) {
        const next = tokens[i + 1];
        const alone = next === undefined || t.slice(tok.end, next.start) !== ' ' || !isCapitalised(next.word);
        // A lone capitalised word opening a sentence tells nothing (it is counted where it stands mid-sentence),
        // unless it is an acronym; a longer name loses its first word when that word is an ordinary one.
        if ((alone && !isAcronym(tok.word)) || lowerWords.has(tok.word.toLowerCase())) continue;
      }
      run.push(tok);
    } else if (run.length > 0 && CONNECTORS.has(tok.word) && gap === ' ') {
      run.push(tok);
    } else {
      flush();
    }
  }
  flush();
  return [...counts.values()].sort((a, b) => b.count - a.count || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
