/**
 * The result cache (src/serve/cache.ts): repeated queries and pages answered
 * from memory without a worker, ETag on the build's hash, 304 on
 * If-None-Match, never over its bound, never for truncated answers or errors.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ByteLru, CachingRunner, etagMatches, normaliseQuery } from '../src/serve/cache.js';
import type { QueryRunner } from '../src/serve/context.js';
import type { QueryRequest } from '../src/serve/engine.js';
import type { PoolStatus, QueryHandlers } from '../src/serve/pool.js';
import { startServer, type RunningServer } from '../src/serve/server.js';
import { BASE, KLD, ensureCompiled, raw, writeFixture } from './serve-fixture.js';

describe('normaliseQuery', () => {
  it('drops comments and folds white space outside strings and IRIs, and nothing else', () => {
    const a = normaliseQuery('# title: x\nSELECT  ?s\n\tWHERE { ?s <http://e.org/a#b> "two  spaces # not a comment" } # end');
    expect(a).toBe('SELECT ?s WHERE { ?s <http://e.org/a#b> "two  spaces # not a comment" }');
    expect(normaliseQuery('SELECT * { ?s ?p """a\n\n b""" }')).toBe('SELECT * { ?s ?p """a\n\n b""" }');
    expect(normaliseQuery("ASK { ?s ?p 'it\\'s  #1' }")).toBe("ASK { ?s ?p 'it\\'s  #1' }");
    // Different literals stay different keys.
    expect(normaliseQuery('ASK { ?s ?p "a b" }')).not.toBe(normaliseQuery('ASK { ?s ?p "a  b" }'));
    // A comparison is not an IRI.
    expect(normaliseQuery('SELECT * { ?s ?p ?o FILTER(?o < 3 ) } # x')).toBe('SELECT * { ?s ?p ?o FILTER(?o < 3 ) }');
  });
});

describe('etagMatches', () => {
  it('compares weakly and takes lists and *', () => {
    expect(etagMatches('W/"a-b"', 'W/"a-b"')).toBe(true);
    expect(etagMatches('"x", W/"a-b"', 'W/"a-b"')).toBe(true);
    expect(etagMatches('"a-b"', 'W/"a-b"')).toBe(true);
    expect(etagMatches('*', 'W/"a-b"')).toBe(true);
    expect(etagMatches('W/"a-c"', 'W/"a-b"')).toBe(false);
    expect(etagMatches(undefined, 'W/"a-b"')).toBe(false);
  });
});

describe('ByteLru', () => {
  it('never holds more than its bound, evicts the least recently used, refuses an entry over an eighth', () => {
    const lru = new ByteLru<string>(10_000);
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 2000; i++) {
      lru.set(`k${i % 300}`, 'v', Math.floor(rand() * 1000));
      if (i % 3 === 0) lru.get(`k${Math.floor(rand() * 300)}`);
      expect(lru.bytes).toBeLessThanOrEqual(10_000);
    }
    expect(lru.evictions).toBeGreaterThan(0);
    expect(lru.set('big', 'v', 2000)).toBe(false);
    const small = new ByteLru<number>(1000, 1000);
    small.set('a', 1, 300);
    small.set('b', 2, 300);
    small.get('a'); // b is now the oldest
    small.set('c', 3, 300);
    expect(small.get('b')).toBeUndefined();
    expect(small.get('a')).toBe(1);
    expect(small.get('c')).toBe(3);
  });
});

/** A stand-in pool: answers every query with `body` (or fails), counting what it is asked. */
class FakePool implements QueryRunner {
  asked = 0;
  constructor(
    private readonly answer: { body: string; truncated?: boolean; fail?: boolean; form?: 'bindings' | 'quads' | 'boolean' },
    private readonly build = 'sha256:00112233445566778899',
  ) {}
  run(_request: QueryRequest, h: QueryHandlers): () => void {
    this.asked++;
    if (this.answer.fail) h.error(500, 'boom', false);
    else {
      h.head('application/sparql-results+json', this.answer.truncated ?? false, { form: this.answer.form ?? 'bindings', build: this.build });
      h.chunk(this.answer.body);
      h.end(this.answer.truncated ?? false);
    }
    return () => {};
  }
  status(): PoolStatus {
    return { workers: 1, ready: 1, busy: 0, queued: 0, spareReady: false, quads: 1, restarts: 0, replaced: {}, build: this.build };
  }
}

function ask(runner: QueryRunner, request: QueryRequest, ifNoneMatch?: string): { status: number; body: string; etag?: string; cache?: string } {
  const out = { status: 0, body: '', etag: undefined as string | undefined, cache: undefined as string | undefined };
  runner.run(request, {
    ifNoneMatch,
    head: (_mt, _t, info) => {
      out.status = 200;
      out.etag = info?.etag;
      out.cache = info?.cache;
    },
    chunk: (d) => (out.body += d),
    end: () => {},
    error: (status) => (out.status = status),
  });
  return out;
}

