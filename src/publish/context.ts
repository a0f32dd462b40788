/**
 * The published JSON-LD context, generated from the ontology, the shapes and
 * the gazetteer so that it never drifts from them:
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
 *
 * Versions. The context's IRI carries its version (IriMinter.context(n):
 * {base}context/v2.jsonld); every version stays published, so documents that
 * name an older one keep their meaning. v1 ({base}context.jsonld) is the
 * context as first published; v2 adds "@protected" (a document cannot
 * redefine our terms by a local context). Terms are only ever added within a
 * version.
 *
 * The work is done in stages, each a function of its own: facts from the
 * ontology (ontologyFacts), from the shapes (shapeFacts) and from further data
 * (dataFacts) are gathered into one VocabularyFacts; nameTerms gives each IRI
 * its term name; termDefinition turns one property's facts into its
 * definition; assembleContext lays out the document.
 */
import type { Quad, Term } from '@rdfjs/types';
import { CONTEXT_VERSION, type IriMinter } from '../rdf/iris.js';
import { PREFIXES, dcterms, eli, owl, rdf, rdfs, schema, sh, spdx, xsd } from '../rdf/vocab.js';
import { compareStrings } from './nquads.js';

/** The version documents are written against (the context's IRI: {base}context/v2.jsonld). */
export { CONTEXT_VERSION };
/** Every version still published, oldest first. */
export const CONTEXT_VERSIONS: readonly number[] = [1, 2];

export interface TermDefinition {
  '@id'?: string;
  '@type'?: string;
  '@language'?: string;
  '@container'?: '@set';
  '@reverse'?: string;
}

export type ContextEntry = string | number | boolean | TermDefinition | { '@id': '@type'; '@container': '@set' };

export interface JsonLdContextDocument {
  '@context': Record<string, ContextEntry>;
}

export interface ContextSources {
  ontology: readonly Quad[];
  shapes: readonly Quad[];
  /** Further data whose predicates and classes need terms (the gazetteer). */
  extra?: readonly Quad[];
}

