/** The per-document JSON-LD: framed around the document, and exactly the document's triples. */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { Quad } from '@rdfjs/types';
import jsonld, { type JsonLdObject } from 'jsonld';
import { DataFactory } from 'n3';
import { beforeAll, describe, expect, it } from 'vitest';
import { IriMinter } from '../src/rdf/iris.js';
import { documentToQuads } from '../src/rdf/mapping.js';
import { loadOntology } from '../src/rdf/ontology.js';
import { buildContext, type JsonLdContextDocument } from '../src/publish/context.js';
import { compactWithJsonld, documentTree, expandedTree, frameDocument } from '../src/publish/jsonld.js';
import { compactorFor } from '../src/publish/jsonld-compact.js';
import { loadPipeline } from '../src/publish/pipeline.js';
import { sortQuads } from '../src/publish/stages.js';
import { quadLine } from '../src/publish/nquads.js';
import { loadShapes } from '../src/validate/shapes.js';
import { fixtureModel } from './publish-fixtures.js';
import { hasShared, sharedCorpus, sharedDir } from './helpers.js';

const minter = new IriMinter();
let context: JsonLdContextDocument;

/** A document loader that serves only our context, from memory: tests never touch the network. */
function loader(ctx: JsonLdContextDocument) {
  return async (url: string) => {
    if (url !== minter.context().value) throw new Error(`unexpected remote document ${url}`);
    return { contextUrl: null, documentUrl: url, document: ctx as unknown as JsonLdObject };
  };
}

/** Sorted, de-duplicated N-Triples of quads, graph dropped: the canonical form (no blank nodes anywhere). */
function canonical(quads: readonly Quad[]): string[] {
  return [...new Set(quads.map((q) => quadLine(DataFactory.quad(q.subject, q.predicate, q.object))))].sort();
}

async function jsonToLines(json: JsonLdObject, ctx: JsonLdContextDocument): Promise<string[]> {
  const nq = await jsonld.toRDF(json, { format: 'application/n-quads', documentLoader: loader(ctx) });
  return [
    ...new Set(
      nq
        .split('\n')
        .filter((l) => l.trim() !== '')
        .map((l) => `${l}\n`),
    ),
  ].sort();
}

beforeAll(() => {
  context = buildContext(minter, { ontology: loadOntology(minter), shapes: loadShapes(minter) });
});

