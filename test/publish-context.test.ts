/** The published JSON-LD context: generated from the ontology and shapes, so it cannot drift from them. */
import { DataFactory, Parser } from 'n3';
import type { Quad } from '@rdfjs/types';
import { describe, expect, it } from 'vitest';
import { IriMinter } from '../src/rdf/iris.js';
import { loadOntology } from '../src/rdf/ontology.js';
import { owl, rdf } from '../src/rdf/vocab.js';
import {
  CONTEXT_VERSION,
  CONTEXT_VERSIONS,
  assembleContext,
  buildContext,
  contextPrefixes,
  dataFacts,
  nameTerms,
  ontologyFacts,
  shapeFacts,
  termDefinition,
  type ContextEntry,
  type TermDefinition,
} from '../src/publish/context.js';
import { loadShapes } from '../src/validate/shapes.js';

const minter = new IriMinter();
const ontology = loadOntology(minter);
const shapes = loadShapes(minter);
const ctx = buildContext(minter, { ontology, shapes })['@context'];

function expand(value: unknown): string | undefined {
  const id = typeof value === 'string' ? value : ((value as TermDefinition)['@id'] ?? (value as TermDefinition)['@reverse']);
  if (typeof id !== 'string') return undefined;
  const [, prefix = '', local = ''] = /^([a-z-]+):(.*)$/.exec(id) ?? [];
  const ns = ctx[prefix];
  return typeof ns === 'string' ? ns + local : id;
}

describe('context versions', () => {
  it('puts the version in the IRI; v1 is the first published (context.jsonld), documents use the current one', () => {
    expect(minter.context(1).value).toBe('https://w3id.org/kamerstukken-ld/context.jsonld');
    expect(minter.context().value).toBe(`https://w3id.org/kamerstukken-ld/context/v${CONTEXT_VERSION}.jsonld`);
    expect(CONTEXT_VERSIONS).toEqual([1, 2]);
    expect(() => minter.context(0)).toThrow(/version 0/);
  });

  it('v2 protects every term; v1 stays as first published (same terms, not protected)', () => {
    const v1 = buildContext(minter, { ontology, shapes }, 1)['@context'];
    const v2 = buildContext(minter, { ontology, shapes }, 2)['@context'];
    expect(v2['@protected']).toBe(true);
    expect(v1['@protected']).toBeUndefined();
    const { '@protected': _protected, ...rest } = v2;
    expect(rest).toEqual(v1);
  });

  it('leaves offsets (xsd:integer, the type the store keeps) uncoerced: a JSON number reads back as xsd:integer natively', () => {
    expect((ctx.start as TermDefinition)['@type']).toBeUndefined();
    expect((ctx.end as TermDefinition)['@type']).toBeUndefined();
  });
});

describe('buildContext', () => {
  it('names every class and property of the ontology by its local name', () => {
    const declared = ontology
      .filter((q) => q.predicate.equals(rdf('type')) && q.subject.value.startsWith(minter.ontology))
      .filter((q) => [owl('Class'), owl('ObjectProperty'), owl('DatatypeProperty')].some((t) => q.object.equals(t)))
      .map((q) => q.subject.value);
    expect(declared.length).toBeGreaterThan(20);
    for (const iri of declared) {
      const local = iri.slice(minter.ontology.length);
      expect(expand(ctx[local]), local).toBe(iri);
    }
  });

  it('types object properties as IRIs, keeps functional ones single, and nests blocks under "hasPart"', () => {
    expect(ctx.answeredBy).toEqual({ '@id': 'kld:answeredBy', '@type': '@id', '@container': '@set' });
    expect((ctx.citedPaper as TermDefinition)['@type']).toBe('@id');
    expect((ctx.citedPaper as TermDefinition)['@container']).toBeUndefined();
    expect(ctx.hasPart).toEqual({ '@reverse': 'kld:partOf', '@container': '@set' });
    expect((ctx.answerText as TermDefinition)['@language']).toBe('nl');
    expect(ctx.id).toBe('@id');
    expect(ctx.type).toEqual({ '@id': '@type', '@container': '@set' });
    expect(ctx['@vocab']).toBeUndefined();
    expect(ctx['@base']).toBeUndefined();
  });

  it('gives each name one meaning, ours first when a reused vocabulary has the same local name', () => {
    const extra: Quad[] = [DataFactory.quad(DataFactory.namedNode('https://e.org/x'), DataFactory.namedNode('http://purl.org/dc/terms/answers'), DataFactory.literal('x'))];
    const c = buildContext(minter, { ontology, shapes, extra })['@context'];
    expect(expand(c.answers)).toBe(minter.term('answers').value);
  });

  it('moves with the base: the kld prefix follows the configured base', () => {
    const other = new IriMinter('https://example.org/kld/');
    const c = buildContext(other, { ontology: loadOntology(other), shapes: loadShapes(other) })['@context'];
    expect(c.kld).toBe('https://example.org/kld/def#');
    expect(c.Answer).toBe('kld:Answer');
  });

  it('is the same bytes every time', () => {
    const again = buildContext(minter, { ontology: [...ontology].reverse(), shapes });
    expect(JSON.stringify(again)).toBe(JSON.stringify({ '@context': ctx }));
  });

  it('derives coercions from data built to disagree: no coercion when a property has both IRIs and literals', () => {
    const p = 'https://w3id.org/kamerstukken-ld/def#mixed';
    const onto = new Parser({ baseIRI: minter.base }).parse(
      `@prefix kld: <def#> . @prefix owl: <http://www.w3.org/2002/07/owl#> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
       kld:mixed a owl:DatatypeProperty , owl:FunctionalProperty ; <http://www.w3.org/2000/01/rdf-schema#range> xsd:date .`,
    );
    const extra = [DataFactory.quad(DataFactory.namedNode('https://e.org/x'), DataFactory.namedNode(p), DataFactory.namedNode('https://e.org/y'))];
    const c = buildContext(minter, { ontology: onto, shapes: [], extra })['@context'];
    expect(c.mixed).toEqual({ '@id': 'kld:mixed' });
    const alone = buildContext(minter, { ontology: onto, shapes: [] })['@context'];
    expect(alone.mixed).toEqual({ '@id': 'kld:mixed', '@type': 'xsd:date' });
  });
});

