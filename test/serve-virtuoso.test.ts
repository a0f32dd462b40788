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
import { checkpointAtStart, findJemalloc, findVirtuoso, START_CHECKPOINT_LOG_BYTES, VirtuosoInstance } from '../src/serve/virtuoso/instance.js';
import { loadDump, loadedAlready, readState, UNION_GRAPH } from '../src/serve/virtuoso/load.js';
import { openVirtuoso } from '../src/serve/virtuoso/open.js';
import { VirtuosoRunner } from '../src/serve/virtuoso/runner.js';
import { VirtuosoStore, type VirtuosoEndpoint } from '../src/serve/virtuoso/store.js';
import { TEXT_INDEX_FILE } from '../src/text-index-format.js';
import { bundledOutput, ensureCompiled, repoRoot } from './serve-fixture.js';
import { defined } from './helpers.js';

/** A process's children (Linux /proc). */
function childProcesses(pid: number | undefined): number[] {
  if (pid === undefined) return [];
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

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

    it.each([
      ['CONSTRUCT of a graph', `CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <${iri.base}graph/gazetteer> { ?s ?p ?o } }`],
      ["DESCRIBE (the resource's own triples)", `DESCRIBE <${iri.document('kst-26150-187').value}>`],
    ])('%s: the same triples on both stores', async (_what, query) => {
      const [v, o] = await Promise.all([post(onVirtuoso.url, query, 'application/n-triples'), post(onOxigraph.url, query, 'application/n-triples')]);
      expect(v.status, v.body).toBe(200);
      const lines = (s: string) => s.split('\n').filter(Boolean).sort();
      expect(lines(v.body).length).toBeGreaterThan(10);
      expect(lines(v.body)).toEqual(lines(o.body));
    });

    describe('word search through the text index', () => {
      const words: string[] = [];
      const sent: string[] = [];
      let indexed: VirtuosoRunner;
      let plain: VirtuosoRunner;
      const search = (word: string) => `SELECT ?a WHERE { ?a <${KLD}answerText> ?t FILTER(CONTAINS(?t, ${JSON.stringify(word)})) }`;
      const run = (runner: VirtuosoRunner, query: string) =>
        new Promise<string[]>((resolve, reject) => {
          let body = '';
          runner.run(
            { query, accept: 'text/csv' },
            { head: () => {}, chunk: (c) => (body += c), end: () => resolve(body.trim().split('\r\n').slice(1).sort()), error: (status, message) => reject(new Error(`${status} ${message}`)) },
          );
        });

      beforeAll(async () => {
        const options = { endpoint, maxResults: 100_000, timeoutMs: 30_000, allowedServices: [], concurrency: 1 };
        indexed = new VirtuosoRunner({ ...options, outputDir, onVirtuosoQuery: (text) => sent.push(text) });
        plain = new VirtuosoRunner(options);
        await Promise.all([indexed.whenReady(), plain.whenReady()]);
        const texts = (await run(plain, `SELECT ?t WHERE { ?a <${KLD}answerText> ?t }`)).join(' ');
        const diacritic = /\p{L}*[éëïöüèê]\p{L}*/u.exec(texts)?.[0];
        expect(diacritic).toBeTruthy();
        words.push('kabinet', 'Kabinet', diacritic ?? 'één', 'financiele', 'ontwap', 'xyzzyq');
      }, 60_000);
      afterAll(async () => {
        await Promise.all([indexed?.close(), plain?.close()]);
      });

      it('gives the rows CONTAINS gives without the index and on the embedded store, the candidates sent to Virtuoso', async () => {
        expect(await indexed.textIndexReady()).toBe(true);
        let found = 0;
        for (const word of words) {
          sent.length = 0;
          const [withIndex, without, embedded] = await Promise.all([run(indexed, search(word)), run(plain, search(word)), post(onOxigraph.url, search(word), 'text/csv')]);
          expect(withIndex, word).toEqual(without);
          expect(withIndex, word).toEqual(embedded.body.trim().split('\r\n').slice(1).sort());
          found += withIndex.length;
          // The query Virtuoso got holds the index's candidates: every answer among them.
          expect(sent, word).toHaveLength(1);
          expect(sent[0], word).toMatch(/\?a IN \(/);
          for (const row of withIndex) expect(sent[0]).toContain(`<${row}>`);
        }
        expect(found).toBeGreaterThan(10);
        expect(indexed.textSearches).toBe(words.length);
        expect(plain.textSearches).toBe(0);
      });

      it('through serve: the runner reads the build’s index', async () => {
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

      it('uses no index made from another dump: CONTAINS goes to Virtuoso as written', async () => {
        const other = tempDir('kld-text-index-other-');
        const file = readFileSync(path.join(outputDir, TEXT_INDEX_FILE), 'utf8');
        writeFileSync(path.join(other, TEXT_INDEX_FILE), file.replace(/"sha256":"[0-9a-f]{64}"/, `"sha256":"${'0'.repeat(64)}"`));
        const texts: string[] = [];
        const runner = new VirtuosoRunner({ endpoint, maxResults: 100_000, timeoutMs: 30_000, allowedServices: [], concurrency: 1, outputDir: other, onVirtuosoQuery: (text) => texts.push(text) });
        try {
          expect(await runner.textIndexReady()).toBe(false);
          expect(await run(runner, search('kabinet'))).toEqual(await run(plain, search('kabinet')));
          expect(texts[0]).not.toMatch(/ IN /);
          expect(texts[0]).toContain('CONTAINS');
        } finally {
          await runner.close();
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
      `<urn:x-test:s> <urn:x-test:plain> "gewoon \\"tekst\\" met \\\\ en\\nregel, é ’ «»" <${TERMS}> .`,
      `<urn:x-test:s> <urn:x-test:blank> _:b1 <${TERMS}> .`,
      `_:b1 <urn:x-test:label> "blank" <${TERMS}> .`,
    ].join('\n');

    /** Write the dump and its manifest, as a build would. */
    async function publish(text: string): Promise<void> {
      writeFileSync(dump, text);
      await writeSnapshot(dir, { base: iri.base });
    }

    async function both(query: string, form: QueryForm): Promise<[string[], string[]]> {
      const options: PushdownOptions = { form, unionDefaultGraph: true };
      const oxigraph = new OxigraphStore();
      try {
        loadFiles([dump], oxigraph);
        const keys = (r: Awaited<ReturnType<VirtuosoStore['query']>>): string[] => {
          if (r.type === 'boolean') return [String(r.value)];
          if (r.type === 'quads') return r.quads.map((q) => [q.subject, q.predicate, q.object].map(termKey).join(' ')).sort();
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
      // The bundled corpus loaded before is no longer in this dump.
      expect(report.removed.sort()).toEqual([`${iri.base}graph/gazetteer`, `${iri.base}graph/kst-26150-187`]);
      store = new VirtuosoStore({ url: instance.sparqlUrl, systemGraphs: readState(instance.dir)?.systemGraphs ?? [], quads: report.quads });
      const [v, o] = await both('SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }', 'bindings');
      expect(v).toEqual(o);
      const [vg, og] = await both('SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }', 'bindings');
      expect(vg).toEqual(og);
      expect(vg).toHaveLength(4);
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
      expect(report.unchanged).toBe(3);
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
      // Every paper's graph states the factions: they stay; the removed paper's own triples go.
      const [v, o] = await both(`ASK { <${iri.faction('SP').value}> a <${KLD}Faction> }`, 'boolean');
      expect(v).toEqual(['true']);
      expect(o).toEqual(['true']);
      const [gone] = await both(`ASK { <${iri.document(paperId(2)).value}> ?p ?o }`, 'boolean');
      expect(gone).toEqual(['false']);
      const [vc, oc] = await both('SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }', 'bindings');
      expect(vc).toEqual(oc);
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
        virtuoso = childProcesses(child.pid).find((pid) => readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'virtuoso-t');
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
