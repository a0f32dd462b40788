/**
 * The gazetteer: treaties, organisations, ministries and factions as SKOS
 * concepts, read from ontology/gazetteer.ttl (IRIs relative to the base), and
 * checked against the IRIs IriMinter gives. Loaded once per run; the compiled
 * matcher that findMentions uses hangs off it (see mentions.ts).
 */
import { readFileSync } from 'node:fs';
import type { Quad } from '@rdfjs/types';
import { Parser } from 'n3';
import type { MentionKind } from '../model.js';
import { IriMinter, type KldTerm } from '../rdf/iris.js';
import { org, rdf, skos } from '../rdf/vocab.js';
import { packageFile } from '../package.js';
import { KldError } from '../errors.js';
import { bareFactionName, factionKey } from '../ingest/factions.js';

export interface GazetteerEntry {
  /** Local name of the concept: "npt", "un", "bz"; for factions the slug of the abbreviation ("groenlinks-pvda"). */
  id: string;
  iri: string;
  kind: MentionKind;
  prefLabel: { nl?: string; en?: string };
  altLabels: string[];
  hiddenLabels: string[];
  /** The usual abbreviation of a faction (the model's `faction` value). */
  notation?: string;
  /** Verified external identifiers (Wikidata, TOOI IRIs). */
  exactMatch: string[];
  /** Ids of the organisations this one is part of (org:subOrganizationOf), nearest first, transitively. */
  partOf: string[];
}

/** A gazetteer file that does not hold what the loader needs: names the file, the line when known, and the IRI. */
export class GazetteerError extends KldError {
  readonly file: string;
  readonly iri: string | undefined;
  constructor(file: string, reason: string, iri?: string, line?: number) {
    super('data', `${file}${line !== undefined ? `:${line}` : ''}: ${reason}${iri !== undefined ? ` <${iri}>` : ''}`, {
      location: line === undefined ? { file } : { file, line },
    });
    this.file = file;
    this.iri = iri;
  }
}

/** The scheme (path segment) each kind's IRIs hang under. */
export const SCHEME_OF: Readonly<Record<MentionKind, string>> = {
  treaty: 'verdrag',
  organisation: 'organisatie',
  ministry: 'ministerie',
  faction: 'fractie',
  person: 'persoon',
};

const KIND_CLASS: Readonly<Record<MentionKind, KldTerm>> = {
  treaty: 'Treaty',
  organisation: 'Organisation',
  ministry: 'Ministry',
  faction: 'Faction',
  person: 'Person',
};

/** External identifier namespaces we accept in skos:exactMatch (the values themselves are curated in the file). */
const EXTERNAL = [/^http:\/\/www\.wikidata\.org\/entity\/Q[1-9][0-9]*$/, /^https:\/\/identifier\.overheid\.nl\/tooi\/id\/[a-z]+\/[a-z]+[0-9]+$/];

/** The bundled gazetteer, ontology/gazetteer.ttl of the package. */
export function defaultGazetteerFile(): string {
  return packageFile('ontology/gazetteer.ttl');
}

export class Gazetteer {
  readonly entries: GazetteerEntry[];
  readonly file: string;
  private readonly triples: Quad[];
  private readonly byIdMap: Map<string, GazetteerEntry>;
  /** Compiled matcher, built on first use by mentions.ts and kept with the gazetteer. */
  matcherCache: unknown;

  private constructor(file: string, entries: GazetteerEntry[], triples: Quad[]) {
    this.file = file;
    this.entries = entries;
    this.triples = triples;
    this.byIdMap = new Map(entries.map((e) => [e.id, e]));
  }

  /**
   * Parse and check a gazetteer file (default ontology/gazetteer.ttl) with the minter's base.
   * @example const gazetteer = Gazetteer.load(new IriMinter()); gazetteer.byId('npt')?.prefLabel.nl // "Non-proliferatieverdrag"
   */
  static load(minter: IriMinter, file: string = defaultGazetteerFile()): Gazetteer {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      throw new GazetteerError(file, `cannot read: ${(err as Error).message}`);
    }
    return Gazetteer.parse(minter, text, file);
  }

  /** Parse gazetteer Turtle given as a string (`file` only names it in errors). */
  static parse(minter: IriMinter, turtle: string, file = '<gazetteer>'): Gazetteer {
    let quads: Quad[];
    try {
      quads = new Parser({ baseIRI: minter.base, format: 'text/turtle' }).parse(turtle);
    } catch (err) {
      const m = /on line (\d+)/.exec((err as Error).message);
      throw new GazetteerError(file, `not valid Turtle: ${(err as Error).message}`, undefined, m ? Number(m[1]) : undefined);
    }
    return new Gazetteer(file, buildEntries(minter, quads, file), quads);
  }

  byId(id: string): GazetteerEntry | undefined {
    return this.byIdMap.get(id);
  }

  /** The faction a printed name or abbreviation stands for ("VVD-fractie", "Partij voor de Dieren", "GL-PvdA"). */
  factionByAbbreviation(text: string): GazetteerEntry | undefined {
    const key = factionKey(text);
    if (key === '') return undefined;
    return this.entries.find((e) => e.kind === 'faction' && factionNames(e).some((n) => factionKey(n) === key));
  }

  /** The gazetteer's triples (default graph), as parsed, with absolute IRIs. */
  quads(): Quad[] {
    return [...this.triples];
  }
}

