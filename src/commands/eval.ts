/** `kamerstukken-ld eval --gold DIR CORPUS…`: extraction compared with hand-checked gold files. */
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { IngestError, InputError, UsageError } from '../errors.js';
import { readArgs } from './args.js';
import { evaluate, formatEvaluation, type DocumentEvaluation, type Json as GoldJson } from '../eval/gold.js';
import { readDocument } from '../read.js';

export const summary = 'compare extraction with gold files (per document and in total)';
export const usage = `Usage: kamerstukken-ld eval [--gold DIR] [--strict] CORPUS_DIR|FILE…

For every source file that has a gold file of the same name (kst-26150-187.txt ↔
DIR/kst-26150-187.json), prints each check (answers and their faction, citations
with their place, footnotes, askers, counts) and a total line. Without --gold,
the same report as \`kamerstukken-ld check\` (self-consistency of each file).
  --strict   exit with 1 when any check fails`;

function sources(paths: string[]): string[] {
  const out: string[] = [];
  for (const p of paths) {
    if (statSync(p).isDirectory()) {
      // Every rendering (text, XML, PDF, Word, HTML) is told by content; files without a gold file are skipped below.
      for (const f of readdirSync(p).sort()) if (!f.startsWith('.') && statSync(join(p, f)).isFile()) out.push(join(p, f));
    } else out.push(p);
  }
  return out;
}

export async function run(args: string[]): Promise<number> {
  // An object, not let variables: the type checker does not see assignments in the handlers.
  const opts: { gold?: string; strict: boolean } = { strict: false };
  const paths = readArgs(args, { '--gold': (o) => (opts.gold = o.value()), '--strict': () => (opts.strict = true) });
  const { gold, strict } = opts;
  // Without gold, the report of what was read and whether it holds together.
  if (gold === undefined) return (await import('./check.js')).run(strict ? ['--strict', ...paths] : paths);
  if (paths.length === 0) throw new UsageError('give a corpus folder or files');
  for (const p of [gold, ...paths]) if (!existsSync(p)) throw new InputError(`${p}: no such file or folder`);
  const results: DocumentEvaluation[] = [];
  const errors: { file: string; message: string }[] = [];
  for (const file of sources(paths)) {
    const goldFile = join(gold, basename(file).replace(/\.\w+$/, '.json'));
    if (!existsSync(goldFile)) continue;
    try {
      const doc = await readDocument(file);
      results.push(evaluate(doc, JSON.parse(readFileSync(goldFile, 'utf8')) as GoldJson));
    } catch (err) {
      if (err instanceof IngestError) errors.push({ file, message: err.message });
      else throw err;
    }
  }
  console.log(formatEvaluation(results, errors));
  const failed = errors.length > 0 || results.some((r) => r.checks.some((c) => !c.ok));
  return strict && failed ? 1 : 0;
}
