/**
 * Occurrences in the text: citations of other papers, mentions of gazetteer
 * concepts, cross-references to answers. They are not works: each is part of
 * the paper (kld:partOf), held by the unit whose text holds it, named by what
 * it is and where it starts (code points), so that finding one more elsewhere
 * renames none of the others.
 */
import type { NamedNode } from '@rdfjs/types';
import type { CrossReference, Mention, MentionKind, PlacedCitation } from '../../model.js';
import type { KldTerm } from '../iris.js';
import { eli, skos } from '../vocab.js';
import { emitCitedPaper } from './paper.js';
import { emitSpan } from './provenance.js';
import { a, int, nl, str, type Emit } from './writer.js';

/** Gazetteer scheme (IRI path segment) and class of mentioned concepts. */
const MENTION_SCHEME: Record<MentionKind, string> = {
  treaty: 'verdrag',
  organisation: 'organisatie',
  ministry: 'ministerie',
  faction: 'fractie',
  person: 'persoon',
};
const MENTION_CLASS: Record<MentionKind, KldTerm> = {
  treaty: 'Treaty',
  organisation: 'Organisation',
  ministry: 'Ministry',
  faction: 'Faction',
  person: 'Person',
};

/** An IRI not yet used in this graph: a second occurrence at the same place gets a suffix. */
function fresh(e: Emit, iri: NamedNode, used: Set<string>): NamedNode {
  let candidate = iri;
  for (let k = 2; used.has(candidate.value); k++) candidate = e.minter.variant(iri, k);
  used.add(candidate.value);
  return candidate;
}

export class Occurrences {
  private readonly used = new Set<string>();
  constructor(private readonly e: Emit) {}

  /**
   * A citation held by `holder` (block, answer, notice, footnote); `work` is the work whose
   * text cites (the question block or answer, else the paper): work eli:cites the cited paper.
   */
  citation(c: PlacedCitation, holder: NamedNode, work: NamedNode): void {
    const { g, minter, id, D, kld } = this.e;
    const C = fresh(this.e, minter.citation(id, c.id, this.e.text.cp(c.span.start)), this.used);
    const P = emitCitedPaper(this.e, c);
    g.add(C, a, kld.Citation);
    g.add(C, kld.partOf, D);
    g.add(C, kld.citedPaper, P);
    g.add(C, kld.citedId, str(c.id));
    g.add(C, kld.side, str(c.in));
    g.add(C, kld.printedText, nl(c.text));
    g.add(C, kld.citationIn, holder);
    if (c.footnote !== undefined) g.add(C, kld.inFootnote, minter.footnote(id, c.footnote));
    emitSpan(this.e, C, c.span);
    g.add(holder, kld.citation, C);
    g.add(holder, kld.cites, P);
    g.add(D, kld.cites, P);
    g.add(work, eli.cites, P);
  }

  mention(m: Mention, holder: NamedNode): void {
    const { g, minter, id, D, kld } = this.e;
    const scheme = MENTION_SCHEME[m.kind];
    const M = fresh(this.e, minter.mention(id, scheme, m.id, this.e.text.cp(m.span.start)), this.used);
    const K = m.kind === 'faction' ? minter.faction(m.id) : m.kind === 'person' ? minter.person(m.id) : minter.concept(scheme, m.id);
    g.add(M, a, kld.Mention);
    g.add(M, kld.partOf, D);
    g.add(M, kld.mentions, K);
    g.add(M, kld.side, str(m.in));
    g.add(M, kld.printedText, nl(m.text));
    emitSpan(this.e, M, m.span);
    g.add(holder, kld.mention, M);
    g.add(holder, kld.mentions, K);
    // A gazetteer concept's facts live in the gazetteer's graph only; one it lacks is typed here.
    if (!this.e.inGazetteer(m.kind, m.id)) {
      g.add(K, a, kld(MENTION_CLASS[m.kind]));
      if (m.kind !== 'person') g.add(K, a, skos.Concept);
    }
  }

  crossReference(r: CrossReference, holder: NamedNode, answerByNumber: ReadonlyMap<number, NamedNode>): void {
    const { g, minter, id, D, kld } = this.e;
    const R = fresh(this.e, minter.crossReference(id, r.numbers, this.e.text.cp(r.span.start)), this.used);
    g.add(R, a, kld.CrossReference);
    g.add(R, kld.partOf, D);
    g.add(R, kld.side, str(r.in));
    g.add(R, kld.printedText, nl(r.text));
    for (const n of r.numbers) {
      g.add(R, kld.number, int(n));
      // A number no answer of this paper carries (a reference to another paper's answer) keeps only kld:number.
      const target = answerByNumber.get(n);
      if (target !== undefined) g.add(R, kld.refersToAnswer, target);
    }
    emitSpan(this.e, R, r.span);
    g.add(holder, kld.crossReference, R);
  }
}
