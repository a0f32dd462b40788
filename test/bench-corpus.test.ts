/**
 * The benchmark's generated corpus (bench/corpus.ts) is what `build` would publish for such papers: it conforms
 * to the shapes, its size per paper is what papersFor() assumes, the same options give the same bytes, the
 * text index covers its answers, each bench query (bench/queries.ts) finds what its name says, and a corpus
 * kept by an earlier generator is not reused. (Its kld terms are checked against the ontology in vocab.test.ts.)
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Quad } from '@rdfjs/types';
import { Parser } from 'n3';
import * as ox from 'oxigraph';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORPUS_MANIFEST, DEFAULT_BLOCKS, FACTIONS, RARE_WORD, citedPaperId, corpusString, keptCorpus, paperId, papersFor, triplesPerPaper, writeCorpus } from '../bench/corpus.js';
import { PHRASE, QUERIES } from '../bench/queries.js';
import { textIndexFile } from '../src/publish/text-index-file.js';
import { IriMinter, type KldTerm } from '../src/rdf/iris.js';
import { Validator } from '../src/validate/index.js';

const minter = new IriMinter();
const PAPERS = 3;
let text: string;
let quads: Quad[];

beforeAll(() => {
  text = corpusString({ papers: PAPERS });
  quads = new Parser({ format: 'N-Quads' }).parse(text);
});

/** How many subjects have a triple with this predicate whose literal object holds `word`. */
function subjectsWith(data: readonly Quad[], predicate: string, word: string): number {
  return new Set(data.filter((q) => q.predicate.value === predicate && q.object.value.includes(word)).map((q) => q.subject.value)).size;
}

