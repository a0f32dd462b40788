/**
 * Build throughput on real papers: the text papers of ../shared (corpus, corpus-wild) replicated to
 * 1,000 and 10,000 files (each copy made unique by a trailing line of white space that encodes its
 * number, so that the cache cannot answer for it), built with the project's pipeline at --jobs 1 and
 * --jobs N (default: the cores available). Prints papers per second, per core and in total, and the
 * build's peak RSS (main thread and workers: one process), and papers per CPU second (all threads): on a
 * shared machine the wall-clock rate per job says more about the other processes than about the build,
 * while CPU seconds are the build's own. Then the ratio of build times, largest size to smallest, per
 * jobs (linear: the ratio of the sizes). Copies share their paper's official id, so
 * all but the first of each are reported as duplicates after being processed in full: the figure is
 * of documents processed (read, RDF, SHACL, JSON-LD, Turtle, cached).
 *
 * --stages N: instead, N copies processed one after the other in this thread by the build's own
 * processDocument, printing the CPU milliseconds per paper of each of its steps (after a warm-up of one
 * pass over the real papers); run it under `node --cpu-prof` for a profile of the per-document work.
 *
 *   npx tsc -p tsconfig.json && node dist/bench/build-throughput.js [--jobs N] [1000 10000]
 *   node dist/bench/build-throughput.js --stages 500
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { heapSampler } from './memory.js';
import { buildCorpus } from '../src/publish/build.js';
import { BuildCache, cacheKey } from '../src/publish/cache.js';
import { buildContext } from '../src/publish/context.js';
import { type DocumentStep, outputPrefixes, processDocument } from '../src/publish/document.js';
import { loadPipeline } from '../src/publish/pipeline.js';
import { packageRoot } from '../src/package.js';
import { DEFAULT_BASE, IriMinter } from '../src/rdf/iris.js';

interface Result {
  papers: number;
  jobs: number;
  seconds: number;
  cpuSeconds: number;
  processed: number;
  maxRssMb: number;
  /** The build thread's largest V8 heap in use, sampled every 50 ms (the workers' heaps are in the RSS only). */
  mainHeapMb: number;
}

function realPapers(): string[] {
  const shared = path.resolve(packageRoot(), '..', 'shared');
  return ['corpus', 'corpus-wild']
    .map((d) => path.join(shared, d))
    .flatMap((d) =>
      readdirSync(d)
        .filter((n) => n.endsWith('.txt'))
        .map((n) => path.join(d, n)),
    )
    .sort();
}

/** A line of spaces and tabs spelling n in binary: white space to every reader, unique bytes to the cache. */
const mark = (n: number): string => `\n${n.toString(2).replace(/0/g, ' ').replace(/1/g, '\t')}\n`;

/** `papers` unique copies of the real papers in dir/corpus, in source order; their paths. */
function writeCopies(papers: number, dir: string): string[] {
  const sources = realPapers();
  const corpus = path.join(dir, 'corpus');
  mkdirSync(corpus, { recursive: true });
  const texts = sources.map((f) => readFileSync(f));
  const files: string[] = [];
  for (let i = 0; i < papers; i++) {
    const k = i % texts.length;
    const name = `${String(i).padStart(6, '0')}-${path.basename(sources[k] ?? 'x.txt')}`;
    files.push(path.join(corpus, name));
    writeFileSync(path.join(corpus, name), Buffer.concat([texts[k] ?? Buffer.alloc(0), Buffer.from(mark(i + 1))]));
  }
  return files;
}

