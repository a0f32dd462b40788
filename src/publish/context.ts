/**
 * The published JSON-LD context (output/context.jsonld), generated from the
 * ontology, the shapes and the gazetteer so that it never drifts from them:
 *
 * - every class and property of our ontology gets its local name as term
 *   ("Answer", "answeredBy"); reused terms the shapes or the gazetteer use get
 *   theirs too ("title", "prefLabel") unless the name is taken, in which case
 *   they stay compact IRIs ("eli:title");
 * - a property is "@type": "@id" when the ontology calls it an object property
 *   or the shapes want an IRI; it carries its datatype when ontology or shapes
 *   agree on one; "@language": "nl" when the shapes allow only Dutch;
 * - it is "@container": "@set" (always an array in JSON) unless every shape
 *   on it says sh:maxCount 1, so JSON readers can rely on the shape of values;
 * - kld:partOf, declared a sub-property of dcterms:isPartOf / eli:is_part_of,
 *   gets a reverse term named after their inverse, "hasPart", under which the
 *   per-document JSON-LD nests the document's blocks;
 * - "id", "type" and "included" alias "@id", "@type" and "@included", for
 *   plain-JSON readers.
 *
 * No "@vocab": a key that is not a term then shows as a compact IRI
 * ("kld:foo"), which makes drift visible instead of silently inventing terms,
 * and keys a consumer adds by mistake do not turn into our IRIs. No "@base":
 * a remote context's @base is ignored by JSON-LD 1.1 processors anyway, and
 * absolute "id" values can be followed as they are by readers without a
 * JSON-LD processor.
 */
import type { Quad, Term } from '@rdfjs/types';
import type { IriMinter } from '../rdf/iris.js';
import { PREFIXES, dcterms, eli, owl, rdf, rdfs, schema, sh, spdx, xsd } from '../rdf/vocab.js';
import { compareStrings } from './nquads.js';

export interface TermDefinition {
  '@id'?: string;
  '@type'?: string;
  '@language'?: string;
  '@container'?: '@set';
  '@reverse'?: string;
}

export type ContextEntry = string | number | TermDefinition | { '@id': '@type'; '@container': '@set' };

export interface JsonLdContextDocument {
  '@context': Record<string, ContextEntry>;
}

export interface ContextSources {
  ontology: readonly Quad[];
  shapes: readonly Quad[];
  /** Further data whose predicates and classes need terms (the gazetteer). */
  extra?: readonly Quad[];
}

interface PropertyFacts {
  iriValued: boolean;
  literalValued: boolean;
  datatypes: Set<string>;
  languages: Set<string> | null;
  /** Languages seen in the extra data (a default language must cover them all). */
  dataLanguages: Set<string>;
  shapes: number;
  maxOne: number;
  functional: boolean;
}

const CLASS_TYPES = new Set([owl('Class').value, rdfs('Class').value]);
const PROPERTY_TYPES = new Set([
  owl('ObjectProperty').value,
  owl('DatatypeProperty').value,
  owl('AnnotationProperty').value,
  rdf('Property').value,
]);
/** Our structural part-of property (block, question, answer … → document). */
const PART_OF = 'partOf';
/** Reused part-of properties and the name of their inverse in the same vocabulary. */
const PART_OF_INVERSES: Record<string, string> = {
  [dcterms('isPartOf').value]: 'hasPart',
  [eli('is_part_of').value]: 'hasPart',
};
const LOCAL_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** All prefixes the context declares: ours first, then the reused vocabularies. */
export function contextPrefixes(minter: IriMinter): Record<string, string> {
  return { kld: minter.ontology, ...PREFIXES, schema: schema.iri, spdx: spdx.iri };
}

function split(iri: string, prefixes: Record<string, string>): { prefix: string; local: string } | null {
  let best: { prefix: string; local: string; space: string } | null = null;
  for (const [prefix, space] of Object.entries(prefixes)) {
    if (iri.startsWith(space) && (!best || space.length > best.space.length)) {
      best = { prefix, local: iri.slice(space.length), space };
    }
  }
  return best && LOCAL_NAME.test(best.local) ? { prefix: best.prefix, local: best.local } : null;
}

