/**
 * Clients this project did not write, on their defaults, against the endpoint
 * serving the bundled corpus: SPARQLWrapper (XML results, RDF/XML graphs, GET)
 * and rdflib's SPARQLStore, for SELECT, ASK, CONSTRUCT and DESCRIBE. And the
 * endpoint's answers compared with rdflib's own evaluation of the published
 * N-Quads (default graph = the set union of the named graphs).
 *
 * Needs Debian's python3-rdflib and python3-sparqlwrapper (.ci/run installs
 * them); without them the test says so and skips.
 */
import { execFile, spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../src/serve/server.js';
import { readStoreManifest } from '../src/output-layout.js';
import { loadExampleQueries } from '../src/serve/ui.js';
import { bundledOutput, ensureCompiled, repoRoot } from './serve-fixture.js';

const PYTHON = '/usr/bin/python3';
const probe = spawnSync(PYTHON, ['-c', 'import rdflib, SPARQLWrapper'], { encoding: 'utf8' });
const hasClients = probe.status === 0;
if (!hasClients) console.warn(`serve-clients: skipped: ${PYTHON} with python3-rdflib and python3-sparqlwrapper is not installed (${probe.error?.message ?? probe.stderr.trim()})`);

const KLD = 'https://w3id.org/kamerstukken-ld/def#';
const ID = 'https://w3id.org/kamerstukken-ld/id/';

type Answer = { kind: 'rows'; rows: string[] } | { kind: 'boolean'; boolean: boolean } | { kind: 'graph'; triples: string[] };
type Report = Record<string, { rdflib?: Answer; sparqlwrapper: Answer; sparqlstore: Answer }> & { __contexts__: string[] };

const queries = [
  ...loadExampleQueries(path.join(repoRoot, 'queries')).map((e) => ({ name: e.name, query: e.query })),
  { name: 'vvd-is-one-faction', query: `SELECT (COUNT(*) AS ?n) { <${ID}fractie/vvd> a <${KLD}Faction> }` },
  {
    // The README's treaty question over the default graph (no GRAPH): a set, so facts copied into several graphs count once.
    name: 'treaty-mentions-per-faction-default-graph',
    query: `PREFIX kld: <${KLD}> PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?faction (COUNT(*) AS ?n) WHERE {
  ?mention kld:mentions <${ID}verdrag/npt> . ?item kld:mention ?mention .
  OPTIONAL { ?item a kld:Answer ; kld:answers ?answered . ?answered a kld:QuestionBlock . }
  BIND(COALESCE(?answered, ?item) AS ?block)
  ?block kld:askedBy ?f . ?f skos:notation ?faction .
} GROUP BY ?faction`,
  },
  { name: 'ask', query: `ASK { <${ID}fractie/vvd> a <${KLD}Faction> }` },
  { name: 'construct', query: `CONSTRUCT { ?f a <${KLD}Faction> ; <http://www.w3.org/2004/02/skos/core#notation> ?n } WHERE { ?f a <${KLD}Faction> ; <http://www.w3.org/2004/02/skos/core#notation> ?n }` },
];
const DESCRIBE = { name: 'describe', query: `DESCRIBE <${ID}fractie/vvd>`, local: false };

let server: RunningServer | undefined;
let report: Report;
let nquads: string;

beforeAll(async () => {
  if (!hasClients) return;
  ensureCompiled();
  const output = await bundledOutput();
  nquads = path.join(output, readStoreManifest(output)!.file);
  server = await startServer({ port: 0, outputDir: output, workers: 1 });
  await server.ready;
  const job = { endpoint: `${server.url}/sparql`, nquads, queries: [...queries, DESCRIBE] };
  // Asynchronously: the server answers from this very process.
  const stdout = await new Promise<string>((resolve, reject) => {
    const child = execFile(PYTHON, [path.join(repoRoot, 'test/clients/clients.py')], { encoding: 'utf8', maxBuffer: 64 << 20, timeout: 120_000 }, (err, out, errText) =>
      err ? reject(new Error(`${err.message}\n${errText}`)) : resolve(out),
    );
    child.stdin!.end(JSON.stringify(job));
  });
  report = JSON.parse(stdout) as Report;
}, 180_000);

afterAll(async () => {
  await server?.close();
});

describe.skipIf(!hasClients)('real clients on their defaults, and rdflib on the N-Quads', () => {
  it.each(queries.map((q) => [q.name]))('%s: the endpoint answers SPARQLWrapper and SPARQLStore as rdflib answers on the N-Quads', (name) => {
    const r = report[name];
    expect(r?.rdflib).toBeDefined();
    expect(r?.sparqlwrapper).toEqual(r?.rdflib);
    expect(r?.sparqlstore).toEqual(r?.rdflib);
  });

  it('gives 1 for the VVD faction and PvdA 10 NPT mentions over the default graph, as rdflib does', () => {
    expect(report['vvd-is-one-faction']?.sparqlwrapper).toEqual({ kind: 'rows', rows: ['["\\"1\\"^^<http://www.w3.org/2001/XMLSchema#integer>"]'] });
    const rows = (report['treaty-mentions-per-faction-default-graph']?.sparqlwrapper as { rows: string[] }).rows.map((r) => JSON.parse(r) as string[]);
    expect(rows.find((r) => r[0] === '"PvdA"')?.[1]).toBe('"10"^^<http://www.w3.org/2001/XMLSchema#integer>');
  });

  it('answers DESCRIBE in RDF/XML to both clients with the same triples', () => {
    const r = report.describe;
    expect(r?.sparqlwrapper.kind).toBe('graph');
    const triples = (r?.sparqlwrapper as { triples: string[] }).triples;
    expect(triples.length).toBeGreaterThan(0);
    expect(triples.some((t) => t.includes('<http://www.w3.org/2004/02/skos/core#notation> "VVD"'))).toBe(true);
    expect(r?.sparqlstore).toEqual(r?.sparqlwrapper);
  });

  it("lists the named graphs through SPARQLStore's contexts() (GRAPH ?g {})", () => {
    expect(report.__contexts__).toContain('https://w3id.org/kamerstukken-ld/graph/gazetteer');
    expect(report.__contexts__.length).toBe(readStoreManifest(path.dirname(nquads))!.graphs);
  });
});
