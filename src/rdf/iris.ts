/**
 * The one place where IRIs are minted. Every module that needs an IRI for a
 * document, block, faction or concept asks an IriMinter; nothing else builds
 * IRI strings. The scheme is documented in the README ("IRIs").
 */
import type { NamedNode } from '@rdfjs/types';
import { DataFactory } from 'n3';
import { contextFile, documentFile } from '../output-layout.js';
import { KLD_TERMS, type KldTerm } from './vocab.generated.js';
import { vocabulary, type Vocabulary } from './vocab.js';

/** The JSON-LD context version documents are written against (IriMinter.context()); see src/publish/context.ts. */
export const CONTEXT_VERSION = 2;

export const DEFAULT_BASE = 'https://w3id.org/kamerstukken-ld/';

/** The local name of a term of our ontology (generated from it). */
export type { KldTerm };

/** Our ontology namespace, relative to the base. */
export const ONTOLOGY_PATH = 'def#';

/** Lower-case ASCII slug: "GroenLinks-PvdA" → "groenlinks-pvda", "Van der Staaij" → "van-der-staaij". */
export function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** A source offset as a path segment. */
function offset(at: number): string {
  if (!Number.isInteger(at) || at < 0) throw new Error(`cannot mint an IRI for offset ${at}: not a non-negative integer`);
  return String(at);
}

/** A parliamentary year ("2023-2024") as a path segment; "onbekend" when the paper does not say. */
function period(vergaderjaar: string | null): string {
  if (vergaderjaar === null) return 'onbekend';
  if (!/^[0-9]{4}-[0-9]{4}$/.test(vergaderjaar)) throw new Error(`cannot mint an IRI for parliamentary year "${vergaderjaar}"`);
  return vergaderjaar;
}

/** Official ids are used as path segments as they are; refuse anything that would not be one segment. */
function segment(value: string, what: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(value)) {
    throw new Error(`cannot mint an IRI for ${what} "${value}": not a plain path segment`);
  }
  return value;
}

export class IriMinter {
  readonly base: string;
  readonly ontology: string;
  /** Our ontology's terms under this base, typed from ontology/kamerstukken.ttl: `minter.kld.Faction`; `kld.Facton` does not compile. */
  readonly kld: Vocabulary<KldTerm>;

  constructor(base: string = DEFAULT_BASE) {
    if (!/^https?:\/\/[^\s]+\/$/.test(base)) {
      throw new Error(`base IRI must be an http(s) IRI ending in "/": got "${base}"`);
    }
    this.base = base;
    this.ontology = base + ONTOLOGY_PATH;
    this.kld = vocabulary(this.ontology, KLD_TERMS);
  }

  private node(path: string): NamedNode {
    return DataFactory.namedNode(this.base + path);
  }

  /** A term of our ontology: def#Answer. Only names the ontology declares compile (see src/rdf/vocab.generated.ts). */
  term(localName: KldTerm): NamedNode {
    return this.kld(localName);
  }

  /**
   * A name in our namespace that is not known when compiling: read from data (a shapes file, a test's own
   * small ontology). Nothing checks that the ontology declares it; code that names a term uses term() or kld.
   */
  termNamed(localName: string): NamedNode {
    return DataFactory.namedNode(this.ontology + localName);
  }

  /** A published paper by its official id: id/kst-26150-187, id/ah-tk-20232024-2129. */
  document(officialId: string): NamedNode {
    return this.node(`id/${segment(officialId, 'document')}`);
  }

  /** The named graph holding one document's triples. */
  graph(officialId: string): NamedNode {
    return this.node(`graph/${segment(officialId, 'document')}`);
  }

  /** A question block, by its position (1-based) in the document. */
  block(officialId: string, index: number): NamedNode {
    return this.node(`id/${segment(officialId, 'document')}/blok/${index + 1}`);
  }

  /** A numbered question: id/kst-26150-187/vraag/8. */
  question(officialId: string, number: number): NamedNode {
    return this.node(`id/${segment(officialId, 'document')}/vraag/${number}`);
  }

