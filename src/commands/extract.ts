/** `kamerstukken-ld extract FILE [--json]`: the document model of one source file. */
import { IngestError, UsageError } from '../errors.js';
import { readDocument } from '../ingest/index.js';
import { toJsonView } from '../ingest/json-view.js';
import type { DocumentModel } from '../model.js';

export const summary = 'read one source file and print its document model (--json for the JSON view)';
export const usage = `Usage: kamerstukken-ld extract FILE [--json]

Reads a paper (the text extracted from its official PDF, or its official XML):
a verslag van een schriftelijk overleg, Kamervragen with answers, a nota naar
aanleiding van het verslag, a lijst van vragen en antwoorden; and prints what was found: blocks, answers, factions, citations, footnotes.
  --json   print the JSON view (the stable contract described in the README)`;

function describe(doc: DocumentModel): string {
  const answered = doc.blocks.filter((b) => b.answer !== null).length;
  const citations = doc.blocks.reduce((n, b) => n + b.citations.length, 0);
  const lines = [
    `${doc.id} (${doc.genre})${doc.title ? `: ${doc.title}` : ''}`,
    `  blocks ${doc.blocks.length}, answered ${answered}, footnotes ${doc.footnotes.length}, citations ${citations}`,
    `  factions ${doc.factions.join(', ') || '-'}`,
  ];
  if (doc.askers.length > 0) lines.push(`  askers ${doc.askers.map((a) => `${a.name} (${a.faction ?? '?'})`).join(', ')}`);
  for (const b of doc.blocks) {
    const nums = b.numbers.length > 0 ? b.numbers.join('+') : '-';
    const cites = b.citations.map((c) => `${c.id}@${c.in}`).join(' ');
    lines.push(`  [${b.index}] ${nums.padEnd(6)} ${(b.faction ?? '').padEnd(15)} ${b.answer ? 'answered' : 'no answer'}${cites ? `  ${cites}` : ''}`);
  }
  return lines.join('\n');
}

export async function run(args: string[]): Promise<number> {
  const files = args.filter((a) => !a.startsWith('--'));
  const unknown = args.filter((a) => a.startsWith('--') && a !== '--json');
  if (unknown.length > 0) throw new UsageError(`unknown option ${unknown[0]}`);
  if (files.length !== 1) throw new UsageError('give exactly one FILE');
  try {
    const doc = await readDocument(files[0]);
    process.stdout.write(args.includes('--json') ? `${JSON.stringify(toJsonView(doc), null, 2)}\n` : `${describe(doc)}\n`);
    return 0;
  } catch (err) {
    if (err instanceof IngestError) {
      console.error(`error: ${err.message}`);
      return 1;
    }
    throw err;
  }
}
