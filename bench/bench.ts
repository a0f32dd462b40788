/**
 * `npm run bench`: the endpoint (Comunica over the Oxigraph pushdown source,
 * through HTTP, in its own process) side by side with bare Oxigraph in this
 * process, on the same generated corpora, in the same run.
 *
 *   npm run bench                 10k and 100k triples
 *   npm run bench -- --1m         also 1M triples (about 2 more minutes, ~2 GB)
 *   npm run bench -- --10m        also 10M triples (Virtuoso only: beyond one Oxigraph process)
 *   npm run bench -- --sizes 10000,50000 --runs 9
 *   npm run bench -- --no-virtuoso  without the Virtuoso peer
 *   npm run bench -- --data DIR      keep each size's corpus (and its Virtuoso database) in DIR/<triples>
 *                                    and reuse it next time (a 10M corpus takes long to write and load)
 *   npm run bench -- --only-virtuoso  bare Virtuoso and the endpoint on it only (no Oxigraph)
 *   npm run bench -- --starts 3      start bare Virtuoso and the endpoint on it 3 times each, in turn:
 *                                    cold figures and start → first answer are medians over the starts
 *
 * With Virtuoso installed, each size also runs bare Virtuoso, our endpoint on
 * Virtuoso and our endpoint on Oxigraph side by side (bench/virtuoso-peer.ts).
 *
 * Prints per query the median and min–max in ms, the ratio endpoint/Oxigraph,
 * process start → first answer, load time and peak memory (VmHWM).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, readSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ox from 'oxigraph';
import { DEFAULT_BASE } from '../src/rdf/iris.js';
import { fileChunks } from '../src/publish/files.js';
import { textIndexOutput } from '../src/publish/text-index-file.js';
import { TEXT_INDEX_FILE } from '../src/text-index-format.js';
import { GENERATOR_VERSION, keptCorpus, writeCorpus } from './corpus.js';
import { QUERIES, type BenchQuery } from './queries.js';
import { benchVirtuosoPeer, virtuosoInstalled } from './virtuoso-peer.js';
import { freePort } from '../src/serve/virtuoso/instance.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..', '..');
const BIN = path.join(repoRoot, 'bin', 'kamerstukken-ld.js');

/** Above this many triples the embedded store (Oxigraph, in-process and behind the endpoint) is left out. */
const EMBEDDED_LIMIT = 5_000_000;

interface Stats {
  median: number;
  min: number;
  max: number;
  rows: number;
}

function stats(times: number[], rows: number): Stats {
  const s = [...times].sort((a, b) => a - b);
  const mid = s.length >> 1;
  const at = (i: number): number => s.at(i) ?? Number.NaN; // no runs: NaN, printed as such
  const median = s.length % 2 ? at(mid) : (at(mid - 1) + at(mid)) / 2;
  return { median, min: at(0), max: at(-1), rows };
}

async function timeIt(runs: number, warmup: number, fn: () => Promise<number> | number): Promise<Stats> {
  let rows = 0;
  for (let i = 0; i < warmup; i++) rows = await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    rows = await fn();
    times.push(performance.now() - t);
  }
  return stats(times, rows);
}

function peakKiB(pid: number): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : NaN;
  } catch {
    return NaN;
  }
}

async function startEndpoint(dir: string): Promise<{ child: ChildProcess; url: string; firstAnswerMs: number }> {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn(process.execPath, [BIN, 'serve', '--output', dir, '--port', String(port)], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
    process.stderr.write(d); // the server's own reports (a failed query, a replaced worker) beside the figures
  });
  const url = `http://127.0.0.1:${port}`;
  const ask = `${url}/sparql?query=${encodeURIComponent('ASK { ?s ?p ?o }')}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited: ${stderr}`);
    try {
      const res = await fetch(ask);
      if (res.status === 200) {
        await res.text();
        break;
      }
      await res.text();
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  return { child, url, firstAnswerMs: performance.now() - t0 };
}

async function httpQuery(url: string, q: BenchQuery, sparql: string, headers: Record<string, string> = {}): Promise<number> {
  const res = await fetch(`${url}/sparql`, {
    method: 'POST',
    headers: { 'content-type': 'application/sparql-query', accept: q.accept, ...headers },
    body: sparql,
  });
  const body = await res.text();
  if (res.status !== 200) throw new Error(`${q.name}: ${res.status} ${body.slice(0, 200)}`);
  if (q.accept === 'application/n-triples') return body.split('\n').length - 1;
  return (JSON.parse(body) as { results: { bindings: unknown[] } }).results.bindings.length;
}

