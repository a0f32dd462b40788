/**
 * Kamervragen with their answers in OP XML (Aanhangsel van de Handelingen):
 *
 *   <kamervragen>
 *     <kamervraagkop><tekstregel inhoud="vergaderjaar">Vergaderjaar 2023–2024</tekstregel>…</kamervraagkop>
 *     <kamervraagnummer>1786</kamervraagnummer>
 *     <kamervraagomschrijving type="vraag">Vragen van de leden <naam>…</naam> (…) aan … over
 *       <kamervraagonderwerp>…</kamervraagonderwerp> (ingezonden <datum isodatum="2024-04-04">4 april 2024</datum>).</kamervraagomschrijving>
 *     <kamervraagomschrijving type="antwoord">Antwoord van … (ontvangen <datum isodatum="…">…</datum>).</kamervraagomschrijving>
 *     <vraag><nr>Vraag 1</nr><al>…</al></vraag>
 *     <antwoord><nr>Antwoord 1</nr><al>…</al></antwoord>
 *     …
 *   </kamervragen>
 *
 * Structure as found in public code that reads this XML: the op-xsd-2014-05-15
 * XSLT in berthubert/tkconv (kamervragen, kamervraagomschrijving, vraag/nr,
 * antwoord/nr, noot > noot.nr + noot.al), Open State's ocd_backend
 * (kamervraagomschrijving[@type="vraag"|"antwoord"]/datum/@isodatum,
 * kamervraagnummer), openkamer (the text of a Mededeling in
 * kamervraagopmerking) and older scrapers (vraag/nummer for nr, nootref
 * refid → noot id). Header sentences are parsed by the same functions as
 * the text reader, so both give the same askers, addressees and answerers.
 */
import type { Asker, Genre } from '../../model.js';
import { emptyHeader, type DraftHeader } from '../draft.js';
import type { BlockParts, PaperStructure, SideText } from '../structure.js';
import { parseAddressees, parseAnsweredBy, parseAnsweredByDepartments, parseAskers } from '../kamervragen.js';
import { isoDate } from '../dates.js';
import { answerNumbers } from '../verslag.js';
import { attr, child, childElements, descendants, type XmlElement } from './tree.js';
import { foldedSpan, inlineText, joinParagraphs, paragraphs, spanFromTo, spanOfParagraphs, type XmlParagraph } from './text.js';
import type { Folded } from '../fold.js';

export interface XmlBody {
  genre: Genre;
  header: DraftHeader;
  blocks: BlockParts[];
  notice: PaperStructure['notice'];
  /** Kamervragen: every block is of the askers' faction when they share one. */
  blocksOfAskers?: boolean;
}

export type Fail = (el: XmlElement, reason: string) => never;

const NUMBERS = '(\\d{1,3}(?:\\s*(?:,|en|t\\/m|-)\\s*\\d{1,3})*)';
const QUESTION_NR = new RegExp(`^Vra(?:ag|gen)\\s+${NUMBERS}\\s*:?$`);
const ANSWER_NR = new RegExp(`^Antwoord(?:en)?(?: op vra(?:ag|gen))?\\s+${NUMBERS}\\s*:?$`);

/** "Vergaderjaar 2023–2024" → "2023-2024". */
export function vergaderjaarOf(text: string): string | null {
  const m = /(\d{4})\s*[–-]\s*(\d{4})/.exec(text);
  return m ? `${m[1]}-${m[2]}` : null;
}

/** The session printed in a heading block (kamervraagkop, kamerstukkop): its tekstregel inhoud="vergaderjaar". */
export function vergaderjaarInKop(kop: XmlElement | undefined): string | null {
  const line = kop ? childElements(kop, 'tekstregel').find((t) => attr(t, 'inhoud') === 'vergaderjaar') : undefined;
  return line ? vergaderjaarOf(inlineText(line).text) : null;
}

