/**
 * Word search over the texts of questions, answers and footnotes, faster than
 * CONTAINS and with exactly its results (on Virtuoso for searches with at most
 * MAX_IN candidates).
 *
 * A query keeps its SPARQL: `FILTER(CONTAINS(?text, "word"))` or
 * `FILTER(CONTAINS(LCASE(?text), "word"))` (also as one conjunct of `&&`), where
 * `?text` is the object of a required triple pattern `?s kld:answerText ?text`
 * (or kld:questionText, kld:footnoteText, kld:text) in the same group. The
 * engine asks the index which subjects can match and adds them to that group
 * as `VALUES ?s { … }` (on Virtuoso `FILTER(?s IN (…))`); the FILTER stays, so
 * the store checks CONTAINS on those texts only, and the answer is the one
 * CONTAINS gives.
 *
 * Why the candidates are never too few: texts and words are folded the same
 * way, character by character (lower case; final and medial sigma alike), and
 * cut into tokens at every character that is not a letter or digit. A string
 * inside a text, or inside its LCASE, folds to a string inside the folded text;
 * so each token of the folded word lies inside some token of the text. The
 * index maps tokens to the subjects whose text holds them; the word's pieces
 * are looked up as substrings of the vocabulary (one indexOf pass) and the
 * subjects intersected.
 *
 * The build writes the index of every text predicate beside the dump
 * (output/text-index.json, src/publish/text-index-file.ts), and each worker reads
 * it with the data; without that file (a dump from elsewhere, files given to
 * the server) a predicate's index is built on the first query that needs it,
 * from the store's union graph (a few seconds per million text characters; the
 * worker keeps it). On Virtuoso only the build's file is used (virtuoso/runner.ts),
 * when it was made from the dump the database holds. Words without a letter or digit, or too common to narrow the
 * search, are left to CONTAINS alone.
 */
import { randomUUID } from 'node:crypto';
import { DataFactory } from 'rdf-data-factory';
import type { QuadStore } from './store.js';
import { TEXT_PREDICATES, indexData, tokens, type TextIndexData } from '../text-index-format.js';

const DF = new DataFactory();

export { TEXT_PREDICATES, fold, tokens, type TextIndexData } from '../text-index-format.js';

/**
 * An index's data as another thread gets it, its typed arrays' buffers transferred, not copied: the
 * subjects as UTF-8 bytes with the offset of each (and of the end), read one by one when a search
 * names them. As a string split into an array they cost the receiving thread 325 ms at 10M triples
 * (a million subjects, 63 MB), and with the copy of the string the Virtuoso store's HTTP thread
 * stood still for 0.7 s under the first queries after start (measured, load 15).
 */
export interface TextIndexParts {
  subjectBytes: Uint8Array<ArrayBuffer>;
  subjectStarts: Int32Array<ArrayBuffer>;
  vocabulary: string;
  starts: Int32Array<ArrayBuffer>;
  postings: Int32Array<ArrayBuffer>[];
}

/** The subjects of an index, by number. */
interface SubjectList {
  readonly size: number;
  at(id: number): string;
}

const inArray = (subjects: string[]): SubjectList => ({ size: subjects.length, at: (id) => subjects[id] ?? '' });

/** Subjects kept as the UTF-8 bytes of TextIndexParts, decoded when asked for. */
function inBytes(bytes: Uint8Array<ArrayBuffer>, starts: Int32Array<ArrayBuffer>): SubjectList {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { size: Math.max(0, starts.length - 1), at: (id) => buffer.toString('utf8', starts[id] ?? 0, starts[id + 1] ?? 0) };
}

/** One predicate's texts: tokens → subjects. */
export class TextIndex {
  /** Every distinct token, each followed by '\n', for substring search over the vocabulary. */
  private vocabulary = '';
  private starts: Int32Array<ArrayBuffer> = new Int32Array(0);
  private postings: Int32Array<ArrayBuffer>[] = [];
  private list: SubjectList = inArray([]);
  readonly buildMs: number;

  constructor(texts: Iterable<[subject: string, text: string]>) {
    const t0 = performance.now();
    this.fill(indexData(texts));
    this.buildMs = performance.now() - t0;
  }

  /** Every subject, in the index's order. */
  get subjects(): string[] {
    return Array.from({ length: this.list.size }, (_, id) => this.list.at(id));
  }

