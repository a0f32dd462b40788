/**
 * The stages of a corpus build, each a function with its inputs and outputs in
 * the open so that it can be tested alone (src/publish/build.ts runs them in
 * order):
 *
 *   documents   each source → its cache entry (read, map, validate, serialise; or from the cache), or why not
 *   select      duplicate ids and SHACL findings: which entries are published, which rejected
 *   extraGraphs the gazetteer's and the Tweede Kamer links' graphs, validated like documents
 *   datasetDate dct:issued / dct:modified from --date, the data or SOURCE_DATE_EPOCH
 *   writeDump   the N-Quads dump and its gzip, graph after graph, with the corpus statistics
 *   summarise   the BuildSummary and its one line for people
 */
import path from 'node:path';
import type { Quad } from '@rdfjs/types';
import { IngestError, WriteError } from '../errors.js';
import type { IriMinter } from '../rdf/iris.js';
import { writing } from './atomic.js';
import type { EntrySummary } from './cache.js';
import { FileWithGzip } from './files.js';
import type { FileFacts } from '../output-layout.js';
import { compareStrings, quadLine } from './nquads.js';
import type { DocumentValidation } from './pipeline.js';
import { resultLines } from './report.js';
import { CorpusStats, type GraphStats } from './stats.js';

export interface DocumentProblem {
  file: string;
  id: string | null;
  message: string;
}

/** What the document stage made of one source, in source order. */
export type DocumentOutcome = { file: string; sha256: string; entry: EntrySummary; reused: boolean } | { file: string; sha256: string | null; problem: string };

export interface DocumentStageOptions {
  /** The bytes of one corpus entry (throws an IngestError naming it when it is not a readable paper). */
  readEntry: (file: string) => Promise<Buffer>;
  sha256: (bytes: Buffer) => string;
  /** The cache key of a source: its SHA-256, the pipeline version and the base. */
  key: (sourceSha: string) => string;
  cache: { get: (key: string) => Promise<EntrySummary | null> };
  /** Rebuild every document, ignoring the cache. */
  force: boolean;
  /** Process one document that is not cached (and store it in the cache). */
  process: (file: string, sourceSha: string, key: string) => Promise<EntrySummary>;
  /** Documents processed at once (default 1). Outcomes come in source order whatever this is. */
  concurrency?: number;
  /** Called as each source is started (progress). */
  onStart?: (index: number, file: string) => void;
}

/** A document's failure as one line that names its file (an unexpected error alone would not). */
export function describeError(file: string, err: unknown): string {
  if (err instanceof IngestError) return err.message;
  const what = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return `${file}: not read (an error of ours, please report it): ${what}`;
}

/**
 * The document stage: every source read on its own (a bad entry is an outcome with its problem, never
 * a thrown error), taken from the cache by content hash or processed. A WriteError (full disk) is not
 * the document's fault and stops the stage.
 */
export async function documentStage(sources: readonly string[], options: DocumentStageOptions): Promise<DocumentOutcome[]> {
  const outcomes: DocumentOutcome[] = new Array<DocumentOutcome>(sources.length);
  const one = async (i: number, file: string): Promise<DocumentOutcome> => {
    options.onStart?.(i, file);
    let sourceSha: string;
    try {
      sourceSha = options.sha256(await options.readEntry(file));
    } catch (err) {
      return { file, sha256: null, problem: describeError(file, err) };
    }
    const key = options.key(sourceSha);
    const cached = options.force ? null : await options.cache.get(key);
    if (cached) return { file, sha256: sourceSha, entry: cached, reused: true };
    try {
      return { file, sha256: sourceSha, entry: await options.process(file, sourceSha, key), reused: false };
    } catch (err) {
      if (err instanceof WriteError) throw err;
      return { file, sha256: sourceSha, problem: describeError(file, err) };
    }
  };
  let next = 0;
  // An object, so that the lanes' writes are seen after the await (a plain let is narrowed to null).
  const state: { stop: Error | null } = { stop: null };
  const lane = async (): Promise<void> => {
    while (state.stop === null && next < sources.length) {
      const i = next++;
      const file = sources[i];
      if (file === undefined) break;
      try {
        outcomes[i] = await one(i, file);
      } catch (err) {
        state.stop = err instanceof Error ? err : new Error(String(err));
      }
    }
  };
  const lanes = Math.max(1, Math.min(options.concurrency ?? 1, sources.length));
  await Promise.all(Array.from({ length: lanes }, lane));
  if (state.stop !== null) throw state.stop;
  return outcomes;
}

