/**
 * Virtuoso as a peer in `npm run bench`: on the same generated corpus, with
 * the same HTTP client (fetch, body read and parsed), in the same run:
 *
 * - bare Virtuoso: the project's Virtuoso on the database `load` made,
 *   queried at its own /sparql with the very text our store sends it (the
 *   WHERE clause inside GRAPH <union>: the same answers, so that the ratio is
 *   what our endpoint adds);
 * - our endpoint on Virtuoso: `serve --store virtuoso` on that database (also
 *   timed with Cache-Control: no-cache: evaluated again, not from the cache);
 * - our endpoint on Oxigraph: `serve` (the embedded default).
 *
 * Each is started on its own (nothing else of the three running) and timed
 * from process start to the first answer; then each query runs once (cold:
 * the first run after start) and `runs` times more (warm: the median). Peak
 * memory is the VmHWM of the processes (the endpoint's Node process plus its
 * virtuoso-t child).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { VirtuosoInstance, findVirtuoso } from '../src/serve/virtuoso/instance.js';
import { DEFAULT_GRAPH, NO_GRAPH, UNION_GRAPH, loadedAlready, readState } from '../src/serve/virtuoso/load.js';
import { virtuosoQuery } from '../src/serve/virtuoso/store.js';
import { freePort } from '../src/serve/virtuoso/instance.js';
import { children } from './processes.js';

export interface PeerQuery {
  name: string;
  accept: string;
  sparql: (papers: number) => string;
}

export interface PeerOptions {
  /** The directory with the corpus dump and its store.json. */
  dir: string;
  papers: number;
  quads: number;
  /** Warm runs per query (the median is printed). */
  runs: number;
  queries: PeerQuery[];
  /** bin/kamerstukken-ld.js */
  bin: string;
  /** Also the endpoint on Oxigraph (false where one process cannot hold the data). */
  oxigraph: boolean;
  /** Keep the Virtuoso database after the run (bench --data): the next run's first load has nothing to do. */
  keep?: boolean;
  /**
   * Starts of bare Virtuoso and of the endpoint on Virtuoso, taken in turn
   * (default 1): cold figures and start → first answer are the medians over
   * them (one cold reading on a busy machine is mostly noise); warm ones come
   * from the first start.
   */
  starts?: number;
}

export const virtuosoInstalled = (): boolean => findVirtuoso() !== undefined;

function peakKiB(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m?.[1] !== undefined ? Number(m[1]) : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

interface Timing {
  cold: number;
  warm: number;
  /** The endpoint's warm runs with Cache-Control: no-cache (evaluated again, not from the result cache), taken in turn with the cached ones. */
  evaluated?: number;
  rows: number;
}

interface StoreRun {
  firstAnswerMs: number;
  peakMiB: number;
  timings: Timing[];
}

async function request(url: string, form: boolean, q: PeerQuery, sparql: string, headers: Record<string, string> = {}): Promise<number> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': form ? 'application/x-www-form-urlencoded' : 'application/sparql-query', accept: q.accept, ...headers },
    body: form ? new URLSearchParams({ query: sparql }) : sparql,
  });
  const body = await res.text();
  if (res.status !== 200) throw new Error(`${q.name}: ${res.status} ${body.slice(0, 300)}`);
  if (q.accept === 'application/n-triples') return body.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#')).length;
  return (JSON.parse(body) as { results: { bindings: unknown[] } }).results.bindings.length;
}

async function timeQueries(url: string, form: boolean, options: PeerOptions, warmRuns: number, rewrite: (q: PeerQuery, sparql: string) => string = (_q, s) => s, evaluated = false): Promise<Timing[]> {
  const out: Timing[] = [];
  for (const q of options.queries) {
    const sparql = rewrite(q, q.sparql(options.papers));
    let t = performance.now();
    const rows = await request(url, form, q, sparql);
    const cold = performance.now() - t;
    const times: number[] = [];
    const fresh: number[] = [];
    for (let i = 0; i < warmRuns; i++) {
      t = performance.now();
      await request(url, form, q, sparql);
      times.push(performance.now() - t);
      if (evaluated) {
        t = performance.now();
        await request(url, form, q, sparql, { 'cache-control': 'no-cache' });
        fresh.push(performance.now() - t);
      }
    }
    out.push({ cold, warm: median(times), evaluated: evaluated && fresh.length > 0 ? median(fresh) : undefined, rows });
  }
  return out;
}

