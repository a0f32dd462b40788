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
import { DataFactory } from 'n3';
import { TextIndex, TextSearch } from '../src/serve/text-index.js';
import { virtuosoQuery } from '../src/serve/virtuoso/store.js';
import { commonTokens, tokenIri, vocabularyOf } from '../src/serve/virtuoso/text-graph.js';
import { MAX_TOKENS, TokenGraphSearch } from '../src/serve/virtuoso/text-search.js';
import { indexData, type TextIndexFile } from '../src/text-index-format.js';
import { BASE, bundledOutput, csvAnswer as answer } from './serve-fixture.js';

const DF = DataFactory;

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

describe('text index for Virtuoso: the join with the index graph', () => {
  // 16,000 texts: 2,000 with "kernwapens", 4,000 with "verdrag" (a quarter: still narrowed), 10,000 with "motie" and every
  // one with "antwoord" (both common: left out of the graph), each with its number (16,000 tokens) and one of é0 … é4.
  const n = 16_000;
  const word = (i: number) => (i % 8 === 0 ? 'kernwapens' : i % 4 === 1 ? 'verdrag' : 'motie');
  const texts: [string, string][] = Array.from({ length: n }, (_, i) => [`${BASE}id/a${i}`, `antwoord ${word(i)} ${i} é${i % 5}`]);
  const GRAPH = 'urn:x-kamerstukken-ld:text-index:test';
  const P = `${KLD}answerText`;
  const data = indexData(texts);
  const index: TextIndexFile = { version: 1, dump: { file: 'kamerstukken-ld.nq', sha256: '0'.repeat(64) }, predicates: { [P]: data } };
  const omitted = commonTokens(index);
  const search = new TokenGraphSearch(vocabularyOf(index, GRAPH, omitted));
  const store = new OxigraphStore();
  const rows = (r: ReturnType<OxigraphStore['querySync']>): string[] => (r.type === 'bindings' ? r.solutions.map((sol) => [...sol.values()].map((t) => t.value).join(' ')).sort() : []);
  const query = (w: string) => `SELECT ?a WHERE { ?a <${P}> ?t FILTER(CONTAINS(?t, ${JSON.stringify(w)})) }`;
  beforeAll(() => {
    const left = new Set(omitted[P]);
    // The graph as load writes it (text-graph.ts writeTextGraph): a triple per token and subject, common tokens left out.
    const graph = data.tokens.flatMap((tok, i) => (left.has(tok) ? [] : (data.postings[i] ?? []).map((id) => `<${tokenIri(GRAPH, tok)}> <${P}> <${data.subjects[id] ?? ''}> <${GRAPH}> .\n`)));
    const nq = texts.map(([s, t]) => `<${s}> <${P}> ${JSON.stringify(t)}@nl <${BASE}graph/a> .\n`).join('') + graph.join('');
    store.load([nq], 'application/n-quads');
  });
  afterAll(() => store.close());

  it('leaves the common tokens out of the graph, and only those', () => {
    expect(omitted[P]).toEqual(['antwoord', 'motie']);
  });

  it('gives what CONTAINS gives, the index graph in the query text', () => {
    const plain = (w: string) => rows(store.querySync(query(w), { form: 'bindings', unionDefaultGraph: true }));
    for (const [w, expected, tokens] of [
      ['kernwapens 8', 141, 1], // "8" lies in more than MAX_TOKENS tokens: narrowed by "kernwapens" alone
      ['verdrag 1234', 3, 13], // 12341, 12345, 12349; "1234" lies in 12 tokens: DISTINCT over them
      ['Verdrag', 0, 1], // CONTAINS is case-sensitive; the index, folded, narrows to "verdrag"
      ['é1', n / 5, 1], // diacritics
      ['ernwap', n / 8, 1], // a piece of a word
      ['kernwapens-verdrag', 0, 2], // two tokens, in no text together
      ['xyzzyq', 0, 0], // in no token: the empty token, in no text
    ] as const) {
      const text = virtuosoQuery(query(w), { form: 'bindings', unionDefaultGraph: false }, [], search);
      expect(text, w).toContain(`GRAPH <${GRAPH}>`);
      expect(search.patternText(P, w, 'a')?.size, w).toBe(tokens);
      const got = rows(store.querySync(text, { form: 'bindings', unionDefaultGraph: true }));
      expect(got, w).toEqual(plain(w));
      expect(got, w).toHaveLength(expected);
      expect(
        texts.filter(([, t]) => t.includes(w)),
        w,
      ).toHaveLength(expected);
    }
    expect(search.narrowed).toBe(7);
  });

  it('leaves to CONTAINS what the graph cannot narrow, and queries with a dataset', () => {
    const before = search.narrowed;
    // "antwoord" and "motie" are left out of the graph; "a" lies in one of them; "!!" has no token; more than MAX_TOKENS
    // tokens hold "1"; "é" lies in five tokens of all the texts together, more than a quarter.
    for (const w of ['antwoord', 'motie', 'a', '!!', '1', 'é']) expect(virtuosoQuery(query(w), { form: 'bindings', unionDefaultGraph: false }, [], search), w).not.toContain(GRAPH);
    expect(data.tokens.filter((t) => t.includes('1')).length).toBeGreaterThan(MAX_TOKENS);
    // A word with a piece the graph can narrow and one it cannot: narrowed by the first.
    expect(virtuosoQuery(query('antwoord verdrag'), { form: 'bindings', unionDefaultGraph: false }, [], search)).toContain(`${GRAPH}:t:verdrag`);
    // With FROM, or a protocol dataset, GRAPH <index> is not in the dataset: CONTAINS as written.
    const from = `SELECT ?a FROM <${BASE}graph/a> WHERE { ?a <${P}> ?t FILTER(CONTAINS(?t, "motie 12")) }`;
    expect(virtuosoQuery(from, { form: 'bindings', unionDefaultGraph: false }, [], search)).not.toContain(GRAPH);
    const dataset = { defaultGraphs: [DF.namedNode(`${BASE}graph/a`)], namedGraphs: [] };
    expect(virtuosoQuery(query('motie 12'), { form: 'bindings', unionDefaultGraph: false, dataset }, [], search)).not.toContain(GRAPH);
    expect(search.narrowed).toBe(before + 1);
  });
});
