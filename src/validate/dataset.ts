/**
 * The datasets rdf-validate-shacl works on, given to it through its public `factory` option.
 *
 * Its default environment keeps every graph in @rdfjs/dataset, whose match() copies each match into a
 * new three-way-indexed dataset; the engine calls match() for every step of every path of every
 * constraint (shapes graph and data graph), and makes a fresh dataset for each result and each nested
 * check (sh:or, sh:node, sh:qualifiedValueShape). Profiled on the real papers of ../shared, that copying
 * and its garbage were most of the validation time (n3's Store, tried next, builds new term objects for
 * every quad it reads back). Here a graph is indexed once, on add, and a match is a plain array of the
 * quads it holds, which the engine only iterates.
 */
import type { DatasetCore, NamedNode, Quad, Term } from '@rdfjs/types';
import zazuko from '@zazuko/env';
import { termToId } from 'n3';
import type SHACLValidator from 'rdf-validate-shacl';
import { Pointer, type PointerFactory } from './pointer.js';

type Pattern = Term | null | undefined;

/**
 * The quads of one match: iterated, counted, rarely matched again (then by a scan: matches are small). A match may
 * hold an index's own list (no copy: most matches are only iterated); it copies the list before changing it.
 */
class Matched implements DatasetCore {
  private owned: boolean;

  constructor(
    private quads: Quad[],
    shared = false,
  ) {
    this.owned = !shared;
  }

  private own(): Quad[] {
    if (!this.owned) {
      this.quads = [...this.quads];
      this.owned = true;
    }
    return this.quads;
  }

  get size(): number {
    return this.quads.length;
  }

  add(quad: Quad): this {
    if (!this.has(quad)) this.own().push(quad);
    return this;
  }

  delete(quad: Quad): this {
    const i = this.quads.findIndex((q) => q.equals(quad));
    if (i >= 0) this.own().splice(i, 1);
    return this;
  }

  has(quad: Quad): boolean {
    return this.quads.some((q) => q.equals(quad));
  }

  match(subject?: Pattern, predicate?: Pattern, object?: Pattern, graph?: Pattern): Matched {
    const fits = (t: Term, p: Pattern): boolean => p === null || p === undefined || p.equals(t);
    return new Matched(this.quads.filter((q) => fits(q.subject, subject) && fits(q.predicate, predicate) && fits(q.object, object) && fits(q.graph, graph)));
  }

  [Symbol.iterator](): Iterator<Quad> {
    return this.quads[Symbol.iterator]();
  }
}

/**
 * A term as a map key: an IRI is itself; the other kinds as n3 writes their ids, which start with what no IRI starts
 * with. An n3 term carries its id already (a literal's is one string, hashed once however long its text), a term of
 * another library gets the same string made.
 */
function keyOf(t: Term): string {
  // n3's termToId takes terms of any RDF/JS library (its types name its own classes only).
  return t.termType === 'NamedNode' ? t.value : termToId(t as Parameters<typeof termToId>[0]);
}

type Index = Map<string, Map<string, Quad[]>>;

function indexAdd(index: Index, a: string, b: string, q: Quad): void {
  let inner = index.get(a);
  if (inner === undefined) index.set(a, (inner = new Map<string, Quad[]>()));
  const list = inner.get(b);
  if (list === undefined) inner.set(b, [q]);
  else list.push(q);
}

function indexDelete(index: Index, a: string, b: string, q: Quad): void {
  const list = index.get(a)?.get(b);
  const i = list?.indexOf(q) ?? -1;
  if (list !== undefined && i >= 0) list.splice(i, 1);
}

/** Every quad under one key of an index (all its inner lists). */
function allUnder(index: Index, a: string): Quad[] {
  const inner = index.get(a);
  if (inner === undefined) return [];
  const out: Quad[] = [];
  for (const list of inner.values()) for (const q of list) out.push(q);
  return out;
}

/**
 * A graph: a short array while small (most datasets the engine makes hold one result: a handful of
 * quads), then three hash indexes (subject→predicate, predicate→object, object→subject) holding the
 * quads themselves, so that a match allocates one array and no terms.
 */
export class IndexedDataset implements DatasetCore {
  private small: Matched | null = new Matched([]);
  private spo: Index = new Map();
  private pos: Index = new Map();
  private osp: Index = new Map();
  private count = 0;

  constructor(quads?: Iterable<Quad>) {
    if (quads !== undefined) for (const q of quads) this.add(q);
  }

  get size(): number {
    return this.small?.size ?? this.count;
  }

  add(quad: Quad): this {
    if (this.small !== null) {
      if (this.small.size < SMALL) {
        this.small.add(quad);
        return this;
      }
      const quads = [...this.small];
      this.small = null;
      for (const q of quads) this.add(q);
    }
    if (this.has(quad)) return this;
    const s = keyOf(quad.subject);
    const p = keyOf(quad.predicate);
    const o = keyOf(quad.object);
    indexAdd(this.spo, s, p, quad);
    indexAdd(this.pos, p, o, quad);
    indexAdd(this.osp, o, s, quad);
    this.count++;
    return this;
  }

