/**
 * One document's work in a build: ingest, map to quads, validate, frame as
 * JSON-LD, write Turtle, and store it all in the cache. The same function runs
 * in the build's own thread (a pipeline injected by tests) and in the worker
 * threads of a parallel build (src/publish/parallel.ts).
 */
import path from 'node:path';
import type { DocumentModel } from '../model.js';
import type { IriMinter } from '../rdf/iris.js';
import { PREFIXES, schema, spdx } from '../rdf/vocab.js';
import type { BuildCache, CacheEntry } from './cache.js';
import type { buildContext } from './context.js';
import { LINK_TARGETS } from './dataset.js';
import { documentTree, frameDocument } from './jsonld.js';
import { assertNoBlankNodes, compareStrings, quadLine } from './nquads.js';
import type { Pipeline } from './pipeline.js';
import { resultLines } from './report.js';
import { sortQuads } from './stages.js';
import { graphStats } from './stats.js';
import { documentTurtle } from './turtle.js';

/** Turtle/JSON-LD prefixes: ours and the reused vocabularies. */
export function outputPrefixes(minter: IriMinter): Record<string, string> {
  const all: Record<string, string> = {
    kld: minter.ontology,
    ...PREFIXES,
    schema: schema.iri,
    spdx: spdx.iri,
    vcard: 'http://www.w3.org/2006/vcard/ns#',
  };
  return Object.fromEntries(Object.entries(all).sort(([a], [b]) => compareStrings(a, b)));
}

/** The steps of processDocument, in order (for a per-step profile: the build bench's --stages). */
export type DocumentStep = 'read' | 'quads' | 'sort' | 'validate' | 'jsonld' | 'turtle' | 'cache';

/**
 * Ingest, map, validate, frame and serialise one document; store the result in the cache. `step`, when given,
 * is called as each step ends (nothing else changes).
 */
export async function processDocument(
  pipeline: Pipeline,
  read: (file: string) => Promise<DocumentModel>,
  file: string,
  sourceSha: string,
  key: string,
  cache: BuildCache,
  context: ReturnType<typeof buildContext>,
  contextIri: string,
  prefixes: Record<string, string>,
  step?: (done: DocumentStep) => void,
): Promise<CacheEntry> {
  const { minter } = pipeline;
  const doc = await read(file);
  step?.('read');
  const graph = minter.graph(doc.id);
  const mapped = pipeline.toQuads(doc);
  assertNoBlankNodes(mapped, file);
  for (const q of mapped) {
    if (!q.graph.equals(graph)) throw new Error(`${file}: quad outside the document's graph <${graph.value}>: ${quadLine(q).trim()}`);
  }
  step?.('quads');
  const { quads, lines } = sortQuads(mapped);
  step?.('sort');
  const validation = await pipeline.validate(quads);
  step?.('validate');
  const framed = await frameDocument(quads, minter.document(doc.id).value, context, contextIri, documentTree(minter));
  step?.('jsonld');
  const turtle = await documentTurtle(quads, prefixes);
  step?.('turtle');
  const entry: CacheEntry = {
    key,
    id: doc.id,
    file: path.basename(file),
    sha256: sourceSha,
    violations: validation.violations,
    reportBlocks: resultLines(validation.reportQuads),
    reportText: validation.text,
    stats: graphStats(quads, LINK_TARGETS, minter.document(doc.id).value),
    dates: [doc.submitted, doc.received].filter((d): d is string => d !== null),
  };
  // The source text the selectors point into, published beside the document's RDF (SHA-256 in the data).
  const text = doc.source.text;
  if (text === undefined) throw new Error(`${file}: the reader gave no source text to publish`);
  await cache.put(entry, { nq: lines.join(''), jsonld: framed.text, ttl: turtle, txt: text });
  step?.('cache');
  return entry;
}
