/**
 * Reader for Kamervragen with their answers (Aanhangsel van de Handelingen):
 * the header (askers with their party, the ministers asked, date submitted,
 * who answered and when), "Vraag N" / "Antwoord N" pairs, merged pairs
 * ("Vraag 10 en 11"), and a "Mededeling" that stands instead of answers.
 */
import { normaliseFaction } from '../extract/gazetteer.js';
import type { Layout } from './layout.js';
import type { Line } from './lines.js';
import { emptyHeader, type Draft, type DraftBlock, type DraftNotice } from './draft.js';
import { answerNumbers } from './verslag.js';
import { isoDate } from './dates.js';
import { paragraphsByMeasure } from './paragraphs.js';

const NUMBERS = '(\\d{1,3}(?:\\s*(?:,|en|t\\/m|-)\\s*\\d{1,3})*)';
/** "Vraag 1", "Vraag 10 en 11", "Vragen 3 t/m 5", with or without a colon. */
const QUESTION = new RegExp(`^Vra(?:ag|gen) ${NUMBERS}\\s*:?$`);
/** "Antwoord 1", "Antwoord 10 en 11", "Antwoord op vraag 2", "Antwoorden 3 t/m 5". */
const ANSWER = new RegExp(`^Antwoord(?:en)?(?: op vra(?:ag|gen))? ${NUMBERS}\\s*:?$`);
const NOTICE = /^Mededeling$/;

export function isKamervragenHeading(text: string): boolean {
  return QUESTION.test(text) || ANSWER.test(text) || NOTICE.test(text);
}

/** "Hirsch (GroenLinks-PvdA) en Teunissen (PvdA)" → askers. */
export function parseAskers(text: string): { name: string; faction: string | null }[] {
  const out: { name: string; faction: string | null }[] = [];
  for (const m of text.matchAll(/([^(),]+?)\s*\(([^)]+)\)/g)) {
    const name = fixGluedParticle(m[1].replace(/^(?:,|\s|en\s)+/, '').trim());
    out.push({ name, faction: normaliseFaction(m[2]) ?? m[2].trim() });
  }
  return out;
}

/** pdftotext glues a lower-case particle to the surname: "Inge vanDijk" → "Inge van Dijk". */
function fixGluedParticle(name: string): string {
  return name.replace(/\b(van|de|der|den|ter|ten|in ’t|’t)(?=\p{Lu})/gu, '$1 ').replace(/\s+/g, ' ');
}

/** "de Ministers van Buitenlandse Zaken en voor Buitenlandse Handel …" → one entry per office. */
export function parseAddressees(text: string): string[] {
  const t = text.replace(/\s+/g, ' ').trim().replace(/^(de|het)\s+/i, '');
  const plural = /^(Ministers|Staatssecretarissen) (.+)$/.exec(t);
  if (plural) {
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
  const t = text
    .replace(/\s+/g, ' ')
    .replace(/^(Antwoord|Mededeling) van\s+/, '')
    .replace(/\s*\((?:ontvangen\s+)+[^)]*\)\.?\s*$/, '')
    .replace(/,?\s*mede namens .*$/, '');
  const noParens = stripParentheses(t);
  return noParens
    .split(/\s+(?:van|en|en van)\s+(?=(?:de\s+)?(?:Minister|Staatssecretaris|Minister-President)\b)/)
    .map((s) => s.replace(/^de\s+/, '').trim())
    .filter((s) => s.length > 0);
}

function stripParentheses(text: string): string {
  let out = text;
  for (;;) {
    const next = out.replace(/\s*\([^()]*\)/g, '');
    if (next === out) return out.trim();
    out = next;
  }
}

export function readKamervragen(layout: Layout): Draft {
  const lines = layout.content;
  const first = lines.findIndex((l) => QUESTION.test(l.text));
  const header = emptyHeader();
  const headerLines = (first < 0 ? lines : lines.slice(0, first)).filter((l) => l.text !== '');
  const headerText = headerLines.map((l) => l.text).join('\n');
  const nr = headerLines.find((l, i) => /^\d{1,5}$/.test(l.text) && i > 0 && /antwoorden$/.test(headerLines[i - 1].text));
  header.ondernummer = nr?.text ?? null;
  const year = /Vergaderjaar (\d{4})\s*[–-]\s*(\d{4})/.exec(headerText);
  if (year) header.vergaderjaar = `${year[1]}-${year[2]}`;
  const flat = headerText.replace(/\n/g, ' ').replace(/\s+/g, ' ');
  const asked = /Vragen van (?:het lid|de leden) (.+?) aan (.+?) over (.+?) \(ingezonden ([^)]+)\)/.exec(flat);
  if (asked) {
    header.askers = parseAskers(asked[1]);
    header.addressees = parseAddressees(asked[2]);
    header.title = asked[3].trim();
    header.submitted = isoDate(asked[4]);
  }
  const answered = /((?:Antwoord|Mededeling) van .+?\((?:ontvangen\s*\(?)+([^)]+)\)+)\.?/.exec(flat);
  if (answered) {
    header.answeredBy = parseAnsweredBy(answered[1]);
    header.received = isoDate(answered[2]);
  }

  const blocks: DraftBlock[] = [];
  let notice: DraftNotice | null = null;
  let current: { heading: Line; kind: 'question' | 'answer' | 'notice'; numbers: number[]; lines: Line[] } | null = null;
  const flush = (): void => {
    if (!current) return;
    const ps = paragraphsByMeasure(current.lines, () => false);
    if (current.kind === 'question') {
      blocks.push({ numbers: current.numbers, faction: null, topic: null, question: ps, questionHeading: current.heading, answer: null });
    } else if (current.kind === 'answer') {
      const numbers = current.numbers;
      // The answer belongs to the open question block with the same numbers (or the last one).
      const target =
        [...blocks].reverse().find((b) => b.answer === null && b.numbers.join() === numbers.join()) ??
        [...blocks].reverse().find((b) => b.answer === null);
      const answer = { numbers, heading: current.heading, paragraphs: ps };
      if (target) target.answer = answer;
      else blocks.push({ numbers, faction: null, topic: null, question: [], answer });
    } else {
      notice = { heading: current.heading, paragraphs: ps };
    }
    current = null;
  };
  for (const line of first < 0 ? [] : lines.slice(first)) {
    const q = QUESTION.exec(line.text);
    const a = ANSWER.exec(line.text);
    if (q || a || NOTICE.test(line.text)) {
      flush();
      current = {
        heading: line,
        kind: q ? 'question' : a ? 'answer' : 'notice',
        numbers: q ? answerNumbers(q[1]) : a ? answerNumbers(a[1]) : [],
        lines: [],
      };
      continue;
    }
    current?.lines.push(line);
  }
  flush();
  // All askers put every question; a faction per block only when they share one.
  const factions = [...new Set(header.askers.map((a) => a.faction))];
  if (factions.length === 1) for (const b of blocks) b.faction = factions[0];
  return { header, blocks, notice };
}
