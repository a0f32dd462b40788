/**
 * VoID statistics: what dataset.ttl states about the dump, computed from the
 * very quads written to it. Per-graph statistics are plain JSON so that the
 * incremental cache can keep them; the corpus totals merge them.
 *
 * VoID counts triples, and the dump's default graph is a set: a triple that
 * stands in several named graphs (a faction, a dossier, a cited paper,
 * described in each paper that names it) counts once. Each graph's statistics
 * therefore keep the triples it may share with other graphs (those whose
 * subject is not one of the graph's own document's parts) by value, and the
 * corpus totals count those once; a document's own parts (its blocks,
 * questions, answers, citations …, IRIs under the document's IRI) are
 * described in its graph only and are counted there.
 */
import type { Quad } from '@rdfjs/types';
import { dcterms, eli, rdf, xsd } from '../rdf/vocab.js';

/** A dataset we link to, recognised by the start of the IRIs we point at. */
export interface LinkTarget {
  /** Short name, used in IRIs of the description: "officielebekendmakingen". */
  key: string;
  title: string;
  homepage: string;
  /** IRI prefixes of the target's resources (void:uriSpace is the first). */
  uriSpaces: string[];
}

/** A triple that other graphs may hold too: its identity, predicate and link ("target predicate" or ""). */
export type SharedTriple = [key: string, predicate: string, link: string];

/** Statistics of one named graph. */
export interface GraphStats {
  /** Number of distinct quads in the graph. */
  triples: number;
  /** Distinct subject IRIs. */
  subjects: string[];
  /** Class IRI → its instances in this graph (sorted). */
  classes: Record<string, string[]>;
  /** Predicate IRI → number of the graph's own triples (not in `shared`). */
  properties: Record<string, number>;
  /** "targetKey predicateIRI" → number of the graph's own triples whose object lies in the target. */
  links: Record<string, number>;
  /** Triples other graphs may hold too, counted once over the corpus (sorted by key). */
  shared: SharedTriple[];
  /** The first and last date of the graph's document (its dates, else its parliamentary year); null when none. */
  period: { start: string; end: string } | null;
}

function linkTargetOf(iri: string, targets: readonly LinkTarget[]): LinkTarget | undefined {
  return targets.find((t) => t.uriSpaces.some((space) => iri.startsWith(space)));
}

/** Predicates whose xsd:date value dates a paper (written, submitted, received, published). */
const DATE_PREDICATES = new Set([eli('date_document').value, eli('date_publication').value, dcterms('dateSubmitted').value, dcterms('issued').value]);
const ISO_DATE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;

/**
 * The parliamentary year "2020-2021" as dates: it opens on Prinsjesdag, the third Tuesday of
 * September (Grondwet art. 65), and runs to the day before the next one.
 */
export function parliamentaryYear(year: string): { start: string; end: string } | null {
  const m = /^([0-9]{4})-([0-9]{4})$/.exec(year);
  if (!m?.[1] || !m[2] || Number(m[2]) !== Number(m[1]) + 1) return null;
  const prinsjesdag = (y: number): Date => {
    const first = new Date(Date.UTC(y, 8, 1));
    const firstTuesday = 1 + ((2 - first.getUTCDay() + 7) % 7);
    return new Date(Date.UTC(y, 8, firstTuesday + 14));
  };
  const start = prinsjesdag(Number(m[1]));
  const end = new Date(prinsjesdag(Number(m[2])).getTime() - 86_400_000);
  return { start: start.toISOString().slice(0, 10), end: end.toISOString().slice(0, 10) };
}

