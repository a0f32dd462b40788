/**
 * Loading a build's N-Quads dump into a Virtuoso database with Virtuoso's own
 * bulk loader (ld_dir + rdf_loader_run), graph by graph: only graphs whose
 * content changed since the last load are loaded again, graphs gone from the
 * dump are dropped.
 *
 * What was loaded is kept in the database directory (kamerstukken-ld.json):
 * the dump's SHA-256 (from store.json: an unchanged build costs one file
 * read, no hashing) and each graph's SHA-256 over its lines in dump order.
 *
 * The default graph as the set union of the named graphs (our endpoint's
 * default, as on the embedded store): Virtuoso without FROM reads every graph
 * and counts a triple held in two graphs twice, and also sees its own system
 * graphs. The union is therefore kept as a graph of its own (UNION_GRAPH, a
 * set because RDF_QUAD's key holds G,S,P,O), maintained with each load: a
 * replaced graph's triples leave it unless another graph holds them too.
 *
 * With the build's text-index.json for the dump, the load also keeps the text
 * index graph (text-graph.ts) up to date, for word search on Virtuoso.
 */
import { createHash, type Hash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { fileChunks } from '../../publish/files.js';
import { readStoreManifest, storeDumpFile } from '../../output-layout.js';
import { VirtuosoError, type VirtuosoInstance } from './instance.js';
import { HASH, LT, UNDERSCORE, skipSpace, skipTerm } from '../../publish/nquads-scan.js';
import type { TextIndexFile } from '../../text-index-format.js';
import {
  builtIndexDump,
  commonTokens,
  dropSubjectsSql,
  newTextGraph,
  readBuiltIndex,
  textLineNeedles,
  textLineSubject,
  textSubjectsIn,
  vocabularyOf,
  writeTextGraph,
  writeVocabulary,
  type TextGraphState,
} from './text-graph.js';

/** The graph holding the union of our graphs (the endpoint's default graph). */
export const UNION_GRAPH = 'urn:x-kamerstukken-ld:union';
/** Where triples of the dump without a graph label go (they are in the default graph, not in a named one). */
export const DEFAULT_GRAPH = 'urn:x-kamerstukken-ld:default-graph';
/** A graph that never exists: an empty default or named graph set. */
export const NO_GRAPH = 'urn:x-kamerstukken-ld:no-graph';

export const STATE_FILE = 'kamerstukken-ld.json';

export interface GraphState {
  sha256: string;
  quads: number;
}

export interface LoadState {
  version: 1;
  /** Graphs a new database holds before anything is loaded (Virtuoso's own): never part of our dataset. */
  systemGraphs: string[];
  /** The dump last loaded completely. */
  dump?: { file: string; sha256?: string };
  graphs: Record<string, GraphState>;
  /** The text index graph (text-graph.ts); one of systemGraphs. */
  textIndex?: TextGraphState;
  /**
   * A load started and did not finish: the graphs it was replacing (each is
   * cleared and loaded again by the next load) and the union graph is rebuilt.
   */
  pending?: string[];
}

export interface LoadReport {
  /** Graphs in the dump. */
  graphs: number;
  /** Graphs loaded by this run (new or changed), in dump order. */
  loaded: string[];
  /** Graphs dropped (gone from the dump). */
  removed: string[];
  unchanged: number;
  /** Quads in the database's graphs from the dump (lines of the dump). */
  quads: number;
  /** Quads loaded by this run. */
  loadedQuads: number;
  /** The whole dump had the hash of the last load: nothing was read. */
  sameDump: boolean;
  /** Triples written into the text index graph by this run; undefined when it was not touched. */
  textTriples?: number;
  ms: number;
}

export function readState(dir: string): LoadState | undefined {
  const file = path.join(dir, STATE_FILE);
  if (!existsSync(file)) return undefined;
  try {
    const state = JSON.parse(readFileSync(file, 'utf8')) as LoadState;
    if (state.version !== 1 || typeof state.graphs !== 'object') throw new Error('unknown version');
    return state;
  } catch (err) {
    throw new VirtuosoError(`unreadable load state: ${(err as Error).message}; remove ${dir} to start afresh`, file);
  }
}

function writeState(dir: string, state: LoadState): void {
  const file = path.join(dir, STATE_FILE);
  writeFileSync(`${file}.tmp`, JSON.stringify(state, null, 1) + '\n');
  renameSync(`${file}.tmp`, file);
}

/** Total quads of the graphs in a state. */
export function stateQuads(state: LoadState): number {
  let n = 0;
  for (const g of Object.values(state.graphs)) n += g.quads;
  return n;
}

/**
 * The state of a database: the saved one, or for a database this project has
 * just created, Virtuoso's own graphs recorded as system graphs. A database
 * without a state file was not made by us (or lost it): refused rather than guessed.
 */
export async function openState(instance: VirtuosoInstance): Promise<LoadState> {
  const saved = readState(instance.dir);
  if (saved) return saved;
  if (!instance.created) {
    throw new VirtuosoError(`${instance.dir} holds a Virtuoso database without ${STATE_FILE}: it was not made by kamerstukken-ld load; remove it (or choose another --db)`, instance.dir);
  }
  const res = await fetch(`${instance.sparqlUrl}?query=${encodeURIComponent('SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }')}`, {
    headers: { accept: 'application/sparql-results+json' },
  });
  const json = (await res.json()) as { results: { bindings: { g?: { value: string } }[] } };
  const systemGraphs = json.results.bindings.flatMap((b) => (b.g ? [b.g.value] : [])).sort();
  const state: LoadState = { version: 1, systemGraphs, graphs: {} };
  writeState(instance.dir, state);
  return state;
}

/**
 * The lines of an N-Quads file with their graph: the IRI without <> ('' for a
 * triple in the default graph). Lines include their newline; blank lines and
 * comments are skipped. `line` is only valid during the call.
 */
function forEachLine(file: string, visit: (graph: string, line: Buffer) => void): void {
  let carry: Buffer | undefined;
  let lastKey: Buffer | undefined;
  let lastGraph = '';
  const handle = (buf: Buffer, start: number, end: number) => {
    // end: index of '\n' (or buffer end for a last line without one)
    let i = skipSpace(buf, start, end);
    if (i >= end || buf[i] === HASH) return;
    for (let k = 0; k < 3 && i < end; k++) i = skipSpace(buf, skipTerm(buf, i, end), end);
    let graph = '';
    if (i < end && (buf[i] === LT || buf[i] === UNDERSCORE)) {
      const stop = skipTerm(buf, i, end);
      const key = buf.subarray(i, stop);
      // Consecutive lines of one graph (the build's dump is grouped by graph): one decode per graph.
      if (lastKey && lastKey.equals(key)) graph = lastGraph;
      else {
        lastKey = Buffer.from(key);
        graph = buf[i] === LT ? buf.toString('utf8', i + 1, stop - 1) : buf.toString('utf8', i, stop);
        lastGraph = graph;
      }
    }
    const line = end < buf.length && buf[end] === 0x0a ? buf.subarray(start, end + 1) : Buffer.concat([buf.subarray(start, end), Buffer.from('\n')]);
    visit(graph, line);
  };
  for (const chunk of fileChunks(file)) {
    let buf = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (carry) {
      buf = Buffer.concat([carry, buf]);
      carry = undefined;
    }
    let pos = 0;
    for (;;) {
      const nl = buf.indexOf(0x0a, pos);
      if (nl < 0) break;
      handle(buf, pos, nl);
      pos = nl + 1;
    }
    if (pos < buf.length) carry = Buffer.from(buf.subarray(pos));
  }
  if (carry) handle(carry, 0, carry.length);
}

/** SHA-256 and quad count of every graph of an N-Quads file (lines in file order). */
export function hashGraphs(file: string): Map<string, GraphState> {
  const hashes = new Map<string, { hash: Hash; quads: number }>();
  let current: { hash: Hash; quads: number } | undefined;
  let currentGraph: string | undefined;
  forEachLine(file, (graph, line) => {
    if (graph !== currentGraph || !current) {
      currentGraph = graph;
      current = hashes.get(graph);
      if (!current) {
        current = { hash: createHash('sha256'), quads: 0 };
        hashes.set(graph, current);
      }
    }
    current.hash.update(line);
    current.quads++;
  });
  const out = new Map<string, GraphState>();
  for (const [g, { hash, quads }] of hashes) out.set(g, { sha256: hash.digest('hex'), quads });
  return out;
}

const LOAD_FILE_BYTES = 64 << 20;

/** Write the lines of the given graphs into load files of at most ~64 MiB; returns the files. */
function writeLoadFiles(file: string, graphs: Set<string>, dir: string, visit?: (line: Buffer) => void): string[] {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  if (graphs.size === 0) return files;
  let fd: number | undefined;
  let written = 0;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const flush = () => {
    if (pendingBytes === 0) return;
    if (fd === undefined) {
      const name = path.join(dir, `part-${String(files.length + 1).padStart(5, '0')}.nq`);
      files.push(name);
      fd = openSync(name, 'w');
    }
    writeSync(fd, Buffer.concat(pending, pendingBytes));
    written += pendingBytes;
    pending = [];
    pendingBytes = 0;
    if (written >= LOAD_FILE_BYTES) {
      closeSync(fd);
      fd = undefined;
      written = 0;
    }
  };
  forEachLine(file, (graph, line) => {
    if (!graphs.has(graph)) return;
    visit?.(line);
    // A line in the default graph is written as a triple; the loader puts it into DEFAULT_GRAPH.
    pending.push(Buffer.from(line));
    pendingBytes += line.length;
    if (pendingBytes >= 1 << 20) flush();
  });
  flush();
  if (fd !== undefined) closeSync(fd);
  return files;
}

const sqlString = (s: string) => `'${s.replace(/'/g, "''")}'`;
const graphIri = (g: string) => (g === '' ? DEFAULT_GRAPH : g);

/** Above this many changed graphs the union graph is rebuilt whole instead of graph by graph. */
const INCREMENTAL_LIMIT = 2000;

/**
 * The load report of a database that already holds outputDir's build (the
 * dump's SHA-256 in store.json is the one loaded last, nothing pending), read
 * from the two files alone: no Virtuoso needed, nothing of the dump read.
 * Undefined when a load has something to do (or to check): also when the build's text index for the
 * dump is not yet in the database's index graph.
 */
export function loadedAlready(dbDir: string, outputDir: string): LoadReport | undefined {
  const started = performance.now();
  const manifest = readStoreManifest(outputDir);
  const state = readState(dbDir);
  if (!manifest || !state || state.pending !== undefined || state.dump?.sha256 !== manifest.sha256) return undefined;
  if (state.textIndex?.dump !== manifest.sha256 && builtIndexDump(outputDir) === manifest.sha256) return undefined;
  const file = path.resolve(outputDir, manifest.file);
  if (!existsSync(file) || statSync(file).size !== manifest.bytes) return undefined; // loadDump says what is wrong
  const graphs = Object.keys(state.graphs).length;
  return { graphs, loaded: [], removed: [], unchanged: graphs, quads: stateQuads(state), loadedQuads: 0, sameDump: true, ms: performance.now() - started };
}

/** The text index graph of a database: made (and kept out of the union and of GRAPH ?g) on first need. */
function textGraphOf(state: LoadState): TextGraphState {
  if (!state.textIndex) {
    state.textIndex = { graph: newTextGraph() };
    state.systemGraphs = [...state.systemGraphs, state.textIndex.graph].sort();
  }
  return state.textIndex;
}

/**
 * Bring the database up to date with the dump in outputDir (store.json's
 * file, else kamerstukken-ld.nq): load new and changed graphs, drop graphs
 * gone from it, keep the union graph right, keep the text index graph right
 * (when the build wrote text-index.json for this dump), checkpoint.
 */
export async function loadDump(instance: VirtuosoInstance, outputDir: string, options: { progress?: (line: string) => void } = {}): Promise<LoadReport> {
  const started = performance.now();
  const say = options.progress ?? (() => {});
  const manifest = readStoreManifest(outputDir);
  const file = path.resolve(storeDumpFile(outputDir, manifest));
  if (!existsSync(file)) throw new VirtuosoError('no N-Quads dump found: run `kamerstukken-ld build` first', file);
  if (manifest && statSync(file).size !== manifest.bytes) {
    throw new VirtuosoError(`is ${statSync(file).size} bytes but store.json says ${manifest.bytes}: the build did not finish; run it again`, file);
  }
  const state = await openState(instance);
  const report = (loaded: string[], removed: string[], loadedQuads: number, sameDump: boolean, textTriples?: number): LoadReport => ({
    graphs: Object.keys(state.graphs).length,
    loaded,
    removed,
    unchanged: Object.keys(state.graphs).length - loaded.length,
    quads: stateQuads(state),
    loadedQuads,
    sameDump,
    textTriples,
    ms: performance.now() - started,
  });
  // The text index graph is kept when the build wrote the index of this very dump.
  const indexDump = manifest && builtIndexDump(outputDir) === manifest.sha256 ? manifest.sha256 : undefined;
  // The graph matches what the database holds now (before this load).
  const indexCurrent = state.pending === undefined && state.textIndex?.dump !== undefined && state.textIndex.dump === state.dump?.sha256;
  if (state.pending === undefined && manifest && state.dump?.sha256 === manifest.sha256 && (indexDump === undefined || indexCurrent)) return report([], [], 0, true);

  const graphs = hashGraphs(file);
  const changed: string[] = [];
  for (const [g, h] of graphs) if (state.graphs[g]?.sha256 !== h.sha256) changed.push(g);
  const interrupted = state.pending ?? [];
  const removed = [...new Set([...Object.keys(state.graphs), ...interrupted])].filter((g) => !graphs.has(g));
  const rebuildUnion = state.pending !== undefined || changed.length + removed.length > INCREMENTAL_LIMIT;
  // Graphs whose old content is (or may be, after an interrupted load) in the database: cleared first.
  const replaced = [...changed.filter((g) => state.graphs[g] !== undefined || interrupted.includes(g)), ...removed];
  say(`${graphs.size} graphs in the dump: ${changed.length} to load, ${removed.length} to drop, ${graphs.size - changed.length} unchanged`);

  const index: TextIndexFile | undefined = indexDump === undefined ? undefined : readBuiltIndex(outputDir, indexDump);
  // The text index graph: rewritten whole when it is not that of the data held now, else only for the texts that change.
  const wholeIndex = index !== undefined && (!indexCurrent || rebuildUnion);
  const dataChanges = changed.length > 0 || removed.length > 0 || state.pending !== undefined;
  let textTriples: number | undefined;

  if (dataChanges || wholeIndex) {
    const textGraph = textGraphOf(state);
    const predicates = index ? Object.keys(index.predicates) : [];
    if (index && wholeIndex) textGraph.omitted = commonTokens(index);
    const omitted = textGraph.omitted ?? {};
    // Text subjects whose index triples change: those of the replaced graphs as loaded (asked before they go) and as in the new dump.
    const affected = index && !wholeIndex ? await textSubjectsIn(instance.sparqlUrl, replaced.map(graphIri), predicates) : undefined;
    // Until the load is through, the graphs being replaced count as absent and the union as suspect.
    for (const g of [...changed, ...removed]) delete state.graphs[g];
    state.pending = [...new Set([...interrupted, ...changed, ...removed])];
    state.dump = undefined;
    textGraph.dump = undefined;
    writeState(instance.dir, state);

    const needles = textLineNeedles(predicates);
    const files = writeLoadFiles(
      file,
      new Set(changed),
      instance.loadDir,
      affected
        ? (line) => {
            const subject = textLineSubject(line, needles);
            if (subject !== undefined) affected.add(subject);
          }
        : undefined,
    );
    const text = index ? writeTextGraph(index, textGraph.graph, instance.loadDir, omitted, affected) : { files: [], triples: 0 };
    if (index) textTriples = text.triples;
    const union = sqlString(UNION_GRAPH);
    const lines: string[] = ['log_enable(2, 1);'];
    if (!rebuildUnion && replaced.length > 0) {
      // A triple of a replaced graph leaves the union unless another of our graphs holds it.
      // Variable names must not match RDF_QUAD's columns: with CaseMode 2 "g" would be the column G.
      lines.push(`create procedure DB.DBA.KLD_UNION_DROP (in gname varchar, in uname varchar)
{
  declare gid, uid any;
  gid := iri_to_id (gname, 0);
  uid := iri_to_id (uname, 0);
  if (gid is null or uid is null) return;
  for (select S as s1, P as p1, O as o1 from DB.DBA.RDF_QUAD where G = gid) do
    {
      if (not exists (select 1 from DB.DBA.RDF_QUAD q where q.P = p1 and q.S = s1 and q.O = o1 and q.G <> gid and q.G <> uid))
        delete from DB.DBA.RDF_QUAD where G = uid and P = p1 and S = s1 and O = o1;
    }
}
;`);
    }
    for (const g of replaced) {
      // One graph at a time: the next graph's check must not see this graph's old triples.
      if (!rebuildUnion) lines.push(`DB.DBA.KLD_UNION_DROP (${sqlString(graphIri(g))}, ${union});`);
      lines.push(`delete from DB.DBA.RDF_QUAD where G = iri_to_id (${sqlString(graphIri(g))}, 0);`);
    }
    // The text index graph: emptied for a whole rewrite, else cleared of the affected subjects' triples.
    if (wholeIndex) lines.push(`delete from DB.DBA.RDF_QUAD where G = iri_to_id (${sqlString(textGraph.graph)}, 0);`);
    else if (affected) lines.push(...dropSubjectsSql(textGraph.graph, predicates, affected));
    lines.push('delete from DB.DBA.LOAD_LIST;');
    if (files.length > 0) lines.push(`ld_dir (${sqlString(instance.loadDir)}, '*.nq', ${sqlString(DEFAULT_GRAPH)});`);
    if (text.files.length > 0) lines.push(`ld_dir (${sqlString(instance.loadDir)}, 'text-index-*.ttl', ${sqlString(textGraph.graph)});`);
    if (files.length + text.files.length > 0) {
      lines.push('rdf_loader_run ();');
      lines.push(`select concat ('KLD-LOAD-ERROR ', ll_file, ': ', ll_error) from DB.DBA.LOAD_LIST where ll_error is not null;`);
    }
    // rdf_loader_run leaves the connection logging again: without this, the union's insert of a
    // 10M-triple corpus is one transaction and fails (SR325: log after image size above the limit).
    lines.push('log_enable(2, 1);');
    if (rebuildUnion) {
      const ours = [UNION_GRAPH, ...state.systemGraphs].map((g) => `iri_to_id (${sqlString(g)})`).join(', ');
      lines.push(`delete from DB.DBA.RDF_QUAD where G = iri_to_id (${union});`);
      lines.push(`insert soft DB.DBA.RDF_QUAD (G, S, P, O) select iri_to_id (${union}), S, P, O from DB.DBA.RDF_QUAD where not (G in (${ours}));`);
    } else {
      for (const g of changed) {
        lines.push(`insert soft DB.DBA.RDF_QUAD (G, S, P, O) select iri_to_id (${union}), S, P, O from DB.DBA.RDF_QUAD where G = iri_to_id (${sqlString(graphIri(g))}, 0);`);
      }
    }
    lines.push('checkpoint;');
    say(`loading ${changed.length} graphs with Virtuoso's bulk loader (${files.length} file${files.length === 1 ? '' : 's'})${index ? `, ${text.triples} text index triples` : ''}`);
    const out = await instance.sql(lines.join('\n'));
    const loaderErrors = out.split('\n').filter((l) => l.startsWith('KLD-LOAD-ERROR'));
    if (loaderErrors.length > 0) throw new VirtuosoError(`Virtuoso's loader refused part of the dump: ${loaderErrors.slice(0, 3).join('; ')}`, file);
    for (const f of readdirSync(instance.loadDir)) rmSync(path.join(instance.loadDir, f), { force: true });
  }
  let loadedQuads = 0;
  for (const g of changed) {
    const h = graphs.get(g);
    if (h) {
      state.graphs[g] = h;
      loadedQuads += h.quads;
    }
  }
  state.pending = undefined;
  state.dump = { file, sha256: manifest?.sha256 };
  if (index && state.textIndex) {
    // The tokens first: the state is what says the graph (and so its tokens) may be used.
    writeVocabulary(instance.dir, vocabularyOf(index, state.textIndex.graph, state.textIndex.omitted ?? {}));
    state.textIndex.dump = index.dump.sha256;
  }
  writeState(instance.dir, state);
  return report(changed, removed, loadedQuads, false, textTriples);
}
