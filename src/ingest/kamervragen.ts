/**
 * Reader for the Kamervragen family: the header (askers with their party, the
 * ministers asked, date submitted, who answered and when, Aanhangsel, Zaak and
 * document numbers), question and answer headings in every form printed, merged
 * pairs ("Vraag 10 en 11"), and a "Mededeling" that stands instead of answers.
 */
import type { Layout } from './layout.js';
import type { Line } from './lines.js';
import type { KamervragenStage } from '../model.js';
import { emptyHeader, type Draft, type DraftAnswer, type DraftBlock, type DraftNotice } from './draft.js';
import { answerNumbers, NUMBER_LIST } from './numbers.js';
import { isoDate } from './dates.js';
import { paragraphs, paragraphsByMeasure, type Paragraph } from './paragraphs.js';
import { headingText } from './headings.js';

// Any list a heading prints: "10 en 11", "3 t/m 5", "3 4 en 5" with commas missing (numbers.ts).
const NUMBERS = `(${NUMBER_LIST})`;
/** "Vraag 1", "Vraag 10 en 11", "Vragen 3 t/m 5", with or without a colon. */
const QUESTION = new RegExp(`^Vra(?:ag|gen)\\s+${NUMBERS}\\s*[:.]?$`);
/**
 * "Antwoord 1", "Antwoord 10 en 11", "Antwoord op vraag 2", "Antwoord vraag 2:",
 * "Antwoorden 3 t/m 5", "Antwoord vragen 1,2,3,4 en 5"; text after a colon is the answer's first line.
 */
const ANSWER = new RegExp(`^Antwoord(?:en)?(?:\\s+op)?(?:\\s+(?:de\\s+)?vra(?:ag|gen))?\\s+${NUMBERS}\\s*(?:[:.]\\s*(.*))?$`);
const NOTICE = /^Mededeling$/;

/** Whether a line is a Kamervragen heading, whatever white space or zero-width characters it holds ("Vraag\u00a01", "Ant\u200bwoord 2"). */
export function isKamervragenHeading(text: string): boolean {
  const t = headingText(text);
  return QUESTION.test(t) || ANSWER.test(t) || NOTICE.test(t);
}

/**
 * "Hirsch (GroenLinks-PvdA) en Teunissen (PvdA)" → askers. A party for a group
 * ("Paternotte en Podt (beiden D66)", "A, B, C (allen D66)") goes to each name;
 * names with no party printed are kept with none.
 */
export function parseAskers(text: string): { name: string; faction: string | null }[] {
  const out: { name: string; faction: string | null }[] = [];
  const names = (part: string): string[] =>
    part
      .split(/\s*,\s*|\s+en\s+/)
      .map((n) => fixGluedParticle(n.replace(/^(?:,|\s|en\s|lid\s)+/, '').trim()))
      .filter((n) => n.length > 0 && /\p{Lu}/u.test(n));
  let at = 0;
  for (const m of nameAndParty(text)) {
    at = m.end;
    const party = m.party.trim();
    const group = /^(?:beiden|beide|allen|alle)\s+(.+)$/i.exec(party);
    // The party as printed: which faction it is is decided after ingest, with the gazetteer.
    const faction = (printed: string): string => printed.trim();
    const part = m.names.replace(/^\s*(?:,|en\b)\s*/, '');
    if (group) {
      for (const name of names(part)) out.push({ name, faction: faction(group[1] ?? '') });
    } else {
      // "A, B (D66)": only the name next to the party is known to be of it.
      const all = names(part);
      for (const name of all.slice(0, -1)) out.push({ name, faction: null });
      const last = all[all.length - 1];
      if (last) out.push({ name: last, faction: faction(party) });
    }
  }
  for (const name of names(text.slice(at))) out.push({ name, faction: null });
  return out;
}

/**
 * The "names (party)" pieces of an askers line, as /([^()]*?)\s*\(([^)]+)\)/g would find them, by a
 * scanner: that pattern retries from every character of a long run without parentheses (quadratic:
 * an 80 KB name took 22 s).
 */
export function* nameAndParty(text: string): Generator<{ names: string; party: string; end: number }> {
  let from = 0;
  for (;;) {
    const open = text.indexOf('(', from);
    if (open < 0) return;
    const close = text.indexOf(')', open + 1);
    if (close < 0) return;
    const before = text.slice(from, open);
    from = close + 1;
    if (close === open + 1) continue; // "()": no party
    yield { names: before.slice(before.lastIndexOf(')') + 1).trimEnd(), party: text.slice(open + 1, close), end: close + 1 };
  }
}