describe('CachingRunner', () => {
  const q = { query: 'SELECT * { ?s ?p ?o }', accept: 'application/sparql-results+json' };

  it('answers a repeated query (other spelling, equivalent Accept) without asking the pool', () => {
    const pool = new FakePool({ body: '{"x":1}' });
    const cache = new CachingRunner(pool, { maxBytes: 1 << 20 });
    const first = ask(cache, q);
    expect(first).toMatchObject({ status: 200, body: '{"x":1}', cache: 'miss' });
    expect(first.etag).toMatch(/^W\/"0011223344556677-[\w-]+"$/);
    const second = ask(cache, { query: 'SELECT *\n  { ?s ?p ?o } # again', accept: '*/*' });
    expect(second).toMatchObject({ status: 200, body: '{"x":1}', cache: 'hit', etag: first.etag });
    expect(pool.asked).toBe(1);
    expect(cache.stats()).toMatchObject({ hits: 1, misses: 1, forwarded: 1 });
    // Another dataset is another answer.
    ask(cache, { ...q, defaultGraphs: [`${BASE}graph/x`] });
    expect(pool.asked).toBe(2);
  });

  it('keeps neither truncated answers nor errors, and gives them no ETag', () => {
    for (const answer of [
      { body: '{}', truncated: true },
      { body: '', fail: true },
    ]) {
      const pool = new FakePool(answer);
      const cache = new CachingRunner(pool, { maxBytes: 1 << 20 });
      const a = ask(cache, q);
      const b = ask(cache, q);
      expect(a.etag).toBeUndefined();
      expect(b.cache === 'hit').toBe(false);
      expect(pool.asked).toBe(2);
      expect(cache.stats().entries).toBe(0);
    }
  });

  it('a new build is a new ETag and a new entry', () => {
    const one = new CachingRunner(new FakePool({ body: '{}' }, 'sha256:aaaaaaaaaaaaaaaaaaaa'), { maxBytes: 1 << 20 });
    const two = new CachingRunner(new FakePool({ body: '{}' }, 'sha256:bbbbbbbbbbbbbbbbbbbb'), { maxBytes: 1 << 20 });
    expect(ask(one, q).etag).not.toBe(ask(two, q).etag);
  });

  it('is off with federated endpoints, for SERVICE, and at size 0', () => {
    for (const [options, query] of [
      [{ maxBytes: 1 << 20, federate: ['http://example.org/sparql'] }, q.query],
      [{ maxBytes: 1 << 20 }, 'SELECT * { SERVICE <http://example.org/sparql> { ?s ?p ?o } }'],
      [{ maxBytes: 0 }, q.query],
    ] as const) {
      const pool = new FakePool({ body: '{}' });
      const cache = new CachingRunner(pool, options);
      ask(cache, { ...q, query });
      expect(ask(cache, { ...q, query }).etag).toBeUndefined();
      expect(pool.asked).toBe(2);
    }
  });

  it('never exceeds its bound, however many answers come', () => {
    const pool = new FakePool({ body: 'x'.repeat(3000) });
    const cache = new CachingRunner(pool, { maxBytes: 64 * 1024 });
    for (let i = 0; i < 200; i++) {
      ask(cache, { ...q, query: `SELECT * { ?s ?p ${i} }` });
      expect(cache.stats().bytes).toBeLessThanOrEqual(64 * 1024);
    }
    expect(cache.stats().evictions).toBeGreaterThan(0);
    // An answer over an eighth of the bound is passed on but not kept.
    const big = new FakePool({ body: 'x'.repeat(5000) });
    const c2 = new CachingRunner(big, { maxBytes: 64 * 1024 });
    ask(c2, q);
    expect(ask(c2, q).body.length).toBe(5000);
    expect(big.asked).toBe(2);
  });
});