/** What the sources say about one property. */
export interface PropertyFacts {
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

/** What the sources say about the vocabulary: its classes, its properties, and sub-property axioms. */
export interface VocabularyFacts {
  classes: Set<string>;
  properties: Map<string, PropertyFacts>;
  subPropertyOf: [string, string][];
}

const CLASS_TYPES = new Set([owl('Class').value, rdfs('Class').value]);
const PROPERTY_TYPES = new Set([owl('ObjectProperty').value, owl('DatatypeProperty').value, owl('AnnotationProperty').value, rdf('Property').value]);
/** Our structural part-of property (block, question, answer … → document). */
const PART_OF = 'partOf';
/** Reused part-of properties and the name of their inverse in the same vocabulary. */
const PART_OF_INVERSES: Record<string, string> = {
  [dcterms('isPartOf').value]: 'hasPart',
  [eli('is_part_of').value]: 'hasPart',
};
const LOCAL_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;
/** Datatypes written as plain JSON values that convert back to the same literal without coercion. */
const NATIVE = new Set([xsd('string').value, xsd('integer').value, xsd('boolean').value]);

/** All prefixes the context declares: ours first, then the reused vocabularies. */
export function contextPrefixes(minter: IriMinter): Record<string, string> {
  return { kld: minter.ontology, ...PREFIXES, schema: schema.iri, spdx: spdx.iri };
}

interface Split {
  prefix: string;
  local: string;
}

/** An IRI as prefix and local name, by the longest matching prefix; null when the local name is not a plain name. */
export function splitIri(iri: string, prefixes: Record<string, string>): Split | null {
  let best: { prefix: string; local: string; length: number } | null = null;
  for (const [prefix, space] of Object.entries(prefixes)) {
    if (iri.startsWith(space) && (!best || space.length > best.length)) best = { prefix, local: iri.slice(space.length), length: space.length };
  }
  return best && LOCAL_NAME.test(best.local) ? { prefix: best.prefix, local: best.local } : null;
}

export function emptyFacts(): VocabularyFacts {
  return { classes: new Set(), properties: new Map(), subPropertyOf: [] };
}

function property(facts: VocabularyFacts, iri: string): PropertyFacts {
  let f = facts.properties.get(iri);
  if (!f) {
    f = { iriValued: false, literalValued: false, datatypes: new Set(), languages: null, dataLanguages: new Set(), shapes: 0, maxOne: 0, functional: false };
    facts.properties.set(iri, f);
  }
  return f;
}

/** Stage 1: declared classes and properties, their ranges, functionality and sub-property axioms. */
export function ontologyFacts(ontology: readonly Quad[], facts: VocabularyFacts = emptyFacts()): VocabularyFacts {
  const objectProps = new Set<string>();
  for (const q of ontology) {
    if (q.subject.termType !== 'NamedNode') continue;
    const s = q.subject.value;
    const p = q.predicate.value;
    if (p === rdf('type').value) {
      if (CLASS_TYPES.has(q.object.value)) facts.classes.add(s);
      if (PROPERTY_TYPES.has(q.object.value)) property(facts, s);
      if (q.object.value === owl('ObjectProperty').value) objectProps.add(s);
      if (q.object.value === owl('FunctionalProperty').value) property(facts, s).functional = true;
    } else if (p === rdfs('range').value && q.object.termType === 'NamedNode') {
      const f = property(facts, s);
      if (q.object.value.startsWith(xsd.iri) || q.object.value === rdf('langString').value) {
        f.literalValued = true;
        f.datatypes.add(q.object.value);
      } else if (q.object.value !== rdfs('Literal').value) {
        f.iriValued = true;
      }
    } else if ((p === rdfs('subClassOf').value || p === owl('equivalentClass').value) && q.object.termType === 'NamedNode') {
      facts.classes.add(s);
      facts.classes.add(q.object.value);
    } else if ((p === rdfs('subPropertyOf').value || p === owl('equivalentProperty').value) && q.object.termType === 'NamedNode') {
      if (p === rdfs('subPropertyOf').value) facts.subPropertyOf.push([s, q.object.value]);
      property(facts, s);
      property(facts, q.object.value);
    }
  }
  for (const p of objectProps) property(facts, p).iriValued = true;
  return facts;
}

/** Stage 2: sh:path of property shapes, with sh:class / sh:node / sh:nodeKind / sh:datatype / sh:maxCount / sh:languageIn. */
export function shapeFacts(shapes: readonly Quad[], facts: VocabularyFacts = emptyFacts()): VocabularyFacts {
  const bySubject = new Map<string, Quad[]>();
  for (const q of shapes) {
    let list = bySubject.get(q.subject.value);
    if (!list) bySubject.set(q.subject.value, (list = []));
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
  for (const q of shapes) {
    if ((q.predicate.equals(sh('targetClass')) || q.predicate.equals(sh('class'))) && q.object.termType === 'NamedNode') facts.classes.add(q.object.value);
    if (!q.predicate.equals(sh('path')) || q.object.termType !== 'NamedNode') continue;
    const f = property(facts, q.object.value);
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
  return facts;
}

/** Stage 3: predicates and classes further data (the gazetteer) uses, with the kinds of value they take. */
export function dataFacts(data: readonly Quad[], facts: VocabularyFacts = emptyFacts()): VocabularyFacts {
  for (const q of data) {
    if (q.predicate.equals(rdf('type'))) {
      if (q.object.termType === 'NamedNode') facts.classes.add(q.object.value);
      continue;
    }
    const f = property(facts, q.predicate.value);
    if (q.object.termType === 'Literal') {
      f.literalValued = true;
      f.datatypes.add(q.object.language ? rdf('langString').value : q.object.datatype.value);
      if (q.object.language) f.dataLanguages.add(q.object.language);
    } else f.iriValued = true;
  }
  return facts;
}

/** A term to be defined: its name, the IRI it stands for, and whether it is the reverse of that IRI. */
export interface NamedTerm {
  name: string;
  iri: string;
  curie: string;
  reverse: boolean;
}

/**
 * Stage 4: a name for every IRI that can have one, each name given once: our own terms first,
 * then the reverse part-of term ("hasPart"), then reused terms in IRI order. Names that are
 * keywords' aliases or prefixes are never terms.
 */
export function nameTerms(facts: VocabularyFacts, prefixes: Record<string, string>): NamedTerm[] {
  const candidates = [...new Set([...facts.classes, ...facts.properties.keys()])]
    .filter((iri) => iri !== rdf('type').value)
    .flatMap((iri) => {
      const parts = splitIri(iri, prefixes);
      return parts ? [{ iri, parts }] : [];
    })
    .sort((a, b) => (a.parts.prefix === 'kld' ? 0 : 1) - (b.parts.prefix === 'kld' ? 0 : 1) || compareStrings(a.iri, b.iri));
  const taken = new Set(['id', 'type', 'included', ...Object.keys(prefixes)]);
  const ourNames = new Set(candidates.filter((c) => c.parts.prefix === 'kld').map((c) => c.parts.local));
  const out: NamedTerm[] = [];
  // Reverse terms, so that parts nested under their whole read naturally ("hasPart": [blocks…]): a kld
  // property declared a sub-property of a reused part-of property gets that vocabulary's inverse name,
  // unless one of our own terms has the name.
  for (const [s, sup] of facts.subPropertyOf) {
    const parts = splitIri(s, prefixes);
    const name = PART_OF_INVERSES[sup];
    if (!parts || parts.prefix !== 'kld' || parts.local !== PART_OF || name === undefined) continue;
    if (ourNames.has(name) || taken.has(name)) continue;
    out.push({ name, iri: s, curie: `kld:${parts.local}`, reverse: true });
    taken.add(name);
  }
  for (const { iri, parts } of candidates) {
    if (taken.has(parts.local)) continue;
    taken.add(parts.local);
    out.push({ name: parts.local, iri, curie: `${parts.prefix}:${parts.local}`, reverse: false });
  }
  return out;
}

/**
 * Stage 5: one term's definition. A class (or a property nothing is known about) is its compact
 * IRI; a property gets "@type": "@id" when only IRIs are its values, its datatype when all agree
 * on one (not for datatypes JSON writes natively), "@language" when the shapes allow one language
 * only and the data has no other, and "@container": "@set" unless it is single-valued.
 */
export function termDefinition(term: NamedTerm, facts: VocabularyFacts, prefixes: Record<string, string>): ContextEntry {
  if (term.reverse) return { '@reverse': term.curie, '@container': '@set' };
  const f = facts.properties.get(term.iri);
  if (!f || (facts.classes.has(term.iri) && f.shapes === 0 && !f.iriValued && !f.literalValued)) return term.curie;
  const def: TermDefinition = { '@id': term.curie };
  const only = f.datatypes.size === 1 ? [...f.datatypes][0] : undefined;
  if (f.iriValued && !f.literalValued) def['@type'] = '@id';
  else if (f.literalValued && !f.iriValued && only !== undefined) {
    if (only === rdf('langString').value) {
      const language = f.languages?.size === 1 ? [...f.languages][0] : undefined;
      if (language !== undefined && [...f.dataLanguages].every((l) => l === language)) def['@language'] = language;
    } else if (!NATIVE.has(only)) {
      // Integers and booleans are written as JSON numbers and booleans (see jsonld.ts), needing no coercion;
      // other numeric types (e.g. xsd:decimal) are JSON numbers with this coercion.
      const parts = splitIri(only, prefixes);
      def['@type'] = parts ? `${parts.prefix}:${parts.local}` : only;
    }
  }
  const single = f.functional || (f.shapes > 0 && f.maxOne === f.shapes);
  if (!single) def['@container'] = '@set';
  return def;
}

/** Stage 6: the context document, keys in a fixed order: keywords, aliases, prefixes, then terms by name. */
export function assembleContext(prefixes: Record<string, string>, terms: ReadonlyMap<string, ContextEntry>, version: number = CONTEXT_VERSION): JsonLdContextDocument {
  const context: Record<string, ContextEntry> = { '@version': 1.1 };
  // From v2 on every term is protected: a document's own context cannot give our names another meaning.
  if (version >= 2) context['@protected'] = true;
  context.id = '@id';
  context.type = { '@id': '@type', '@container': '@set' };
  context.included = '@included';
  for (const p of Object.keys(prefixes).sort(compareStrings)) {
    const space = prefixes[p];
    if (space !== undefined) context[p] = space;
  }
  for (const name of [...terms.keys()].sort(compareStrings)) {
    const entry = terms.get(name);
    if (entry !== undefined) context[name] = entry;
  }
  return { '@context': context };
}

/** Build the context document of a version (default: the current one). Deterministic: keys in a fixed order. */
export function buildContext(minter: IriMinter, sources: ContextSources, version: number = CONTEXT_VERSION): JsonLdContextDocument {
  const prefixes = contextPrefixes(minter);
  const facts = dataFacts(sources.extra ?? [], shapeFacts(sources.shapes, ontologyFacts(sources.ontology)));
  const terms = new Map(nameTerms(facts, prefixes).map((t) => [t.name, termDefinition(t, facts, prefixes)]));
  return assembleContext(prefixes, terms, version);
}