/** Several targets timed run by run in turn (not one after the other), so a busy machine's drift hits all alike. */
async function timeSideBySide(runs: number, warmup: number, fns: (() => Promise<number>)[]): Promise<{ stats: Stats[]; first: number[] }> {
  const times: number[][] = fns.map(() => []);
  const first: number[] = fns.map(() => Number.NaN);
  const rows: number[] = fns.map(() => 0);
  for (let i = 0; i < warmup + runs; i++) {
    for (const [k, fn] of fns.entries()) {
      const t = performance.now();
      rows[k] = await fn();
      if (i >= warmup) times[k]?.push(performance.now() - t);
      else if (i === 0) first[k] = performance.now() - t;
    }
  }
  return { stats: times.map((t, k) => stats(t, rows[k] ?? 0)), first };
}

/** Bare Oxigraph behind a minimal HTTP server (bare-server.ts), its own process: the floor for the endpoint's fixed cost. */
async function startBare(file: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [path.join(here, 'bare-server.js'), file], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  const stdout = child.stdout;
  if (!stdout) throw new Error('bare server: no stdout');
  for await (const d of stdout) {
    out += String(d);
    const m = /listening (\d+)/.exec(out);
    if (m) return { child, url: `http://127.0.0.1:${m[1] ?? ''}` };
  }
  throw new Error(`bare server exited: ${out}`);
}

const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');

const fmt = (ms: number) => (ms < 10 ? ms.toFixed(2) : ms < 100 ? ms.toFixed(1) : ms.toFixed(0));

/**
 * The text index a build writes beside its dump (output/text-index.json), for the generated corpus: the
 * endpoint on either store reads it when it was made from this dump. Written when missing or made from
 * other bytes (its first line names the dump's SHA-256, as store.json does).
 */
async function ensureTextIndex(dir: string): Promise<void> {
  const manifest = JSON.parse(readFileSync(path.join(dir, 'store.json'), 'utf8')) as { sha256?: string };
  const file = path.join(dir, TEXT_INDEX_FILE);
  if (existsSync(file) && manifest.sha256 !== undefined) {
    const head = Buffer.alloc(512);
    const fd = openSync(file, 'r');
    readSync(fd, head, 0, head.length, 0);
    closeSync(fd);
    if (head.toString('utf8').includes(`"sha256":"${manifest.sha256}"`)) return;
  }
  const t = performance.now();
  await textIndexOutput(DEFAULT_BASE)(dir, 'kamerstukken-ld.nq');
  console.log(`(${TEXT_INDEX_FILE} written from the dump in ${fmt(performance.now() - t)} ms, as a build writes it)`);
}