describe('the cache through HTTP', () => {
  let server: RunningServer;
  let other: RunningServer;
  const query = `PREFIX kld: <${KLD}> SELECT ?a WHERE { ?a a kld:Answer } ORDER BY ?a LIMIT 5`;
  const path = `/sparql?query=${encodeURIComponent(query)}`;

  beforeAll(async () => {
    ensureCompiled();
    server = await startServer({ port: 0, outputDir: '/nonexistent', files: [writeFixture(3)], workers: 1, spare: false });
    other = await startServer({ port: 0, outputDir: '/nonexistent', files: [writeFixture(4)], workers: 1, spare: false });
    await Promise.all([server.ready, other.ready]);
  }, 60_000);

  afterAll(async () => {
    await server?.close();
    await other?.close();
  });

  it('serves a repeated query from memory: X-Cache hit, the same body and ETag, no worker asked', async () => {
    const a = await raw(server.url, { path });
    expect(a.status).toBe(200);
    expect(a.headers['x-cache']).toBe('miss');
    expect(a.headers.etag).toMatch(/^W\/"[0-9a-f]{16}-/);
    expect(a.headers['cache-control']).toBe('public, no-cache');
    const forwarded = server.cache.stats().forwarded;
    const b = await raw(server.url, { path });
    expect(b.headers['x-cache']).toBe('hit');
    expect(b.body).toBe(a.body);
    expect(b.headers.etag).toBe(a.headers.etag);
    expect(server.cache.stats().forwarded).toBe(forwarded);
    expect(JSON.parse(b.body).results.bindings).toHaveLength(5);
    const health = JSON.parse((await raw(server.url, { path: '/health' })).body);
    expect(health.cache.hits).toBeGreaterThanOrEqual(1);
  });

  it('If-None-Match with the ETag gives 304 without a body; another tag gives 200; POST is answered', async () => {
    const a = await raw(server.url, { path });
    const etag = String(a.headers.etag);
    const c = await raw(server.url, { path, headers: { 'if-none-match': etag } });
    expect(c.status).toBe(304);
    expect(c.body).toBe('');
    expect(c.headers.etag).toBe(etag);
    const d = await raw(server.url, { path, headers: { 'if-none-match': 'W/"other"' } });
    expect(d.status).toBe(200);
    const e = await raw(server.url, { method: 'POST', path: '/sparql', headers: { 'content-type': 'application/sparql-query', 'if-none-match': etag }, body: query });
    expect(e.status).toBe(200);
    expect(e.body).toBe(a.body);
    // Another media type is another answer with another tag.
    const csv = await raw(server.url, { path, headers: { accept: 'text/csv' } });
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.headers.etag).not.toBe(etag);
  });

  it('a new build gives a new ETag', async () => {
    const a = await raw(server.url, { path });
    const b = await raw(other.url, { path });
    expect(a.headers.etag).toBeDefined();
    expect(b.headers.etag).toBeDefined();
    expect(b.headers.etag).not.toBe(a.headers.etag);
    expect(server.pool.status().build).not.toBe(other.pool.status().build);
  });

  it('truncated answers and errors carry no ETag and are not kept', async () => {
    const capped = await startServer({ port: 0, outputDir: '/nonexistent', files: [writeFixture(1)], workers: 1, spare: false, maxResults: 3 });
    try {
      await capped.ready;
      const all = `/sparql?query=${encodeURIComponent('SELECT * { ?s ?p ?o }')}`;
      const a = await raw(capped.url, { path: all });
      expect(a.headers['x-result-truncated']).toBe('true');
      expect(a.headers.etag).toBeUndefined();
      const b = await raw(capped.url, { path: all });
      expect(b.headers['x-cache']).toBe('miss');
      const bad = await raw(capped.url, { path: `/sparql?query=${encodeURIComponent('SELECT * {')}` });
      expect(bad.status).toBe(400);
      expect(bad.headers.etag).toBeUndefined();
    } finally {
      await capped.close();
    }
  }, 60_000);

  it('dereferenced resources: kept, ETag, 304; a 404 is not kept', async () => {
    const iri = `/id/kst-90000-1`;
    const a = await raw(server.url, { path: iri, headers: { accept: 'text/turtle' } });
    expect(a.status).toBe(200);
    expect(a.headers['x-cache']).toBe('miss');
    const b = await raw(server.url, { path: iri, headers: { accept: 'text/turtle' } });
    expect(b.headers['x-cache']).toBe('hit');
    expect(b.body).toBe(a.body);
    expect(b.headers['content-type']).toBe(a.headers['content-type']);
    const c = await raw(server.url, { path: iri, headers: { accept: 'text/turtle', 'if-none-match': String(a.headers.etag) } });
    expect(c.status).toBe(304);
    expect(c.body).toBe('');
    const nt = await raw(server.url, { path: iri, headers: { accept: 'application/n-triples' } });
    expect(nt.headers.etag).not.toBe(a.headers.etag);
    // A page for people: kept per language.
    const nl = await raw(server.url, { path: iri, headers: { accept: 'text/html', 'accept-language': 'nl' } });
    expect(nl.status).toBe(200);
    const nl2 = await raw(server.url, { path: iri, headers: { accept: 'text/html', 'accept-language': 'nl' } });
    expect(nl2.headers['x-cache']).toBe('hit');
    expect(nl2.body).toBe(nl.body);
    expect(nl2.headers['content-language']).toBe('nl');
    const en = await raw(server.url, { path: iri, headers: { accept: 'text/html', 'accept-language': 'en' } });
    expect(en.headers['x-cache']).toBe('miss');
    expect(en.headers.etag).not.toBe(nl.headers.etag);
    const missing = await raw(server.url, { path: '/id/kst-1-1', headers: { accept: 'text/turtle' } });
    expect(missing.status).toBe(404);
    expect(missing.headers.etag).toBeUndefined();
    const again = await raw(server.url, { path: '/id/kst-1-1', headers: { accept: 'text/turtle' } });
    expect(again.status).toBe(404);
  });
});