/**
 * The gazetteer's entries, checked, in stages: no blank nodes; one entry per concept (conceptEntry, with its id
 * checked against IriMinter); each entry's ancestors (linkAncestors); every label usable and owned by one concept
 * (checkLabels). Sorted by IRI.
 */
function buildEntries(minter: IriMinter, quads: Quad[], file: string): GazetteerEntry[] {
  for (const q of quads) {
    for (const t of [q.subject, q.predicate, q.object, q.graph]) {
      if (t.termType === 'BlankNode') {
        throw new GazetteerError(file, 'blank nodes are not allowed in published data; triple with subject', q.subject.value);
      }
    }
  }
  const bySubject = new Map<string, Quad[]>();
  for (const q of quads) {
    const list = bySubject.get(q.subject.value);
    if (list) list.push(q);
    else bySubject.set(q.subject.value, [q]);
  }
  const kindOfClass = new Map<string, MentionKind>((Object.entries(KIND_CLASS) as [MentionKind, KldTerm][]).map(([kind, local]) => [minter.term(local).value, kind]));

  const entries: GazetteerEntry[] = [];
  const parentOf = new Map<string, string[]>();
  for (const [iri, qs] of bySubject) {
    const types = qs.filter((q) => q.predicate.equals(rdf('type'))).map((q) => q.object.value);
    if (!types.includes(skos('Concept').value)) continue;
    const kinds = [...new Set(types.map((t) => kindOfClass.get(t)).filter((k): k is MentionKind => k !== undefined))];
    const [kind] = kinds;
    if (kind === undefined || kinds.length !== 1) {
      throw new GazetteerError(file, `a concept needs exactly one of kld:Treaty, kld:Organisation, kld:Ministry, kld:Faction, kld:Person; found ${kinds.length}`, iri);
    }
    entries.push(conceptEntry(minter, iri, kind, qs, file));
    parentOf.set(
      iri,
      qs.filter((q) => q.predicate.equals(org('subOrganizationOf'))).map((q) => q.object.value),
    );
  }
  linkAncestors(entries, parentOf, file);
  checkLabels(entries, file);
  return entries.sort((a, b) => (a.iri < b.iri ? -1 : a.iri > b.iri ? 1 : 0));
}

/** One concept's entry from its triples: labels, notation, links to Wikidata/TOOI; its IRI must be the minted one. */
function conceptEntry(minter: IriMinter, iri: string, kind: MentionKind, qs: readonly Quad[], file: string): GazetteerEntry {
  const literals = (p: string, lang?: string): string[] =>
    qs
      .filter((q) => q.predicate.value === p && q.object.termType === 'Literal')
      .filter((q) => lang === undefined || (q.object.termType === 'Literal' && q.object.language === lang))
      .map((q) => q.object.value);
  const nl = literals(skos('prefLabel').value, 'nl');
  const en = literals(skos('prefLabel').value, 'en');
  const [nlLabel] = nl;
  if (nlLabel === undefined || nl.length !== 1) throw new GazetteerError(file, `a concept needs exactly one skos:prefLabel in Dutch (@nl); found ${nl.length}`, iri);
  if (en.length > 1) throw new GazetteerError(file, `at most one skos:prefLabel in English (@en); found ${en.length}`, iri);
  const notations = literals(skos('notation').value);
  if (notations.length > 1) throw new GazetteerError(file, `at most one skos:notation; found ${notations.length}`, iri);
  const notation = notations[0];
  const exactMatch = qs
    .filter((q) => q.predicate.equals(skos('exactMatch')))
    .map((q) => q.object.value)
    .sort();
  for (const x of exactMatch) {
    if (!EXTERNAL.some((re) => re.test(x))) throw new GazetteerError(file, `skos:exactMatch <${x}> is not a Wikidata entity or TOOI IRI, on`, iri);
  }
  return {
    id: conceptId(minter, iri, kind, notation, file),
    iri,
    kind,
    prefLabel: en[0] !== undefined ? { nl: nlLabel, en: en[0] } : { nl: nlLabel },
    altLabels: literals(skos('altLabel').value),
    hiddenLabels: literals(skos('hiddenLabel').value),
    ...(notation !== undefined ? { notation } : {}),
    exactMatch,
    partOf: [],
  };
}

