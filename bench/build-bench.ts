/**
 * Build benchmark: peak memory (max RSS) and time of `buildCorpus` at about
 * 10k, 100k and 1M triples, on copies of the seed's document model with
 * varied ids (ingest runs once; every copy is mapped, validated, framed and
 * written like a real document). Each size runs in a fresh child process so
 * that its peak RSS is its own.
 *
 *   npx tsc -p tsconfig.json && node dist/bench/build-bench.js [--no-snapshot] [--heap MB] [10000 100000 1000000]
 *
 * Shapes the result: streaming per document keeps peak RSS roughly flat as the
 * corpus grows (what does grow: the VoID statistics' sets of subject IRIs).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DocumentModel } from '../src/model.js';
import { readDocument } from '../src/read.js';
import { IriMinter } from '../src/rdf/iris.js';
import { documentToQuads } from '../src/rdf/mapping.js';
import { buildCorpus } from '../src/publish/build.js';
import { loadPipeline } from '../src/publish/pipeline.js';
import { packageFile } from '../src/package.js';

const SEED = packageFile('corpus/kst-26150-187.txt');

interface RunResult {
  target: number;
  documents: number;
  triples: number;
  seconds: number;
  maxRssMb: number;
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

async function runOne(target: number, workDir: string, snapshot: boolean): Promise<RunResult> {
  const minter = new IriMinter();
  const seed = await readDocument(SEED);
  const perDoc = documentToQuads(seed, minter).length;
  const documents = Math.max(1, Math.round(target / perDoc));
  const blocks = target < perDoc ? Math.max(1, Math.round((seed.blocks.length * target) / perDoc)) : seed.blocks.length;
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
    cachedSeconds,
  };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === '--child') {
    const [, count, target, snapshot] = args;
    if (target === undefined) throw new Error('usage: build-bench --child COUNT TARGET [no-snapshot]');
    const result = await runOne(Number(count), target, snapshot !== 'no-snapshot');
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  // Options: --no-snapshot (leave out the server's store.json step), --heap MB (cap the V8 heap of each run:
  // a build that streams per document fits the same cap at every size).
  const snapshot = !args.includes('--no-snapshot');
  const heapAt = args.indexOf('--heap');
  const heap = heapAt >= 0 ? Number(args[heapAt + 1]) : null;
  const numbers = args.filter((a, i) => /^\d+$/.test(a) && i !== heapAt + 1).map(Number);
  const sizes = numbers.length > 0 ? numbers : [10_000, 100_000, 1_000_000];
  console.log(`snapshot step: ${snapshot ? 'yes' : 'no'}; heap cap: ${heap === null ? 'none (V8 default)' : `${heap} MB`}`);
  const self = fileURLToPath(import.meta.url);
  console.log('| target | documents | triples | build s | peak RSS MB | rebuild from cache s |');
  console.log('|---|---|---|---|---|---|');
  for (const size of sizes) {
    const dir = mkdtempSync(path.join(tmpdir(), 'kld-bench-'));
    try {
      const flags = heap === null ? [] : [`--max-old-space-size=${heap}`];
      const out = execFileSync(process.execPath, [...flags, self, '--child', String(size), dir, snapshot ? 'snapshot' : 'no-snapshot'], {
        encoding: 'utf8',
        maxBuffer: 1 << 20,
      });
      const r = JSON.parse(out.trim().split('\n').pop() as string) as RunResult;
      console.log(`| ${r.target} | ${r.documents} | ${r.triples} | ${r.seconds.toFixed(1)} | ${r.maxRssMb.toFixed(0)} | ${r.cachedSeconds.toFixed(1)} |`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}

await main();
