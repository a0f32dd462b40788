/**
 * Kamerstukken in OP XML: the verslag van een schriftelijk overleg, the nota
 * naar aanleiding van het verslag and the lijst van vragen en antwoorden.
 *
 *   <kamerstuk>
 *     <kamerstukkop><tekstregel inhoud="vergaderjaar">Vergaderjaar 2020–2021</tekstregel>…</kamerstukkop>
 *     <dossier><dossiernummer><dossiernr>26 150</dossiernr></dossiernummer><titel>…</titel></dossier>
 *     <stuk><stuknr>Nr. <ondernummer>187</ondernummer></stuknr><titel>VERSLAG VAN EEN SCHRIFTELIJK OVERLEG</titel>
 *       <datumtekst>Vastgesteld <datum isodatum="…">…</datum></datumtekst>
 *       <algemeen><vrije-tekst><tekst>
 *         <al>…</al>
 *         <divisie><kop><nr>I.</nr><titel>Vragen en opmerkingen vanuit de fracties</titel></kop>
 *           <divisie><kop><titel>Inbreng van de leden van de VVD-fractie</titel></kop>
 *             <tekst><al>De leden van de VVD-fractie …</al>
 *               <tussenkop>1. Antwoord van het kabinet:</tussenkop>
 *               <al-groep><al>…</al></al-groep> …
 *
 * The envelope (kamerstukkop/tekstregel, dossiernummer/dossiernr, stuknr with
 * ondernummer, datumtekst/datum@isodatum, algemeen/vrije-tekst/tekst, divisie
 * with kop > nr + titel, tussenkop, al-groep, lijst/li/li.nr, inline noot) is
 * the op-xsd-2014-05-15 structure as read by public code (berthubert/tkconv's
 * XSLT; the KOOP readers in mdconv's tests for kst-34851-4 and kst-36180-133).
 * How the answers of a verslag are set is not confirmed by a public example:
 * the heading may be a <tussenkop> or an <al> ("1. Antwoord van het kabinet:");
 * an answer set in its own <al-groep> (the indented block of the PDF) ends
 * with that group; otherwise the same textual signals as the text reader
 * separate the answer's tail from the next question.
 */
import { sameFactionName } from '../factions.js';
import type { Genre } from '../../model.js';
import { emptyHeader, type DraftHeader } from '../draft.js';
import type { BlockParts } from '../structure.js';
import type { Line } from '../lines.js';
import { answerNumbers, questionScore, splitByScores } from '../verslag.js';
import { readPairs, dateIn, sideOf, vergaderjaarInKop, type Fail, type XmlBody } from './kamervragen.js';
import { foldedSpan, inlineText, paragraphs, spanFromTo, type XmlParagraph } from './text.js';
import { child, descendants, type XmlElement } from './tree.js';

/** The headings verslag.ts reads in the text ("Inbreng van de leden van de VVD-fractie", …). */
const FACTION_HEADING = /^(?:Inbreng|Vragen en opmerkingen)(?: van)?(?: de)? leden van de (?:fractie van (?:de )?(.+?)|(.+?)[- ]fractie)\s*:?\s*$/i;
const ANSWER_HEADING = /^(\d{1,3}(?:\s*(?:,|en|t\/m|-)\s*\d{1,3})*)\.\s*(?:Antwoord|Reactie)\b[^.]{0,60}:?$/i;
const SECTION_HEADING = /^(?:[IVX]{1,4})\.\s+\S/;
/** The faction passages nota.ts reads. */
const FACTION_IN_TEXT = /\bleden van de ([\p{L}\d-]+(?: [\p{L}\d-]+){0,4}?)[- ]fractie\b/u;
const FACTION_OPENING = /^(?:De|Ook de|Tevens|Voorts|Verder|Tot slot|Tenslotte|Daarnaast|Ook)\b[^.]{0,60}?\bleden van de [\p{L}\d -]+?-fractie\b/u;
const FOLLOW_UP = /^(?:Deze|Zij|De) leden\b|^(?:Ook|Tevens|Voorts|Verder|Daarnaast) (?:vragen|willen|verzoeken) (?:deze|de) leden\b/;

/** "26 150" → "26150", "21 501-20" → "21501-20", "36 410 VI" → "36410-VI". */
export function dossierOf(text: string): string | null {
  const m = /^(\d{2}) ?(\d{3})(?:[- ]([0-9A-Z]+))?$/.exec(text.replace(/\s+/g, ' ').trim());
  return m ? `${m[1]}${m[2]}${m[3] ? `-${m[3]}` : ''}` : null;
}

function genreOf(title: string): Genre | null {
  if (/VERSLAG VAN EEN SCHRIFTELIJK OVERLEG/i.test(title)) return 'verslag-schriftelijk-overleg';
  if (/NOTA NAAR AANLEIDING VAN HET VERSLAG/i.test(title)) return 'nota-naar-aanleiding-van-verslag';
  if (/LIJST VAN VRAGEN EN ANTWOORDEN/i.test(title)) return 'lijst-van-vragen-en-antwoorden';
  return null;
}

