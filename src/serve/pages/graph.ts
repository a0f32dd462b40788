/** Quads held in memory for one page, indexed by subject, with the lookups pages need. */
import type { Quad, Term } from '@rdfjs/types';
import type { Lang } from './i18n.js';

export const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
export const RDFS_LABEL = 'http://www.w3.org/2000/01/rdf-schema#label';
export const SKOS = 'http://www.w3.org/2004/02/skos/core#';
export const DCT = 'http://purl.org/dc/terms/';
export const FOAF_NAME = 'http://xmlns.com/foaf/0.1/name';
export const ORG_MEMBER_OF = 'http://www.w3.org/ns/org#memberOf';
export const ELI = 'http://data.europa.eu/eli/ontology#';
export const PROV = 'http://www.w3.org/ns/prov#';

export class PageGraph {
  private readonly bySubject = new Map<string, Quad[]>();
  /** predicate → object → subjects, for the reverse lookups pages make per block. */
  private readonly byPredicateObject = new Map<string, Map<string, string[]>>();
  constructor(quads: Iterable<Quad>) {
    this.add(quads);
  }

  add(quads: Iterable<Quad>): void {
    for (const q of quads) {
      const list = this.bySubject.get(q.subject.value);
      if (list) {
        if (list.some((x) => x.predicate.equals(q.predicate) && x.object.equals(q.object))) continue;
        list.push(q);
      } else this.bySubject.set(q.subject.value, [q]);
      let byObject = this.byPredicateObject.get(q.predicate.value);
      if (!byObject) this.byPredicateObject.set(q.predicate.value, (byObject = new Map<string, string[]>()));
      const subjects = byObject.get(q.object.value);
      if (subjects) subjects.push(q.subject.value);
      else byObject.set(q.object.value, [q.subject.value]);
    }
  }

  has(s: string): boolean {
    return this.bySubject.has(s);
  }

  subjects(): string[] {
    return [...this.bySubject.keys()];
  }

  quads(s: string): Quad[] {
    return this.bySubject.get(s) ?? [];
  }

  objects(s: string, p: string): Term[] {
    return this.quads(s)
      .filter((q) => q.predicate.value === p)
      .map((q) => q.object);
  }

  iris(s: string, p: string): string[] {
    return this.objects(s, p)
      .filter((o) => o.termType === 'NamedNode')
      .map((o) => o.value);
  }

  /** Literal values of s p, the page's language first. */
  literals(s: string, p: string, lang?: Lang): string[] {
    const lits = this.objects(s, p).filter((o) => o.termType === 'Literal') as (Term & { language: string })[];
    if (lang) lits.sort((a, b) => Number(b.language === lang) - Number(a.language === lang));
    return lits.map((l) => l.value);
  }

  literal(s: string, p: string, lang?: Lang): string | undefined {
    return this.literals(s, p, lang)[0];
  }

  /** A literal only in this language (or without a language tag), else undefined. */
  literalIn(s: string, p: string, lang: Lang): string | undefined {
    const o = this.objects(s, p).find((x) => x.termType === 'Literal' && ((x as { language: string }).language === lang || (x as { language: string }).language === ''));
    return o?.value;
  }

  number(s: string, p: string): number | undefined {
    const v = this.literal(s, p);
    const n = v === undefined ? NaN : Number(v);
    return Number.isFinite(n) ? n : undefined;
  }

  numbers(s: string, p: string): number[] {
    return this.literals(s, p)
      .map(Number)
      .filter((n) => Number.isFinite(n))
      .sort((a, b) => a - b);
  }

  types(s: string): string[] {
    return this.iris(s, RDF_TYPE);
  }

  /** Subjects with o as the object of p. */
  subjectsOf(p: string, o: string): string[] {
    return [...(this.byPredicateObject.get(p)?.get(o) ?? [])];
  }
}
