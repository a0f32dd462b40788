/**
 * One harvest run: page through the repository's SRU results for a selection,
 * and for each record fetch the best manifestation (official XML, else PDF)
 * with its metadata record into the corpus, unless the corpus already holds it
 * unchanged (same repository modification date and intact files).
 *
 * Resumable: each finished document is appended to a journal at once, and
 * the query's position is saved after every page, so a run that is stopped
 * (Ctrl-C, a crash, a lost connection) continues where it stopped and fetches
 * nothing twice.
 *
 * @example
 *   const s = await harvest({ corpus: 'corpus', selection: { dossiers: ['36410'] } });
 *   console.log(`${s.found} found, ${s.new} new, ${s.changed} changed, ${s.failed.length} failed`);
 */
import { existsSync } from 'node:fs';
import { appendFile, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { parseXml, XmlSyntaxError } from '../ingest/xml/index.js';
import { Progress } from '../publish/progress.js';
import { HttpError, PoliteClient, type PoliteOptions } from './http.js';
import { DEFAULT_SRU_URL, pickManifestation, readSruPage, searchUrl, selectionToCql, SruError, type Selection, type SruRecord } from './sru.js';
import { CorpusStore, PROVENANCE_FILE, STATE_DIR, sha256, writeAtomic, type DocumentState, type HarvestState } from './store.js';

export const DEFAULT_PAGE_SIZE = 100;

export interface HarvestOptions extends PoliteOptions {
  corpus: string;
  selection: Selection;
  /** SRU endpoint (default: the official repository). */
  sruUrl?: string;
  /** Records per SRU page (default 100). */
  pageSize?: number;
  /** Progress bar stream (drawn only on a TTY); false: none. */
  progress?: NodeJS.WriteStream | false;
  /** Stops the run after the documents in flight (Ctrl-C); the state allows resuming. */
  signal?: AbortSignal;
  /** An existing client (shares its rate limit); default: a new one from these options. */
  client?: PoliteClient;
  /** Called after each document is settled (tests use it to interrupt at a known point). */
  onDocument?: (id: string, outcome: Outcome) => void;
  /** Clock for the provenance record (tests fix it). */
  clock?: () => Date;
}

export type Outcome = 'new' | 'changed' | 'unchanged' | 'failed';

export interface Failure {
  id: string | null;
  /** The record's position in the results, when known. */
  position: number | null;
  reason: string;
}

export interface HarvestSummary {
  cql: string;
  /** Records the query found (distinct ids read, broken ones included). */
  found: number;
  new: number;
  changed: number;
  /** Records skipped because the corpus holds them unchanged, or fetched and found identical. */
  unchanged: number;
  failed: Failure[];
  /** Documents downloaded (papers; metadata records not counted). */
  downloads: number;
  /** HTTP requests sent, retries included. */
  requests: number;
  pages: number;
  /** startRecord the run resumed from (1 for a fresh run). */
  resumedFrom: number;
  /** Stopped by the signal before the end of the results. */
  interrupted: boolean;
  /** Ids new or changed in this run. */
  fetchedIds: string[];
}

/** When and from where the corpus was harvested; read by the build for the dataset description. */
export interface HarvestProvenance {
  /** SRU endpoint the papers came from. */
  source: string;
  /** ISO time the last complete run finished. */
  harvested: string;
  /** The CQL query of that run. */
  query: string;
  /** Documents the corpus holds from the repository. */
  documents: number;
  /** Tweede Kamer open data used for links, when taken. */
  tweedekamer?: { source: string; retrieved: string };
}

const JOURNAL = 'journal.jsonl';

/** Apply the journal (documents settled since the last state save) to the state. */
async function replayJournal(store: CorpusStore, state: HarvestState): Promise<void> {
  const file = path.join(store.dir, STATE_DIR, JOURNAL);
  if (!existsSync(file)) return;
  for (const line of (await readFile(file, 'utf8')).split('\n')) {
    if (line.trim() === '') continue;
    try {
      const entry = JSON.parse(line) as { id: string; doc: DocumentState };
      state.documents[entry.id] = entry.doc;
    } catch {
      // A line torn by a crash: that document is fetched again.
    }
  }
}

async function checkpoint(store: CorpusStore, state: HarvestState): Promise<void> {
  await store.saveState(state);
  await rm(path.join(store.dir, STATE_DIR, JOURNAL), { force: true });
}

/** Is the download what it says it is? The reason when not. */
function checkPaper(kind: 'xml' | 'pdf', body: Buffer): string | null {
  if (kind === 'pdf') return body.subarray(0, 5).toString('latin1') === '%PDF-' ? null : 'the PDF manifestation does not start with %PDF-';
  try {
    parseXml(body.toString('utf8'));
    return null;
  } catch (err) {
    if (err instanceof XmlSyntaxError) return `the XML manifestation is not well-formed XML (offset ${err.offset}: ${err.message})`;
    throw err;
  }
}

/** What the stages of one harvest run share. */
interface HarvestRun {
  options: HarvestOptions;
  store: CorpusStore;
  client: PoliteClient;
  state: HarvestState;
  summary: HarvestSummary;
  clock: () => Date;
  /** Drawn once the first page says how many records there are. */
  progress: Progress | null;
  /** Records settled (harvested, skipped or failed) so far. */
  settled: number;
}

/**
 * Harvest a selection into the corpus, in stages: resume from the state and its journal, then page by page
 * (harvestPage, each record by harvestRecord), then record where the corpus came from (writeProvenance).
 */
export async function harvest(options: HarvestOptions): Promise<HarvestSummary> {
  const store = new CorpusStore(options.corpus);
  const client = options.client ?? new PoliteClient(options);
  const sruUrl = options.sruUrl ?? DEFAULT_SRU_URL;
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  const cql = selectionToCql(options.selection);

  await store.cleanTemp();
  const state = await store.loadState();
  await replayJournal(store, state);

  const resumedFrom = state.cursor && state.cursor.cql === cql && state.cursor.pageSize === pageSize ? state.cursor.next : 1;
  const summary: HarvestSummary = { cql, found: 0, new: 0, changed: 0, unchanged: 0, failed: [], downloads: 0, requests: 0, pages: 0, resumedFrom, interrupted: false, fetchedIds: [] };
  const run: HarvestRun = { options, store, client, state, summary, clock: options.clock ?? (() => new Date()), progress: null, settled: 0 };
  const requestsBefore = client.requests;
  const seen = new Set<string>();
  let start = resumedFrom;
  try {
    for (;;) {
      if (options.signal?.aborted) {
        summary.interrupted = true;
        break;
      }
      const url = searchUrl(sruUrl, cql, start, pageSize);
      const page = readSruPage((await client.get(url, 'application/xml')).body.toString('utf8'), url);
      summary.pages++;
      if (page.diagnostics.length > 0) throw new SruError(url, `the repository answered with diagnostics: ${page.diagnostics.join('; ')}`);
      const finished = await harvestPage(run, page, start, seen);
      if (!finished) {
        // Stopped inside the page: resume at this page; what was done is in the journal.
        state.cursor = { cql, next: start, pageSize };
        await checkpoint(store, state);
        summary.interrupted = true;
        break;
      }
      // The last page has no nextRecordPosition (numberOfRecords is only an estimate).
      const end = page.next === null || page.records.length + page.broken.length === 0;
      if (!end && page.next !== null && page.next <= start) throw new SruError(url, `nextRecordPosition ${page.next} does not move past startRecord ${start}`);
      state.cursor = end ? null : { cql, next: page.next ?? start + pageSize, pageSize };
      await checkpoint(store, state);
      if (end) break;
      start = page.next ?? start + pageSize;
    }
  } finally {
    run.progress?.done();
    await store.cleanTemp();
    summary.requests = client.requests - requestsBefore;
  }
  if (!summary.interrupted) await writeProvenance(store, { source: sruUrl, harvested: run.clock().toISOString(), query: cql, documents: Object.keys(state.documents).length });
  return summary;
}

/**
 * One page of results: its broken records counted as failures, each new id harvested (a few at once); false when
 * the signal stopped the run inside the page.
 */
async function harvestPage(run: HarvestRun, page: ReturnType<typeof readSruPage>, start: number, seen: Set<string>): Promise<boolean> {
  const { options, summary } = run;
  if (run.progress === null) {
    const stream = options.progress === false ? null : (options.progress ?? process.stderr);
    run.progress = new Progress(Math.max(0, page.total - (start - 1)), stream ?? process.stderr, stream?.isTTY === true);
  }
  for (const b of page.broken) {
    summary.found++;
    summary.failed.push({ id: b.id, position: b.position, reason: `broken record: ${b.reason}` });
    run.settled++;
  }
  // The same id twice in one run (pages shift while we read) is harvested once.
  const todo = page.records.filter((r) => !seen.has(r.id) && seen.add(r.id));
  summary.found += todo.length;
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < todo.length && !options.signal?.aborted) {
      const rec = todo[next++];
      if (rec) await harvestRecord(run, rec);
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, options.concurrency ?? 2), todo.length) }, worker));
  return !(options.signal?.aborted && next < todo.length);
}