/** Start `serve` with these arguments; resolves when /sparql answers. */
async function startServe(bin: string, args: string[]): Promise<{ child: ChildProcess; url: string; firstAnswerMs: number }> {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn(process.execPath, [bin, 'serve', ...args, '--port', String(port)], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const url = `http://127.0.0.1:${port}/sparql`;
  const ask = `${url}?query=${encodeURIComponent('ASK { ?s ?p ?o }')}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited: ${stderr}`);
    try {
      const res = await fetch(ask);
      await res.text();
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  return { child, url, firstAnswerMs: performance.now() - t0 };
}

async function stopServe(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  child.kill('SIGTERM');
  await once(child, 'exit');
}

async function endpointRun(options: PeerOptions, args: string[], warmRuns: number): Promise<StoreRun> {
  const { child, url, firstAnswerMs } = await startServe(options.bin, ['--output', options.dir, ...args]);
  try {
    const timings = await timeQueries(url, false, options, warmRuns, undefined, true);
    const peak = peakKiB(child.pid) + children(child.pid).reduce((sum, pid) => sum + peakKiB(pid), 0);
    return { firstAnswerMs, peakMiB: peak / 1024, timings };
  } finally {
    await stopServe(child);
  }
}

const loadAverage = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] ?? NaN) : ((s[mid - 1] ?? NaN) + (s[mid] ?? NaN)) / 2;
}

/** Several starts of one store: cold and start-up as medians, warm and memory from the first start. */
function combine(runs: StoreRun[]): StoreRun {
  const first = runs[0];
  if (!first) throw new Error('no runs');
  return {
    firstAnswerMs: median(runs.map((r) => r.firstAnswerMs)),
    peakMiB: first.peakMiB,
    timings: first.timings.map((t, i) => ({ ...t, cold: median(runs.map((r) => r.timings[i]?.cold ?? NaN)) })),
  };
}

