/**
 * Reader for the lijst van vragen en antwoorden: a committee's numbered
 * (mostly factual) questions about a letter or report, each with its answer.
 * The same content comes as a Kamerstuk ("LIJST VAN VRAGEN EN ANTWOORDEN",
 * "Vastgesteld …", "De vaste commissie voor … heeft een aantal vragen
 * voorgelegd aan …") and as an answer letter of the Algemene Rekenkamer to a
 * committee ("Beantwoording vragen Tweede Kamer over …").
 *
 * Questions are headed "Vraag N" or numbered "N." / "N" in the margin.
 * Answers are headed "Antwoord", "Antwoord N" or "Antwoord op vraag N", or not
 * at all: then the question is its first paragraph, up to the run of
 * sentences that ask (a preamble, the question, "Zo ja, …?"), and the answer
 * is what follows.
 */
import type { Layout } from './layout.js';
import { lineAt, type Line } from './lines.js';
import { firstLine, paragraphs, type Paragraph } from './paragraphs.js';
import type { Draft, DraftBlock } from './draft.js';
import { readVerslag } from './verslag.js';
import { answerNumbers, NUMBER_LIST } from './numbers.js';
import { readCommitteeHead as readHeader } from './head.js';
import { headingText } from './headings.js';

const NUMBERS = `(${NUMBER_LIST})`;
/** "Vraag 3", "Vragen 3 en 4", "Vraag3" (OCR), "Vraag 3:". */
const QUESTION = new RegExp(String.raw`^Vra(?:ag|gen)\s?${NUMBERS}\s*[:.]?$`, 'u');
/** "Antwoord", "Antwoord:", "Antwoord 3", "Antwoord op vraag 3", "Antwoorden 3 en 4", "Antwoord vraag 3". */
const ANSWER = new RegExp(String.raw`^Antwoord(?:en)?(?:\s+(?:op\s+)?(?:vra(?:ag|gen)\s+)?${NUMBERS})?\s*[:.]?$`, 'u');
/** A margin number on a line of its own, or opening the question's first line ("12. Hoeveel …?", "12 Hoeveel …?"). */
const MARGIN_ALONE = /^(\d{1,3})[.)]?$/;
const MARGIN_OPENING = /^(\d{1,3})[.)]?\s+(?=[\p{Lu}«“‘"])/u;
/** Sentences that go on asking after the question: "Zo ja, …", "Graag per organisatie.", "Indien niet, …". */
const ASKS_ON = /^(?:Zo ja|Zo nee|Zo niet|Graag)\b/;

export function isLijstQuestionHeading(text: string): boolean {
  return QUESTION.test(headingText(text));
}

/**
 * A lijst van vragen en antwoorden by its head: the printed title, or an
 * answer letter of the Algemene Rekenkamer to a committee; with at least two
 * "Vraag N" headings in the running text for the letter.
 */
export function isLijstVanVragen(text: string, layout: Layout): boolean {
  const head = text.slice(0, 5000).replace(/\s+/g, ' ');
  if (/LIJST VAN VRAGEN EN ANTWOORDEN/.test(head)) return true;
  if (!/Algemene Rekenkamer/.test(head)) return false;
  if (!/\b(?:antwoorden|beantwoording)\b[^.]{0,80}\bvragen\b/i.test(head)) return false;
  return layout.content.filter((l) => QUESTION.test(headingText(l.text))).length >= 2;
}

interface Heading {
  line: Line;
  numbers: number[];
  /** The question text printed on the heading's line after its margin number. */
  rest: Line | null;
}

/** Question headings in order: "Vraag N" lines, else margin numbers that count up from 1 with answers between. */
function questionHeadings(lines: readonly Line[]): Heading[] {
  const vraag = lines.filter((l) => QUESTION.test(headingText(l.text)));
  if (vraag.length > 0) {
    return vraag.map((line) => ({ line, numbers: answerNumbers(QUESTION.exec(headingText(line.text))?.[1] ?? ''), rest: null }));
  }
  const out: Heading[] = [];
  let sinceAnswer = true;
  for (const line of lines) {
    if (ANSWER.test(headingText(line.text))) {
      sinceAnswer = true;
      continue;
    }
    const alone = MARGIN_ALONE.exec(line.text);
    const opening = alone ? null : MARGIN_OPENING.exec(line.text);
    const m = alone ?? opening;
    if (!m || !sinceAnswer || Number(m[1]) !== out.length + 1) continue;
    let rest: Line | null = null;
    if (opening) {
      const cut = opening[0].length;
      rest = { ...line, text: line.text.slice(cut), textStart: line.textStart + cut };
    }
    out.push({ line, numbers: [Number(m[1])], rest });
    sinceAnswer = false;
  }
  // A numbered list counts only when its items are answered under an "Antwoord" heading.
  return out.length >= 2 && lines.filter((l) => ANSWER.test(headingText(l.text))).length >= out.length / 2 ? out : [];
}

export function readLijst(layout: Layout): Draft {
  const lines = layout.content;
  const headings = questionHeadings(lines);
  const [firstHeading] = headings;
  if (firstHeading === undefined) {
    // Laid out as a verslag: questions, then "1. Antwoord" headings.
    const draft = readVerslag(layout);
    draft.header = { ...readHeader(lines), askers: draft.header.askers.length > 0 ? draft.header.askers : readHeader(lines).askers };
    return draft;
  }
  const first = firstHeading.line;
  const header = readHeader(lines.slice(0, lines.indexOf(first)));
  const blocks: DraftBlock[] = [];
  const index = new Map<Line, Heading>(headings.map((h) => [h.line, h]));
  let current: { heading: Heading; lines: Line[] } | null = null;
  const flush = (): void => {
    if (current) addBlock(blocks, current.heading, current.lines);
    current = null;
  };
  for (const line of lines.slice(lines.indexOf(first))) {
    const h = index.get(line);
    if (h) {
      flush();
      current = { heading: h, lines: h.rest ? [h.rest] : [] };
      continue;
    }
    current?.lines.push(line);
  }
  flush();
  return { header, blocks, notice: null };
}

/** One question block: its question and answer, split at the answer heading or by what the sentences do. */
function addBlock(blocks: DraftBlock[], heading: Heading, body: Line[]): void {
  const at = body.findIndex((l) => ANSWER.test(headingText(l.text)));
  const ps = (ls: Line[]): Paragraph[] => paragraphs(ls, { isHeading: () => false });
  if (at >= 0) {
    const answerLine = lineAt(body, at); // at is a found index
    const printed = ANSWER.exec(headingText(answerLine.text))?.[1];
    const numbers = printed ? answerNumbers(printed) : heading.numbers;
    const question = ps(body.slice(0, at));
    const answer = { numbers, heading: answerLine, paragraphs: ps(body.slice(at + 1)) };
    // "Antwoord 6 en 7" after "Vraag 6" and "Vraag 7" printed one by one answers both: one block.
    const merged: DraftBlock[] = [];
    if ((printed && question.length === 0) || numbers.length > heading.numbers.length) {
      for (let last = blocks.at(-1); last !== undefined; last = blocks.at(-1)) {
        if (last.answer !== null || !last.numbers.every((n) => numbers.includes(n))) break;
        blocks.pop();
        merged.unshift(last);
      }
    }
    const numbersAll = [...new Set([...merged.flatMap((b) => b.numbers), ...heading.numbers])].sort((a, b) => a - b);
    blocks.push({
      numbers: numbersAll,
      faction: null,
      topic: null,
      question: [...merged.flatMap((b) => b.question), ...question],
      questionHeading: merged[0]?.questionHeading ?? heading.line,
      answer,
    });
    return;
  }
  const [question, answer] = splitUnheaded(ps(body));
  blocks.push({
    numbers: heading.numbers,
    faction: null,
    topic: null,
    question,
    questionHeading: heading.line,
    answer: answer[0] !== undefined ? { numbers: heading.numbers, heading: firstLine(answer[0]), paragraphs: answer } : null,
  });
}

/** Sentences of a paragraph as runs of lines: a sentence ends on a line that ends with . ? or !. */
function sentences(p: Paragraph): Line[][] {
  const out: Line[][] = [];
  let cur: Line[] = [];
  for (const l of p) {
    cur.push(l);
    if (/[.?!][”"’)]*$/.test(l.text)) {
      out.push(cur);
      cur = [];
    }
  }
  if (cur.length > 0) out.push(cur);
  return out;
}

const asks = (s: Line[]): boolean => /\?[”"’)]*$/.test(s.at(-1)?.text ?? '');

/**
 * Question and answer of a block without an answer heading. The question is
 * the first paragraph up to the end of its run of asking sentences (or the
 * whole first paragraph when it asks nothing and more follow, or its first
 * sentence when the block is one paragraph); the rest is the answer.
 */
export function splitUnheaded(ps: Paragraph[]): [Paragraph[], Paragraph[]] {
  const [p1, ...more] = ps;
  if (!p1) return [[], []];
  const ss = sentences(p1);
  let k = ss.findIndex(asks);
  // A question opens with a short preamble at most; an asking sentence further on belongs to the answer.
  if (k > 4) k = -1;
  if (k < 0) {
    if (more.length > 0) return [[p1], more];
    k = 0;
  } else {
    for (let next = ss[k + 1]; next !== undefined; next = ss[k + 1]) {
      if (!asks(next) && !ASKS_ON.test(next[0]?.text ?? '')) break;
      k++;
    }
  }
  const question = ss.slice(0, k + 1).flat();
  const rest = ss.slice(k + 1).flat();
  const answer: Paragraph[] = rest.length > 0 ? [rest, ...more] : more;
  return [[question], answer];
}
