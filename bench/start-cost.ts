/**
 * What start costs on the embedded store, step by step, at a size (default 1M triples): the bench's
 * generated corpus written as a build leaves it (the N-Quads dump, store.json, text-index.json), then
 * in this process what one query worker does before its first answer — Oxigraph loads the dump,
 * materialises the union graph, reads the text index — and, for comparison, the index built from the
 * store the way a worker did before the build wrote it (on the first CONTAINS query of each worker).
 * Also the build's cost of writing the index file, and the first CONTAINS query with either index.
 *
 *   npx tsc -p tsconfig.json && node dist/bench/start-cost.js [triples]
 *
 * With --virtuoso DIR [--starts N]: the same for the Virtuoso store (virtuoso-start.ts), on a data
 * directory `npm run bench -- --data` kept: each step of Virtuoso's start and of the endpoint's.
 */
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { DEFAULT_BASE } from '../src/rdf/iris.js';
import { Engine } from '../src/serve/engine.js';
import { OxigraphStore } from '../src/serve/oxigraph-store.js';
import { loadSnapshot } from '../src/serve/snapshot.js';
import { writeSnapshot } from '../src/publish/snapshot.js';
import { textIndexOutput } from '../src/publish/text-index-file.js';
import { readTextIndexes } from '../src/serve/text-index-file.js';
import { TEXT_INDEX_FILE } from '../src/text-index-format.js';
import { TextSearch } from '../src/serve/text-index.js';
import { RARE_WORD, generateCorpus, papersFor } from './corpus.js';
import { containsInAnswers } from './queries.js';

const load = (): string =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');

async function timed<T>(fn: () => T | Promise<T>): Promise<{ value: T; ms: number }> {
  const t0 = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - t0 };
}

async function firstContains(engine: Engine): Promise<number> {
  // The bench's CONTAINS query (bench/queries.ts): answers' kld:answerText.
  const r = await engine.run({ query: containsInAnswers(RARE_WORD), accept: 'text/csv' });
  let body = '';
  for await (const c of r.data) body += String(c);
  return body.trim().split('\r\n').length - 1;
}

async function main(): Promise<void> {
  const triples = Number(process.argv[2] ?? 1_000_000);
  const dir = mkdtempSync(path.join(tmpdir(), 'kld-start-cost-'));
  try {
    console.log(`start cost on the embedded store at ${triples} triples; load average at start: ${load()}`);
    const dump = path.join(dir, 'kamerstukken-ld.nq');
    let text = '';
    for (const chunk of generateCorpus({ papers: papersFor(triples) })) text += chunk;
    writeFileSync(dump, text);
    text = '';
    await writeSnapshot(dir, { base: DEFAULT_BASE });
    const written = await timed(() => textIndexOutput(DEFAULT_BASE)(dir, dump));
    const indexBytes = statSync(path.join(dir, TEXT_INDEX_FILE)).size;
    console.log(`| step | ms |`);
    console.log(`|---|---|`);
    console.log(`| build: write ${TEXT_INDEX_FILE} (${(indexBytes / 1e6).toFixed(1)} MB) from the dump (${(statSync(dump).size / 1e6).toFixed(0)} MB) | ${written.ms.toFixed(0)} |`);
    const store = new OxigraphStore();
    const loaded = await timed(() => loadSnapshot(dir, store));
    console.log(`| worker: Oxigraph loads the dump (${loaded.value.quads} quads, trusted) | ${loaded.ms.toFixed(0)} |`);
    const union = await timed(() => store.materializeUnion());
    console.log(`| worker: materialise the union graph | ${union.ms.toFixed(0)} |`);
    const read = await timed(() => readTextIndexes(dir, loaded.value.build));
    console.log(`| worker: read ${TEXT_INDEX_FILE} (${read.value.size} predicates) | ${read.ms.toFixed(0)} |`);
    const withFile = new Engine({ stores: [store], maxResults: 1_000_000, textSearch: new TextSearch(store, read.value) });
    const first = await timed(() => firstContains(withFile));
    console.log(`| first CONTAINS "${RARE_WORD}" with the build's index (${first.value} rows) | ${first.ms.toFixed(0)} |`);
    const lazy = new Engine({ stores: [store], maxResults: 1_000_000, textSearch: new TextSearch(store) });
    const lazyFirst = await timed(() => firstContains(lazy));
    console.log(`| before: first CONTAINS "${RARE_WORD}", the kld:answerText index built from the store on the way (${lazyFirst.value} rows) | ${lazyFirst.ms.toFixed(0)} |`);
    const lazySecond = await timed(() => firstContains(lazy));
    console.log(`| the same query again (index kept) | ${lazySecond.ms.toFixed(0)} |`);
    console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB; load average at the end: ${load()}`);
    store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const virtuosoAt = process.argv.indexOf('--virtuoso');
if (virtuosoAt >= 0) {
  const dir = process.argv[virtuosoAt + 1];
  const startsAt = process.argv.indexOf('--starts');
  if (dir === undefined) throw new Error('usage: start-cost.js --virtuoso DIR [--starts N]');
  const { virtuosoStartCost } = await import('./virtuoso-start.js');
  await virtuosoStartCost(dir, startsAt >= 0 ? Number(process.argv[startsAt + 1] ?? 1) : 1);
} else {
  await main();
}
