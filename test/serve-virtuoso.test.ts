/**
 * The Virtuoso store (serve --store virtuoso, load): the example queries give
 * the same answers through /sparql on Virtuoso as on the embedded Oxigraph
 * store; a second load of an unchanged build loads nothing; a changed graph is
 * loaded again alone and a removed one dropped, with the union default graph
 * kept right; Virtuoso's terms come back as Oxigraph gives them.
 *
 * Needs Debian's virtuoso-opensource (virtuoso-t, isql-vt); .ci/run installs
 * it. Without it these tests are skipped, saying so.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type * as RDF from '@rdfjs/types';
import jsonld, { type JsonLdValue } from 'jsonld';
import { DataFactory, Parser as N3Parser } from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusString, paperId } from '../bench/corpus.js';
import { IriMinter } from '../src/rdf/iris.js';
import { OxigraphStore } from '../src/serve/oxigraph-store.js';
import { startServer, type RunningServer } from '../src/serve/server.js';
import { loadFiles } from '../src/serve/snapshot.js';
import { writeSnapshot } from '../src/publish/snapshot.js';
import { readStoreManifest } from '../src/output-layout.js';
import type { PushdownOptions, QueryForm } from '../src/serve/store.js';
import { loadExampleQueries } from '../src/serve/ui.js';
import { checkpointAtStart, findJemalloc, findVirtuoso, lostPort, START_CHECKPOINT_LOG_BYTES, VirtuosoError, VirtuosoInstance } from '../src/serve/virtuoso/instance.js';
import { STATE_FILE, loadDump, loadedAlready, readState, UNION_GRAPH } from '../src/serve/virtuoso/load.js';
import { TOKENS_FILE } from '../src/serve/virtuoso/text-graph.js';
import { textIndexOutput } from '../src/publish/text-index-file.js';
import type { TextIndexFile } from '../src/text-index-format.js';
import { openVirtuoso } from '../src/serve/virtuoso/open.js';
import { VirtuosoRunner } from '../src/serve/virtuoso/runner.js';
import { VirtuosoStore, type VirtuosoEndpoint } from '../src/serve/virtuoso/store.js';
import { bundledOutput, ensureCompiled, repoRoot } from './serve-fixture.js';
import { defined } from './helpers.js';
import { children } from '../bench/processes.js';

const binaries = findVirtuoso();
if (!binaries) {
  console.warn('skipping the Virtuoso store tests: virtuoso-t is not installed (apt-get install virtuoso-opensource; .ci/run installs it)');
}

const iri = new IriMinter();
const KLD = iri.ontology;
const temp: string[] = [];
const tempDir = (prefix: string) => {
  const d = mkdtempSync(path.join(os.tmpdir(), prefix));
  temp.push(d);
  return d;
};

/** A term as a comparable string; blank node labels are local to a store, so only their kind counts. */
function termKey(t: RDF.Term): string {
  if (t.termType === 'BlankNode') return '_:';
  if (t.termType === 'Literal') return `"${t.value}"@${t.language}^^${t.datatype.value}`;
  return `${t.termType}:${t.value}`;
}

interface JsonResults {
  head: { vars: string[] };
  results: { bindings: Record<string, { type: string; value: string; datatype?: string; 'xml:lang'?: string }>[] };
}

async function post(url: string, query: string, accept = 'application/sparql-results+json'): Promise<{ status: number; body: string }> {
  const res = await fetch(`${url}/sparql`, { method: 'POST', headers: { 'content-type': 'application/sparql-query', accept }, body: query });
  return { status: res.status, body: await res.text() };
}

/** The rows of a query's CSV answer through a runner, sorted. */
function csvRows(runner: VirtuosoRunner, query: string): Promise<string[]> {
  return new Promise<string[]>((resolve, reject) => {
    let body = '';
    runner.run(
      { query, accept: 'text/csv' },
      { head: () => {}, chunk: (c) => (body += c), end: () => resolve(body.trim().split('\r\n').slice(1).sort()), error: (status, message) => reject(new Error(`${status} ${message}`)) },
    );
  });
}

/** The triples of a CONSTRUCT/DESCRIBE answer, each as comparable text (blank nodes by kind: their labels are the store's). */
async function graphTriples(body: string, accept: string): Promise<string[]> {
  // Our JSON-LD is expanded (no context to fetch): to N-Quads with jsonld itself.
  const text = accept === 'application/ld+json' ? await jsonld.toRDF(JSON.parse(body) as JsonLdValue, { format: 'application/n-quads' }) : body;
  const quads = new N3Parser({ format: accept === 'text/turtle' ? 'Turtle' : 'N-Quads' }).parse(text);
  return quads.map((q) => [q.subject, q.predicate, q.object].map(termKey).join(' ')).sort();
}

describe('a Virtuoso start that lost its port', () => {
  it('is told apart from other failures (the messages virtuoso-t 7.2 prints), so start() tries new ports', () => {
    const stopped = (log: string) => new VirtuosoError(`Virtuoso stopped while starting (exit 1): ${log}`);
    expect(lostPort(stopped('23:01:02 Failed HTTP listen at 127.0.0.1:42677.'))).toBe(true);
    expect(lostPort(stopped("23:01:02 Failed to start listening at SQL port '127.0.0.1:41001'"))).toBe(true);
    expect(lostPort(stopped('23:01:02 Database file virtuoso.db is corrupt'))).toBe(false);
    expect(lostPort(new Error('Failed HTTP listen at 127.0.0.1:1'))).toBe(false);
  });
});