/**
 * The "Vragen van het lid A aan B over C (ingezonden D)" sentence of a header as the groups of
 *   /(Mondelinge\s+)?[Vv]ra(?:ag|gen) van (?:(?:het|de) )?(?:lid|leden) (.+?) aan (.+?)(?:\s|,\s|(?<=\p{Ll}))over(?:\s+|(?=(?:de|het|een)\b|[«‘'"“]))(.*?)\s*(?:\(ingezonden ([^)]+)\)|(?=Antwoord van|Mededeling van|Zie ook)|$)/u
 * would give them ([whole, oral, askers, addressees, title, submitted]), by a scanner that takes each
 * lazy group's first possible end in turn: the pattern itself backtracks cubically on a header that
 * lacks a part (11 KB took 19 s).
 */
export function askedIn(flat: string): (string | undefined)[] | null {
  const start = /(Mondelinge\s+)?[Vv]ra(?:ag|gen) van (?:(?:het|de) )?(?:lid|leden) /u.exec(flat);
  if (start === null) return null;
  const s = start.index + start[0].length;
  const aan = flat.indexOf(' aan ', s + 1);
  if (aan < 0) return null;
  const over = /(?:\s|,\s|(?<=\p{Ll}))over(?:\s+|(?=(?:de|het|een)\b|[«‘'"“]))/gu;
  over.lastIndex = aan + 6;
  const o = over.exec(flat);
  if (o === null) return null;
  const t = o.index + o[0].length;
  // The title ends at the first "(ingezonden …)", "Antwoord van"/"Mededeling van"/"Zie ook", or the end,
  // less the white space before it.
  let end = flat.length;
  let submitted: string | undefined;
  const marker = /Antwoord van|Mededeling van|Zie ook/g;
  marker.lastIndex = t;
  const m = marker.exec(flat);
  if (m) end = m.index;
  for (let ing = flat.indexOf('(ingezonden ', t); ing >= 0 && ing < end; ing = flat.indexOf('(ingezonden ', ing + 1)) {
    const close = flat.indexOf(')', ing + 12);
    if (close < 0) break;
    if (close > ing + 12) {
      end = ing;
      submitted = flat.slice(ing + 12, close);
      break;
    }
  }
  let titleEnd = end;
  while (titleEnd > t && /\s/.test(flat.charAt(titleEnd - 1))) titleEnd--;
  return [flat.slice(start.index, end), start[1], flat.slice(s, aan), flat.slice(aan + 5, o.index), flat.slice(t, titleEnd), submitted];
}

/**
 * "Antwoord van … (ontvangen 21 maart 2024)" as /((?:Antwoord|Mededeling) van .+?\((?:ontvangen\s*\(?)+([^)]+)\)+)\.?/
 * would find it ([the whole, the date]), by a scanner for the same reason as askedIn.
 */
export function answeredIn(flat: string): [string, string] | null {
  const start = /(?:Antwoord|Mededeling) van /.exec(flat);
  if (start === null) return null;
  const tail = /(?:ontvangen\s*\(?)+([^)]+)\)+/y;
  for (let p = flat.indexOf('(ontvangen', start.index + start[0].length + 1); p >= 0; p = flat.indexOf('(ontvangen', p + 1)) {
    if (flat.indexOf(')', p) < 0) return null;
    tail.lastIndex = p + 1;
    const m = tail.exec(flat);
    if (m) return [flat.slice(start.index, tail.lastIndex), m[1] ?? ''];
  }
  return null;
}

/** pdftotext glues a lower-case particle to the surname: "Inge vanDijk" → "Inge van Dijk". */
function fixGluedParticle(name: string): string {
  return name.replace(/\b(van|de|der|den|ter|ten|in ’t|’t)(?=\p{Lu})/gu, '$1 ').replace(/\s+/g, ' ');
}

/** "de Ministers van Buitenlandse Zaken en voor Buitenlandse Handel …" → one entry per office. */
export function parseAddressees(text: string): string[] {
  const t = text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^(de|het)\s+/i, '');
  const plural = /^(Ministers|Staatssecretarissen) (.+)$/.exec(t);
  if (plural?.[2]) {
    const singular = plural[1] === 'Ministers' ? 'Minister' : 'Staatssecretaris';
    return plural[2].split(/ en (?=(?:van|voor) )/).map((part) => `${singular} ${part.trim()}`);
  }
  return t
    .split(/,? en (?:de |het )?(?=(?:Minister|Staatssecretaris|Minister-President)\b)|, (?:de |het )?(?=(?:Minister|Staatssecretaris)\b)/)
    .map((s) => s.replace(/^(de|het)\s+/i, '').trim())
    .filter((s) => s.length > 0);
}

/** "Antwoord van Minister Bruins Slot (BZ) van Minister Schreinemacher (…)" → the answering office-holders. */
export function parseAnsweredBy(text: string): string[] {
  return answererParts(text).map((p) => p.name);
}

/**
 * The department printed in parentheses after each answerer, index for index with parseAnsweredBy:
 * "Minister Bruins Slot (BZ) van Minister Schreinemacher (Buitenlandse Handel en Ontwikkelingssamenwerking)"
 * → ["BZ", "Buitenlandse Handel en Ontwikkelingssamenwerking"]; null where none is printed.
 */
export function parseAnsweredByDepartments(text: string): (string | null)[] {
  return answererParts(text).map((p) => p.department);
}

const ANSWERER_SPLIT = /\s+(?:van|en|en van)\s+(?=(?:de\s+)?(?:Minister|Staatssecretaris|Minister-President)\b)/i;

function answererParts(text: string): { name: string; department: string | null }[] {
  const head = text
    .replace(/\s+/g, ' ')
    .replace(/^(Antwoord|Mededeling) van\s+/, '')
    .replace(/\s*\((?:ontvangen\s+)+[^)]*\)\.?\s*$/, '')
    .replace(/,?\s*mede namens .*$/, '');
  // Word papers leave the department's parenthesis open: "Karremans (Volksgezondheid, Welzijn en Sport (ontvangen …)".
  const unclosed = /\(([^()]+)$/.exec(head)?.[1]?.trim() ?? null;
  const t = head.replace(/\s*\([^()]*$/, '');
  const tidy = (s: string): string =>
    s
      .replace(/^de\s+/, '')
      .trim()
      .replace(/^(minister|staatssecretaris)\b/, (w) => w.charAt(0).toUpperCase() + w.slice(1));
  const names = stripParentheses(t)
    .split(ANSWERER_SPLIT)
    .map(tidy)
    .filter((s) => s.length > 0);
  // The same split with the parentheses kept gives each answerer's department; if the two splits disagree
  // (a separator inside a parenthesis), no department is read rather than a wrong one.
  const withParens = t
    .split(ANSWERER_SPLIT)
    .map(tidy)
    .filter((s) => s.length > 0);
  const departments = withParens.length === names.length ? withParens.map((p) => /\(([^()]+)\)\s*$/.exec(p)?.[1]?.trim() ?? null) : names.map(() => null);
  if (unclosed !== null && departments.length > 0 && departments[departments.length - 1] === null) departments[departments.length - 1] = unclosed;
  return names.map((name, i) => ({ name, department: departments[i] ?? null }));
}

function stripParentheses(text: string): string {
  let out = text;
  for (;;) {
    const next = out.replace(/\s*\([^()]*\)/g, '');
    if (next === out) return out.trim();
    out = next;
  }
}

/** What the header of any member of the family says, from its lines flattened. */
function readHeader(headerLines: readonly Line[]): Pick<Draft, 'header' | 'zaak' | 'documentNumber' | 'related'> & { oral: boolean; noticeBy: boolean; answerBy: boolean } {
  const header = emptyHeader();
  const texts = headerLines.map((l) => l.text).filter((t) => t !== '');
  const headerText = texts.join('\n');
  // The Aanhangsel number: under "… gegeven antwoorden" in the PDF, "AH 602" in the ministry's Word version.
  const nr = texts.find((t, i) => /^\d{1,5}$/.test(t) && i > 0 && /antwoorden$/.test(texts[i - 1] ?? ''));
  const ah = /^AH\s*(\d{1,5})$/m.exec(headerText);
  header.ondernummer = nr ?? ah?.[1] ?? null;
  const year = /Vergaderjaar (\d{4})\s*[–-]\s*(\d{4})/.exec(headerText);
  if (year) header.vergaderjaar = `${year[1]}-${year[2]}`;
  // White space runs as one space (the runs that are not one already: a long header has a match per word otherwise).
  const flat = headerText.replace(/\s{2,}|[^\S ]/g, ' ');
  const asked = askedIn(flat);
  if (asked) {
    header.askers = parseAskers(asked[2] ?? '');
    header.addressees = parseAddressees(asked[3] ?? '');
    header.title = (asked[4] ?? '').trim().replace(/\.$/, '') || null;
    if (asked[5]) header.submitted = isoDate(asked[5]);
  }
  // The Word version prints "(ingezonden 20 november 2024)" on a line of its own above the askers.
  header.submitted ??= isoDate(/\(ingezonden ([^)]+)\)/.exec(flat)?.[1] ?? '');
  const answered = answeredIn(flat);
  if (answered) {
    header.answeredBy = parseAnsweredBy(answered[0]);
    header.answeredByDepartment = parseAnsweredByDepartments(answered[0]);
    header.received = isoDate(answered[1]);
  }
  const zaak = /(?<![\w/=])((?:19|20)\d\d)\s?Z\s?(\d{5})(?!\d)/.exec(flat);
  const doc = /(?<![\w/=])((?:19|20)\d\d)\s?D\s?(\d{5})(?!\d)/.exec(flat);
  return {
    header,
    zaak: zaak ? `${zaak[1]}Z${zaak[2]}` : null,
    documentNumber: doc ? `${doc[1]}D${doc[2]}` : null,
    related: headerLines
      .filter((l) => /Zie ook/.test(l.text))
      .flatMap((l) => {
        // The citation may run on to the next line: take the line and the one after.
        const k = headerLines.indexOf(l);
        const next = headerLines[k + 1];
        return next && next.text !== '' && !/\d\.?$/.test(l.text) ? [l, next] : [l];
      }),
    oral: Boolean(asked?.[1]),
    noticeBy: /\bMededeling van\b/.test(flat),
    answerBy: /\bAntwoord van\b/.test(flat),
  };
}

const BARE_ANSWER = /^Antwoord\s*(?::\s*(.*))?$/;
/** "1", "1.", "1)" alone on a line, or "1. Bent u bekend …": a question number in papers without "Vraag N". */
const NUMBERED = /^(\d{1,3})\s*[.)]?\s*$|^(\d{1,3})[.)]\s+(\S.*)$/;
/** Where footnotes begin in the Word version: a rule, then "1) …" or "[1] …". */
const RULE = /^[_\u2014-]{5,}$/;
const NOTE = /^(?:\[\d{1,3}\]|\d{1,3}\))\s*\S/;

