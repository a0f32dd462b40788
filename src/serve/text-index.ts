/**
 * Word search over the texts of questions, answers and footnotes, faster than
 * CONTAINS and with exactly its results.
 *
 * A query keeps its SPARQL: `FILTER(CONTAINS(?text, "word"))` or
 * `FILTER(CONTAINS(LCASE(?text), "word"))` (also as one conjunct of `&&`), where
 * `?text` is the object of a required triple pattern `?s kld:answerText ?text`
 * (or kld:questionText, kld:footnoteText, kld:text) in the same group. The
 * engine asks the index which subjects can match and adds them to that group
 * as `VALUES ?s { … }` (on Virtuoso a join with the index graph `load` wrote
 * into the database, virtuoso/text-search.ts); the FILTER stays, so the store
 * checks CONTAINS on those texts only, and the answer is the one CONTAINS
 * gives.
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
 * worker keeps it). On Virtuoso the index is in the database (virtuoso/text-graph.ts).
 * Words without a letter or digit, or too common to narrow the search, are left
 * to CONTAINS alone.
 */
import { DataFactory } from 'rdf-data-factory';
import type { QuadStore } from './store.js';
import { TEXT_PREDICATES, indexData, tokens, type TextIndexData } from '../text-index-format.js';

const DF = new DataFactory();
/** Source location of AST nodes the rewrite adds. */
const GENERATED = { sourceLocationType: 'autoGenerate' };

export { TEXT_PREDICATES, fold, tokens, type TextIndexData } from '../text-index-format.js';

/** Sorted distinct tokens, searchable by substring (one indexOf pass over them all). */
export class TokenList {
  /** Every token followed by '\n'. */
  private readonly text: string;
  private readonly starts: Int32Array;

  constructor(readonly tokens: readonly string[]) {
    this.text = tokens.map((t) => `${t}\n`).join('');
    this.starts = new Int32Array(tokens.length);
    let offset = 0;
    for (const [i, tok] of tokens.entries()) {
      this.starts[i] = offset;
      offset += tok.length + 1;
    }
  }

  /** The token that holds the position `at` of the text. */
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

  /** The numbers of the tokens that contain `piece`, each once, in order. */
  *containing(piece: string): Generator<number> {
    let last = -1;
    for (let at = this.text.indexOf(piece); at >= 0; at = this.text.indexOf(piece, at + 1)) {
      const tok = this.tokenAt(at);
      if (tok === last) continue;
      last = tok;
      yield tok;
    }
  }
}

/** One predicate's texts: tokens → subjects. */
export class TextIndex {
  private vocabulary = new TokenList([]);
  private postings: Int32Array<ArrayBuffer>[] = [];
  subjects: string[] = [];
  readonly buildMs: number;

  constructor(texts: Iterable<[subject: string, text: string]>) {
    const t0 = performance.now();
    this.fill(indexData(texts));
    this.buildMs = performance.now() - t0;
  }

  private fill(data: TextIndexData): void {
    this.subjects = data.subjects;
    this.postings = data.tokens.map((_tok, i) => Int32Array.from(data.postings[i] ?? []));
    this.vocabulary = new TokenList(data.tokens);
  }

  /** The index as written to output/text-index.json (the same texts give the same data). */
  toData(): TextIndexData {
    return { subjects: [...this.subjects], tokens: [...this.vocabulary.tokens], postings: this.postings.map((p) => Array.from(p)) };
  }

  /** An index read back from its file form (built at build time: no texts needed). */
  static fromData(data: TextIndexData): TextIndex {
    const index = new TextIndex([]);
    index.fill(data);
    return index;
  }

  get size(): number {
    return this.subjects.length;
  }

  /** Subjects (ids) having a token that contains `piece`. */
  private holding(piece: string): Set<number> {
    const out = new Set<number>();
    for (const tok of this.vocabulary.containing(piece)) for (const id of this.postings[tok] ?? []) out.add(id);
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
    return [...result].sort((a, b) => a - b).map((id) => this.subjects[id] ?? '');
  }
}

/**
 * What narrows a CONTAINS on `?subject <predicate> ?text`: the pattern to add
 * to its group (a superset of the subjects whose text holds `word`, each once),
 * or undefined to leave it to CONTAINS. `narrowed` counts the queries narrowed.
 */
export interface TextNarrower {
  narrowed: number;
  pattern(predicate: string, word: string, subject: string): { pattern: unknown; size: number } | undefined;
}

/**
 * Indexes per text predicate: those the build wrote (output/text-index.json);
 * the others built on first use from `store`, when there is one that can be
 * read in this process (Oxigraph's). Without a store (Virtuoso: its texts are in
 * another process), a predicate the build did not index is not narrowed.
 */
export class TextSearch implements TextNarrower {
  private readonly indexes: Map<string, TextIndex>;
  /** Queries rewritten with candidates so far (a repeated query's rewrite is kept by the engine). */
  narrowed = 0;

  constructor(
    private readonly store: Pick<QuadStore, 'match'> | undefined,
    built: ReadonlyMap<string, TextIndex> = new Map(),
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

  /** `VALUES ?subject { candidates }`. */
  pattern(predicate: string, word: string, subject: string): { pattern: unknown; size: number } | undefined {
    const found = this.index(predicate)?.candidates(word);
    if (!found) return undefined;
    const variables = [{ type: 'term', subType: 'variable', value: subject, loc: GENERATED }];
    const values = found.map((value) => ({ [subject]: { type: 'term', subType: 'namedNode', value, loc: GENERATED } }));
    return { pattern: { type: 'pattern', subType: 'values', variables, values, loc: GENERATED }, size: found.length };
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
  /** The patterns added: variable, and the size of what narrows it (candidate subjects for VALUES, tokens for the index graph). */
  added: { variable: string; predicate: string; word: string; size: number }[];
}

/**
 * Add the narrower's pattern (`VALUES ?s { candidates }`, or on Virtuoso the
 * join with the index graph) to every group whose FILTER has a CONTAINS on the
 * object of a text predicate. Mutates the AST; returns what was added
 * (nothing when no such FILTER, or when the index cannot narrow it).
 */
export function rewriteTextSearch(ast: unknown, search: TextNarrower): TextRewrite {
  const added: TextRewrite['added'] = [];
  if (!isNode(ast)) return { added };
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
          // ?s is bound by the required triple pattern in this group, each candidate once: the rows the FILTER keeps stay, once each.
          const narrowing = search.pattern(predicate, word, subject);
          if (!narrowing) continue;
          extra.push(narrowing.pattern);
          done.add(subject);
          added.push({ variable: subject, predicate, word, size: narrowing.size });
        }
      }
    }
    patterns.push(...extra);
  };
  visit(ast.where);
  if (added.length > 0) search.narrowed++;
  return { added };
}
