/** The published JSON-LD context: generated from the ontology and shapes, so it cannot drift from them. */
import { DataFactory, Parser } from 'n3';
import type { Quad } from '@rdfjs/types';
import { describe, expect, it } from 'vitest';
import { IriMinter } from '../src/rdf/iris.js';
import { loadOntology } from '../src/rdf/ontology.js';
import { owl, rdf } from '../src/rdf/vocab.js';
import { buildContext, type TermDefinition } from '../src/publish/context.js';
import { loadShapes } from '../src/validate/shapes.js';

const minter = new IriMinter();
const ontology = loadOntology(minter);
const shapes = loadShapes(minter);
const ctx = buildContext(minter, { ontology, shapes })['@context'];

function expand(value: unknown): string | undefined {
  const id = typeof value === 'string' ? value : (value as TermDefinition)['@id'] ?? (value as TermDefinition)['@reverse'];
  if (typeof id !== 'string') return undefined;
  const [, prefix = '', local = ''] = /^([a-z-]+):(.*)$/.exec(id) ?? [];
  const ns = ctx[prefix];
  return typeof ns === 'string' ? ns + local : id;
}

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
    const extra: Quad[] = [
      DataFactory.quad(DataFactory.namedNode('https://e.org/x'), DataFactory.namedNode('http://purl.org/dc/terms/answers'), DataFactory.literal('x')),
    ];
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
