/**
 * The published files at their download IRIs (/download/…, the
 * dcat:downloadURLs of dataset.ttl) and the dataset description at its IRI,
 * over a real build of the bundled corpus in a temporary directory.
 */
import { createHash } from 'node:crypto';
import { appendFileSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Parser, type Quad } from 'n3';
import jsonld, { type JsonLdValue } from 'jsonld';
import { buildCorpus } from '../src/publish/build.js';
import { IriMinter } from '../src/rdf/iris.js';
import { startServer, type RunningServer } from '../src/serve/server.js';
import { PublishedContext } from '../src/serve/jsonld.js';
import { etagMatches, parseRange } from '../src/serve/downloads.js';
import { BASE, ensureCompiled, raw, repoRoot } from './serve-fixture.js';

const DCAT = 'http://www.w3.org/ns/dcat#';
const SPDX = 'http://spdx.org/rdf/terms#';
const minter = new IriMinter(BASE);
let server: RunningServer;
let output: string;
let description: Quad[];

const sha256 = (data: Buffer | string): string => createHash('sha256').update(data).digest('hex');
const bytesOf = async (res: Response): Promise<Buffer> => Buffer.from(await res.arrayBuffer());
const object = (s: string, p: string): string | undefined => description.find((q) => q.subject.value === s && q.predicate.value === p)?.object.value;

beforeAll(async () => {
  ensureCompiled();
  const work = mkdtempSync(path.join(os.tmpdir(), 'kld-downloads-'));
  output = path.join(work, 'output');
  const summary = await buildCorpus({
    corpus: path.join(repoRoot, 'corpus'),
    output,
    cacheDir: path.join(work, 'cache'),
    progress: false,
    date: '2024-01-01',
  });
  if (!summary.published_output) throw new Error(`the bundled corpus did not build: ${summary.line}`);
  description = new Parser({ baseIRI: BASE }).parse(readFileSync(path.join(output, 'dataset.ttl'), 'utf8'));
  server = await startServer({ port: 0, outputDir: output, workers: 1 });
  await server.ready;
}, 180_000);

afterAll(async () => {
  await server?.close();
});

