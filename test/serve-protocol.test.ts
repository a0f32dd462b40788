/**
 * The SPARQL 1.1 Protocol at /sparql: methods, media types, errors, read-only,
 * SERVICE policy, dataset parameters, result cap, and recovery after a timeout.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Parser } from 'n3';
import { startServer, type RunningServer } from '../src/serve/server.js';
import { serviceDescription } from '../src/serve/service-description.js';
import { DEFAULT_BLOCKS } from '../bench/corpus.js';
import { BASE, KLD, ensureCompiled, writeFixture } from './serve-fixture.js';

let server: RunningServer;
let fixture: string;
let fixtureLines: string[];

const COUNT_ANSWERS = `SELECT (COUNT(?a) AS ?n) WHERE { ?a a <${KLD}Answer> }`;
/** The fixture's answers: 3 papers of DEFAULT_BLOCKS blocks, one answer each. */
const ANSWERS = 3 * DEFAULT_BLOCKS;

async function get(query: string, accept?: string): Promise<Response> {
  return fetch(`${server.url}/sparql?query=${encodeURIComponent(query)}`, { headers: accept ? { accept } : {} });
}

beforeAll(async () => {
  ensureCompiled();
  fixture = writeFixture(3);
  fixtureLines = readFileSync(fixture, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '');
  server = await startServer({ port: 0, outputDir: '/nonexistent', files: [fixture], timeoutMs: 2000, maxResults: 100, workers: 2 });
  await server.ready;
});

afterAll(async () => {
  await server?.close();
});

