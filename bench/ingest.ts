/**
 * Ingest throughput, on one core (one process, one document at a time):
 * - PDF reading cost per page (pdfjs text extraction + geometry + synthesised
 *   text), over the PDFs given;
 * - files per second for the whole ingest (readDocument) over every file given,
 *   read or refused, by rendering.
 * Each pass runs after one warm-up pass; figures are medians of three passes.
 *
 *   node dist/bench/ingest.js [PATH…]     (default: ../shared/corpus/pdf ../shared/corpus-wild ../shared/corpus)
 */
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { IngestError } from '../src/errors.js';
import { readDocument } from '../src/read.js';
import { readSource } from '../src/ingest/source.js';

function files(paths: readonly string[]): string[] {
  const out: string[] = [];
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch {
      console.error(`skipped (not found): ${p}`);
      continue;
    }
    if (st.isDirectory()) {
      for (const f of readdirSync(p).sort()) {
        const full = join(p, f);
        if (!f.startsWith('.') && statSync(full).isFile() && !/\.(tsv|json|md)$/i.test(f)) out.push(full);
      }
    } else out.push(p);
  }
  return out;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const paths = (args.length > 0 ? args : ['../shared/corpus/pdf', '../shared/corpus-wild', '../shared/corpus']).map((p) => resolve(p));
  const all = files(paths);
  const formats = new Map<string, string>();
  for (const f of all) {
    try {
      formats.set(f, (await readSource(f)).info.format);
    } catch {
      formats.set(f, 'unreadable');
    }
  }
  const pdfs = all.filter((f) => formats.get(f) === 'pdf');

  if (pdfs.length > 0) {
    let pages = 0;
    for (const f of pdfs) pages += (await readSource(f)).layout?.pages ?? 0;
    const runs: number[] = [];
    for (let pass = 0; pass < 4; pass++) {
      const t0 = performance.now();
      for (const f of pdfs) await readSource(f);
      if (pass > 0) runs.push(performance.now() - t0);
    }
    const ms = median(runs);
    console.log(`PDF reading: ${pdfs.length} files, ${pages} pages, ${ms.toFixed(0)} ms: ${(ms / pages).toFixed(1)} ms per page (pdfjs-dist text + geometry + synthesised text)`);
  }

  const byFormat = new Map<string, string[]>();
  for (const f of all) {
    const k = formats.get(f) ?? '?';
    byFormat.set(k, [...(byFormat.get(k) ?? []), f]);
  }
  for (const [format, list] of [...byFormat.entries(), ['all', all] as [string, string[]]]) {
    const runs: number[] = [];
    let read = 0;
    for (let pass = 0; pass < 4; pass++) {
      read = 0;
      const t0 = performance.now();
      for (const f of list) {
        try {
          await readDocument(f);
          read++;
        } catch (err) {
          if (!(err instanceof IngestError)) throw err;
        }
      }
      if (pass > 0) runs.push(performance.now() - t0);
    }
    const s = median(runs) / 1000;
    console.log(
      `ingest ${format.padEnd(10)} ${String(list.length).padStart(3)} files (${read} read, ${list.length - read} refused): ${(list.length / s).toFixed(1)} files/s, ${((s * 1000) / list.length).toFixed(1)} ms per file`,
    );
  }
}

await main();