describe('the generated corpus', () => {
  it('conforms to the shapes, paper by paper, as a build validates', async () => {
    const validator = await Validator.load(minter);
    const graphs = [...new Set(quads.map((q) => q.graph.value))].filter((g) => g !== minter.gazetteerGraph().value);
    expect(graphs).toEqual([0, 1, 2].map((i) => minter.graph(paperId(i)).value));
    for (const g of graphs) {
      const report = await validator.validate(quads.filter((q) => q.graph.value === g));
      expect(report.violations, g).toEqual([]);
    }
  }, 60_000);

  it('holds the blocks, questions, answers, citations and spans of a written consultation', () => {
    const count = (type: KldTerm) => quads.filter((q) => q.predicate.value.endsWith('#type') && q.object.value === minter.kld(type).value).length;
    expect(count('Document')).toBe(PAPERS);
    expect(count('QuestionBlock')).toBe(PAPERS * DEFAULT_BLOCKS);
    expect(count('Question')).toBe(PAPERS * DEFAULT_BLOCKS);
    expect(count('Answer')).toBe(PAPERS * DEFAULT_BLOCKS);
    expect(count('Citation')).toBeGreaterThan(0);
    // Every block, question-part, answer, citation and mention has a source place with a position.
    const places = quads.filter((q) => q.predicate.value === 'http://www.w3.org/ns/oa#start').length;
    expect(places).toBeGreaterThan(3 * PAPERS * DEFAULT_BLOCKS);
    // Factions are the gazetteer's: typed once, in its graph.
    const sp = quads.filter((q) => q.subject.value === minter.faction('SP').value && q.object.value === minter.kld.Faction.value);
    expect(sp.map((q) => q.graph.value)).toEqual([minter.gazetteerGraph().value]);
  });

  it('gives the same bytes for the same options, other bytes for another seed', () => {
    expect(corpusString({ papers: PAPERS })).toBe(text);
    expect(corpusString({ papers: PAPERS, seed: 7 })).not.toBe(text);
  });

  it('has about triplesPerPaper() triples a paper, as papersFor() assumes', () => {
    const papers = 40;
    const lines = corpusString({ papers, gazetteer: false }).split('\n').length - 1;
    expect(Math.abs(lines / papers - triplesPerPaper()) / triplesPerPaper()).toBeLessThan(0.03);
    expect(papersFor(1_000_000)).toBe(Math.round(1_000_000 / triplesPerPaper()));
  });

  it('is covered by the text index on the answer and question texts the build indexes', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kld-bench-corpus-'));
    try {
      const dump = path.join(dir, 'kamerstukken-ld.nq');
      writeFileSync(dump, text);
      const index = textIndexFile(dump, minter.base);
      const answers = index.predicates[minter.kld.answerText.value];
      const questions = index.predicates[minter.kld.questionText.value];
      // Every answer; every block and every question (both carry their text).
      expect(answers?.subjects).toHaveLength(PAPERS * DEFAULT_BLOCKS);
      expect(questions?.subjects).toHaveLength(2 * PAPERS * DEFAULT_BLOCKS);
      const taiwan = answers?.postings[answers.tokens.indexOf(RARE_WORD.toLowerCase())] ?? [];
      expect(taiwan.length).toBe(subjectsWith(quads, minter.kld.answerText.value, RARE_WORD));
      expect(taiwan.length).toBeGreaterThan(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the bench queries on it', () => {
  const papers = 8;
  let store: ox.Store;
  let corpus: Quad[];
  beforeAll(() => {
    const nq = corpusString({ papers });
    corpus = new Parser({ format: 'N-Quads' }).parse(nq);
    store = new ox.Store();
    store.load(nq, { format: 'application/n-quads' });
  });
  afterAll(() => (store as unknown as { free(): void }).free());

  const rows = (name: string): unknown[] => {
    const q = QUERIES.find((x) => x.name.startsWith(name));
    if (q === undefined) throw new Error(`no query ${name}`);
    const r = store.query(q.sparql(papers), { use_default_graph_as_union: true });
    return Array.isArray(r) ? r : [];
  };
  const objects = (predicate: string) => corpus.filter((q) => q.predicate.value === predicate);

  it('finds what each name says, with the counts the data holds', () => {
    const kld = minter.kld;
    // The answer's own triples.
    const answer = minter.answer(paperId(papers / 2), [7], 6).value;
    expect(rows('lookup by IRI')).toHaveLength(corpus.filter((q) => q.subject.value === answer).length);
    // The SP's question blocks citing the SP's own paper.
    const own = minter.document(citedPaperId(FACTIONS.indexOf('SP'))).value;
    const spBlocks = new Set(
      objects(kld.askedBy.value)
        .filter((q) => q.object.value === minter.faction('SP').value && q.subject.value.includes('/blok/'))
        .map((q) => q.subject.value),
    );
    const citing = objects(kld.citedPaper.value)
      .filter((q) => q.object.value === own)
      .map((q) => q.subject.value);
    const inSp = objects(kld.citationIn.value).filter((q) => citing.includes(q.subject.value) && spBlocks.has(q.object.value));
    expect(inSp.length).toBeGreaterThan(0);
    expect(rows('join: faction × cited paper')).toHaveLength(inSp.length);
    expect(rows('GROUP BY cited paper')).toHaveLength(10);
    const taiwan = subjectsWith(corpus, kld.answerText.value, RARE_WORD);
    expect(taiwan).toBeGreaterThan(0);
    expect(rows(`CONTAINS "${RARE_WORD}" in answers`)).toHaveLength(taiwan);
    expect(rows(`CONTAINS "${PHRASE}"`)).toHaveLength(subjectsWith(corpus, kld.answerText.value, PHRASE));
    expect(rows('answers per faction')).toHaveLength(new Set(objects(kld.askedBy.value).map((q) => q.object.value)).size);
  });

  it('CONSTRUCTs one whole paper', () => {
    const q = QUERIES.find((x) => x.name === 'CONSTRUCT one document');
    const r = store.query(q?.sparql(papers) ?? '', { use_default_graph_as_union: true });
    const graph = minter.graph(paperId(Math.floor(papers / 3))).value;
    expect(Array.isArray(r) ? r.length : 0).toBe(corpus.filter((x) => x.graph.value === graph).length);
  });
});

describe('a corpus kept with --data', () => {
  it('is reused when this generator wrote it for this size, and written again otherwise', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kld-bench-kept-'));
    try {
      const written = await writeCorpus(dir, 3000);
      expect(keptCorpus(dir, 3000)).toEqual(written);
      expect(keptCorpus(dir, 30_000)).toBeUndefined();
      const manifest = path.join(dir, CORPUS_MANIFEST);
      const m = JSON.parse(readFileSync(manifest, 'utf8')) as Record<string, unknown>;
      writeFileSync(manifest, JSON.stringify({ ...m, generator: 1 }));
      expect(keptCorpus(dir, 3000)).toBeUndefined();
      // A corpus of the first generator had no such manifest at all.
      rmSync(manifest);
      expect(keptCorpus(dir, 3000)).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
