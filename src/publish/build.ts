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
import { copyFile, lstat, mkdir, open, readdir, readFile, readlink, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Quad } from '@rdfjs/types';
import type { DocumentModel } from '../model.js';
import { describeErrno, IngestError, WriteError } from '../errors.js';
import { snapshotOutput } from '../serve/snapshot.js';
import { DEFAULT_BASE, IriMinter } from '../rdf/iris.js';
import { PREFIXES, schema, spdx } from '../rdf/vocab.js';
import { createStaging, lockOutput, recoverOutput, swapIn, writing } from './atomic.js';
import { BudgetedReader } from './budget.js';
import { BuildCache, cacheKey, type CacheEntry } from './cache.js';
import { CONTEXT_VERSIONS, buildContext } from './context.js';
import { DEFAULT_METADATA, LINK_TARGETS, describeDataset, type DatasetMetadata } from './dataset.js';
import { validateDescription } from './describe-shapes.js';
import { FileWithGzip, sha256File, writeSmallFile, type FileFacts } from './files.js';
import { documentTree, frameDocument } from './jsonld.js';
import { assertNoBlankNodes, compareStrings, quadLine } from './nquads.js';
import { loadPipeline, pipelineVersion, type Pipeline } from './pipeline.js';
import { Progress } from './progress.js';
import { buildReport, resultLines } from './report.js';
import { CorpusStats, graphStats, type GraphStats } from './stats.js';
import { documentTurtle } from './turtle.js';
import { loadTkLinks, TK_LINKS_FILE, zaakQuads } from '../harvest/links.js';
import { loadHarvestProvenance } from '../harvest/provenance.js';
import { harvestedPapers } from '../harvest/store.js';

/** Names of the files in output/ (fixed for the whole team, see the README). */
export const OUTPUT_FILES = {
  nquads: 'kamerstukken-ld.nq',
  nquadsGzip: 'kamerstukken-ld.nq.gz',
  context: 'context.jsonld',
  report: 'shacl-report.ttl',
  dataset: 'dataset.ttl',
  ontologyHtml: 'ontology.html',
  documents: 'documents',
  manifest: '.build.json',
} as const;

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
}

/** Seconds one document may take to read: a 200 KB paper takes a few seconds on a busy machine. */
export const DOCUMENT_SECONDS = 120;

