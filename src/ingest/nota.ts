/**
 * Reader for the nota naar aanleiding van het verslag: the government quotes
 * each faction's passage from the verslag ("De leden van de VVD-fractie …")
 * and replies to it. Nothing is numbered; a faction passage followed by the
 * reply paragraphs makes one block.
 */
import { normaliseFaction } from '../extract/gazetteer.js';
import type { Layout } from './layout.js';
import type { Line } from './lines.js';
import { paragraphsByMeasure, type Paragraph } from './paragraphs.js';
import { emptyHeader, type Draft, type DraftBlock } from './draft.js';
import { isoDate } from './dates.js';

const SECTION = /^(?:\d+(?:\.\d+)*\.?|[IVX]{1,4}\.|[A-Z]\.)\s+[\p{Lu}\p{Ll}][^.?!]{0,90}$/u;
const FACTION_IN_TEXT = /\bleden van de ([\p{L}\d-]+(?: [\p{L}\d-]+){0,4}?)[- ]fractie\b/u;
const FACTION_OPENING = /^(?:De|Ook de|Tevens|Voorts|Verder|Tot slot|Tenslotte|Daarnaast|Ook)\b[^.]{0,60}?\bleden van de [\p{L}\d -]+?-fractie\b/u;
const FOLLOW_UP = /^(?:Deze|Zij|De) leden\b|^(?:Ook|Tevens|Voorts|Verder|Daarnaast) (?:vragen|willen|verzoeken) (?:deze|de) leden\b/;

function text(p: Paragraph): string {
  return p.map((l) => l.text).join(' ');
}

export function isNotaHeading(text: string): boolean {
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
    header.title = headLines.slice(i + 1, j).map((l) => l.text).join(' ').replace(/\s+/g, ' ') || null;
  }
  const received = lines.find((l) => /^Ontvangen \d/.test(l.text));
  header.received = received ? isoDate(received.text) : null;
  // Signature: "De Minister van Economische Zaken en Klimaat," then the name.
  for (let i = lines.length - 2; i >= 0; i--) {
    const m = /^De ((?:Minister|Staatssecretaris|Minister-President)\b.*),$/.exec(lines[i].text);
    if (m && lines[i + 1].text !== '') {
      header.answeredBy.unshift(`${m[1]} (${lines[i + 1].text})`);
    }
    if (header.answeredBy.length > 0 && !m && i < lines.length - 40) break;
  }

  const body = startIdx >= 0 ? lines.slice(startIdx + 1) : lines;
  const ps = paragraphsByMeasure(body, isNotaHeading);
  const blocks: DraftBlock[] = [];
  const askers: { name: string; faction: string | null }[] = [];
  let current: DraftBlock | null = null;
  let inReply = false;
  let topic: string | null = null;
  let lastFaction: string | null = null;
  for (const p of ps) {
    const t = text(p);
    if (p.length === 1 && isNotaHeading(t)) {
      topic = t.replace(/^(?:\d+(?:\.\d+)*\.?|[IVX]{1,4}\.|[A-Z]\.)\s+/, '');
      continue;
    }
    const opening = FACTION_OPENING.exec(t);
    const followUp = !opening && FOLLOW_UP.test(t) && lastFaction !== null;
    if (opening || followUp) {
      let faction: string | null = lastFaction;
      let printed: string | null = null;
      if (opening) {
        const fm = FACTION_IN_TEXT.exec(t);
        printed = fm ? fm[1] : null;
        faction = printed ? normaliseFaction(printed) : null;
      }
      if (faction && printed && !askers.some((a) => a.faction === faction)) askers.push({ name: `${printed}-fractie`, faction });
      const continues = current !== null && !inReply && current.faction === faction;
      if (!continues) {
        current = { numbers: [], faction, topic, question: [], answer: null };
        blocks.push(current);
        inReply = false;
      }
      current?.question.push(p);
      lastFaction = faction;
      continue;
    }
    if (current) {
      if (!current.answer) current.answer = { numbers: [], heading: p[0], paragraphs: [] };
      current.answer.paragraphs.push(p);
      inReply = true;
    }
  }
  header.askers = askers;
  return { header, blocks, notice: null };
}

export type { Line };