  /** An unnumbered question: the k-th (1-based) question of block index. */
  blockQuestion(officialId: string, index: number, k: number): NamedNode {
    return this.node(`id/${segment(officialId, 'document')}/blok/${index + 1}/vraag/${k}`);
  }

  /** An answer by its numbers (merged answers join them: antwoord/10-11); unnumbered answers hang under their block. */
  answer(officialId: string, numbers: readonly number[], blockIndex: number): NamedNode {
    const doc = segment(officialId, 'document');
    return numbers.length > 0 ? this.node(`id/${doc}/antwoord/${numbers.join('-')}`) : this.node(`id/${doc}/blok/${blockIndex + 1}/antwoord`);
  }

  footnote(officialId: string, number: number): NamedNode {
    return this.node(`id/${segment(officialId, 'document')}/voetnoot/${number}`);
  }

  /**
   * A citation, named by what it is: the cited paper and where the citation starts in the
   * published source text (Unicode code points): id/kst-26150-187/citaat/kst-33783-35/1234.
   * A reader that finds one more citation elsewhere renames no other citation.
   */
  citation(officialId: string, citedId: string, at: number): NamedNode {
    return this.node(`id/${segment(officialId, 'document')}/citaat/${segment(citedId, 'cited paper')}/${offset(at)}`);
  }

  /** A mention of a gazetteer concept at a place: id/kst-26150-187/vermelding/verdrag/npt/1234 (code points). */
  mention(officialId: string, scheme: string, conceptId: string, at: number): NamedNode {
    return this.node(`id/${segment(officialId, 'document')}/vermelding/${slug(scheme)}/${segment(conceptId, 'concept')}/${offset(at)}`);
  }

  /** A cross-reference ("zie antwoord op vraag 21") by the numbers it names and its place: id/…/verwijzing/21/1234. */
  crossReference(officialId: string, numbers: readonly number[], at: number): NamedNode {
    const named = numbers.length > 0 ? numbers.join('-') : 'zonder-nummer';
    return this.node(`id/${segment(officialId, 'document')}/verwijzing/${named}/${offset(at)}`);
  }

  /** A second (third, …) occurrence of the same kind at the same place: {iri}-2. */
  variant(iri: NamedNode, k: number): NamedNode {
    return DataFactory.namedNode(`${iri.value}-${k}`);
  }

  /**
   * Where an extracted thing stands in the published source text: an oa:SpecificResource
   * {thing}#bron (or #vraag for a block's question part, #markering for a footnote marker).
   */
  selector(of: NamedNode, part: 'bron' | 'vraag' | 'markering' = 'bron'): NamedNode {
    return DataFactory.namedNode(`${of.value}#${part}`);
  }

  /** The text-position selector (code points) of a specific resource: {thing}#bron-positie. */
  positionSelector(resource: NamedNode): NamedNode {
    return DataFactory.namedNode(`${resource.value}-positie`);
  }

  /** The text-quote selector (exact, prefix, suffix) of a specific resource: {thing}#bron-tekst. */
  quoteSelector(resource: NamedNode): NamedNode {
    return DataFactory.namedNode(`${resource.value}-tekst`);
  }

  /** The published normalised source text of a paper (the text every selector points into). */
  sourceText(officialId: string): NamedNode {
    return this.download(documentFile(segment(officialId, 'document'), 'txt'));
  }

  /** The expression (language version, Dutch) of a paper: id/kst-26150-187/nl (ELI). */
  expression(officialId: string): NamedNode {
    return this.node(`id/${segment(officialId, 'document')}/nl`);
  }

  /** A manifestation (file format) of a paper's expression: id/kst-26150-187/nl/pdf (ELI). */
  manifestation(officialId: string, format: 'pdf' | 'xml' | 'html'): NamedNode {
    return this.node(`id/${segment(officialId, 'document')}/nl/${format}`);
  }

  /**
   * A member of the Kamer as printed in a paper, identified by name as printed, faction and
   * parliamentary year (never by surname alone): id/persoon/2023-2024/vvd/erkens.
   */
  member(vergaderjaar: string | null, faction: string, name: string): NamedNode {
    return this.node(`id/persoon/${period(vergaderjaar)}/${slug(faction)}/${slug(name)}`);
  }

