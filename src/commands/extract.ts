/** `kamerstukken-ld extract FILE [--json]`: the document model of one source file. */
import { IngestError, UsageError } from '../errors.js';
import { readArgs } from './args.js';
import { readDocument } from '../read.js';
import { toJsonView } from '../ingest/json-view.js';
import type { DocumentModel } from '../model.js';

export const summary = 'read one source file and print its document model (--json for the JSON view)';
export const usage = `Usage: kamerstukken-ld extract FILE [--json] [--id ID]

Reads a paper (the text extracted from its official PDF, or its official XML):
a verslag van een schriftelijk overleg, Kamervragen with answers, a nota naar
aanleiding van het verslag, a lijst van vragen en antwoorden; and prints what was found: blocks, answers, factions, citations, footnotes.
  --json   print the JSON view (the stable contract described in the README)
  --id ID  the official id (kst-36450-6, ah-tk-20242025-602, kv-tk-2024Z18885), when the paper
           does not say it; without one such a paper gets a provisional id and a warning`;

function describe(doc: DocumentModel): string {
  const answered = doc.blocks.filter((b) => b.answer !== null).length;
  const citations = doc.blocks.reduce((n, b) => n + b.citations.length, 0);
  const lines = [
    `${doc.id} (${doc.genre})${doc.title ? `: ${doc.title}` : ''}`,
    `  blocks ${doc.blocks.length}, answered ${answered}, footnotes ${doc.footnotes.length}, citations ${citations}`,
    `  factions ${doc.factions.join(', ') || '-'}`,
  ];
  if (doc.askers.length > 0) lines.push(`  askers ${doc.askers.map((a) => `${a.name} (${a.faction ?? '?'})`).join(', ')}`);
  if (doc.zaak || doc.stage) lines.push(`  ${doc.stage ? `stage ${doc.stage}` : ''}${doc.zaak ? `  zaak ${doc.zaak}` : ''}${doc.documentNumber ? `  document ${doc.documentNumber}` : ''}`.replace(/^ {2} {2}/, '  '));
  for (const w of doc.warnings ?? []) lines.push(`  warning: ${w}`);
  // Numbered as the IRIs are: blok N counts blocks from 1 (…/blok/1), vraag N is the printed question number (…/vraag/N).
  if (doc.blocks.length > 0) lines.push('  blok   vraag  fractie         antwoord   citaties');
  for (const b of doc.blocks) {
    const nums = b.numbers.length > 0 ? b.numbers.join('+') : '-';
    const cites = b.citations.map((c) => `${c.id}@${c.in}`).join(' ');
    lines.push(`  ${String(b.index + 1).padEnd(6)} ${nums.padEnd(6)} ${(b.faction ?? '').padEnd(15)} ${b.answer ? 'answered ' : 'no answer'}${cites ? `  ${cites}` : ''}`);
  }
  return lines.join('\n');
}

export async function run(args: string[]): Promise<number> {
  const opts: { id?: string; json: boolean } = { json: false };
  const files = readArgs(args, {
    '--json': () => (opts.json = true),
    '--id': (o) => {
      opts.id = o.value();
      if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(opts.id)) throw new UsageError('--id needs an id such as kst-36450-6 or ah-tk-20242025-602');
    },
  });
  const { id, json } = opts;
  if (files.length !== 1 || files[0] === undefined) throw new UsageError('give exactly one FILE');
  try {
    const doc = await readDocument(files[0], id === undefined ? {} : { id });
    process.stdout.write(json ? `${JSON.stringify(toJsonView(doc), null, 2)}\n` : `${describe(doc)}\n`);
    return 0;
  } catch (err) {
    if (err instanceof IngestError) {
      console.error(`error: ${err.message}`);
      return 1;
    }
    throw err;
  }
}
