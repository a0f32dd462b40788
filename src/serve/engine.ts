/**
 * The query engine. It checks a query before running it (syntax, read-only,
 * SERVICE allow-list), negotiates the result format for the query's form and
 * applies the result cap. A query over the local store alone is evaluated whole
 * by the store and written by results.ts; SERVICE and federated endpoints go
 * through Comunica (engine-comunica.ts).
 */
import { Algebra, algebraUtils } from '@comunica/utils-algebra';
import type { Parser } from '@traqula/parser-sparql-1-2';
import { sparqlParser } from './sparql-parser.js';
import { Generator } from '@traqula/generator-sparql-1-2';
import { toAlgebra } from '@traqula/algebra-sparql-1-2';
import { DataFactory } from 'rdf-data-factory';
import type * as RDF from '@rdfjs/types';
import { Readable } from 'node:stream';
import { BINDINGS_TYPES, BOOLEAN_TYPES, QUADS_TYPES, negotiate, serializerFor } from './negotiate.js';
import type { ComunicaRunner } from './engine-comunica.js';
import type { QueryDataset, QueryForm, SparqlPushdown } from './store.js';
import { RdfXmlError, writeBindings, writeBoolean, writeGraph } from './results.js';

import { present } from '../errors.js';
import { QueryError } from './errors.js';
import { rewriteTextSearch, type TextSearch } from './text-index.js';

export { QueryError };

export interface QueryRequest {
  query: string;
  /** The request's Accept header, as sent. */
  accept?: string;
  /** default-graph-uri / named-graph-uri from the protocol request. */
  defaultGraphs?: string[];
  namedGraphs?: string[];
  /** Base IRI for relative IRIs in the query. */
  baseIRI?: string;
}

export interface QueryResponse {
  mediaType: string;
  form: QueryForm;
  data: Readable;
  /** Set (once the data has ended) when the result cap cut the result short. */
  truncated: () => boolean;
  /** SPARQL strings the local store evaluated (for tests: shows what was pushed down). */
  pushedDown: string[];
}

export interface EngineOptions {
  /** The local store, then any federated endpoints. */
  stores: SparqlPushdown[];
  /** SERVICE targets that are allowed (exact IRIs). Everything else is refused. */
  allowedServices?: string[];
  /** Result cap: rows for SELECT, triples for CONSTRUCT/DESCRIBE. */
  maxResults: number;
  /** Passed to remote stores as their request timeout. */
  timeoutMs?: number;
  /** Word search through the text index (text-index.ts): CONTAINS on the text predicates narrowed by VALUES. */
  textSearch?: TextSearch;
}

const DF = new DataFactory();
const parser = sparqlParser; // shared: building a parser costs some 0.2–0.4 s of CPU (sparql-parser.ts)
const generator = new Generator();

type QueryAst = ReturnType<Parser['parse']>;

export interface CheckedQuery {
  form: QueryForm;
  services: string[];
  operation: Algebra.Operation;
  /** The parsed query (for the store: re-written with the result cap as LIMIT). */
  ast: QueryAst;
}

/** Parse and check a query without running it. Throws QueryError (400 syntax, 403 update / SERVICE). */
export function checkQuery(query: string, allowedServices: readonly string[], baseIRI?: string): CheckedQuery {
  let ast: QueryAst;
  try {
    ast = parser.parse(query, baseIRI ? { baseIRI } : {});
  } catch (err) {
    if (err instanceof RangeError) throw new QueryError(400, 'the query is nested too deeply to parse');
    throw new QueryError(400, `SPARQL syntax error: ${firstLines((err as Error).message)}`);
  }
  if ((ast as { type?: string }).type === 'update') {
    throw new QueryError(403, 'this endpoint is read-only: SPARQL Update (INSERT, DELETE, LOAD, CLEAR, …) is not accepted');
  }
  let operation: Algebra.Operation;
  try {
    operation = toAlgebra(ast, { quads: true, blankToVariable: true, baseIRI, dataFactory: DF });
  } catch (err) {
    if (err instanceof RangeError) throw new QueryError(400, 'the query is nested too deeply to evaluate');
    throw new QueryError(400, `SPARQL query cannot be evaluated: ${firstLines((err as Error).message)}`);
  }
  const services: string[] = [];
  algebraUtils.visitOperation(operation, {
    [Algebra.Types.SERVICE]: {
      visitor: (op: Algebra.Service) => {
        if (op.name.termType !== 'NamedNode') {
          throw new QueryError(403, 'SERVICE with a variable endpoint is not allowed on this endpoint');
        }
        services.push(op.name.value);
        return true;
      },
    },
  });
  const refused = services.filter((s) => !allowedServices.includes(s));
  if (refused.length > 0) {
    const allowed = allowedServices.length > 0 ? `allowed: ${allowedServices.join(', ')}` : 'no SERVICE endpoints are configured';
    throw new QueryError(403, `SERVICE <${refused[0]}> is not allowed on this endpoint (${allowed})`);
  }
  orderWildcard(ast, operation);
  const subType = (ast as { subType?: string }).subType;
  const form: QueryForm = subType === 'ask' ? 'boolean' : subType === 'construct' || subType === 'describe' ? 'quads' : 'bindings';
  return { form, services, operation, ast };
}