  /** A minister or state secretary as printed, by name and parliamentary year: id/persoon/2023-2024/kabinet/de-jonge. */
  officeHolder(vergaderjaar: string | null, name: string): NamedNode {
    return this.node(`id/persoon/${period(vergaderjaar)}/kabinet/${slug(name)}`);
  }

  /** A submitter of a cited motion, known only by the name printed with that motion: id/persoon/motie/kst-30196-708/koopmans. */
  motionSubmitter(motionId: string, name: string): NamedNode {
    return this.node(`id/persoon/motie/${segment(motionId, 'motion')}/${slug(name)}`);
  }

  /** A faction membership (org:Membership) attested in a parliamentary year: id/lidmaatschap/2023-2024/vvd/erkens. */
  membership(vergaderjaar: string | null, faction: string, name: string): NamedNode {
    return this.node(`id/lidmaatschap/${period(vergaderjaar)}/${slug(faction)}/${slug(name)}`);
  }

  /** A government post (org:Post) as held in a parliamentary year: id/post/2023-2024/minister-van-financien. */
  post(vergaderjaar: string | null, office: string): NamedNode {
    return this.node(`id/post/${period(vergaderjaar)}/${slug(office)}`);
  }

  /** A parliamentary year as a period of time: id/vergaderjaar/2023-2024. */
  parliamentaryYear(vergaderjaar: string): NamedNode {
    return this.node(`id/vergaderjaar/${period(vergaderjaar)}`);
  }

  /** A work type (genre) of our SKOS scheme of genres: def#Kamervragen. */
  workType(localName: KldTerm): NamedNode {
    return this.term(localName);
  }

  /** The source file a document was extracted from. */
  source(officialId: string): NamedNode {
    return this.node(`id/${segment(officialId, 'document')}/bron`);
  }

  /** A dossier: id/dossier/26150, id/dossier/21501-20. */
  dossier(dossier: string): NamedNode {
    return this.node(`id/dossier/${segment(dossier, 'dossier')}`);
  }

  /** A faction by its abbreviation: id/fractie/groenlinks-pvda. */
  faction(abbreviation: string): NamedNode {
    return this.node(`id/fractie/${slug(abbreviation)}`);
  }

  /**
   * A committee that asks (a lijst van vragen, a letter answering a committee's questions), by its
   * name as printed: id/commissie/vaste-commissie-van-financien. Variants of one name stay apart (never guessed together).
   */
  committee(name: string): NamedNode {
    const s = slug(name);
    if (s === '') throw new Error(`cannot mint an IRI for committee "${name}"`);
    return this.node(`id/commissie/${s}`);
  }

  /** A person (Kamerlid, minister) by name: id/persoon/van-der-staaij. */
  person(name: string): NamedNode {
    return this.node(`id/persoon/${slug(name)}`);
  }

  /** A gazetteer concept (treaty, organisation, ministry): id/verdrag/npt, id/organisatie/un. */
  concept(scheme: string, id: string): NamedNode {
    return this.node(`id/${slug(scheme)}/${segment(id, 'concept')}`);
  }

  /** A topic heading within a document ("Taiwan"). */
  topic(officialId: string, label: string): NamedNode {
    return this.node(`id/${segment(officialId, 'document')}/onderwerp/${slug(label)}`);
  }

  /** The dataset as a whole (DCAT/VoID description). */
  dataset(): NamedNode {
    return this.node('id/dataset');
  }

  /** Is this IRI one of ours (served by dereferencing)? */
  isOurs(iri: string): boolean {
    return iri.startsWith(this.base);
  }

  // --- The dataset description and the published files (src/publish). ---

  /** A part of the dataset description (distribution, checksum, partition, linkset): id/dataset/{kind}/{name}. */
  datasetPart(kind: string, name: string): NamedNode {
    return this.node(`id/dataset/${segment(kind, 'dataset part')}/${segment(name, 'dataset part')}`);
  }

