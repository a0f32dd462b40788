/**
 * Every example query in queries/ answered through /sparql on the bundled
 * corpus equals its documented result (queries/<name>.expected.json), served
 * from the snapshot the build leaves in output/.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCorpus, isOutputStale } from '../src/publish/build.js';
import { startServer, type RunningServer } from '../src/serve/server.js';
import { readStoreManifest } from '../src/output-layout.js';
import { loadExampleQueries } from '../src/serve/ui.js';
import { ensureCompiled, repoRoot } from './serve-fixture.js';

const examples = loadExampleQueries(path.join(repoRoot, 'queries'));
let server: RunningServer;

type Row = Record<string, string>;
interface JsonResults {
  head: { vars: string[] };
  results: { bindings: Record<string, { value: string }>[] };
}

beforeAll(async () => {
  ensureCompiled();
  // Use output/ when it is up to date; otherwise build the bundled corpus into a temporary directory.
  let output = path.join(repoRoot, 'output');
  const options = { corpus: path.join(repoRoot, 'corpus'), output, progress: false as const };
  if ((await isOutputStale(options)) || !readStoreManifest(output)) {
    output = mkdtempSync(path.join(os.tmpdir(), 'kld-build-'));
    const summary = await buildCorpus({ ...options, output });
    if (!summary.published_output) throw new Error(`the bundled corpus did not build: ${summary.line}`);
  }
  expect(readStoreManifest(output)?.quads).toBeGreaterThan(0);
  server = await startServer({ port: 0, outputDir: output, workers: 1 });
  await server.ready;
}, 180_000);

afterAll(async () => {
  await server?.close();
});

describe('example queries on the bundled corpus', () => {
  it('has example queries with their documented results', () => {
    expect(examples.length).toBeGreaterThan(0);
  });

  it.each(examples.map((e) => [e.name, e] as const))('%s gives its documented result', async (name, example) => {
    const expectedFile = path.join(repoRoot, 'queries', `${name}.expected.json`);
    expect(existsSync(expectedFile)).toBe(true);
    const expected = JSON.parse(readFileSync(expectedFile, 'utf8')) as Row[];
    const res = await fetch(`${server.url}/sparql`, {
      method: 'POST',
      headers: { 'content-type': 'application/sparql-query', accept: 'application/sparql-results+json' },
      body: example.query,
    });
    expect(res.status).toBe(200);
    const json = (await res.json()) as JsonResults;
    const rows: Row[] = json.results.bindings.map((b) => Object.fromEntries(Object.entries(b).map(([k, v]) => [k, v.value])));
    if (/ORDER\s+BY/i.test(example.query)) expect(rows).toEqual(expected);
    else expect(sortRows(rows)).toEqual(sortRows(expected));
  });
});

function sortRows(rows: Row[]): Row[] {
  const key = (r: Row) => JSON.stringify(Object.entries(r).sort(([a], [b]) => a.localeCompare(b)));
  return [...rows].sort((a, b) => key(a).localeCompare(key(b)));
}
