/**
 * Hostile or malformed requests get clean 4xx answers: oversized bodies,
 * path tricks, bad Accept headers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../src/serve/server.js';
import { ensureCompiled, raw, writeFixture } from './serve-fixture.js';

let server: RunningServer;

beforeAll(async () => {
  ensureCompiled();
  server = await startServer({ port: 0, outputDir: '/nonexistent', files: [writeFixture(1)], workers: 1 });
  await server.ready;
});

afterAll(async () => {
  await server?.close();
});

describe('request bodies', () => {
  const big = 'SELECT * WHERE { ?s ?p ?o } #' + 'x'.repeat(10 * 1024 * 1024);

  it('answers a 10 MB query body with 413', async () => {
    const res = await raw(server.url, {
      method: 'POST',
      path: '/sparql',
      headers: { 'content-type': 'application/sparql-query', 'content-length': String(Buffer.byteLength(big)) },
      body: big,
    }).catch((err: Error) => ({ status: -1, body: err.message, headers: {} }));
    expect(res.status).toBe(413);
  });

  it('answers a 10 MB chunked form body with 413', async () => {
    const res = await fetch(`${server.url}/sparql`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      // A stream: no Content-Length, so the limit is enforced while reading.
      body: new Blob([`query=${encodeURIComponent(big)}`]).stream(),
      duplex: 'half',
    });
    expect(res.status).toBe(413);
    expect(await res.text()).toMatch(/larger than the limit/);
  });

  it('still answers after refusing a large body', async () => {
    const res = await fetch(`${server.url}/sparql?query=${encodeURIComponent('ASK {}')}`);
    expect(res.status).toBe(200);
  });
});

describe('paths', () => {
  it.each(['/id/../etc/passwd', '/../../etc/passwd', '/id/%2e%2e/x', '/id%2Fkst-90000-1', '/id%5Cx', '/id/x%00', '/id/%E0%A4%A'])('answers %s with 400', async (path) => {
    const res = await raw(server.url, { path });
    expect(res.status).toBe(400);
  });

  it('does not serve files outside the YASGUI assets', async () => {
    expect((await raw(server.url, { path: '/yasgui/package.json' })).status).toBe(404);
    expect((await raw(server.url, { path: '/yasgui/yasgui.min.js' })).status).toBe(200);
  });
});

describe('Accept headers', () => {
  // Unusable headers are treated as absent: SPARQL JSON, the default.
  it.each(['', 'garbage', ';;;', '*/html', 'a'.repeat(10_000)])('answers a query with malformed Accept #%# with the default format', async (accept) => {
    const res = await raw(server.url, { path: `/sparql?query=${encodeURIComponent('SELECT * WHERE { ?s ?p ?o } LIMIT 1')}`, headers: { accept } });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/sparql-results\+json/);
  });

  it('reads a range with a broken q-value as q=1', async () => {
    const res = await raw(server.url, { path: `/sparql?query=${encodeURIComponent('ASK {}')}`, headers: { accept: 'text/*;q=abc' } });
    expect(res.status).toBe(406); // ASK has no text/* form
    const sel = await raw(server.url, { path: `/sparql?query=${encodeURIComponent('SELECT * {} LIMIT 1')}`, headers: { accept: 'text/*;q=abc' } });
    expect(sel.headers['content-type']).toMatch(/^text\/csv/);
  });
});
