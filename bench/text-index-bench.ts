/**
 * The build's text index (output/text-index.json) from an N-Quads dump, two ways, each in a child process
 * of its own so that its peak RSS is its own: as the build writes it (writeTextIndex: sorted runs on
 * disk, bounded memory) and as the whole index in memory (textIndexFile, then JSON.stringify: the
 * reference). Prints CPU seconds and peak RSS of each, and whether the bytes are the same.
 *
 *   npx tsc -p tsconfig.json && node dist/bench/text-index-bench.js DUMP.nq [BASE]
 *   (e.g. the bench's generated dumps: /work/bench-data/1000000/kamerstukken-ld.nq)
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_BASE } from '../src/rdf/iris.js';
import { textIndexFile, writeTextIndex } from '../src/publish/text-index-file.js';

interface Run {
  way: string;
  cpuSeconds: number;
  maxRssMb: number;
}

function child(way: string, dump: string, base: string, target: string): Run {
  const cpu = process.cpuUsage();
  if (way === 'in memory') writeFileSync(target, `${JSON.stringify(textIndexFile(dump, base))}\n`);
  else writeTextIndex(dump, base, target, { workDir: path.dirname(target) });
  const used = process.cpuUsage(cpu);
  return { way, cpuSeconds: (used.user + used.system) / 1e6, maxRssMb: process.resourceUsage().maxRSS / 1024 };
}

function main(): void {
  const args = process.argv.slice(2);
  if (args[0] === '--child') {
    const [, way = '', dump = '', base = '', target = ''] = args;
    process.stdout.write(`${JSON.stringify(child(way, dump, base, target))}\n`);
    return;
  }
  const [dump, base = DEFAULT_BASE] = args;
  if (dump === undefined) throw new Error('usage: text-index-bench DUMP.nq [BASE]');
  const load = (): string =>
    loadavg()
      .map((l) => l.toFixed(1))
      .join(' ');
  console.log(`${dump}; load average at start: ${load()}`);
  console.log('| way | CPU s | peak RSS MB |');
  console.log('|---|---|---|');
  const dir = mkdtempSync(path.join(tmpdir(), 'kld-text-index-bench-'));
  try {
    const files: string[] = [];
    for (const way of ['streamed (the build)', 'in memory']) {
      const target = path.join(dir, `${files.length}.json`);
      const out = execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--child', way, path.resolve(dump), base, target], { encoding: 'utf8', maxBuffer: 1 << 20 });
      const r = JSON.parse(out.trim().split('\n').pop() ?? '{}') as Run;
      console.log(`| ${r.way} | ${r.cpuSeconds.toFixed(1)} | ${r.maxRssMb.toFixed(0)} |`);
      files.push(target);
    }
    const [a = '', b = ''] = files;
    console.log(`same bytes: ${readFileSync(a).equals(readFileSync(b)) ? 'yes' : 'NO'}; load average at the end: ${load()}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main();