describe('frameDocument', () => {
  it('converts back to exactly the document graph (isomorphic, compared canonically)', async () => {
    const quads = documentToQuads(fixtureModel('1'), minter);
    const framed = await frameDocument(quads, minter.document('kst-99999-1').value, context, minter.context().value, documentTree(minter));
    const back = await jsonToLines(framed.json, context);
    expect(back).toEqual(canonical(quads));
    expect(back.some((l) => l.startsWith('_:') || l.includes(' _:'))).toBe(false);
  });

  it('nests document → blocks → question / answer → citation, mention, footnote, selector', async () => {
    const quads = documentToQuads(fixtureModel('1'), minter);
    const { json } = await frameDocument(quads, minter.document('kst-99999-1').value, context, minter.context().value, documentTree(minter));
    expect(json['@context']).toBe('https://w3id.org/kamerstukken-ld/context/v2.jsonld');
    expect(json.id).toBe('https://w3id.org/kamerstukken-ld/id/kst-99999-1');
    expect(json.type).toEqual(['Work', 'Document']);
    const blocks = json.hasPart as JsonLdObject[];
    expect(blocks.map((b) => b.position)).toEqual([1, 2, 3]);
    const first = blocks[0];
    expect((first?.hasQuestion as JsonLdObject[])[0]?.id).toBe('https://w3id.org/kamerstukken-ld/id/kst-99999-1/vraag/1');
    const answer = first?.hasAnswer as JsonLdObject;
    expect(answer.id).toBe('https://w3id.org/kamerstukken-ld/id/kst-99999-1/antwoord/1');
    expect(answer.answerText).toBe('Het kabinet verwijst naar Kamerstuk 33 783, nr. 35.');
    const citation = (answer.citation as JsonLdObject[])[0];
    expect(citation?.citedPaper).toBe('https://w3id.org/kamerstukken-ld/id/kst-33783-35');
    const selectors = (citation?.source as JsonLdObject).hasSelector as JsonLdObject[];
    expect(selectors.map((x) => x.type)).toEqual([['TextPositionSelector'], ['TextQuoteSelector']]);
    // Offsets are JSON numbers (xsd:integer, native in JSON-LD), not strings.
    expect(selectors[0]?.start).toBe(110);
    expect(typeof selectors[0]?.end).toBe('number');
    expect((first?.mention as JsonLdObject[])[0]?.mentions).toEqual(['https://w3id.org/kamerstukken-ld/id/organisatie/un']);
    const footnote = (blocks[2]?.footnote as JsonLdObject[])[0];
    expect(footnote?.footnoteText).toBe('Een voetnoot.');
    expect((footnote?.markerSource as JsonLdObject).id).toBe('https://w3id.org/kamerstukken-ld/id/kst-99999-1/voetnoot/1#markering');
    // Shared nodes stand once in "included"; the cited paper and the dossier among them. A gazetteer faction is
    // only pointed at (its facts are in the gazetteer's graph, not in the paper's).
    const included = (json.included as JsonLdObject[]).map((n) => n.id);
    expect(included).toContain('https://w3id.org/kamerstukken-ld/id/kst-33783-35');
    expect(included).not.toContain('https://w3id.org/kamerstukken-ld/id/fractie/vvd');
    expect(blocks[0]?.askedBy).toEqual(['https://w3id.org/kamerstukken-ld/id/fractie/vvd']);
    expect(included).toContain('https://w3id.org/kamerstukken-ld/id/dossier/99999');
    expect(new Set(included).size).toBe(included.length);
  });

  it('keeps nodes of the document that nothing links to (in "included"), so nothing is lost', async () => {
    const quads = documentToQuads(fixtureModel('1'), minter);
    const g = minter.graph('kst-99999-1');
    const orphan = DataFactory.namedNode('https://w3id.org/kamerstukken-ld/id/kst-99999-1/los/1');
    const extra = [
      DataFactory.quad(orphan, DataFactory.namedNode('http://www.w3.org/2000/01/rdf-schema#label'), DataFactory.literal('los', 'en'), g),
      // A value the context's coercion does not fit (a literal where the term says IRI) must survive too.
      DataFactory.quad(orphan, minter.term('partOf'), DataFactory.literal('not an IRI'), g),
    ];
    const all = [...quads, ...extra];
    const { json } = await frameDocument(all, minter.document('kst-99999-1').value, context, minter.context().value, documentTree(minter));
    expect((json.included as JsonLdObject[]).some((n) => n.id === orphan.value)).toBe(true);
    expect(await jsonToLines(json, context)).toEqual(canonical(all));
  });

  it('is deterministic: shuffled input gives the same bytes', async () => {
    const quads = documentToQuads(fixtureModel('1'), minter);
    const shuffled = [...quads].reverse();
    const root = minter.document('kst-99999-1').value;
    const a = await frameDocument(quads, root, context, minter.context().value, documentTree(minter));
    const b = await frameDocument(shuffled, root, context, minter.context().value, documentTree(minter));
    expect(b.text).toBe(a.text);
  });

  it('writes offsets as JSON numbers that convert back to the very xsd:integer literals', async () => {
    const quads = documentToQuads(fixtureModel('1'), minter);
    const { json, text } = await frameDocument(quads, minter.document('kst-99999-1').value, context, minter.context().value, documentTree(minter));
    expect(text).toMatch(/"start": 110\n/);
    expect(text).not.toMatch(/"(start|end|position)": "/);
    const back = await jsonToLines(json, context);
    expect(back.some((l) => l.includes('"110"^^<http://www.w3.org/2001/XMLSchema#integer>'))).toBe(true);
    expect(back.some((l) => l.includes('XMLSchema#nonNegativeInteger'))).toBe(false);
  });

  it('protects its terms: a document that redefines one is refused by a JSON-LD processor', async () => {
    const quads = documentToQuads(fixtureModel('1'), minter);
    const { json } = await frameDocument(quads, minter.document('kst-99999-1').value, context, minter.context().value, documentTree(minter));
    const hijacked = { ...json, '@context': [minter.context().value, { answerText: 'https://example.org/notAnAnswer' }] };
    await expect(jsonld.expand(hijacked, { documentLoader: loader(context) })).rejects.toThrow(/redefine a protected term/);
    // The same term defined identically is allowed (JSON-LD 1.1), and a new term is not a redefinition.
    const extended = { ...json, '@context': [minter.context().value, { note: 'https://example.org/note' }] };
    expect(await jsonld.expand(extended, { documentLoader: loader(context) })).toHaveLength(1);
  });

  it('refuses to frame a graph that says nothing about the document', async () => {
    await expect(frameDocument([], minter.document('kst-99999-1').value, context, minter.context().value, documentTree(minter))).rejects.toThrow(/no triple about it/);
  });
});

describe('compaction without jsonld.js (src/publish/jsonld-compact.ts)', () => {
  /** Keys in code-unit order at every level: the documents compared as JSON values (key order is orderKeys' job). */
  const canonical = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(canonical)
      : v !== null && typeof v === 'object'
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
          )
        : v;

  it.skipIf(!hasShared)(
    'compacts every real paper of ../shared (corpus, corpus-wild) exactly as jsonld.js does, and never needs it',
    async () => {
      const pipeline = await loadPipeline(minter);
      // The build's context: ontology, shapes and the gazetteer.
      const ctx = buildContext(minter, { ontology: pipeline.ontology(), shapes: pipeline.shapes(), extra: pipeline.gazetteer() });
      const compactor = compactorFor(ctx);
      expect(compactor).not.toBeNull();
      const files = [sharedCorpus, path.join(sharedDir, 'corpus-wild')].flatMap((d) =>
        readdirSync(d)
          .filter((n) => n.endsWith('.txt'))
          .map((n) => path.join(d, n)),
      );
      expect(files.length).toBeGreaterThanOrEqual(90);
      for (const file of files) {
        const doc = await pipeline.readDocument(file);
        const top = expandedTree(sortQuads(pipeline.toQuads(doc)).quads, minter.document(doc.id).value, documentTree(minter));
        const ours = compactor?.compact(structuredClone(top)) ?? null;
        expect(ours, file).not.toBeNull();
        const { '@context': ignored, ...theirs } = await compactWithJsonld(top, ctx);
        expect(ignored, file).toBeDefined();
        expect(canonical(ours), file).toEqual(canonical(theirs));
      }
    },
    300_000,
  );

  it('leaves to jsonld.js what it does not handle: a value with a direction, a context with @vocab', async () => {
    const compactor = compactorFor(context);
    const id = minter.document('kst-99999-1').value;
    // A term's value, and a value object kept as one (dcterms:title has no term of its own: "title" is eli:title).
    const handled = { '@id': id, [minter.term('answerText').value]: [{ '@value': 'x', '@language': 'nl' }], 'http://purl.org/dc/terms/title': [{ '@value': 'y', '@language': 'nl' }] };
    const { '@context': ignored, ...theirs } = await compactWithJsonld(structuredClone(handled), context);
    expect(ignored).toBeDefined();
    expect(compactor?.compact(handled)).toEqual(theirs);
    expect(theirs).toEqual({ id, answerText: 'x', 'dcterms:title': { '@language': 'nl', '@value': 'y' } });
    expect(compactor?.compact({ '@id': id, [minter.term('answerText').value]: [{ '@value': 'x', '@language': 'nl', '@direction': 'ltr' }] })).toBeNull();
    expect(compactorFor({ '@context': { ...context['@context'], '@vocab': 'https://example.org/' } })).toBeNull();
  });
});
