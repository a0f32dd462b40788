/**
 * Build benchmark: peak memory (max RSS, and the build thread's heap) and time of `buildCorpus` at about
 * 10k, 100k, 1M and 10M triples, on copies of the seed's document model with varied ids (ingest runs
 * once; every copy is mapped, validated, framed and written like a real document, and published: each
 * has its own id). Each size runs in a fresh child process so that its peak RSS is its own. With
 * --papers the sizes are numbers of papers instead, each copy cut to about 1,400 triples (a real
 * Kamervragen paper's size), to show memory against the number of papers. The last line gives each
 * size's peak against the smallest's (×1.00 is flat).
 *
 *   npx tsc -p tsconfig.json && node dist/bench/build-bench.js [--no-snapshot] [--heap MB] [10000 100000 1000000 10000000]
 *   node dist/bench/build-bench.js --papers [1000 3000 10000]
 *
 * The pipeline runs in the build's own thread here (an injected pipeline), one document at a time.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DocumentModel } from '../src/model.js';
import { readDocument } from '../src/read.js';
import { IriMinter } from '../src/rdf/iris.js';
import { documentToQuads } from '../src/rdf/mapping.js';
import { buildCorpus } from '../src/publish/build.js';
import { loadPipeline } from '../src/publish/pipeline.js';
import { packageFile } from '../src/package.js';
import { heapSampler } from './memory.js';

const SEED = packageFile('corpus/kst-26150-187.txt');

/** Triples per paper aimed at in --papers mode (the real papers of ../shared: 123,843 triples in 91 papers); blocks are cut whole, so a copy has about 1,500. */
const PAPER_TRIPLES = 1_400;

interface RunResult {
  target: number;
  documents: number;
  triples: number;
  seconds: number;
  maxRssMb: number;
  /** The build thread's largest heap in use (sampled every 50 ms over both builds). */
  heapMb: number;
  cachedSeconds: number;
}

/** A copy of the seed model with its own id, truncated to `blocks` blocks. */
function copyOf(seed: DocumentModel, n: number, blocks: number): DocumentModel {
  const ondernummer = String(1000 + n);
  const id = `kst-26150-${ondernummer}`;
  const kept = seed.blocks.slice(0, blocks);
  const indices = new Set(kept.map((b) => b.index));
  return {
    ...seed,
    id,
    ondernummer,
    blocks: kept,
    footnotes: seed.footnotes.filter((f) => f.block === null || indices.has(f.block)),
    source: { ...seed.source, file: `${id}.txt`, sha256: `${seed.source.sha256.slice(0, 56)}${n.toString(16).padStart(8, '0')}` },
  };
}

