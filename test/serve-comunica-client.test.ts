/**
 * Comunica's own client (@comunica/query-sparql, the engine people use to
 * query SPARQL endpoints and link traversal from JavaScript) using this
 * endpoint as a source: a whole query handed to the endpoint (SELECT with
 * GROUP BY, ASK, CONSTRUCT), and a join across the endpoint and a local RDF/JS
 * store, for which Comunica splits the query and sends the endpoint its own
 * generated queries (triple patterns, cardinality COUNTs, VALUES joins).
 * Each answer is compared with the endpoint's own answer to the same question.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataFactory, Store } from 'n3';
import { QueryEngine } from '@comunica/query-sparql';
import { sparqlHandler } from '../src/serve/handlers/sparql.js';
import { startServer, type RunningServer } from '../src/serve/server.js';
import { KLD, ensureCompiled, writeFixture } from './serve-fixture.js';

// A faction's name in the data: its abbreviation (skos:notation), in the gazetteer's graph.
const NOTATION = 'http://www.w3.org/2004/02/skos/core#notation';
const EX = 'http://example.org/';
let server: RunningServer;
let engine: QueryEngine;
const requests: string[] = [];

beforeAll(async () => {
  ensureCompiled();
  server = await startServer({
    port: 0,
    outputDir: '/nonexistent',
    files: [writeFixture(3)],
    workers: 1,
    // Count the requests that reach /sparql (the default handler, wrapped).
    handlers: (ctx) => {
      const sparql = sparqlHandler(ctx);
      return {
        sparql: (req, res, url) => {
          requests.push(req.method ?? '');
          return sparql(req, res, url);
        },
      };
    },
  });
  await server.ready;
  engine = new QueryEngine();
});

afterAll(async () => {
  await server?.close();
});

const source = () => [{ type: 'sparql' as const, value: `${server.url}/sparql` }];

/** The endpoint's own answer (SPARQL JSON) as sorted rows "var=value …". */
async function direct(query: string): Promise<string[]> {
  const res = await fetch(`${server.url}/sparql`, { method: 'POST', headers: { 'content-type': 'application/sparql-query', accept: 'application/sparql-results+json' }, body: query });
  expect(res.status).toBe(200);
  const json = (await res.json()) as { head: { vars: string[] }; results: { bindings: Record<string, { value: string } | undefined>[] } };
  return json.results.bindings.map((b) => json.head.vars.map((v) => `${v}=${b[v]?.value ?? ''}`).join(' ')).sort();
}

type Sources = NonNullable<Parameters<QueryEngine['queryBindings']>[1]>['sources'];

async function viaComunica(query: string, sources: Sources): Promise<string[]> {
  const bindings = await (await engine.queryBindings(query, { sources, lenient: false })).toArray();
  const vars = [...query.matchAll(/\?(\w+)/g)].map((m) => m[1] ?? '');
  const projected = [...new Set(vars)].filter((v) => bindings.some((b) => b.has(v)));
  return bindings.map((b) => projected.map((v) => `${v}=${b.get(v)?.value ?? ''}`).join(' ')).sort();
}

describe('Comunica (@comunica/query-sparql) with the endpoint as a SPARQL source', () => {
  it('answers a grouped SELECT as the endpoint does', async () => {
    const query = `SELECT ?faction (COUNT(?q) AS ?questions) WHERE { ?q a <${KLD}Question> ; <${KLD}askedBy> ?f . ?f <${NOTATION}> ?faction } GROUP BY ?faction`;
    const expected = await direct(query);
    expect(expected.length).toBeGreaterThan(3);
    expect(await viaComunica(query, source())).toEqual(expected);
  });

  it('answers ASK and CONSTRUCT', async () => {
    expect(await engine.queryBoolean(`ASK { ?a a <${KLD}Answer> }`, { sources: source() })).toBe(true);
    expect(await engine.queryBoolean(`ASK { ?a a <${KLD}NoSuchClass> }`, { sources: source() })).toBe(false);
    const quads = await (await engine.queryQuads(`CONSTRUCT { ?f <${NOTATION}> ?l } WHERE { ?f a <${KLD}Faction> ; <${NOTATION}> ?l }`, { sources: source() })).toArray();
    const factions = await direct(`SELECT ?f ?l WHERE { ?f a <${KLD}Faction> ; <${NOTATION}> ?l }`);
    expect(quads.map((q) => `f=${q.subject.value} l=${q.object.value}`).sort()).toEqual(factions);
  });

  it('joins the endpoint with a local store, sending the endpoint the queries Comunica writes itself', async () => {
    // A local fact per faction abbreviation; the rest comes from the endpoint.
    const local = new Store();
    const labels = (await direct(`SELECT ?l WHERE { ?f a <${KLD}Faction> ; <${NOTATION}> ?l }`)).map((r) => r.slice(2));
    for (const l of labels) local.addQuad(DataFactory.namedNode(`${EX}party/${encodeURIComponent(l)}`), DataFactory.namedNode(`${EX}label`), DataFactory.literal(l));
    const query = `SELECT ?party (COUNT(?q) AS ?n) WHERE { ?party <${EX}label> ?l . ?f <${NOTATION}> ?l . ?q <${KLD}askedBy> ?f } GROUP BY ?party`;
    const before = requests.length;
    const joined = await viaComunica(query, [...source(), local]);
    // The query was split: Comunica asked the endpoint more than once (its own sub-queries), not one whole query.
    expect(requests.length - before).toBeGreaterThan(1);
    const perFaction = await direct(`SELECT ?l (COUNT(?q) AS ?n) WHERE { ?f <${NOTATION}> ?l . ?q <${KLD}askedBy> ?f } GROUP BY ?l`);
    expect(joined.length).toBeGreaterThan(3);
    expect(joined).toEqual(
      perFaction
        .map((r) => {
          const [, l, n] = /^l=(.*) n=(\d+)$/.exec(r) ?? [];
          return `party=${EX}party/${encodeURIComponent(l ?? '')} n=${n ?? ''}`;
        })
        .sort(),
    );
  });
});
