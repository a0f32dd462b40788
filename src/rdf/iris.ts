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
}

/** Official publication address of a paper on officielebekendmakingen. */
export function officialUrl(officialId: string, form: '' | '.html' | '.pdf' | '.xml' = ''): string {
  return `https://zoek.officielebekendmakingen.nl/${officialId}${form}`;
}

/** Official dossier page. */
export function officialDossierUrl(dossier: string): string {
  return `https://zoek.officielebekendmakingen.nl/dossier/${dossier}`;
}
