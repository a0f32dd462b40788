/**
 * The repository's SRU 2.0 interface (https://repository.overheid.nl/sru):
 * the CQL query for a selection, and a searchRetrieveResponse page read into
 * records. Each record is a `gzd` record: the OWMS metadata (identifier, type,
 * dates, Parliament fields) and `itemUrl`s per manifestation (xml, pdf, html,
 * metadata, ...). Element names are matched on their local name, so a
 * response with other namespace prefixes (or none) reads the same.
 */
import { parseXml, XmlSyntaxError } from '../ingest/xml/index.js';
import type { XmlElement } from '../ingest/xml/tree.js';
import { KldError } from '../errors.js';

/** Default SRU endpoint of the official repository. */
export const DEFAULT_SRU_URL = 'https://repository.overheid.nl/sru';

/** Genres people ask for, and how the repository files them. */
export const GENRES = {
  /** Aanhangsel van de Handelingen: Kamervragen with their answers (ah-tk-…). */
  aanhangsel: 'w.publicatienaam=="Kamervragen (Aanhangsel)"',
  /** Kamervragen as submitted, before an answer (kv-tk-…). */
  kv: 'w.publicatienaam=="Kamervragen zonder antwoord"',
  /** Non-dossier documents (nds-tk-…): the inbreng for a schriftelijk overleg among others. */
  nds: 'w.publicatienaam=="Niet-dossierstuk"',
  /** Kamerstukken of the written-consultation kinds (verslag van een schriftelijk overleg, lijst van vragen en antwoorden, nota n.a.v. het verslag). */
  kst: 'w.publicatienaam=="Kamerstuk" and (dt.title any "schriftelijk overleg" or dt.title any "lijst van vragen" or dt.title any "nota naar aanleiding")',
} as const;
export type Genre = keyof typeof GENRES;

/** What to harvest. Within a kind the values are alternatives (OR); kinds narrow each other (AND). */
export interface Selection {
  ids?: string[];
  dossiers?: string[];
  genres?: Genre[];
  /** Publication date range (dt.date), inclusive, YYYY-MM-DD. */
  from?: string;
  to?: string;
  /** Records modified in the repository on or after this date (dt.modified), for daily runs. */
  modifiedSince?: string;
  /** Ministry, as the repository names it ("Ministerie van Financiën"). */
  ministries?: string[];
  /** Extra CQL, ANDed as is. */
  cql?: string;
}

