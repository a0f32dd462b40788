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
import { DistinctStrings, type DistinctOptions } from './spill.js';

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

/** Statistics of one named graph (kept in the incremental cache as JSON: CACHE_FORMAT in ./cache.ts names this shape). */
export interface GraphStats {
  /** Number of distinct quads in the graph. */
  triples: number;
  /** The IRI of the graph's document (its own parts are the IRIs under it); null for a graph without one. */
  document: string | null;
  /** Distinct subjects that are the document's own parts: described in this graph only, so a count is enough. */
  ownSubjects: number;
  /** The other distinct subject IRIs (sorted): other graphs may describe them too. */
  subjects: string[];
  /** Class IRI → number of the document's own parts that are its instances. */
  ownClasses: Record<string, number>;
  /** Class IRI → its other instances in this graph (sorted). */
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
 * without a document, such as the gazetteer's) are kept as shared. Its own parts are counted
 * (subjects, class instances), the others listed, for the corpus totals to count once. The
 * paper's dates (or its parliamentary year when it prints no date) give the graph's period.
 */
export function graphStats(quads: readonly Quad[], targets: readonly LinkTarget[], document?: string): GraphStats {
  const ownSubjects = new Set<string>();
  const subjects = new Set<string>();
  const ownClasses = new Map<string, number>();
  const classes = new Map<string, Set<string>>();
  const properties = new Map<string, number>();
  const links = new Map<string, number>();
  const shared = new Map<string, SharedTriple>();
  const seen = new Set<string>();
  const dates: string[] = [];
  let year: string | null = null;
  const own = (iri: string): boolean => document !== undefined && (iri.startsWith(`${document}/`) || iri.startsWith(`${document}#`));
  // Class → its own instances (distinct), while the graph is read.
  const ownInstances = new Map<string, Set<string>>();
  let triples = 0;
  for (const q of quads) {
    const key = tripleKey(q);
    if (seen.has(key)) continue;
    seen.add(key);
    triples++;
    const isOwn = own(q.subject.value);
    (isOwn ? ownSubjects : subjects).add(q.subject.value);
    if (q.predicate.equals(rdf('type')) && q.object.termType === 'NamedNode') {
      const byClass = isOwn ? ownInstances : classes;
      let set = byClass.get(q.object.value);
      if (!set) byClass.set(q.object.value, (set = new Set()));
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
    if (!isOwn) {
      shared.set(key, [key, q.predicate.value, link]);
      continue;
    }
    properties.set(q.predicate.value, (properties.get(q.predicate.value) ?? 0) + 1);
    if (link !== '') links.set(link, (links.get(link) ?? 0) + 1);
  }
  for (const [c, set] of ownInstances) ownClasses.set(c, set.size);
  const sortedRecord = <T>(m: Map<string, T>): Record<string, T> => Object.fromEntries([...m.entries()].sort(([a], [b]) => compare(a, b)));
  dates.sort();
  const first = dates[0];
  const last = dates[dates.length - 1];
  const period = first !== undefined && last !== undefined ? { start: first, end: last } : year !== null ? parliamentaryYear(year) : null;
  return {
    triples,
    document: document ?? null,
    ownSubjects: ownSubjects.size,
    subjects: [...subjects].sort(compare),
    ownClasses: sortedRecord(ownClasses),
    classes: sortedRecord(new Map([...classes].map(([c, s]) => [c, [...s].sort(compare)]))),
    properties: sortedRecord(properties),
    links: sortedRecord(links),
    shared: [...shared.values()].sort(([a], [b]) => compare(a, b)),
    period,
  };
}

/** Kinds of the records counted once over the corpus (the first character of each). */
const SHARED_TRIPLE = 'T';
const SHARED_SUBJECT = 'S';
const SHARED_INSTANCE = 'C';
/** Separates a record's fields: IRIs cannot hold it, and a triple's key (which may) comes first and is read from the right. */
const SEP = '\u0001';

export interface CorpusStatsOptions {
  /** The URI space whose subjects are entities (void:entities); entities() answers for this one only. */
  uriSpace?: string;
  /** Where the shared records go when they outgrow memory (see DistinctStrings). */
  spill?: DistinctOptions;
}

/** The totals, once every graph is in. */
interface Totals {
  triples: number;
  subjects: number;
  entities: number;
  classes: Map<string, number>;
  properties: Map<string, number>;
  links: Map<string, number>;
}

/**
 * Corpus totals, merged graph by graph; triples counted once however many graphs hold them.
 *
 * Memory: a document's own parts are described in its graph only (the mapping mints a paper's part IRIs
 * from its own id, and a document's quads outside its graph are refused), so their subjects, class
 * instances and triples arrive as counts and are summed. Only what several graphs may hold (the papers
 * themselves, factions, persons, dossiers, cited papers, the gazetteer) must be counted once: those
 * records go through a DistinctStrings, which spills to disk past its budget. Nothing kept here grows
 * with the number of papers. The totals are made on first use; add() is then closed.
 */
export class CorpusStats {
  /** Quads in the dump (lines of the N-Quads file). */
  quads = 0;
  graphs = 0;
  /** First and last date of the papers (see graphStats), null when no paper is dated. */
  period: { start: string; end: string } | null = null;
  private readonly ownProperties = new Map<string, number>();
  private readonly ownLinks = new Map<string, number>();
  private readonly ownClasses = new Map<string, number>();
  private ownTriples = 0;
  private ownSubjects = 0;
  private ownEntities = 0;
  private readonly shared: DistinctStrings;
  private totals: Totals | null = null;

  constructor(private readonly options: CorpusStatsOptions = {}) {
    this.shared = new DistinctStrings(options.spill);
  }

  add(stats: GraphStats): void {
    if (this.totals !== null) throw new Error('CorpusStats.add after the totals were made');
    this.graphs++;
    this.quads += stats.triples;
    this.ownTriples += stats.triples - stats.shared.length;
    this.ownSubjects += stats.ownSubjects;
    // Own parts lie under the document's IRI, so they are in the URI space when the document is.
    const space = this.options.uriSpace;
    if (stats.document !== null && space !== undefined && stats.document.startsWith(space)) this.ownEntities += stats.ownSubjects;
    for (const [c, n] of Object.entries(stats.ownClasses)) this.ownClasses.set(c, (this.ownClasses.get(c) ?? 0) + n);
    for (const [p, n] of Object.entries(stats.properties)) this.ownProperties.set(p, (this.ownProperties.get(p) ?? 0) + n);
    for (const [k, n] of Object.entries(stats.links)) this.ownLinks.set(k, (this.ownLinks.get(k) ?? 0) + n);
    for (const s of stats.subjects) this.shared.add(SHARED_SUBJECT + s);
    for (const [c, instances] of Object.entries(stats.classes)) for (const i of instances) this.shared.add(SHARED_INSTANCE + c + SEP + i);
    for (const [key, predicate, link] of stats.shared) this.shared.add(SHARED_TRIPLE + key + SEP + predicate + SEP + link);
    const p = stats.period;
    if (p) {
      this.period = this.period ? { start: p.start < this.period.start ? p.start : this.period.start, end: p.end > this.period.end ? p.end : this.period.end } : { ...p };
    }
  }

  /** The totals: own counts summed, shared records counted once (merged from disk when they spilled). */
  private made(): Totals {
    if (this.totals !== null) return this.totals;
    const classes = new Map<string, number>(this.ownClasses);
    const properties = new Map(this.ownProperties);
    const links = new Map(this.ownLinks);
    let sharedTriples = 0;
    let sharedSubjects = 0;
    let sharedEntities = 0;
    const space = this.options.uriSpace;
    try {
      for (const record of this.shared.sorted()) {
        const body = record.slice(1);
        if (record.startsWith(SHARED_SUBJECT)) {
          sharedSubjects++;
          if (space !== undefined && body.startsWith(space)) sharedEntities++;
        } else if (record.startsWith(SHARED_INSTANCE)) {
          const c = body.slice(0, body.indexOf(SEP));
          classes.set(c, (classes.get(c) ?? 0) + 1);
        } else {
          // key SEP predicate SEP link: the key may hold anything, the predicate and the link cannot hold SEP.
          const linkAt = body.lastIndexOf(SEP);
          const predicate = body.slice(body.lastIndexOf(SEP, linkAt - 1) + 1, linkAt);
          const link = body.slice(linkAt + 1);
          sharedTriples++;
          properties.set(predicate, (properties.get(predicate) ?? 0) + 1);
          if (link !== '') links.set(link, (links.get(link) ?? 0) + 1);
        }
      }
    } finally {
      this.shared.close();
    }
    this.totals = { triples: this.ownTriples + sharedTriples, subjects: this.ownSubjects + sharedSubjects, entities: this.ownEntities + sharedEntities, classes, properties, links };
    return this.totals;
  }

  /** Distinct triples over all graphs (void:triples). */
  get triples(): number {
    return this.made().triples;
  }

  /** Distinct subjects over all graphs (void:distinctSubjects). */
  get distinctSubjects(): number {
    return this.made().subjects;
  }

  /** Class IRI → its distinct instances (void:entities of the class partition). */
  get classes(): Map<string, number> {
    return this.made().classes;
  }

  /** Predicate IRI → distinct triples with it. */
  get properties(): Map<string, number> {
    return this.made().properties;
  }

  /** "targetKey predicateIRI" → distinct triples linking into the target with that predicate. */
  get links(): Map<string, number> {
    return this.made().links;
  }

  /** Entities: distinct subjects in our own URI space (void:uriSpace), the one these statistics were made for. */
  entities(uriSpace: string): number {
    if (uriSpace !== this.options.uriSpace) throw new Error(`CorpusStats counted entities in ${String(this.options.uriSpace)}, not in ${uriSpace}`);
    return this.made().entities;
  }

  /** Remove what was spilled to disk (when the totals are never asked for). */
  close(): void {
    this.shared.close();
  }
}