describe('buildContext, stage by stage', () => {
  const prefixes = contextPrefixes(minter);
  const ttl = (text: string): Quad[] =>
    new Parser({ baseIRI: minter.base }).parse(
      `@prefix kld: <def#> . @prefix owl: <http://www.w3.org/2002/07/owl#> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
       @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . @prefix sh: <http://www.w3.org/ns/shacl#> .
       @prefix dcterms: <http://purl.org/dc/terms/> . ${text}`,
    );

  it('ontologyFacts: classes, object properties as IRI-valued, ranges, functionality, sub-properties', () => {
    const facts = ontologyFacts(
      ttl('kld:A a owl:Class . kld:p a owl:ObjectProperty . kld:n a owl:DatatypeProperty , owl:FunctionalProperty ; rdfs:range xsd:nonNegativeInteger . kld:partOf rdfs:subPropertyOf dcterms:isPartOf .'),
    );
    expect([...facts.classes]).toEqual([minter.termNamed('A').value]);
    expect(facts.properties.get(minter.termNamed('p').value)?.iriValued).toBe(true);
    expect(facts.properties.get(minter.termNamed('n').value)).toMatchObject({ functional: true, literalValued: true });
    expect(facts.subPropertyOf).toEqual([[minter.term('partOf').value, 'http://purl.org/dc/terms/isPartOf']]);
  });

  it('shapeFacts: sh:path with maxCount, datatype and languageIn', () => {
    const facts = shapeFacts(
      ttl(
        'kld:S sh:targetClass kld:A ; sh:property [ sh:path kld:t ; sh:maxCount 1 ; sh:datatype rdf:langString ; sh:languageIn ( "nl" ) ] .'.replace(
          'rdf:langString',
          '<http://www.w3.org/1999/02/22-rdf-syntax-ns#langString>',
        ),
      ),
    );
    expect(facts.classes.has(minter.termNamed('A').value)).toBe(true);
    expect(facts.properties.get(minter.termNamed('t').value)).toMatchObject({ shapes: 1, maxOne: 1, literalValued: true, languages: new Set(['nl']) });
  });

  it('dataFacts: a property used with an English label cannot default to Dutch', () => {
    const facts = dataFacts(ttl('kld:x kld:t "x"@en .'));
    expect([...(facts.properties.get(minter.termNamed('t').value)?.dataLanguages ?? [])]).toEqual(['en']);
  });

  it('nameTerms: ours first, a reused name that is ours stays a compact IRI, reserved names never terms', () => {
    const facts = ontologyFacts(ttl('kld:title a owl:DatatypeProperty . dcterms:title a owl:DatatypeProperty . kld:id a owl:DatatypeProperty . kld:partOf rdfs:subPropertyOf dcterms:isPartOf .'));
    const terms = nameTerms(facts, prefixes);
    expect(terms.map((t) => [t.name, t.curie])).toEqual([
      ['hasPart', 'kld:partOf'],
      ['partOf', 'kld:partOf'],
      ['title', 'kld:title'],
      ['isPartOf', 'dcterms:isPartOf'],
    ]);
    expect(terms[0]?.reverse).toBe(true);
  });

  it('termDefinition: IRIs, datatypes (not for native JSON types), language, set or single', () => {
    const facts = shapeFacts(ttl(`kld:S sh:property [ sh:path kld:n ; sh:maxCount 1 ; sh:datatype xsd:nonNegativeInteger ] , [ sh:path kld:i ; sh:datatype xsd:integer ] , [ sh:path kld:r ; sh:nodeKind sh:IRI ] .`));
    const def = (local: string) => termDefinition({ name: local, iri: minter.termNamed(local).value, curie: `kld:${local}`, reverse: false }, facts, prefixes);
    expect(def('n')).toEqual({ '@id': 'kld:n', '@type': 'xsd:nonNegativeInteger' });
    expect(def('i')).toEqual({ '@id': 'kld:i', '@container': '@set' });
    expect(def('r')).toEqual({ '@id': 'kld:r', '@type': '@id', '@container': '@set' });
  });

  it('assembleContext: keywords, aliases and prefixes first, then terms by name; @protected from v2 on', () => {
    const terms = new Map<string, ContextEntry>([
      ['b', 'kld:b'],
      ['a', 'kld:a'],
    ]);
    const v2 = Object.keys(assembleContext({ kld: minter.ontology }, terms, 2)['@context']);
    expect(v2).toEqual(['@version', '@protected', 'id', 'type', 'included', 'kld', 'a', 'b']);
    expect(Object.keys(assembleContext({ kld: minter.ontology }, terms, 1)['@context'])).not.toContain('@protected');
  });
});
