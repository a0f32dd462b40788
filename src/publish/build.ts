/**
 * `kamerstukken-ld build`: corpus → per-document RDF → SHACL → dumps and a
 * dataset description in output/, atomically, deterministically and
 * incrementally.
 *
 * Policy on failures (what a user of published data expects):
 * - A document that cannot be read (IngestError, or any error of its own) is
 *   reported with its file and place and left out; the rest is built.
 * - A document whose graph violates the shapes is NOT published: it is left
 *   out of every dump and of the dataset description, and its findings are in
 *   output/shacl-report.ttl and in the readable report. Invalid data is never
 *   published as if it were valid.
 * - Either way the build exits non-zero, and says which documents are missing.
 * - When no document at all can be published, or the dataset description does
 *   not conform to shapes/dataset.ttl (a bug of ours), nothing is swapped in:
 *   the previous output stays as it was.
 *
 * @example
 *   const summary = await buildCorpus({ corpus: 'corpus', output: 'output' });
 *   if (summary.exitCode !== 0) console.error(summary.reportText);
 */
import { createHash } from 'node:crypto';
import { constants, existsSync, type Stats } from 'node:fs';
import { availableParallelism } from 'node:os';
import { copyFile, lstat, mkdir, open, readdir, readlink, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { DocumentModel } from '../model.js';
import { describeErrno, IngestError, InputError, UsageError } from '../errors.js';
import { DEFAULT_BASE, IriMinter } from '../rdf/iris.js';
import { createStaging, lockOutput, recoverOutput, swapIn, writing } from './atomic.js';
import { BudgetedReader } from './budget.js';
import { BuildCache, cacheKey, summaryOf, type CacheEntry, type EntrySummary } from './cache.js';
import { CONTEXT_VERSIONS, buildContext } from './context.js';
import { outputPrefixes, processDocument } from './document.js';
import { DEFAULT_METADATA, LINK_TARGETS, describeDataset, type DatasetMetadata } from './dataset.js';
import { validateDescription } from './describe-shapes.js';
import { sha256File, writeSmallFile, type FileWithGzip } from './files.js';
import { assertNoBlankNodes, compareStrings } from './nquads.js';
import { loadPipeline, pipelineVersion, type Pipeline } from './pipeline.js';
import { snapshotOutput } from './snapshot.js';
import { textIndexOutput } from './text-index-file.js';
import { DOCUMENT_KINDS, OUTPUT_FILES, buildManifestText, contextFile, documentFile, readBuildManifest, type FileFacts } from '../output-layout.js';
import { DocumentPool } from './parallel.js';
import { Progress } from './progress.js';
import { buildReport } from './report.js';
import { CorpusStats, graphStats } from './stats.js';
import { addExtraGraphs, datasetDate, documentStage, selectPublished, sortQuads, summarise, writeDump, type BuildSummary, type ExtraGraph, type Selection } from './stages.js';
import { documentTurtle } from './turtle.js';
import { loadTkLinks, TK_LINKS_FILE, zaakQuads } from '../harvest/links.js';
import { loadHarvestProvenance } from '../harvest/provenance.js';
import { harvestedPapers } from '../harvest/store.js';

/** Source file extensions the build reads. */
// Every rendering ingest reads (its format is then told by content, not by this name).
const SOURCE_EXTENSIONS = ['.txt', '.xml', '.pdf', '.docx', '.html', '.htm', '.md'];

export interface BuildOptions {
  /** Directory of source documents (default "corpus"); ignored when `files` is given. */
  corpus?: string;
  /** Explicit source files. */
  files?: string[];
  /** Output directory (default "output"). */
  output?: string;
  /** Base IRI (default DEFAULT_BASE). */
  base?: string;
  /** YYYY-MM-DD for dct:issued / dct:modified; default: the newest date of the published documents. */
  date?: string;
  /** Rebuild every document, ignoring the cache. */
  force?: boolean;
  /** Cache directory (default: .tmp/build-cache/{output name} beside the output directory). */
  cacheDir?: string;
  /** Progress bar stream; default stderr (drawn only on a TTY). false: none. */
  progress?: NodeJS.WriteStream | false;
  /** Pipeline to run (tests inject one); default: the project's. */
  pipeline?: Pipeline;
  metadata?: DatasetMetadata;
  /**
   * Extra writers run on the complete staging directory before it is swapped in;
   * each returns the names of the files it wrote. Default: the server's store
   * snapshot manifest (src/serve/snapshot.ts, output/store.json).
   */
  extraOutputs?: ((staging: string, nquadsFile: string) => Promise<string[]>)[];
  /** Per-document size budget in bytes (default MAX_SOURCE_BYTES): a larger source is refused by name. */
  maxDocumentBytes?: number;
  /**
   * Per-document time budget in seconds (default DOCUMENT_SECONDS; 0: none): each document is read in a
   * worker thread, and one that takes longer is refused by name (src/publish/budget.ts). Used with the
   * project's pipeline, or with an injected one when `readerModule` is given.
   */
  documentSeconds?: number;
  /** URL of a module whose readDocument(file) the budgeted reader runs (tests); default: the project's ingest. */
  readerModule?: string;
  /**
   * Documents processed at once, each in its own worker thread (default: the cores available,
   * os.availableParallelism()). The output is byte-identical whatever the number. Used with the
   * project's pipeline; an injected pipeline runs in the build's own thread.
   */
  jobs?: number;
}

/** Seconds one document may take to read: a 200 KB paper takes a few seconds on a busy machine. */
export const DOCUMENT_SECONDS = 120;

export type { BuildSummary, DocumentProblem } from './stages.js';

/**
 * The largest source file the build reads: part of the per-document budget
 * (the longest real paper is a few hundred KB), so one huge file is refused by
 * name instead of holding the whole build.
 */
export const MAX_SOURCE_BYTES = 16 * 1024 * 1024;

function kindOf(st: Stats): string {
  if (st.isDirectory()) return 'a folder';
  if (st.isFIFO()) return 'a named pipe (FIFO)';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

/** Why a corpus entry cannot be opened, in words (a dangling symlink reports ENOENT, which names nothing). */
async function openProblem(file: string, err: unknown): Promise<string> {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') {
    const link = await lstat(file).catch(() => null);
    if (link?.isSymbolicLink()) return `a symbolic link to ${await readlink(file).catch(() => '?')}, which does not exist; skipped`;
    return 'no such file (removed while the build ran?); skipped';
  }
  if (code === 'ELOOP') return 'a symbolic link that loops; skipped';
  return `cannot be opened (${describeErrno(err)}); skipped`;
}

/**
 * The bytes of one corpus entry. Anything that is not a readable regular file
 * (dangling symlink, folder named *.txt, FIFO, device, unreadable, over the
 * size budget) throws an IngestError naming the entry. The open is
 * non-blocking, so a FIFO is recognised at once instead of waiting for a writer
 * forever; the type is checked on the opened file, not on the name, so a swap
 * between check and read cannot slip one in. Symbolic links to regular files
 * are followed (a corpus of links to papers kept elsewhere is common).
 */
export async function readSourceEntry(file: string, maxBytes: number = MAX_SOURCE_BYTES): Promise<Buffer> {
  let fh;
  try {
    fh = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (err) {
    throw new IngestError({ file }, await openProblem(file, err));
  }
  try {
    const st = await fh.stat();
    if (!st.isFile()) throw new IngestError({ file }, `${kindOf(st)}, not a paper; skipped`);
    if (st.size > maxBytes) {
      throw new IngestError({ file }, `${st.size} bytes, over the budget of ${maxBytes} bytes for one document; skipped`);
    }
    const bytes = await fh.readFile();
    if (bytes.length > maxBytes) throw new IngestError({ file }, `over the budget of ${maxBytes} bytes for one document (it grew while read); skipped`);
    return bytes;
  } catch (err) {
    if (err instanceof IngestError) throw err;
    throw new IngestError({ file }, `cannot be read (${describeErrno(err)}); skipped`);
  } finally {
    await fh.close();
  }
}

function cacheSummary(entry: CacheEntry | null): EntrySummary | null {
  return entry === null ? null : summaryOf(entry);
}

function sha256(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The source files of a build, sorted. */
export async function listSources(options: BuildOptions): Promise<string[]> {
  if (options.files && options.files.length > 0) return [...options.files].map((f) => path.resolve(f)).sort(compareStrings);
  const dir = path.resolve(options.corpus ?? 'corpus');
  const names = (await readdir(dir)).filter((n) => SOURCE_EXTENSIONS.includes(path.extname(n).toLowerCase()));
  // A harvested corpus is laid out by id: DIR/{id}/{id}.xml (or .pdf) beside its metadata.xml.
  return [...names.map((n) => path.join(dir, n)), ...(await harvestedPapers(dir))].sort(compareStrings);
}

/** .tmp/build-cache/{output name} beside the output (.tmp/ is git-ignored); one per output, since a build prunes its cache. */
function defaultCacheDir(output: string): string {
  const abs = path.resolve(output);
  return path.join(path.dirname(abs), '.tmp', 'build-cache', path.basename(abs));
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** What the stages of one build share. */
interface BuildRun {
  options: BuildOptions;
  minter: IriMinter;
  pipeline: Pipeline;
  cache: BuildCache;
  /** The staging directory the new output is written into, swapped in at the end. */
  staging: string;
  prefixes: Record<string, string>;
}

/** The worker threads of a build: a pool running the whole per-document pipeline, or a budgeted reader. */
interface BuildWorkers {
  pool: DocumentPool | null;
  budgeted: BudgetedReader | null;
}

/**
 * Build the corpus into the output directory. See the module comment for the failure policy. The stages, each a
 * function of its own: the documents (documentsStage), the extra graphs (extraGraphsStage), the documents' files
 * (copyDocumentFiles), the dump (dumpStage), the small files and the manifest (smallFilesStage); the pure steps
 * they use are in ./stages.ts.
 */
export async function buildCorpus(options: BuildOptions = {}): Promise<BuildSummary> {
  const started = process.hrtime.bigint();
  const output = path.resolve(options.output ?? 'output');
  if (options.date !== undefined && !ISO_DATE.test(options.date)) throw new UsageError(`--date must be YYYY-MM-DD: got "${options.date}"`);
  const minter = options.pipeline?.minter ?? new IriMinter(options.base ?? DEFAULT_BASE);
  const sources = await listSources(options);
  if (sources.length === 0) throw new InputError(`no source documents (${SOURCE_EXTENSIONS.map((e) => `*${e}`).join(', ')}) in ${options.corpus ?? 'corpus'}`);

  const release = await lockOutput(output);
  let staging: string | null = null;
  const cacheDir = path.resolve(options.cacheDir ?? defaultCacheDir(output));
  const workers = startWorkers(options, minter, cacheDir);
  try {
    await recoverOutput(output);
    const pipeline = options.pipeline ?? (await loadPipeline(minter));
    staging = await createStaging(output);
    const run: BuildRun = { options, minter, pipeline, cache: new BuildCache(cacheDir), staging, prefixes: outputPrefixes(minter) };
    const progressStream = options.progress === false ? null : (options.progress ?? process.stderr);
    const progress = new Progress(sources.length, progressStream ?? process.stderr, progressStream?.isTTY === true);

    const selection = await documentsStage(run, sources, workers, progress);
    // The workers' part is done: their memory is given back before the dump and the indexes are made.
    await closeWorkers(workers);
    progress.tick(sources.length, 'dumps');
    const extras = await extraGraphsStage(run, selection);
    const notes: string[] = [];
    const finish = (triples: number, swapped: boolean): BuildSummary => summarise(selection, { documents: sources.length, triples, swapped, seconds: Number(process.hrtime.bigint() - started) / 1e9, output, notes });
    if (selection.published.length === 0) {
      progress.done();
      return finish(0, false);
    }
    await copyDocumentFiles(run, selection.published);
    const dump = await dumpStage(run, selection, extras);
    // The period comes from the data (each paper's dates, else its parliamentary year), the date from datasetDate.
    const { date, note } = datasetDate(options.date, selection.published);
    if (note !== null) notes.push(note);
    await smallFilesStage(run, selection, dump, date);

    await swapIn(staging, output);
    staging = null;
    if (!options.files || options.files.length === 0) await run.cache.prune();
    progress.done();
    return finish(dump.stats.quads, true);
  } finally {
    await closeWorkers(workers);
    if (staging !== null) await rm(staging, { recursive: true, force: true });
    await release();
  }
}

/**
 * The project's pipeline runs in worker threads, several documents at once, each within the budget; an injected
 * one (tests) runs in the build's thread, its reading in a budgeted worker when the test names a reader module.
 */
function startWorkers(options: BuildOptions, minter: IriMinter, cacheDir: string): BuildWorkers {
  const seconds = options.documentSeconds ?? DOCUMENT_SECONDS;
  const pool = options.pipeline === undefined ? new DocumentPool({ jobs: options.jobs ?? availableParallelism(), seconds, base: minter.base, cacheDir }) : null;
  const budgeted = pool === null && seconds > 0 && options.readerModule !== undefined ? new BudgetedReader({ seconds, module: options.readerModule }) : null;
  return { pool, budgeted };
}

async function closeWorkers(workers: BuildWorkers): Promise<void> {
  await workers.budgeted?.close();
  await workers.pool?.close();
}

/** Stage: each document to its cache entry (or the reason it has none), then which of them are published. */
async function documentsStage(run: BuildRun, sources: readonly string[], { pool, budgeted }: BuildWorkers, progress: Progress): Promise<Selection> {
  const { options, minter, pipeline, cache, prefixes } = run;
  const context = buildContext(minter, { ontology: pipeline.ontology(), shapes: pipeline.shapes(), extra: pipeline.gazetteer() });
  const contextIri = minter.context().value;
  const read = budgeted ? (f: string): Promise<DocumentModel> => budgeted.read(f) : (f: string): Promise<DocumentModel> => pipeline.readDocument(f);
  const outcomes = await documentStage(sources, {
    readEntry: (file) => readSourceEntry(file, options.maxDocumentBytes ?? MAX_SOURCE_BYTES),
    sha256,
    key: (sourceSha) => cacheKey(sourceSha, pipeline.version, minter.base),
    // Only the entries' summaries are kept: a document's statistics are read from the cache when the dump is written.
    cache: { get: async (key) => cacheSummary(await cache.get(key)) },
    force: options.force === true,
    process: async (file, sourceSha, key) => {
      if (pool === null) return summaryOf(await processDocument(pipeline, read, file, sourceSha, key, cache, context, contextIri, prefixes));
      const summary = await pool.process(file, sourceSha, key);
      cache.markUsed(key);
      return summary;
    },
    concurrency: pool === null ? 1 : (options.jobs ?? availableParallelism()),
    onStart: (i, file) => progress.tick(i, path.basename(file)),
  });
  return selectPublished(outcomes, minter);
}

/**
 * Stage: the gazetteer (its own graph) and what a harvest took from the Tweede Kamer's open data
 * (corpus/tweedekamer.json: Zaak links), validated like documents.
 */
async function extraGraphsStage({ options, minter, pipeline }: BuildRun, selection: Selection): Promise<ExtraGraph[]> {
  const gazetteer = sortQuads(pipeline.gazetteer());
  assertNoBlankNodes(gazetteer.quads, 'gazetteer');
  const tkLinks = options.files ? undefined : loadTkLinks(path.resolve(options.corpus ?? 'corpus'));
  const tk = sortQuads(tkLinks ? zaakQuads(tkLinks, minter, new Set(selection.published.map((e) => e.id))) : []);
  return addExtraGraphs(selection, [
    { iri: minter.gazetteerGraph().value, file: 'gazetteer', id: 'gazetteer', ...gazetteer, validation: await pipeline.validate(gazetteer.quads), always: true },
    { iri: minter.tweedekamerGraph().value, file: TK_LINKS_FILE, id: 'tweedekamer', ...tk, validation: await pipeline.validate(tk.quads) },
  ]);
}

/** Stage: the published documents' files (documents/{id}.jsonld, .ttl, .txt), copied from the cache. */
async function copyDocumentFiles({ staging, cache }: BuildRun, published: Selection['published']): Promise<void> {
  await mkdir(path.join(staging, OUTPUT_FILES.documents), { recursive: true });
  for (const entry of published) {
    for (const kind of DOCUMENT_KINDS) {
      const target = path.join(staging, documentFile(entry.id, kind));
      await writing(target, () => copyFile(cache.filePath(entry.key, kind), target));
    }
  }
}

type Dump = Awaited<ReturnType<typeof writeDump>>;

/**
 * Stage: the corpus N-Quads and its gzip, one graph after another, streamed from the cache; the corpus statistics,
 * each graph's read from the cache as it is written, what several graphs share counted once through a spill
 * directory in the staging directory (removed before the swap).
 */
function dumpStage({ staging, minter, cache }: BuildRun, selection: Selection, extras: readonly ExtraGraph[]): Promise<Dump> {
  const stats = new CorpusStats({ uriSpace: `${minter.base}id/`, spill: { parent: staging } });
  return writeDump(
    staging,
    OUTPUT_FILES.nquads,
    [
      ...selection.published.map((e) => ({ iri: minter.graph(e.id).value, write: (out: FileWithGzip) => out.writeFile(cache.filePath(e.key, 'nq')), stats: () => cache.stats(e.key) })),
      ...extras.map((g) => ({ iri: g.iri, write: (out: FileWithGzip) => out.write(g.lines.join('')), stats: () => Promise.resolve(graphStats(g.quads, LINK_TARGETS)) })),
    ],
    stats,
  );
}

/** Stage: the small files (contexts, ontology, report, description), the extra writers' files, and last the manifest. */
async function smallFilesStage(run: BuildRun, selection: Selection, dump: Dump, date: string | null): Promise<void> {
  const { options, minter, pipeline, staging, prefixes } = run;
  const files: FileFacts[] = [dump.plain, dump.gzip];
  const write = (name: string, content: string): Promise<FileFacts> => writing(path.join(staging, name), () => writeSmallFile(staging, name, content));
  // Every version of the context, each where its IRI points (context.jsonld, context/v2.jsonld, …), so that
  // documents written against an older one keep their meaning; the current one frames the documents.
  const contextSources = { ontology: pipeline.ontology(), shapes: pipeline.shapes(), extra: pipeline.gazetteer() };
  for (const version of CONTEXT_VERSIONS) {
    files.push(await write(contextFile(version), `${JSON.stringify(buildContext(minter, contextSources, version), null, 2)}\n`));
  }
  const html = pipeline.ontologyHtml();
  if (html !== null) files.push(await write(OUTPUT_FILES.ontologyHtml, html));
  files.push(await write(OUTPUT_FILES.report, await reportTurtle(minter, selection)));
  const description = {
    minter,
    stats: dump.stats,
    files: { nquads: dump.plain, nquadsGzip: dump.gzip },
    documents: selection.published.length,
    documentIds: selection.published.map((e) => e.id).sort(compareStrings),
    date,
    period: dump.stats.period,
    metadata: options.metadata ?? DEFAULT_METADATA,
    harvest: options.files ? undefined : loadHarvestProvenance(path.resolve(options.corpus ?? 'corpus')),
  };
  files.push(await write(OUTPUT_FILES.dataset, await descriptionTurtle(description, prefixes)));
  // The server's store snapshot (output/store.json) unless the caller brings its own extra writers.
  files.push(...(await runExtraOutputs(staging, options.extraOutputs ?? [snapshotOutput(minter.base), textIndexOutput(minter.base)])));
  await write(OUTPUT_FILES.manifest, buildManifestText({ pipelineVersion: pipeline.version, base: minter.base, date: options.date ?? null, sources: selection.sources, files }));
}

/** shacl-report.ttl: every validated graph's results in one report. */
async function reportTurtle(minter: IriMinter, selection: Pick<Selection, 'reportResults' | 'validatedGraphs' | 'violations'>): Promise<string> {
  const report = buildReport(minter, selection.reportResults, selection.validatedGraphs);
  const head = `# SHACL validation report of the build: ${selection.validatedGraphs.length} graphs validated, ${selection.violations} results.\n`;
  return documentTurtle(report, outputPrefixes(minter), head);
}

/** dataset.ttl: the description, checked against shapes/dataset.ttl (a description that does not conform is a bug of ours). */
async function descriptionTurtle(input: Parameters<typeof describeDataset>[0], prefixes: Record<string, string>): Promise<string> {
  const description = describeDataset(input);
  const check = await validateDescription(description, input.minter);
  if (!check.conforms) {
    throw new Error(`the dataset description does not conform to shapes/dataset.ttl (a bug in src/publish/dataset.ts):\n${check.text}`);
  }
  return documentTurtle(sortQuads(description).quads, prefixes);
}

/** Extra writers on the complete staging directory; the facts of the files they wrote. */
async function runExtraOutputs(staging: string, writers: NonNullable<BuildOptions['extraOutputs']>): Promise<FileFacts[]> {
  const files: FileFacts[] = [];
  for (const extra of writers) {
    for (const name of await extra(staging, path.join(staging, OUTPUT_FILES.nquads))) {
      const full = path.join(staging, name);
      files.push({ name, bytes: (await stat(full)).size, sha256: await sha256File(full) });
    }
  }
  return files;
}

/**
 * Is output/ out of date for these options: missing, built by another
 * pipeline version or base, or from other sources? (For `start`, which builds
 * only when needed.)
 */
export async function isOutputStale(options: BuildOptions = {}): Promise<boolean> {
  const output = path.resolve(options.output ?? 'output');
  const manifest = await readBuildManifest(output);
  if (manifest === undefined) return true;
  const version = options.pipeline?.version ?? pipelineVersion();
  const base = options.pipeline?.minter.base ?? options.base ?? DEFAULT_BASE;
  if (manifest.pipelineVersion !== version || manifest.base !== base) return true;
  if ((options.date ?? null) !== manifest.date) return true;
  for (const f of manifest.files) if (!existsSync(path.join(output, f.name))) return true;
  let sources: string[];
  try {
    sources = await listSources(options);
  } catch {
    return true;
  }
  if (sources.length !== manifest.sources.length) return true;
  for (const [i, file] of sources.entries()) {
    const recorded = manifest.sources[i];
    if (recorded === undefined || recorded.file !== path.basename(file)) return true;
    let bytes: Buffer;
    try {
      bytes = await readSourceEntry(file, options.maxDocumentBytes ?? MAX_SOURCE_BYTES);
    } catch {
      return true; // a bad entry: let the build report it
    }
    if (recorded.sha256 !== sha256(bytes)) return true;
  }
  return false;
}