describe('whether a Virtuoso start checkpoints', () => {
  it('checkpoints a new database or a log with more than the header, and skips it otherwise', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kld-virtuoso-cp-'));
    expect(checkpointAtStart(dir)).toBe(true); // no database yet
    writeFileSync(path.join(dir, 'virtuoso.db'), '');
    expect(checkpointAtStart(dir)).toBe(true); // a database without its log
    writeFileSync(path.join(dir, 'virtuoso.trx'), Buffer.alloc(185));
    expect(checkpointAtStart(dir)).toBe(false); // the header alone, as `load` leaves it
    writeFileSync(path.join(dir, 'virtuoso.trx'), Buffer.alloc(START_CHECKPOINT_LOG_BYTES + 1));
    expect(checkpointAtStart(dir)).toBe(true); // transactions to fold in
    rmSync(dir, { recursive: true, force: true });
  });
});

describe.skipIf(!binaries)('the Virtuoso store', () => {
  let instance: VirtuosoInstance;
  let endpoint: VirtuosoEndpoint;
  let outputDir: string;

  beforeAll(async () => {
    ensureCompiled();
    outputDir = await bundledOutput();
    instance = await VirtuosoInstance.start({ dir: tempDir('kld-virtuoso-'), memoryMb: 256 });
  }, 240_000);

  afterAll(async () => {
    const pid = instance?.pid;
    await instance?.stop();
    if (pid !== undefined) expect(() => process.kill(pid, 0)).toThrow(); // no Virtuoso left behind
    for (const d of temp) rmSync(d, { recursive: true, force: true });
  });

  describe('on the bundled corpus, through /sparql', () => {
    let onVirtuoso: RunningServer;
    let onOxigraph: RunningServer;

    beforeAll(async () => {
      const manifest = readStoreManifest(outputDir);
      const first = await loadDump(instance, outputDir);
      expect(first.sameDump).toBe(false);
      expect(first.loaded).toHaveLength(manifest?.graphs ?? -1);
      expect(first.loadedQuads).toBe(manifest?.quads);
      endpoint = { url: instance.sparqlUrl, systemGraphs: readState(instance.dir)?.systemGraphs ?? [], quads: first.quads, dir: instance.dir };
      [onVirtuoso, onOxigraph] = await Promise.all([startServer({ port: 0, outputDir, workers: 1, spare: false, virtuoso: endpoint }), startServer({ port: 0, outputDir, workers: 1, spare: false })]);
      await Promise.all([onVirtuoso.ready, onOxigraph.ready]);
    }, 240_000);

    afterAll(async () => {
      await Promise.all([onVirtuoso?.close(), onOxigraph?.close()]);
    });

    it('loads nothing the second time for an unchanged build', async () => {
      const again = await loadDump(instance, outputDir);
      expect(again.sameDump).toBe(true);
      expect(again.loaded).toEqual([]);
      expect(again.quads).toBe(readStoreManifest(outputDir)?.quads);
    });

    const examples = loadExampleQueries(path.join(repoRoot, 'queries'));
    it.each(examples.map((e) => [e.name, e] as const))('%s: the same terms on Virtuoso as on Oxigraph, and its documented result', async (name, example) => {
      const [v, o] = await Promise.all([post(onVirtuoso.url, example.query), post(onOxigraph.url, example.query)]);
      expect(v.status, v.body).toBe(200);
      expect(o.status).toBe(200);
      const vj = JSON.parse(v.body) as JsonResults;
      const oj = JSON.parse(o.body) as JsonResults;
      expect(vj.head.vars).toEqual(oj.head.vars);
      const rows = (j: JsonResults) => j.results.bindings.map((b) => JSON.stringify(Object.entries(b).sort(([a], [b2]) => a.localeCompare(b2))));
      // Full terms (type, value, datatype, language), in order when the query orders them.
      if (/ORDER\s+BY/i.test(example.query)) expect(rows(vj)).toEqual(rows(oj));
      else expect(rows(vj).sort()).toEqual(rows(oj).sort());
      const expected = JSON.parse(readFileSync(path.join(repoRoot, 'queries', `${name}.expected.json`), 'utf8')) as unknown[];
      expect(vj.results.bindings).toHaveLength(expected.length);
    });

    it.each([
      ['every triple once in the default graph', 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }'],
      ['only our graphs in GRAPH ?g', 'SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g'],
      ['literals per language', 'SELECT ?lang (COUNT(*) AS ?n) WHERE { ?s ?p ?o FILTER(isLiteral(?o)) BIND(LANG(?o) AS ?lang) } GROUP BY ?lang ORDER BY ?lang'],
      ['the first literals in order', 'SELECT ?o WHERE { ?s ?p ?o FILTER(isLiteral(?o)) } ORDER BY ?o LIMIT 200'],
      ['FROM in the query', `SELECT (COUNT(*) AS ?n) FROM <${iri.base}graph/gazetteer> WHERE { ?s ?p ?o }`],
      ['ASK', `ASK { GRAPH <${iri.base}graph/kst-26150-187> { ?s a ?t } }`],
    ])('%s: the same answer on both stores', async (_what, query) => {
      const [v, o] = await Promise.all([post(onVirtuoso.url, query), post(onOxigraph.url, query)]);
      expect(v.status, v.body).toBe(200);
      expect(v.body).toBe(o.body);
    });

    const CONSTRUCT_GRAPH = `CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <${iri.base}graph/gazetteer> { ?s ?p ?o } }`;
    it.each([
      ['CONSTRUCT of a graph', 'application/n-triples', CONSTRUCT_GRAPH],
      ['CONSTRUCT of a graph', 'text/turtle', CONSTRUCT_GRAPH],
      ['CONSTRUCT of a graph', 'application/ld+json', CONSTRUCT_GRAPH],
      ["DESCRIBE (the resource's own triples)", 'application/n-triples', `DESCRIBE <${iri.document('kst-26150-187').value}>`],
      ["DESCRIBE (the resource's own triples)", 'text/turtle', `DESCRIBE <${iri.document('kst-26150-187').value}>`],
    ])('%s as %s: the same triples on both stores', async (_what, accept, query) => {
      const [v, o] = await Promise.all([post(onVirtuoso.url, query, accept), post(onOxigraph.url, query, accept)]);
      expect(v.status, v.body).toBe(200);
      const vt = await graphTriples(v.body, accept);
      expect(vt.length).toBeGreaterThan(10);
      expect(vt).toEqual(await graphTriples(o.body, accept));
      // N-Triples and Turtle are Virtuoso's own lines (tab-separated), not parsed and written again.
      if (accept !== 'application/ld+json') expect(v.body.split('\n')[0]).toMatch(/^\S+\t<[^>]+>\t.* \.$/);
    });

    it('passes N-Triples on through the result cache and with ETag and 304 as before', async () => {
      const url = `${onVirtuoso.url}/sparql?query=${encodeURIComponent(CONSTRUCT_GRAPH)}`;
      const get = (headers: Record<string, string> = {}) => fetch(url, { headers: { accept: 'text/turtle', ...headers } });
      const miss = await get({ 'cache-control': 'no-cache' });
      const missBody = await miss.text();
      const hit = await get();
      const hitBody = await hit.text();
      expect(hit.headers.get('x-cache')).toBe('hit');
      expect(hitBody).toBe(missBody);
      const etag = hit.headers.get('etag');
      expect(etag).toMatch(/^W\/"/);
      expect(miss.headers.get('etag')).toBe(etag);
      const revalidated = await get({ 'if-none-match': etag ?? '' });
      expect(revalidated.status).toBe(304);
      expect(await revalidated.text()).toBe('');
      // Another format is another answer, with another tag.
      const nt = await get({ accept: 'application/n-triples' });
      expect(nt.headers.get('etag')).not.toBe(etag);
      expect(await graphTriples(await nt.text(), 'application/n-triples')).toEqual(await graphTriples(hitBody, 'text/turtle'));
    });

    it('cuts the N-Triples passed on at the result cap, marked, never kept in the cache', async () => {
      const capped = await startServer({ port: 0, outputDir, workers: 1, spare: false, virtuoso: endpoint, maxResults: 5 });
      try {
        await capped.ready;
        const full = await graphTriples((await post(onVirtuoso.url, CONSTRUCT_GRAPH, 'application/n-triples')).body, 'application/n-triples');
        for (const accept of ['application/n-triples', 'text/turtle']) {
          const res = await fetch(`${capped.url}/sparql`, { method: 'POST', headers: { 'content-type': 'application/sparql-query', accept }, body: CONSTRUCT_GRAPH });
          expect(res.status).toBe(200);
          expect(res.headers.get('x-result-truncated')).toBe('true');
          expect(res.headers.get('etag')).toBeNull();
          const got = await graphTriples(await res.text(), accept);
          expect(got).toHaveLength(5);
          for (const t of got) expect(full).toContain(t);
        }
        expect(capped.cache.stats().entries).toBe(0);
      } finally {
        await capped.close();
      }
    });

    describe('word search through the text index graph', () => {
      const words: string[] = [];
      const sent: string[] = [];
      let indexed: VirtuosoRunner;
      let plain: VirtuosoRunner;
      let graph: string;
      const search = (word: string) => `SELECT ?a WHERE { ?a <${KLD}answerText> ?t FILTER(CONTAINS(?t, ${JSON.stringify(word)})) }`;
      const run = csvRows;

      beforeAll(async () => {
        const options = { endpoint, maxResults: 100_000, timeoutMs: 30_000, allowedServices: [], concurrency: 1 };
        indexed = new VirtuosoRunner({ ...options, onVirtuosoQuery: (text) => sent.push(text) });
        plain = new VirtuosoRunner({ ...options, textIndex: false });
        await Promise.all([indexed.whenReady(), plain.whenReady()]);
        graph = readState(instance.dir)?.textIndex?.graph ?? '';
        const texts = (await run(plain, `SELECT ?t WHERE { ?a <${KLD}answerText> ?t }`)).join(' ');
        const diacritic = /\p{L}*[éëïöüèê]\p{L}*/u.exec(texts)?.[0];
        const phrase = /\p{L}{4,} \p{L}{4,}/u.exec(texts)?.[0];
        expect(diacritic).toBeTruthy();
        expect(phrase).toBeTruthy();
        // A word of most texts, one with diacritics, pieces of words, a phrase, an absent word.
        words.push('het', 'kabinet', 'Kabinet', diacritic ?? 'één', 'financiele', 'ontwap', phrase ?? 'de regering', 'xyzzyq');
      }, 60_000);
      afterAll(async () => {
        await Promise.all([indexed?.close(), plain?.close()]);
      });

      it('gives the rows CONTAINS gives without the index and on the embedded store, joined with the index graph', async () => {
        expect(graph).toMatch(/^urn:x-kamerstukken-ld:text-index:[0-9a-f-]{36}$/);
        expect(await indexed.textIndexReady()).toBe(true);
        let found = 0;
        for (const word of words) {
          sent.length = 0;
          const [withIndex, without, embedded] = await Promise.all([run(indexed, search(word)), run(plain, search(word)), post(onOxigraph.url, search(word), 'text/csv')]);
          expect(withIndex, word).toEqual(without);
          expect(withIndex, word).toEqual(embedded.body.trim().split('\r\n').slice(1).sort());
          found += withIndex.length;
          expect(sent, word).toHaveLength(1);
          expect(sent[0], word).toContain(`GRAPH <${graph}>`);
          expect(sent[0], word).toContain('CONTAINS');
        }
        expect(found).toBeGreaterThan(100);
        expect((await run(plain, search('het'))).length).toBeGreaterThan(50);
        expect(indexed.textSearches).toBe(words.length);
        expect(plain.textSearches).toBe(0);
      });

      it('through serve: the runner reads the tokens of the database’s index graph', async () => {
        const runner = onVirtuoso.pool;
        expect(runner).toBeInstanceOf(VirtuosoRunner);
        if (!(runner instanceof VirtuosoRunner)) return;
        expect(await runner.textIndexReady()).toBe(true);
        const before = runner.textSearches;
        const [v, o] = await Promise.all([post(onVirtuoso.url, search('regering')), post(onOxigraph.url, search('regering'))]);
        expect(v.status, v.body).toBe(200);
        expect(v.body).toBe(o.body);
        expect(runner.textSearches).toBe(before + 1);
      });

      it('uses no index graph the load state does not give to the dump held, nor tokens of another graph', async () => {
        const state = readFileSync(path.join(instance.dir, STATE_FILE), 'utf8');
        const tokens = readFileSync(path.join(instance.dir, TOKENS_FILE), 'utf8');
        const stale = tempDir('kld-text-index-stale-');
        writeFileSync(path.join(stale, STATE_FILE), JSON.stringify({ ...(JSON.parse(state) as object), textIndex: { graph, dump: '0'.repeat(64) } }));
        writeFileSync(path.join(stale, TOKENS_FILE), tokens);
        const otherTokens = tempDir('kld-text-index-tokens-');
        writeFileSync(path.join(otherTokens, STATE_FILE), state);
        writeFileSync(path.join(otherTokens, TOKENS_FILE), tokens.replace(graph, `${graph}0`));
        for (const dir of [stale, otherTokens]) {
          const texts: string[] = [];
          const runner = new VirtuosoRunner({ endpoint: { ...endpoint, dir }, maxResults: 100_000, timeoutMs: 30_000, allowedServices: [], concurrency: 1, onVirtuosoQuery: (text) => texts.push(text) });
          try {
            expect(await runner.textIndexReady()).toBe(false);
            expect(await run(runner, search('kabinet'))).toEqual(await run(plain, search('kabinet')));
            expect(texts[0]).not.toContain(graph);
            expect(texts[0]).toContain('CONTAINS');
          } finally {
            await runner.close();
          }
        }
      });

      it('keeps the index graph out of sight: GRAPH ?g, the default graph, DESCRIBE, pages', async () => {
        // It is in Virtuoso …
        const res = await fetch(`${instance.sparqlUrl}?query=${encodeURIComponent(`SELECT (COUNT(*) AS ?n) WHERE { GRAPH <${graph}> { ?s ?p ?o } }`)}`, { headers: { accept: 'application/sparql-results+json' } });
        expect(Number((JSON.parse(await res.text()) as JsonResults).results.bindings[0]?.n?.value)).toBeGreaterThan(1000);
        // … and not in what the endpoint answers: the same as the embedded store, which has no such graph.
        for (const query of [
          'SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g',
          'SELECT * WHERE { GRAPH ?g { ?s ?p ?o } FILTER(CONTAINS(STR(?s), "text-index")) }',
          'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }',
          `SELECT (COUNT(*) AS ?n) WHERE { ?s <${KLD}answerText> ?o }`,
          'SELECT ?s WHERE { ?s ?p ?o FILTER(CONTAINS(STR(?s), "text-index")) }',
        ]) {
          const [v, o] = await Promise.all([post(onVirtuoso.url, query), post(onOxigraph.url, query)]);
          expect(v.status, v.body).toBe(200);
          expect(v.body, query).toBe(o.body);
        }
        // An answer whose text is indexed: its description is its own triples, the index's are not among them.
        const [answer] = await run(plain, search('kabinet'));
        expect(answer).toBeTruthy();
        const describe = `DESCRIBE <${answer ?? ''}>`;
        const [v, o] = await Promise.all([post(onVirtuoso.url, describe, 'application/n-triples'), post(onOxigraph.url, describe, 'application/n-triples')]);
        // As triples, not lines: Virtuoso's N-Triples are handed on as it writes them (tabs, \u escapes).
        expect((await graphTriples(v.body, 'application/n-triples')).length).toBeGreaterThan(0);
        expect(await graphTriples(v.body, 'application/n-triples')).toEqual(await graphTriples(o.body, 'application/n-triples'));
        for (const page of ['/', '/graph/kst-26150-187', '/id/', `/id/kst-26150-187`]) {
          const html = await fetch(`${onVirtuoso.url}${page}`, { headers: { accept: 'text/html' } });
          expect(html.status, page).toBe(200);
          expect(await html.text(), page).not.toContain('text-index');
        }
      });
    });

    it('keeps the endpoint policy: updates refused, results capped', async () => {
      const update = await post(onVirtuoso.url, `INSERT DATA { <urn:a> <urn:b> <urn:c> }`);
      expect(update.status).toBe(403);
      const dereferenced = await fetch(`${onVirtuoso.url}/id/kst-26150-187`, { headers: { accept: 'text/turtle' } });
      expect(dereferenced.status).toBe(200);
      expect(await dereferenced.text()).toContain('kst-26150-187');
    });
  });

  describe('loading by graph', () => {
    let dir: string;
    let dump: string;
    let store: VirtuosoStore;
    const g = (i: number) => iri.graph(paperId(i)).value;
    const TERMS = 'urn:x-test:terms';
    const termsGraph = [
      `<urn:x-test:s> <urn:x-test:bool> "true"^^<http://www.w3.org/2001/XMLSchema#boolean> <${TERMS}> .`,
      `<urn:x-test:s> <urn:x-test:false> "false"^^<http://www.w3.org/2001/XMLSchema#boolean> <${TERMS}> .`,
      `<urn:x-test:s> <urn:x-test:nni> "90"^^<http://www.w3.org/2001/XMLSchema#nonNegativeInteger> <${TERMS}> .`,
      `<urn:x-test:s> <urn:x-test:int> "-3"^^<http://www.w3.org/2001/XMLSchema#int> <${TERMS}> .`,
      `<urn:x-test:s> <urn:x-test:dec> "1.5"^^<http://www.w3.org/2001/XMLSchema#decimal> <${TERMS}> .`,
      `<urn:x-test:s> <urn:x-test:dt> "2024-01-02T03:04:05Z"^^<http://www.w3.org/2001/XMLSchema#dateTime> <${TERMS}> .`,
      `<urn:x-test:s> <urn:x-test:date> "2024-01-02"^^<http://www.w3.org/2001/XMLSchema#date> <${TERMS}> .`,
      `<urn:x-test:s> <urn:x-test:year> "2024"^^<http://www.w3.org/2001/XMLSchema#gYear> <${TERMS}> .`,
      `<urn:x-test:s> <urn:x-test:nl> "vraag"@nl <${TERMS}> .`,
      `<urn:x-test:s> <urn:x-test:en> "question"@en-GB <${TERMS}> .`,
      `<urn:x-test:s> <urn:x-test:plain> "gewoon \\"tekst\\" met \\\\ en\\nregel, é ’ «» 😀" <${TERMS}> .`,
      `<urn:x-test:s> <urn:x-test:blank> _:b1 <${TERMS}> .`,
      `_:b1 <urn:x-test:label> "blank" <${TERMS}> .`,
    ].join('\n');

    /** Write the dump and its manifest, as a build would. */
    async function publish(text: string): Promise<void> {
      writeFileSync(dump, text);
      await writeSnapshot(dir, { base: iri.base });
    }

    async function both(query: string, form: QueryForm, graphText = false): Promise<[string[], string[]]> {
      const options: PushdownOptions = { form, unionDefaultGraph: true, graphText };
      const oxigraph = new OxigraphStore();
      try {
        loadFiles([dump], oxigraph);
        const keys = (r: Awaited<ReturnType<VirtuosoStore['query']>>): string[] => {
          if (r.type === 'boolean') return [String(r.value)];
          if (r.type === 'ntriples' || r.type === 'quads') {
            const quads = r.type === 'ntriples' ? new N3Parser({ format: 'N-Triples' }).parse(r.text) : r.quads;
            return quads.map((q) => [q.subject, q.predicate, q.object].map(termKey).join(' ')).sort();
          }
          return r.solutions
            .map((s) =>
              [...s.entries()]
                .sort(([a], [b]) => a.localeCompare(b))
                .map(([k, t]) => `${k}=${termKey(t)}`)
                .join(' '),
            )
            .sort();
        };
        return [keys(await store.query(query, options)), keys(oxigraph.querySync(query, options))];
      } finally {
        oxigraph.close();
      }
    }

    beforeAll(() => {
      dir = tempDir('kld-virtuoso-dump-');
      dump = path.join(dir, 'kamerstukken-ld.nq');
    });

    it('loads new graphs and drops the ones gone from the dump', async () => {
      await publish(`${corpusString({ papers: 3 })}${termsGraph}\n`);
      const report = await loadDump(instance, dir);
      expect(report.loaded.sort()).toEqual([g(0), g(1), g(2), TERMS].sort());
      // The bundled corpus's paper loaded before is no longer in this dump; the gazetteer's graph is the same.
      expect(report.removed.sort()).toEqual([`${iri.base}graph/kst-26150-187`]);
      expect(report.unchanged).toBe(1);
      store = new VirtuosoStore({ url: instance.sparqlUrl, systemGraphs: readState(instance.dir)?.systemGraphs ?? [], quads: report.quads });
      const [v, o] = await both('SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }', 'bindings');
      expect(v).toEqual(o);
      const [vg, og] = await both('SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }', 'bindings');
      expect(vg).toEqual(og);
      expect(vg).toHaveLength(5);
    });

    it('sends a repeated query as it sent it before, and another dataset as another text', async () => {
      const texts: string[] = [];
      const watched = new VirtuosoStore({ url: instance.sparqlUrl, systemGraphs: readState(instance.dir)?.systemGraphs ?? [], quads: 0 }, undefined, (t) => texts.push(t));
      const query = 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }';
      const count = async (options: PushdownOptions) => {
        const r = await watched.query(query, options);
        return r.type === 'bindings' ? r.solutions[0]?.get('n')?.value : undefined;
      };
      const terms: PushdownOptions = { form: 'bindings', unionDefaultGraph: false, dataset: { defaultGraphs: [DataFactory.namedNode(TERMS)], namedGraphs: [] } };
      const union: PushdownOptions = { form: 'bindings', unionDefaultGraph: true };
      const all = await count(union);
      expect(await count(terms)).toBe('13');
      expect(await count(union)).toBe(all);
      expect(await count(terms)).toBe('13');
      expect(Number(all)).toBeGreaterThan(13);
      expect(texts[2]).toBe(texts[0]);
      expect(texts[3]).toBe(texts[1]);
      expect(texts[1]).not.toBe(texts[0]);
      expect(texts[1]).toContain(`DEFINE input:default-graph-uri <${TERMS}>`);
    });

    it("gives Virtuoso's terms as the embedded store gives them (datatypes, language tags, blank nodes)", async () => {
      const [v, o] = await both(`SELECT ?p ?o WHERE { GRAPH <${TERMS}> { <urn:x-test:s> ?p ?o } }`, 'bindings');
      expect(v).toHaveLength(12);
      expect(v).toEqual(o);
      expect(v).toContain('o="true"@^^http://www.w3.org/2001/XMLSchema#boolean p=NamedNode:urn:x-test:bool');
      expect(v).toContain('o="90"@^^http://www.w3.org/2001/XMLSchema#integer p=NamedNode:urn:x-test:nni');
      const [vq, oq] = await both(`CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <${TERMS}> { ?s ?p ?o } }`, 'quads');
      expect(vq).toHaveLength(13);
      expect(vq).toEqual(oq);
      // Handed on as N-Triples text: the same terms.
      const [vt] = await both(`CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <${TERMS}> { ?s ?p ?o } }`, 'quads', true);
      expect(vt).toEqual(oq);
    });

    it('loads a changed graph again alone', async () => {
      const before = readFileSync(dump, 'utf8');
      const paper = iri.document(paperId(1)).value;
      // One title changes; everything else, in every graph, stays as it was.
      const changed = before.replace(`<${paper}> <http://purl.org/dc/terms/title> "Verslag van een schriftelijk overleg 2"@nl`, `<${paper}> <http://purl.org/dc/terms/title> "Gewijzigde titel"@nl`);
      expect(changed).not.toBe(before);
      await publish(changed);
      const report = await loadDump(instance, dir);
      expect(report.loaded).toEqual([g(1)]);
      expect(report.removed).toEqual([]);
      expect(report.unchanged).toBe(4);
      const [v, o] = await both(`SELECT ?t WHERE { <${paper}> <http://purl.org/dc/terms/title> ?t }`, 'bindings');
      expect(v).toEqual(['t="Gewijzigde titel"@nl^^http://www.w3.org/1999/02/22-rdf-syntax-ns#langString']);
      expect(v).toEqual(o);
      const [vc, oc] = await both('SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }', 'bindings');
      expect(vc).toEqual(oc);
    });

    it('answers a repeated query from the result cache, and a load that changes a graph changes the answer', async () => {
      const paper = iri.document(paperId(0)).value;
      const query = `SELECT ?t WHERE { <${paper}> <http://purl.org/dc/terms/title> ?t }`;
      const server = await startServer({
        port: 0,
        outputDir: dir,
        workers: 1,
        spare: false,
        virtuoso: { url: instance.sparqlUrl, systemGraphs: readState(instance.dir)?.systemGraphs ?? [], quads: 0, dir: instance.dir },
      });
      try {
        await server.ready;
        const ask = async () => {
          const res = await fetch(`${server.url}/sparql`, { method: 'POST', headers: { 'content-type': 'application/sparql-query', accept: 'application/sparql-results+json' }, body: query });
          const json = (await res.json()) as JsonResults;
          return { cache: res.headers.get('x-cache'), etag: res.headers.get('etag'), titles: json.results.bindings.map((b) => b.t?.value) };
        };
        const first = await ask();
        expect(first.cache).toBe('miss');
        expect(first.titles).toEqual(['Verslag van een schriftelijk overleg 1']);
        const second = await ask();
        expect(second).toEqual({ ...first, cache: 'hit' });
        expect(server.cache.stats().hits).toBe(1);

        await publish(readFileSync(dump, 'utf8').replace(`<${paper}> <http://purl.org/dc/terms/title> "Verslag van een schriftelijk overleg 1"@nl`, `<${paper}> <http://purl.org/dc/terms/title> "Nieuwe titel"@nl`));
        const report = await loadDump(instance, dir);
        expect(report.loaded).toEqual([g(0)]);
        const after = await ask();
        expect(after.cache).toBe('miss');
        expect(after.titles).toEqual(['Nieuwe titel']);
        expect(after.etag).not.toBe(first.etag);
        expect((await ask()).cache).toBe('hit');
      } finally {
        await server.close();
      }
    });

    it('drops a removed graph from the union, keeping triples other graphs hold too', async () => {
      const lines = readFileSync(dump, 'utf8').split('\n');
      await publish(lines.filter((l) => !l.endsWith(`<${g(2)}> .`)).join('\n'));
      const report = await loadDump(instance, dir);
      expect(report.loaded).toEqual([]);
      expect(report.removed).toEqual([g(2)]);
      // The factions are the gazetteer's (its own graph): they stay; the removed paper's own triples go.
      const [v, o] = await both(`ASK { <${iri.faction('SP').value}> a <${KLD}Faction> }`, 'boolean');
      expect(v).toEqual(['true']);
      expect(o).toEqual(['true']);
      const [gone] = await both(`ASK { <${iri.document(paperId(2)).value}> ?p ?o }`, 'boolean');
      expect(gone).toEqual(['false']);
      const [vc, oc] = await both('SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }', 'bindings');
      expect(vc).toEqual(oc);
    });
    it('keeps the text index graph by graph: a changed paper’s tokens change with it, a dropped paper’s go', async () => {
      const K = `${iri.base}def#`;
      const withIndex = async (text: string) => {
        await publish(text);
        await textIndexOutput(iri.base)(dir, 'kamerstukken-ld.nq');
      };
      const indexGraph = async (): Promise<string[]> => {
        const graph = readState(instance.dir)?.textIndex?.graph ?? '';
        const query = `SELECT ?t ?s WHERE { GRAPH <${graph}> { ?t ?p ?s } }`;
        const res = await fetch(`${instance.sparqlUrl}?query=${encodeURIComponent(query)}`, { headers: { accept: 'application/sparql-results+json' } });
        const json = JSON.parse(await res.text()) as JsonResults;
        return json.results.bindings.map((b) => `${(b.t?.value ?? '').replace(`${graph}:t:`, '')} ${b.s?.value ?? ''}`).sort();
      };
      // What a graph written whole from the build's index holds (nothing is left out of so few texts).
      const expected = (): string[] => {
        const index = JSON.parse(readFileSync(path.join(dir, 'text-index.json'), 'utf8')) as TextIndexFile;
        return Object.values(index.predicates)
          .flatMap((data) => data.tokens.flatMap((token, i) => (data.postings[i] ?? []).map((id) => `${encodeURIComponent(token)} ${data.subjects[id] ?? ''}`)))
          .sort();
      };
      const searchRunner = (sent: string[]) =>
        new VirtuosoRunner({
          endpoint: { url: instance.sparqlUrl, systemGraphs: readState(instance.dir)?.systemGraphs ?? [], quads: 0, dir: instance.dir },
          maxResults: 100_000,
          timeoutMs: 30_000,
          allowedServices: [],
          concurrency: 1,
          onVirtuosoQuery: (t) => sent.push(t),
        });
      const rowsOf = (runner: VirtuosoRunner, word: string) => csvRows(runner, `SELECT ?a WHERE { ?a <${K}answerText> ?t FILTER(CONTAINS(?t, ${JSON.stringify(word)})) }`);

      // The same dump, now with its text index: the graph is written whole, nothing else is loaded.
      await withIndex(readFileSync(dump, 'utf8'));
      const whole = await loadDump(instance, dir);
      expect(whole.loaded).toEqual([]);
      expect(whole.textTriples).toBe(expected().length);
      expect(await indexGraph()).toEqual(expected());
      expect(loadedAlready(instance.dir, dir)?.sameDump).toBe(true);

      // One answer of paper 1 gets a new word and loses the ones it had: only that paper's texts are written again.
      const lines = readFileSync(dump, 'utf8').split('\n');
      const at = lines.findIndex((l) => l.endsWith(`<${g(1)}> .`) && l.includes(`<${K}answerText> "`));
      expect(at, 'a text line of paper 1').toBeGreaterThanOrEqual(0);
      const subject = /^<([^>]*)>/.exec(lines[at] ?? '')?.[1] ?? '';
      lines[at] = `<${subject}> <${K}answerText> "Zwitserland-beleid"@nl <${g(1)}> .`;
      await withIndex(lines.join('\n'));
      const changed = await loadDump(instance, dir);
      expect(changed.loaded).toEqual([g(1)]);
      expect(changed.textTriples).toBeGreaterThan(0);
      expect(changed.textTriples).toBeLessThan(whole.textTriples ?? 0);
      expect(await indexGraph()).toEqual(expected());
      expect((await indexGraph()).filter((l) => l.endsWith(` ${subject}`))).toEqual([`beleid ${subject}`, `zwitserland ${subject}`]);

      const sent: string[] = [];
      const runner = searchRunner(sent);
      try {
        expect(await runner.textIndexReady()).toBe(true);
        expect(await rowsOf(runner, 'zwitserland-')).toEqual([]);
        expect(await rowsOf(runner, 'Zwitserland-bel')).toEqual([subject]);
        expect(sent.every((t) => t.includes(`GRAPH <${readState(instance.dir)?.textIndex?.graph ?? ''}>`))).toBe(true);
      } finally {
        await runner.close();
      }

      // Paper 0 dropped: its texts' tokens go with it.
      await withIndex(
        readFileSync(dump, 'utf8')
          .split('\n')
          .filter((l) => !l.endsWith(`<${g(0)}> .`))
          .join('\n'),
      );
      const dropped = await loadDump(instance, dir);
      expect(dropped.removed).toEqual([g(0)]);
      expect(dropped.textTriples).toBe(0);
      const after = await indexGraph();
      expect(after).toEqual(expected());
      expect(after.some((l) => l.includes(`/${paperId(0)}/`))).toBe(false);

      // A build without its text index: the graph is no longer that of the dump held, and is not used.
      await publish(readFileSync(dump, 'utf8').replace('Zwitserland-beleid', 'Oostenrijk-beleid'));
      rmSync(path.join(dir, 'text-index.json'));
      const withoutIndex = await loadDump(instance, dir);
      expect(withoutIndex.textTriples).toBeUndefined();
      expect(readState(instance.dir)?.textIndex?.dump).toBeUndefined();
      const sent2: string[] = [];
      const stale = searchRunner(sent2);
      try {
        expect(await stale.textIndexReady()).toBe(false);
        expect(await rowsOf(stale, 'Oostenrijk')).toEqual([subject]);
        expect(sent2[0]).not.toContain('text-index');
      } finally {
        await stale.close();
      }
    });
  });
  describe('stopping', () => {
    it('stops Virtuoso when serve is stopped while Virtuoso starts: none is left holding the database', async () => {
      const db = tempDir('kld-virtuoso-signal-');
      const child = spawn(process.execPath, [path.join(repoRoot, 'bin', 'kamerstukken-ld.js'), 'serve', '--store', 'virtuoso', '--db', db, '--output', outputDir, '--port', '0'], {
        stdio: 'ignore',
      });
      const exited = once(child, 'exit');
      let virtuoso: number | undefined;
      while (virtuoso === undefined && child.exitCode === null) {
        virtuoso = children(child.pid).find((pid) => readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'virtuoso-t');
        await new Promise((r) => setTimeout(r, 10));
      }
      child.kill('SIGTERM'); // Virtuoso is starting (a new database): serve has not answered yet
      const [code] = (await exited) as [number | null];
      expect(code).toBe(143);
      const pid = defined(virtuoso);
      expect(() => process.kill(pid, 0)).toThrow();
    }, 120_000);
  });

  describe('starting on a database that holds the build', () => {
    it('starts the endpoint beside Virtuoso without reading the dump, and answers once Virtuoso does', async () => {
      const db = tempDir('kld-virtuoso-early-');
      const first = await openVirtuoso(outputDir, { dir: db, memoryMb: 256, early: true });
      // A new database: loaded before anything is answered.
      expect(first.report.sameDump).toBe(false);
      await first.instance.stop();
      const report = loadedAlready(db, outputDir);
      expect(report?.sameDump).toBe(true);
      expect(report?.quads).toBe(readStoreManifest(outputDir)?.quads);
      // Another dump (a manifest with another hash) is not "already loaded".
      const other = tempDir('kld-virtuoso-other-');
      writeFileSync(path.join(other, 'kamerstukken-ld.nq'), `<urn:x:s> <urn:x:p> "o" <urn:x:g> .\n`);
      await writeSnapshot(other, { base: iri.base });
      expect(loadedAlready(db, other)).toBeUndefined();

      // The load ended with a checkpoint: the transaction log holds only Virtuoso's header records,
      // so the next start rolls forward nothing of ours and skips Virtuoso's start-up checkpoint.
      expect(statSync(path.join(db, 'virtuoso.trx')).size).toBeLessThan(1024);
      expect(checkpointAtStart(db)).toBe(false);

      const logged: string[] = [];
      const again = await openVirtuoso(outputDir, { dir: db, memoryMb: 256, early: true, onLog: (line) => logged.push(line) });
      const server = await startServer({ port: 0, outputDir, workers: 1, virtuoso: again.endpoint });
      try {
        expect(again.report.sameDump).toBe(true);
        expect(again.endpoint.quads).toBe(readStoreManifest(outputDir)?.quads);
        // The first query is queued until Virtuoso answers (the runner waits on the instance, no polling).
        const res = await post(server.url, 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }');
        expect(res.status, res.body).toBe(200);
        const n = Number((JSON.parse(res.body) as JsonResults).results.bindings[0]?.n?.value);
        // The same count as Virtuoso's own endpoint gives for the union graph the endpoint reads.
        const bare = await fetch(`${again.instance.sparqlUrl}?query=${encodeURIComponent(`SELECT (COUNT(*) AS ?n) WHERE { GRAPH <${UNION_GRAPH}> { ?s ?p ?o } }`)}`, {
          headers: { accept: 'application/sparql-results+json' },
        });
        expect(n).toBe(Number((JSON.parse(await bare.text()) as JsonResults).results.bindings[0]?.n?.value));
        expect(n).toBeGreaterThan(1000);
        expect(logged.some((l) => /Server online at/.test(l))).toBe(true);
        // With jemalloc installed (libjemalloc2; .ci/run installs it), Virtuoso runs with it.
        const jemalloc = findJemalloc();
        if (jemalloc) expect(readFileSync(`/proc/${again.instance.pid}/maps`, 'utf8')).toContain(jemalloc);
        expect(logged.filter((l) => /Checkpoint started/.test(l))).toEqual([]);
        // Its log still holds only the header: the next start skips the checkpoint too.
        expect(checkpointAtStart(db)).toBe(false);
      } finally {
        await server.close();
        await again.instance.stop();
      }
    }, 240_000);
  });
});