/**
 * The query as the store gets it: the client's query (parsed and written back,
 * which keeps every pattern, including GRAPH ?g {}), with its LIMIT lowered to
 * `limit` so that the store never materialises more than the cap + 1 solutions.
 * ASK has no solutions to limit.
 */
export function cappedQueryText(ast: QueryAst, form: QueryForm, limit: number, original?: string): string {
  if (original !== undefined) {
    // The client's own text when it needs no change or only a LIMIT at its end: writing the
    // query back costs more than parsing it (about 0.8 ms for a lookup, profiled).
    const query = ast as unknown as { solutionModifiers?: { limitOffset?: { limit?: number } }; values?: unknown };
    const lo = query.solutionModifiers?.limitOffset;
    if (form === 'boolean' || (lo?.limit !== undefined && lo.limit <= limit)) return original;
    // After OFFSET a LIMIT may follow; after a trailing VALUES block it may not.
    if (lo?.limit === undefined && query.values === undefined) return `${original}\nLIMIT ${limit}`;
  }
  if (form !== 'boolean') {
    const query = ast as unknown as { solutionModifiers?: { limitOffset?: { limit?: number; offset?: number; type?: string; subType?: string; loc?: unknown } } };
    query.solutionModifiers ??= {};
    const lo = query.solutionModifiers.limitOffset;
    if (lo) lo.limit = lo.limit === undefined ? limit : Math.min(lo.limit, limit);
    else query.solutionModifiers.limitOffset = { type: 'solutionModifier', subType: 'limitOffset', limit, loc: { sourceLocationType: 'autoGenerate' } };
  }
  return generator.generate(ast).trim();
}

/** Variable names in the order they first appear in a part of the parsed query (its text order). */
function variablesInTextOrder(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) {
    for (const item of node) variablesInTextOrder(item, out);
  } else if (node !== null && typeof node === 'object') {
    const n = node as { type?: unknown; subType?: unknown; value?: unknown };
    if (n.type === 'term' && n.subType === 'variable' && typeof n.value === 'string') {
      if (!out.includes(n.value)) out.push(n.value);
    } else {
      for (const [key, value] of Object.entries(node)) if (key !== 'loc') variablesInTextOrder(value, out);
    }
  }
  return out;
}

/**
 * SELECT *: the columns in the order the variables come into scope in the
 * query (as the user wrote them), not sorted by name as the algebra (and
 * Oxigraph) give them. Which variables are in scope is the algebra's business;
 * only their order is changed, in the top projection.
 */
function orderWildcard(ast: QueryAst, operation: Algebra.Operation): void {
  const q = ast as unknown as { variables?: { type?: string }[]; where?: unknown; values?: unknown };
  if (!q.variables?.some((v) => v.type === 'wildcard')) return;
  let cur: Algebra.Operation | undefined = operation;
  while (cur && String(cur.type) !== String(Algebra.Types.PROJECT)) {
    const input: unknown = (cur as { input?: unknown }).input;
    cur = input && !Array.isArray(input) ? (input as Algebra.Operation) : undefined;
  }
  if (!cur) return;
  const project = cur as Algebra.Project;
  const order = variablesInTextOrder([q.where, q.values]);
  const rank = (name: string) => {
    const i = order.indexOf(name);
    return i < 0 ? order.length : i;
  };
  project.variables = [...project.variables].sort((a, b) => rank(a.value) - rank(b.value));
}

