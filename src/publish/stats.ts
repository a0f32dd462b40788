/**
 * VoID statistics: what dataset.ttl states about the dump, computed from the
 * very quads written to it. Per-graph statistics are plain JSON so that the
 * incremental cache can keep them; the corpus totals merge them.
 */
import type { Quad } from '@rdfjs/types';
import { rdf } from '../rdf/vocab.js';

/** A dataset we link to, recognised by the start of the IRIs we point at. */
export interface LinkTarget {
  /** Short name, used in IRIs of the description: "officielebekendmakingen". */
  key: string;
  title: string;
  homepage: string;
  /** IRI prefixes of the target's resources (void:uriSpace is the first). */
  uriSpaces: string[];
}

/** Statistics of one named graph. */
export interface GraphStats {
  /** Number of distinct quads in the graph. */
  triples: number;
  /** Distinct subject IRIs. */
  subjects: string[];
  /** Class IRI → its instances in this graph (sorted). */
  classes: Record<string, string[]>;
  /** Predicate IRI → number of quads. */
  properties: Record<string, number>;
  /** "targetKey predicateIRI" → number of quads whose object lies in the target. */
  links: Record<string, number>;
}

function linkTargetOf(iri: string, targets: readonly LinkTarget[]): LinkTarget | undefined {
  return targets.find((t) => t.uriSpaces.some((space) => iri.startsWith(space)));
}

/** Statistics of one graph's quads (assumed distinct, as sortedLines makes them). */
export function graphStats(quads: readonly Quad[], targets: readonly LinkTarget[]): GraphStats {
  const subjects = new Set<string>();
  const classes = new Map<string, Set<string>>();
  const properties = new Map<string, number>();
  const links = new Map<string, number>();
  const seen = new Set<string>();
  let triples = 0;
  for (const q of quads) {
    const key = `${q.subject.value}\u0000${q.predicate.value}\u0000${q.object.termType}\u0000${q.object.value}\u0000${
      q.object.termType === 'Literal' ? `${q.object.language}\u0000${q.object.datatype.value}` : ''
    }`;
    if (seen.has(key)) continue;
    seen.add(key);
    triples++;
    subjects.add(q.subject.value);
    properties.set(q.predicate.value, (properties.get(q.predicate.value) ?? 0) + 1);
    if (q.predicate.equals(rdf('type')) && q.object.termType === 'NamedNode') {
      let set = classes.get(q.object.value);
      if (!set) classes.set(q.object.value, (set = new Set()));
      set.add(q.subject.value);
    }
    if (q.object.termType === 'NamedNode') {
      const target = linkTargetOf(q.object.value, targets);
      if (target) {
        const k = `${target.key} ${q.predicate.value}`;
        links.set(k, (links.get(k) ?? 0) + 1);
      }
    }
  }
  const sortedRecord = <T>(m: Map<string, T>): Record<string, T> =>
    Object.fromEntries([...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return {
    triples,
    subjects: [...subjects].sort(),
    classes: sortedRecord(new Map([...classes].map(([c, s]) => [c, [...s].sort()]))),
    properties: sortedRecord(properties),
    links: sortedRecord(links),
  };
}

/** Corpus totals, merged graph by graph. */
export class CorpusStats {
  triples = 0;
  graphs = 0;
  readonly subjects = new Set<string>();
  readonly classes = new Map<string, Set<string>>();
  readonly properties = new Map<string, number>();
  readonly links = new Map<string, number>();

  add(stats: GraphStats): void {
    this.graphs++;
    this.triples += stats.triples;
    for (const s of stats.subjects) this.subjects.add(s);
    for (const [c, instances] of Object.entries(stats.classes)) {
      let set = this.classes.get(c);
      if (!set) this.classes.set(c, (set = new Set()));
      for (const i of instances) set.add(i);
    }
    for (const [p, n] of Object.entries(stats.properties)) this.properties.set(p, (this.properties.get(p) ?? 0) + n);
    for (const [k, n] of Object.entries(stats.links)) this.links.set(k, (this.links.get(k) ?? 0) + n);
  }

  /** Entities: distinct subjects in our own URI space (void:uriSpace). */
  entities(uriSpace: string): number {
    let n = 0;
    for (const s of this.subjects) if (s.startsWith(uriSpace)) n++;
    return n;
  }
}
