/**
 * Answers evaluated whole by the store: GRAPH ?g over an empty pattern, the
 * default graph as a set, relative IRIs, RDF/XML, and the truncation flag known
 * before the first byte.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Parser } from 'n3';
import { Engine } from '../src/serve/engine.js';
import { OxigraphStore } from '../src/serve/oxigraph-store.js';

const NQ = `<http://ex/vvd> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://ex/Faction> <http://ex/g/gazetteer> .
<http://ex/vvd> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://ex/Faction> <http://ex/g/paper1> .
<http://ex/vvd> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://ex/Faction> <http://ex/g/paper2> .
<http://ex/vvd> <http://ex/label> "VVD"@nl <http://ex/g/paper2> .
${Array.from({ length: 30 }, (_, i) => `<http://ex/s${i}> <http://ex/n> "${i}"^^<http://www.w3.org/2001/XMLSchema#integer> <http://ex/g/paper1> .`).join('\n')}
`;

const store = new OxigraphStore();
let engine: Engine;
beforeAll(() => {
  store.load([NQ], 'application/n-quads');
  engine = new Engine({ stores: [store], maxResults: 10 });
});
afterAll(() => store.close());

async function run(query: string, accept: string, extra: { baseIRI?: string; defaultGraphs?: string[]; namedGraphs?: string[] } = {}) {
  const r = await engine.run({ query, accept, ...extra });
  let body = '';
  for await (const c of r.data) body += String(c);
  return { body, truncated: r.truncated(), mediaType: r.mediaType };
}

describe('answers from the store', () => {
  it('counts a triple held in three graphs once in the default graph', async () => {
    const { body } = await run('SELECT (COUNT(*) AS ?n) { <http://ex/vvd> a <http://ex/Faction> }', 'text/csv');
    expect(body).toBe('n\r\n1\r\n');
  });

  it('returns the graphs for GRAPH ?g {}', async () => {
    const { body } = await run('SELECT ?g { GRAPH ?g {} } ORDER BY ?g', 'text/csv');
    expect(body).toBe('g\r\nhttp://ex/g/gazetteer\r\nhttp://ex/g/paper1\r\nhttp://ex/g/paper2\r\n');
  });

  it('answers ASK with FROM and FROM NAMED, and lets the protocol dataset override FROM', async () => {
    const ask = 'ASK FROM <http://ex/g/gazetteer> { GRAPH ?g { <http://ex/vvd> <http://ex/label> ?l } }';
    expect((await run(ask, 'application/sparql-results+json')).body).toContain('"boolean":false');
    expect((await run(ask, 'application/sparql-results+json', { namedGraphs: ['http://ex/g/paper2'] })).body).toContain('"boolean":true');
  });

  it('resolves relative IRIs in CONSTRUCT against the base IRI of the request', async () => {
    const { body } = await run('CONSTRUCT { <s> <p> 1 } WHERE {}', 'application/n-triples', { baseIRI: 'http://localhost:3000/sparql' });
    expect(body).toBe('<http://localhost:3000/s> <http://localhost:3000/p> "1"^^<http://www.w3.org/2001/XMLSchema#integer> .\n');
  });

  it('writes RDF/XML for CONSTRUCT that parses back to the same triples', async () => {
    const q = 'CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <http://ex/g/paper2> { ?s ?p ?o } }';
    const xml = await run(q, 'application/rdf+xml');
    expect(xml.mediaType).toBe('application/rdf+xml');
    expect(xml.body).toMatch(/^<\?xml/);
    expect(xml.body).toMatch(/<(ns\d+):label xml:lang="nl">VVD<\/\1:label>/);
    expect(xml.body.match(/<rdf:Description /g)).toHaveLength(2);
    const nt = await run(q, 'application/n-triples');
    expect(new Parser({ format: 'N-Triples' }).parse(nt.body)).toHaveLength(2);
  });

  it('knows before the first byte that a capped answer is truncated, and writes exactly the cap', async () => {
    const r = await engine.run({ query: 'SELECT ?s { ?s <http://ex/n> ?n }', accept: 'application/sparql-results+json' });
    expect(r.truncated()).toBe(true); // nothing read yet
    let body = '';
    for await (const c of r.data) body += String(c);
    expect((JSON.parse(body) as { results: { bindings: unknown[] } }).results.bindings).toHaveLength(10);
    const exact = await engine.run({ query: 'SELECT ?s { ?s <http://ex/n> ?n } LIMIT 10', accept: 'text/csv' });
    expect(exact.truncated()).toBe(false);
  });
});
