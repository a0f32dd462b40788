/**
 * The bundled corpus's build, served: named graphs dereferenced (/graph/{id},
 * the IRI {base}graph/{id}, answers with the graph's description: triple
 * count, the paper it holds, where its triples are published, in every format
 * deref negotiates), and every literal of the published dump answered by the
 * endpoint as the very term the dump holds (datatypes exactly as in the data).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Parser, type Quad } from 'n3';
import { readStoreManifest } from '../src/output-layout.js';
import { startServer, type RunningServer } from '../src/serve/server.js';
import { BASE, bundledOutput, ensureCompiled } from './serve-fixture.js';

const ID = 'kst-26150-187';
const GRAPH = `${BASE}graph/${ID}`;
const VOID = 'http://rdfs.org/ns/void#';
const FOAF = 'http://xmlns.com/foaf/0.1/';
let server: RunningServer;
let output: string;

beforeAll(async () => {
  ensureCompiled();
  output = await bundledOutput();
  server = await startServer({ port: 0, outputDir: output, workers: 1 });
  await server.ready;
}, 180_000);

afterAll(async () => {
  await server?.close();
});

const get = (p: string, accept: string) => fetch(`${server.url}${p}`, { headers: { accept } });
const objects = (quads: Quad[], s: string, p: string) => quads.filter((q) => q.subject.value === s && q.predicate.value === p).map((q) => q.object.value);

describe('/graph/{id}', () => {
  it('answers Turtle: the triple count the store gives, the paper it holds, its download', async () => {
    const res = await get(`/graph/${ID}`, 'text/turtle');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/turtle/);
    expect(res.headers.get('vary')).toMatch(/accept/i);
    const quads = new Parser({ baseIRI: BASE }).parse(await res.text());
    const count = await fetch(`${server.url}/sparql`, {
      method: 'POST',
      headers: { 'content-type': 'application/sparql-query', accept: 'application/sparql-results+json' },
      body: `SELECT (COUNT(*) AS ?n) { GRAPH <${GRAPH}> { ?s ?p ?o } }`,
    });
    const n = Number(((await count.json()) as { results: { bindings: { n: { value: string } }[] } }).results.bindings.at(0)?.n.value);
    expect(n).toBeGreaterThan(1000);
    expect(objects(quads, GRAPH, `${VOID}triples`)).toEqual([String(n)]);
    expect(objects(quads, GRAPH, `${FOAF}primaryTopic`)).toEqual([`${BASE}id/${ID}`]);
    expect(objects(quads, GRAPH, `${VOID}inDataset`)).toEqual([`${BASE}id/dataset`]);
    const dumps = objects(quads, GRAPH, `${VOID}dataDump`).sort();
    expect(dumps).toEqual([`${BASE}download/documents/${ID}.jsonld`, `${BASE}download/documents/${ID}.ttl`]);
    // The download holds exactly the graph's triples.
    const file = await fetch(`${server.url}/download/documents/${ID}.ttl`);
    expect(file.status).toBe(200);
    expect(new Parser({ baseIRI: BASE }).parse(await file.text())).toHaveLength(n);
    expect(readFileSync(path.join(output, 'documents', `${ID}.ttl`), 'utf8').length).toBeGreaterThan(0);
  });

  it('answers HTML for people, with the paper and the download as local links', async () => {
    const res = await get(`/graph/${ID}`, 'text/html');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toContain(`href="/id/${ID}"`);
    expect(html).toContain(`href="/download/documents/${ID}.ttl"`);
  });

  it('answers JSON-LD, N-Triples and RDF/XML', async () => {
    for (const [accept, type, holds] of [
      ['application/ld+json', /^application\/ld\+json/, `"${BASE}id/${ID}"`],
      ['application/n-triples', /^application\/n-triples/, `<${GRAPH}> <${FOAF}primaryTopic> <${BASE}id/${ID}>`],
      ['application/rdf+xml', /^application\/rdf\+xml/, `rdf:about="${GRAPH}"`],
    ] as const) {
      const res = await get(`/graph/${ID}`, accept);
      expect(res.status, accept).toBe(200);
      expect(res.headers.get('content-type'), accept).toMatch(type);
      expect(await res.text(), accept).toContain(holds);
    }
  });

  it('describes the gazetteer graph (no paper in it) and answers 404 for a graph the store does not hold', async () => {
    const gaz = await get('/graph/gazetteer', 'application/n-triples');
    expect(gaz.status).toBe(200);
    const quads = new Parser({ format: 'N-Triples' }).parse(await gaz.text());
    expect(Number(objects(quads, `${BASE}graph/gazetteer`, `${VOID}triples`)[0])).toBeGreaterThan(0);
    expect(objects(quads, `${BASE}graph/gazetteer`, `${FOAF}primaryTopic`)).toEqual([]);
    expect((await get('/graph/kst-1-1', 'text/turtle')).status).toBe(404);
    expect((await get('/graph/kst-1-1', 'text/html')).status).toBe(404);
    expect((await get(`/graph/${ID}`, 'image/png')).status).toBe(406);
  });
});

describe('the service description of the published build', () => {
  it('lists the named graphs, each dereferenceable, and points to the VoID description', async () => {
    const SD = 'http://www.w3.org/ns/sparql-service-description#';
    const quads = new Parser({ format: 'N-Triples' }).parse(await (await get('/sparql', 'application/n-triples')).text());
    const graphs = quads.filter((q) => q.predicate.value === `${SD}graph`).map((q) => q.object.value);
    expect(graphs).toContain(GRAPH);
    expect(graphs).toContain(`${BASE}graph/gazetteer`);
    const seeAlso = quads.filter((q) => q.subject.value.endsWith('/sparql#dataset') && q.predicate.value === 'http://www.w3.org/2000/01/rdf-schema#seeAlso');
    expect(seeAlso.map((q) => q.object.value)).toEqual([`${BASE}id/dataset`]);
    expect((await get('/id/dataset', 'text/turtle')).status).toBe(200);
    for (const g of graphs) expect((await get(`/${g.slice(BASE.length)}`, 'application/n-triples')).status, g).toBe(200);
  });
});

describe('datatypes exactly as in the data', () => {
  const OA = 'http://www.w3.org/ns/oa#';
  const XSD = 'http://www.w3.org/2001/XMLSchema#';
  type JsonTerm = { type: string; value: string; datatype?: string; 'xml:lang'?: string };
  const key = (value: string, datatype: string, lang: string) => `${JSON.stringify(value)}${lang ? `@${lang}` : `^^${datatype}`}`;
  const select = async (query: string) => {
    const res = await fetch(`${server.url}/sparql`, {
      method: 'POST',
      headers: { 'content-type': 'application/sparql-query', accept: 'application/sparql-results+json' },
      body: query,
    });
    expect(res.status).toBe(200);
    return ((await res.json()) as { results: { bindings: Record<string, JsonTerm | undefined>[] } }).results.bindings;
  };

  it('answers every literal of the published dump as the very term it is there (value, datatype, language)', async () => {
    const manifest = readStoreManifest(output);
    if (!manifest) throw new Error(`no store.json in ${output}`);
    const dump = new Parser({ format: 'N-Quads' }).parse(readFileSync(path.join(output, manifest.file), 'utf8'));
    const published = new Set(
      dump
        .filter((q) => q.object.termType === 'Literal')
        .map((q) => {
          const o = q.object as Quad['object'] & { datatype: { value: string }; language: string };
          return key(o.value, o.datatype.value, o.language);
        }),
    );
    const rows = await select('SELECT DISTINCT ?o WHERE { ?s ?p ?o FILTER(isLiteral(?o)) }');
    const answered = new Set(rows.flatMap((r) => (r.o ? [key(r.o.value, r.o.datatype ?? `${XSD}string`, r.o['xml:lang'] ?? '')] : [])));
    expect(published.size).toBeGreaterThan(1000);
    expect([...answered].filter((k) => !published.has(k))).toEqual([]);
    expect([...published].filter((k) => !answered.has(k))).toEqual([]);
  });

  it('answers the source offsets (oa:start, oa:end) as xsd:integer, as published, through /sparql', async () => {
    const rows = await select(`SELECT ?t (COUNT(*) AS ?n) WHERE { ?sel <${OA}start>|<${OA}end> ?offset BIND(DATATYPE(?offset) AS ?t) } GROUP BY ?t`);
    expect(rows.map((r) => r.t?.value)).toEqual([`${XSD}integer`]);
    expect(Number(rows[0]?.n?.value)).toBeGreaterThan(100);
  });

  it('gives the offsets in dereferenced JSON-LD as plain numbers under the context terms', async () => {
    const res = await get(`/id/${ID}/blok/1`, 'application/ld+json');
    expect(res.status).toBe(200);
    const body = await res.text();
    const nodes = (JSON.parse(body) as { '@graph': Record<string, unknown>[] })['@graph'];
    const selector = nodes.find((n) => typeof n.id === 'string' && n.id.endsWith('#bron-positie'));
    expect(selector).toBeDefined();
    expect(typeof selector?.start).toBe('number');
    expect(typeof selector?.end).toBe('number');
    expect(body).not.toMatch(/xsd:(?:integer|nonNegativeInteger)/);
  });
});
