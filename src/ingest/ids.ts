/**
 * Official ids, in one place: their shapes (REFERENCE.md), splitting an id into
 * the numbers it carries, finding one printed in a paper or a file name, and
 * completing a paper's identity from it, and making one from its numbers.
 * Ingest, the XML reader, the citation finder and the harvest use this module;
 * nothing else parses or composes ids.
 */
import { KldError } from '../errors.js';

/** Series of official publication ids (REFERENCE.md), plus the two Tweede Kamer number kinds. */
export type OfficialSeries =
  | 'kst' // Kamerstuk: kst-33783-35, kst-21501-20-1440, kst-36021-B
  | 'ah-tk' // Aanhangsel Handelingen Tweede Kamer: ah-tk-20192020-3225
  | 'ah-ek'
  | 'h-tk' // Handelingen: h-tk-20192020-12-5
  | 'h-ek'
  | 'kv-tk' // Kamervragen before their answer: kv-tk-2023Z12345
  | 'nds-tk' // Non-dossier document: nds-tk-2020D32255
  | 'tk-document' // 2022D22285 (gegevensmagazijn Document.DocumentNummer)
  | 'tk-zaak'; // 2022Z10723 (gegevensmagazijn Zaak.Nummer)

export interface OfficialIdParts {
  id: string;
  series: OfficialSeries;
  chamber: 'tk' | 'ek' | null;
  /** Dossier number without toevoeging: "21501". */
  dossier: string | null;
  /** "20" in 21501-20, "VI" in 36410-VI. */
  toevoeging: string | null;
  /** Kamerstuk number within its dossier ("1440", "B"), or the Aanhangsel number ("3225"). */
  ondernummer: string | null;
  /** "2019-2020", for ah/h ids. */
  vergaderjaar: string | null;
  /** Handelingen: number of the sitting (vergadering) and the agenda item. */
  vergadering: string | null;
  item: string | null;
  /** kv-tk, nds-tk and bare TK numbers: the Tweede Kamer number ("2022D22285", "2023Z12345"). */
  tkNumber: string | null;
}

/** An id that is not an official publication id or TK number; names the id and what is wrong with it. */
export class OfficialIdError extends KldError {
  readonly id: string;
  constructor(id: string, reason: string) {
    super('input', `malformed official id "${id}": ${reason}`);
    this.id = id;
  }
}

const KST = /^kst-(\d{5})(?:-(\d{1,3}|[IVX]{1,5}[AB]?|[A-Z]))?-(\d{1,5}|[A-Z]{1,3})$/;
const AH = /^ah-(tk|ek)-(\d{4})(\d{4})-(\d{1,5})$/;
const H = /^h-(tk|ek)-(\d{4})(\d{4})-(\d{1,4})-(\d{1,4})$/;
const KV = /^kv-tk-(\d{4}Z\d{5})$/;
const NDS = /^nds-tk-(\d{4}D\d{5})$/;
const TK = /^(\d{4})([DZ])(\d{5})$/;

/**
 * The id of a paper this tool reads, as a pattern source to build on: a Kamerstuk (kst-36450-6,
 * kst-21501-20-1440), an Aanhangsel (ah-tk-20242025-560), Kamervragen before their answer
 * (kv-tk-2024Z18438), a non-dossier document (nds-tk-2024D45678).
 */
export const PAPER_ID = String.raw`kst-\d{5}(?:-[0-9A-Z]+)*-[0-9A-Z]+|ah-tk-\d{8}-\d+|kv-tk-\d{4}Z\d{5}|nds-tk-\d{4}D\d{5}`;
/** The ids the official XML carries in its metadata: Kamerstukken and Aanhangsels. */
export const PUBLICATION_ID = new RegExp(`(kst-\\d{5}(?:-[0-9A-Z]+)*-[0-9A-Z]+|ah-tk-\\d{8}-\\d+)`);

const COLOPHON = new RegExp(`^\\s*(${PAPER_ID})\\s*$`, 'm');
const FILE_NAME = new RegExp(`^(${PAPER_ID})(?:\\.\\w+)*$`);

/** A Kamerstuk's id from its dossier (with its toevoeging: "21501-20") and number: kst-21501-20-1440. */
export function kstId(dossier: string, nr: string): string {
  return `kst-${dossier}-${nr}`;
}

/** An Aanhangsel's id from its vergaderjaar ("2020-2021") and number: ah-tk-20202021-3235. */
export function ahTkId(vergaderjaar: string, nr: string): string {
  return `ah-tk-${vergaderjaar.replace('-', '')}-${nr}`;
}

/** Kamervragen not yet answered, by their Zaak number: kv-tk-2024Z18438. */
export function kvTkId(zaak: string): string {
  return `kv-tk-${zaak}`;
}

/** A paper outside any dossier, by its Tweede Kamer document number: nds-tk-2024D45678. */
export function ndsTkId(documentNumber: string): string {
  return `nds-tk-${documentNumber}`;
}