export interface DocumentProblem {
  file: string;
  id: string | null;
  message: string;
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

interface Manifest {
  pipelineVersion: string;
  base: string;
  date: string | null;
  sources: { file: string; sha256: string }[];
  files: FileFacts[];
}

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

/** SOURCE_DATE_EPOCH (seconds since 1970, https://reproducible-builds.org/specs/source-date-epoch/) as a date. */
function sourceDateEpoch(): string | null {
  const raw = process.env.SOURCE_DATE_EPOCH;
  if (raw === undefined || !/^\d+$/.test(raw)) return null;
  return new Date(Number(raw) * 1000).toISOString().slice(0, 10);
}

/** Turtle/JSON-LD prefixes: ours and the reused vocabularies. */
function outputPrefixes(minter: IriMinter): Record<string, string> {
  const all: Record<string, string> = {
    kld: minter.ontology,
    ...PREFIXES,
    schema: schema.iri,
    spdx: spdx.iri,
    vcard: 'http://www.w3.org/2006/vcard/ns#',
  };
  return Object.fromEntries(Object.entries(all).sort(([a], [b]) => compareStrings(a, b)));
}

/** Sort and de-duplicate a graph's quads by their N-Quads line. */
function sortQuads(quads: readonly Quad[]): { quads: Quad[]; lines: string[] } {
  const byLine = new Map<string, Quad>();
  for (const q of quads) {
    const line = quadLine(q);
    if (!byLine.has(line)) byLine.set(line, q);
  }
  const lines = [...byLine.keys()].sort(compareStrings);
  return { lines, quads: lines.map((l) => byLine.get(l) as Quad) };
}

/** A document's failure as one line that names its file (an unexpected error alone would not). */
function describeError(file: string, err: unknown): string {
  if (err instanceof IngestError) return err.message;
  const what = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return `${file}: not read (an error of ours, please report it): ${what}`;
}

/** Build the corpus into the output directory. See the module comment for the failure policy. */
export async function buildCorpus(options: BuildOptions = {}): Promise<BuildSummary> {
  const started = process.hrtime.bigint();
  const output = path.resolve(options.output ?? 'output');
  if (options.date !== undefined && !ISO_DATE.test(options.date)) throw new Error(`--date must be YYYY-MM-DD: got "${options.date}"`);
  const minter = options.pipeline?.minter ?? new IriMinter(options.base ?? DEFAULT_BASE);
  const sources = await listSources(options);
  if (sources.length === 0) throw new Error(`no source documents (*.txt, *.xml) in ${options.corpus ?? 'corpus'}`);

  const release = await lockOutput(output);
  let staging: string | null = null;
  const seconds = options.documentSeconds ?? DOCUMENT_SECONDS;
  const budgeted =
    seconds > 0 && (options.pipeline === undefined || options.readerModule !== undefined)
      ? new BudgetedReader({ seconds, ...(options.readerModule !== undefined ? { module: options.readerModule } : {}) })
      : null;
  try {
    await recoverOutput(output);
    const pipeline = options.pipeline ?? (await loadPipeline(minter));
    const cache = new BuildCache(path.resolve(options.cacheDir ?? defaultCacheDir(output)));
    const context = buildContext(minter, { ontology: pipeline.ontology(), shapes: pipeline.shapes(), extra: pipeline.gazetteer() });
    const contextIri = minter.context().value;
    const prefixes = outputPrefixes(minter);
    staging = await createStaging(output);
    await mkdir(path.join(staging, OUTPUT_FILES.documents), { recursive: true });

    const failed: DocumentProblem[] = [];
    const rejected: DocumentProblem[] = [];
    const published: CacheEntry[] = [];
    const reportResults: string[][] = [];
    const validatedGraphs: string[] = [];
    const reportTexts: string[] = [];
    const manifestSources: Manifest['sources'] = [];
    const idToFile = new Map<string, string>();
    let reused = 0;
    let violations = 0;
    const progressStream = options.progress === false ? null : (options.progress ?? process.stderr);
    const progress = new Progress(sources.length, progressStream ?? process.stderr, progressStream?.isTTY === true);

    for (const [i, file] of sources.entries()) {
      progress.tick(i, path.basename(file));
      // Each entry on its own: a bad one is reported by name and the rest still builds.
      let bytes: Buffer;
      try {
        bytes = await readSourceEntry(file, options.maxDocumentBytes ?? MAX_SOURCE_BYTES);
      } catch (err) {
        failed.push({ file, id: null, message: describeError(file, err) });
        continue;
      }
      const sourceSha = sha256(bytes);
      manifestSources.push({ file: path.basename(file), sha256: sourceSha });
      const key = cacheKey(sourceSha, pipeline.version, minter.base);
      let entry = options.force ? null : await cache.get(key);
      if (entry) reused++;
      else {
        try {
          const read = budgeted ? (f: string): Promise<DocumentModel> => budgeted.read(f) : (f: string): Promise<DocumentModel> => pipeline.readDocument(f);
          entry = await processDocument(pipeline, read, file, sourceSha, key, cache, context, contextIri, prefixes);
        } catch (err) {
          // A full disk is not the document's fault: stop, leaving the previous output as it was.
          if (err instanceof WriteError) throw err;
          failed.push({ file, id: null, message: describeError(file, err) });
          continue;
        }
      }
      const other = idToFile.get(entry.id);
      if (other !== undefined) {
        failed.push({ file, id: entry.id, message: `${file}: same official id ${entry.id} as ${other}; left out` });
        continue;
      }
      idToFile.set(entry.id, file);
      validatedGraphs.push(minter.graph(entry.id).value);
      reportResults.push(entry.reportBlocks);
      violations += entry.violations;
      if (entry.violations > 0) {
        rejected.push({ file, id: entry.id, message: `${entry.violations} SHACL result(s); not published` });
        reportTexts.push(entry.reportText);
        continue;
      }
      published.push(entry);
      for (const kind of ['jsonld', 'ttl', 'txt'] as const) {
        const target = path.join(staging, OUTPUT_FILES.documents, `${entry.id}.${kind}`);
        await writing(target, () => copyFile(cache.filePath(entry.key, kind), target));
      }
    }
    progress.tick(sources.length, 'dumps');

    // The gazetteer: validated like a document, published in its own graph.
    const gazetteerGraph = minter.gazetteerGraph().value;
    const gazetteer = sortQuads(pipeline.gazetteer());
    assertNoBlankNodes(gazetteer.quads, 'gazetteer');
    const gazetteerValidation = await pipeline.validate(gazetteer.quads);
    validatedGraphs.push(gazetteerGraph);
    reportResults.push(resultLines(gazetteerValidation.reportQuads));
    violations += gazetteerValidation.violations;
    const gazetteerOk = gazetteerValidation.violations === 0;
    if (!gazetteerOk) {
      rejected.push({ file: 'gazetteer', id: 'gazetteer', message: `${gazetteerValidation.violations} SHACL result(s); not published` });
      reportTexts.push(gazetteerValidation.text);
    }

    // What a harvest took from the Tweede Kamer's open data (corpus/tweedekamer.json): Zaak links, own graph.
    const tkLinks = options.files ? undefined : loadTkLinks(path.resolve(options.corpus ?? 'corpus'));
    const tk = sortQuads(tkLinks ? zaakQuads(tkLinks, minter, new Set(published.map((e) => e.id))) : []);
    const tkValidation = await pipeline.validate(tk.quads);
    if (tk.quads.length > 0) validatedGraphs.push(minter.tweedekamerGraph().value);
    violations += tkValidation.violations;
    if (tkValidation.violations > 0) {
      rejected.push({ file: TK_LINKS_FILE, id: 'tweedekamer', message: `${tkValidation.violations} SHACL result(s); not published` });
      reportTexts.push(tkValidation.text);
    }

    const notes: string[] = [];
    const exitCode = failed.length > 0 || rejected.length > 0 ? 1 : 0;
    const reportText = reportTexts.filter((t) => t !== '').join('\n\n');
    const finish = (triples: number, swapped: boolean): BuildSummary => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const missing = failed.length + rejected.length;
      const line =
        `${published.length}/${sources.length} documents published, ${triples} triples, ${violations} violation${violations === 1 ? '' : 's'}, ` +
        `${seconds.toFixed(1)} s (${reused} from cache)` +
        (missing > 0 ? `; ${missing} not published: ${[...failed, ...rejected].map((p) => p.id ?? path.basename(p.file)).join(', ')}` : '') +
        (swapped ? '' : '; output/ left unchanged') +
        notes.map((n) => `; ${n}`).join('');
      return {
        documents: sources.length,
        published: published.length,
        failed,
        rejected,
        reused,
        triples,
        violations,
        seconds,
        published_output: swapped,
        output,
        reportText,
        exitCode: swapped ? exitCode : 1,
        line,
      };
    };
    if (published.length === 0) {
      progress.done();
      return finish(0, false);
    }

    // Corpus N-Quads and its gzip: one graph after another, in graph-IRI order, streamed from the cache.
    const stats = new CorpusStats();
    const graphs: { iri: string; write: (out: FileWithGzip) => Promise<void>; stats: GraphStats }[] = published.map((e) => ({
      iri: minter.graph(e.id).value,
      write: (out) => out.writeFile(cache.filePath(e.key, 'nq')),
      stats: e.stats,
    }));
    if (gazetteerOk && gazetteer.lines.length > 0) {
      graphs.push({ iri: gazetteerGraph, write: (out) => out.write(gazetteer.lines.join('')), stats: graphStats(gazetteer.quads, LINK_TARGETS) });
    }
    if (tkValidation.violations === 0 && tk.lines.length > 0) {
      graphs.push({ iri: minter.tweedekamerGraph().value, write: (out) => out.write(tk.lines.join('')), stats: graphStats(tk.quads, LINK_TARGETS) });
    }
    graphs.sort((a, b) => compareStrings(a.iri, b.iri));
    const dumpFacts = await writing(path.join(staging, OUTPUT_FILES.nquads), async () => {
      const dump = new FileWithGzip(staging as string, OUTPUT_FILES.nquads);
      for (const g of graphs) {
        await g.write(dump);
        stats.add(g.stats);
      }
      return dump.end();
    });

    // Dates come from --date, the data, or SOURCE_DATE_EPOCH (the reproducible-builds convention), never
    // from the clock; with none of them the description has no dct:issued / dct:modified.
    const dates = published.flatMap((e) => e.dates).filter((d) => ISO_DATE.test(d)).sort();
    const date = options.date ?? dates[dates.length - 1] ?? sourceDateEpoch() ?? null;
    if (date === null) {
      notes.push('no date in the data: dct:issued/dct:modified left out of dataset.ttl (pass --date YYYY-MM-DD)');
    }

    const files: FileFacts[] = [dumpFacts.plain, dumpFacts.gzip];
    const stagingDir = staging;
    const write = (name: string, content: string): Promise<FileFacts> => writing(path.join(stagingDir, name), () => writeSmallFile(stagingDir, name, content));
    // Every version of the context, each where its IRI points (context.jsonld, context/v2.jsonld, …), so that
    // documents written against an older one keep their meaning; the current one frames the documents.
    const contextSources = { ontology: pipeline.ontology(), shapes: pipeline.shapes(), extra: pipeline.gazetteer() };
    for (const version of CONTEXT_VERSIONS) {
      const name = minter.context(version).value.slice(minter.base.length);
      files.push(await write(name, `${JSON.stringify(buildContext(minter, contextSources, version), null, 2)}\n`));
    }
    const html = pipeline.ontologyHtml();
    if (html !== null) files.push(await write(OUTPUT_FILES.ontologyHtml, html));

    const report = buildReport(minter, reportResults, validatedGraphs);
    files.push(
      await write(
        OUTPUT_FILES.report,
        await documentTurtle(report, outputPrefixes(minter), `# SHACL validation report of the build: ${validatedGraphs.length} graphs validated, ${violations} results.\n`),
      ),
    );

    const description = describeDataset({
      minter,
      stats,
      files: { nquads: dumpFacts.plain, nquadsGzip: dumpFacts.gzip },
      documents: published.length,
      documentIds: published.map((e) => e.id).sort(compareStrings),
      date,
      period: stats.period,
      metadata: options.metadata ?? DEFAULT_METADATA,
      harvest: options.files ? undefined : loadHarvestProvenance(path.resolve(options.corpus ?? 'corpus')),
    });
    const descriptionReport = await validateDescription(description, minter);
    if (!descriptionReport.conforms) {
      throw new Error(`the dataset description does not conform to shapes/dataset.ttl (a bug in src/publish/dataset.ts):\n${descriptionReport.text}`);
    }
    const sortedDescription = sortQuads(description).quads;
    files.push(await write(OUTPUT_FILES.dataset, await documentTurtle(sortedDescription, prefixes)));

    // The server's store snapshot (output/store.json) unless the caller brings its own extra writers.
    for (const extra of options.extraOutputs ?? [snapshotOutput(minter.base)]) {
      for (const name of await extra(staging, path.join(staging, OUTPUT_FILES.nquads))) {
        const full = path.join(staging, name);
        files.push({ name, bytes: (await stat(full)).size, sha256: await sha256File(full) });
      }
    }

    const manifest: Manifest = {
      pipelineVersion: pipeline.version,
      base: minter.base,
      date: options.date ?? null,
      sources: manifestSources,
      files: files.sort((a, b) => compareStrings(a.name, b.name)),
    };
    await write(OUTPUT_FILES.manifest, `${JSON.stringify(manifest, null, 2)}\n`);

    await swapIn(staging, output);
    staging = null;
    if (!options.files || options.files.length === 0) await cache.prune();
    progress.done();
    return finish(stats.quads, true);
  } finally {
    await budgeted?.close();
    if (staging !== null) await rm(staging, { recursive: true, force: true });
    await release();
  }
}

