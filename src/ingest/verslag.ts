/**
 * Reader for the verslag van een schriftelijk overleg (and the lijst van
 * vragen en antwoorden laid out the same way): faction sections, topic
 * sub-headings, question paragraphs, numbered answers.
 *
 * The extract does not mark where an answer ends and the next question
 * begins. Two signals tell them apart: answers are set in a narrower column
 * (shorter lines), and questions speak of "de leden van de …-fractie" and ask.
 * Between two answer headings the paragraphs are split once, at the point
 * that best separates answer paragraphs from question paragraphs.
 */
import type { Line } from './lines.js';
import type { Layout } from './layout.js';
import { blankSeparated, firstLine, lineWidth, paragraphs, paragraphsByMeasure, type Paragraph } from './paragraphs.js';
import { emptyHeader, type Draft, type DraftAnswer, type DraftBlock } from './draft.js';
import { headingText } from './headings.js';
import type { PrintedAsker } from './structure.js';
import { answerNumbers, NUMBER_LIST } from './numbers.js';
import { readCommitteeHead } from './head.js';

/** "Inbreng van de leden van de VVD-fractie", "Inbreng leden van de Partij voor de Dieren-fractie", "Vragen en opmerkingen van de leden van de fractie van de SP". */
export const FACTION_HEADING = /^(?:Inbreng|Vragen en opmerkingen)(?: van)?(?: de)? leden van de (?:fractie van (?:de )?(.+?(?<!\s\d{1,3}))|(.+?)[- ]fractie)\s*:?\s*$/i;
const ANSWER_HEADING = new RegExp(String.raw`^(${NUMBER_LIST})\.\s*(?:Antwoord|Reactie)\b[^.]{0,60}:?$`, 'i');
/** "I. Vragen en opmerkingen vanuit de fracties", and in Word copies "II<tab>Reactie van de minister" without the dot. */
const SECTION_HEADING = /^(?:[IVX]{1,4}\.\s+\S|[IVX]{1,4}\s+\p{Lu}[^.?!]{0,80}$)/u;

export function isVerslagHeading(raw: string): boolean {
  const text = headingText(raw);
  return FACTION_HEADING.test(text) || ANSWER_HEADING.test(text) || SECTION_HEADING.test(text);
}

export { answerNumbers };

function text(p: Paragraph): string {
  return p.map((l) => l.text).join(' ');
}

/** Words a heading does not end on: a line ending on one runs on into the next. */
const RUNS_ON = /\b(de|het|een|in|van|en|of|op|te|voor|met|aan|bij|door|dat|die|om|als|over|tot|uit|naar|is|zijn|wordt|worden|heeft|hebben|kan|zal|niet|ook|dit|deze|er|zich|hun|haar|zijn|ons|onze)$/i;

export function isTopic(p: Paragraph): boolean {
  if (p.length !== 1) return false;
  const t = headingText(firstLine(p).text);
  return t.length <= 80 && !RUNS_ON.test(t) && /^[\p{Lu}]/u.test(t) && !/[.?!:;,\-–]$/.test(t) && t.split(/\s+/).length <= 10 && !/^\d/.test(t);
}

/** Positive: reads as the factions' question side; negative: as the government's answer. */
export function questionScore(p: Paragraph, closing: ReadonlySet<Line> = new Set()): number {
  const t = text(p);
  let s = 0;
  const w = fullWidth(p, closing);
  if (w !== null) s += Math.max(-4, Math.min(4, (w - 67.5) * 0.8));
  if (/^(De|Deze|Ook de|Tevens|Voorts|Tot slot|Tenslotte|Verder)\b.{0,40}\bleden\b/.test(t)) s += 6;
  if (/\b(leden van de [\p{L}\s-]+?-fractie|de leden|deze leden|de aan het woord zijnde leden)\b/iu.test(t)) s += 3;
  if (t.includes('?')) s += 2.5;
  if (/\b(Zij|Deze leden|De leden)\b.{0,30}\b(vragen|willen|vernemen|verzoeken|horen)\b/.test(t)) s += 3;
  if (/\bzo vragen\b/.test(t)) s += 3;
  if (/^(Het kabinet|Het Koninkrijk|Ja[,.]|Nee[,.]|Zoals|Op dit moment|Momenteel)/.test(t)) s -= 2;
  if (/\buw Kamer\b/i.test(t)) s -= 1.5;
  if (/\b[Zz]ie (ook )?(het )?(antwoord|beantwoording)/.test(t)) s -= 3;
  return s;
}

/**
 * Mean length of the lines that run the full measure: all but a paragraph's
 * last line (`closing` names those last lines when units are parts of paragraphs).
 */
function fullWidth(p: Paragraph, closing: ReadonlySet<Line>): number | null {
  const full = closing.size > 0 ? p.filter((l) => !closing.has(l)) : p.slice(0, -1);
  if (full.length === 0) return closing.size > 0 ? null : lineWidth(p);
  return full.reduce((n, l) => n + l.text.length, 0) / full.length;
}

/**
 * Without blank lines, an answer's last paragraph and the next question can
 * run together: split paragraphs into sentence-aligned units at line ends
 * that close a sentence, so the answer/question split can fall between them.
 */
function sentenceUnits(ps: Paragraph[]): Paragraph[] {
  const out: Paragraph[] = [];
  for (const p of ps) {
    let unit: Line[] = [];
    for (const [i, line] of p.entries()) {
      unit.push(line);
      const next = p[i + 1];
      if (next && /[.?!]$/.test(line.text) && /^[\p{Lu}«]/u.test(next.text)) {
        out.push(unit);
        unit = [];
      }
    }
    if (unit.length > 0) out.push(unit);
  }
  return out;
}

