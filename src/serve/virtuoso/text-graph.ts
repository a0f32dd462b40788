/**
 * The text index inside Virtuoso, so that Virtuoso can join a word search
 * against it whatever the number of texts holding the word (an IN list of
 * candidates stops at some 3,000 IRIs). `load` writes it from the build's
 * output/text-index.json (src/publish/text-index-file.ts) into a graph of its
 * own, one triple per token and text subject:
 *
 *   <{graph}:t:{token}> <text predicate> <subject>
 *
 * and the tokens with their counts into the database directory
 * (text-tokens.json), where the endpoint finds the tokens a searched word can
 * lie in (virtuoso/text-search.ts).
 *
 * The graph is never seen by user queries: its IRI holds a random UUID made
 * when the database gets its first index (nobody can name it or its tokens),
 * it is one of the load state's systemGraphs (so out of the union default
 * graph and fenced out of GRAPH ?g), and a DESCRIBE of a resource gives its
 * own triples (CBD), in which the index's triples (a token's) never are.
 *
 * Tokens found in more than a quarter of the texts of a predicate (and in
 * more than a thousand: narrowLimit) when the graph is written whole are not
 * written (`omitted`, kept until the next whole write): a search is narrowed
 * only to at most that many texts (text-search.ts), and they are many of the
 * triples (in Dutch: de, van, het). A searched piece that lies in one of them
 * is not narrowed. Loads that rewrite part of the graph leave out those same
 * tokens and no other, so that every other token's triples are all there.
 *
 * Reloading by graph: the triples of every text subject of a changed or
 * dropped graph (before and after) are deleted and written again from the new
 * index; the others stay. The load state says which dump the graph was made
 * from (`textIndex.dump`), and the endpoint uses the graph only while that is
 * the dump the database holds.
 */
import { randomUUID } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync, readSync, renameSync, writeFileSync, writeSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { TEXT_INDEX_FILE, type TextIndexFile } from '../../text-index-format.js';
import { VirtuosoError } from './instance.js';

/** The tokens of the index graph, in the database directory. */
export const TOKENS_FILE = 'text-tokens.json';

/** Where load keeps the index graph: in the load state (load.ts LoadState.textIndex). */
export interface TextGraphState {
  /** The graph's IRI (random, made once per database). */
  graph: string;
  /** SHA-256 of the dump the graph was made from; absent while it is not complete or not up to date. */
  dump?: string;
  /** Per text predicate, the tokens left out of the graph (chosen when it was last written whole). */
  omitted?: Record<string, string[]>;
}

/** One text predicate's tokens, as text-tokens.json holds them. */
export interface PredicateTokens {
  /** Text subjects of the predicate. */
  subjects: number;
  /** Tokens not in the graph (a piece lying in one of them cannot be narrowed). */
  omitted: string[];
  /** Every token of the predicate's texts (sorted), and its number of subjects. */
  tokens: string[];
  counts: number[];
}

export interface TokenVocabulary {
  version: 1;
  /** SHA-256 of the dump (the index graph's, as in the load state). */
  dump: string;
  graph: string;
  predicates: Record<string, PredicateTokens>;
}

export const newTextGraph = (): string => `urn:x-kamerstukken-ld:text-index:${randomUUID()}`;

/** A token's IRI in the index graph (percent-encoded: ASCII only, no character needs escaping). */
export const tokenIri = (graph: string, token: string): string => `${graph}:t:${encodeURIComponent(token)}`;

/**
 * The dump SHA-256 the build's text-index.json names, read from the file's head (JSON.stringify puts
 * "version" and "dump" first): the whole file is read only when it is used.
 */
export function builtIndexDump(outputDir: string): string | undefined {
  const file = path.join(outputDir, TEXT_INDEX_FILE);
  if (!existsSync(file)) return undefined;
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(4096);
    const n = readSync(fd, head, 0, head.length, 0);
    return /^\{"version":1,"dump":\{"file":"(?:[^"\\]|\\.)*","sha256":"([0-9a-f]{64})"/.exec(head.toString('utf8', 0, n))?.[1];
  } finally {
    closeSync(fd);
  }
}