  private fill(data: TextIndexData): void {
    this.list = inArray(data.subjects);
    this.starts = new Int32Array(data.tokens.length);
    this.postings = [];
    let offset = 0;
    for (const [i, tok] of data.tokens.entries()) {
      this.starts[i] = offset;
      offset += tok.length + 1;
      this.postings.push(Int32Array.from(data.postings[i] ?? []));
    }
    this.vocabulary = data.tokens.map((t) => `${t}\n`).join('');
  }

  /** The index as written to output/text-index.json (the same texts give the same data). */
  toData(): TextIndexData {
    return { subjects: [...this.subjects], tokens: this.vocabulary.split('\n').slice(0, -1), postings: this.postings.map((p) => Array.from(p)) };
  }

  /** The index as flat parts, for handing to another thread (the typed arrays' buffers can be transferred). */
  parts(): TextIndexParts {
    const subjects = this.subjects;
    const subjectStarts = new Int32Array(subjects.length + 1);
    let offset = 0;
    for (const [i, s] of subjects.entries()) {
      subjectStarts[i] = offset;
      offset += Buffer.byteLength(s);
    }
    subjectStarts[subjects.length] = offset;
    const subjectBytes = new Uint8Array(offset);
    Buffer.from(subjectBytes.buffer).write(subjects.join(''), 'utf8');
    return { subjectBytes, subjectStarts, vocabulary: this.vocabulary, starts: this.starts, postings: this.postings };
  }

  static fromParts(parts: TextIndexParts): TextIndex {
    const index = new TextIndex([]);
    index.list = inBytes(parts.subjectBytes, parts.subjectStarts);
    index.vocabulary = parts.vocabulary;
    index.starts = parts.starts;
    index.postings = parts.postings;
    return index;
  }

  /** An index read back from its file form (built at build time: no texts needed). */
  static fromData(data: TextIndexData): TextIndex {
    const index = new TextIndex([]);
    index.fill(data);
    return index;
  }

  get size(): number {
    return this.list.size;
  }

  /** The token that holds the vocabulary position `at`. */
  private tokenAt(at: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= at) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Subjects (ids) having a token that contains `piece`. */
  private holding(piece: string): Set<number> {
    const out = new Set<number>();
    const seen = new Set<number>();
    for (let at = this.vocabulary.indexOf(piece); at >= 0; at = this.vocabulary.indexOf(piece, at + 1)) {
      const tok = this.tokenAt(at);
      if (seen.has(tok)) continue;
      seen.add(tok);
      for (const id of this.postings[tok] ?? []) out.add(id);
    }
    return out;
  }

  /**
   * The subjects whose text may contain `word` (as CONTAINS, or CONTAINS on
   * LCASE): a superset of the true ones; undefined when the index cannot narrow
   * the search below `limit` subjects.
   */
  candidates(word: string, limit = Math.max(1000, this.size / 4)): string[] | undefined {
    const pieces = [...new Set(tokens(word))].sort((a, b) => b.length - a.length);
    if (pieces.length === 0) return undefined;
    let result: Set<number> | undefined;
    for (const piece of pieces) {
      const found = this.holding(piece);
      result = result === undefined ? found : new Set([...result].filter((id) => found.has(id)));
      if (result.size === 0) break;
    }
    if (result === undefined || result.size > limit) return undefined;
    return [...result].sort((a, b) => a - b).map((id) => this.list.at(id));
  }
}

/**
 * How the candidates go into the query: `VALUES ?s { … }` (Oxigraph joins it
 * first), or `FILTER(?s IN (…))` for Virtuoso, which compiles a VALUES block of
 * two thousand IRIs in seconds (measured at 1M triples: 4 s with VALUES, 0.1 s
 * with IN, 0.3 s for CONTAINS alone) but takes an IN list as a lookup. The IN
 * list is written into the query text after the rest (`fillInLists`, which a
 * caller of 'in' must apply): writing thousands of IRIs through the SPARQL
 * generator took 60–190 ms. A search with more candidates than MAX_IN is left
 * to CONTAINS on Virtuoso.
 */
export type Narrowing = 'values' | 'in';