/** The variables a SELECT projects, in order (the head of the results). */
function projectedVariables(op: Algebra.Operation): string[] | undefined {
  let cur: Algebra.Operation | undefined = op;
  while (cur) {
    if (String(cur.type) === String(Algebra.Types.PROJECT)) return (cur as Algebra.Project).variables.map((v) => v.value);
    const input: unknown = (cur as { input?: unknown }).input;
    cur = input && !Array.isArray(input) ? (input as Algebra.Operation) : undefined;
  }
  return undefined;
}

/** Media types of which N-Triples lines are a part: a store's N-Triples answer is written as it came (PushdownOptions.graphText). */
const GRAPH_TEXT_TYPES = new Set(['application/n-triples', 'application/n-quads', 'text/turtle', 'application/trig']);

/** The first `n` lines of a text whose lines each end in a newline. */
function linesUpTo(text: string, n: number): string {
  let end = 0;
  for (let i = 0; i < n; i++) {
    const nl = text.indexOf('\n', end);
    if (nl < 0) return text;
    end = nl + 1;
  }
  return text.slice(0, end);
}

function firstLines(message: string): string {
  return message.split('\n').slice(0, 6).join('\n');
}

/** Offers for a query form, in our order of preference. */
export function offersFor(form: QueryForm): readonly string[] {
  return form === 'quads' ? QUADS_TYPES : form === 'boolean' ? BOOLEAN_TYPES : BINDINGS_TYPES;
}

/** Parsed queries kept per worker (small: the result cache in front answers most repeats). */
const PARSED_QUERIES = 256;

function parsedKey(request: QueryRequest): string {
  return `${request.baseIRI ?? ''}\n${request.query}`;
}

export class Engine {
  private readonly allowed: string[];
  private readonly parsed = new Map<string, { checked: CheckedQuery; text?: string }>();
  private comunica?: Promise<ComunicaRunner>;

  constructor(private readonly options: EngineOptions) {
    if (options.stores.length === 0) throw new Error('the engine needs at least one store');
    // Federated endpoints may also be named in SERVICE clauses.
    this.allowed = [...(options.allowedServices ?? []), ...options.stores.slice(1).map((s) => s.label)];
  }

  /**
   * A query without SERVICE over the local store alone: the store evaluates it
   * whole and hands back at most cap + 1 results, so whether the answer is
   * truncated is known before the first byte is written.
   */
  private async runInStore(request: QueryRequest, checked: CheckedQuery, mediaType: string): Promise<QueryResponse> {
    // The constructor refuses an empty list of stores.
    const store = present(this.options.stores[0], 'the first store');
    const cap = this.options.maxResults;
    const sparql = this.storeText(request, checked, cap + 1);
    const dataset = protocolDataset(request);
    let result;
    try {
      const graphText = checked.form === 'quads' && GRAPH_TEXT_TYPES.has(mediaType);
      result = await store.query(sparql, { form: checked.form, dataset, unionDefaultGraph: dataset === undefined, baseIRI: request.baseIRI, timeoutMs: this.options.timeoutMs, graphText });
    } catch (err) {
      throw asQueryError(err);
    }
    let truncated = false;
    let chunks: Iterable<string>;
    if (result.type === 'boolean') chunks = [writeBoolean(result.value, serializerFor(mediaType))];
    else if (result.type === 'bindings') {
      let solutions = result.solutions;
      if (solutions.length > cap) {
        truncated = true;
        solutions = solutions.slice(0, cap);
      }
      const vars = projectedVariables(checked.operation) ?? [...new Set(solutions.flatMap((s) => [...s.keys()]))].sort();
      chunks = writeBindings(vars, solutions, mediaType);
    } else if (result.type === 'ntriples') {
      // The store's own N-Triples lines, in a syntax they belong to (GRAPH_TEXT_TYPES): the first `cap` of them.
      truncated = result.triples > cap;
      chunks = [truncated ? linesUpTo(result.text, cap) : result.text];
    } else {
      let quads = result.quads;
      if (quads.length > cap) {
        truncated = true;
        quads = quads.slice(0, cap);
      }
      // Written here, not lazily, so that an unwritable result (RDF/XML) is a clean error before the head.
      try {
        chunks = [...writeGraph(quads, mediaType)];
      } catch (err) {
        if (err instanceof RdfXmlError) throw new QueryError(406, err.message);
        throw err;
      }
    }
    return { mediaType, form: checked.form, data: Readable.from(chunks, { objectMode: true }), truncated: () => truncated, pushedDown: [sparql] };
  }

