/**
 * src/validate/dataset.ts: the datasets the validator gives rdf-validate-shacl (through its `factory`
 * option) answer every match pattern as n3's Store does, and the engine finds the very same results
 * with them and our graph pointers (src/validate/pointer.ts) as with its default datasets and clownface, on the
 * hand-made paper of the fixtures, on real papers of ../shared, and on each with violations of many kinds (missing
 * values, wrong classes under sh:or and qualified shapes, wrong datatypes).
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { Quad, Term } from '@rdfjs/types';
import { DataFactory, Store } from 'n3';
import SHACLValidator from 'rdf-validate-shacl';
import { beforeAll, describe, expect, it } from 'vitest';
import { IriMinter } from '../src/rdf/iris.js';
import { documentToQuads } from '../src/rdf/mapping.js';
import { loadPipeline } from '../src/publish/pipeline.js';
import { IndexedDataset, validationEnvironment } from '../src/validate/dataset.js';
import { loadShapes } from '../src/validate/shapes.js';
import { fixtureDocument } from './fixtures/document-model.js';
import { hasShared, sharedCorpus, sharedDir } from './helpers.js';

const minter = new IriMinter();
let quads: Quad[] = [];

beforeAll(() => {
  quads = documentToQuads(fixtureDocument(), minter).map((q) => DataFactory.quad(q.subject, q.predicate, q.object));
});

const text = (t: Term | null | undefined): string => (t === null || t === undefined ? '-' : `${t.termType}:${t.value}`);
const line = (q: Quad): string => [q.subject, q.predicate, q.object, q.graph].map(text).join(' ');

describe('IndexedDataset', () => {
  it('answers all eight match patterns as n3 Store does, and counts, deletes and de-duplicates', () => {
    const ours = new IndexedDataset(quads);
    const store = new Store(quads);
    expect(ours.size).toBe(store.size);
    expect(ours.size).toBeGreaterThan(100);
    let compared = 0;
    for (const q of quads.filter((_, i) => i % 7 === 0)) {
      for (let mask = 0; mask < 8; mask++) {
        const s = mask & 1 ? q.subject : null;
        const p = mask & 2 ? q.predicate : null;
        const o = mask & 4 ? q.object : null;
        const got = [...ours.match(s, p, o)].map(line).sort();
        const want = store.getQuads(s, p, o, null).map(line).sort();
        expect(got).toEqual(want);
        compared += got.length;
      }
    }
    expect(compared).toBeGreaterThan(quads.length);
    const first = quads[0];
    if (first === undefined) throw new Error('the seed has no quads');
    ours.add(first);
    expect(ours.size).toBe(store.size);
    ours.delete(first);
    expect(ours.has(first)).toBe(false);
    expect(ours.size).toBe(store.size - 1);
    expect(ours.match(first.subject, first.predicate, first.object).size).toBe(0);
  });
});

/** Results as text, sorted: what the engine found, whatever datasets held it. */
async function results(validator: SHACLValidator, data: Store | IndexedDataset): Promise<string[]> {
  const report = await validator.validate(data);
  return report.results
    .map((r) => [r.focusNode, r.path, r.value, r.sourceShape?.termType === 'BlankNode' ? null : r.sourceShape, r.sourceConstraintComponent, r.severity].map(text).join(' ') + ` ${r.message.map((m) => m.value).join('|')}`)
    .sort();
}

describe('rdf-validate-shacl with our datasets', () => {
  it('finds the same results as with its default datasets, conforming or not', async () => {
    const shapes = loadShapes(minter);
    const plain = new SHACLValidator(new Store(shapes));
    const fast = new SHACLValidator(new Store(shapes), { factory: validationEnvironment });
    const type = DataFactory.namedNode('http://www.w3.org/1999/02/22-rdf-syntax-ns#type');
    // Corruptions: every 11th triple gone, every 13th typed object re-typed (sh:class, sh:or, qualified shapes fail).
    const corrupted = quads.filter((_, i) => i % 11 !== 5).map((q, i) => (i % 13 === 0 && q.predicate.equals(type) ? DataFactory.quad(q.subject, q.predicate, minter.term('Notice')) : q));
    for (const data of [quads, corrupted]) {
      const want = await results(plain, new Store(data));
      const got = await results(fast, new IndexedDataset(data));
      expect(got).toEqual(want);
      if (data === corrupted) expect(got.length).toBeGreaterThan(20);
    }
  });

  it.skipIf(!hasShared)(
    'finds the same results on real papers of ../shared, as read and corrupted',
    async () => {
      const pipeline = await loadPipeline(minter);
      const shapes = loadShapes(minter);
      const plain = new SHACLValidator(new Store(shapes));
      const fast = new SHACLValidator(new Store(shapes), { factory: validationEnvironment });
      const type = DataFactory.namedNode('http://www.w3.org/1999/02/22-rdf-syntax-ns#type');
      const files = [sharedCorpus, path.join(sharedDir, 'corpus-wild')]
        .flatMap((d) =>
          readdirSync(d)
            .filter((n) => n.endsWith('.txt'))
            .map((n) => path.join(d, n)),
        )
        .sort()
        .filter((_, i) => i % 9 === 0);
      expect(files.length).toBeGreaterThanOrEqual(10);
      let found = 0;
      for (const file of files) {
        const read = pipeline.toQuads(await pipeline.readDocument(file)).map((q) => DataFactory.quad(q.subject, q.predicate, q.object));
        const corrupted = read.filter((_, i) => i % 17 !== 3).map((q, i) => (i % 19 === 0 && q.predicate.equals(type) ? DataFactory.quad(q.subject, q.predicate, minter.term('Answer')) : q));
        for (const data of [read, corrupted]) {
          const want = await results(plain, new Store(data));
          expect(await results(fast, new IndexedDataset(data)), file).toEqual(want);
          found += want.length;
        }
      }
      expect(found).toBeGreaterThan(100);
    },
    300_000,
  );
});