describe('query operation: methods', () => {
  it('answers GET ?query= with SPARQL JSON by default', async () => {
    const res = await get(COUNT_ANSWERS);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/sparql-results\+json/);
    const json = (await res.json()) as { head: { vars: string[] }; results: { bindings: { n: { value: string } }[] } };
    expect(json.head.vars).toEqual(['n']);
    // 3 papers × 13 blocks, one answer each.
    expect(json.results.bindings[0]?.n.value).toBe(String(ANSWERS));
    expect(Object.keys(json)).toEqual(['head', 'results']); // no non-standard members
  });

  it('answers POST with a form-encoded body', async () => {
    const res = await fetch(`${server.url}/sparql`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/csv' },
      body: new URLSearchParams({ query: COUNT_ANSWERS }).toString(),
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(`n\r\n${ANSWERS}\r\n`);
  });

  it('answers POST application/sparql-query', async () => {
    const res = await fetch(`${server.url}/sparql`, {
      method: 'POST',
      headers: { 'content-type': 'application/sparql-query', accept: 'text/tab-separated-values' },
      body: COUNT_ANSWERS,
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(`?n\n"${ANSWERS}"^^<http://www.w3.org/2001/XMLSchema#integer>\n`);
  });

  it('counts every quad of the fixture across the named graphs', async () => {
    const res = await get('SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }', 'text/csv');
    expect(await res.text()).toBe(`n\r\n${new Set(fixtureLines).size}\r\n`);
  });

  it('refuses other methods with 405 and unknown bodies with 415', async () => {
    expect((await fetch(`${server.url}/sparql`, { method: 'PUT', body: 'x' })).status).toBe(405);
    const res = await fetch(`${server.url}/sparql`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: COUNT_ANSWERS });
    expect(res.status).toBe(415);
  });
});

describe('content negotiation', () => {
  it('writes SELECT results as SPARQL XML', async () => {
    const res = await get(COUNT_ANSWERS, 'application/sparql-results+xml');
    expect(res.headers.get('content-type')).toMatch(/^application\/sparql-results\+xml/);
    const body = await res.text();
    expect(body).toContain('<variable name="n"');
    expect(body).toContain(`<literal datatype="http://www.w3.org/2001/XMLSchema#integer">${ANSWERS}</literal>`);
  });

  it('gives SELECT * columns in the order the variables come into scope in the query, in every results format', async () => {
    const query = `SELECT * WHERE { ?z a <${KLD}Answer> ; ?middle ?a OPTIONAL { ?a ?y ?b } BIND(1 AS ?k) } LIMIT 1`;
    const order = ['z', 'middle', 'a', 'y', 'b', 'k'];
    const json = (await (await get(query, 'application/sparql-results+json')).json()) as { head: { vars: string[] } };
    expect(json.head.vars).toEqual(order);
    expect((await (await get(query, 'text/csv')).text()).split('\r\n')[0]).toBe(order.join(','));
    expect((await (await get(query, 'text/tab-separated-values')).text()).split('\n')[0]).toBe(order.map((v) => `?${v}`).join('\t'));
    const xml = await (await get(query, 'application/sparql-results+xml')).text();
    expect([...xml.matchAll(/<variable name="([^"]+)"/g)].map((m) => m[1])).toEqual(order);
    // A projection the query names keeps the query's order too; MINUS and FILTER bring no variables into scope.
    const named = (await (await get(`SELECT ?z ?a WHERE { ?z ?p ?a } LIMIT 1`, 'application/json')).json()) as { head: { vars: string[] } };
    expect(named.head.vars).toEqual(['z', 'a']);
    const minus = (await (await get(`SELECT * WHERE { ?s ?p ?o MINUS { ?s ?q ?x } FILTER(?w != 1 || true) } LIMIT 1`, 'application/json')).json()) as { head: { vars: string[] } };
    expect(minus.head.vars).toEqual(['s', 'p', 'o']);
  });

  it('follows q-values and treats application/json as SPARQL JSON', async () => {
    const xml = await get(COUNT_ANSWERS, 'text/csv;q=0.5, application/sparql-results+xml');
    expect(xml.headers.get('content-type')).toMatch(/sparql-results\+xml/);
    const json = await get(COUNT_ANSWERS, 'application/json');
    expect(json.headers.get('content-type')).toMatch(/^application\/json/);
    expect(((await json.json()) as { head: unknown }).head).toEqual({ vars: ['n'] });
  });

  it('answers ASK in JSON and XML', async () => {
    const json = await get(`ASK { ?s a <${KLD}Document> }`);
    expect(await json.json()).toEqual({ head: {}, boolean: true });
    const xml = await get(`ASK { ?s a <${KLD}Nothing> }`, 'application/sparql-results+xml');
    expect(await xml.text()).toContain('<boolean>false</boolean>');
  });

  const doc = `${BASE}id/kst-90000-1`;
  // One triple per question block of the 3 papers (39): under the cap of 100.
  const CONSTRUCT = `CONSTRUCT { ?b <${KLD}askedBy> ?f } WHERE { ?b a <${KLD}QuestionBlock> ; <${KLD}askedBy> ?f }`;

  it.each([
    ['text/turtle', 'Turtle'],
    ['application/n-triples', 'N-Triples'],
    ['application/n-quads', 'N-Quads'],
  ])('writes CONSTRUCT as %s', async (accept, format) => {
    const res = await get(CONSTRUCT, accept);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(new RegExp(`^${accept.replace('+', '\\+')}`));
    const quads = new Parser({ format }).parse(await res.text());
    expect(quads.length).toBe(ANSWERS);
    expect(new Set(quads.map((q) => q.subject.value)).size).toBe(ANSWERS);
  });

  it('writes CONSTRUCT as JSON-LD', async () => {
    const res = await get(CONSTRUCT, 'application/ld+json');
    expect(res.headers.get('content-type')).toMatch(/^application\/ld\+json/);
    const json = (await res.json()) as { '@id': string }[];
    expect(json.filter((n) => n['@id'].startsWith(`${doc}/blok/`)).length).toBe(DEFAULT_BLOCKS);
    expect(json.filter((n) => n['@id'].includes('/blok/')).length).toBe(ANSWERS);
  });

  it('answers DESCRIBE with the description of the resource', async () => {
    const res = await get(`DESCRIBE <${doc}/antwoord/3>`, 'application/n-triples');
    const quads = new Parser({ format: 'N-Triples' }).parse(await res.text());
    expect(quads.some((q) => q.subject.value === `${doc}/antwoord/3` && q.predicate.value === `${KLD}answerText`)).toBe(true);
  });

  it('caps CONSTRUCT results at the same limit', async () => {
    const res = await get(`CONSTRUCT { ?b ?p ?o } WHERE { ?b <${KLD}partOf> <${doc}> ; ?p ?o }`, 'application/n-triples');
    expect(res.headers.get('x-result-truncated')).toBe('true');
    expect(new Parser({ format: 'N-Triples' }).parse(await res.text()).length).toBe(100);
  });

  it('answers 406 when no acceptable format fits the query form, and keeps serving', async () => {
    const construct = await get(CONSTRUCT, 'application/sparql-results+json');
    expect(construct.status).toBe(406);
    expect(await construct.text()).toMatch(/text\/turtle/);
    expect((await get(COUNT_ANSWERS, 'text/turtle')).status).toBe(406);
    expect((await get(COUNT_ANSWERS)).status).toBe(200);
  });

  it('treats a malformed Accept header as absent', async () => {
    const res = await get(COUNT_ANSWERS, ';;;, /, garbage/;q=x');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/sparql-results\+json/);
  });
});

describe('errors and policy', () => {
  it('answers a syntax error with 400 and a readable message', async () => {
    const res = await get('SELECT * WHERE { ?s ?p }');
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(text).toMatch(/syntax error/i);
    expect(text.length).toBeLessThan(2000);
  });

  it('refuses SPARQL Update in every form, and the data stays as it was', async () => {
    const update = `INSERT DATA { GRAPH <${BASE}graph/x> { <${BASE}id/x> a <${KLD}Answer> } }`;
    expect((await get(update)).status).toBe(403);
    const form = await fetch(`${server.url}/sparql`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ update }).toString(),
    });
    expect(form.status).toBe(403);
    const direct = await fetch(`${server.url}/sparql`, { method: 'POST', headers: { 'content-type': 'application/sparql-update' }, body: update });
    expect(direct.status).toBe(403);
    expect(await direct.text()).toMatch(/read-only/);
    const res = await get(COUNT_ANSWERS, 'text/csv');
    expect(await res.text()).toBe(`n\r\n${ANSWERS}\r\n`);
  });

  it('refuses SERVICE to endpoints that are not configured', async () => {
    const res = await get('SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }');
    expect(res.status).toBe(403);
    expect(await res.text()).toMatch(/SERVICE <http:\/\/example.org\/sparql> is not allowed/);
  });

  it('sends CORS headers and answers preflight requests', async () => {
    const res = await get(COUNT_ANSWERS);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const pre = await fetch(`${server.url}/sparql`, { method: 'OPTIONS', headers: { origin: 'https://example.org', 'access-control-request-method': 'POST' } });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-methods')).toMatch(/POST/);
  });

  it('describes the service on GET without a query', async () => {
    const res = await fetch(`${server.url}/sparql`, { headers: { accept: 'text/turtle' } });
    expect(res.status).toBe(200);
    const quads = new Parser({ baseIRI: server.url }).parse(await res.text());
    const sd = 'http://www.w3.org/ns/sparql-service-description#';
    expect(quads.some((q) => q.predicate.value === `${sd}endpoint` && q.object.value === `${server.url}/sparql`)).toBe(true);
    expect(quads.some((q) => q.object.value === `${sd}SPARQL11Query`)).toBe(true);
    const browser = await fetch(`${server.url}/sparql`, { headers: { accept: 'text/html' }, redirect: 'manual' });
    expect(browser.status).toBe(303);
  });

  it('describes the service as configured: no federated query while SERVICE is refused, the named graphs the store holds', async () => {
    const sd = 'http://www.w3.org/ns/sparql-service-description#';
    const quads = new Parser({ baseIRI: server.url }).parse(await (await fetch(`${server.url}/sparql`, { headers: { accept: 'text/turtle' } })).text());
    const features = quads.filter((q) => q.predicate.value === `${sd}feature`).map((q) => q.object.value);
    expect(features).toEqual([`${sd}UnionDefaultGraph`]);
    const listed = quads.filter((q) => q.predicate.value === `${sd}name`).map((q) => q.object.value);
    const held = ((await (await get('SELECT DISTINCT ?g WHERE { GRAPH ?g {} }', 'application/json')).json()) as { results: { bindings: { g: { value: string } }[] } }).results.bindings.map((b) => b.g.value);
    expect(held.length).toBeGreaterThanOrEqual(3);
    expect([...listed].sort()).toEqual([...held].sort());
    // Each sd:NamedGraph names its graph and points at it (the graph's IRI, dereferenceable at /graph/{id}).
    for (const name of listed) {
      const named = quads.find((q) => q.predicate.value === `${sd}name` && q.object.value === name)?.subject;
      expect(quads.some((q) => named !== undefined && q.subject.equals(named) && q.predicate.value === `${sd}graph` && q.object.value === name)).toBe(true);
    }
    // With SERVICE allowed somewhere, federated query is a feature.
    const allowed = serviceDescription({ endpoint: 'http://x/sparql', quads: 0, timeoutMs: 1, maxResults: 1, federate: [], allowedServices: ['http://y/sparql'] });
    expect(allowed.some((q) => q.object.value === `${sd}BasicFederatedQuery`)).toBe(true);
    const federated = serviceDescription({ endpoint: 'http://x/sparql', quads: 0, timeoutMs: 1, maxResults: 1, federate: ['http://y/sparql'] });
    expect(federated.some((q) => q.object.value === `${sd}BasicFederatedQuery`)).toBe(true);
  });

  it('names its endpoint with https only when X-Forwarded-Proto says so', async () => {
    const sd = 'http://www.w3.org/ns/sparql-service-description#';
    const endpointOf = async (headers: Record<string, string>) => {
      const text = await (await fetch(`${server.url}/sparql`, { headers: { accept: 'application/n-triples', ...headers } })).text();
      return new Parser({ format: 'N-Triples' }).parse(text).find((q) => q.predicate.value === `${sd}endpoint`)?.object.value;
    };
    const host = new URL(server.url).host;
    expect(await endpointOf({})).toBe(`http://${host}/sparql`);
    expect(await endpointOf({ 'x-forwarded-proto': 'https' })).toBe(`https://${host}/sparql`);
    expect(await endpointOf({ 'x-forwarded-proto': 'HTTPS, http' })).toBe(`https://${host}/sparql`);
    expect(await endpointOf({ 'x-forwarded-proto': 'http' })).toBe(`http://${host}/sparql`);
    expect(await endpointOf({ 'x-forwarded-proto': 'wss' })).toBe(`http://${host}/sparql`);
  });
});

