/**
 * The head of a committee paper (lijst van vragen en antwoorden, inbreng and
 * verslag of a schriftelijk overleg, an answer letter to a committee): the
 * committee, the minister the questions went to, the letter or report they
 * are about, the dates, the dossier and number, and the Tweede Kamer document
 * number under which a paper without dossier is published (nds-tk-2024D12345).
 */
import { emptyHeader, type DraftHeader } from './draft.js';
import { isoDate } from './dates.js';
import { lineBreakHyphen } from './fold.js';
import { ndsTkId } from './ids.js';
import type { Line } from './lines.js';

/** "vaste commissie voor Onderwijs, Cultuur en Wetenschap", "commissie Financiën", "vaste Kamercommissie voor …". */
const COMMITTEE = /\b((?:[Vv]aste )?(?:[Kk]amer)?[Cc]ommissie (?:voor|van) (?:de |het )?\p{Lu}[\p{L}’'-]*(?:(?:,| en| voor| van|) (?:de |het )?\p{Lu}[\p{L}’'-]*)*)/u;
const DATE = String.raw`\d{1,2}\s+\p{L}+\s+\d{4}`;

/** Join a word hyphenated at a flattened line break ("verantwoordings- onderzoek") as folding would. */
function joinHyphens(s: string): string {
  return s.replace(/(\S+-) (\S+)/gu, (all, l: string, r: string) => (lineBreakHyphen(l, r) === 'join' ? l.slice(0, -1) + r : all));
}

export function readCommitteeHead(head: readonly Line[]): DraftHeader {
  const header = emptyHeader();
  const texts = head.filter((l) => l.text !== '').map((l) => l.text.replace(/\s+/gu, ' '));
  const flat = texts.join(' ');
  const committee = (COMMITTEE.exec(flat) ?? /\b([Cc]ommissie \p{Lu}[\p{L}’'-]*)/u.exec(flat))?.[1];
  if (committee) header.askers = [{ name: committee.replace(/^(?:Vaste |vaste )?(?:Kamer)?[Cc]ommissie/, (w) => w.toLowerCase()), faction: null }];
  const dossierLine = texts.find((t) => /^\d{2} \d{3}(?:[- ][A-Z]+|-\d+)?$/.test(t));
  if (dossierLine) header.dossier = dossierLine.replace(/ (?=\d)/, '').replace(/ /g, '-');
  const nr = (/\bNr\. (\S+) (?:LIJST|VERSLAG|INBRENG)\b/i.exec(flat) ?? /^Nr\. (\S+)$/m.exec(texts.join('\n')))?.[1];
  if (nr) header.ondernummer = nr;
  const year = /Vergaderjaar (\d{4})\s*[–-]\s*(\d{4})/.exec(flat);
  if (year) header.vergaderjaar = `${year[1]}-${year[2]}`;
  // A paper outside any dossier is published under its Tweede Kamer document number.
  const docnr = /\b(20\d{2}D\d{5})\b/.exec(flat)?.[1];
  if (docnr !== undefined && !header.dossier) header.id = ndsTkId(docnr);
  const to = /\b(?:voorgelegd|gesteld|gericht) aan (?:de |het )?((?:Minister|minister|Staatssecretaris|staatssecretaris|Minister-President)\b[^,.(]*?)(?= over\b| inzake\b| naar aanleiding\b|[,.(]|$)/.exec(flat)?.[1];
  if (to)
    header.addressees = [
      to
        .replace(/^minister/, 'Minister')
        .replace(/^staatssecretaris/, 'Staatssecretaris')
        .trim(),
    ];
  // The subject: the letter's "Betreft", or what the committee asked about.
  const betreft = /\bBETREFT\s+(.+?)(?=\s+(?:UW KENMERK|ONS KENMERK|BIJLAGE|BI J ?LAGE|Geachte|\d{1,2}\/\d{1,2})\b|$)/i.exec(flat);
  const about = /\b(?:vragen|vragen en opmerkingen|opmerkingen)\b[^.]{0,120}? (?:over|inzake) (?:het |de |ons )?(.+?)(?= \(|\. |\.$|$)/.exec(flat);
  const title = betreft?.[1] ?? about?.[1] ?? null;
  header.title = title ? joinHyphens(title.trim()) : null;
  if (/Algemene Rekenkamer/.test(flat)) header.answeredBy = ['Algemene Rekenkamer'];
  else {
    const by = /\b(?:De|de) ((?:Minister|Staatssecretaris|Minister-President)\b[^.,]*?) heeft deze vragen (?:en opmerkingen )?beantwoord/.exec(flat)?.[1];
    if (by) header.answeredBy = [by];
  }
  const datum = (new RegExp(String.raw`\bDATUM\s+(${DATE})`, 'iu').exec(flat) ?? new RegExp(String.raw`beantwoord bij brief van (${DATE})`, 'u').exec(flat))?.[1];
  if (datum) header.received = isoDate(datum);
  const vastgesteld = new RegExp(String.raw`\bVastgesteld (${DATE})`, 'u').exec(flat)?.[1];
  if (vastgesteld) header.submitted = isoDate(vastgesteld);
  return header;
}