/** A concept's id (the last segment of its IRI), when its IRI is the one IriMinter gives: by notation for a faction, under its scheme otherwise. */
function conceptId(minter: IriMinter, iri: string, kind: MentionKind, notation: string | undefined, file: string): string {
  if (kind === 'faction') {
    if (notation === undefined) throw new GazetteerError(file, 'a faction needs its abbreviation as skos:notation', iri);
    const expected = minter.faction(notation).value;
    if (iri !== expected) throw new GazetteerError(file, `a faction's IRI must be IriMinter.faction("${notation}") = <${expected}>; found`, iri);
    return expected.slice(expected.lastIndexOf('/') + 1);
  }
  const prefix = minter.conceptScheme(SCHEME_OF[kind]).value + '/';
  if (!iri.startsWith(prefix)) throw new GazetteerError(file, `a ${kind} must have an IRI under <${prefix}>; found`, iri);
  const id = iri.slice(prefix.length);
  let expected: string;
  try {
    expected = minter.concept(SCHEME_OF[kind], id).value;
  } catch (err) {
    throw new GazetteerError(file, (err as Error).message, iri);
  }
  if (iri !== expected) throw new GazetteerError(file, `IRI is not the one IriMinter.concept gives (<${expected}>)`, iri);
  return id;
}

/** Each entry's ancestors through org:subOrganizationOf, nearest first (into partOf); ids must be unique. */
function linkAncestors(entries: readonly GazetteerEntry[], parentOf: ReadonlyMap<string, string[]>, file: string): void {
  const byIri = new Map(entries.map((e) => [e.iri, e]));
  const seenIds = new Map<string, string>();
  for (const e of entries) {
    const other = seenIds.get(e.id);
    if (other !== undefined) throw new GazetteerError(file, `id "${e.id}" is used by <${other}> and`, e.iri);
    seenIds.set(e.id, e.iri);
    // Parents outside the gazetteer (factions → Tweede Kamer is inside) are an error.
    const seen = new Set<string>([e.iri]);
    let frontier = parentOf.get(e.iri) ?? [];
    while (frontier.length > 0) {
      const next: string[] = [];
      for (const p of frontier) {
        if (seen.has(p)) continue;
        seen.add(p);
        const parent = byIri.get(p);
        if (parent === undefined) throw new GazetteerError(file, `org:subOrganizationOf <${p}>, which is not in the gazetteer, on`, e.iri);
        e.partOf.push(parent.id);
        next.push(...(parentOf.get(p) ?? []));
      }
      frontier = next;
    }
  }
}

/** Every label can be matched (two characters, starting with a letter or digit) and names one concept only. */
function checkLabels(entries: readonly GazetteerEntry[], file: string): void {
  // Labels are matched from their first two characters on (mentions.ts): a one-character label could never be.
  for (const e of entries) {
    for (const label of labelsOf(e)) {
      if ([...label].length < 2 || !/^[\p{L}\p{N}]/u.test(label)) {
        throw new GazetteerError(file, `label "${label}" is too short or does not start with a letter or digit, on`, e.iri);
      }
    }
  }
  // One label, one concept: a label shared by two concepts could not be linked.
  const owner = new Map<string, GazetteerEntry>();
  for (const e of entries) {
    for (const label of labelsOf(e)) {
      const o = owner.get(label);
      if (o !== undefined && o !== e) throw new GazetteerError(file, `label "${label}" belongs to both <${o.iri}> and`, e.iri);
      owner.set(label, e);
    }
  }
}

/** Every name an entry is matched by: prefLabels, altLabels, hiddenLabels and the notation, without repeats. */
export function labelsOf(e: GazetteerEntry): string[] {
  const all = [e.prefLabel.nl, e.prefLabel.en, ...e.altLabels, ...e.hiddenLabels, e.notation].filter((l): l is string => l !== undefined && l !== '');
  return [...new Set(all)];
}

function factionNames(e: GazetteerEntry): string[] {
  return labelsOf(e);
}

let defaultGazetteer: Gazetteer | undefined;

/**
 * The bundled gazetteer with the default base, loaded once: the default a caller
 * states (src/read.ts), never a fallback inside a reader.
 */
export function defaultGazetteerInstance(): Gazetteer {
  defaultGazetteer ??= Gazetteer.load(new IriMinter());
  return defaultGazetteer;
}

/**
 * The usual abbreviation of a faction as printed, or null when the gazetteer knows no such faction:
 * "VVD-fractie" → "VVD", "de leden van de Partij voor de Dieren-fractie" → "PvdD",
 * "GroenLinks-PvdA" → "GroenLinks-PvdA", "Nieuw Sociaal Contract" → "NSC".
 * The names come from the gazetteer given (labels and notation of its kld:Faction concepts).
 */
export function normaliseFaction(printed: string, gazetteer: Gazetteer): string | null {
  const name = bareFactionName(printed);
  if (name === '') return null;
  // "Fractie Den Haan" keeps its word "Fractie": try the name both with and without the words around it.
  const entry = gazetteer.factionByAbbreviation(name) ?? gazetteer.factionByAbbreviation(printed.replace(/\s+/g, ' ').trim());
  return entry?.notation ?? null;
}
