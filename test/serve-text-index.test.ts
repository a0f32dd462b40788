/**
 * Word search through the text index (src/serve/text-index.ts): the same
 * answers as CONTAINS without the index, on the bundled corpus's texts (Dutch,
 * with diacritics and line breaks) and on texts built to trip the folding
 * (final sigma, dotted capital I, decomposed accents, hyphens).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../src/serve/engine.js';
import { OxigraphStore } from '../src/serve/oxigraph-store.js';
import { readStoreManifest } from '../src/output-layout.js';
import { TextIndex, TextSearch } from '../src/serve/text-index.js';
import { virtuosoQuery } from '../src/serve/virtuoso/store.js';
import { BASE, bundledOutput, csvAnswer as answer } from './serve-fixture.js';

const KLD = `${BASE}def#`;

function engines(store: OxigraphStore): { plain: Engine; indexed: Engine } {
  store.materializeUnion();
  return {
    plain: new Engine({ stores: [store], maxResults: 100_000 }),
    indexed: new Engine({ stores: [store], maxResults: 100_000, textSearch: new TextSearch(store) }),
  };
}

describe('text index: the same results as CONTAINS on the bundled corpus', () => {
  const store = new OxigraphStore();
  let plain: Engine;
  let indexed: Engine;
  let texts: string[] = [];

  beforeAll(async () => {
    const output = await bundledOutput();
    const manifest = readStoreManifest(output);
    store.load([readFileSync(path.join(output, manifest?.file ?? 'kamerstukken-ld.nq'))], 'application/n-quads');
    ({ plain, indexed } = engines(store));
    const r = await answer(plain, `SELECT ?t WHERE { ?a <${KLD}answerText> ?t }`);
    texts = r.rows;
  }, 120_000);
  afterAll(() => store.close());

  it('for words with and without diacritics, in any case, a piece of a word and a phrase across a line break', async () => {
    expect(texts.length).toBeGreaterThan(50);
    // A phrase across a line break in the data: the last word of a line and the first of the next.
    const csv = texts.find((t) => /\p{L}\n+\p{L}/u.test(t)) ?? '';
    const broken = /(\p{L}+\n+\p{L}+)/u.exec(csv.replace(/^"|"$/g, ''))?.[1];
    const diacritic = /\p{L}*[éëïöüèê]\p{L}*/u.exec(texts.join(' '))?.[0];
    expect(diacritic).toBeTruthy();
    const words = ['kabinet', 'Kabinet', 'KABINET', 'regering', 'verdrag', 'non-proliferatie', 'VN', 'nucleaire ontwapening', 'ontwap', diacritic ?? 'één', 'financiële', 'xyzzyq', ...(broken ? [broken] : [])];
    let narrowed = 0;
    for (const word of words) {
      const lit = JSON.stringify(word);
      for (const expr of [`CONTAINS(?t, ${lit})`, `CONTAINS(LCASE(?t), ${JSON.stringify(word.toLowerCase())})`]) {
        const q = `SELECT ?a WHERE { ?a a <${KLD}Answer> ; <${KLD}answerText> ?t FILTER(${expr}) }`;
        const a = await answer(plain, q);
        const b = await answer(indexed, q);
        expect(b.rows, `${expr}`).toEqual(a.rows);
        if (b.pushedDown.includes('VALUES')) narrowed++;
      }
    }
    // The index narrowed (most) searches, rather than leaving them all to CONTAINS.
    expect(narrowed).toBeGreaterThan(words.length);
  });

  it('through questions and as one conjunct of &&, the FILTER kept; an OR is left alone', async () => {
    const q = `SELECT ?q WHERE { ?q <${KLD}questionText> ?t FILTER(CONTAINS(?t, "kabinet") && STRLEN(?t) > 10) }`;
    const a = await answer(plain, q);
    const b = await answer(indexed, q);
    expect(b.rows).toEqual(a.rows);
    expect(b.rows.length).toBeGreaterThan(0);
    expect(b.pushedDown).toMatch(/VALUES \?q/);
    expect(b.pushedDown).toMatch(/CONTAINS/);
    const or = `SELECT ?q WHERE { ?q <${KLD}questionText> ?t FILTER(CONTAINS(?t, "kabinet") || CONTAINS(?t, "regering")) }`;
    const c = await answer(indexed, or);
    expect(c.pushedDown).not.toMatch(/VALUES/);
    expect(c.rows).toEqual((await answer(plain, or)).rows);
  });
});

