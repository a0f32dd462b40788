/** `kamerstukken-ld check DIR|FILE…`: how the readers do on papers without gold, file by file. */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { IngestError, UsageError } from '../errors.js';
import { readArgs } from './args.js';
import { checkConsistency } from '../eval/consistency.js';
import { readDocument } from '../read.js';

export const summary = 'read a folder of papers without gold and report, per file, what was read and whether it holds together';
export const usage = `Usage: kamerstukken-ld check [--strict] [--warnings] DIR|FILE…

Reads every paper (files ending in .txt, .xml, .pdf, .docx, .html or .md; MANIFEST and README files are skipped) and prints
per file: the rendering, genre (and for Kamervragen the stage: questions,
oral-questions, answers, notice), the id and where it came from, askers, blocks,
answered blocks, citations, and the self-consistency checks:
  - each question number once and in order (Kamervragen: from 1, no gaps);
  - every answer matched to questions (a paper of answers answers them all);
  - askers present where the paper names them.
Then a total line. A file that cannot be read is listed as refused, with the reason.
  --warnings  print the warnings of each file under its line
  --strict    exit with 1 when a file is refused or a check fails`;

function sources(paths: string[]): string[] {
  const out: string[] = [];
  for (const p of paths) {
    if (statSync(p).isDirectory()) {
      for (const f of readdirSync(p).sort()) if (/\.(txt|xml|pdf|docx|html?|md)$/i.test(f) && !/^(MANIFEST|README)/i.test(f)) out.push(join(p, f));
    } else out.push(p);
  }
  return out;
}

export async function run(args: string[]): Promise<number> {
  const opts = { strict: false, showWarnings: false };
  const paths = readArgs(args, { '--strict': () => (opts.strict = true), '--warnings': () => (opts.showWarnings = true) });
  const { strict, showWarnings } = opts;
  if (paths.length === 0) throw new UsageError('give a folder or files');
  for (const p of paths) if (!existsSync(p)) throw new UsageError(`no such file or folder: ${p}`);
  let read = 0;
  let refused = 0;
  let consistent = 0;
  let warned = 0;
  for (const file of sources(paths)) {
    const name = basename(file);
    try {
      const doc = await readDocument(file);
      read++;
      const text = readFileSync(file, 'utf8');
      const checks = checkConsistency(doc, text);
      const failed = checks.filter((c) => !c.ok);
      if (failed.length === 0) consistent++;
      const warnings = doc.warnings ?? [];
      if (warnings.length > 0) warned++;
      const answered = doc.blocks.filter((b) => b.answer !== null).length;
      const citations = doc.blocks.reduce((n, b) => n + b.citations.length, 0) + (doc.notice?.citations.length ?? 0) + (doc.related?.length ?? 0);
      const genre = doc.stage ? `${doc.genre}/${doc.stage}` : doc.genre;
      const verdict = failed.length === 0 ? `ok (${checks.length} checks)` : `FAIL ${failed.map((c) => `${c.name}: ${c.detail}`).join(' | ')}`;
      console.log(
        `${name}  ${doc.rendering ?? doc.source.format}  ${genre}  ${doc.id} (${doc.idSource ?? '?'})  askers ${doc.askers.length}  blocks ${doc.blocks.length}  answered ${answered}  citations ${citations}${doc.notice ? '  notice' : ''}  ${verdict}${warnings.length > 0 ? `  warnings ${warnings.length}` : ''}`,
      );
      if (showWarnings) for (const w of warnings) console.log(`    warning: ${w}`);
    } catch (err) {
      if (!(err instanceof IngestError)) throw err;
      refused++;
      console.log(`${name}  REFUSED ${err.message}`);
    }
  }
  const total = read + refused;
  console.log(`total: ${total} files, ${read} read, ${refused} refused; self-consistent ${consistent}/${read}; with warnings ${warned}`);
  return strict && (refused > 0 || consistent < read) ? 1 : 0;
}
