/**
 * A differential test: the W3C SPARQL 1.1 query evaluation tests
 * (test/fixtures/w3c-sparql11-query, copied with their licence and provenance)
 * run through the endpoint (HTTP, the SPARQL 1.1 Protocol, everything this
 * project puts between a client and the store: parsing, the read-only and
 * SERVICE checks, the query re-written with the cap as LIMIT, the dataset from
 * the protocol, the result writers) and through the bare store (Oxigraph, the
 * same data loaded directly, its own result serialisers), and the answers
 * compared: the head's variables in order (as a set for SELECT *, whose order
 * the endpoint takes from the query and Oxigraph sorts), the rows (as a
 * multiset; in order for ORDER BY queries), the boolean, the triples. Blank nodes are compared by
 * position only (their labels are the store's business). The negative syntax
 * tests must be refused by both.
 *
 * Every test of the manifests that a read-only endpoint can run is run: query
 * evaluation, CSV result format and negative syntax tests. Left out: the
 * service-description folder (not copied: it tests the SD of an endpoint, not
 * a query; this endpoint's SD is tested in serve-protocol.test.ts), and any
 * other kind of test a manifest lists (printed, with the reason).
 *
 * The endpoint holds every test's data at once, each file as a named graph
 * named by the file's IRI; a test's dataset is chosen with default-graph-uri /
 * named-graph-uri (or by the query's own FROM / FROM NAMED, which the protocol
 * parameters would override).
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Parser, type Quad, type Term } from 'n3';
import oxigraph from 'oxigraph';
import { startServer, type RunningServer } from '../src/serve/server.js';
import { ensureCompiled, repoRoot } from './serve-fixture.js';

const DIR = path.join(repoRoot, 'test/fixtures/w3c-sparql11-query');
const TESTS_BASE = 'http://www.w3.org/2009/sparql/docs/tests/data-sparql11/';
const RDF = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';
const MF = 'http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#';
const QT = 'http://www.w3.org/2001/sw/DataAccess/tests/test-query#';
const DAWGT = 'http://www.w3.org/2001/sw/DataAccess/tests/test-dawg#';
const EMPTY_GRAPH = 'urn:x-kld:w3c-query-tests:empty';
const RUN = new Set([`${MF}QueryEvaluationTest`, `${MF}CSVResultFormatTest`, `${MF}NegativeSyntaxTest11`, `${MF}NegativeSyntaxTest`]);
const LEFT_OUT: Record<string, string> = { [`${MF}ServiceDescriptionTest`]: 'tests the service description of an endpoint, not a query' };

interface QueryTest {
  name: string;
  kind: string;
  approval: string;
  query: string;
  queryIri: string;
  data: string[];
  graphData: string[];
}

/** File IRI under the tests' base ↔ file in the copy. */
const fileOf = (iri: string) => path.join(DIR, ...iri.slice(TESTS_BASE.length).split('/'));

