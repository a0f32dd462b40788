/**
 * Graph pointers for rdf-validate-shacl, handed to it through its public `factory` option (its `clownface()`),
 * with the behaviour of clownface 2 for what the engine uses: node / blankNode / namedNode / literal, in, out,
 * list, isList, toArray, filter, forEach, map, addOut, term / terms / value / values / dataset.
 *
 * Why: the engine walks the shapes and data graphs through pointers, several per constraint and per value; a
 * clownface pointer is two objects per node it points at, each new pointer makes its two namespaces again, and
 * every step converts its arguments through several generic helpers. Profiled on the real papers of ../shared,
 * pointer bookkeeping and its garbage were the largest part of validation after the datasets (./dataset.ts).
 * Here a pointer is one object: the dataset and the terms it points at (a missing term: any node, as clownface's
 * null context). Methods the engine does not call are absent, so a new use fails loudly instead of differing.
 * test/validate-dataset.test.ts checks the results against the engine's own environment.
 */
import type { DatasetCore, Literal, NamedNode, Quad, Term } from '@rdfjs/types';

/** What a pointer needs of the environment: terms and quads, and datasets for pointers made without one. */
export interface PointerFactory {
  namedNode(value: string): NamedNode;
  blankNode(value?: string): Term;
  literal(value: string, languageOrDatatype?: string | NamedNode): Literal;
  quad(s: Term, p: Term, o: Term, g?: Term): Quad;
  dataset(): DatasetCore;
}

type Slot = Term | undefined;
type Values = Term | Pointer | string | readonly (Term | Pointer | string)[] | null | undefined;

const RDF = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';

function isTerm(v: unknown): v is Term {
  return typeof v === 'object' && v !== null && typeof (v as { termType?: unknown }).termType === 'string';
}

export class Pointer {
  constructor(
    private readonly factory: PointerFactory,
    private readonly data: DatasetCore | undefined,
    private readonly slots: readonly Slot[],
  ) {}

  /** factory.clownface({ dataset, term, value }): as clownface's factory (a new dataset when none is given). */
  static create(factory: PointerFactory, init: { dataset?: DatasetCore; term?: Values; value?: Values; graph?: unknown; _context?: unknown } = {}): Pointer {
    if (init.graph !== undefined || init._context !== undefined) throw new Error('graph pointers: graph and _context are not supported');
    const dataset = init.dataset ?? factory.dataset();
    const given = (init.term !== undefined && init.term !== null ? init.term : null) ?? (init.value !== undefined && init.value !== null ? init.value : null);
    const items = given === null ? [null] : Array.isArray(given) ? given : [given];
    return new Pointer(
      factory,
      dataset,
      (items as unknown[]).map((v) => toTerm(v, 'Literal', undefined, factory)),
    );
  }

  get terms(): Term[] {
    const out: Term[] = [];
    for (const t of this.slots) if (t !== undefined) out.push(t);
    return out;
  }

  get term(): Term | undefined {
    const terms = this.terms;
    return terms.length === 1 ? terms[0] : undefined;
  }

  get value(): string | undefined {
    return this.term?.value;
  }

  get values(): string[] {
    return this.terms.map((t) => t.value);
  }

  get datasets(): DatasetCore[] {
    return this.data === undefined ? [] : this.slots.map(() => this.data as DatasetCore);
  }

  get dataset(): DatasetCore | undefined {
    return this.slots.length === 1 ? this.data : undefined;
  }

  private with(slots: readonly Slot[]): Pointer {
    return new Pointer(this.factory, this.data, slots);
  }

  node(values?: Values, options: { type?: string; datatype?: string | NamedNode; language?: string } = {}): Pointer {
    const terms = toTermArray(values, options.type, options.datatype ?? options.language, this.factory) ?? [undefined];
    const slots: Slot[] = [];
    for (const t of terms) for (let i = 0; i < this.slots.length; i++) slots.push(t);
    return this.with(slots);
  }

  blankNode(values?: Values): Pointer {
    return this.node(values, { type: 'BlankNode' });
  }

  namedNode(values?: Values): Pointer {
    return this.node(values, { type: 'NamedNode' });
  }

  literal(values?: Values, languageOrDatatype?: string | NamedNode): Pointer {
    return this.node(values, { type: 'Literal', datatype: languageOrDatatype });
  }

  out(predicates?: Values, options?: { language?: unknown }): Pointer {
    if (options?.language !== undefined) throw new Error('graph pointers: out() with a language is not supported');
    return this.walk(predicates, 'object');
  }

  in(predicates?: Values): Pointer {
    return this.walk(predicates, 'subject');
  }

  /** Out (to the objects of the current terms) or in (to the subjects), along the predicates (all when none). */
  private walk(predicates: Values, to: 'object' | 'subject'): Pointer {
    const preds = toTermArray(predicates, undefined, undefined, this.factory);
    const data = this.data;
    if (data === undefined) throw new Error('graph pointers: no dataset');
    const slots: Slot[] = [];
    for (const t of this.slots) {
      const here = t ?? null;
      if (here === null && (preds === undefined || preds === null)) {
        for (const q of data.match()) slots.push(q[to]);
        continue;
      }
      for (const p of preds ?? [null]) {
        const pred = p ?? null;
        const found = to === 'object' ? data.match(here, pred, null) : data.match(null, pred, here);
        for (const q of found) slots.push(q[to]);
      }
    }
    return this.with(slots);
  }