/** target: triples, or (papers) the number of papers of about PAPER_TRIPLES triples each. */
async function runOne(target: number, workDir: string, snapshot: boolean, papers: boolean): Promise<RunResult> {
  const minter = new IriMinter();
  const seed = await readDocument(SEED);
  const perDoc = documentToQuads(seed, minter).length;
  const perCopy = papers ? Math.min(PAPER_TRIPLES, perDoc) : Math.min(target, perDoc);
  const documents = papers ? target : Math.max(1, Math.round(target / perDoc));
  const blocks = perCopy < perDoc ? Math.max(1, Math.round((seed.blocks.length * perCopy) / perDoc)) : seed.blocks.length;
  const corpus = path.join(workDir, 'corpus');
  mkdirSync(corpus, { recursive: true });
  for (let i = 0; i < documents; i++) writeFileSync(path.join(corpus, `kst-26150-${1000 + i}.txt`), `copy ${i}\n`);
  const real = await loadPipeline(minter);
  const pipeline = {
    ...real,
    readDocument: async (file: string) => copyOf(seed, Number(/copy (\d+)/.exec(readFileSync(file, 'utf8'))?.[1]), blocks),
  };
  const options = {
    corpus,
    output: path.join(workDir, 'output'),
    cacheDir: path.join(workDir, 'cache'),
    pipeline,
    progress: false as const,
    date: '2024-01-01',
    // Without the server's snapshot step, to measure the build's own streaming.
    ...(snapshot ? {} : { extraOutputs: [] }),
  };
  const heap = heapSampler();
  const t0 = process.hrtime.bigint();
  const summary = await buildCorpus(options);
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const t1 = process.hrtime.bigint();
  await buildCorpus(options); // everything from the cache
  const cachedSeconds = Number(process.hrtime.bigint() - t1) / 1e9;
  if (summary.exitCode !== 0) throw new Error(`bench build failed: ${summary.line}\n${summary.reportText.slice(0, 2000)}`);
  return {
    target,
    documents,
    triples: summary.triples,
    seconds,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    heapMb: heap(),
    cachedSeconds,
  };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === '--child') {
    const [, count, target, snapshot, mode] = args;
    if (target === undefined) throw new Error('usage: build-bench --child COUNT TARGET snapshot|no-snapshot [papers]');
    const result = await runOne(Number(count), target, snapshot !== 'no-snapshot', mode === 'papers');
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  // Options: --no-snapshot (leave out the server's store.json step), --heap MB (cap the V8 heap of each run:
  // a build that streams per document fits the same cap at every size).
  // --papers: the sizes are numbers of papers of about PAPER_TRIPLES triples.
  const snapshot = !args.includes('--no-snapshot');
  const papers = args.includes('--papers');
  const heapAt = args.indexOf('--heap');
  const heap = heapAt >= 0 ? Number(args[heapAt + 1]) : null;
  const numbers = args.filter((a, i) => /^\d+$/.test(a) && i !== heapAt + 1).map(Number);
  const sizes = numbers.length > 0 ? numbers : papers ? [1_000, 3_000, 10_000] : [10_000, 100_000, 1_000_000, 10_000_000];
  const load = (): string =>
    loadavg()
      .map((l) => l.toFixed(1))
      .join(' ');
  console.log(`snapshot step: ${snapshot ? 'yes' : 'no'}; heap cap: ${heap === null ? 'none (V8 default)' : `${heap} MB`}; load average at start: ${load()}`);
  const self = fileURLToPath(import.meta.url);
  console.log(`| ${papers ? 'papers' : 'target triples'} | documents | triples | build s | peak RSS MB | build thread peak heap MB | rebuild from cache s |`);
  console.log('|---|---|---|---|---|---|---|');
  const results: RunResult[] = [];
  for (const size of sizes) {
    const dir = mkdtempSync(path.join(tmpdir(), 'kld-bench-'));
    try {
      const flags = heap === null ? [] : [`--max-old-space-size=${heap}`];
      const out = execFileSync(process.execPath, [...flags, self, '--child', String(size), dir, snapshot ? 'snapshot' : 'no-snapshot', papers ? 'papers' : 'triples'], {
        encoding: 'utf8',
        maxBuffer: 1 << 20,
      });
      const r = JSON.parse(out.trim().split('\n').pop() as string) as RunResult;
      results.push(r);
      console.log(`| ${r.target} | ${r.documents} | ${r.triples} | ${r.seconds.toFixed(1)} | ${r.maxRssMb.toFixed(0)} | ${r.heapMb.toFixed(0)} | ${r.cachedSeconds.toFixed(1)} |`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const [small] = results;
  if (small !== undefined && results.length > 1) {
    const ratios = (f: (r: RunResult) => number): string => results.map((r) => `${r.documents}: ${f(r).toFixed(0)} MB (×${(f(r) / f(small)).toFixed(2)})`).join(', ');
    console.log(`by documents, peak RSS ${ratios((r) => r.maxRssMb)}; build thread peak heap ${ratios((r) => r.heapMb)}`);
  }
  console.log(`load average at the end: ${load()}`);
}

await main();