interface Heading {
  kind: 'question' | 'answer' | 'notice';
  numbers: number[];
  /** Text printed after the heading on its line ("Antwoord vraag 1: Ja."), as a line of its own. */
  rest: Line | null;
}

const VISIBLE = /[^\s\u200b-\u200d\u2060\ufeff]/u;

/**
 * The part of a line after its heading, with its offsets: `heading` is the line as matched
 * (headingText: invisible characters dropped, white space made one space), `rest` a suffix of it.
 */
function restOf(line: Line, heading: string, rest: string): Line | null {
  const r = rest.trim();
  if (r === '') return null;
  let at = line.text.lastIndexOf(r);
  if (at < 0) {
    // The rest held characters headingText dropped: skip as many visible characters of the line as the heading part has.
    let k = [...heading.slice(0, heading.lastIndexOf(r))].filter((c) => VISIBLE.test(c)).length;
    at = 0;
    while (at < line.text.length && (k > 0 || !VISIBLE.test(line.text.charAt(at)))) {
      if (VISIBLE.test(line.text.charAt(at))) k--;
      at++;
    }
  }
  const t = line.text.slice(at).trim();
  if (t === '') return null;
  const start = line.textStart + at;
  return { ...line, start, textStart: start, raw: t, text: t };
}

/** Where the Word version's footnotes start (after a rule, or the trailing run of "1) …" lines); lines.length if none. */
function notesStart(lines: readonly Line[]): number {
  for (let i = lines.length - 1; i >= 0; i--) if (RULE.test(lines[i]?.text ?? '')) return i;
  let start = lines.length;
  for (let i = lines.length - 1; i >= 0; i--) {
    const t = lines[i]?.text ?? '';
    if (t === '') continue;
    if (NOTE.test(t)) start = i;
    else break;
  }
  return start;
}