const fmt = (ms: number) => (Number.isNaN(ms) ? '–' : ms < 10 ? ms.toFixed(2) : ms < 100 ? ms.toFixed(1) : ms.toFixed(0));
const sec = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** Load the corpus into Virtuoso, then time the three stores one after the other; print the table. */
export async function benchVirtuosoPeer(options: PeerOptions): Promise<void> {
  const db = path.join(options.dir, 'virtuoso-db');
  try {
    // The load, through the CLI as a user runs it; then again, with nothing to do.
    const load = async (): Promise<number> => {
      const t = performance.now();
      const child = spawn(process.execPath, [options.bin, 'load', '--output', options.dir, '--db', db, '--quiet'], { stdio: ['ignore', 'ignore', 'inherit'] });
      const [code] = (await once(child, 'exit')) as [number | null];
      if (code !== 0) throw new Error(`kamerstukken-ld load exited with ${code}`);
      return performance.now() - t;
    };
    // The load's own test: the database holds this very build (and its text index), so nothing is read.
    const kept = loadedAlready(db, options.dir) !== undefined;
    const firstLoad = await load();
    const secondLoad = await load();
    const loadBefore = loadAverage();

    // Bare Virtuoso on that database.
    const bareRun = async (warmRuns: number): Promise<StoreRun> => {
      const t0 = performance.now();
      const instance = await VirtuosoInstance.start({ dir: db });
      try {
        const firstAnswerMs = performance.now() - t0; // start() returns once its /sparql has answered
        const excluded = [UNION_GRAPH, DEFAULT_GRAPH, NO_GRAPH, ...(readState(db)?.systemGraphs ?? [])];
        const timings = await timeQueries(instance.sparqlUrl, true, options, warmRuns, (q, sparql) =>
          virtuosoQuery(sparql, { form: q.accept === 'application/n-triples' ? 'quads' : 'bindings', unionDefaultGraph: true }, excluded),
        );
        return { firstAnswerMs, peakMiB: peakKiB(instance.pid) / 1024, timings };
      } finally {
        await instance.stop();
      }
    };
    const bareRuns: StoreRun[] = [];
    const endpointRuns: StoreRun[] = [];
    const starts = Math.max(1, options.starts ?? 1);
    for (let r = 0; r < starts; r++) {
      const warmRuns = r === 0 ? options.runs : 0;
      bareRuns.push(await bareRun(warmRuns));
      endpointRuns.push(await endpointRun(options, ['--store', 'virtuoso', '--db', db], warmRuns));
    }
    const bare = combine(bareRuns);
    const onVirtuoso = combine(endpointRuns);
    const onOxigraph = options.oxigraph ? await endpointRun(options, [], options.runs) : undefined;

    console.log('');
    console.log(
      `Virtuoso peer, ${options.quads.toLocaleString('en')} quads: \`kamerstukken-ld load\` ${sec(firstLoad)} (${kept ? 'the database already holds this build: nothing to load' : 'bulk loader, new database'}), ` +
        `again on the unchanged build ${sec(secondLoad)} (nothing loaded; both include starting and stopping Virtuoso)`,
    );
    console.log(
      `cold = first run after start${starts > 1 ? ` (median over ${starts} starts of each, taken in turn; start → first answer likewise)` : ''}; warm = median of ${options.runs} runs after it; ms. ` +
        `Load average before the runs ${loadBefore}, after them ${loadAverage()}`,
    );
    console.log('');
    const head = ['query', 'rows', 'bare Virtuoso cold', 'warm', 'endpoint on Virtuoso cold', 'warm (result cache)', 'evaluated (no-cache)', 'endpoint/bare cold', 'warm', 'evaluated/bare warm'];
    if (onOxigraph) head.push('endpoint on Oxigraph cold', 'warm');
    console.log(`| ${head.join(' | ')} |`);
    console.log(`|${head.map(() => '---').join('|')}|`);
    options.queries.forEach((q, i) => {
      const b = bare.timings[i];
      const v = onVirtuoso.timings[i];
      const o = onOxigraph?.timings[i];
      if (!b || !v) return;
      const rows = [b.rows, v.rows, ...(o ? [o.rows] : [])];
      const rowText = new Set(rows).size === 1 ? String(b.rows) : `!! ${rows.join(' / ')}`;
      const evaluated = v.evaluated ?? NaN;
      const cells = [q.name, rowText, fmt(b.cold), fmt(b.warm), fmt(v.cold), fmt(v.warm), fmt(evaluated), `${(v.cold / b.cold).toFixed(2)}×`, `${(v.warm / b.warm).toFixed(2)}×`, `${(evaluated / b.warm).toFixed(2)}×`];
      if (o) cells.push(fmt(o.cold), fmt(o.warm));
      console.log(`| ${cells.join(' | ')} |`);
    });
    const startCells = ['start → first answer', '', sec(bare.firstAnswerMs), '', sec(onVirtuoso.firstAnswerMs), '', '', `${(onVirtuoso.firstAnswerMs / bare.firstAnswerMs).toFixed(2)}×`, '', ''];
    if (onOxigraph) startCells.push(sec(onOxigraph.firstAnswerMs), '');
    console.log(`| ${startCells.join(' | ')} |`);
    const memCells = ['peak memory (VmHWM)', '', `${bare.peakMiB.toFixed(0)} MiB`, '', `${onVirtuoso.peakMiB.toFixed(0)} MiB`, '', '', '', '', ''];
    if (onOxigraph) memCells.push(`${onOxigraph.peakMiB.toFixed(0)} MiB`, '');
    console.log(`| ${memCells.join(' | ')} |`);
    console.log(
      'bare Virtuoso = virtuoso-t alone (CONTAINS as written: its scan); endpoint on Virtuoso = our Node process (queries in its HTTP thread, no workers; CONTAINS narrowed by the text index) + its virtuoso-t; endpoint on Oxigraph = our Node process (2 workers and a spare, each its own store)',
    );
  } finally {
    if (!options.keep) rmSync(db, { recursive: true, force: true });
  }
}