describe('text index: folding edge cases against the store', () => {
  const texts = ['ΟΔΟΣ ΣΟΦΟΣ en de ΣΤΑΣΙΣ', 'İstanbul en Iğdır', 'financie\u0308le middelen', 'financiële middelen', 'Taiwan-beleid en TAIWANESE', 'regel één\nregel twee', 'K-KELVIN \u212Aelvin', 'ß straße STRASSE'];
  const store = new OxigraphStore();
  let plain: Engine;
  let indexed: Engine;
  beforeAll(() => {
    const nq = texts.map((t, i) => `<${BASE}id/t${i}> <${KLD}text> ${JSON.stringify(t)}@nl <${BASE}graph/t> .\n`).join('');
    store.load([nq], 'application/n-quads');
    ({ plain, indexed } = engines(store));
  });
  afterAll(() => store.close());

  it('gives what CONTAINS and CONTAINS(LCASE) give for each word', async () => {
    const words = ['οδος', 'οδοσ', 'ΟΔΟΣ', 'σοφος', 'στασις', 'istanbul', 'i̇stanbul', 'İstanbul', 'financie\u0308le', 'financiële', 'taiwan', 'Taiwan-beleid', 'één\nregel', 'kelvin', 'straße', 'strasse', 'e m'];
    for (const word of words) {
      for (const expr of [`CONTAINS(?t, ${JSON.stringify(word)})`, `CONTAINS(LCASE(?t), ${JSON.stringify(word)})`]) {
        const q = `SELECT ?s WHERE { ?s <${KLD}text> ?t FILTER(${expr}) }`;
        expect((await answer(indexed, q)).rows, expr).toEqual((await answer(plain, q)).rows);
      }
    }
  });

  it('the index alone: candidates are a superset, and common words are not narrowed', () => {
    const index = new TextIndex(texts.map((t, i) => [`s${i}`, t] as [string, string]));
    expect(index.candidates('middelen', 100)).toEqual(['s2', 's3']);
    expect(index.candidates('!!!')).toBeUndefined();
    expect(index.candidates('e', 2)).toBeUndefined();
  });
});

describe('text index for Virtuoso: IN lists of at most 3,000 candidates', () => {
  // 16,000 texts: 2,000 with "kernwapens" (narrowed by one IN list), 4,000 with "verdrag" (few enough for
  // VALUES, a quarter of the texts, but more than one IN list takes: left to CONTAINS).
  const n = 16_000;
  const word = (i: number) => (i % 8 === 0 ? 'kernwapens' : i % 4 === 1 ? 'verdrag' : 'motie');
  const nq = Array.from({ length: n }, (_, i) => `<${BASE}id/a${i}> <${KLD}answerText> "antwoord ${word(i)} ${i}"@nl <${BASE}graph/a> .\n`).join('');
  const store = new OxigraphStore();
  const rows = (r: ReturnType<OxigraphStore['querySync']>): string[] => (r.type === 'bindings' ? r.solutions.map((s) => [...s.values()].map((t) => t.value).join(' ')).sort() : []);
  const query = (w: string) => `SELECT ?a WHERE { ?a <${KLD}answerText> ?t FILTER(CONTAINS(?t, ${JSON.stringify(w)})) }`;
  beforeAll(() => {
    store.load([nq], 'application/n-quads');
    store.materializeUnion();
  });
  afterAll(() => store.close());

  it('gives what CONTAINS gives, with every candidate written into the query text', () => {
    const search = new TextSearch(store, new Map(), 'in');
    for (const [w, expected] of [
      ['kernwapens', n / 8],
      ['wapens 16', 1 + 2 + 13], // 16; 160, 168; 1600–1696 (every eighth text has the word)
      ['xyzzyq', 0],
    ] as const) {
      const plain = rows(store.querySync(query(w), { form: 'bindings', unionDefaultGraph: true }));
      const text = virtuosoQuery(query(w), { form: 'bindings', unionDefaultGraph: false }, [], search);
      expect(text, w).toMatch(/\?a IN \(/);
      expect(text).not.toContain('urn:x-kamerstukken-ld:text-index:');
      for (const row of plain) expect(text).toContain(`<${row}>`);
      expect(rows(store.querySync(text, { form: 'bindings', unionDefaultGraph: true })), w).toEqual(plain);
      expect(plain).toHaveLength(expected);
    }
    expect(search.narrowed).toBe(3);
    // 4,000 candidates: VALUES would take them (a quarter of the texts), one IN list does not.
    expect(virtuosoQuery(query('verdrag'), { form: 'bindings', unionDefaultGraph: false }, [], search)).not.toMatch(/ IN /);
    expect(search.narrowed).toBe(3);
    expect(new TextSearch(store).index(`${KLD}answerText`)?.candidates('verdrag')).toHaveLength(n / 4);
  });

  it('without a store and without the build’s index for a predicate, nothing is narrowed', () => {
    const search = new TextSearch(undefined, new Map(), 'in');
    expect(search.index(`${KLD}answerText`)).toBeUndefined();
    expect(virtuosoQuery(query('kernwapens'), { form: 'bindings', unionDefaultGraph: false }, [], search)).not.toMatch(/ IN /);
    expect(search.narrowed).toBe(0);
  });
});