/**
 * Reader for the Kamervragen family in every text rendering: the Aanhangsel
 * (questions with their answers, "Vraag N" / "Antwoord N"), the ministry's Word
 * version ("AH 602", numbered questions, "Antwoord vraag 1", "Antwoord op vraag 1",
 * an unnumbered "Antwoord", "Antwoord vragen 1, 2 en 3"), the questions as
 * submitted (kv-tk-…, numbered or not), oral questions (the header only), and a
 * "Mededeling" instead of answers (with or without the questions).
 */
export function readKamervragen(layout: Layout): Draft {
  const all = layout.content;
  const notes = notesStart(all);
  const lines = all.slice(0, notes);
  // Headings as matched: any white space one space, zero-width characters dropped (headings.ts).
  const texts = lines.map((l) => headingText(l.text));
  const byVraag = texts.some((t) => QUESTION.test(t));
  let expected = 1;
  const nonEmpty = lines.filter((l) => l.text !== '');
  /** Looks ahead for a question mark in the paragraph a numbered line opens. */
  const asks = (i: number): boolean => {
    for (let j = i; j < lines.length && j < i + 12; j++) {
      const t = lines[j]?.text ?? '';
      if (j > i && (t === '' || classify(j, false) !== null)) return j > i + 1 || /[?:]\s*(?:\d+\)|\[\d+\])?$/.test(lines[i]?.text ?? '');
      if (/\?/.test(t)) return true;
    }
    return false;
  };
  const classify = (i: number, numbered: boolean): Heading | null => {
    const line = lines[i];
    const t = texts[i];
    if (!line || t === undefined) return null;
    const q = QUESTION.exec(t);
    if (q) return { kind: 'question', numbers: answerNumbers(q[1] ?? ''), rest: null };
    const a = ANSWER.exec(t);
    if (a) return { kind: 'answer', numbers: answerNumbers(a[1] ?? ''), rest: a[2] ? restOf(line, t, a[2]) : null };
    const bare = BARE_ANSWER.exec(t);
    if (bare) return { kind: 'answer', numbers: [], rest: bare[1] ? restOf(line, t, bare[1]) : null };
    if (NOTICE.test(t)) return { kind: 'notice', numbers: [], rest: null };
    if (numbered && !byVraag) {
      const n = NUMBERED.exec(t);
      const k = Number(n?.[1] ?? n?.[2]);
      if (n && k === expected && (n[1] !== undefined || asks(i))) return { kind: 'question', numbers: [k], rest: n[3] ? restOf(line, t, n[3]) : null };
    }
    return null;
  };
  let first = -1;
  for (let i = 0; i < lines.length && first < 0; i++) if (classify(i, true)) first = i;
  // Without headings (questions as submitted, unnumbered; a notice on its own) the header is the paragraphs that say who asks or answers.
  let headerEnd = first;
  if (first < 0) {
    let last = -1;
    for (let i = 0; i < lines.length && i < 40; i++) {
      if (/^(?:AH\s*\d|(?:19|20)\d\d\s?Z\s?\d|\(ingezonden|(?:Mondelinge\s+)?[Vv]ra(?:ag|gen) van|Antwoord van|Mededeling van|Zie ook|Tweede Kamer der|Vergaderjaar)/.test(lines[i]?.text ?? '')) last = i;
    }
    headerEnd = last + 1;
    while (headerEnd < lines.length && (lines[headerEnd]?.text ?? '') !== '' && last >= 0 && !/[.)]$/.test(lines[headerEnd - 1]?.text ?? '')) headerEnd++;
  }
  const head = readHeader(lines.slice(0, headerEnd));
  const { header } = head;
  const body = lines.slice(headerEnd);
  // The Word version separates paragraphs by blank lines; the PDF text by line measure.
  const blankSeparated = nonEmpty.length > 0 && lines.filter((l, i) => l.text !== '' && (lines[i + 1]?.text ?? '') === '').length >= nonEmpty.length * 0.4;
  const paragraphsOf = (ls: Line[]): Paragraph[] => (blankSeparated ? paragraphs(ls, { isHeading: () => false }) : paragraphsByMeasure(ls, () => false));

  const blocks: DraftBlock[] = [];
  const waiting = new OpenQuestions();
  const warnings: string[] = [];
  let notice: DraftNotice | null = null;
  let current: { heading: Line; kind: Heading['kind']; numbers: number[]; lines: Line[] } | null = null;
  const flush = (): void => {
    if (!current) return;
    const ps = paragraphsOf(current.lines);
    if (current.kind === 'question') {
      const block: DraftBlock = { numbers: current.numbers, faction: null, topic: null, question: ps, questionHeading: current.heading, answer: null };
      blocks.push(block);
      waiting.add(block);
    } else if (current.kind === 'answer') {
      attachAnswer(blocks, { numbers: current.numbers, heading: current.heading, paragraphs: ps }, warnings, waiting);
    } else {
      notice = { heading: current.heading, paragraphs: ps };
    }
    current = null;
  };
  if (first >= 0) {
    for (let i = first; i < lines.length; i++) {
      const line = lines[i];
      if (!line) continue;
      const h = classify(i, true);
      if (h) {
        flush();
        current = { heading: line, kind: h.kind, numbers: h.numbers, lines: h.rest ? [h.rest] : [] };
        if (h.kind === 'question') expected = Math.max(expected, ...h.numbers) + 1;
        continue;
      }
      current?.lines.push(line);
    }
    flush();
    // Blocks merged into another by an answer to several questions leave the list (once, at the end).
    if (waiting.merged.size > 0) {
      let w = 0;
      for (const b of blocks) if (!waiting.merged.has(b)) blocks[w++] = b;
      blocks.length = w;
    }
  } else if (head.noticeBy && !head.answerBy) {
    // A notice of delay in the Word version: the header's "Mededeling van …" line heads the text below it.
    const by = lines.slice(0, headerEnd).find((l) => /^Mededeling van/.test(l.text));
    const ps = paragraphsOf(body);
    if (by && ps.length > 0) notice = { heading: by, paragraphs: ps };
  } else {
    // Questions as submitted without numbers: each paragraph is a question, numbered in order as the Aanhangsel will.
    for (const p of paragraphsOf(body)) {
      const firstLine = p[0];
      if (!firstLine) continue;
      blocks.push({ numbers: [blocks.length + 1], faction: null, topic: null, question: [p], questionHeading: firstLine, answer: null });
    }
  }
  // A notice of delay without the questions names the askers in its text: "Op 6 november jl. hebben de leden
  // Gabriëls en Bromet (beiden GroenLinks-PvdA) schriftelijke vragen gesteld", "De vragen van het lid Flach (SGP) over …".
  if (header.askers.length === 0 && notice) {
    const said = notice.paragraphs
      .flat()
      .map((l) => l.text)
      .join(' ');
    // Names, each group closed by its party in parentheses; parentheses never nest, so this stays linear.
    const m = /\b(?:het lid|de leden) ([^()]{1,80}\([^()]{1,60}\)(?:(?:,\s*|\s+en\s+)[^()]{1,80}\([^()]{1,60}\))*)/.exec(said);
    if (m?.[1]) header.askers = parseAskers(m[1]);
  }

  const answered = blocks.filter((b) => b.answer !== null).length;
  const stage: KamervragenStage = answered > 0 || (head.answerBy && blocks.length > 0 && !head.noticeBy) ? 'answers' : notice !== null || head.noticeBy ? 'notice' : head.oral ? 'oral-questions' : 'questions';
  if (stage === 'answers') {
    const open = blocks.filter((b) => b.answer === null).flatMap((b) => b.numbers);
    if (open.length > 0) warnings.push(`no answer found to question${open.length > 1 ? 's' : ''} ${open.join(', ')}`);
  }
  if (header.askers.length === 0 && stage !== 'answers' && stage !== 'notice') warnings.push('no askers found in the header ("Vragen van het lid …")');
  // All askers put every question: a faction per block when they share one, decided once their party names are resolved.
  return { header, blocks, notice, zaak: head.zaak, documentNumber: head.documentNumber, related: head.related, stage, warnings, blocksOfAskers: true };
}

