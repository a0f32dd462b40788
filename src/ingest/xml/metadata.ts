/**
 * The metadata record the official repository publishes beside each paper
 * (metadata.xml: <metadata_gegevens> with <metadata name="…" content="…"/>).
 * It states, among others, DC.identifier, DC.title ("Antwoord op vragen van
 * de leden … over de Tozo"), OVERHEIDop.indiener (one per asker, with
 * initials), OVERHEIDop.ontvanger (the minister asked), the dates
 * (OVERHEIDop.datumIndiening, OVERHEIDop.datumOntvangst), the Aanhangsel
 * number, the session and the Tweede Kamer's Zaak number
 * (OVERHEIDop.vraagnummer, 2021Z09739).
 */
import { IngestError, lineOf } from '../../errors.js';
import type { DraftHeader } from '../draft.js';
import { XmlSyntaxError } from './tokenizer.js';
import { attr, descendants, parseXml } from './tree.js';

export type MetadataRecord = ReadonlyMap<string, readonly string[]>;

export function parseMetadataRecord(path: string, text: string): MetadataRecord {
  let root;
  try {
    root = parseXml(text);
  } catch (err) {
    if (err instanceof XmlSyntaxError) throw new IngestError({ file: path, line: lineOf(text, err.offset) }, `metadata record: not well-formed XML: ${err.message}`);
    throw err;
  }
  const out = new Map<string, string[]>();
  for (const m of descendants(root, 'metadata')) {
    const name = attr(m, 'name');
    const content = attr(m, 'content')?.replace(/\s+/g, ' ').trim();
    if (!name || !content) continue;
    const list = out.get(name) ?? [];
    list.push(content);
    out.set(name, list);
  }
  return out;
}

const first = (r: MetadataRecord, name: string): string | null => r.get(name)?.[0] ?? null;
const isoDay = (s: string | null): string | null => (s && /^\d{4}-\d{2}-\d{2}/.test(s) ? s.slice(0, 10) : null);

/** The id the record is about, if it states one. */
export function recordId(r: MetadataRecord): string | null {
  return first(r, 'DC.identifier');
}

/**
 * Complete the header from the record: what the paper's markup does not say
 * is taken from it; what both say is the paper's. The Zaak number only the
 * record states.
 */
export function completeFromMetadata(header: DraftHeader, r: MetadataRecord): { zaak: string | null } {
  const title = first(r, 'DC.title');
  if (header.title === null && title) header.title = /\bover (.+)$/.exec(title)?.[1]?.trim() ?? title;
  if (header.askers.length === 0) header.askers = (r.get('OVERHEIDop.indiener') ?? []).map((name) => ({ name, faction: null }));
  if (header.answeredBy.length === 0) header.answeredBy = [...(r.get('OVERHEIDop.ontvanger') ?? [])];
  header.submitted ??= isoDay(first(r, 'OVERHEIDop.datumIndiening'));
  header.received ??= isoDay(first(r, 'OVERHEIDop.datumOntvangst'));
  const year = first(r, 'OVERHEIDop.vergaderjaar');
  if (header.vergaderjaar === null && year && /^\d{4}-\d{4}$/.test(year)) header.vergaderjaar = year;
  header.ondernummer ??= first(r, 'OVERHEIDop.aanhangselNummer') ?? first(r, 'OVERHEIDop.ondernummer');
  header.dossier ??= first(r, 'OVERHEIDop.dossiernummer')?.replace(/\s+/g, '') ?? null;
  return { zaak: zaakIn(r) };
}

/** The Tweede Kamer's Zaak number the record states (OVERHEIDop.vraagnummer, "2021Z09739"). */
export function zaakIn(r: MetadataRecord): string | null {
  const zaak = first(r, 'OVERHEIDop.vraagnummer');
  return zaak && /^\d{4}Z\d{5}$/.test(zaak) ? zaak : null;
}
