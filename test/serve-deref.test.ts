/**
 * Dereferencing IRIs under the base (mapped to the server), the ontology at
 * /def and the JSON-LD context, with each Accept.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Parser } from 'n3';
import { startServer, type RunningServer } from '../src/serve/server.js';
import { BASE, KLD, ensureCompiled, repoRoot, writeFixture } from './serve-fixture.js';

let server: RunningServer;
const answer = '/id/kst-90000-1/antwoord/3';
const answerIri = `${BASE}id/kst-90000-1/antwoord/3`;
const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';

beforeAll(async () => {
  ensureCompiled();
  const outputDir = mkdtempSync(path.join(os.tmpdir(), 'kld-deref-'));
  writeFileSync(path.join(outputDir, 'context.jsonld'), JSON.stringify({ '@context': { kld: `${BASE}def#` } }));
  server = await startServer({
    port: 0,
    outputDir,
    files: [writeFixture(2)],
    workers: 1,
    ontologyFile: path.join(repoRoot, 'ontology', 'kamerstukken.ttl'),
  });
  await server.ready;
});

afterAll(async () => {
  await server?.close();
});

describe('resources under the base', () => {
  it('serves HTML for people: label, text with its source span, local links', async () => {
    const res = await fetch(server.url + answer, { headers: { accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.8' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('vary')).toMatch(/accept/i);
    const html = await res.text();
    expect(html).toContain(answerIri);
    expect(html).toMatch(/<blockquote lang="nl">[^<]+<\/blockquote> <small>\(bron: tekens \d+–\d+\)<\/small>/);
    // The question it answers, linked locally (not to w3id.org).
    expect(html).toContain('href="/id/kst-90000-1/vraag/3"');
    expect(html).not.toContain('href="https://w3id.org/kamerstukken-ld/id/');
    expect(html).toContain(`href="${answer}?format=ttl"`);
  });

  it('serves Turtle for machines, with the data IRIs unchanged', async () => {
    const res = await fetch(server.url + answer, { headers: { accept: 'text/turtle' } });
    expect(res.headers.get('content-type')).toMatch(/^text\/turtle/);
    expect(res.headers.get('content-location')).toBe(`${answer}?format=ttl`);
    const quads = new Parser().parse(await res.text());
    expect(quads.some((q) => q.subject.value === answerIri && q.predicate.value === RDF_TYPE && q.object.value === `${KLD}Answer`)).toBe(true);
    expect(quads.some((q) => q.subject.value === answerIri && q.predicate.value === `${KLD}answers`)).toBe(true);
    // The text-position selector (#bron) is included.
    expect(quads.some((q) => q.subject.value === `${answerIri}#bron` && q.predicate.value === 'http://www.w3.org/ns/oa#start')).toBe(true);
  });

  it('serves JSON-LD and N-Triples', async () => {
    const res = await fetch(server.url + answer, { headers: { accept: 'application/ld+json' } });
    expect(res.headers.get('content-type')).toMatch(/^application\/ld\+json/);
    const json = (await res.json()) as { '@id': string; '@type'?: string[] }[];
    expect(json.find((n) => n['@id'] === answerIri)?.['@type']).toEqual([`${KLD}Answer`]);
    const nt = await fetch(`${server.url}${answer}?format=nt`);
    expect(nt.headers.get('content-type')).toMatch(/^application\/n-triples/);
    expect(new Parser({ format: 'N-Triples' }).parse(await nt.text()).length).toBeGreaterThan(5);
  });

  it('lists what links to a resource', async () => {
    const res = await fetch(`${server.url}/id/fractie/vvd`, { headers: { accept: 'application/n-triples' } });
    const quads = new Parser({ format: 'N-Triples' }).parse(await res.text());
    expect(quads.some((q) => q.predicate.value === `${KLD}askedBy` && q.object.value === `${BASE}id/fractie/vvd`)).toBe(true);
  });

  it('answers 404 for an unknown IRI and 406 for an unavailable format', async () => {
    expect((await fetch(`${server.url}/id/kst-1-1`, { headers: { accept: 'text/turtle' } })).status).toBe(404);
    expect((await fetch(server.url + answer, { headers: { accept: 'image/png' } })).status).toBe(406);
    expect((await fetch(`${server.url}${answer}?format=pdf`)).status).toBe(406);
  });

  it('falls back to HTML for a malformed Accept', async () => {
    const res = await fetch(server.url + answer, { headers: { accept: '//;;q=' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
  });
});

describe('/def and /context.jsonld', () => {
  it('serves the ontology as HTML, Turtle and JSON-LD under the base', async () => {
    const html = await (await fetch(`${server.url}/def`, { headers: { accept: 'text/html' } })).text();
    expect(html).toContain('kld:Answer');
    const ttl = await fetch(`${server.url}/def`, { headers: { accept: 'text/turtle' } });
    const quads = new Parser().parse(await ttl.text());
    expect(quads.some((q) => q.subject.value === `${KLD}Answer` && q.predicate.value === RDF_TYPE)).toBe(true);
    const jsonld = await fetch(`${server.url}/def`, { headers: { accept: 'application/ld+json' } });
    expect(((await jsonld.json()) as { '@id': string }[]).some((n) => n['@id'] === `${KLD}Answer`)).toBe(true);
  });

  it('serves the JSON-LD context', async () => {
    const res = await fetch(`${server.url}/context.jsonld`);
    expect(res.headers.get('content-type')).toMatch(/^application\/ld\+json/);
    expect(await res.json()).toEqual({ '@context': { kld: `${BASE}def#` } });
  });
});