/** The paper's own text: what stands in <stuk> apart from its number, title, date and signature. */
const STUK_FURNITURE = new Set(['stuknr', 'titel', 'datumtekst', 'ondertekening', 'bijlage', 'officiele-inhoudsopgave']);

export function readKamerstukXml(ks: XmlElement, fail: Fail): XmlBody {
  const header = emptyHeader();
  header.vergaderjaar = vergaderjaarInKop(child(ks, 'kamerstukkop'));
  const dossier = child(ks, 'dossier');
  const nummer = dossier ? child(dossier, 'dossiernummer') : undefined;
  if (nummer) {
    const printed = inlineText(nummer).text;
    header.dossier = dossierOf(printed);
    if (!header.dossier) fail(nummer, `dossier number "${printed}" is not like "26 150" or "21 501-20"`);
  }
  const dossierTitle = dossier ? child(dossier, 'titel') : undefined;
  if (dossierTitle) header.title = inlineText(dossierTitle).text || null;
  const stuk = child(ks, 'stuk');
  if (!stuk) fail(ks, '<kamerstuk> without <stuk>');
  const ondernummer = descendants(stuk, 'ondernummer')[0];
  if (ondernummer) header.ondernummer = inlineText(ondernummer).text || null;
  const datum = child(stuk, 'datumtekst');
  if (datum && /^Ontvangen\b/.test(inlineText(datum).text)) header.received = dateIn(datum);
  // Signature: "De Minister van Economische Zaken en Klimaat," with the name.
  for (const o of descendants(stuk, 'ondertekening')) {
    const functie = child(o, 'functie');
    const naam = child(o, 'naam');
    const f = functie ? /^(?:De |Het )?((?:Minister|Staatssecretaris|Minister-President)\b.*?),?$/.exec(inlineText(functie).text) : null;
    if (f && naam) header.answeredBy.push(`${f[1]} (${inlineText(naam).text})`);
  }

  const stukTitle = child(stuk, 'titel');
  const printedTitle = stukTitle ? inlineText(stukTitle).text : '';
  const ps = paragraphs(stuk, STUK_FURNITURE);
  const genre = genreOf(printedTitle) ?? (ps.some((p) => FACTION_HEADING.test(p.folded.text)) && ps.some((p) => ANSWER_HEADING.test(p.folded.text)) ? 'verslag-schriftelijk-overleg' : null);
  if (!genre) {
    fail(
      stukTitle ?? stuk,
      `not a written-consultation paper this tool reads: the paper is titled "${printedTitle.slice(0, 80)}" (no verslag van een schriftelijk overleg, nota naar aanleiding van het verslag or lijst van vragen en antwoorden)`,
    );
  }
  if (genre === 'lijst-van-vragen-en-antwoorden' && descendants(stuk, 'vraag').length > 0) {
    return { genre, header, blocks: readPairs(stuk, fail, null).blocks, notice: null };
  }
  if (genre === 'nota-naar-aanleiding-van-verslag') {
    const { blocks, askers } = readNota(ps);
    header.askers = askers;
    return { genre, header, blocks, notice: null };
  }
  const { blocks, askers } = readVerslag(ps);
  header.askers = askers;
  return { genre, header, blocks, notice: null };
}

/** A paragraph as the text reader's scoring sees it: one line of text. */
function asLines(p: XmlParagraph): Line[] {
  const { start, end } = foldedSpan(p.folded);
  return [{ n: 0, start, end, raw: p.folded.text, text: p.folded.text, textStart: start }];
}

/** Index k: paragraphs [0, k) end the answer, [k, n) are the next question; later on ties, as the text reader. */
function bestSplit(ps: readonly XmlParagraph[], minK: number, maxK: number): number {
  return splitByScores(
    ps.map((p) => questionScore(asLines(p))),
    minK,
    maxK,
  );
}

interface OpenAnswer {
  numbers: number[];
  heading: XmlParagraph;
  paragraphs: XmlParagraph[];
}

interface DraftXmlBlock {
  numbers: number[];
  faction: string | null;
  topic: string | null;
  /** The first heading of the block (the answer heading when there is no question text). */
  question: XmlParagraph[];
  answer: OpenAnswer | null;
}

