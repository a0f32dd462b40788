import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Quad } from '@rdfjs/types';
import { Parser } from 'n3';
import { describe, expect, it } from 'vitest';
import { IriMinter } from '../src/rdf/iris.js';
import { loadOntology, ontologyProblems } from '../src/rdf/ontology.js';
import { ontologyHtml, ontologyHtmlBody, ontologyMarkdown } from '../src/rdf/ontology-doc.js';
import { renderOntology } from '../src/serve/html.js';
import { eli, elidl, owl, rdf, rdfs } from '../src/rdf/vocab.js';

const minter = new IriMinter();
const kld = minter.kld;
const docsFile = resolve(import.meta.dirname, '..', 'docs', 'ontology.md');

function has(quads: readonly Quad[], s: string, p: string, o: string): boolean {
  return quads.some((q) => q.subject.value === s && q.predicate.value === p && q.object.value === o);
}

describe('the kld ontology', () => {
  const quads = loadOntology(minter);

  it('parses, with our IRIs under the base', () => {
    expect(quads.length).toBeGreaterThan(400);
    expect(has(quads, `${minter.base}def`, rdf('type').value, owl('Ontology').value)).toBe(true);
    const other = new IriMinter('https://data.example.org/kst/');
    expect(has(loadOntology(other), other.term('Answer').value, rdf('type').value, owl('Class').value)).toBe(true);
  });

  it('declares every term with one rdfs:label and one rdfs:comment in nl and in en', () => {
    expect(ontologyProblems(quads, minter)).toEqual([]);
    const terms = new Set(quads.filter((q) => q.subject.value.startsWith(minter.ontology)).map((q) => q.subject.value));
    expect(terms.size).toBeGreaterThan(60);
  });

  it('reports a term without a Dutch comment and an undeclared term (built to fail)', () => {
    const broken = new Parser({ baseIRI: minter.base }).parse(`
      @prefix kld: <def#> . @prefix owl: <http://www.w3.org/2002/07/owl#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
      kld:Thing a owl:Class ; rdfs:label "ding"@nl , "thing"@en ; rdfs:comment "A thing."@en ; rdfs:subClassOf kld:Undeclared .
    `) as Quad[];
    expect(ontologyProblems(broken, minter)).toEqual(['kld:Thing has 0 rdfs:comment in @nl (expected 1)', 'kld:Undeclared is used but not declared as a class, property, individual or concept scheme']);
  });

  it('says how it relates to ELI, ELI-DL, PROV-O, SKOS, ORG and Web Annotation', () => {
    const sub = rdfs('subClassOf').value;
    expect(has(quads, kld('Document').value, sub, eli('Work').value)).toBe(true);
    // Blocks, questions and answers are work subdivisions; only papers (and cited papers) are works in the data.
    expect(has(quads, kld('Answer').value, sub, eli('WorkSubdivision').value)).toBe(true);
    expect(has(quads, kld('Answer').value, sub, eli('Work').value)).toBe(false);
    // kld:partOf (also used for footnotes, citations, mentions) does not make them parts of works.
    expect(has(quads, kld('partOf').value, rdfs('subPropertyOf').value, eli('is_part_of').value)).toBe(false);
    expect(has(quads, kld('answers').value, rdfs('subPropertyOf').value, elidl('answers_to').value)).toBe(true);
    expect(has(quads, kld('Faction').value, sub, 'http://www.w3.org/ns/org#Organization')).toBe(true);
    expect(has(quads, kld('SourceFile').value, sub, 'http://www.w3.org/ns/prov#Entity')).toBe(true);
    expect(has(quads, kld('Topic').value, sub, 'http://www.w3.org/2004/02/skos/core#Concept')).toBe(true);
    expect(has(quads, kld('markerSource').value, rdfs('range').value, 'http://www.w3.org/ns/oa#SpecificResource')).toBe(true);
    expect(has(quads, kld('hasAnswer').value, owl('inverseOf').value, kld('answers').value) || has(quads, kld('answers').value, owl('inverseOf').value, kld('hasAnswer').value)).toBe(true);
  });
});

describe('the ontology documentation', () => {
  const markdown = ontologyMarkdown(minter);

  it('docs/ontology.md is up to date (regenerate with UPDATE_DOCS=1 npx vitest run test/ontology.test.ts)', () => {
    if (process.env.UPDATE_DOCS === '1') writeFileSync(docsFile, markdown);
    expect(readFileSync(docsFile, 'utf8')).toBe(markdown);
  });

  it('lists every term with its nl and en label, and the reused vocabularies', () => {
    const quads = loadOntology(minter);
    const html = ontologyHtml(minter);
    const labels = quads.filter((q) => q.subject.value.startsWith(minter.ontology) && q.predicate.equals(rdfs('label')));
    expect(labels.length).toBeGreaterThan(120);
    for (const q of labels) {
      const curie = `kld:${q.subject.value.slice(minter.ontology.length)}`;
      expect(markdown).toContain(`### ${curie}`);
      expect(markdown).toContain(`*${q.object.value}*`);
      expect(html).toContain(`id="${curie.slice(4)}"`);
    }
    for (const prefix of ['eli:', 'eli-dl:', 'dcterms:', 'prov:', 'skos:', 'org:', 'oa:']) expect(markdown).toContain(`\`${prefix}\``);
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).not.toMatch(/<script/);
  });

  it("is rendered once: output/ontology.html and the endpoint's /def page carry the same body", () => {
    const other = new IriMinter('https://data.example.org/kst/');
    const body = ontologyHtmlBody(loadOntology(other), other.ontology);
    expect(body).toContain('<section class="term" id="Answer">');
    expect(body).toContain('<code>https://data.example.org/kst/def#Answer</code>');
    expect(ontologyHtml(other)).toContain(`<body>\n${body}\n</body>`);
    const served = renderOntology(loadOntology(other), other.ontology);
    expect(served).toContain(body);
    expect(served).toContain('href="/def?format=ttl"');
  });

  it('is deterministic and follows the base', () => {
    expect(ontologyMarkdown(minter)).toBe(markdown);
    const other = ontologyMarkdown(new IriMinter('https://data.example.org/kst/'));
    expect(other).toContain('`https://data.example.org/kst/def#Answer`');
    expect(other).not.toContain('https://w3id.org/kamerstukken-ld/');
  });
});