/** A record is done: counted, drawn, reported. */
function settle(run: HarvestRun, id: string, outcome: Outcome): void {
  if (outcome === 'new' || outcome === 'changed') run.summary.fetchedIds.push(id);
  if (outcome !== 'failed') run.summary[outcome]++;
  run.settled++;
  run.progress?.tick(run.settled, id);
  run.options.onDocument?.(id, outcome);
}

/**
 * One record: skipped when the corpus holds it unchanged, else its paper (and metadata record) downloaded,
 * checked, written when the bytes changed, and journalled at once; a failure is recorded with its reason.
 */
async function harvestRecord(run: HarvestRun, rec: SruRecord): Promise<void> {
  const { store, state, summary } = run;
  const prev = state.documents[rec.id];
  if (prev && prev.modified === rec.modified && (await store.intact(rec.id, prev))) return settle(run, rec.id, 'unchanged');
  const paper = pickManifestation(rec);
  if (!paper) {
    summary.failed.push({ id: rec.id, position: rec.position, reason: 'the record offers neither an XML nor a PDF manifestation' });
    return settle(run, rec.id, 'failed');
  }
  try {
    const files = await downloadPaper(run, rec, paper);
    const described = files.map((f) => ({ name: f.name, sha256: sha256(f.data), bytes: f.data.length, url: f.url }));
    const same = prev !== undefined && prev.files.length === described.length && prev.files.every((f, i) => f.name === described[i]?.name && f.sha256 === described[i]?.sha256) && (await store.intact(rec.id, prev));
    if (!same) await store.writeDocument(rec.id, files);
    const doc: DocumentState = { modified: rec.modified, kind: paper.kind, files: described, fetched: run.clock().toISOString(), zaak: rec.zaak, type: rec.type };
    state.documents[rec.id] = doc;
    await appendFile(path.join(store.dir, STATE_DIR, JOURNAL), `${JSON.stringify({ id: rec.id, doc })}\n`);
    settle(run, rec.id, same ? 'unchanged' : prev ? 'changed' : 'new');
  } catch (err) {
    const reason = err instanceof HttpError ? err.message : err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    summary.failed.push({ id: rec.id, position: rec.position, reason });
    settle(run, rec.id, 'failed');
  }
}