async function benchSize(triples: number, runs: number, peer: { virtuoso: boolean; starts: number; embedded: boolean }, dataDir: string | undefined): Promise<void> {
  const dir = dataDir ? path.join(path.resolve(dataDir), String(triples)) : mkdtempSync(path.join(os.tmpdir(), 'kld-bench-'));
  if (dataDir) mkdirSync(dir, { recursive: true });
  try {
    const tw = performance.now();
    const kept = dataDir ? keptCorpus(dir, triples) : undefined;
    if (dataDir && !kept && existsSync(path.join(dir, 'kamerstukken-ld.nq'))) console.log(`(the corpus in ${dir} is not this generator's (version ${GENERATOR_VERSION}) for this size: written again)`);
    const corpus = kept ?? (await writeCorpus(dir, triples));
    console.log(kept ? `(corpus reused from ${dir})` : `(corpus written in ${fmt(performance.now() - tw)} ms)`);
    await ensureTextIndex(dir);
    console.log(`\n## ${corpus.quads.toLocaleString('en')} quads (${corpus.papers} papers)`);

    // Oxigraph's npm build is 32-bit WebAssembly: some 8M triples per process at most (STACK.md). Above
    // EMBEDDED_LIMIT only Virtuoso runs.
    const embedded = peer.embedded && triples <= EMBEDDED_LIMIT;
    if (embedded) {
      // Bare Oxigraph, in this process.
      const store = new ox.Store();
      const tl = performance.now();
      store.load(fileChunks(corpus.file) as never, { format: 'application/n-quads', lenient: true, no_transaction: true });
      const oxLoad = performance.now() - tl;

      const { child, url, firstAnswerMs } = await startEndpoint(dir);
      const bare = await startBare(corpus.file);
      try {
        console.log(`endpoint: process start → first answer ${fmt(firstAnswerMs)} ms; Oxigraph in-process load ${fmt(oxLoad)} ms; load average ${load()}`);
        console.log('');
        console.log('| query | rows | Oxigraph in-process | bare Oxigraph over HTTP | endpoint, evaluated (Cache-Control: no-cache) | endpoint − bare HTTP | endpoint, repeated (result cache) | endpoint, first run |');
        console.log('|---|---|---|---|---|---|---|---|');
        const warmup = 3;
        for (const q of QUERIES) {
          const sparql = q.sparql(corpus.papers);
          const oxStats = await timeIt(runs, warmup, () => {
            const r = store.query(sparql, { use_default_graph_as_union: true });
            return Array.isArray(r) ? r.length : 1;
          });
          const side = await timeSideBySide(runs, warmup, [() => httpQuery(bare.url, q, sparql), () => httpQuery(url, q, sparql, { 'cache-control': 'no-cache' }), () => httpQuery(url, q, sparql)]);
          const [bareStats, epStats, cachedStats] = side.stats;
          if (!bareStats || !epStats || !cachedStats) throw new Error('missing figures');
          for (const [name, st] of [
            ['bare HTTP', bareStats],
            ['endpoint', epStats],
            ['endpoint (cached)', cachedStats],
          ] as const) {
            if (oxStats.rows !== st.rows) console.log(`!! ${q.name}: Oxigraph ${oxStats.rows} rows, ${name} ${st.rows}`);
          }
          const cell = (st: Stats) => `${fmt(st.median)} (${fmt(st.min)}–${fmt(st.max)})`;
          console.log(
            `| ${q.name} | ${epStats.rows} | ${cell(oxStats)} | ${cell(bareStats)} | ${cell(epStats)} | ${fmt(epStats.median - bareStats.median)} ms (${(epStats.median / bareStats.median).toFixed(2)}×) | ${cell(cachedStats)} | ${fmt(side.first[1] ?? Number.NaN)} |`,
          );
        }
        console.log('');
        console.log(
          'Medians (min–max) in ms; the HTTP columns are timed run by run in turn, same client (fetch, POST), same data. First run: the first time the endpoint sees the query (for CONTAINS the worker uses the text-index.json written beside the dump).',
        );
        console.log(
          `peak memory: endpoint process ${(peakKiB(child.pid ?? 0) / 1024).toFixed(0)} MiB (2 query workers, each its own store); bench process with bare Oxigraph ${(peakKiB(process.pid) / 1024).toFixed(0)} MiB; load average ${load()}`,
        );
      } finally {
        child.kill('SIGTERM');
        bare.child.kill('SIGTERM');
        await once(child, 'exit');
        if (bare.child.exitCode === null) await once(bare.child, 'exit');
      }
      (store as unknown as { free(): void }).free();
    } else {
      console.log(peer.embedded ? `Oxigraph left out: ${triples.toLocaleString('en')} triples is beyond what one Oxigraph (32-bit WebAssembly) process holds` : 'Oxigraph left out (--only-virtuoso)');
    }
    if (peer.virtuoso) {
      await benchVirtuosoPeer({ dir, papers: corpus.papers, quads: corpus.quads, runs: Math.min(runs, 7), queries: QUERIES, bin: BIN, oxigraph: embedded, keep: dataDir !== undefined, starts: peer.starts });
    }
  } finally {
    if (!dataDir) rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  let sizes = [10_000, 100_000];
  let runs = 15;
  // Virtuoso joins as a peer whenever it is installed (Debian's virtuoso-opensource).
  let virtuoso = virtuosoInstalled();
  let dataDir: string | undefined;
  let starts = 1;
  let embeddedToo = true;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--1m') sizes.push(1_000_000);
    else if (args[i] === '--10m') sizes.push(10_000_000);
    else if (args[i] === '--no-virtuoso') virtuoso = false;
    else if (args[i] === '--sizes') sizes = (args[++i] ?? '').split(',').map(Number);
    else if (args[i] === '--runs') runs = Number(args[++i]);
    else if (args[i] === '--data') dataDir = args[++i];
    else if (args[i] === '--starts') starts = Number(args[++i]);
    else if (args[i] === '--only-virtuoso') embeddedToo = false;
    else {
      console.error(`unknown option ${args[i]}\nusage: npm run bench -- [--1m] [--10m] [--no-virtuoso] [--sizes N,N] [--runs N] [--data DIR] [--starts N] [--only-virtuoso]`);
      process.exit(2);
    }
  }
  console.log(`# kamerstukken-ld bench: ${os.cpus().length} CPUs, Node ${process.version}, ${runs} timed runs after 3 warm-up runs per query`);
  console.log('Oxigraph = store.query() in this process (terms materialised); endpoint = POST /sparql over loopback HTTP, body read and parsed.');
  if (!virtuoso) console.log('Virtuoso left out: virtuoso-t is not installed (apt-get install virtuoso-opensource) or --no-virtuoso was given.');
  for (const size of sizes) await benchSize(size, size >= 1_000_000 ? Math.min(runs, 7) : runs, { virtuoso, starts, embedded: embeddedToo }, dataDir);
}

await main();
