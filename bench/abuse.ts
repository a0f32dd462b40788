/**
 * Abuse figures (not a test): the endpoint as `serve` runs it (its own process, the
 * built corpus, default limits) against the abuse of issue 11, each case on a fresh
 * server, once the pool has settled (workers and spare loaded) and at start-up (as
 * soon as the first worker can answer, before the others and the spare are loaded).
 * Prints, with the load average: the string blow-up's answer, the server's peak RSS
 * and how soon it is back below 1 GB; the next ASK after two abandoned heavy queries;
 * the next ASK after 20 heavy queries at --timeout 1, all at once and in waves.
 * test/serve-abuse.test.ts asserts the same on the fixture, in-process.
 *
 *   node dist/bench/abuse.js [--output DIR (default output)] [--only blowup|abandoned|storm|waves]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../src/serve/virtuoso/instance.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const GB = 1e9;
const HEAVY = 'SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }';

/** The string blow-up of issue 11 (522 bytes at four deep): REPLACE nested, each level multiplying the length. */
function blowUp(depth: number): string {
  const x = 'x'.repeat(60);
  let e = 'STR(?s)';
  for (let i = 0; i < depth; i++) e = `REPLACE(${e}, "${i < 2 ? '.' : 'x'}", "${x}")`;
  return `SELECT (STRLEN(${e}) AS ?n) { ?s ?p ?o } LIMIT 1`;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(', ');

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function rssBytes(pid: number | undefined): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

interface Health {
  workers: number;
  ready: number;
  busy: number;
  spareReady: boolean;
  firstReadyMs?: number;
  replaced: Record<string, number>;
}

interface Server {
  child: ChildProcess;
  url: string;
  health(): Promise<Health>;
}

async function start(output: string, extra: string[], settle: boolean): Promise<Server> {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(repoRoot, 'bin/kamerstukken-ld.js'), 'serve', '--output', output, '--port', String(port), ...extra], { stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  const health = async (): Promise<Health> => (await (await fetch(`${url}/health`)).json()) as Health;
  for (let i = 0; ; i++) {
    if (i > 6000) throw new Error('the server did not start within 120 s');
    try {
      const h = await health();
      if (settle ? h.ready === h.workers && h.busy === 0 && h.spareReady : h.ready > 0) break;
    } catch {
      /* not listening yet */
    }
    await sleep(20);
  }
  return { child, url, health };
}

async function timed(server: Server, query: string, signal?: AbortSignal): Promise<{ status: number; ms: number; body: string }> {
  const t = performance.now();
  const res = await fetch(`${server.url}/sparql?query=${encodeURIComponent(query)}`, { signal });
  const body = await res.text();
  return { status: res.status, ms: performance.now() - t, body };
}

async function stop(server: Server): Promise<void> {
  server.child.kill('SIGTERM');
  if (server.child.exitCode === null) await new Promise((r) => server.child.once('exit', r));
}

const phase = (settle: boolean) => (settle ? 'settled' : 'start-up');

async function blowUpCase(output: string, settle: boolean): Promise<void> {
  const server = await start(output, [], settle);
  const pid = server.child.pid;
  const idle = rssBytes(pid);
  let peak = idle;
  const watch = setInterval(() => (peak = Math.max(peak, rssBytes(pid))), 20);
  const r = await timed(server, blowUp(4));
  const answered = performance.now();
  let below: number | undefined;
  while (performance.now() - answered < 5000) {
    if (below === undefined && rssBytes(pid) < GB) below = performance.now() - answered;
    await sleep(20);
  }
  clearInterval(watch);
  const after = rssBytes(pid);
  const h = await server.health();
  console.log(
    `blow-up (4 deep), ${phase(settle)}: ${r.status} in ${Math.round(r.ms)} ms (${r.body.trim().slice(0, 120)}); RSS before ${(idle / GB).toFixed(2)} GB, ` +
      `peak ${(peak / GB).toFixed(2)} GB, below 1 GB ${below === undefined ? 'NOT within 5 s' : `${Math.round(below)} ms after the answer`}, ` +
      `${(after / GB).toFixed(2)} GB 5 s after; replaced ${JSON.stringify(h.replaced)}; load average ${load()}`,
  );
  await stop(server);
}

async function abandonedCase(output: string, settle: boolean): Promise<void> {
  const server = await start(output, [], settle);
  const aborts = [new AbortController(), new AbortController()];
  const pending = aborts.map((a) => timed(server, HEAVY, a.signal).catch(() => undefined));
  await sleep(500);
  for (const a of aborts) a.abort();
  await Promise.all(pending);
  const ask = await timed(server, 'ASK {}');
  const h = await server.health();
  console.log(
    `two abandoned heavy queries, ${phase(settle)}: next ASK ${ask.status} in ${Math.round(ask.ms)} ms; a worker took ${Math.round(h.firstReadyMs ?? NaN)} ms to load; ` +
      `replaced ${JSON.stringify(h.replaced)}; load average ${load()}`,
  );
  await stop(server);
}

/**
 * 20 queries stopped at the time limit (--timeout 1). `waves`: as many at a time as there are
 * workers, each wave sent when the last one has been answered, so every query runs to the time
 * limit; otherwise all 20 at once, as in issue 11 (those that wait out the queue's 10 s get 503 busy).
 */
async function stormCase(output: string, settle: boolean, waves: boolean): Promise<void> {
  const server = await start(output, ['--timeout', '1'], settle);
  const { workers } = await server.health();
  const statuses: number[] = [];
  while (statuses.length < 20) {
    const n = waves ? Math.min(workers, 20 - statuses.length) : 20;
    const wave = await Promise.all(Array.from({ length: n }, () => timed(server, HEAVY)));
    statuses.push(...wave.map((r) => r.status));
  }
  const ask = await timed(server, 'ASK {}');
  const h = await server.health();
  console.log(
    `20 heavy queries ${waves ? `in waves of ${workers}` : 'at once'} (--timeout 1), ${phase(settle)}: ${statuses.filter((s) => s === 503).length} × 503, ` +
      `${h.replaced.timeout ?? 0} stopped at the time limit; next ASK ${ask.status} in ${Math.round(ask.ms)} ms; ` +
      `a worker took ${Math.round(h.firstReadyMs ?? NaN)} ms to load; replaced ${JSON.stringify(h.replaced)}; load average ${load()}`,
  );
  await stop(server);
}

async function main(): Promise<void> {
  const output = option('--output') ?? 'output';
  const only = option('--only');
  console.log(`abuse on loopback, serve --output ${output}; load average ${load()}`);
  for (const settle of [true, false]) {
    if (!only || only === 'blowup') await blowUpCase(output, settle);
    if (!only || only === 'abandoned') await abandonedCase(output, settle);
    if (!only || only === 'storm') await stormCase(output, settle, false);
    if (!only || only === 'waves') await stormCase(output, settle, true);
  }
}

await main();