  isList(): boolean {
    const term = this.term;
    if (term === undefined) return false;
    if (term.termType === 'NamedNode' && term.value === `${RDF}nil`) return true;
    return this.out(this.factory.namedNode(`${RDF}first`)).term !== undefined;
  }

  list(): Iterable<Pointer> | null {
    if (this.terms.length > 1) throw new Error('iterator over multiple terms is not supported');
    const nil = this.factory.namedNode(`${RDF}nil`);
    const first = this.factory.namedNode(`${RDF}first`);
    const rest = this.factory.namedNode(`${RDF}rest`);
    const term = this.term;
    if (term !== undefined) {
      if (term.termType !== 'NamedNode' && term.termType !== 'BlankNode') return null;
      if (!term.equals(nil) && this.out(first).term === undefined) return null;
    }
    let item = this.with(this.slots);
    return {
      [Symbol.iterator]: (): Iterator<Pointer> => ({
        next: (): IteratorResult<Pointer> => {
          const at = item.term;
          if (at === undefined || at.equals(nil)) return { done: true, value: undefined };
          const value = item.out(first);
          if (value.terms.length > 1) throw new Error(`Invalid list: multiple values for rdf:first on ${at.value}`);
          const next = item.out(rest);
          if (next.terms.length > 1) throw new Error(`Invalid list: multiple values for rdf:rest on ${at.value}`);
          item = next;
          return { done: false, value };
        },
      }),
    };
  }

  toArray(): Pointer[] {
    const out: Pointer[] = [];
    for (const t of this.slots) if (t !== undefined) out.push(this.with([t]));
    return out;
  }

  filter(callback: (pointer: Pointer, index: number, pointers: Pointer[]) => unknown): Pointer {
    const pointers = this.slots.map((t) => this.with([t]));
    return this.with(this.slots.filter((_t, i) => callback(pointers[i] as Pointer, i, pointers)));
  }

  forEach(callback: (pointer: Pointer, index: number, pointers: Pointer[]) => void): this {
    this.toArray().forEach(callback);
    return this;
  }

  map<T>(callback: (pointer: Pointer, index: number, pointers: Pointer[]) => T): T[] {
    return this.toArray().map(callback);
  }

  toString(): string {
    return this.values.join();
  }

  addOut(predicates: Values, objects?: Values, callback?: unknown): this {
    if (predicates === undefined || predicates === null) throw new Error('predicate parameter is required');
    if (callback !== undefined || typeof objects === 'function') throw new Error('graph pointers: addOut() with a callback is not supported');
    const preds = toTermArray(predicates, undefined, undefined, this.factory) ?? [];
    const objs = toTermArray(objects, undefined, undefined, this.factory) ?? [this.factory.blankNode()];
    const data = this.data;
    for (const t of this.slots) {
      if (t === undefined || data === undefined) continue;
      for (const o of objs) for (const p of preds) if (p !== undefined && o !== undefined) data.add(this.factory.quad(t, p, o));
    }
    return this;
  }
}

/** clownface's toTermArray: undefined or null stay so (unless a type asks for a new blank node); pointers give their terms. */
function toTermArray(items: Values, type: string | undefined, languageOrDatatype: string | NamedNode | undefined, factory: PointerFactory): Slot[] | undefined | null {
  if ((items === undefined || items === null) && type === undefined) return items;
  const list: unknown[] = items === undefined || items === null ? [undefined] : Array.isArray(items) ? items : [items];
  const out: Slot[] = [];
  for (const item of list) {
    if (item instanceof Pointer) out.push(...item.terms);
    else out.push(toTerm(item, type ?? 'Literal', languageOrDatatype, factory));
  }
  return out;
}

/** clownface's term(): a term stays itself; a blank node may be made; a string becomes a literal or an IRI. */
function toTerm(value: unknown, type: string, languageOrDatatype: string | NamedNode | undefined, factory: PointerFactory): Slot {
  if (isTerm(value)) return value;
  if (type === 'BlankNode') {
    if (value !== undefined && value !== null && typeof value !== 'string') throw new Error('Blank node identifier must be a string');
    return factory.blankNode(typeof value === 'string' && value !== '' ? value : undefined);
  }
  if (value === null || value === undefined) return undefined;
  if (typeof value !== 'string') throw new Error('graph pointers: only terms and strings are supported as values');
  if (type === 'NamedNode') return factory.namedNode(value);
  if (type !== 'Literal') throw new Error('unknown type');
  let tag: string | NamedNode | undefined = languageOrDatatype === undefined ? undefined : typeof languageOrDatatype === 'string' ? languageOrDatatype : languageOrDatatype.value;
  if (typeof tag === 'string' && tag.includes(':')) tag = factory.namedNode(tag);
  return factory.literal(value, tag === '' ? undefined : tag);
}
