/**
 * The document model → RDF/JS quads, one named graph per document.
 *
 * Everything gets an IRI from the IriMinter (no blank nodes), and the quads come
 * out in a fixed order with duplicates removed, so the same DocumentModel always
 * gives the same quads. The vocabulary is ELI/ELI-DL, DCTERMS, ORG, Web Annotation
 * and PROV where they have the term, and the kld ontology (ontology/kamerstukken.ttl,
 * documented in docs/ontology.md) where they do not. One emitter per entity, in
 * src/rdf/emit/: paper (ELI work), agents, units (blocks, questions, answers,
 * notice, footnotes), occurrences (citations, mentions, cross-references), provenance.
 */
import type { Quad } from '@rdfjs/types';
import { KldError } from '../errors.js';
import { defaultGazetteerInstance, type Gazetteer } from '../extract/gazetteer.js';
import type { DocumentModel } from '../model.js';
import type { IriMinter } from './iris.js';
import { emitAnswerers, emitAskers, emitFaction } from './emit/agents.js';
import { Occurrences } from './emit/occurrences.js';
import { emitPaper } from './emit/paper.js';
import { emitProvenance } from './emit/provenance.js';
import { SourceIndex } from './emit/text.js';
import { emitBlocks, emitFootnote, emitNotice } from './emit/units.js';
import { GraphWriter, type Emit } from './emit/writer.js';

export { CITED_CLASS, GENRE_TERMS } from './emit/paper.js';
export { namedAnswerer, readAnswerers } from './emit/agents.js';

/** A model without its source text (hand-made) cannot give selectors. */
export class MissingSourceTextError extends KldError {
  constructor(id: string) {
    super('data', `${id}: the model carries no source text (source.text); selectors and the published text need it`);
  }
}

/**
 * All quads of one document, in graph minter.graph(doc.id). Facts of gazetteer concepts (factions,
 * ministries, treaties, organisations) are not repeated here: they stand once in the gazetteer's graph.
 *
 * @example
 * const quads = documentToQuads(await readDocument('corpus/kst-26150-187.txt'), new IriMinter());
 */
export function documentToQuads(doc: DocumentModel, minter: IriMinter, gazetteer: Gazetteer = defaultGazetteerInstance()): Quad[] {
  const text = doc.source.text;
  if (text === undefined) throw new MissingSourceTextError(doc.id);
  const e: Emit = {
    g: new GraphWriter(minter.graph(doc.id)),
    minter,
    doc,
    id: doc.id,
    D: minter.document(doc.id),
    text: new SourceIndex(text),
    kld: minter.kld,
    inGazetteer: (kind, id) => gazetteer.byId(id)?.kind === kind,
  };
  emitPaper(e);
  for (const f of doc.factions) e.g.add(e.D, e.kld.askedBy, emitFaction(e, f));
  const askers = emitAskers(e);
  for (const who of askers) e.g.add(e.D, e.kld.askedBy, who);
  const { persons, posts } = emitAnswerers(e);
  emitProvenance(e);
  const occ = new Occurrences(e);
  const held = emitBlocks(e, { askers, answerers: persons, posts }, occ);
  if (doc.notice !== null) emitNotice(e, doc.notice, occ);
  for (const fn of doc.footnotes) emitFootnote(e, fn, held, occ);
  return e.g.quads;
}