/**
 * Candidates at most in one IN list: Virtuoso 7.2 refuses some 4,000 arguments (3,000 were taken). More
 * are not sent, also not as a UNION of several lists: at 10M triples, 21,101 candidates in 11 lists of
 * 2,000 took longer at the first run of a query (Virtuoso looks up every IRI as it compiles the query:
 * 1.2–6.6 s) than CONTAINS alone (0.7–1.4 s); 2,000 in one list took 0.03–0.09 s.
 */
const MAX_IN = 3000;

/** Placeholder IRIs of IN lists, unique to this process so that no client's query can hold one. */
const IN_LIST = `urn:x-kamerstukken-ld:text-index:${randomUUID()}:`;

/**
 * Indexes per text predicate: those the build wrote (output/text-index.json);
 * the others built on first use from `store`, when there is one that can be
 * read in this process (Oxigraph's). Without a store (Virtuoso: its texts are in
 * another process), a predicate the build did not index is not narrowed.
 */
export class TextSearch {
  private readonly indexes: Map<string, TextIndex>;
  /** Queries rewritten with candidates so far (a repeated query's rewrite is kept by the engine). */
  narrowed = 0;

  constructor(
    private readonly store: Pick<QuadStore, 'match'> | undefined,
    built: ReadonlyMap<string, TextIndex> = new Map(),
    readonly narrowing: Narrowing = 'values',
  ) {
    this.indexes = new Map(built);
  }

  /** Is this predicate IRI one of the indexed text predicates? */
  static indexed(predicate: string): boolean {
    const hash = predicate.lastIndexOf('#');
    return hash > 0 && predicate.slice(0, hash).endsWith('def') && (TEXT_PREDICATES as readonly string[]).includes(predicate.slice(hash + 1));
  }

  index(predicate: string): TextIndex | undefined {
    if (!TextSearch.indexed(predicate)) return undefined;
    let index = this.indexes.get(predicate);
    if (!index && this.store) {
      index = new TextIndex(this.texts(predicate));
      this.indexes.set(predicate, index);
    }
    return index;
  }

  private *texts(predicate: string): Generator<[string, string]> {
    if (!this.store) return;
    // The default graph holds the union of the named graphs (OxigraphStore.materializeUnion); blank subjects cannot go into VALUES.
    const quads = this.store.match(undefined, DF.namedNode(predicate), undefined, DF.defaultGraph());
    for (const q of quads) {
      if (q.object.termType === 'Literal' && q.subject.termType === 'NamedNode') yield [q.subject.value, q.object.value];
    }
  }
}

// ---- the rewrite, on the parsed query (@traqula's AST) ----

interface Node {
  type?: string;
  subType?: string;
  [key: string]: unknown;
}

function isNode(x: unknown): x is Node {
  return typeof x === 'object' && x !== null;
}

const GENERATED = { sourceLocationType: 'autoGenerate' };

/** Prefixes of the query's prologue, for predicates written as prefixed names. */
function prefixes(ast: Node): Map<string, string> {
  const out = new Map<string, string>();
  for (const def of Array.isArray(ast.context) ? (ast.context as unknown[]) : []) {
    if (isNode(def) && def.subType === 'prefix' && typeof def.key === 'string' && isNode(def.value) && typeof def.value.value === 'string') out.set(def.key, def.value.value);
  }
  return out;
}

function iriOf(term: unknown, pfx: Map<string, string>): string | undefined {
  if (!isNode(term) || term.subType !== 'namedNode' || typeof term.value !== 'string') return undefined;
  if (typeof term.prefix === 'string') {
    const ns = pfx.get(term.prefix);
    return ns === undefined ? undefined : ns + term.value;
  }
  return term.value;
}

function variable(term: unknown): string | undefined {
  return isNode(term) && term.subType === 'variable' && typeof term.value === 'string' ? term.value : undefined;
}

/** CONTAINS(?v, "w") or CONTAINS(LCASE(?v), "w") → [v, w]. */
function containsCall(expr: unknown): [string, string] | undefined {
  if (!isNode(expr) || expr.subType !== 'operation' || expr.operator !== 'contains' || !Array.isArray(expr.args)) return undefined;
  const [target, word] = expr.args as unknown[];
  if (!isNode(word) || word.subType !== 'literal' || typeof word.value !== 'string') return undefined;
  let v = variable(target);
  if (v === undefined && isNode(target) && target.subType === 'operation' && target.operator === 'lcase' && Array.isArray(target.args)) v = variable(target.args[0]);
  return v === undefined ? undefined : [v, word.value];
}

