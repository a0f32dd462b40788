/**
 * The router and its handlers, one at a time, over a stand-in query runner
 * (no worker threads, no store): each handler's contract with the pool and
 * with the page renderer.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext, type QueryRunner } from '../src/serve/context.js';
import type { QueryRequest } from '../src/serve/engine.js';
import type { PoolStatus, QueryHandlers } from '../src/serve/pool.js';
import { defaultRenderer, type PageRenderer } from '../src/serve/render.js';
import { createRouter } from '../src/serve/router.js';

const BASE = 'https://w3id.org/kamerstukken-ld/';

/** Answers every query with a fixed N-Triples body, or an error; records what it was asked. */
class StubRunner implements QueryRunner {
  readonly asked: QueryRequest[] = [];
  constructor(private readonly answer: (r: QueryRequest, h: QueryHandlers) => void) {}
  run(request: QueryRequest, handlers: QueryHandlers): () => void {
    this.asked.push(request);
    queueMicrotask(() => this.answer(request, handlers));
    return () => {};
  }
  status(): PoolStatus {
    return { workers: 1, ready: 1, busy: 0, queued: 0, spareReady: true, quads: 42, restarts: 0, replaced: {} };
  }
}

const triple = `<${BASE}id/x> <http://www.w3.org/2000/01/rdf-schema#label> "x" .\n`;

let server: http.Server;
let url: string;
const runner = new StubRunner((r, h) => {
  if (r.query.includes('/id/missing>')) {
    h.head('application/n-triples', false);
    h.end(false);
  } else if (r.query.startsWith('SELECT')) {
    h.head('application/sparql-results+json', true);
    h.chunk('{"head":{"vars":[]},"results":{"bindings":[{}]}}');
    h.end(true);
  } else {
    h.head('application/n-triples', false);
    h.chunk(triple);
    h.end(false);
  }
});
const rendered: string[] = [];
const pages: PageRenderer = {
  ...defaultRenderer,
  resource: (view) => {
    rendered.push(view.iri);
    return `<p>custom ${view.quads.length}</p>`;
  },
};

beforeAll(async () => {
  const ctx = createContext({ base: BASE, timeoutMs: 1000, maxResults: 10, bodyLimit: 1000, outputDir: '/nonexistent', pages }, runner, Promise.resolve());
  const route = createRouter(ctx);
  server = http.createServer((req, res) => void route(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('router and handlers over a stand-in runner', () => {
  it('dereferences through the runner and renders HTML with the given renderer', async () => {
    const res = await fetch(`${url}/id/x`, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('vary')).toBe('accept');
    expect(await res.text()).toBe('<p>custom 1</p>');
    expect(rendered).toEqual([`${BASE}id/x`]);
    expect(runner.asked.at(-1)!.query).toContain(`<${BASE}id/x>`);
  });

  it('answers Turtle for the same IRI, and 404 for an IRI nothing is known about', async () => {
    const ttl = await fetch(`${url}/id/x`, { headers: { accept: 'text/turtle' } });
    expect(ttl.status).toBe(200);
    expect(await ttl.text()).toMatch(/rdfs:label "x"/);
    const missing = await fetch(`${url}/id/missing`, { headers: { accept: 'text/turtle' } });
    expect(missing.status).toBe(404);
  });

  it('passes the protocol request to the runner and the truncation flag to the client', async () => {
    const res = await fetch(`${url}/sparql?query=${encodeURIComponent('SELECT * {}')}&default-graph-uri=${encodeURIComponent('http://g/1')}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-result-truncated')).toBe('true');
    expect(res.headers.get('x-max-results')).toBe('10');
    expect(runner.asked.at(-1)!.defaultGraphs).toEqual(['http://g/1']);
  });

  it('refuses unsafe paths and methods before any handler runs', async () => {
    const before = runner.asked.length;
    expect((await fetch(`${url}/id/a%2Fb`)).status).toBe(400);
    expect((await fetch(`${url}/id/x`, { method: 'DELETE' })).status).toBe(405);
    expect(runner.asked.length).toBe(before);
  });
});