/** Ingest, map, validate, frame and serialise one document; store the result in the cache. */
async function processDocument(
  pipeline: Pipeline,
  read: (file: string) => Promise<DocumentModel>,
  file: string,
  sourceSha: string,
  key: string,
  cache: BuildCache,
  context: ReturnType<typeof buildContext>,
  contextIri: string,
  prefixes: Record<string, string>,
): Promise<CacheEntry> {
  const { minter } = pipeline;
  const doc = await read(file);
  const graph = minter.graph(doc.id);
  const mapped = pipeline.toQuads(doc);
  assertNoBlankNodes(mapped, file);
  for (const q of mapped) {
    if (!q.graph.equals(graph)) throw new Error(`${file}: quad outside the document's graph <${graph.value}>: ${quadLine(q).trim()}`);
  }
  const { quads, lines } = sortQuads(mapped);
  const validation = await pipeline.validate(quads);
  const framed = await frameDocument(quads, minter.document(doc.id).value, context, contextIri, documentTree(minter));
  const turtle = await documentTurtle(quads, prefixes);
  const entry: CacheEntry = {
    key,
    id: doc.id,
    file: path.basename(file),
    sha256: sourceSha,
    violations: validation.violations,
    reportBlocks: resultLines(validation.reportQuads),
    reportText: validation.text,
    stats: graphStats(quads, LINK_TARGETS, minter.document(doc.id).value),
    dates: [doc.submitted, doc.received].filter((d): d is string => d !== null),
  };
  // The source text the selectors point into, published beside the document's RDF (SHA-256 in the data).
  const text = doc.source.text;
  if (text === undefined) throw new Error(`${file}: the reader gave no source text to publish`);
  await cache.put(entry, { nq: lines.join(''), jsonld: framed.text, ttl: turtle, txt: text });
  return entry;
}

/**
 * Is output/ out of date for these options: missing, built by another
 * pipeline version or base, or from other sources? (For `start`, which builds
 * only when needed.)
 */
export async function isOutputStale(options: BuildOptions = {}): Promise<boolean> {
  const output = path.resolve(options.output ?? 'output');
  const manifestFile = path.join(output, OUTPUT_FILES.manifest);
  if (!existsSync(manifestFile)) return true;
  let manifest: Manifest;
  try {
    manifest = JSON.parse(await readFile(manifestFile, 'utf8')) as Manifest;
  } catch {
    return true;
  }
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