/** Index k: paragraphs [0, k) are answer, [k, n) question. minK/maxK bound the choice. */
function bestSplit(ps: Paragraph[], minK: number, maxK: number, closing: ReadonlySet<Line>): number {
  return splitByScores(
    ps.map((p) => questionScore(p, closing)),
    minK,
    maxK,
  );
}

/**
 * Given each unit's question score, the k in [minK, maxK] that best puts units
 * [0, k) on the answer side and [k, n) on the question side.
 */
export function splitByScores(scores: readonly number[], minK: number, maxK: number): number {
  let best = maxK;
  let bestValue = -Infinity;
  for (let k = minK; k <= maxK; k++) {
    let v = 0;
    for (const [i, s] of scores.entries()) v += i < k ? -s : s;
    // Prefer the later split on ties: an answer runs on until the factions speak again.
    if (v >= bestValue) {
      bestValue = v;
      best = k;
    }
  }
  return best;
}

export function readVerslag(layout: Layout): Draft {
  // The inline extract separates paragraphs by blank lines; pdftotext does not, and there line length tells.
  const inline = layout.style === 'inline' || blankSeparated(layout.content);
  const byMeasure = inline ? [] : paragraphsByMeasure(layout.content, isVerslagHeading, (line) => /^(?:De|Deze|Ook de|Tevens|Voorts|Tot slot) (?:\S+ ){0,3}leden\b/.test(line));
  const ps = inline ? paragraphs(layout.content, { isHeading: isVerslagHeading, pageStarts: layout.pageStarts }) : sentenceUnits(byMeasure);
  /** Last lines of paragraphs, when units are parts of them. */
  const closing = new Set<Line>(byMeasure.map((p) => p.at(-1)).filter((l) => l !== undefined));
  // The head (committee, minister, the letter it is about, a table of contents) stands before the first section or faction heading.
  const opening = ps.findIndex((p) => p.length === 1 && (FACTION_HEADING.test(headingText(firstLine(p).text)) || SECTION_HEADING.test(headingText(firstLine(p).text))));
  const head = opening > 0 && ps.slice(opening).some((p) => FACTION_HEADING.test(headingText(firstLine(p).text))) ? ps.splice(0, opening).flat() : [];
  const blocks: DraftBlock[] = [];
  let faction: string | null = null;
  const askers: PrintedAsker[] = [];
  let topic: string | null = null;
  /** Paragraphs since the last heading or topic. */
  let pending: Paragraph[] = [];
  /** The answer still collecting paragraphs. */
  let openAnswer: DraftAnswer | null = null;
  /** A topic heading seen since the open answer: it closes the answer. */
  let topicSinceAnswer = false;
  let beforeTopic: Paragraph[] = [];

  const closeSection = (): void => {
    // Paragraphs after the last answer: its tail, and perhaps a remark no answer follows.
    const ps2 = topicSinceAnswer ? beforeTopic : pending;
    let remark: Paragraph[] = topicSinceAnswer ? pending : [];
    if (openAnswer) {
      const k = topicSinceAnswer ? ps2.length : bestSplit(ps2, Math.min(1, ps2.length), ps2.length, closing);
      openAnswer.paragraphs.push(...ps2.slice(0, k));
      remark = [...ps2.slice(k), ...remark];
    } else {
      remark = [...ps2, ...remark];
    }
    if (remark.length > 0) {
      blocks.push({ numbers: [], faction, topic, question: remark, answer: null });
    }
    pending = [];
    beforeTopic = [];
    openAnswer = null;
    topicSinceAnswer = false;
  };

  for (const p of ps) {
    const first = headingText(firstLine(p).text);
    const fm = FACTION_HEADING.exec(first);
    if (fm) {
      closeSection();
      const factionPrinted = (fm[1] ?? fm[2] ?? '').replace(/\s+/g, ' ');
      // As printed: which faction it is (and whether it is an asker) is decided after ingest, with the gazetteer.
      faction = factionPrinted;
      topic = null;
      if (!askers.some((a) => a.faction === faction)) askers.push({ name: `${factionPrinted}-fractie`, faction, byFaction: true });
      continue;
    }
    if (SECTION_HEADING.test(first) && p.length === 1) {
      closeSection();
      continue;
    }
    const am = ANSWER_HEADING.exec(first);
    if (am) {
      const numbers = answerNumbers(am[1] ?? '');
      let question: Paragraph[];
      if (openAnswer) {
        if (topicSinceAnswer) {
          openAnswer.paragraphs.push(...beforeTopic);
          question = pending;
        } else {
          const k = bestSplit(pending, Math.min(1, pending.length), Math.max(pending.length - 1, Math.min(1, pending.length)), closing);
          openAnswer.paragraphs.push(...pending.slice(0, k));
          question = pending.slice(k);
        }
      } else {
        question = topicSinceAnswer ? [...beforeTopic, ...pending] : pending;
      }
      const answer: DraftAnswer = { numbers, heading: firstLine(p), paragraphs: [] };
      blocks.push({ numbers, faction, topic, question, answer });
      openAnswer = answer;
      pending = [];
      beforeTopic = [];
      topicSinceAnswer = false;
      continue;
    }
    if (isTopic(p)) {
      if (!topicSinceAnswer) {
        beforeTopic = pending;
        pending = [];
        topicSinceAnswer = true;
      } else if (pending.length > 0) {
        // Two topics with text between: the text is a remark under the first.
        beforeTopic.push(...pending);
        pending = [];
      }
      topic = firstLine(p).text;
      continue;
    }
    pending.push(p);
  }
  closeSection();

  const header = head.length > 0 ? readCommitteeHead(head) : emptyHeader();
  header.askers = askers;
  return { header, blocks, notice: null };
}

export type { Line };