function tripleKey(q: Quad): string {
  return `${q.subject.value}\u0000${q.predicate.value}\u0000${q.object.termType}\u0000${q.object.value}\u0000${q.object.termType === 'Literal' ? `${q.object.language}\u0000${q.object.datatype.value}` : ''}`;
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Statistics of one graph's quads. `document` is the IRI of the paper whose graph this is:
 * triples about its parts (IRIs under it) are its own; all others (and every triple of a graph
 * without a document, such as the gazetteer's) are kept as shared. The paper's dates (or its
 * parliamentary year when it prints no date) give the graph's period.
 */
export function graphStats(quads: readonly Quad[], targets: readonly LinkTarget[], document?: string): GraphStats {
  const subjects = new Set<string>();
  const classes = new Map<string, Set<string>>();
  const properties = new Map<string, number>();
  const links = new Map<string, number>();
  const shared = new Map<string, SharedTriple>();
  const seen = new Set<string>();
  const dates: string[] = [];
  let year: string | null = null;
  const own = (iri: string): boolean => document !== undefined && (iri.startsWith(`${document}/`) || iri.startsWith(`${document}#`));
  let triples = 0;
  for (const q of quads) {
    const key = tripleKey(q);
    if (seen.has(key)) continue;
    seen.add(key);
    triples++;
    subjects.add(q.subject.value);
    if (q.predicate.equals(rdf('type')) && q.object.termType === 'NamedNode') {
      let set = classes.get(q.object.value);
      if (!set) classes.set(q.object.value, (set = new Set()));
      set.add(q.subject.value);
    }
    let link = '';
    if (q.object.termType === 'NamedNode') {
      const target = linkTargetOf(q.object.value, targets);
      if (target) link = `${target.key} ${q.predicate.value}`;
    }
    if (q.subject.value === document && q.object.termType === 'Literal') {
      if (DATE_PREDICATES.has(q.predicate.value) && q.object.datatype.equals(xsd('date')) && ISO_DATE.test(q.object.value)) dates.push(q.object.value);
      else if (q.predicate.value.endsWith('#dateReceived') && ISO_DATE.test(q.object.value)) dates.push(q.object.value);
      else if (q.predicate.value.endsWith('#vergaderjaar')) year = q.object.value;
    }
    if (!own(q.subject.value)) {
      shared.set(key, [key, q.predicate.value, link]);
      continue;
    }
    properties.set(q.predicate.value, (properties.get(q.predicate.value) ?? 0) + 1);
    if (link !== '') links.set(link, (links.get(link) ?? 0) + 1);
  }
  const sortedRecord = <T>(m: Map<string, T>): Record<string, T> => Object.fromEntries([...m.entries()].sort(([a], [b]) => compare(a, b)));
  dates.sort();
  const first = dates[0];
  const last = dates[dates.length - 1];
  const period = first !== undefined && last !== undefined ? { start: first, end: last } : year !== null ? parliamentaryYear(year) : null;
  return {
    triples,
    subjects: [...subjects].sort(),
    classes: sortedRecord(new Map([...classes].map(([c, s]) => [c, [...s].sort()]))),
    properties: sortedRecord(properties),
    links: sortedRecord(links),
    shared: [...shared.values()].sort(([a], [b]) => compare(a, b)),
    period,
  };
}

/** Corpus totals, merged graph by graph; triples counted once however many graphs hold them. */
export class CorpusStats {
  /** Quads in the dump (lines of the N-Quads file). */
  quads = 0;
  graphs = 0;
  /** First and last date of the papers (see graphStats), null when no paper is dated. */
  period: { start: string; end: string } | null = null;
  readonly subjects = new Set<string>();
  readonly classes = new Map<string, Set<string>>();
  private readonly ownProperties = new Map<string, number>();
  private readonly ownLinks = new Map<string, number>();
  private ownTriples = 0;
  private readonly shared = new Map<string, SharedTriple>();

  add(stats: GraphStats): void {
    this.graphs++;
    this.quads += stats.triples;
    this.ownTriples += stats.triples - stats.shared.length;
    for (const s of stats.subjects) this.subjects.add(s);
    for (const [c, instances] of Object.entries(stats.classes)) {
      let set = this.classes.get(c);
      if (!set) this.classes.set(c, (set = new Set()));
      for (const i of instances) set.add(i);
    }
    for (const [p, n] of Object.entries(stats.properties)) this.ownProperties.set(p, (this.ownProperties.get(p) ?? 0) + n);
    for (const [k, n] of Object.entries(stats.links)) this.ownLinks.set(k, (this.ownLinks.get(k) ?? 0) + n);
    for (const t of stats.shared) this.shared.set(t[0], t);
    const p = stats.period;
    if (p) {
      this.period = this.period ? { start: p.start < this.period.start ? p.start : this.period.start, end: p.end > this.period.end ? p.end : this.period.end } : { ...p };
    }
  }

  /** Distinct triples over all graphs (void:triples). */
  get triples(): number {
    return this.ownTriples + this.shared.size;
  }

  /** Predicate IRI → distinct triples with it. */
  get properties(): Map<string, number> {
    const out = new Map(this.ownProperties);
    for (const [, p] of this.shared.values()) out.set(p, (out.get(p) ?? 0) + 1);
    return out;
  }

  /** "targetKey predicateIRI" → distinct triples linking into the target with that predicate. */
  get links(): Map<string, number> {
    const out = new Map(this.ownLinks);
    for (const [, , link] of this.shared.values()) if (link !== '') out.set(link, (out.get(link) ?? 0) + 1);
    return out;
  }

  /** Entities: distinct subjects in our own URI space (void:uriSpace). */
  entities(uriSpace: string): number {
    let n = 0;
    for (const s of this.subjects) if (s.startsWith(uriSpace)) n++;
    return n;
  }
}