function conjuncts(expr: unknown): unknown[] {
  if (isNode(expr) && expr.subType === 'operation' && expr.operator === '&&' && Array.isArray(expr.args)) return (expr.args as unknown[]).flatMap(conjuncts);
  return [expr];
}

export interface TextRewrite {
  /** The VALUES blocks (or IN filters) added: variable and number of candidate subjects. */
  added: { variable: string; predicate: string; word: string; candidates: number }[];
  /** With narrowing 'in': each IN list's placeholder IRI and its IRIs, for `fillInLists`. */
  inLists: Map<string, string[]>;
}

/** The query text written from a rewritten AST, with each IN list's placeholder replaced by its IRIs. */
export function fillInLists(text: string, rewrite: TextRewrite): string {
  let out = text;
  for (const [placeholder, iris] of rewrite.inLists) out = out.split(`<${placeholder}>`).join(iris.map((i) => `<${i}>`).join(', '));
  return out;
}

/**
 * Add `VALUES ?s { candidates }` (or `FILTER(?s IN (candidates))`, as
 * `search.narrowing` says) to every group whose FILTER has a CONTAINS on the
 * object of an indexed text predicate. Mutates the AST; returns what was
 * added (nothing when no such FILTER, or when the index cannot narrow it).
 */
export function rewriteTextSearch(ast: unknown, search: TextSearch): TextRewrite {
  const added: TextRewrite['added'] = [];
  const inLists: TextRewrite['inLists'] = new Map();
  if (!isNode(ast)) return { added, inLists };
  const pfx = prefixes(ast);
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const n of node) visit(n);
      return;
    }
    if (!isNode(node)) return;
    for (const [key, value] of Object.entries(node)) if (key !== 'loc' && typeof value === 'object') visit(value);
    if (node.subType === 'group' && Array.isArray(node.patterns)) rewriteGroup(node.patterns as unknown[]);
  };
  const iri = (value: string) => ({ type: 'term', subType: 'namedNode', value, loc: GENERATED });
  const inFilter = (subject: string, iris: string[]) => {
    const placeholder = `${IN_LIST}${inLists.size}`;
    inLists.set(placeholder, iris);
    const args = [{ type: 'term', subType: 'variable', value: subject, loc: GENERATED }, iri(placeholder)];
    return { type: 'pattern', subType: 'filter', expression: { type: 'expression', subType: 'operation', operator: 'in', args, loc: GENERATED }, loc: GENERATED };
  };
  const rewriteGroup = (patterns: unknown[]): void => {
    const filters = patterns.filter((p) => isNode(p) && p.subType === 'filter').flatMap((p) => conjuncts((p as Node).expression));
    const done = new Set<string>();
    const extra: unknown[] = [];
    for (const call of filters.map(containsCall)) {
      if (!call) continue;
      const [textVar, word] = call;
      for (const p of patterns) {
        if (!isNode(p) || p.subType !== 'bgp' || !Array.isArray(p.triples)) continue;
        for (const triple of p.triples as unknown[]) {
          if (!isNode(triple) || variable(triple.object) !== textVar) continue;
          const subject = variable(triple.subject);
          const predicate = iriOf(triple.predicate, pfx);
          if (subject === undefined || predicate === undefined || done.has(subject)) continue;
          const index = search.index(predicate);
          const found = index?.candidates(word);
          if (!found) continue;
          if (search.narrowing === 'values') {
            extra.push({
              type: 'pattern',
              subType: 'values',
              variables: [{ type: 'term', subType: 'variable', value: subject, loc: GENERATED }],
              values: found.map((value) => ({ [subject]: iri(value) })),
              loc: GENERATED,
            });
          } else if (found.length <= MAX_IN) {
            // ?s is bound by the required triple pattern in this group: IN keeps exactly the rows VALUES keeps.
            extra.push(inFilter(subject, found));
          } else continue; // more than Virtuoso takes in one IN, and more than it looks up faster than it scans: CONTAINS alone
          done.add(subject);
          added.push({ variable: subject, predicate, word, candidates: found.length });
        }
      }
    }
    patterns.push(...extra);
  };
  visit(ast.where);
  if (added.length > 0) search.narrowed++;
  return { added, inLists };
}