describe('/download/: every dcat:downloadURL of dataset.ttl resolves', () => {
  it('serves each distribution with the size and SHA-256 the description states', async () => {
    // The downloadable ones (the third distribution is the SPARQL endpoint, through dcat:accessService).
    const distributions = description
      .filter((q) => q.predicate.value === `${DCAT}distribution`)
      .map((q) => q.object.value)
      .filter((d) => object(d, `${DCAT}downloadURL`) !== undefined);
    expect(distributions).toHaveLength(2);
    for (const d of distributions) {
      const url = object(d, `${DCAT}downloadURL`)!;
      expect(url.startsWith(`${BASE}download/`)).toBe(true);
      const res = await fetch(server.url + url.slice(BASE.length - 1));
      expect(res.status, url).toBe(200);
      const body = await bytesOf(res);
      const checksum = object(object(d, `${SPDX}checksum`)!, `${SPDX}checksumValue`)!;
      expect(sha256(body)).toBe(checksum);
      expect(body.length).toBe(Number(object(d, `${DCAT}byteSize`)));
      expect(res.headers.get('content-length')).toBe(String(body.length));
      expect(res.headers.get('etag')).toBe(`"${checksum}"`);
      expect(res.headers.get('repr-digest')).toBe(`sha-256=:${Buffer.from(checksum, 'hex').toString('base64')}:`);
      expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="kamerstukken-ld\.nq(\.gz)?"$/);
    }
  });

  it('sends the N-Quads as application/n-quads and the gzip as the gzip file of the same bytes', async () => {
    const nq = await fetch(`${server.url}/download/kamerstukken-ld.nq`);
    expect(nq.headers.get('content-type')).toBe('application/n-quads');
    const plain = await bytesOf(nq);
    expect(plain.equals(readFileSync(path.join(output, 'kamerstukken-ld.nq')))).toBe(true);
    const gz = await fetch(`${server.url}/download/kamerstukken-ld.nq.gz`);
    expect(gz.headers.get('content-type')).toBe('application/gzip');
    // No Content-Encoding: the client keeps the .gz whose checksum dataset.ttl gives.
    expect(gz.headers.get('content-encoding')).toBeNull();
    expect(gunzipSync(await bytesOf(gz)).equals(plain)).toBe(true);
  });

  it('serves the per-document files and the other public outputs with their types and hashes', async () => {
    const recorded = new Map((JSON.parse(readFileSync(path.join(output, '.build.json'), 'utf8')) as { files: { name: string; sha256: string }[] }).files.map((f) => [f.name, f.sha256]));
    const docs = readdirSync(path.join(output, 'documents')).map((f) => `documents/${f}`);
    expect(docs).toEqual(['documents/kst-26150-187.jsonld', 'documents/kst-26150-187.ttl', 'documents/kst-26150-187.txt']);
    const cases: [string, RegExp][] = [
      ['documents/kst-26150-187.jsonld', /^application\/ld\+json$/],
      ['documents/kst-26150-187.ttl', /^text\/turtle; charset=utf-8$/],
      // The normalised source text every selector of the paper points into.
      ['documents/kst-26150-187.txt', /^text\/plain; charset=utf-8$/],
      ['context.jsonld', /^application\/ld\+json$/],
      ['context/v2.jsonld', /^application\/ld\+json$/],
      ['dataset.ttl', /^text\/turtle; charset=utf-8$/],
      ['shacl-report.ttl', /^text\/turtle; charset=utf-8$/],
    ];
    for (const [name, type] of cases) {
      const res = await fetch(`${server.url}/download/${name}`);
      expect(res.status, name).toBe(200);
      expect(res.headers.get('content-type'), name).toMatch(type);
      const body = await bytesOf(res);
      const onDisk = readFileSync(path.join(output, name));
      expect(body.equals(onDisk), name).toBe(true);
      expect(res.headers.get('etag'), name).toBe(`"${sha256(onDisk)}"`);
      // .build.json records the hash of every published file except the per-document ones.
      expect(recorded.get(name), name).toBe(name.startsWith('documents/') ? undefined : sha256(onDisk));
      expect(res.headers.get('content-disposition'), name).toBeNull();
    }
  });

  it('answers If-None-Match with 304 and no body, and HEAD with headers only', async () => {
    const url = `${server.url}/download/kamerstukken-ld.nq.gz`;
    const first = await fetch(url);
    const etag = first.headers.get('etag')!;
    await first.arrayBuffer();
    for (const inm of [etag, `W/${etag}`, `"0000", ${etag}`, '*']) {
      const res = await raw(server.url, { path: '/download/kamerstukken-ld.nq.gz', headers: { 'if-none-match': inm } });
      expect(res.status, inm).toBe(304);
      expect(res.body).toBe('');
      expect(res.headers.etag).toBe(etag);
    }
    const changed = await fetch(url, { headers: { 'if-none-match': '"0000"' } });
    expect(changed.status).toBe(200);
    await changed.arrayBuffer();
    const head = await raw(server.url, { method: 'HEAD', path: '/download/kamerstukken-ld.nq' });
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    expect(Number(head.headers['content-length'])).toBe(readFileSync(path.join(output, 'kamerstukken-ld.nq')).length);
    expect(head.headers.etag).toMatch(/^"[0-9a-f]{64}"$/);
  });

  it('serves byte ranges for resumed downloads (206, If-Range, 416)', async () => {
    const file = readFileSync(path.join(output, 'kamerstukken-ld.nq.gz'));
    const etag = `"${sha256(file)}"`;
    const part = await fetch(`${server.url}/download/kamerstukken-ld.nq.gz`, { headers: { range: 'bytes=100-199' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 100-199/${file.length}`);
    expect((await bytesOf(part)).equals(file.subarray(100, 200))).toBe(true);
    const tail = await fetch(`${server.url}/download/kamerstukken-ld.nq.gz`, { headers: { range: 'bytes=-10', 'if-range': etag } });
    expect(tail.status).toBe(206);
    expect((await bytesOf(tail)).equals(file.subarray(file.length - 10))).toBe(true);
    // The file changed since the client's first part: it gets the whole new file.
    const stale = await fetch(`${server.url}/download/kamerstukken-ld.nq.gz`, { headers: { range: 'bytes=100-199', 'if-range': '"0000"' } });
    expect(stale.status).toBe(200);
    expect((await bytesOf(stale)).length).toBe(file.length);
    const beyond = await raw(server.url, { path: '/download/kamerstukken-ld.nq.gz', headers: { range: `bytes=${file.length}-` } });
    expect(beyond.status).toBe(416);
    expect(beyond.headers['content-range']).toBe(`bytes */${file.length}`);
  });

  it('answers 404 for files it does not publish, and 400 for paths that try to leave output/', async () => {
    for (const p of [
      '/download/.build.json',
      '/download/store.json',
      '/download/nothing.nq',
      '/download/',
      '/download/documents',
      '/download/documents/',
      '/download/documents/kst-26150-187.nq',
      '/download/documents/kst-26150-187.xml',
      '/download/ontology',
    ]) {
      expect((await raw(server.url, { path: p })).status, p).toBe(404);
    }
    for (const p of [
      '/download/../package.json',
      '/download/documents/../.build.json',
      '/download/%2e%2e/package.json',
      '/download/documents%2f..%2f.build.json',
      '/download/..%5cpackage.json',
      '/download/documents/..\\.build.json',
      '/download/%00',
    ]) {
      expect((await raw(server.url, { path: p })).status, p).toBe(400);
    }
  });

  it('does not follow a symbolic link out of output/', async () => {
    const outside = path.join(mkdtempSync(path.join(os.tmpdir(), 'kld-outside-')), 'secret.ttl');
    writeFileSync(outside, '<https://e.org/secret> <https://e.org/p> "secret" .\n');
    symlinkSync(outside, path.join(output, 'documents', 'kst-1-1.ttl'));
    const res = await raw(server.url, { path: '/download/documents/kst-1-1.ttl' });
    expect(res.status).toBe(404);
    expect(res.body).not.toContain('secret');
  });

  it('does not take the ETag from .build.json for a file that changed after the build', async () => {
    const name = 'shacl-report.ttl';
    const file = path.join(output, name);
    const original = readFileSync(file);
    const before = await fetch(`${server.url}/download/${name}`);
    expect(before.headers.get('etag')).toBe(`"${sha256(original)}"`);
    await before.arrayBuffer();
    // Same size, other bytes, written after the manifest: the recorded hash no longer describes it.
    const same = Buffer.from(original);
    same[0] = same[0] === 0x23 ? 0x20 : 0x23;
    writeFileSync(file, same);
    const res = await fetch(`${server.url}/download/${name}`);
    expect((await bytesOf(res)).equals(same)).toBe(true);
    expect(res.headers.get('etag')).toBe(`"${sha256(same)}"`);
    appendFileSync(file, '# edited by hand\n');
    const again = await fetch(`${server.url}/download/${name}`);
    expect(again.headers.get('etag')).toBe(`"${sha256(await bytesOf(again))}"`);
    expect(again.headers.get('etag')).not.toBe(res.headers.get('etag'));
  });
});

describe('the dataset description at its IRI', () => {
  it('answers /id/dataset with dataset.ttl itself as Turtle, and /dataset and /.well-known/void with the same', async () => {
    const file = readFileSync(path.join(output, 'dataset.ttl'), 'utf8');
    for (const p of ['/id/dataset', '/dataset', '/.well-known/void']) {
      const res = await fetch(server.url + p, { headers: { accept: 'text/turtle' } });
      expect(res.status, p).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/turtle/);
      expect(res.headers.get('content-location')).toBe('/id/dataset?format=ttl');
      expect(res.headers.get('vary')).toMatch(/accept/i);
      expect(await res.text(), p).toBe(file);
    }
    expect(minter.dataset().value).toBe(`${BASE}id/dataset`);
  });

  it('gives people an HTML page whose download links work', async () => {
    const res = await fetch(`${server.url}/id/dataset`, { headers: { accept: 'text/html' } });
    const html = await res.text();
    expect(html).toContain('href="/id/dataset/distributie/nquads-gzip"');
    const part = await fetch(`${server.url}/id/dataset/distributie/nquads-gzip`, { headers: { accept: 'text/html' } });
    const partHtml = await part.text();
    expect(partHtml).toContain('href="/download/kamerstukken-ld.nq.gz"');
    expect((await fetch(`${server.url}/download/kamerstukken-ld.nq.gz`, { method: 'HEAD' })).status).toBe(200);
  });

  it('describes a distribution with its checksum, as compacted JSON-LD that round-trips', async () => {
    const iri = `${BASE}id/dataset/distributie/nquads`;
    const ttl = await (await fetch(`${server.url}/id/dataset/distributie/nquads`, { headers: { accept: 'text/turtle' } })).text();
    const quads = new Parser().parse(ttl);
    expect(quads.some((q) => q.subject.value === iri && q.predicate.value === `${DCAT}downloadURL` && q.object.value === `${BASE}download/kamerstukken-ld.nq`)).toBe(true);
    expect(quads.some((q) => q.predicate.value === `${SPDX}checksumValue`)).toBe(true);
    const doc = (await (await fetch(`${server.url}/id/dataset/distributie/nquads?format=jsonld`)).json()) as JsonLdValue & { '@context': string };
    expect(doc['@context']).toBe(minter.context().value);
    const ctx = new PublishedContext(path.join(output, 'context', 'v2.jsonld'), minter.context().value);
    const back = await jsonld.toRDF(doc, { documentLoader: ctx.loader((await ctx.document())!) });
    const key = (q: { subject: { value: string }; predicate: { value: string }; object: { value: string } }) => `${q.subject.value} ${q.predicate.value} ${q.object.value}`;
    expect(back.map(key).sort()).toEqual(quads.map(key).sort());
  });

  it('answers 404 for a part the description does not have', async () => {
    expect((await fetch(`${server.url}/id/dataset/distributie/nope`, { headers: { accept: 'text/turtle' } })).status).toBe(404);
  });
});

describe('conditional and range helpers', () => {
  it('compares entity tags weakly for If-None-Match and strongly for If-Range', () => {
    expect(etagMatches('W/"abc"', '"abc"')).toBe(true);
    expect(etagMatches('W/"abc"', '"abc"', false)).toBe(false);
    expect(etagMatches('"x", "abc"', '"abc"', false)).toBe(true);
    expect(etagMatches('"abcd"', '"abc"')).toBe(false);
  });

  it('parses one byte range and ignores what it does not support', () => {
    expect(parseRange('bytes=0-9', 100)).toEqual([0, 9]);
    expect(parseRange('bytes=90-', 100)).toEqual([90, 99]);
    expect(parseRange('bytes=-5', 100)).toEqual([95, 99]);
    expect(parseRange('bytes=50-500', 100)).toEqual([50, 99]);
    expect(parseRange('bytes=100-', 100)).toBeNull();
    expect(parseRange('bytes=9-3', 100)).toBeNull();
    expect(parseRange('bytes=0-1,5-6', 100)).toBeUndefined();
    expect(parseRange('items=0-1', 100)).toBeUndefined();
  });
});