/** What select makes of the outcomes. */
export interface Selection {
  /** Entries to publish, in source order. */
  published: EntrySummary[];
  failed: DocumentProblem[];
  rejected: DocumentProblem[];
  reused: number;
  /** Graphs validated (published or rejected), for the report. */
  validatedGraphs: string[];
  /** Each validated graph's SHACL results, for shacl-report.ttl. */
  reportResults: string[][];
  /** The readable reports of rejected documents. */
  reportTexts: string[];
  violations: number;
  /** The sources that could be read, with their SHA-256 (the manifest's record). */
  sources: { file: string; sha256: string }[];
}

/**
 * The select stage: the first source (in source order) with an official id wins and a later one with
 * the same id is left out by name; a document with SHACL results is validated but not published.
 */
export function selectPublished(outcomes: readonly DocumentOutcome[], minter: IriMinter): Selection {
  const s: Selection = { published: [], failed: [], rejected: [], reused: 0, validatedGraphs: [], reportResults: [], reportTexts: [], violations: 0, sources: [] };
  const idToFile = new Map<string, string>();
  for (const o of outcomes) {
    if (o.sha256 !== null) s.sources.push({ file: path.basename(o.file), sha256: o.sha256 });
    if ('problem' in o) {
      s.failed.push({ file: o.file, id: null, message: o.problem });
      continue;
    }
    const { entry, file } = o;
    if (o.reused) s.reused++;
    const other = idToFile.get(entry.id);
    if (other !== undefined) {
      s.failed.push({ file, id: entry.id, message: `${file}: same official id ${entry.id} as ${other}; left out` });
      continue;
    }
    idToFile.set(entry.id, file);
    s.validatedGraphs.push(minter.graph(entry.id).value);
    s.reportResults.push(entry.reportBlocks);
    s.violations += entry.violations;
    if (entry.violations > 0) {
      s.rejected.push({ file, id: entry.id, message: `${entry.violations} SHACL result(s); not published` });
      s.reportTexts.push(entry.reportText);
      continue;
    }
    s.published.push(entry);
  }
  return s;
}

/** Sort and de-duplicate a graph's quads by their N-Quads line. */
export function sortQuads(quads: readonly Quad[]): { quads: Quad[]; lines: string[] } {
  const byLine = new Map<string, Quad>();
  for (const q of quads) {
    const line = quadLine(q);
    if (!byLine.has(line)) byLine.set(line, q);
  }
  const lines = [...byLine.keys()].sort(compareStrings);
  const sorted: Quad[] = [];
  for (const l of lines) {
    const q = byLine.get(l);
    if (q !== undefined) sorted.push(q);
  }
  return { lines, quads: sorted };
}

/** A graph besides the documents' (gazetteer, Tweede Kamer links), validated like a document. */
export interface ExtraGraph {
  /** Its graph IRI. */
  iri: string;
  /** Name in the problem list when it does not conform ('gazetteer', the links file). */
  file: string;
  id: string;
  /** Its quads, sorted and without duplicates. */
  quads: Quad[];
  lines: string[];
  validation: DocumentValidation;
}

/**
 * The extra-graphs stage's bookkeeping: each graph with quads is validated (counted in the report),
 * published when it conforms, and named among the rejected when it does not. `always` graphs are
 * counted as validated even when empty (the gazetteer: an empty one is still a finding of its own).
 */
