/**
 * corpus/tweedekamer.json: what the harvest took from the Tweede Kamer's open
 * data, gazetteer-like (ids, names, dates, each with its source URL and the
 * day it was retrieved), and the loader the build uses.
 *
 * Format (kamerstukken-ld/tweedekamer-links/1):
 *   { format, source, license, retrieved,
 *     zaken:    [{ nummer: "2021Z09739", id: GUID, soort, onderwerp, gestart,
 *                  papers: { questions: ["kv-tk-2021Z09739"], answer: ["ah-tk-20202021-3235"], delay: [] },
 *                  documents: [{ id, nummer: "2021D…", soort, datum, role, officialId }],
 *                  actors: [{ naam, relatie: "Indiener"|"Medeindiener"|…, fractie, persoonId, fractieId }],
 *                  source, retrieved }],
 *     fracties: [{ id: GUID, afkorting, naam, van, tot, source, retrieved }],
 *     personen: [{ id: GUID, naam, initialen, tussenvoegsel, achternaam,
 *                  lidmaatschappen: [{ fractieId, van, tot }], source, retrieved }] }
 *
 * @example
 *   const links = loadTkLinks('corpus');
 *   links?.related('ah-tk-20202021-3235');
 *   // → { zaak: '2021Z09739', questions: ['kv-tk-2021Z09739'], answer: ['ah-tk-20202021-3235'], delay: [] }
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { NamedNode, Quad } from '@rdfjs/types';
import { DataFactory } from 'n3';
import type { IriMinter, KldTerm } from '../rdf/iris.js';
import { dcterms, rdf, rdfs, xsd } from '../rdf/vocab.js';
import { KldError } from '../errors.js';

export const TK_LINKS_FILE = 'tweedekamer.json';
export const TK_LINKS_FORMAT = 'kamerstukken-ld/tweedekamer-links/1';

/** Official pages of the Tweede Kamer's open data records (for links in RDF). */
export const TK_ODATA_ENTITY = (base: string, entity: 'Zaak' | 'Fractie' | 'Persoon', id: string): string => `${base}/${entity}(${id})`;

export interface Sourced {
  /** The URL the record was read from. */
  source: string;
  /** YYYY-MM-DD. */
  retrieved: string;
}

export interface TkZaakDocument {
  id: string | null;
  /** Tweede Kamer document number, 2021D23456. */
  nummer: string | null;
  soort: string | null;
  datum: string | null;
  role: 'questions' | 'answer' | 'delay' | 'other';
  /** The official publication id, when it follows from the record. */
  officialId: string | null;
}

export interface TkActor {
  naam: string | null;
  relatie: string | null;
  fractie: string | null;
  persoonId: string | null;
  fractieId: string | null;
}

export interface TkZaak extends Sourced {
  nummer: string;
  id: string;
  soort: string | null;
  onderwerp: string | null;
  gestart: string | null;
  papers: { questions: string[]; answer: string[]; delay: string[] };
  documents: TkZaakDocument[];
  actors: TkActor[];
}

export interface TkFractie extends Sourced {
  id: string;
  afkorting: string | null;
  naam: string | null;
  van: string | null;
  tot: string | null;
}

export interface TkPersoon extends Sourced {
  id: string;
  naam: string;
  initialen: string | null;
  tussenvoegsel: string | null;
  achternaam: string | null;
  lidmaatschappen: { fractieId: string | null; van: string | null; tot: string | null }[];
}

export interface TkLinksFile {
  format: string;
  /** OData base the records came from. */
  source: string;
  license: string;
  retrieved: string;
  zaken: TkZaak[];
  fracties: TkFractie[];
  personen: TkPersoon[];
}

export interface Related {
  zaak: string;
  questions: string[];
  answer: string[];
  delay: string[];
}

/** A tweedekamer.json that does not hold what the loader needs. */
export class TkLinksError extends KldError {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super('input', `${file}: ${reason}`, { location: { file } });
  }
}

/** The links, indexed for the build. */
export class TkLinks {
  private readonly byPaper = new Map<string, TkZaak>();
  private readonly byNummer = new Map<string, TkZaak>();
  private readonly fractieById = new Map<string, TkFractie>();
  private readonly persoonById = new Map<string, TkPersoon>();

  constructor(
    readonly data: TkLinksFile,
    readonly file: string,
  ) {
    for (const z of data.zaken) {
      this.byNummer.set(z.nummer, z);
      for (const id of [...z.papers.questions, ...z.papers.answer, ...z.papers.delay]) this.byPaper.set(id, z);
    }
    for (const f of data.fracties) this.fractieById.set(f.id, f);
    for (const p of data.personen) this.persoonById.set(p.id, p);
  }

