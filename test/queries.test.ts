/**
 * Every example query in queries/ runs against the seed's graph (the bundled
 * corpus, corpus/kst-26150-187.txt → documentToQuads) with Comunica over an n3
 * Store, and must give the documented result in queries/<name>.expected.json.
 * Plus SPARQL-level facts on the seed checked against the hand-made gold.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { QueryEngine } from '@comunica/query-sparql-rdfjs';
import { Store } from 'n3';
import { beforeAll, describe, expect, it } from 'vitest';
import { Gazetteer } from '../src/extract/gazetteer.js';
import { inGraph } from '../src/publish/pipeline.js';
import { readDocument } from '../src/read.js';
import { IriMinter } from '../src/rdf/iris.js';
import { documentToQuads } from '../src/rdf/mapping.js';
import { Validator, formatReport } from '../src/validate/index.js';

const root = resolve(import.meta.dirname, '..');
const queriesDir = resolve(root, 'queries');
const seed = resolve(root, 'corpus', 'kst-26150-187.txt');
const goldFile = resolve(root, '..', 'shared', 'gold', 'kst-26150-187.json');
const minter = new IriMinter();
const queries = readdirSync(queriesDir)
  .filter((f) => f.endsWith('.rq'))
  .sort();

type Row = Record<string, string>;

async function select(engine: QueryEngine, store: Store, query: string): Promise<Row[]> {
  // As the endpoint: the default graph is the union of the named graphs (papers and the gazetteer).
  const bindings = await (await engine.queryBindings(query, { sources: [store], unionDefaultGraph: true })).toArray();
  return bindings.map((b) => Object.fromEntries([...b].map(([k, v]) => [k.value, v.value])));
}

const PREFIXES = `PREFIX kld: <${minter.ontology}>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
`;

describe('example queries', () => {
  it('exist, each with a title, a description and a documented result', () => {
    expect(queries).toContain('answers-per-faction.rq');
    for (const q of queries) {
      const text = readFileSync(resolve(queriesDir, q), 'utf8');
      expect(text, q).toMatch(/^# title: \S.*\n# description: \S/);
      expect(existsSync(resolve(queriesDir, q.replace(/\.rq$/, '.expected.json'))), `${q} has no .expected.json`).toBe(true);
    }
  });
});

describe.skipIf(!existsSync(seed))('queries and SPARQL facts on the seed (kst-26150-187)', () => {
  let store: Store;
  let engine: QueryEngine;
  beforeAll(async () => {
    // The paper's graph and the gazetteer's graph, as a build publishes them (factions' facts are in the gazetteer's graph only).
    store = new Store([...documentToQuads(await readDocument(seed), minter), ...inGraph(Gazetteer.load(minter).quads(), minter.gazetteerGraph())]);
    engine = new QueryEngine();
  }, 120_000);

  for (const q of queries) {
    it(`${q} gives its documented result`, async () => {
      const text = readFileSync(resolve(queriesDir, q), 'utf8');
      const expected = JSON.parse(readFileSync(resolve(queriesDir, q.replace(/\.rq$/, '.expected.json')), 'utf8')) as Row[];
      const rows = await select(engine, store, text);
      if (/ORDER BY/i.test(text)) {
        expect(rows).toEqual(expected);
      } else {
        const key = (r: Row) => JSON.stringify(Object.entries(r).sort());
        expect(rows.map(key).sort()).toEqual(expected.map(key).sort());
      }
    });
  }

  it('counts 117 answers, numbered 1 to 117, in 118 question blocks', async () => {
    const [row] = await select(engine, store, `${PREFIXES} SELECT (COUNT(DISTINCT ?n) AS ?numbers) (COUNT(DISTINCT ?a) AS ?answers) WHERE { GRAPH ?g { ?a a kld:Answer ; kld:number ?n } }`);
    expect(row?.numbers).toBe('117');
    expect(row?.answers).toBe('117');
    const [blocks] = await select(engine, store, `${PREFIXES} SELECT (COUNT(?b) AS ?n) WHERE { GRAPH ?g { ?b a kld:QuestionBlock } }`);
    expect(blocks?.n).toBe('118');
  });

  it.skipIf(!existsSync(goldFile))('answers per faction equal the gold', async () => {
    const gold = JSON.parse(readFileSync(goldFile, 'utf8')) as { answers: { number: number; askedBy: string }[] };
    const expected: Record<string, number> = {};
    for (const a of gold.answers) expected[a.askedBy] = (expected[a.askedBy] ?? 0) + 1;
    expect(expected).toEqual({ VVD: 15, CDA: 9, D66: 18, GroenLinks: 16, SP: 13, PvdA: 26, PvdD: 11, SGP: 9 });
    const rows = await select(engine, store, `${PREFIXES} SELECT ?faction ?n WHERE { GRAPH ?g { ?b kld:askedBy ?f ; kld:hasAnswer/kld:number ?n } ?f skos:notation ?faction }`);
    const byNumber = Object.fromEntries(rows.map((r) => [r.n, r.faction]));
    expect(Object.keys(byNumber)).toHaveLength(117);
    for (const a of gold.answers) expect(byNumber[String(a.number)], `answer ${a.number}`).toBe(a.askedBy);
  });

  it('leaves the VVD remark on the CAVV advice without an answer', async () => {
    const rows = await select(
      engine,
      store,
      `${PREFIXES} SELECT ?b ?text WHERE { GRAPH ?g { ?b a kld:QuestionBlock ; kld:askedBy ?f ; kld:questionText ?text . FILTER NOT EXISTS { ?b kld:hasAnswer ?a } } ?f skos:notation "VVD" }`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]?.text).toMatch(/CAVV/);
    const ask = await engine.queryBoolean(`${PREFIXES} ASK { GRAPH ?g { <${rows[0]?.b}> kld:hasAnswer ?a } }`, { sources: [store] });
    expect(ask).toBe(false);
  });

  it('conforms to the shapes', async () => {
    const report = await (await Validator.load(minter)).validate(store.getQuads(null, null, null, null));
    expect(formatReport(report)).toBe('SHACL validation: conforms (0 violations).');
  });
});