/** Build the context document. Deterministic: keys in a fixed order. */
export function buildContext(minter: IriMinter, sources: ContextSources): JsonLdContextDocument {
  const prefixes = contextPrefixes(minter);
  const classes = new Set<string>();
  const properties = new Map<string, PropertyFacts>();
  const prop = (iri: string): PropertyFacts => {
    let f = properties.get(iri);
    if (!f) {
      f = {
        iriValued: false,
        literalValued: false,
        datatypes: new Set(),
        languages: null,
        dataLanguages: new Set(),
        shapes: 0,
        maxOne: 0,
        functional: false,
      };
      properties.set(iri, f);
    }
    return f;
  };

  // Ontology: declared classes and properties, their ranges and functionality.
  const objectProps = new Set<string>();
  const subPropertyOf: [string, string][] = [];
  for (const q of sources.ontology) {
    if (q.subject.termType !== 'NamedNode') continue;
    const s = q.subject.value;
    const p = q.predicate.value;
    if (p === rdf('type').value) {
      if (CLASS_TYPES.has(q.object.value)) classes.add(s);
      if (PROPERTY_TYPES.has(q.object.value)) prop(s);
      if (q.object.value === owl('ObjectProperty').value) objectProps.add(s);
      if (q.object.value === owl('FunctionalProperty').value) prop(s).functional = true;
    } else if (p === rdfs('range').value && q.object.termType === 'NamedNode') {
      const f = prop(s);
      if (q.object.value.startsWith(xsd.iri) || q.object.value === rdf('langString').value) {
        f.literalValued = true;
        f.datatypes.add(q.object.value);
      } else if (q.object.value !== rdfs('Literal').value) {
        f.iriValued = true;
      }
    } else if ((p === rdfs('subClassOf').value || p === owl('equivalentClass').value) && q.object.termType === 'NamedNode') {
      classes.add(s);
      classes.add(q.object.value);
    } else if ((p === rdfs('subPropertyOf').value || p === owl('equivalentProperty').value) && q.object.termType === 'NamedNode') {
      if (p === rdfs('subPropertyOf').value) subPropertyOf.push([s, q.object.value]);
      prop(s);
      prop(q.object.value);
    }
  }
  for (const p of objectProps) prop(p).iriValued = true;

  // Shapes: sh:path of property shapes, with sh:class / sh:nodeKind / sh:datatype / sh:maxCount / sh:languageIn.
  const bySubject = new Map<string, Quad[]>();
  for (const q of sources.shapes) {
    const k = q.subject.value;
    let list = bySubject.get(k);
    if (!list) bySubject.set(k, (list = []));
    list.push(q);
  }
  const listItems = (head: Term): Term[] => {
    const items: Term[] = [];
    let node: Term = head;
    for (let guard = 0; guard < 1000 && node.value !== rdf('nil').value; guard++) {
      const cell = bySubject.get(node.value) ?? [];
      const first = cell.find((q) => q.predicate.equals(rdf('first')));
      const rest = cell.find((q) => q.predicate.equals(rdf('rest')));
      if (!first || !rest) break;
      items.push(first.object);
      node = rest.object;
    }
    return items;
  };
  for (const q of sources.shapes) {
    if (q.predicate.equals(sh('targetClass')) || q.predicate.equals(sh('class'))) {
      if (q.object.termType === 'NamedNode') classes.add(q.object.value);
    }
    if (!q.predicate.equals(sh('path')) || q.object.termType !== 'NamedNode') continue;
    const f = prop(q.object.value);
    f.shapes++;
    for (const c of bySubject.get(q.subject.value) ?? []) {
      const p = c.predicate.value;
      if (p === sh('class').value || p === sh('node').value) f.iriValued = true;
      else if (p === sh('nodeKind').value) {
        if (c.object.value === sh('IRI').value) f.iriValued = true;
        else if (c.object.value === sh('Literal').value) f.literalValued = true;
      } else if (p === sh('datatype').value) {
        f.literalValued = true;
        f.datatypes.add(c.object.value);
      } else if (p === sh('maxCount').value && c.object.value === '1') f.maxOne++;
      else if (p === sh('languageIn').value) {
        const langs = new Set(listItems(c.object).map((t) => t.value));
        f.languages = f.languages ? new Set([...f.languages].filter((l) => langs.has(l))) : langs;
      }
    }
  }

  // Further data (gazetteer): predicates and classes it uses.
  for (const q of sources.extra ?? []) {
    if (q.predicate.equals(rdf('type'))) {
      if (q.object.termType === 'NamedNode') classes.add(q.object.value);
      continue;
    }
    const f = prop(q.predicate.value);
    if (q.object.termType === 'Literal') {
      f.literalValued = true;
      f.datatypes.add(q.object.language ? rdf('langString').value : q.object.datatype.value);
      if (q.object.language) f.dataLanguages.add(q.object.language);
    } else f.iriValued = true;
  }
  properties.delete(rdf('type').value);

  // Names: our own terms first, then reused ones in IRI order; a name is given once.
  const taken = new Map<string, string>();
  const candidates = [...new Set([...classes, ...properties.keys()])]
    .map((iri) => ({ iri, parts: split(iri, prefixes) }))
    .filter((c): c is { iri: string; parts: { prefix: string; local: string } } => c.parts !== null)
    .sort((a, b) => {
      const oursA = a.parts.prefix === 'kld' ? 0 : 1;
      const oursB = b.parts.prefix === 'kld' ? 0 : 1;
      return oursA - oursB || compareStrings(a.iri, b.iri);
    });
  const reserved = new Set(['id', 'type', 'included', ...Object.keys(prefixes)]);
  const terms: Record<string, ContextEntry> = {};

  // Reverse terms, so that parts nested under their whole read naturally ("hasPart": [blocks…]): a kld
  // property declared a sub-property of a reused part-of property gets that vocabulary's inverse name,
  // unless one of our own terms has the name. They rank after our terms and before reused ones.
  const ourNames = new Set(candidates.filter((c) => c.parts.prefix === 'kld').map((c) => c.parts.local));
  for (const [s, sup] of subPropertyOf) {
    const parts = split(s, prefixes);
    const name = PART_OF_INVERSES[sup];
    if (!parts || parts.prefix !== 'kld' || parts.local !== PART_OF || !name) continue;
    if (ourNames.has(name) || taken.has(name) || reserved.has(name)) continue;
    terms[name] = { '@reverse': `kld:${parts.local}`, '@container': '@set' };
    taken.set(name, s);
  }
  for (const { iri, parts } of candidates) {
    const name = parts.local;
    if (reserved.has(name) || taken.has(name)) continue;
    taken.set(name, iri);
    const curie = `${parts.prefix}:${parts.local}`;
    const facts = properties.get(iri);
    if (!facts || (classes.has(iri) && facts.shapes === 0 && !facts.iriValued && !facts.literalValued)) {
      terms[name] = curie;
      continue;
    }
    const def: TermDefinition = { '@id': curie };
    if (facts.iriValued && !facts.literalValued) def['@type'] = '@id';
    else if (facts.literalValued && !facts.iriValued && facts.datatypes.size === 1) {
      const [dt = ''] = facts.datatypes; // size === 1
      if (dt === rdf('langString').value) {
        const only = facts.languages && facts.languages.size === 1 ? [...facts.languages][0] : null;
        if (only !== null && [...facts.dataLanguages].every((l) => l === only)) def['@language'] = only;
      } else if (dt !== xsd('string').value && dt !== xsd('integer').value && dt !== xsd('boolean').value) {
        // Integers and booleans are written as JSON numbers and booleans (see jsonld.ts), needing no coercion.
        const dtParts = split(dt, prefixes);
        def['@type'] = dtParts ? `${dtParts.prefix}:${dtParts.local}` : dt;
      }
    }
    const single = facts.functional || (facts.shapes > 0 && facts.maxOne === facts.shapes);
    if (!single) def['@container'] = '@set';
    terms[name] = def;
  }

  const context: Record<string, ContextEntry> = {
    '@version': 1.1,
    id: '@id',
    type: { '@id': '@type', '@container': '@set' },
    included: '@included',
  };
  const byKey = ([a]: [string, unknown], [b]: [string, unknown]): number => compareStrings(a, b);
  for (const [p, iri] of Object.entries(prefixes).sort(byKey)) context[p] = iri;
  for (const [name, def] of Object.entries(terms).sort(byKey)) context[name] = def;
  return { '@context': context };
}