/**
 * The question blocks still waiting for an answer, found in amortised constant
 * time: stacks in document order, overall, by numbers and by each number, from
 * which answered blocks are dropped lazily. (A scan of all blocks per answer
 * was quadratic: 50,000 "Antwoord 1" lines ran over a minute.)
 */
class OpenQuestions {
  private readonly order: DraftBlock[] = [];
  private readonly byKey = new Map<string, DraftBlock[]>();
  private readonly byNumber = new Map<number, DraftBlock[]>();
  private readonly rank = new Map<DraftBlock, number>();
  /** Blocks merged into another one, to be taken out of the block list at the end. */
  readonly merged = new Set<DraftBlock>();

  add(block: DraftBlock): void {
    this.rank.set(block, this.rank.size);
    this.order.push(block);
    push(this.byKey, block.numbers.join(), block);
    for (const n of block.numbers) push(this.byNumber, n, block);
  }

  private top(stack: DraftBlock[] | undefined): DraftBlock | undefined {
    while (stack && stack.length > 0) {
      const b = stack[stack.length - 1];
      if (b && b.answer === null && !this.merged.has(b)) return b;
      stack.pop();
    }
    return undefined;
  }

  /** The last open block. */
  last(): DraftBlock | undefined {
    return this.top(this.order);
  }