/** The id printed on a line of its own (the colophon of the official PDF), if any. */
export function colophonId(text: string): string | null {
  return COLOPHON.exec(text)?.[1] ?? null;
}

/** The id a file is named by ("kst-36450-6.pdf", "ah-tk-20242025-560.txt"), if any. */
export function fileNameId(file: string): string | null {
  return FILE_NAME.exec(file)?.[1] ?? null;
}

function empty(id: string, series: OfficialSeries): OfficialIdParts {
  return { id, series, chamber: null, dossier: null, toevoeging: null, ondernummer: null, vergaderjaar: null, vergadering: null, item: null, tkNumber: null };
}

function vergaderjaar(id: string, first: string, second: string): string {
  if (Number(second) !== Number(first) + 1) {
    throw new OfficialIdError(id, `vergaderjaar ${first}${second} is not two consecutive years`);
  }
  return `${first}-${second}`;
}

/**
 * Split an official id into its parts.
 * @example splitOfficialId('kst-21501-20-1440') // → { series: 'kst', dossier: '21501', toevoeging: '20', ondernummer: '1440', … }
 * @throws OfficialIdError when the id has none of the known shapes.
 */
export function splitOfficialId(id: string): OfficialIdParts {
  let m: RegExpExecArray | null;
  if ((m = KST.exec(id)) !== null) {
    return { ...empty(id, 'kst'), dossier: m[1] ?? null, toevoeging: m[2] ?? null, ondernummer: m[3] ?? null };
  }
  if ((m = AH.exec(id)) !== null) {
    const chamber = m[1] === 'ek' ? 'ek' : 'tk';
    return { ...empty(id, `ah-${chamber}`), chamber, vergaderjaar: vergaderjaar(id, m[2] ?? '', m[3] ?? ''), ondernummer: m[4] ?? null };
  }
  if ((m = H.exec(id)) !== null) {
    const chamber = m[1] === 'ek' ? 'ek' : 'tk';
    return { ...empty(id, `h-${chamber}`), chamber, vergaderjaar: vergaderjaar(id, m[2] ?? '', m[3] ?? ''), vergadering: m[4] ?? null, item: m[5] ?? null };
  }
  if ((m = KV.exec(id)) !== null) return { ...empty(id, 'kv-tk'), chamber: 'tk', tkNumber: m[1] ?? null };
  if ((m = NDS.exec(id)) !== null) return { ...empty(id, 'nds-tk'), chamber: 'tk', tkNumber: m[1] ?? null };
  if ((m = TK.exec(id)) !== null) {
    return { ...empty(id, m[2] === 'D' ? 'tk-document' : 'tk-zaak'), chamber: 'tk', tkNumber: id };
  }
  const hint = id.startsWith('kst-')
    ? 'a Kamerstuk id is kst-{5-digit dossier}[-{toevoeging}]-{number}'
    : /^(ah|h)-/.test(id)
      ? 'expected ah-tk-{vergaderjaar}-{nr} or h-tk-{vergaderjaar}-{vergadering}-{item}'
      : 'not a kst-, ah-, h-, kv-tk- or nds-tk- id, nor a TK number like 2022D22285';
  throw new OfficialIdError(id, hint);
}

/** The dossier with its toevoeging, as in the id ("21501-20", "36410-VI"); null outside the Kamerstukken. */
export function dossierOf(parts: OfficialIdParts): string | null {
  if (parts.series !== 'kst' || parts.dossier === null) return null;
  return parts.toevoeging === null ? parts.dossier : `${parts.dossier}-${parts.toevoeging}`;
}

/** The parts of an id, or null when it has none of the known shapes. */
function partsOf(id: string): OfficialIdParts | null {
  try {
    return splitOfficialId(id);
  } catch (err) {
    if (err instanceof OfficialIdError) return null;
    throw err;
  }
}

export interface Identity {
  id: string;
  dossier: string | null;
  ondernummer: string | null;
  vergaderjaar: string | null;
}

/**
 * Fill in what an official id says about itself: kst-{dossier}-{ondernummer}
 * gives the dossier (with its toevoeging) and number, ah-tk-{vergaderjaar}-{nr}
 * the session and number (an Aanhangsel paper belongs to no dossier). What the
 * paper printed wins over what the id says.
 */
export function completeIdentity(id: string, known: Omit<Identity, 'id'>): Identity {
  let { dossier, ondernummer, vergaderjaar } = known;
  const parts = partsOf(id);
  if (parts?.series === 'kst') {
    dossier ??= dossierOf(parts);
    ondernummer ??= parts.ondernummer;
  } else if (parts?.series === 'ah-tk') {
    vergaderjaar ??= parts.vergaderjaar;
    ondernummer ??= parts.ondernummer;
  }
  if (id.startsWith('ah-tk-')) dossier = null;
  return { id, dossier, ondernummer, vergaderjaar };
}