  /** The text the store gets for a checked query, remembered with the parse (see `parsed`). */
  private storeText(request: QueryRequest, checked: CheckedQuery, limit: number): string {
    const entry = this.parsed.get(parsedKey(request));
    if (entry?.checked === checked && entry.text !== undefined) return entry.text;
    // A CONTAINS on a text predicate: the index's candidates go in as VALUES (the query is then written back).
    const narrowed = this.options.textSearch && /contains/i.test(request.query) ? rewriteTextSearch(checked.ast, this.options.textSearch).added.length > 0 : false;
    const text = cappedQueryText(checked.ast, checked.form, limit, narrowed ? undefined : request.query);
    if (entry?.checked === checked) entry.text = text;
    return text;
  }

  /** Parse and check, or reuse the parse of the same text (a page asks the same queries again and again). */
  private check(request: QueryRequest): CheckedQuery {
    const key = parsedKey(request);
    const hit = this.parsed.get(key);
    if (hit) return hit.checked;
    const checked = checkQuery(request.query, this.allowed, request.baseIRI);
    if (this.parsed.size >= PARSED_QUERIES) {
      const oldest = this.parsed.keys().next();
      if (!oldest.done) this.parsed.delete(oldest.value);
    }
    this.parsed.set(key, { checked });
    return checked;
  }

  /** Run a query; resolves once the result can start streaming. Throws QueryError. */
  async run(request: QueryRequest): Promise<QueryResponse> {
    const checked = this.check(request);
    const offers = offersFor(checked.form);
    const mediaType = negotiate(request.accept, offers);
    if (!mediaType) {
      throw new QueryError(406, `none of the requested media types (${request.accept}) can represent the result of this query; available: ${offers.join(', ')}`);
    }
    if (this.options.stores.length === 1 && checked.services.length === 0) return this.runInStore(request, checked, mediaType);
    // SERVICE and federation go through Comunica, loaded only then: a worker starts
    // without it (about a second and a half less on start-up, which a replaced worker needs).
    this.comunica ??= import('./engine-comunica.js').then((m) => new m.ComunicaRunner(this.options, this.allowed));
    return (await this.comunica).run(request, checked, mediaType);
  }
}

export function protocolDataset(request: QueryRequest): QueryDataset | undefined {
  if ((request.defaultGraphs?.length ?? 0) + (request.namedGraphs?.length ?? 0) === 0) return undefined;
  return {
    defaultGraphs: (request.defaultGraphs ?? []).map((g) => DF.namedNode(g)),
    namedGraphs: (request.namedGraphs ?? []).map((g) => DF.namedNode(g)),
  };
}

/**
 * A panic inside the store (Rust compiled to WebAssembly) surfaces as a
 * WebAssembly.RuntimeError ("unreachable"); the store's memory may be left
 * inconsistent, so the worker that saw it is replaced (fatal).
 */
export function isStorePanic(err: unknown): boolean {
  return (err as Error)?.constructor?.name === 'RuntimeError' || /unreachable|panicked|RuntimeError/i.test((err as Error)?.message ?? '');
}

export function asQueryError(err: unknown): QueryError {
  if (err instanceof QueryError) return err;
  if (isStorePanic(err)) return new QueryError(500, 'the store failed on this query; its worker is being replaced', {}, true);
  if (err instanceof RangeError && /call stack/i.test(err.message)) return new QueryError(400, 'the query is nested too deeply to evaluate');
  const message = (err as Error)?.message ?? String(err);
  if (/read-only/i.test(message)) return new QueryError(403, message);
  if (/parse|syntax|expected|unexpected|not supported|unknown prefix|undefined prefix/i.test(message)) {
    return new QueryError(400, firstLines(message));
  }
  // The store's own message, first line only: no stack, no engine internals.
  return new QueryError(500, `query failed: ${(message.split('\n')[0] ?? '').slice(0, 300)}`);
}

export type { RDF };
