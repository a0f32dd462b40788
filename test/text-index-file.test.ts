/**
 * The text index built with the data (src/publish/text-index-file.ts, read by src/serve/text-index-file.ts): `build` writes
 * output/text-index.json; read back, it holds exactly the index a worker would build from the loaded
 * store, CONTAINS through it gives the same answers as CONTAINS without any index, the same dump gives
 * the same bytes, and a file made from other bytes than the dump loaded is not used.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../src/serve/engine.js';
import { OxigraphStore } from '../src/serve/oxigraph-store.js';
import { readStoreManifest } from '../src/output-layout.js';
import { textIndexFile, unescapeLiteral } from '../src/publish/text-index-file.js';
import { readTextIndexes, readTextIndexesInWorker } from '../src/serve/text-index-file.js';
import { TEXT_INDEX_FILE } from '../src/text-index-format.js';
import { TEXT_PREDICATES, TextIndex, TextSearch } from '../src/serve/text-index.js';
import { defined } from './helpers.js';
import { BASE, bundledOutput, csvAnswer as answer } from './serve-fixture.js';

const KLD = `${BASE}def#`;

describe('text index built with the data', () => {
  const store = new OxigraphStore();
  let output = '';
  let dump = '';
  let build = '';

  beforeAll(async () => {
    output = await bundledOutput();
    const manifest = defined(readStoreManifest(output), 'store.json');
    dump = path.join(output, manifest.file);
    build = `sha256:${manifest.sha256}`;
    store.load([readFileSync(dump)], 'application/n-quads');
    store.materializeUnion();
  }, 120_000);
  afterAll(() => store.close());

  it('is in the output, for the dump there, and holds what a worker would build from the store', () => {
    const built = readTextIndexes(output, build);
    expect([...built.keys()].sort()).toEqual(TEXT_PREDICATES.map((p) => `${KLD}${p}`).sort());
    const lazy = new TextSearch(store);
    for (const [iri, index] of built) {
      const fromStore = defined(lazy.index(iri), iri);
      expect(index.toData(), iri).toEqual(fromStore.toData());
    }
    expect(defined(built.get(`${KLD}answerText`)).size).toBeGreaterThan(50);
    // Made again from the same dump: the same bytes as the file the build wrote.
    expect(`${JSON.stringify(textIndexFile(dump, BASE))}\n`).toBe(readFileSync(path.join(output, TEXT_INDEX_FILE), 'utf8'));
  });

  it('comes from the reader thread (subjects as UTF-8 bytes) as it is read here', async () => {
    const here = readTextIndexes(output, build);
    const there = await readTextIndexesInWorker(output, build);
    expect([...there.keys()].sort()).toEqual([...here.keys()].sort());
    for (const [iri, index] of here) {
      const handed = defined(there.get(iri), iri);
      expect(handed.size, iri).toBe(index.size);
      expect(handed.toData(), iri).toEqual(index.toData());
      for (const word of ['kabinet', 'de', 'financiële', 'xyzzyq']) expect(handed.candidates(word), `${iri} ${word}`).toEqual(index.candidates(word));
    }
    // Subjects beyond ASCII keep their bytes: the offsets are in bytes, not characters.
    const texts: [string, string][] = [
      ['urn:x:één', 'het kabinet'],
      ['urn:x:a', 'de minister'],
      ['urn:x:ü/😀', 'het kabinet en de minister'],
    ];
    const back = TextIndex.fromParts(new TextIndex(texts).parts());
    expect(back.subjects).toEqual(['urn:x:a', 'urn:x:één', 'urn:x:ü/😀']);
    expect(back.candidates('kabinet', 10)).toEqual(['urn:x:één', 'urn:x:ü/😀']);
  });

  it('gives CONTAINS the answers it gives without an index, narrowing the search', async () => {
    const plain = new Engine({ stores: [store], maxResults: 100_000 });
    const indexed = new Engine({ stores: [store], maxResults: 100_000, textSearch: new TextSearch(store, readTextIndexes(output, build)) });
    const words = ['kabinet', 'KABINET', 'regering', 'verdrag', 'non-proliferatie', 'VN', 'nucleaire ontwapening', 'ontwap', 'financiële', 'xyzzyq'];
    let narrowed = 0;
    for (const word of words) {
      for (const [p, cls] of [
        ['answerText', 'Answer'],
        ['questionText', 'Question'],
      ] as const) {
        const q = `SELECT ?a WHERE { ?a a <${KLD}${cls}> ; <${KLD}${p}> ?t FILTER(CONTAINS(LCASE(?t), ${JSON.stringify(word.toLowerCase())})) }`;
        const a = await answer(plain, q);
        const b = await answer(indexed, q);
        expect(b.rows, q).toEqual(a.rows);
        if (b.pushedDown.includes('VALUES')) narrowed++;
      }
    }
    expect(narrowed).toBeGreaterThan(words.length);
  });

  it('is not used for other bytes than the dump loaded (the indexes are then built on first use)', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kld-text-index-'));
    try {
      copyFileSync(path.join(output, TEXT_INDEX_FILE), path.join(dir, TEXT_INDEX_FILE));
      expect(readTextIndexes(dir, build).size).toBe(TEXT_PREDICATES.length);
      expect(readTextIndexes(dir, `sha256:${'0'.repeat(64)}`).size).toBe(0);
      expect(readTextIndexes(dir, 'files:0123').size).toBe(0);
      writeFileSync(path.join(dir, TEXT_INDEX_FILE), '{"version":1,');
      expect(readTextIndexes(dir, build).size).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads N-Quads string escapes back to the literal', () => {
    expect(unescapeLiteral('a\\nb\\"c\\\\d\\u00e9\\U0001F600\\t')).toBe('a\nb"c\\dé\u{1F600}\t');
    expect(unescapeLiteral('plain')).toBe('plain');
  });
});