describe('dataset', () => {
  const graph1 = `${BASE}graph/kst-90000-1`;
  const graph1Lines = () => new Set(fixtureLines.filter((l) => l.endsWith(`<${graph1}> .`))).size;

  it('takes default-graph-uri as the default graph', async () => {
    const res = await fetch(`${server.url}/sparql?query=${encodeURIComponent('SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }')}&default-graph-uri=${encodeURIComponent(graph1)}`, { headers: { accept: 'text/csv' } });
    expect(await res.text()).toBe(`n\r\n${graph1Lines()}\r\n`);
  });

  it('takes named-graph-uri as the only named graphs', async () => {
    const q = 'SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }';
    const res = await fetch(`${server.url}/sparql?query=${encodeURIComponent(q)}&named-graph-uri=${encodeURIComponent(graph1)}`, {
      headers: { accept: 'text/csv' },
    });
    expect(await res.text()).toBe(`g\r\n${graph1}\r\n`);
  });

  it('honours FROM in the query (the union default graph does not override it)', async () => {
    const res = await get(`SELECT (COUNT(*) AS ?n) FROM <${graph1}> WHERE { ?s ?p ?o }`, 'text/csv');
    expect(await res.text()).toBe(`n\r\n${graph1Lines()}\r\n`);
  });

  it('rejects a dataset parameter that is not an IRI', async () => {
    const res = await fetch(`${server.url}/sparql?query=${encodeURIComponent(COUNT_ANSWERS)}&default-graph-uri=not%20an%20iri`);
    expect(res.status).toBe(400);
  });
});