/** The ISO date of a <datum isodatum="…"> inside an element, else the printed date. */
export function dateIn(el: XmlElement): string | null {
  for (const d of descendants(el, 'datum')) {
    const iso = attr(d, 'isodatum');
    if (iso && /^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso;
  }
  return isoDate(inlineText(el).text);
}

/** "(allen D66)", "(beiden GroenLinks)", "(PvdA)" → the party. */
function partyOf(text: string): string | null {
  const t = text.replace(/^\s*(?:allen|beiden|beide|allebei)\s+/i, '').trim();
  if (t === '') return null;
  return t;
}

/**
 * The askers from the markup of "Vragen van de leden <naam>Van Weyenberg</naam>,
 * <naam><voornaam>Romke de </voornaam><achternaam>Jong</achternaam></naam> en
 * <naam>Kat</naam> (allen D66) aan …": one asker per <naam>, each taking the
 * party of the parenthesis that follows its run of names. Null when the
 * description marks no names up.
 */
export function askersFromMarkup(om: XmlElement): Asker[] | null {
  const out: Asker[] = [];
  let waiting: Asker[] = [];
  for (const node of om.children) {
    if (node.type === 'element') {
      if (node.name === 'naam') {
        const name = inlineText(node).text.replace(/\s+/g, ' ').trim();
        if (name !== '') {
          const asker: Asker = { name, faction: null };
          out.push(asker);
          waiting.push(asker);
        }
        continue;
      }
      // The subject or a date: the askers are behind.
      if (node.name === 'kamervraagonderwerp' || node.name === 'datum') break;
      continue;
    }
    let done = false;
    for (const m of node.text.matchAll(/\(([^()]*)\)|\baan\b/g)) {
      if (m[1] === undefined) {
        // "aan de Minister …": the addressees begin.
        if (out.length > 0) done = true;
        if (done) break;
        continue;
      }
      const party = partyOf(m[1]);
      for (const a of waiting) a.faction = party;
      waiting = [];
    }
    if (done) break;
  }
  return out.length > 0 ? out : null;
}

export function sideOf(ps: readonly XmlParagraph[]): SideText {
  return { folded: joinParagraphs(ps), ranges: ps.map((p) => [p.el.start, p.el.end] as [number, number]) };
}

/** The heading of a vraag/antwoord: <nr> (or <nummer> in older files). */
function headingOf(el: XmlElement): XmlElement | undefined {
  return child(el, 'nr') ?? child(el, 'nummer');
}

interface Pending {
  numbers: number[];
  heading: Folded;
  question: XmlParagraph[];
  answer: { numbers: number[]; heading: Folded; paragraphs: XmlParagraph[] } | null;
}

export function readKamervragenXml(kv: XmlElement, fail: Fail): XmlBody {
  const header = emptyHeader();
  header.vergaderjaar = vergaderjaarInKop(child(kv, 'kamervraagkop'));
  const nummer = child(kv, 'kamervraagnummer');
  if (nummer) header.ondernummer = inlineText(nummer).text || null;

  let noticeHeader = false;
  for (const om of childElements(kv, 'kamervraagomschrijving')) {
    const text = inlineText(om).text;
    const type = attr(om, 'type');
    if (type === 'vraag' || (!type && /^Vragen van /.test(text))) {
      const asked = /Vragen van (?:het lid|de leden) (.+?) aan (.+?) over (.+?)\s*\(ingezonden ([^)]+)\)/.exec(text);
      if (!asked) fail(om, `the question description does not read "Vragen van … aan … over … (ingezonden …)": "${text.slice(0, 100)}"`);
      // The askers as marked up (<naam> each, the party in the parenthesis after them), else as printed.
      const [, askedBy = '', askedOf = '', askedAbout = ''] = asked; // all groups take part in a match
      header.askers = askersFromMarkup(om) ?? parseAskers(askedBy);
      header.addressees = parseAddressees(askedOf);
      const onderwerp = child(om, 'kamervraagonderwerp');
      header.title = onderwerp ? inlineText(onderwerp).text : askedAbout.trim();
      header.submitted = dateIn(om);
    } else if (type === 'antwoord' || type === 'mededeling' || /^(Antwoord|Mededeling) van /.test(text)) {
      header.answeredBy = parseAnsweredBy(text);
      header.answeredByDepartment = parseAnsweredByDepartments(text);
      header.received = dateIn(om);
      if (type === 'mededeling' || /^Mededeling van /.test(text)) noticeHeader = true;
    }
  }

  // All askers put every question: a faction per block when they share one, decided once their party names are resolved.
  const { blocks, answered } = readPairs(kv, fail, null);

  // A Mededeling instead of answers: its text stands in <kamervraagopmerking>.
  let notice: XmlBody['notice'] = null;
  const opmerking = child(kv, 'kamervraagopmerking');
  if (opmerking && !answered) {
    let ps = paragraphs(opmerking);
    if (ps.length === 0) {
      const folded = inlineText(opmerking);
      if (folded.text !== '') ps = [{ folded, el: opmerking, kind: 'text', group: null }];
    }
    if (ps.length > 0 || noticeHeader) {
      const side = sideOf(ps);
      notice = { heading: 'Mededeling', side, span: spanOfParagraphs(ps) ?? { start: opmerking.start, end: opmerking.end } };
    }
  }
  return { genre: 'kamervragen', header, blocks, notice, blocksOfAskers: true };
}

