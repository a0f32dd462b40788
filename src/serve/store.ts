/**
 * The store behind the query engine. Comunica answers every query; a store
 * holds the quads and, when it can, evaluates whole SPARQL operations itself
 * (query pushdown), so that Comunica hands it BGPs, joins, GROUP BY … in one
 * piece instead of asking for triple patterns one at a time.
 *
 * Implementations: OxigraphStore (in-process, indexed, the default) and
 * SparqlEndpointStore (any SPARQL 1.1 endpoint, for federation and for
 * datasets larger than one process holds).
 */
import type { NamedNode, Quad, Term } from '@rdfjs/types';

/** RDF serialisations a store can load. */
export type RdfFormat = 'application/n-quads' | 'application/n-triples' | 'text/turtle' | 'application/trig';

/** The RDF dataset of one query (SPARQL 1.1 Protocol default-graph-uri / named-graph-uri). */
export interface QueryDataset {
  defaultGraphs: NamedNode[];
  namedGraphs: NamedNode[];
}

/** One solution: variable name (without "?") → term. Unbound variables are absent. */
export type Solution = Map<string, Term>;

export type PushdownResult =
  | { type: 'bindings'; solutions: Solution[] }
  | { type: 'quads'; quads: Quad[] }
  | { type: 'boolean'; value: boolean }
  /** CONSTRUCT/DESCRIBE as N-Triples text, one triple a line, each ending in a newline (only when PushdownOptions.graphText asked for it). */
  | { type: 'ntriples'; text: string; triples: number };

export type QueryForm = 'bindings' | 'quads' | 'boolean';

export interface PushdownOptions {
  /** What the query returns: SELECT → bindings, CONSTRUCT/DESCRIBE → quads, ASK → boolean. */
  form: QueryForm;
  /** The protocol's dataset; overrides FROM in the query. */
  dataset?: QueryDataset;
  /**
   * Take the default graph as the union of all named graphs, as a set (our
   * default: every document lives in its own graph and queries should not need
   * GRAPH to see them; a triple in several graphs is still one triple).
   * Callers turn it off when the query has FROM clauses of its own.
   */
  unionDefaultGraph: boolean;
  /** Base IRI for relative IRIs in the query (the request's URL). */
  baseIRI?: string;
  /** Give up after this many milliseconds, where the store can (remote stores). */
  timeoutMs?: number;
  /**
   * The caller writes a CONSTRUCT/DESCRIBE answer in a syntax of which N-Triples lines are a part
   * (N-Triples, N-Quads, Turtle, TriG): a store that receives N-Triples may hand them on as text
   * (type 'ntriples') instead of parsing them into quads to be written again.
   */
  graphText?: boolean;
}

/** The capability to evaluate a whole SPARQL query (SELECT, CONSTRUCT, DESCRIBE, ASK). */
export interface SparqlPushdown {
  query(sparql: string, options: PushdownOptions): Promise<PushdownResult>;
  /** A name for logs and error messages (the endpoint URL, or "oxigraph"). */
  readonly label: string;
}

/** A store of quads: load, pattern match, count, close. */
export interface QuadStore extends SparqlPushdown {
  /** Number of quads held (for remote stores: unknown, NaN). */
  readonly size: number;
  /** Load serialised RDF from byte or string chunks; returns the number of quads added. */
  load(chunks: Iterable<Uint8Array | string>, format: RdfFormat, options?: { trusted?: boolean }): number;
  /** Quads matching a pattern (undefined = any). */
  match(subject?: Term, predicate?: Term, object?: Term, graph?: Term): Quad[];
  /** Release the store's memory. */
  close(): void;
}

/** Does this store evaluate whole queries? (Every store here does; the check keeps sources honest.) */
export function canPushdown(store: Partial<SparqlPushdown>): store is SparqlPushdown {
  return typeof store.query === 'function';
}
