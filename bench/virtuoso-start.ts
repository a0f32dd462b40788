/**
 * What start costs on the Virtuoso store, step by step (bench/start-cost.ts --virtuoso): on a data
 * directory as `npm run bench -- --data DIR` keeps it (the dump, store.json and the database `load`
 * made in virtuoso-db/), each start taken in turn:
 *
 * - bare Virtuoso (the project's VirtuosoInstance, as the bench's peer starts it): each line Virtuoso
 *   logs, with the wall time since the spawn and the CPU time Virtuoso has used by then (all its
 *   threads), then the first answer (its ASK probe) and a first real query on the union graph;
 * - the endpoint (`serve --store virtuoso`, as a user starts it): when its Node process spawned
 *   virtuoso-t, when it listened, and the first answer to `ASK { ?s ?p ?o }` (polled every 20 ms, as
 *   the bench does), with the CPU time of both processes by then.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync, readdirSync } from 'node:fs';
import net from 'node:net';
import { loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { VirtuosoInstance } from '../src/serve/virtuoso/instance.js';
import { DEFAULT_GRAPH, NO_GRAPH, UNION_GRAPH, readState } from '../src/serve/virtuoso/load.js';
import { virtuosoQuery } from '../src/serve/virtuoso/store.js';
import { freePort } from '../src/serve/virtuoso/instance.js';
import { children } from './processes.js';

const BIN = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'kamerstukken-ld.js');

const load = (): string =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');

/** CPU time a process has used so far, all its threads (schedstat: nanoseconds on a CPU), in ms. */
function cpuMs(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  let ns = 0;
  try {
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      try {
        ns += Number(readFileSync(`/proc/${pid}/task/${task}/schedstat`, 'utf8').split(' ')[0]);
      } catch {
        // a thread that just ended
      }
    }
  } catch {
    return Number.NaN;
  }
  return ns / 1e6;
}

const ms = (n: number) => (Number.isNaN(n) ? '–' : n.toFixed(0));

/** The steps of Virtuoso's start, as it logs them (the ones worth a row). */
const STEPS = /SQL Optimizer enabled|Compiler unit is timed|Roll forward started|Roll forward complete|Checkpoint started|Checkpoint finished|HTTP server online|Server online/;

async function bareStart(db: string): Promise<void> {
  const rows: [string, number, number][] = [];
  const started: { pid?: number } = {}; // known once launched; the first log lines come after
  const t0 = performance.now();
  const instance = await VirtuosoInstance.launch({
    dir: db,
    onLog: (line, at) => {
      if (STEPS.test(line)) rows.push([line.replace(/^\d\d:\d\d:\d\d /, '').replace(/ at 127\.0\.0\.1:\d+.*/, ''), at, cpuMs(started.pid)]);
    },
  });
  started.pid = instance.pid;
  const pid = instance.pid;
  try {
    await instance.online;
    rows.push(['first answer (its ASK probe; the bench times this)', performance.now() - t0, cpuMs(pid)]);
    const excluded = [UNION_GRAPH, DEFAULT_GRAPH, NO_GRAPH, ...(readState(db)?.systemGraphs ?? [])];
    const ask = virtuosoQuery('ASK { ?s ?p ?o }', { form: 'boolean', unionDefaultGraph: true }, excluded);
    const res = await fetch(`${instance.sparqlUrl}?query=${encodeURIComponent(ask)}`, { headers: { accept: 'application/sparql-results+json' } });
    const body = await res.text();
    rows.push([`then ASK { ?s ?p ?o } on the union graph: ${body.includes('true') ? 'true' : body.slice(0, 40)}`, performance.now() - t0, cpuMs(pid)]);
  } finally {
    await instance.stop();
  }
  console.log('| bare Virtuoso: step | wall ms since spawn | Virtuoso CPU ms |');
  console.log('|---|---|---|');
  for (const [step, at, cpu] of rows) console.log(`| ${step} | ${ms(at)} | ${ms(cpu)} |`);
}

async function endpointStart(dir: string, db: string): Promise<void> {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn(process.execPath, [BIN, 'serve', '--store', 'virtuoso', '--db', db, '--output', dir, '--port', String(port)], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  let spawnedAt = Number.NaN;
  let virtuoso: number | undefined;
  let listening = Number.NaN;
  let probing = false;
  const watch = setInterval(() => {
    if (virtuoso === undefined) {
      virtuoso = children(child.pid)[0];
      if (virtuoso !== undefined) spawnedAt = performance.now() - t0;
    }
    if (Number.isNaN(listening) && !probing) {
      probing = true;
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => {
        if (Number.isNaN(listening)) listening = performance.now() - t0;
        socket.destroy();
      });
      socket.once('error', () => socket.destroy());
      socket.once('close', () => (probing = false));
    }
  }, 2);
  const url = `http://127.0.0.1:${port}/sparql?query=${encodeURIComponent('ASK { ?s ?p ?o }')}`;
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`serve exited: ${stderr}`);
      try {
        const res = await fetch(url, { headers: { accept: 'application/sparql-results+json' } });
        const body = await res.text();
        if (res.status === 200) {
          if (!body.includes('true')) throw new Error(`unexpected answer: ${body}`);
          break;
        }
      } catch (err) {
        if ((err as Error).message.startsWith('unexpected')) throw err;
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    const answered = performance.now() - t0;
    console.log('| endpoint: step | wall ms since spawn | CPU ms (Node / Virtuoso) |');
    console.log('|---|---|---|');
    console.log(`| Node spawned virtuoso-t | ${ms(spawnedAt)} | |`);
    console.log(`| the endpoint listens (queries wait for Virtuoso) | ${ms(listening)} | |`);
    console.log(`| first answer: ASK { ?s ?p ?o } true | ${ms(answered)} | ${ms(cpuMs(child.pid))} / ${ms(cpuMs(virtuoso))} |`);
  } finally {
    clearInterval(watch);
    child.kill('SIGTERM');
    if (child.exitCode === null) await once(child, 'exit');
  }
}

/** `start-cost.js --virtuoso DIR [--starts N]`. */
export async function virtuosoStartCost(dir: string, starts: number): Promise<void> {
  const db = path.join(dir, 'virtuoso-db');
  console.log(`start cost on the Virtuoso store: ${dir} (database ${db}); ${starts} start(s) of each, taken in turn; load average at start: ${load()}`);
  for (let i = 1; i <= starts; i++) {
    console.log(`\nstart ${i}`);
    await bareStart(db);
    console.log('');
    await endpointStart(dir, db);
  }
  console.log(`\nload average at the end: ${load()}`);
}