/** The build's index for the dump with this SHA-256, or undefined (no file, another dump, unreadable). */
export function readBuiltIndex(outputDir: string, sha256: string): TextIndexFile | undefined {
  try {
    const content = JSON.parse(readFileSync(path.join(outputDir, TEXT_INDEX_FILE), 'utf8')) as TextIndexFile;
    return content.version === 1 && content.dump.sha256 === sha256 ? content : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The most texts a search is narrowed to on Virtuoso: a quarter of a predicate's texts, or 1,000 (as
 * on the embedded store, text-index.ts). Beyond it CONTAINS alone was faster: "klimaat", in 46% of the
 * texts at 1M triples, took 0.8–3.1 s through the index against 0.7–1.3 s without it (load average 10).
 */
export const narrowLimit = (texts: number): number => Math.max(1000, Math.floor(texts / 4));

/** The tokens to leave out of a graph written whole: those in more texts than narrowLimit. */
export function commonTokens(index: TextIndexFile): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [iri, data] of Object.entries(index.predicates)) {
    const limit = narrowLimit(data.subjects.length);
    out[iri] = data.tokens.filter((_t, i) => (data.postings[i]?.length ?? 0) > limit);
  }
  return out;
}

/** The tokens file's content for an index whose graph leaves out `omitted`. */
export function vocabularyOf(index: TextIndexFile, graph: string, omitted: Readonly<Record<string, string[]>>): TokenVocabulary {
  const predicates: Record<string, PredicateTokens> = {};
  for (const [iri, data] of Object.entries(index.predicates)) {
    if (data.subjects.length === 0) continue;
    predicates[iri] = { subjects: data.subjects.length, omitted: omitted[iri] ?? [], tokens: data.tokens, counts: data.postings.map((p) => p.length) };
  }
  return { version: 1, dump: index.dump.sha256, graph, predicates };
}

export function writeVocabulary(dbDir: string, vocabulary: TokenVocabulary): void {
  const file = path.join(dbDir, TOKENS_FILE);
  writeFileSync(`${file}.tmp`, JSON.stringify(vocabulary));
  renameSync(`${file}.tmp`, file);
}

/** The tokens file of a database, when it is the one of `graph` made from `dump`. */
export async function readVocabulary(dbDir: string, dump: string, graph: string): Promise<TokenVocabulary | undefined> {
  try {
    const content = JSON.parse(await readFile(path.join(dbDir, TOKENS_FILE), 'utf8')) as TokenVocabulary;
    if (content.version !== 1 || content.dump !== dump || content.graph !== graph) return undefined;
    const whole = (t: PredicateTokens) => Array.isArray(t.tokens) && Array.isArray(t.counts) && Array.isArray(t.omitted) && t.tokens.length === t.counts.length;
    return Object.values(content.predicates).every(whole) ? content : undefined;
  } catch {
    return undefined;
  }
}

/** Turtle files of at most about this many bytes (Virtuoso's loader takes one file at a time). */
const FILE_BYTES = 64 << 20;
/** Objects in one Turtle statement at most. */
const LIST = 5000;

/**
 * Write the index's triples (all, or those of `only`'s subjects), but for the `omitted` tokens, as Turtle
 * files `text-index-N.ttl` in `dir`, one statement per token with its subjects as an object list (a
 * third of N-Triples' bytes). Returns the files and the number of triples.
 */
export function writeTextGraph(index: TextIndexFile, graph: string, dir: string, omitted: Readonly<Record<string, string[]>>, only?: ReadonlySet<string>): { files: string[]; triples: number } {
  const files: string[] = [];
  let fd: number | undefined;
  let written = 0;
  let triples = 0;
  const out = (text: string) => {
    if (fd === undefined) {
      const name = path.join(dir, `text-index-${String(files.length + 1).padStart(5, '0')}.ttl`);
      files.push(name);
      fd = openSync(name, 'w');
      written = 0;
    }
    written += writeSync(fd, text);
    if (written >= FILE_BYTES) {
      closeSync(fd);
      fd = undefined;
    }
  };
  for (const [iri, data] of Object.entries(index.predicates)) {
    const left = new Set(omitted[iri] ?? []);
    const wanted = only ? data.subjects.map((s) => only.has(s)) : undefined;
    for (const [i, token] of data.tokens.entries()) {
      const list = data.postings[i] ?? [];
      if (left.has(token)) continue;
      const subjects = wanted ? list.filter((id) => wanted[id] === true) : list;
      for (let at = 0; at < subjects.length; at += LIST) {
        const part = subjects.slice(at, at + LIST).map((id) => `<${data.subjects[id] ?? ''}>`);
        out(`<${tokenIri(graph, token)}> <${iri}> ${part.join(',\n ')} .\n`);
        triples += part.length;
      }
    }
  }
  if (fd !== undefined) closeSync(fd);
  return { files, triples };
}