const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** CPU ms per paper of each step of processDocument, in this thread, after a warm-up pass over the real papers. */
async function stages(papers: number, dir: string): Promise<void> {
  const files = writeCopies(papers, dir);
  const warmUp = Math.min(realPapers().length, Math.floor(papers / 2));
  const minter = new IriMinter(DEFAULT_BASE);
  const pipeline = await loadPipeline(minter);
  const context = buildContext(minter, { ontology: pipeline.ontology(), shapes: pipeline.shapes(), extra: pipeline.gazetteer() });
  const cache = new BuildCache(path.join(dir, 'cache'));
  const prefixes = outputPrefixes(minter);
  const spent = new Map<DocumentStep | 'total', number>();
  let measured = 0;
  for (const [i, file] of files.entries()) {
    const sha = createHash('sha256').update(readFileSync(file)).digest('hex');
    const counts = i >= warmUp;
    const start = cpuMs();
    let last = start;
    const step = (s: DocumentStep): void => {
      const now = cpuMs();
      if (counts) spent.set(s, (spent.get(s) ?? 0) + now - last);
      last = now;
    };
    await processDocument(pipeline, (f) => pipeline.readDocument(f), file, sha, cacheKey(sha, pipeline.version, minter.base), cache, context, minter.context().value, prefixes, step);
    if (counts) {
      spent.set('total', (spent.get('total') ?? 0) + cpuMs() - start);
      measured++;
    }
  }
  console.log(
    `${measured} papers measured after ${warmUp} of warm-up; CPU ms per paper (GC included where it happens); load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  console.log(`| ${[...spent.keys()].join(' | ')} |`);
  console.log(`|${[...spent.keys()].map(() => '---').join('|')}|`);
  console.log(`| ${[...spent.values()].map((ms) => (ms / measured).toFixed(1)).join(' | ')} |`);
}

async function child(papers: number, jobs: number, dir: string): Promise<Result> {
  const corpus = path.join(dir, 'corpus');
  writeCopies(papers, dir);
  const cpu = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const heap = heapSampler();
  const summary = await buildCorpus({ corpus, output: path.join(dir, 'output'), cacheDir: path.join(dir, 'cache'), jobs, progress: false, date: '2024-01-01', extraOutputs: [] });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const used = process.cpuUsage(cpu);
  const notRead = summary.failed.filter((f) => !/same official id/.test(f.message)).length;
  return { papers, jobs, seconds, cpuSeconds: (used.user + used.system) / 1e6, processed: papers - notRead, maxRssMb: process.resourceUsage().maxRSS / 1024, mainHeapMb: heap() };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === '--stages') {
    const dir = mkdtempSync(path.join(tmpdir(), 'kld-build-stages-'));
    try {
      await stages(Number(args[1] ?? 500), dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    return;
  }
  if (args[0] === '--child') {
    process.stdout.write(`${JSON.stringify(await child(Number(args[1]), Number(args[2]), args[3] ?? ''))}\n`);
    return;
  }
  const jobsAt = args.indexOf('--jobs');
  const most = jobsAt >= 0 ? Number(args[jobsAt + 1]) : availableParallelism();
  const sizes = args.filter((a, i) => /^\d+$/.test(a) && (jobsAt < 0 || i !== jobsAt + 1)).map(Number);
  const papers = sizes.length > 0 ? sizes : [1000, 3000, 10000];
  const jobsList = [...new Set([1, most])];
  console.log(
    `${realPapers().length} real text papers replicated; cores available: ${availableParallelism()}; load average at start: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  console.log('| papers | jobs | processed | build s | papers/s | papers/s per job | CPU s | papers per CPU s | peak RSS MB | build thread peak heap MB |');
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  const results: Result[] = [];
  const self = fileURLToPath(import.meta.url);
  for (const n of papers) {
    for (const jobs of jobsList) {
      const dir = mkdtempSync(path.join(tmpdir(), 'kld-build-bench-'));
      try {
        const out = execFileSync(process.execPath, [self, '--child', String(n), String(jobs), dir], { encoding: 'utf8', maxBuffer: 1 << 20 });
        const r = JSON.parse(out.trim().split('\n').pop() ?? '{}') as Result;
        const rate = r.processed / r.seconds;
        results.push(r);
        console.log(
          `| ${r.papers} | ${r.jobs} | ${r.processed} | ${r.seconds.toFixed(1)} | ${rate.toFixed(1)} | ${(rate / r.jobs).toFixed(1)} | ${r.cpuSeconds.toFixed(1)} | ${(r.processed / r.cpuSeconds).toFixed(1)} | ${r.maxRssMb.toFixed(0)} | ${r.mainHeapMb.toFixed(0)} |`,
        );
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  }
  for (const jobs of jobsList) {
    const runs = results.filter((r) => r.jobs === jobs).sort((a, b) => a.papers - b.papers);
    const [small] = runs;
    const large = runs[runs.length - 1];
    if (small === undefined || large === undefined || small === large) continue;
    console.log(
      `--jobs ${jobs}: ${large.papers}/${small.papers} papers: build time ×${(large.seconds / small.seconds).toFixed(2)}, CPU time ×${(large.cpuSeconds / small.cpuSeconds).toFixed(2)} (linear: ×${(large.papers / small.papers).toFixed(2)}); peak RSS ${small.maxRssMb.toFixed(0)} → ${large.maxRssMb.toFixed(0)} MB`,
    );
  }
  // Flat memory: the peak at each size against the smallest (1.00 everywhere is flat).
  for (const jobs of jobsList) {
    const runs = results.filter((r) => r.jobs === jobs).sort((a, b) => a.papers - b.papers);
    const [small] = runs;
    if (small === undefined || runs.length < 2) continue;
    const ratios = (f: (r: Result) => number): string => runs.map((r) => `${r.papers}: ${f(r).toFixed(0)} MB (×${(f(r) / f(small)).toFixed(2)})`).join(', ');
    console.log(`--jobs ${jobs}: peak RSS ${ratios((r) => r.maxRssMb)}; build thread peak heap ${ratios((r) => r.mainHeapMb)}`);
  }
  console.log(
    `load average at the end: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
}

await main();