  /** The Zaak a paper belongs to. */
  zaakOf(officialId: string): TkZaak | undefined {
    return this.byPaper.get(officialId);
  }

  zaak(nummer: string): TkZaak | undefined {
    return this.byNummer.get(nummer);
  }

  /** The papers tied to this one by its Zaak: the questions, the answer, the notices of delay. */
  related(officialId: string): Related | undefined {
    const z = this.byPaper.get(officialId);
    return z ? { zaak: z.nummer, questions: [...z.papers.questions], answer: [...z.papers.answer], delay: [...z.papers.delay] } : undefined;
  }

  fractie(id: string): TkFractie | undefined {
    return this.fractieById.get(id);
  }

  persoon(id: string): TkPersoon | undefined {
    return this.persoonById.get(id);
  }

  /** The faction a person sat in on a day (YYYY-MM-DD), from the membership periods. */
  fractieOn(persoonId: string, date: string): TkFractie | undefined {
    const p = this.persoonById.get(persoonId);
    const m = p?.lidmaatschappen.find((l) => (l.van === null || l.van <= date) && (l.tot === null || date <= l.tot));
    return m?.fractieId ? this.fractieById.get(m.fractieId) : undefined;
  }
}

/**
 * Load DIR/tweedekamer.json (or the file given); undefined when there is none.
 * Throws TkLinksError naming the file when it is not such a file.
 */
export function loadTkLinks(corpusOrFile: string): TkLinks | undefined {
  const file = existsSync(corpusOrFile) && statSync(corpusOrFile).isDirectory() ? path.join(corpusOrFile, TK_LINKS_FILE) : corpusOrFile;
  if (!existsSync(file)) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new TkLinksError(file, `not JSON: ${(err as Error).message}`);
  }
  const d = data as Partial<TkLinksFile>;
  if (d.format !== TK_LINKS_FORMAT) throw new TkLinksError(file, `format is "${String(d.format)}", expected "${TK_LINKS_FORMAT}"`);
  if (!Array.isArray(d.zaken) || !Array.isArray(d.fracties) || !Array.isArray(d.personen)) {
    throw new TkLinksError(file, 'zaken, fracties and personen must be lists');
  }
  for (const [i, z] of d.zaken.entries()) {
    if (typeof z?.nummer !== 'string' || !/^\d{4}Z\d{5}$/.test(z.nummer)) throw new TkLinksError(file, `zaken[${i}].nummer is not a Zaak number`);
    if (!z.papers || !Array.isArray(z.papers.questions) || !Array.isArray(z.papers.answer) || !Array.isArray(z.papers.delay)) {
      throw new TkLinksError(file, `zaken[${i}] (${z.nummer}).papers must hold questions, answer and delay lists`);
    }
  }
  return new TkLinks(d as TkLinksFile, file);
}

/**
 * The Zaak links as quads in graph/tweedekamer, for the Zaken of which at least one
 * paper is published: each paper dcterms:isPartOf its Zaak (id/2021Z09739, a
 * kld:TkZaakNumber as the mapping mints cited Zaak numbers), the Zaak with its
 * number, its Tweede Kamer record (rdfs:seeAlso) when the record gives an id, and
 * dcterms:source/dcterms:issued saying where and when it was read.
 * Questions and answer of one Zaak then meet in one query:
 *   ?kv dcterms:isPartOf ?zaak . ?ah dcterms:isPartOf ?zaak .
 */
export function zaakQuads(links: TkLinks, minter: IriMinter, published: ReadonlySet<string>): Quad[] {
  const g = minter.tweedekamerGraph();
  const out: Quad[] = [];
  const { quad, literal, namedNode } = DataFactory;
  for (const z of links.data.zaken) {
    const papers = [...new Set([...z.papers.questions, ...z.papers.answer, ...z.papers.delay])].sort();
    if (!papers.some((p) => published.has(p))) continue;
    const Z = minter.document(z.nummer);
    out.push(quad(Z, rdf('type'), kld(minter, 'TkZaakNumber'), g));
    out.push(quad(Z, dcterms('identifier'), literal(z.nummer), g));
    out.push(quad(Z, dcterms('source'), namedNode(z.source), g));
    if (/^\d{4}-\d{2}-\d{2}$/.test(z.retrieved)) out.push(quad(Z, dcterms('issued'), literal(z.retrieved, xsd('date')), g));
    if (/^[0-9a-f-]{36}$/i.test(z.id)) out.push(quad(Z, rdfs('seeAlso'), namedNode(TK_ODATA_ENTITY(links.data.source, 'Zaak', z.id)), g));
    for (const p of papers) out.push(quad(minter.document(p), dcterms('isPartOf'), Z, g));
  }
  return out;
}

const kld = (minter: IriMinter, local: KldTerm): NamedNode => minter.term(local);