/** Subjects per SPARQL query when asking Virtuoso which text subjects a graph holds. */
const GRAPHS_PER_QUERY = 20;

/** The IRI subjects of the given text predicates in the given graphs, as Virtuoso holds them now. */
export async function textSubjectsIn(sparqlUrl: string, graphs: readonly string[], predicates: readonly string[]): Promise<Set<string>> {
  const out = new Set<string>();
  if (predicates.length === 0) return out;
  for (let at = 0; at < graphs.length; at += GRAPHS_PER_QUERY) {
    const branches = graphs.slice(at, at + GRAPHS_PER_QUERY).flatMap((g) => predicates.map((p) => `{ GRAPH <${g}> { ?s <${p}> ?o } }`));
    const query = `SELECT DISTINCT ?s WHERE { ${branches.join(' UNION ')} }`;
    const res = await fetch(sparqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/sparql-results+json' },
      body: new URLSearchParams({ query }),
    });
    const text = await res.text();
    if (!res.ok) throw new VirtuosoError(`asking which texts the changed graphs held, Virtuoso answered ${res.status}: ${text.slice(0, 200)}`);
    const json = JSON.parse(text) as { results: { bindings: { s?: { type: string; value: string } }[] } };
    for (const b of json.results.bindings) if (b.s?.type === 'uri') out.add(b.s.value);
  }
  return out;
}

/** IRI subjects of the dump lines `<s> <text predicate> "…` in a line (N-Quads), else undefined. */
export function textLineSubject(line: Buffer, needles: readonly Buffer[]): string | undefined {
  if (line[0] !== 0x3c) return undefined;
  for (const needle of needles) {
    const at = line.indexOf(needle);
    if (at > 0) {
      const subject = line.toString('utf8', 1, at);
      return subject.includes('>') ? undefined : subject;
    }
  }
  return undefined;
}

/** What textLineSubject looks for: `> <predicate> "` of each text predicate. */
export const textLineNeedles = (predicates: readonly string[]): Buffer[] => predicates.map((p) => Buffer.from(`> <${p}> "`));

const sqlString = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** Subjects per call of the delete procedure. */
const DROP_BATCH = 500;

/**
 * SQL deleting the index graph's triples of the given subjects (their tokens, under each text
 * predicate), through a procedure taking them in batches.
 */
export function dropSubjectsSql(graph: string, predicates: readonly string[], subjects: Iterable<string>): string[] {
  const all = [...subjects];
  if (all.length === 0 || predicates.length === 0) return [];
  const lines = [
    `create procedure DB.DBA.KLD_TEXT_DROP (in gname varchar, in preds any, in subjects any)
{
  declare gid, pid, sid any;
  declare i, j integer;
  gid := iri_to_id (gname, 0);
  if (gid is null) return;
  for (j := 0; j < length (preds); j := j + 1)
    {
      pid := iri_to_id (preds[j], 0);
      if (pid is not null)
        for (i := 0; i < length (subjects); i := i + 1)
          {
            sid := iri_to_id (subjects[i], 0);
            if (sid is not null)
              delete from DB.DBA.RDF_QUAD where P = pid and O = sid and G = gid;
          }
    }
}
;`,
  ];
  const preds = `vector (${predicates.map(sqlString).join(', ')})`;
  for (let at = 0; at < all.length; at += DROP_BATCH) {
    lines.push(
      `DB.DBA.KLD_TEXT_DROP (${sqlString(graph)}, ${preds}, vector (${all
        .slice(at, at + DROP_BATCH)
        .map(sqlString)
        .join(', ')}));`,
    );
  }
  return lines;
}
