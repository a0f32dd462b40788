/**
 * Dereferencing IRIs under the base (mapped to the server), the ontology at
 * /def and the JSON-LD context, with each Accept.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Parser, type Quad } from 'n3';
import jsonld, { type JsonLdValue } from 'jsonld';
import { IriMinter } from '../src/rdf/iris.js';
import { loadOntology } from '../src/rdf/ontology.js';
import { loadShapes } from '../src/validate/shapes.js';
import { CONTEXT_VERSIONS, buildContext } from '../src/publish/context.js';
import { PublishedContext, compactedJsonLd } from '../src/serve/jsonld.js';
import { startServer, type RunningServer } from '../src/serve/server.js';
import { BASE, KLD, ensureCompiled, repoRoot, writeFixture } from './serve-fixture.js';

let server: RunningServer;
let outputDir: string;
const minter = new IriMinter();
const CONTEXT_IRI = minter.context().value;
const answer = '/id/kst-90000-1/antwoord/3';
const answerIri = `${BASE}id/kst-90000-1/antwoord/3`;
const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';

beforeAll(async () => {
  ensureCompiled();
  outputDir = mkdtempSync(path.join(os.tmpdir(), 'kld-deref-'));
  // The context the build publishes, generated from the ontology and the shapes.
  // The context the build publishes, every version where its IRI points (context.jsonld, context/v2.jsonld).
  for (const version of CONTEXT_VERSIONS) {
    const context = buildContext(minter, { ontology: loadOntology(minter), shapes: loadShapes(minter) }, version);
    const file = path.join(outputDir, ...minter.context(version).value.slice(minter.base.length).split('/'));
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(context, null, 2));
  }
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
    // Property labels from the ontology, the prefixed name on hover (src/serve/pages).
    expect(html).toContain('<abbr title="kld:answers">beantwoordt</abbr>');
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
    // The source place (#bron) and its text-position selector (#bron-positie) are included.
    expect(quads.some((q) => q.subject.value === `${answerIri}#bron` && q.predicate.value === 'http://www.w3.org/ns/oa#hasSelector')).toBe(true);
    expect(quads.some((q) => q.subject.value === `${answerIri}#bron-positie` && q.predicate.value === 'http://www.w3.org/ns/oa#start')).toBe(true);
  });

  it('serves JSON-LD compacted with the published context, and N-Triples', async () => {
    const res = await fetch(server.url + answer, { headers: { accept: 'application/ld+json' } });
    expect(res.headers.get('content-type')).toMatch(/^application\/ld\+json/);
    const json = (await res.json()) as { '@context': string; '@graph': Record<string, unknown>[] };
    expect(json['@context']).toBe(CONTEXT_IRI);
    // The described resource comes first, with the context's terms: "id", "type", "answers".
    const node = json['@graph'][0];
    expect(node?.id).toBe(answerIri);
    expect(node?.type).toEqual(['WorkSubdivision', 'Answer']);
    // The answer answers its block and the block's question.
    expect(node?.answers).toEqual([`${BASE}id/kst-90000-1/blok/3`, `${BASE}id/kst-90000-1/vraag/3`]);
    const nt = await fetch(`${server.url}${answer}?format=nt`);
    expect(nt.headers.get('content-type')).toMatch(/^application\/n-triples/);
    expect(new Parser({ format: 'N-Triples' }).parse(await nt.text()).length).toBeGreaterThan(5);
  });

  it('gives JSON-LD that converts back to exactly the triples of the Turtle answer', async () => {
    const local = new PublishedContext(path.join(outputDir, 'context', 'v2.jsonld'), CONTEXT_IRI);
    const loader = local.loader((await local.document())!);
    for (const p of [answer, '/id/kst-90000-1', '/id/fractie/vvd', '/id/kst-90000-2/vraag/1']) {
      const ttl = await (await fetch(server.url + p, { headers: { accept: 'text/turtle' } })).text();
      const fromTurtle = new Parser().parse(ttl).map(tripleKey).sort();
      const doc = (await (await fetch(server.url + p, { headers: { accept: 'application/ld+json' } })).json()) as JsonLdValue;
      const fromJsonLd = (await jsonld.toRDF(doc, { documentLoader: loader })).map(tripleKey).sort();
      expect(fromTurtle.length, p).toBeGreaterThan(5);
      expect(fromJsonLd, p).toEqual(fromTurtle);
    }
  });

  it('never loads a context from the network', async () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'kld-ctx-')), 'context.jsonld');
    // A context that imports another by URL: the loader refuses it instead of fetching.
    writeFileSync(file, JSON.stringify({ '@context': ['https://example.org/remote-context.jsonld', { kld: `${BASE}def#` }] }));
    const ctx = new PublishedContext(file, CONTEXT_IRI);
    await expect(ctx.loader({})('https://example.org/remote-context.jsonld')).rejects.toThrow(/never the network/);
    const quads = new Parser().parse(`<${answerIri}> a <${KLD}Answer> .`);
    await expect(compactedJsonLd(quads, ctx, answerIri)).rejects.toThrow();
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
    const res = await fetch(`${server.url}/def`, { headers: { accept: 'application/ld+json' } });
    const doc = (await res.json()) as { '@context': string; '@graph': { id: string; type?: string[] }[] };
    expect(doc['@context']).toBe(CONTEXT_IRI);
    // Compacted: our terms by their context names, IRIs as compact IRIs.
    expect(doc['@graph'].find((n) => n.id === 'kld:Answer')?.type).toContain('owl:Class');
  });

  it('serves every version of the JSON-LD context at its IRI', async () => {
    for (const [route, file] of [
      ['/context.jsonld', 'context.jsonld'],
      ['/context/v2.jsonld', 'context/v2.jsonld'],
    ] as const) {
      const res = await fetch(`${server.url}${route}`);
      expect(res.status, route).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^application\/ld\+json/);
      expect(res.headers.get('etag')).toMatch(/^"[0-9a-f]{64}"$/);
      expect(await res.text()).toBe(readFileSync(path.join(outputDir, file), 'utf8'));
    }
    expect((await fetch(`${server.url}/context/v9.jsonld`)).status).toBe(404);
  });
});

/** A triple as a comparable string (graph names left out: dereferencing answers triples). */
function tripleKey(q: Quad | { subject: { termType: string; value: string }; predicate: { value: string }; object: { termType: string; value: string; datatype?: { value: string }; language?: string } }): string {
  const o = q.object as { termType: string; value: string; datatype?: { value: string }; language?: string };
  const obj = o.termType === 'Literal' ? `"${o.value}"@${o.language ?? ''}^^${o.language ? '' : (o.datatype?.value ?? '')}` : `<${o.value}>`;
  return `<${q.subject.value}> <${q.predicate.value}> ${obj}`;
}