function readManifests(): { tests: QueryTest[]; leftOut: { name: string; why: string }[] } {
  // Every folder of the copy (the top manifest does not include csv-tsv-res and json-res).
  const dirs = readdirSync(DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  const tests: QueryTest[] = [];
  const leftOut: { name: string; why: string }[] = [];
  for (const dir of dirs) {
    const base = `${TESTS_BASE}${dir}/manifest.ttl`;
    const text = readFileSync(path.join(DIR, dir, 'manifest.ttl'), 'utf8');
    const quads: Quad[] = new Parser({ baseIRI: base }).parse(text);
    const objects = (s: Term, p: string) => quads.filter((q) => q.subject.equals(s) && q.predicate.value === p).map((q) => q.object);
    const one = (s: Term, p: string) => objects(s, p).at(0);
    const list = (head: Term | undefined): Term[] => {
      const out: Term[] = [];
      while (head && head.value !== `${RDF}nil`) {
        const first = one(head, `${RDF}first`);
        if (first) out.push(first);
        head = one(head, `${RDF}rest`);
      }
      return out;
    };
    const manifest = quads.find((q) => q.predicate.value === `${MF}entries`);
    for (const entry of list(manifest?.object)) {
      const kind = one(entry, `${RDF}type`)?.value ?? '';
      const name = `${dir}/${entry.value.replace(/^.*#/, '')}`;
      if (!RUN.has(kind)) {
        leftOut.push({ name, why: LEFT_OUT[kind] ?? `a ${kind.replace(/^.*#/, '')}` });
        continue;
      }
      const action = one(entry, `${MF}action`);
      if (!action) continue;
      const queryTerm = action.termType === 'NamedNode' ? action : one(action, `${QT}query`);
      if (!queryTerm) continue;
      tests.push({
        name,
        kind: kind.replace(/^.*#/, ''),
        approval: one(entry, `${DAWGT}approval`)?.value.replace(/^.*#/, '') ?? '',
        query: readFileSync(fileOf(queryTerm.value), 'utf8'),
        queryIri: queryTerm.value,
        data: action.termType === 'NamedNode' ? [] : objects(action, `${QT}data`).map((t) => t.value),
        graphData: action.termType === 'NamedNode' ? [] : objects(action, `${QT}graphData`).map((t) => t.value),
      });
    }
  }
  return { tests, leftOut };
}

const formatOf = (iri: string) => (iri.endsWith('.rdf') ? 'application/rdf+xml' : iri.endsWith('.nt') ? 'application/n-triples' : 'text/turtle');

/** A data file as N-Quads in graph `graph` (undefined: the default graph), read by the store's own parser. */
function nquadsOf(file: string, graph: string | undefined): string {
  const store = new oxigraph.Store();
  store.load(readFileSync(fileOf(file), 'utf8'), { format: formatOf(file), base_iri: file, to_graph_name: graph ? oxigraph.namedNode(graph) : oxigraph.defaultGraph() });
  return store.dump({ format: 'application/n-quads' });
}

/** The query as both sides get it: relative IRIs resolve against the query file, as the tests are written. */
const queryText = (t: QueryTest) => `BASE <${t.queryIri}>\n${t.query}`;
const hasFrom = (q: string) => /\bFROM\b/i.test(q.replace(/#[^\n]*/g, ''));

interface SparqlJson {
  head: { vars?: string[] };
  boolean?: boolean;
  results?: { bindings: Record<string, { type: string; value: string; datatype?: string; 'xml:lang'?: string }>[] };
}

type Answer = { kind: 'error' } | { kind: 'boolean'; value: boolean } | { kind: 'rows'; vars: string[]; rows: string[] } | { kind: 'triples'; triples: string[] };

function termKey(t: { type: string; value: string; datatype?: string; 'xml:lang'?: string }): string {
  if (t.type === 'uri') return `<${t.value}>`;
  if (t.type === 'bnode') return '_:';
  const dt = t.datatype && t.datatype !== 'http://www.w3.org/2001/XMLSchema#string' ? `^^<${t.datatype}>` : '';
  return `${JSON.stringify(t.value)}${t['xml:lang'] ? `@${t['xml:lang'].toLowerCase()}` : dt}`;
}

function fromJson(json: SparqlJson): Answer {
  if (typeof json.boolean === 'boolean') return { kind: 'boolean', value: json.boolean };
  const vars = json.head.vars ?? [];
  // Each row as its bindings by variable name (the columns' order is compared in vars).
  const rows = (json.results?.bindings ?? []).map((b) =>
    [...vars]
      .sort()
      .flatMap((v) => {
        const t = b[v];
        return t ? [`${v}=${termKey(t)}`] : [];
      })
      .join(' '),
  );
  return { kind: 'rows', vars, rows };
}

function fromNTriples(text: string): Answer {
  const triples = new Parser({ format: 'N-Triples' })
    .parse(text)
    .map((q) => [q.subject, q.predicate, q.object].map((t) => (t.termType === 'BlankNode' ? '_:' : t.termType === 'NamedNode' ? `<${t.value}>` : t.id)).join(' '));
  return { kind: 'triples', triples: triples.sort() };
}

const ordered = (q: string) => /\bORDER\s+BY\b/i.test(q);
const wildcard = (q: string) => /\bSELECT\s+(?:DISTINCT\s+|REDUCED\s+)?\*/i.test(q.replace(/#[^\n]*/g, ''));
/**
 * What is compared: rows as a multiset unless the query orders them; for SELECT *
 * the set of columns, not their order (Oxigraph sorts them by name, the endpoint
 * gives them in the query's order: test/serve-protocol.test.ts).
 */
function comparable(a: Answer, query: string): Answer {
  if (a.kind !== 'rows') return a;
  return { ...a, vars: wildcard(query) ? [...a.vars].sort() : a.vars, rows: ordered(query) ? a.rows : [...a.rows].sort() };
}

let server: RunningServer;
let suite: { tests: QueryTest[]; leftOut: { name: string; why: string }[] };
const outcome: Record<string, 'agree' | 'both refuse' | 'disagree'> = {};
/** Tests whose answer had something in it (rows, triples or true): the comparison is not of empty answers. */
let nonEmpty = 0;

beforeAll(async () => {
  ensureCompiled();
  suite = readManifests();
  // Every file any test reads, once, as a named graph named by the file's IRI.
  const files = new Set(suite.tests.flatMap((t) => [...t.data, ...t.graphData]));
  const dump = path.join(mkdtempSync(path.join(os.tmpdir(), 'kld-w3c-query-')), 'all.nq');
  writeFileSync(
    dump,
    [...files]
      .sort()
      .map((f) => nquadsOf(f, f))
      .join(''),
  );
  server = await startServer({ port: 0, outputDir: path.dirname(dump), files: [dump], workers: 1, spare: false });
  await server.ready;
}, 120_000);

afterAll(async () => {
  const counts = Object.values(outcome).reduce<Record<string, number>>((acc, o) => ({ ...acc, [o]: (acc[o] ?? 0) + 1 }), {});
  const dis = Object.entries(outcome)
    .filter(([, o]) => o === 'disagree')
    .map(([n]) => n);
  console.log(
    `W3C SPARQL 1.1 query tests, endpoint vs bare Oxigraph: ${Object.keys(outcome).length} run; ${JSON.stringify(counts)}; ` +
      `left out ${suite.leftOut.length} (${[...new Set(suite.leftOut.map((l) => l.why))].join('; ')})${dis.length ? `; disagree: ${dis.join(', ')}` : ''}`,
  );
  await server?.close();
});

async function throughEndpoint(t: QueryTest, text: string): Promise<Answer> {
  const params = new URLSearchParams();
  // The query's own FROM / FROM NAMED define its dataset (protocol parameters would override them).
  if (!hasFrom(t.query)) {
    for (const g of t.data.length > 0 ? t.data : [EMPTY_GRAPH]) params.append('default-graph-uri', g);
    for (const g of t.graphData) params.append('named-graph-uri', g);
  }
  const res = await fetch(`${server.url}/sparql?${params.toString()}`, {
    method: 'POST',
    headers: { 'content-type': 'application/sparql-query', accept: 'application/sparql-results+json, application/n-triples;q=0.9' },
    body: text,
  });
  const body = await res.text();
  if (res.status !== 200) return { kind: 'error' };
  return res.headers.get('content-type')?.startsWith('application/n-triples') ? fromNTriples(body) : fromJson(JSON.parse(body) as SparqlJson);
}

function throughStore(t: QueryTest, text: string, graphForm: boolean): Answer {
  const store = new oxigraph.Store();
  const fromTargets = hasFrom(t.query);
  // Default data in the default graph; graph data (and, for FROM, every file) as named graphs named by their IRIs.
  for (const f of t.data) store.load(nquadsOf(f, fromTargets ? f : undefined), { format: 'application/n-quads' });
  for (const f of t.graphData) store.load(nquadsOf(f, f), { format: 'application/n-quads' });
  let out: string;
  try {
    out = store.query(text, { base_iri: t.queryIri, results_format: graphForm ? 'application/n-triples' : 'application/sparql-results+json' }) as string;
  } catch {
    return { kind: 'error' };
  }
  return graphForm ? fromNTriples(out) : fromJson(JSON.parse(out) as SparqlJson);
}

describe('W3C SPARQL 1.1 query evaluation tests: endpoint and bare store agree', () => {
  const { tests } = readManifests();
  it('finds the tests in the manifests', () => {
    expect(tests.length).toBeGreaterThan(200);
  });
  it.each(tests.map((t) => [t.name, t] as const))('%s', async (_name, t) => {
    const text = queryText(t);
    const endpoint = await throughEndpoint(t, text);
    const graphForm = endpoint.kind === 'triples' || /^\s*(?:(?:PREFIX|BASE)\b[^\n]*\n|#[^\n]*\n|\s)*(?:CONSTRUCT|DESCRIBE)\b/i.test(t.query);
    const store = throughStore(t, text, graphForm);
    const verdict = endpoint.kind === 'error' && store.kind === 'error' ? 'both refuse' : JSON.stringify(comparable(endpoint, t.query)) === JSON.stringify(comparable(store, t.query)) ? 'agree' : 'disagree';
    outcome[t.name] = verdict;
    if ((endpoint.kind === 'rows' && endpoint.rows.length > 0) || (endpoint.kind === 'triples' && endpoint.triples.length > 0) || (endpoint.kind === 'boolean' && endpoint.value)) nonEmpty++;
    if (t.kind.startsWith('NegativeSyntax')) expect(verdict).toBe('both refuse');
    else expect(comparable(endpoint, t.query)).toEqual(comparable(store, t.query));
  });
  it('compared answers with something in them, for nearly every test', () => {
    expect(Object.keys(outcome)).toHaveLength(tests.length);
    expect(nonEmpty).toBeGreaterThan(200);
  });
});
