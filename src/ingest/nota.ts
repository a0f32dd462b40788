/**
 * Reader for the nota naar aanleiding van het verslag: the government quotes
 * each faction's passage from the verslag ("De leden van de VVD-fractie …")
 * and replies to it. Nothing is numbered; a faction passage followed by the
 * reply paragraphs makes one block.
 */
import { sameFactionName } from './factions.js';
import type { PrintedAsker } from './structure.js';
import type { Layout } from './layout.js';
import { lineAt, type Line } from './lines.js';
import { firstLine, paragraphsByMeasure, type Paragraph } from './paragraphs.js';
import { emptyHeader, type Draft, type DraftBlock } from './draft.js';
import { isoDate } from './dates.js';
import { answerNumbers, NUMBER_LIST } from './numbers.js';
import { headingText } from './headings.js';

/** Section numbers: "1.", "2.1", "I.", "A." (never a year: "2024.1 Om …" is text with a footnote marker). */
const SECTION_NUMBER = /^(?:\d{1,2}(?:\.\d{1,2})*\.?|[IVX]{1,4}\.|[A-Z]\.)\s+/;
const SECTION = /^(?:\d{1,2}(?:\.\d{1,2})*\.?|[IVX]{1,4}\.|[A-Z]\.)\s+\p{Lu}[^.?!]{0,90}$/u;
/** The heading of a reply. */
const REPLY = /^Antwoord:?$/;
/** A question number printed in the margin, on a line of its own. */
const MARGIN_NUMBER = new RegExp(String.raw`^(?:Vra(?:ag|gen) )?(${NUMBER_LIST})$`);
const FACTION_IN_TEXT = /\bleden van de ([\p{L}\d-]+(?: [\p{L}\d-]+){0,4}?)[- ]fractie\b/u;
const FACTION_OPENING = /^(?:De|Ook de|Tevens|Voorts|Verder|Tot slot|Tenslotte|Daarnaast|Ook)\b[^.]{0,60}?\bleden van de [\p{L}\d -]+?-fractie\b/u;
const FOLLOW_UP = /^(?:Deze|Zij|De) leden\b|^(?:Ook|Tevens|Voorts|Verder|Daarnaast) (?:vragen|willen|verzoeken) (?:deze|de) leden\b/;

function text(p: Paragraph): string {
  return p.map((l) => l.text).join(' ');
}

export function isNotaHeading(raw: string): boolean {
  const text = headingText(raw);
  return SECTION.test(text) && text.length < 90;
}

export function readNota(layout: Layout): Draft {
  const lines = layout.content;
  const header = emptyHeader();
  const startIdx = lines.findIndex((l) => /^NOTA NAAR AANLEIDING VAN HET VERSLAG/i.test(l.text));
  const headLines = lines.slice(0, Math.max(startIdx, 0)).filter((l) => l.text !== '');
  const dossierLine = headLines.find((l) => /^\d{2} \d{3}(?:[- ][A-Z]+|-\d+)?$/.test(l.text));
  header.dossier = dossierLine ? dossierLine.text.replace(/ (?=\d)/, '').replace(/ /g, '-') : null;
  const nrLine = headLines.find((l) => /^Nr\. \S+$/.test(l.text));
  header.ondernummer = nrLine ? nrLine.text.slice(4) : null;
  const year = /Vergaderjaar (\d{4})\s*[–-]\s*(\d{4})/.exec(headLines.map((l) => l.text).join('\n'));
  if (year) header.vergaderjaar = `${year[1]}-${year[2]}`;
  if (dossierLine && nrLine) {
    const i = headLines.indexOf(dossierLine);
    const j = headLines.indexOf(nrLine);
    header.title =
      headLines
        .slice(i + 1, j)
        .map((l) => l.text)
        .join(' ')
        .replace(/\s+/g, ' ') || null;
  }
  const received = lines.find((l) => /^Ontvangen \d/.test(l.text));
  header.received = received ? isoDate(received.text) : null;
  // Signature: "De Minister van Economische Zaken en Klimaat," then the name.
  for (let i = lines.length - 2; i >= 0; i--) {
    // i runs from the last but one line down: lines i and i + 1 exist.
    const m = /^De ((?:Minister|Staatssecretaris|Minister-President)\b.*),$/.exec(lineAt(lines, i).text);
    const name = lineAt(lines, i + 1).text;
    if (m && name !== '') {
      header.answeredBy.unshift(`${m[1]} (${name})`);
    }
    if (header.answeredBy.length > 0 && !m && i < lines.length - 40) break;
  }

  const body = startIdx >= 0 ? lines.slice(startIdx + 1) : lines;
  const ps = paragraphsByMeasure(body, (t) => isNotaHeading(t) || REPLY.test(headingText(t)) || MARGIN_NUMBER.test(headingText(t)));
  // Most notas head each reply "Antwoord" and number the questions in the margin; older ones do neither.
  const marked = ps.some((p) => p.length === 1 && REPLY.test(headingText(firstLine(p).text)));
  const blocks: DraftBlock[] = [];
  const askers: PrintedAsker[] = [];
  let current: DraftBlock | null = null;
  let inReply = false;
  let topic: string | null = null;
  let lastFaction: string | null = null;
  let nextNumber = 1;
  let numbers: number[] | null = null;
  for (const p of ps) {
    const t = p.length === 1 ? headingText(text(p)) : text(p);
    const mm = p.length === 1 ? MARGIN_NUMBER.exec(t) : null;
    const margin = mm ? answerNumbers(mm[1] ?? '') : null;
    const [low] = margin ?? [];
    const high = margin?.at(-1);
    // The next number, or a few further on when the extract lost one.
    if (margin && low !== undefined && high !== undefined && low >= nextNumber && low <= nextNumber + 3) {
      numbers = margin;
      nextNumber = high + 1;
      inReply = false;
      continue;
    }
    if (p.length === 1 && REPLY.test(t)) {
      if (current && !current.answer) {
        current.answer = { numbers: current.numbers, heading: firstLine(p), paragraphs: [] };
        inReply = true;
      }
      continue;
    }
    if (p.length === 1 && isNotaHeading(t)) {
      topic = t.replace(SECTION_NUMBER, '');
      inReply = false;
      continue;
    }
    const opening = FACTION_OPENING.exec(t);
    const followUp = !opening && FOLLOW_UP.test(t) && lastFaction !== null;
    if (opening || followUp || numbers !== null) {
      let faction: string | null = lastFaction;
      let printed: string | null = null;
      if (opening) {
        const fm = FACTION_IN_TEXT.exec(t);
        printed = fm?.[1] ?? null;
        // As printed: which faction it is (and whether it is an asker) is decided after ingest, with the gazetteer.
        faction = printed;
      }
      if (printed && !askers.some((a) => a.faction === printed)) askers.push({ name: `${printed}-fractie`, faction: printed, byFaction: true });
      const continues = current !== null && !inReply && current.answer === null && numbers === null && sameFactionName(current.faction, faction);
      if (!continues) {
        current = { numbers: numbers ?? [], faction, topic, question: [], answer: null };
        blocks.push(current);
        inReply = false;
      }
      current?.question.push(p);
      lastFaction = faction;
      numbers = null;
      continue;
    }
    if (!current) continue;
    if (inReply && current.answer) current.answer.paragraphs.push(p);
    else if (marked)
      current.question.push(p); // the question runs on until its "Antwoord"
    else {
      const answer = (current.answer ??= { numbers: [], heading: firstLine(p), paragraphs: [] });
      answer.paragraphs.push(p);
      inReply = true;
    }
  }
  header.askers = askers;
  return { header, blocks, notice: null };
}

export type { Line };