/**
 * Question blocks from <vraag>/<antwoord> pairs under a container: an answer
 * goes to the open question with the same numbers ("Vraag 10 en 11" /
 * "Antwoord 10 en 11"), else to the last open one.
 */
export function readPairs(container: XmlElement, fail: Fail, faction: string | null): { blocks: BlockParts[]; answered: boolean } {
  const pending: Pending[] = [];
  const items = [...descendants(container, 'vraag'), ...descendants(container, 'antwoord')].sort((a, b) => a.start - b.start);
  for (const el of items) {
    const nr = headingOf(el);
    if (!nr) fail(el, `<${el.name}> without <nr>: cannot tell which question it is`);
    const heading = inlineText(nr);
    const m = (el.name === 'vraag' ? QUESTION_NR : ANSWER_NR).exec(heading.text);
    // A bare number ("1") is also a heading in older files.
    const bare = /^(\d{1,3})\.?$/.exec(heading.text);
    if (!m && !bare) fail(nr, `<${el.name}> heading "${heading.text}" is not "${el.name === 'vraag' ? 'Vraag' : 'Antwoord'} N"`);
    const numbers = answerNumbers((m ?? bare)?.[1] ?? '');
    const ps = paragraphs(el, new Set(['nr', 'nummer']));
    if (el.name === 'vraag') {
      pending.push({ numbers, heading, question: ps, answer: null });
      continue;
    }
    // The answer belongs to the open question block with the same numbers (or the last open one).
    const target = [...pending].reverse().find((b) => b.answer === null && b.numbers.join() === numbers.join()) ?? [...pending].reverse().find((b) => b.answer === null);
    const answer = { numbers, heading, paragraphs: ps };
    if (target) target.answer = answer;
    else pending.push({ numbers, heading, question: [], answer });
  }

  const blocks: BlockParts[] = pending.map((b) => {
    const q = b.question;
    const first = b.question.length > 0 || !b.answer ? b.heading : b.answer.heading;
    const questionSpan = spanOfParagraphs(q) ?? foldedSpan(first);
    let answer: BlockParts['answer'] = null;
    let last = q.at(-1)?.folded ?? first;
    if (b.answer) {
      const a = b.answer.paragraphs;
      const end = a.at(-1)?.folded ?? b.answer.heading;
      answer = { numbers: b.answer.numbers, heading: b.answer.heading.text, side: sideOf(a), span: spanFromTo(b.answer.heading, end) };
      last = end;
    }
    return { numbers: b.numbers, faction, topic: null, question: sideOf(q), questionSpan, answer, span: spanFromTo(first, last) };
  });

  return { blocks, answered: items.some((e) => e.name === 'antwoord') };
}