/** The paper's manifestation, checked, and its metadata record when the repository has one. */
async function downloadPaper(run: HarvestRun, rec: SruRecord, paper: NonNullable<ReturnType<typeof pickManifestation>>): Promise<{ name: string; data: Buffer; url: string }[]> {
  const { client } = run;
  const res = await client.get(paper.url, paper.kind === 'xml' ? 'application/xml' : 'application/pdf');
  run.summary.downloads++;
  const bad = checkPaper(paper.kind, res.body);
  if (bad !== null) throw new HttpError(paper.url, res.status, bad, 1);
  const files = [{ name: `${rec.id}.${paper.kind}`, data: res.body, url: paper.url }];
  if (rec.items.metadata) {
    try {
      const meta = await client.get(rec.items.metadata, 'application/xml');
      const badMeta = checkPaper('xml', meta.body);
      if (badMeta !== null) throw new HttpError(rec.items.metadata, meta.status, `metadata record: ${badMeta}`, 1);
      files.push({ name: 'metadata.xml', data: meta.body, url: rec.items.metadata });
    } catch (err) {
      // A paper without its metadata record is still a paper; any other failure fails the document.
      if (!(err instanceof HttpError && err.status === 404)) throw err;
    }
  }
  return files;
}

/** corpus/harvest.json after a complete run, keeping what a Tweede Kamer link run recorded there. */
async function writeProvenance(store: CorpusStore, provenance: HarvestProvenance): Promise<void> {
  const file = path.join(store.dir, PROVENANCE_FILE);
  if (existsSync(file)) {
    const old = JSON.parse(await readFile(file, 'utf8')) as Partial<HarvestProvenance>;
    if (old.tweedekamer) provenance.tweedekamer = old.tweedekamer;
  }
  await writeAtomic(file, `${JSON.stringify(provenance, null, 2)}\n`);
}