  delete(quad: Quad): this {
    if (this.small !== null) {
      this.small.delete(quad);
      return this;
    }
    const s = keyOf(quad.subject);
    const p = keyOf(quad.predicate);
    const o = keyOf(quad.object);
    const stored = this.spo
      .get(s)
      ?.get(p)
      ?.find((q) => q.equals(quad));
    if (stored === undefined) return this;
    indexDelete(this.spo, s, p, stored);
    indexDelete(this.pos, p, o, stored);
    indexDelete(this.osp, o, s, stored);
    this.count--;
    return this;
  }

  has(quad: Quad): boolean {
    if (this.small !== null) return this.small.has(quad);
    return (
      this.spo
        .get(keyOf(quad.subject))
        ?.get(keyOf(quad.predicate))
        ?.some((q) => q.equals(quad)) ?? false
    );
  }

  match(subject?: Pattern, predicate?: Pattern, object?: Pattern, graph?: Pattern): Matched {
    if (this.small !== null) return this.small.match(subject, predicate, object, graph);
    const s = subject ?? null;
    const p = predicate ?? null;
    const o = object ?? null;
    // An index's own list is handed out as it is (shared) unless it must be filtered.
    let found: Quad[];
    let shared = false;
    if (s !== null) {
      if (p !== null) {
        found = this.spo.get(keyOf(s))?.get(keyOf(p)) ?? NONE;
        if (o !== null) found = found.filter((q) => q.object.equals(o));
        else shared = true;
      } else if (o !== null) {
        found = this.osp.get(keyOf(o))?.get(keyOf(s)) ?? NONE;
        shared = true;
      } else found = allUnder(this.spo, keyOf(s));
    } else if (p !== null) {
      if (o !== null) {
        found = this.pos.get(keyOf(p))?.get(keyOf(o)) ?? NONE;
        shared = true;
      } else found = allUnder(this.pos, keyOf(p));
    } else if (o !== null) {
      found = allUnder(this.osp, keyOf(o));
    } else {
      found = [...this];
    }
    if (graph !== null && graph !== undefined) {
      found = found.filter((q) => q.graph.equals(graph));
      shared = false;
    }
    return new Matched(found, shared);
  }

  [Symbol.iterator](): Iterator<Quad> {
    if (this.small !== null) return this.small[Symbol.iterator]();
    const out: Quad[] = [];
    for (const inner of this.spo.values()) for (const list of inner.values()) for (const q of list) out.push(q);
    return out[Symbol.iterator]();
  }
}

/** No quads: a shared empty match (copied before any change, as every shared list). */
const NONE: Quad[] = [];

/** Quads kept in an array (scanned) before a dataset is indexed. */
const SMALL = 24;

type Factory = NonNullable<NonNullable<ConstructorParameters<typeof SHACLValidator>[1]>['factory']>;

/**
 * The environment handed to rdf-validate-shacl: @zazuko/env's factories (data model, term maps, namespaces)
 * copied onto one plain object, whose dataset() makes IndexedDatasets and clownface() our pointers (./pointer.ts). (A derived
 * @zazuko/env environment answers every property through a Proxy, which the engine reads very often.)
 */
function environment(): Factory {
  const flat: Record<string | symbol, unknown> = {};
  const source = zazuko as unknown as Record<string | symbol, unknown>;
  for (const key of Reflect.ownKeys(source)) flat[key] = source[key];
  flat.dataset = (quads?: Iterable<Quad>): IndexedDataset => new IndexedDataset(quads);
  flat.namespace = memoisedNamespace;
  const factory = flat as unknown as PointerFactory;
  flat.clownface = (init?: Parameters<typeof Pointer.create>[1]): Pointer => Pointer.create(factory, init);
  return flat as unknown as Factory;
}

/** A namespace builder (ns.term, ns('term')) per base IRI. */
type Builder = (local?: string | { raw: readonly string[] }) => NamedNode;
const builders = new Map<string, Builder>();

/**
 * @rdfjs/namespace's builder, made once per base IRI and handing out the same term for the same name: clownface
 * makes two namespaces and reads four terms of them for every pointer it creates (each out(), in(), node()), and
 * the engine reads sh.* / rdf.* terms in every check; @rdfjs/namespace makes a new builder and new terms each time.
 */
function memoisedNamespace(base: string): Builder {
  const known = builders.get(base);
  if (known !== undefined) return known;
  const terms = new Map<string, NamedNode>();
  const build = (local: string | { raw: readonly string[] } = ''): NamedNode => {
    const name = typeof local === 'string' ? local : local.raw.join('');
    let term = terms.get(name);
    if (term === undefined) terms.set(name, (term = zazuko.namedNode(`${base}${name}`)));
    return term;
  };
  // As @rdfjs/namespace: every property read (ns.first) and every call (ns('first')) names a term.
  const builder = new Proxy(build, { apply: (target, _this, args: [string?]) => target(args[0]), get: (target, property) => target(String(property)) });
  builders.set(base, builder);
  return builder;
}

export const validationEnvironment = environment();