export function addExtraGraphs(selection: Selection, graphs: readonly (ExtraGraph & { always?: boolean })[]): ExtraGraph[] {
  const publishable: ExtraGraph[] = [];
  for (const g of graphs) {
    if (g.always === true || g.quads.length > 0) {
      selection.validatedGraphs.push(g.iri);
      if (g.always === true) selection.reportResults.push(resultLines(g.validation.reportQuads));
    }
    selection.violations += g.validation.violations;
    if (g.validation.violations > 0) {
      selection.rejected.push({ file: g.file, id: g.id, message: `${g.validation.violations} SHACL result(s); not published` });
      selection.reportTexts.push(g.validation.text);
      continue;
    }
    if (g.lines.length > 0) publishable.push(g);
  }
  return publishable;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** SOURCE_DATE_EPOCH (seconds since 1970, https://reproducible-builds.org/specs/source-date-epoch/) as a date. */
export function sourceDateEpoch(raw: string | undefined = process.env.SOURCE_DATE_EPOCH): string | null {
  if (raw === undefined || !/^\d+$/.test(raw)) return null;
  return new Date(Number(raw) * 1000).toISOString().slice(0, 10);
}

/**
 * The dataset's dates: from --date, the newest date in the published documents, or SOURCE_DATE_EPOCH
 * (the reproducible-builds convention), never the clock; with none of them, none (and a note saying so).
 */
export function datasetDate(
  given: string | undefined,
  published: readonly Pick<EntrySummary, 'dates'>[],
  epoch: string | undefined = process.env.SOURCE_DATE_EPOCH,
): { date: string | null; period: { start: string; end: string } | null; note: string | null } {
  const dates = published
    .flatMap((e) => e.dates)
    .filter((d) => ISO_DATE.test(d))
    .sort();
  const first = dates[0];
  const last = dates[dates.length - 1];
  const date = given ?? last ?? sourceDateEpoch(epoch) ?? null;
  return {
    date,
    period: first !== undefined && last !== undefined ? { start: first, end: last } : null,
    note: date === null ? 'no date in the data: dct:issued/dct:modified left out of dataset.ttl (pass --date YYYY-MM-DD)' : null,
  };
}

/** One graph of the dump: how to write its lines, and its statistics (read when the graph is written: they are not all kept). */
export interface DumpGraph {
  iri: string;
  write: (out: FileWithGzip) => Promise<void>;
  stats: () => Promise<GraphStats>;
}

/** The dump stage: every graph in IRI order into kamerstukken-ld.nq and its gzip; the corpus statistics. */
export async function writeDump(staging: string, name: string, graphs: readonly DumpGraph[], stats: CorpusStats = new CorpusStats()): Promise<{ plain: FileFacts; gzip: FileFacts; stats: CorpusStats }> {
  const ordered = [...graphs].sort((a, b) => compareStrings(a.iri, b.iri));
  const facts = await writing(path.join(staging, name), async () => {
    const dump = new FileWithGzip(staging, name);
    for (const g of ordered) {
      await g.write(dump);
      stats.add(await g.stats());
    }
    return dump.end();
  });
  return { ...facts, stats };
}

export interface BuildSummary {
  /** Source documents seen. */
  documents: number;
  /** Documents published (valid). */
  published: number;
  /** Documents not read (ingest or other errors). */
  failed: DocumentProblem[];
  /** Documents read but left out for SHACL violations. */
  rejected: DocumentProblem[];
  /** Documents taken from the cache. */
  reused: number;
  /** Quads in kamerstukken-ld.nq (0 when nothing was published). */
  triples: number;
  /** SHACL results over all graphs. */
  violations: number;
  seconds: number;
  /** Was the new output swapped in? */
  published_output: boolean;
  output: string;
  /** The readable SHACL report of the violating documents ('' when all conform). */
  reportText: string;
  /** 0 when every document was read and conforms; 1 otherwise. */
  exitCode: number;
  /** One line for people: documents, triples, violations, time. */
  line: string;
}

/** The summary stage: counts, exit code and the line for people. */
export function summarise(
  selection: Pick<Selection, 'published' | 'failed' | 'rejected' | 'reused' | 'violations' | 'reportTexts'>,
  facts: { documents: number; triples: number; swapped: boolean; seconds: number; output: string; notes: readonly string[] },
): BuildSummary {
  const { failed, rejected, violations } = selection;
  const missing = failed.length + rejected.length;
  const line =
    `${selection.published.length}/${facts.documents} documents published, ${facts.triples} triples, ${violations} violation${violations === 1 ? '' : 's'}, ` +
    `${facts.seconds.toFixed(1)} s (${selection.reused} from cache)` +
    (missing > 0 ? `; ${missing} not published: ${[...failed, ...rejected].map((p) => p.id ?? path.basename(p.file)).join(', ')}` : '') +
    (facts.swapped ? '' : '; output/ left unchanged') +
    facts.notes.map((n) => `; ${n}`).join('');
  return {
    documents: facts.documents,
    published: selection.published.length,
    failed,
    rejected,
    reused: selection.reused,
    triples: facts.triples,
    violations,
    seconds: facts.seconds,
    published_output: facts.swapped,
    output: facts.output,
    reportText: selection.reportTexts.filter((t) => t !== '').join('\n\n'),
    exitCode: facts.swapped && missing === 0 ? 0 : 1,
    line,
  };
}