  /** The last open block with exactly these numbers. */
  withNumbers(numbers: readonly number[]): DraftBlock | undefined {
    return this.top(this.byKey.get(numbers.join()));
  }

  /** Open blocks whose numbers are all among these (the last one per number), in document order. */
  coveredBy(numbers: readonly number[]): DraftBlock[] {
    const found = new Set<DraftBlock>();
    for (const n of numbers) {
      const b = this.top(this.byNumber.get(n));
      if (b && b.numbers.length > 0 && b.numbers.every((k) => numbers.includes(k))) found.add(b);
    }
    return [...found].sort((a, b) => (this.rank.get(a) ?? 0) - (this.rank.get(b) ?? 0));
  }
}

function push<K>(map: Map<K, DraftBlock[]>, key: K, block: DraftBlock): void {
  const stack = map.get(key);
  if (stack) stack.push(block);
  else map.set(key, [block]);
}

/**
 * An answer goes to the open question with its numbers; an answer to several
 * questions printed one by one ("Antwoord 6 en 7", "Antwoord vragen 1, 2, 3, 4
 * en 5") merges them into one block; an unnumbered "Antwoord" answers the last
 * open question.
 */
function attachAnswer(blocks: DraftBlock[], answer: DraftAnswer, warnings: string[], open: OpenQuestions): void {
  const numbers = answer.numbers;
  if (numbers.length === 0) {
    const last = open.last();
    if (last) last.answer = { ...answer, numbers: last.numbers };
    else warnings.push(`an answer ("${answer.heading.text}") follows no open question`);
    if (!last) blocks.push({ numbers: [], faction: null, topic: null, question: [], answer });
    return;
  }
  const same = open.withNumbers(numbers);
  if (same) {
    same.answer = answer;
    return;
  }
  const covered = open.coveredBy(numbers);
  const union = covered.flatMap((b) => b.numbers);
  if (covered.length > 1 && numbers.every((n) => union.includes(n))) {
    const [keep, ...rest] = covered;
    if (keep) {
      keep.numbers = [...union].sort((x, y) => x - y);
      keep.question = covered.flatMap((b) => b.question);
      keep.answer = answer;
      for (const r of rest) open.merged.add(r);
      return;
    }
  }
  const last = open.last();
  if (last) {
    renumberRepeatedHeading(blocks, last, numbers, answer, warnings);
    last.answer = answer;
  } else blocks.push({ numbers, faction: null, topic: null, question: [], answer });
}

/**
 * A question heading printed twice in a row ("Vraag 7", "Vraag 7", "Antwoord 8"): the second is the
 * question whose number its answer prints (the next one), not a second question 7. Checked in constant
 * time on the last two blocks only; the paper is read as printed otherwise.
 */
function renumberRepeatedHeading(blocks: DraftBlock[], last: DraftBlock, numbers: readonly number[], answer: DraftAnswer, warnings: string[]): void {
  const previous = blocks[blocks.length - 2];
  const [only] = numbers;
  if (blocks[blocks.length - 1] !== last || previous === undefined || numbers.length !== 1 || only === undefined || last.numbers.length !== 1) return;
  const printed = last.numbers[0];
  if (printed === undefined || previous.numbers.length !== 1 || previous.numbers[0] !== printed || only !== printed + 1) return;
  warnings.push(`question heading ${printed} printed twice: the second read as question ${only}, the number of its answer ("${answer.heading.text.trim()}")`);
  last.numbers = [only];
}