function readVerslag(ps: readonly XmlParagraph[]): { blocks: BlockParts[]; askers: DraftHeader['askers'] } {
  const drafts: DraftXmlBlock[] = [];
  const askers: DraftHeader['askers'] = [];
  let faction: string | null = null;
  let topic: string | null = null;
  let pending: XmlParagraph[] = [];
  let open: OpenAnswer | null = null;

  /** How many of the pending paragraphs end the open answer: its <al-groep>, else the textual split. */
  const answerTail = (all: boolean): number => {
    if (!open) return 0;
    const group = open.heading.group ?? pending[0]?.group ?? null;
    if (group) {
      let k = 0;
      while (k < pending.length && pending[k]?.group === group) k++;
      return k;
    }
    return all ? pending.length : bestSplit(pending, Math.min(1, pending.length), pending.length);
  };
  const closeSection = (): void => {
    const k = answerTail(false);
    if (open) open.paragraphs.push(...pending.slice(0, k));
    const remark = pending.slice(k);
    if (remark.length > 0) drafts.push({ numbers: [], faction, topic, question: remark, answer: null });
    pending = [];
    open = null;
  };

  for (const p of ps) {
    const t = p.folded.text;
    const fm = FACTION_HEADING.exec(t);
    if (fm) {
      closeSection();
      const printed = (fm[1] ?? fm[2] ?? '').replace(/\s+/g, ' ');
      // As printed: which faction it is (and whether it is an asker) is decided after ingest, with the gazetteer.
      faction = printed;
      topic = null;
      if (!askers.some((a) => a.faction === printed)) askers.push({ name: `${printed}-fractie`, faction: printed, byFaction: true });
      continue;
    }
    if (p.kind === 'heading' && SECTION_HEADING.test(t)) {
      closeSection();
      continue;
    }
    const am = ANSWER_HEADING.exec(t);
    if (am) {
      const numbers = answerNumbers(am[1] ?? '');
      const k = answerTail(false);
      if (open) open.paragraphs.push(...pending.slice(0, k));
      open = { numbers, heading: p, paragraphs: [] };
      drafts.push({ numbers, faction, topic, question: pending.slice(k), answer: open });
      pending = [];
      continue;
    }
    if (p.kind === 'heading') {
      // A topic sub-heading: what stood before it under an open answer ends that answer.
      const k = answerTail(true);
      if (open) {
        open.paragraphs.push(...pending.slice(0, k));
        pending = pending.slice(k);
        open = null;
      }
      topic = t;
      continue;
    }
    // An answer set in its own group: its paragraphs join it directly.
    if (open && pending.length === 0 && (open.heading.group ?? null) !== null && p.group === open.heading.group) {
      open.paragraphs.push(p);
      continue;
    }
    pending.push(p);
  }
  closeSection();
  return { blocks: drafts.map(toBlockParts), askers };
}

function readNota(ps: readonly XmlParagraph[]): { blocks: BlockParts[]; askers: DraftHeader['askers'] } {
  const drafts: DraftXmlBlock[] = [];
  const askers: DraftHeader['askers'] = [];
  let current: DraftXmlBlock | null = null;
  let inReply = false;
  let topic: string | null = null;
  let lastFaction: string | null = null;
  for (const p of ps) {
    const t = p.folded.text;
    if (p.kind === 'heading') {
      topic = t.replace(/^(?:\d+(?:\.\d+)*\.?|[IVX]{1,4}\.|[A-Z]\.)\s+/, '');
      continue;
    }
    const opening = FACTION_OPENING.exec(t);
    const followUp = !opening && FOLLOW_UP.test(t) && lastFaction !== null;
    if (opening || followUp) {
      let faction: string | null = lastFaction;
      if (opening) {
        const printed = FACTION_IN_TEXT.exec(t)?.[1] ?? null;
        faction = printed;
        if (printed && !askers.some((a) => a.faction === printed)) askers.push({ name: `${printed}-fractie`, faction: printed, byFaction: true });
      }
      if (!(current && !inReply && sameFactionName(current.faction, faction))) {
        current = { numbers: [], faction, topic, question: [], answer: null };
        drafts.push(current);
        inReply = false;
      }
      current.question.push(p);
      lastFaction = faction;
      continue;
    }
    if (current) {
      if (!current.answer) current.answer = { numbers: [], heading: p, paragraphs: [] };
      current.answer.paragraphs.push(p);
      inReply = true;
    }
  }
  return { blocks: drafts.map(toBlockParts), askers };
}

function toBlockParts(d: DraftXmlBlock): BlockParts {
  const q = d.question;
  const a = d.answer;
  const firstFolded = q[0]?.folded ?? a?.heading.folded;
  const aLast = a?.paragraphs.at(-1)?.folded ?? a?.heading.folded;
  const lastFolded = aLast ?? q[q.length - 1]?.folded;
  if (!firstFolded || !lastFolded) throw new Error('a block without paragraphs');
  const qFirst = q[0];
  const qLast = q.at(-1);
  const questionSpan = qFirst && qLast ? spanFromTo(qFirst.folded, qLast.folded) : foldedSpan(firstFolded);
  let answer: BlockParts['answer'] = null;
  if (a) {
    const numbered = a.numbers.length > 0;
    const from = numbered ? a.heading.folded : (a.paragraphs[0]?.folded ?? a.heading.folded);
    answer = { numbers: a.numbers, heading: numbered ? a.heading.folded.text : '', side: sideOf(a.paragraphs), span: spanFromTo(from, aLast ?? from) };
  }
  return { numbers: d.numbers, faction: d.faction, topic: d.topic, question: sideOf(q), questionSpan, answer, span: spanFromTo(firstFolded, lastFolded) };
}
