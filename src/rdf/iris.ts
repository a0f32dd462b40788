/**
 * The one place where IRIs are minted. Every module that needs an IRI for a
 * document, block, faction or concept asks an IriMinter; nothing else builds
 * IRI strings. The scheme is documented in the README ("IRIs").
 */
import type { NamedNode } from '@rdfjs/types';
import { DataFactory } from 'n3';

export const DEFAULT_BASE = 'https://w3id.org/kamerstukken-ld/';

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

  constructor(base: string = DEFAULT_BASE) {
    if (!/^https?:\/\/[^\s]+\/$/.test(base)) {
      throw new Error(`base IRI must be an http(s) IRI ending in "/": got "${base}"`);
    }
    this.base = base;
    this.ontology = base + ONTOLOGY_PATH;
  }

  private node(path: string): NamedNode {
    return DataFactory.namedNode(this.base + path);
  }

  /** A term of our ontology: def#Answer. */
  term(localName: string): NamedNode {
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
    return numbers.length > 0
      ? this.node(`id/${doc}/antwoord/${numbers.join('-')}`)
      : this.node(`id/${doc}/blok/${blockIndex + 1}/antwoord`);
  }

  footnote(officialId: string, number: number): NamedNode {
    return this.node(`id/${segment(officialId, 'document')}/voetnoot/${number}`);
  }

  /** The k-th (1-based) citation occurrence in a document. */
  citation(officialId: string, k: number): NamedNode {
    return this.node(`id/${segment(officialId, 'document')}/citaat/${k}`);
  }

  /** The k-th (1-based) mention of a gazetteer entry in a document. */
  mention(officialId: string, k: number): NamedNode {
    return this.node(`id/${segment(officialId, 'document')}/vermelding/${k}`);
  }

  /** The k-th (1-based) cross-reference ("zie antwoord op vraag 21") in a document. */
  crossReference(officialId: string, k: number): NamedNode {
    return this.node(`id/${segment(officialId, 'document')}/verwijzing/${k}`);
  }

  /** A text-position selector for a source span; named by what it selects. */
  selector(of: NamedNode): NamedNode {
    return DataFactory.namedNode(`${of.value}#bron`);
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

  // --- Added for issue 6 (publishing, src/publish): IRIs of the dataset description and published files. ---

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

  /** The published JSON-LD context (the per-document JSON-LD files refer to it). */
  context(): NamedNode {
    return this.node('context.jsonld');
  }

  /** The named graph holding the gazetteer's concepts in the dumps: graph/gazetteer. */
  gazetteerGraph(): NamedNode {
    return this.node('graph/gazetteer');
  }

  /** The named graph holding what the harvest took from the Tweede Kamer's open data (Zaak links): graph/tweedekamer. */
  tweedekamerGraph(): NamedNode {
    return this.node('graph/tweedekamer');
  }

  // --- Added for issue 3 (ontology, mapping, validation: src/rdf/mapping.ts, src/validate): reported to the lead. ---

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

  // --- Added for issue 4 (gazetteer, src/extract/gazetteer.ts): reported to the lead. ---

  /**
   * A SKOS concept scheme of the gazetteer: the list of all concepts of one kind,
   * at the path their IRIs hang under (id/verdrag, id/organisatie, id/ministerie, id/fractie).
   */
  conceptScheme(scheme: string): NamedNode {
    return this.node(`id/${slug(scheme)}`);
  }
}

/** Official publication address of a paper on officielebekendmakingen. */
export function officialUrl(officialId: string, form: '' | '.html' | '.pdf' | '.xml' = ''): string {
  return `https://zoek.officielebekendmakingen.nl/${officialId}${form}`;
}

/** Official dossier page. */
export function officialDossierUrl(dossier: string): string {
  return `https://zoek.officielebekendmakingen.nl/dossier/${dossier}`;
}