describe('limits', () => {
  it('caps results and says so', async () => {
    const res = await get('SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }', 'text/csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('x-result-truncated')).toBe('true');
    expect((await res.text()).trim().split('\r\n').length).toBe(1 + 100);
    const small = await get('SELECT * WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 5', 'text/csv');
    expect(small.headers.get('x-result-truncated')).toBeNull();
    expect((await small.text()).trim().split('\r\n').length).toBe(1 + 5);
  });

  it('stops a query at the time limit with 503 and answers the next query at once', async () => {
    // Both workers up (the second starts once the first has loaded).
    for (let i = 0; i < 200 && server.pool.status().ready < 2; i++) await new Promise((r) => setTimeout(r, 50));
    expect(server.pool.status().ready).toBe(2);
    const heavy = `SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?a { ?s ?p ?o } GRAPH ?b { ?x ?y ?z } FILTER(CONCAT(STR(?o), "x") = STR(?z)) }`;
    const t0 = performance.now();
    const res = await get(heavy);
    const elapsed = performance.now() - t0;
    expect(res.status).toBe(503);
    expect(await res.text()).toMatch(/time limit of 2 s/);
    expect(elapsed).toBeGreaterThanOrEqual(1900);
    expect(elapsed).toBeLessThan(6000);
    const t1 = performance.now();
    const next = await get(COUNT_ANSWERS, 'text/csv');
    expect(await next.text()).toBe(`n\r\n${ANSWERS}\r\n`);
    expect(performance.now() - t1).toBeLessThan(1000);
    expect(server.pool.status().restarts).toBeGreaterThanOrEqual(1);
  });
});
