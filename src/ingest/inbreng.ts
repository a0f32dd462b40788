/**
 * Reader for the inbreng of a schriftelijk overleg: the factions' questions
 * and remarks as the committee sends them to the minister, before any answer
 * (published outside a dossier as nds-tk-{document number}, e.g.
 * nds-tk-2024D12345). The same layout as the verslag with answers, without
 * the answers: a head (committee, minister, the letter it is about), often a
 * table of contents, "I Vragen en opmerkingen vanuit de fracties", a section
 * per faction ("Vragen en opmerkingen van de leden van de VVD-fractie"),
 * topic sub-headings, and an empty "II Reactie van de minister".
 *
 * Every question paragraph is a block of its faction (numbered when the
 * paper numbers its questions), so that the later answers can be set beside
 * them.
 */
import type { Draft, DraftBlock } from './draft.js';
import { readCommitteeHead } from './head.js';
import { headingText } from './headings.js';
import type { PrintedAsker } from './structure.js';
import type { Layout } from './layout.js';
import { blankSeparated, firstLine, paragraphs, paragraphsByMeasure, type Paragraph } from './paragraphs.js';
import { FACTION_HEADING, isTopic, isVerslagHeading } from './verslag.js';

/** The printed kind of paper: "INBRENG VERSLAG VAN EEN SCHRIFTELIJK OVERLEG", "Inbreng schriftelijk overleg", "Inbreng voor het schriftelijk overleg". */
const TITLE = /\bINBRENG\b[^.\n]{0,40}\bSCHRIFTELIJK OVERLEG\b/i;
/** The opening of the answers' part: its end for an inbreng. */
const REPLY_SECTION = /^(?:[IVX]{1,4}\.?\s+)?(?:Reactie|Antwoord(?:en)?|Beantwoording) van de (?:minister|staatssecretaris|bewindspersonen?|regering|kabinet)\b/iu;
/** The section of the factions' questions. */
const QUESTIONS_SECTION = /^(?:[IVX]{1,4}\.?\s+)?Vragen en opmerkingen (?:vanuit|van) de fracties\b/iu;
/** A question number printed before the paragraph: "1.", "12" on a line of its own or opening the paragraph. */
const NUMBERED = /^(\d{1,3})[.)]?(?:\s+|$)/;
/** A table of contents line ends on its page number. */
const TOC_LINE = /\s\d{1,3}$/;

/**
 * An inbreng: the printed title, or faction sections with no answer in them
 * (no "1. Antwoord", no "Antwoord", no "Reactie" paragraph under a faction).
 */
export function isInbreng(text: string, layout: Layout): boolean {
  const head = text.slice(0, 4000);
  if (TITLE.test(head)) return true;
  const lines = layout.content.map((l) => headingText(l.text));
  const factions = lines.filter((t) => FACTION_HEADING.test(t) && !TOC_LINE.test(t)).length;
  if (factions === 0) return false;
  return !lines.some((t) => /^\d{1,3}(?:\s*(?:,|en|t\/m|-)\s*\d{1,3})*\.\s*(?:Antwoord|Reactie)\b/i.test(t) || /^Antwoord\b/.test(t));
}

export function readInbreng(layout: Layout): Draft {
  const all = layout.content;
  // The body opens at the questions' section or the first faction heading that is no table-of-contents line.
  // A table of contents names the sections first: the questions' section printed last is the real one.
  const sections = all.map((l, i) => (QUESTIONS_SECTION.test(headingText(l.text)) && !TOC_LINE.test(headingText(l.text)) ? i : -1)).filter((i) => i >= 0);
  const start =
    sections.at(-1) ??
    all.findIndex((l) => {
      const t = headingText(l.text);
      return !TOC_LINE.test(t) && FACTION_HEADING.test(t);
    });
  const head = start > 0 ? all.slice(0, start) : [];
  const body = start >= 0 ? all.slice(start) : all;
  const end = body.findIndex((l) => REPLY_SECTION.test(headingText(l.text)));
  const lines = end >= 0 ? body.slice(0, end) : body;
  const isHeading = (t: string): boolean => isVerslagHeading(t) || QUESTIONS_SECTION.test(headingText(t));
  const ps: Paragraph[] =
    (layout.style === 'inline' && lines.some((l) => l.text === '')) || blankSeparated(lines)
      ? paragraphs(lines, { isHeading, pageStarts: layout.pageStarts })
      : paragraphsByMeasure(lines, isHeading, (t) => /^(?:De|Deze|Ook de|Tevens|Voorts|Tot slot) (?:\S+ ){0,3}leden\b/.test(t));

  const header = readCommitteeHead(head);
  const askers: PrintedAsker[] = [];
  const blocks: DraftBlock[] = [];
  let faction: string | null = null;
  let topic: string | null = null;
  let number: number[] | null = null;
  for (const p of ps) {
    const first = headingText(firstLine(p).text);
    const fm = p.length === 1 ? FACTION_HEADING.exec(first) : null;
    if (fm) {
      const printed = (fm[1] ?? fm[2] ?? '').replace(/\s+/g, ' ');
      // As printed: which faction it is (and whether it is an asker) is decided after ingest, with the gazetteer.
      faction = printed;
      topic = null;
      if (!askers.some((a) => a.faction === faction)) askers.push({ name: `${printed}-fractie`, faction, byFaction: true });
      continue;
    }
    if (p.length === 1 && (QUESTIONS_SECTION.test(first) || isVerslagHeading(first))) continue;
    // A question number on a line of its own numbers the paragraph after it.
    const alone = p.length === 1 ? /^(\d{1,3})[.)]?$/.exec(first) : null;
    if (alone) {
      number = [Number(alone[1])];
      continue;
    }
    if (faction !== null && isTopic(p)) {
      topic = first;
      continue;
    }
    let question = p;
    const opening = NUMBERED.exec(first);
    const expected = (blocks.filter((b) => b.numbers.length > 0).length || 0) + 1;
    if (!number && opening && Number(opening[1]) === expected && first.length > opening[0].length) {
      // "12. De leden van de VVD-fractie vragen …": the number is printed before the paragraph's text.
      const line = firstLine(p);
      const cut = line.text.indexOf(opening[0]) + opening[0].length;
      question = [{ ...line, text: line.text.slice(cut), textStart: line.textStart + cut }, ...p.slice(1)];
      number = [Number(opening[1])];
    }
    blocks.push({ numbers: number ?? [], faction, topic, question: [question], answer: null });
    number = null;
  }
  header.askers = askers.length > 0 ? askers : header.askers;
  return { header, blocks, notice: null };
}
