/**
 * The engine: Comunica over the Oxigraph pushdown source. Whole operations
 * (BGP + GROUP BY + ORDER BY + LIMIT) reach the store in one piece; SERVICE
 * and federation go through Comunica.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine, QueryError, checkQuery } from '../src/serve/engine.js';
import { OxigraphStore } from '../src/serve/oxigraph-store.js';
import { startServer, type RunningServer } from '../src/serve/server.js';
import { negotiate, parseAccept } from '../src/serve/negotiate.js';
import { BASE, KLD, ensureCompiled, writeFixture } from './serve-fixture.js';

async function text(engine: Engine, query: string, accept = 'text/csv'): Promise<{ body: string; pushedDown: string[] }> {
  const r = await engine.run({ query, accept });
  let body = '';
  for await (const c of r.data) body += String(c);
  return { body, pushedDown: r.pushedDown };
}

describe('pushdown to Oxigraph', () => {
  const store = new OxigraphStore();
  let engine: Engine;
  beforeAll(() => {
    store.load([readFileSync(writeFixture(2))], 'application/n-quads');
    engine = new Engine({ stores: [store], maxResults: 1000 });
  });
  afterAll(() => store.close());

  it('hands a join with GROUP BY, ORDER BY and LIMIT to the store as one query', async () => {
    const q = `SELECT ?f (COUNT(?q) AS ?n) WHERE { ?q a <${KLD}Question> ; <${KLD}askedBy> ?f . ?a <${KLD}answers> ?q } GROUP BY ?f ORDER BY DESC(?n) ?f LIMIT 3`;
    const { body, pushedDown } = await text(engine, q);
    expect(pushedDown).toHaveLength(1);
    expect(pushedDown[0]).toMatch(/GROUP BY \?f/);
    expect(pushedDown[0]).toMatch(/LIMIT 3/);
    const rows = body.trim().split('\r\n');
    expect(rows[0]).toBe('f,n');
    expect(rows).toHaveLength(4);
    // Counts are in descending order and add up to at most the 160 questions.
    const counts = rows.slice(1).map((r) => Number(r.split(',')[1]));
    expect([...counts].sort((a, b) => b - a)).toEqual(counts);
    expect(counts.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(160);
  });

  it('sees every named graph in the default graph, as the union', async () => {
    const { body } = await text(engine, `SELECT (COUNT(?d) AS ?n) WHERE { ?d a <${KLD}Document> }`);
    expect(body).toBe('n\r\n2\r\n');
  });

  it('returns an empty CONSTRUCT without hanging', async () => {
    const { body } = await text(engine, 'CONSTRUCT WHERE { <http://example.org/nothing> ?p ?o }', 'application/n-triples');
    expect(body).toBe('');
  });
});

describe('checkQuery', () => {
  it('tells the query form and refuses updates and unknown SERVICE targets', () => {
    expect(checkQuery('ASK {}', []).form).toBe('boolean');
    expect(checkQuery('CONSTRUCT WHERE { ?s ?p ?o } LIMIT 1', []).form).toBe('quads');
    expect(checkQuery('DESCRIBE <http://x>', []).form).toBe('quads');
    expect(checkQuery('SELECT * {}', []).form).toBe('bindings');
    expect(() => checkQuery('DELETE WHERE { ?s ?p ?o }', [])).toThrow(QueryError);
    expect(() => checkQuery('SELECT * { SERVICE ?x { ?s ?p ?o } }', [])).toThrow(/variable endpoint/);
    expect(checkQuery('SELECT * { SERVICE <http://a/sparql> { ?s ?p ?o } }', ['http://a/sparql']).services).toEqual(['http://a/sparql']);
  });
});

describe('negotiate', () => {
  it('parses Accept and picks by q, specificity and order', () => {
    expect(parseAccept('text/html;q=0.8, */*;q=0.1').map((r) => r.q)).toEqual([0.8, 0.1]);
    expect(negotiate(undefined, ['a/b', 'c/d'])).toBe('a/b');
    expect(negotiate('c/d', ['a/b', 'c/d'])).toBe('c/d');
    expect(negotiate('c/*;q=0.5, a/b;q=0.4', ['a/b', 'c/d'])).toBe('c/d');
    expect(negotiate('image/png', ['a/b'])).toBeUndefined();
    expect(negotiate('a/b;q=0', ['a/b', 'c/d'])).toBeUndefined();
    expect(negotiate('*/*', ['a/b', 'c/d'])).toBe('a/b');
    expect(negotiate('nonsense', ['a/b'])).toBe('a/b');
  });
});

describe('federation', () => {
  let remote: RunningServer;
  let local: RunningServer;
  beforeAll(async () => {
    ensureCompiled();
    remote = await startServer({ port: 0, outputDir: '/nonexistent', files: [writeFixture(2, 10)], workers: 1 });
    await remote.ready;
    local = await startServer({
      port: 0,
      outputDir: '/nonexistent',
      files: [writeFixture(2, 0)],
      workers: 1,
      federate: [`${remote.url}/sparql`],
    });
    await local.ready;
  });
  afterAll(async () => {
    await local?.close();
    await remote?.close();
  });

  it('answers over the local store and a federated endpoint together', async () => {
    const q = `SELECT ?d WHERE { ?d a <${KLD}Document> } ORDER BY ?d`;
    const res = await fetch(`${local.url}/sparql?query=${encodeURIComponent(q)}`, { headers: { accept: 'text/csv' } });
    expect(await res.text()).toBe(['d', ...['kst-90000-1', 'kst-90000-11', 'kst-90000-12', 'kst-90000-2'].map((id) => `${BASE}id/${id}`)].join('\r\n') + '\r\n');
  });

  it('allows SERVICE to a federated endpoint', async () => {
    const q = `SELECT (COUNT(?d) AS ?n) WHERE { SERVICE <${remote.url}/sparql> { ?d a <${KLD}Document> } }`;
    const res = await fetch(`${local.url}/sparql?query=${encodeURIComponent(q)}`, { headers: { accept: 'text/csv' } });
    expect(await res.text()).toBe('n\r\n2\r\n');
  });
});