  /** Where a file of output/ is published for download: download/kamerstukken-ld.nq.gz. */
  download(file: string): NamedNode {
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/.test(file)) {
      throw new Error(`cannot mint a download IRI for "${file}": not a relative file path`);
    }
    return this.node(`download/${file}`);
  }

  /**
   * The published JSON-LD context of a version (the per-document JSON-LD files refer to the current
   * one): context/v2.jsonld; version 1, the first published, is context.jsonld. Every version stays
   * published, under the same path in output/.
   */
  context(version: number = CONTEXT_VERSION): NamedNode {
    if (!Number.isInteger(version) || version < 1) throw new Error(`cannot mint a context IRI for version ${version}`);
    // The IRI's path is the file's path in output/, so each version is served where it points.
    return this.node(contextFile(version));
  }

  /** The named graph holding the gazetteer's concepts in the dumps: graph/gazetteer. */
  gazetteerGraph(): NamedNode {
    return this.node('graph/gazetteer');
  }

  /** The named graph holding what the harvest took from the Tweede Kamer's open data (Zaak links): graph/tweedekamer. */
  tweedekamerGraph(): NamedNode {
    return this.node('graph/tweedekamer');
  }

  // --- Places in the text, provenance and validation results (src/rdf/mapping.ts, src/validate). ---

  /** Position of a footnote's marker in the running text: id/kst-26150-187/voetnoot/3#markering. */
  markerSelector(of: NamedNode): NamedNode {
    return DataFactory.namedNode(`${of.value}#markering`);
  }

  /** The extraction (a prov:Activity, recorded without timestamps) that produced a document: id/kst-26150-187/extractie. */
  extraction(officialId: string): NamedNode {
    return this.node(`id/${segment(officialId, 'document')}/extractie`);
  }

  /** This software, as the prov:SoftwareAgent of extractions: id/software/kamerstukken-ld. */
  software(): NamedNode {
    return this.node('id/software/kamerstukken-ld');
  }

  /**
   * A skolem IRI (RDF 1.1 Concepts §3.5) standing for what would otherwise be a blank node,
   * e.g. a SHACL validation result: .well-known/genid/{key}. The caller passes a stable key
   * (a hash of what the node stands for), so the same input gives the same IRI.
   */
  skolem(key: string): NamedNode {
    return this.node(`.well-known/genid/${segment(key, 'skolem key')}`);
  }

  /** Position of the question part of a block (without its answer): id/kst-26150-187/blok/3#vraag. */
  questionSelector(of: NamedNode): NamedNode {
    return DataFactory.namedNode(`${of.value}#vraag`);
  }

  /** The "Mededeling" that stands instead of answers in a document: id/ah-tk-20232024-1999/mededeling. */
  notice(officialId: string): NamedNode {
    return this.node(`id/${segment(officialId, 'document')}/mededeling`);
  }

  // --- The gazetteer's concept schemes (src/extract/gazetteer.ts). ---

  /**
   * A SKOS concept scheme of the gazetteer: the list of all concepts of one kind,
   * at the path their IRIs hang under (id/verdrag, id/organisatie, id/ministerie, id/fractie).
   */
  conceptScheme(scheme: string): NamedNode {
    return this.node(`id/${slug(scheme)}`);
  }
}

/** A provisional id, minted from the content when the paper names no official id (src/ingest): it has no official address. */
export function isProvisionalId(id: string): boolean {
  return /^provisional-[0-9a-f]{12}$/.test(id);
}

/** Official publication address of a paper on officielebekendmakingen (none for a provisional id). */
export function officialUrl(officialId: string, form: '' | '.html' | '.pdf' | '.xml' = ''): string {
  if (isProvisionalId(officialId)) throw new Error(`${officialId} is a provisional id: no official address is known`);
  return `https://zoek.officielebekendmakingen.nl/${officialId}${form}`;
}

/** Official dossier page. */
export function officialDossierUrl(dossier: string): string {
  return `https://zoek.officielebekendmakingen.nl/dossier/${dossier}`;
}
