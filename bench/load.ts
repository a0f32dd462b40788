/**
 * Load check (not a test): 50 concurrent clients on loopback for 60 s against
 * the endpoint (its own process), a mix of the bench queries and page
 * dereferences. Reports failures, throughput, latency and the server's memory
 * over time (it must stay bounded).
 *
 *   node dist/bench/load.js [--triples 100000] [--seconds 60] [--connections 50]
 */
import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { DEFAULT_BASE } from '../src/rdf/iris.js';
import { writeSnapshot } from '../src/publish/snapshot.js';
import { FACTIONS, RARE_WORD, citedPaperId, generateCorpus, paperId, papersFor } from './corpus.js';
import { TOP_CITED, containsInAnswers, factionCites, lookupAnswer } from './queries.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

function rssMiB(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

async function main(): Promise<void> {
  const triples = arg('--triples', 100_000);
  const seconds = arg('--seconds', 60);
  const connections = arg('--connections', 50);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kld-load-'));
  const papers = papersFor(triples);
  const out = createWriteStream(path.join(dir, 'kamerstukken-ld.nq'));
  for (const chunk of generateCorpus({ papers })) if (!out.write(chunk)) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
  await writeSnapshot(dir, { base: DEFAULT_BASE });

  const port = await new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
  const child = spawn(process.execPath, [path.join(repoRoot, 'bin/kamerstukken-ld.js'), 'serve', '--output', dir, '--port', String(port)], {
    stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    try {
      if ((await fetch(`${url}/health`)).status === 200) break;
    } catch {
      /* starting */
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  // Let the second worker load too.
  for (let i = 0; i < 200; i++) {
    const h = (await (await fetch(`${url}/health`)).json()) as { ready: number; workers: number };
    if (h.ready >= 2) break;
    await new Promise((r) => setTimeout(r, 100));
  }

  const q = (sparql: string) => `/sparql?query=${encodeURIComponent(sparql)}`;
  const requests = [
    { method: 'GET' as const, path: q(lookupAnswer(paperId(1), 7)) },
    { method: 'GET' as const, path: q(factionCites('SP', citedPaperId(FACTIONS.indexOf('SP')))) },
    { method: 'GET' as const, path: q(TOP_CITED) },
    { method: 'GET' as const, path: q(containsInAnswers(RARE_WORD)) },
    { method: 'GET' as const, path: `/id/${paperId(2)}/antwoord/5`, headers: { accept: 'text/html' } },
  ];
  const samples: number[] = [];
  const sampler = setInterval(() => samples.push(rssMiB(child.pid!)), 1000);
  const result = await autocannon({ url, connections, duration: seconds, requests, timeout: 35 });
  clearInterval(sampler);
  child.kill('SIGTERM');
  await once(child, 'exit');
  rmSync(dir, { recursive: true, force: true });

  const third = Math.max(1, Math.floor(samples.length / 3));
  const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  console.log(`# load check: ${connections} connections, ${seconds} s, ${triples.toLocaleString('en')} triples, ${os.cpus().length} CPUs`);
  console.log(`requests: ${result.requests.total} (${result.requests.average.toFixed(1)}/s), 2xx: ${result['2xx']}, non-2xx: ${result.non2xx}, errors: ${result.errors}, timeouts: ${result.timeouts}`);
  console.log(`latency ms: p50 ${result.latency.p50}, p90 ${result.latency.p90}, p99 ${result.latency.p99}, max ${result.latency.max}`);
  console.log(`server RSS MiB: first third avg ${avg(samples.slice(0, third)).toFixed(0)}, last third avg ${avg(samples.slice(-third)).toFixed(0)}, max ${Math.max(...samples).toFixed(0)}`);
  process.exitCode = result.non2xx + result.errors + result.timeouts === 0 ? 0 : 1;
}

await main();
