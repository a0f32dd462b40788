/** `kamerstukken-ld unlinked FILE`: names and acronyms no gazetteer entry matched, for curating the gazetteer. */
import { IngestError, UsageError, lineOf } from '../errors.js';
import { readArgs } from './args.js';
import { Gazetteer, GazetteerError } from '../extract/gazetteer.js';
import { findUnlinked, lowerCaseWords } from '../extract/unlinked.js';
import { readDocument } from '../read.js';
import { readSource } from '../ingest/source.js';
import type { Side } from '../model.js';
import { DEFAULT_BASE, IriMinter } from '../rdf/iris.js';

export const summary = 'list capitalised names and acronyms that match no gazetteer entry (for curating it)';
export const usage = `Usage: kamerstukken-ld unlinked FILE [--raw] [--min N] [--json] [--gazetteer TTL] [--base IRI]

Reads FILE like \`extract\` and looks through the question and answer texts of its
blocks (the texts mentions are linked in) for capitalised names and acronyms
that no gazetteer entry matched. Prints one line per name: how often it
occurs, the name, and where it first occurs. Most frequent first.
  --raw            look through the whole file as it is (also files ingest refuses)
  --min N          only names that occur at least N times (default 1)
  --json           print [{"name","count","first":{…}}] instead
  --gazetteer TTL  another gazetteer file (default ontology/gazetteer.ttl)
  --base IRI       the dataset base the gazetteer's relative IRIs resolve against`;

interface Where {
  /** 1-based block number and side, for block texts; line in the file, for --raw. */
  block?: number;
  in?: Side;
  line?: number;
}

interface Row {
  name: string;
  count: number;
  first: Where;
}

function parseArgs(args: string[]): { file: string; raw: boolean; min: number; json: boolean; gazetteer?: string; base: string } {
  const opts: { raw: boolean; min: number; json: boolean; gazetteer?: string; base: string } = { raw: false, json: false, min: 1, base: DEFAULT_BASE };
  const files = readArgs(args, {
    '--raw': () => (opts.raw = true),
    '--json': () => (opts.json = true),
    '--min': (o) => (opts.min = o.integer(1)),
    '--gazetteer': (o) => (opts.gazetteer = o.value()),
    '--base': (o) => (opts.base = o.value()),
  });
  const [file] = files;
  if (file === undefined || files.length !== 1) throw new UsageError('give exactly one FILE');
  return { file, ...opts };
}

/** Names per text, merged over the texts in order: counts add up, the first place stays. */
function collect(texts: { text: string; where: (offset: number) => Where }[], gazetteer: Gazetteer): Row[] {
  const rows = new Map<string, Row>();
  // Sentence-initial words are judged against the whole document's vocabulary, not one block's.
  const lower = lowerCaseWords(texts.map((t) => t.text).join('\n'));
  for (const { text, where } of texts) {
    for (const u of findUnlinked(text, gazetteer, { lowerCaseWords: lower })) {
      const row = rows.get(u.name);
      if (row) row.count += u.count;
      else rows.set(u.name, { name: u.name, count: u.count, first: where(u.firstOffset) });
    }
  }
  return [...rows.values()].sort((a, b) => b.count - a.count || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function place(w: Where): string {
  if (w.line !== undefined) return `line ${w.line}`;
  return `block ${w.block ?? '?'} ${w.in ?? ''}`.trim();
}

export async function run(args: string[]): Promise<number> {
  const opts = parseArgs(args);
  let minter: IriMinter;
  try {
    minter = new IriMinter(opts.base);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  try {
    const gazetteer = opts.gazetteer !== undefined ? Gazetteer.load(minter, opts.gazetteer) : Gazetteer.load(minter);
    let texts: { text: string; where: (offset: number) => Where }[];
    if (opts.raw) {
      const source = (await readSource(opts.file)).text;
      texts = [{ text: source, where: (o) => ({ line: lineOf(source, o) }) }];
    } else {
      const doc = await readDocument(opts.file);
      texts = doc.blocks.flatMap((b) => [
        { text: b.questionText, where: (): Where => ({ block: b.index + 1, in: 'question' }) },
        ...(b.answer !== null ? [{ text: b.answer.text, where: (): Where => ({ block: b.index + 1, in: 'answer' as const }) }] : []),
      ]);
    }
    const rows = collect(texts, gazetteer).filter((r) => r.count >= opts.min);
    if (opts.json) {
      process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    } else {
      const width = String(rows[0]?.count ?? 1).length;
      const out = [`# ${rows.length} names and acronyms in ${opts.file} match no gazetteer entry (count, name, first place)`];
      for (const r of rows) out.push(`${String(r.count).padStart(width)}  ${r.name}  (${place(r.first)})`);
      process.stdout.write(`${out.join('\n')}\n`);
    }
    return 0;
  } catch (err) {
    if (err instanceof IngestError) {
      console.error(`error: ${err.message}\n(use --raw to look through the file as it is)`);
      return 1;
    }
    if (err instanceof GazetteerError) {
      console.error(`error: ${err.message}`);
      return 1;
    }
    throw err;
  }
}
