/**
 * Running fuzz cases through the real reader: each case is written to a file
 * named like its paper (the file name can carry the official id) and read with
 * readDocument. A case passes when the reader returns a model whose
 * invariants hold, or refuses with an IngestError naming the file.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { IngestError } from '../../src/errors.js';
import { readDocument } from '../../src/read.js';
import { decodeSource } from '../../src/ingest/source.js';
import { hasShared, repoRoot, sharedDir } from '../helpers.js';
import { brokenInvariants } from './invariants.js';
import { makeCase, Rng, type Case } from './mutate.js';

export interface Paper {
  name: string;
  bytes: Buffer;
}

/** Every real paper at hand: the reference corpora beside the clone, the bundled seed and the XML fixtures. */
export function realPapers(): Paper[] {
  const dirs = hasShared ? ['corpus', 'corpus-extra', 'corpus-wild'].map((d) => path.join(sharedDir, d)) : [];
  const files = dirs.flatMap((d) =>
    readdirSync(d)
      .filter((n) => /\.(txt|xml)$/.test(n))
      .map((n) => path.join(d, n)),
  );
  if (!hasShared) files.push(path.join(repoRoot, 'corpus', 'kst-26150-187.txt'));
  const xml = path.join(repoRoot, 'test', 'fixtures', 'xml');
  files.push(
    ...readdirSync(xml)
      .filter((n) => n.endsWith('.xml'))
      .map((n) => path.join(xml, n)),
  );
  return files.sort().map((f) => ({ name: path.basename(f), bytes: readFileSync(f) }));
}

export interface Outcome {
  read: number;
  refused: number;
  /** Refusals whose message names a line or an offset too. */
  placed: number;
  failures: string[];
}

/** Run `count` cases from `seed`, writing case files under `dir`. */
export async function runCases(papers: readonly Paper[], count: number, seed: number, dir: string, first = 0): Promise<Outcome> {
  const rng = new Rng(seed);
  const outcome: Outcome = { read: 0, refused: 0, placed: 0, failures: [] };
  for (let n = 0; n < first + count; n++) {
    // Cases before `first` are drawn and dropped, so case n is the same whichever slice runs it.
    const c = makeCase(n, papers, rng);
    if (n < first) continue;
    const problem = await runCase(c, path.join(dir, String(n % 16)));
    if (problem === 'read') outcome.read++;
    else if (problem === 'refused' || problem === 'refused, placed') {
      outcome.refused++;
      if (problem === 'refused, placed') outcome.placed++;
    } else outcome.failures.push(`case ${n} (seed ${seed}): ${c.paper} after ${c.mutations.join(' + ')}: ${problem}`);
  }
  return outcome;
}

/** One case: 'read', 'refused' (with ', placed' when a line or offset is named), or what went wrong. */
export async function runCase(c: Case, dir: string): Promise<string> {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, c.paper);
  writeFileSync(file, c.bytes);
  try {
    const doc = await readDocument(file);
    let text: string;
    try {
      text = decodeSource(file, c.bytes).text;
    } catch {
      return 'read by readDocument but refused by decodeSource';
    }
    const broken = brokenInvariants(doc, text);
    return broken.length === 0 ? 'read' : `invariants broken: ${broken.slice(0, 3).join('; ')}${broken.length > 3 ? ` (+${broken.length - 3})` : ''}`;
  } catch (err) {
    if (!(err instanceof IngestError)) return `uncaught ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}`;
    if (err.location.file !== file || !err.message.startsWith(file)) return `an IngestError that does not name the file: ${err.message}`;
    return err.location.line !== undefined || err.location.offset !== undefined ? 'refused, placed' : 'refused';
  }
}