/** CQL string literal: quotes and backslashes escaped. */
function q(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function anyOf(terms: string[]): string {
  return terms.length === 1 ? terms.join('') : `(${terms.join(' or ')})`;
}

/** The CQL query of a selection; always limited to the Staten-Generaal's official publications. */
export function selectionToCql(sel: Selection): string {
  const parts = ['c.product-area=="officielepublicaties"', 'w.organisatietype=="staten generaal"'];
  if (sel.ids && sel.ids.length > 0) parts.push(anyOf(sel.ids.map((id) => `dt.identifier==${q(id)}`)));
  if (sel.dossiers && sel.dossiers.length > 0) parts.push(anyOf(sel.dossiers.map((d) => `w.dossiernummer==${q(d)}`)));
  if (sel.genres && sel.genres.length > 0) parts.push(anyOf(sel.genres.map((g) => `(${GENRES[g]})`)));
  if (sel.from) parts.push(`dt.date>=${q(sel.from)}`);
  if (sel.to) parts.push(`dt.date<=${q(sel.to)}`);
  if (sel.modifiedSince) parts.push(`dt.modified>=${q(sel.modifiedSince)}`);
  if (sel.ministries && sel.ministries.length > 0) parts.push(anyOf(sel.ministries.map((m) => `w.ministerie==${q(m)}`)));
  if (sel.cql) parts.push(`(${sel.cql})`);
  return parts.join(' and ');
}

/** The URL of one page of results. */
export function searchUrl(endpoint: string, cql: string, startRecord: number, maximumRecords: number): string {
  const u = new URL(endpoint);
  u.searchParams.set('operation', 'searchRetrieve');
  u.searchParams.set('version', '2.0');
  // As KOOP's own harvester (PLOOI) asks: operation, version 2.0, the gzd record schema.
  u.searchParams.set('recordSchema', 'gzd');
  u.searchParams.set('query', cql);
  u.searchParams.set('startRecord', String(startRecord));
  u.searchParams.set('maximumRecords', String(maximumRecords));
  return u.toString();
}

/** One gzd record as far as the harvest needs it. */
export interface SruRecord {
  /** Official id (dcterms:identifier), e.g. ah-tk-20202021-3235. */
  id: string;
  /** dcterms:type (Kamerstuk, Aanhangsel van de Handelingen, ...). */
  type: string | null;
  /** overheidwetgeving:publicatienaam. */
  publicationName: string | null;
  title: string | null;
  /** dcterms:date / dcterms:issued (YYYY-MM-DD). */
  date: string | null;
  /**
   * When the repository last changed the record: the expression's change time
   * (cd:datumTijdstipWijzigingExpression) when given, else dcterms:modified, else the
   * enrichment timestamp. Compared as an opaque string.
   */
  modified: string;
  /** Tweede Kamer Zaak number of Kamervragen (overheidwetgeving:vraagnummer), e.g. 2021Z09739. */
  zaak: string | null;
  dossier: string | null;
  /** Manifestation → URL (xml, pdf, html, metadata, metadataowms, odt). */
  items: Record<string, string>;
  /** gzd:url: the main manifestation when itemUrls are missing. */
  url: string | null;
  position: number | null;
}

/** A record the page holds but that cannot be harvested, with the reason. */
export interface BrokenRecord {
  position: number | null;
  id: string | null;
  reason: string;
}

export interface SruPage {
  /** numberOfRecords (the repository calls it an estimate). */
  total: number;
  /** nextRecordPosition, or null on the last page. */
  next: number | null;
  records: SruRecord[];
  broken: BrokenRecord[];
  /** SRU diagnostics (an error in the query, for instance). */
  diagnostics: string[];
}

/** An SRU response that is not a searchRetrieveResponse we can read. */
export class SruError extends KldError {
  constructor(
    readonly url: string,
    reason: string,
  ) {
    super('network', `${url}: ${reason}`, { location: { file: url } });
  }
}

function local(name: string): string {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
}

function kids(el: XmlElement, name?: string): XmlElement[] {
  const out: XmlElement[] = [];
  for (const c of el.children) if (c.type === 'element' && (name === undefined || local(c.name) === name)) out.push(c);
  return out;
}

function kid(el: XmlElement, name: string): XmlElement | undefined {
  return kids(el, name)[0];
}

/** First descendant with the local name (depth first). */
function find(el: XmlElement, name: string): XmlElement | undefined {
  const todo: XmlElement[] = [el];
  while (todo.length > 0) {
    const e = todo.shift() as XmlElement;
    for (const c of kids(e)) {
      if (local(c.name) === name) return c;
      todo.push(c);
    }
  }
  return undefined;
}

function findAll(el: XmlElement, name: string, out: XmlElement[] = []): XmlElement[] {
  for (const c of kids(el)) {
    if (local(c.name) === name) out.push(c);
    else findAll(c, name, out);
  }
  return out;
}

function text(el: XmlElement | undefined): string | null {
  if (!el) return null;
  const t = inOrder(el).replace(/\s+/g, ' ').trim();
  return t === '' ? null : t;
}

function inOrder(el: XmlElement): string {
  let s = '';
  for (const c of el.children) s += c.type === 'text' ? c.text : inOrder(c);
  return s;
}

function int(el: XmlElement | undefined): number | null {
  const t = text(el);
  return t !== null && /^\d+$/.test(t) ? Number(t) : null;
}

/** Read one <record> (its recordData holds a gzd). */
export function readRecord(record: XmlElement): SruRecord | BrokenRecord {
  const position = int(kid(record, 'recordPosition'));
  const gzd = find(record, 'gzd');
  if (!gzd) return { position, id: null, reason: 'no gzd record in recordData' };
  const original = kid(gzd, 'originalData');
  const enriched = kid(gzd, 'enrichedData');
  const id = text(original && find(original, 'identifier'));
  if (id === null) return { position, id: null, reason: 'no dcterms:identifier' };
  if (!/^[a-z]+(-[A-Za-z0-9]+)+$/.test(id)) return { position, id, reason: `identifier "${id}" is not an official publication id` };
  const field = (name: string): string | null => (original ? text(find(original, name)) : null);
  const items: Record<string, string> = {};
  if (enriched) {
    for (const item of kids(enriched, 'itemUrl')) {
      const m = item.attrs.get('manifestation')?.value;
      const url = text(item);
      if (m && url) items[m] = url;
    }
  }
  const modified = field('datumTijdstipWijzigingExpression') ?? field('modified') ?? (enriched ? text(kid(enriched, 'timestamp')) : null);
  if (modified === null) return { position, id, reason: 'no modification date (dcterms:modified, datumTijdstipWijzigingExpression or timestamp)' };
  const date = field('date') ?? field('issued');
  return {
    id,
    type: field('type'),
    publicationName: field('publicatienaam'),
    title: field('title'),
    date: date !== null && /^\d{4}-\d{2}-\d{2}/.test(date) ? date.slice(0, 10) : null,
    modified,
    zaak: field('vraagnummer'),
    dossier: field('dossiernummer'),
    items,
    url: enriched ? text(kid(enriched, 'url')) : null,
    position,
  };
}

/** Read a searchRetrieveResponse page. Throws SruError when it is not one. */
export function readSruPage(xml: string, url: string): SruPage {
  let root: XmlElement;
  try {
    root = parseXml(xml);
  } catch (err) {
    if (err instanceof XmlSyntaxError) throw new SruError(url, `not well-formed XML at offset ${err.offset}: ${err.message}`);
    throw err;
  }
  if (local(root.name) !== 'searchRetrieveResponse') throw new SruError(url, `<${root.name}> is not an SRU searchRetrieveResponse`);
  const diagnostics = findAll(root, 'diagnostic').map((d) => [text(kid(d, 'message')), text(kid(d, 'details'))].filter(Boolean).join(': ') || 'diagnostic');
  const total = int(kid(root, 'numberOfRecords'));
  if (total === null && diagnostics.length === 0) throw new SruError(url, 'no numberOfRecords');
  const records: SruRecord[] = [];
  const broken: BrokenRecord[] = [];
  const holder = kid(root, 'records');
  for (const r of holder ? kids(holder, 'record') : []) {
    const read = readRecord(r);
    if ('reason' in read) broken.push(read);
    else records.push(read);
  }
  return { total: total ?? 0, next: int(kid(root, 'nextRecordPosition')), records, broken, diagnostics };
}

/** The manifestation to harvest: the official XML, else the PDF. null when the record offers neither. */
export function pickManifestation(record: SruRecord): { kind: 'xml' | 'pdf'; url: string } | null {
  const xml = record.items.xml ?? (record.url?.endsWith('.xml') ? record.url : undefined);
  if (xml) return { kind: 'xml', url: xml };
  const pdf = record.items.pdf ?? (record.url?.endsWith('.pdf') ? record.url : undefined);
  if (pdf) return { kind: 'pdf', url: pdf };
  return null;
}
