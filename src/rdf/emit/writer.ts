/**
 * What every emitter of src/rdf/emit shares: the graph being written (quads in
 * order, without duplicates), literal helpers, and the per-document context.
 */
import type { Literal, NamedNode, Quad, Quad_Object } from '@rdfjs/types';
import { DataFactory } from 'n3';
import type { DocumentModel, MentionKind } from '../../model.js';
import type { IriMinter, KldTerm } from '../iris.js';
import { rdf, xsd, type Vocabulary } from '../vocab.js';
import type { SourceIndex } from './text.js';

const { quad, literal } = DataFactory;

/** Collects quads in one graph, in order, without duplicates. */
export class GraphWriter {
  private readonly seen = new Set<string>();
  readonly quads: Quad[] = [];
  constructor(private readonly graph: NamedNode) {}

  add(s: NamedNode, p: NamedNode, o: Quad_Object): void {
    const key = `${s.value}\u0000${p.value}\u0000${termKey(o)}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.quads.push(quad(s, p, o, this.graph));
  }

  /** Has this subject been given any quad yet? (Occurrence IRIs must not collide.) */
  hasSubject(s: NamedNode): boolean {
    return this.quads.some((q) => q.subject.equals(s));
  }
}

function termKey(t: Quad_Object): string {
  if (t.termType !== 'Literal') return `${t.termType}:${t.value}`;
  return `L:${t.value}@${t.language}^${t.datatype.value}`;
}

export const nl = (text: string): Literal => literal(text, 'nl');
export const int = (n: number): Literal => literal(String(n), xsd.integer);
/**
 * A count or offset that cannot be negative (oa:start, oa:end). Typed xsd:integer, with the bound in the shapes
 * (sh:minInclusive 0): a SPARQL store such as Oxigraph keeps every integer type as xsd:integer, so a
 * nonNegativeInteger in the dumps would come back from the endpoint as another term than the one published.
 */
export const nonNegative = (n: number): Literal => literal(String(n), xsd.integer);
export const str = (text: string): Literal => literal(text);
export const date = (iso: string): Literal => literal(iso, xsd.date);
export const a = rdf.type;

/** One document being mapped: its graph, IRIs and source text. */
export interface Emit {
  readonly g: GraphWriter;
  readonly minter: IriMinter;
  readonly doc: DocumentModel;
  readonly id: string;
  /** The paper's IRI. */
  readonly D: NamedNode;
  /** The published source text the spans point into. */
  readonly text: SourceIndex;
  /** Our ontology's terms, typed (src/rdf/vocab.generated.ts). */
  readonly kld: Vocabulary<KldTerm>;
  /**
   * Does the gazetteer define this concept? Its facts (types, labels, notation) are then published once, in
   * the gazetteer's graph, and a paper's graph only points at it; a concept the gazetteer lacks is described here.
   */
  inGazetteer(kind: MentionKind, id: string): boolean;
}
