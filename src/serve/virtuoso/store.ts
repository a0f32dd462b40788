/**
 * Virtuoso behind our endpoint: a SparqlPushdown that sends each whole query
 * to the Virtuoso server the project runs (instance.ts), over loopback HTTP,
 * and turns its answers into the same RDF/JS terms the embedded store gives.
 *
 * The dataset is set with Virtuoso's DEFINE pragmas (before the query's own
 * PREFIXes):
 * - no FROM and no protocol dataset: the default graph is the union graph
 *   (load.ts keeps it: our graphs as a set);
 * - a protocol dataset (default-graph-uri / named-graph-uri) replaces it, an
 *   empty side of it being empty, as SPARQL says (Virtuoso would take all).
 * GRAPH ?g ranges over our graphs only: Virtuoso offers every graph it holds
 * (the union graph, its own system graphs), and its input:named-graph-exclude
 * pragma also empties GRAPH <iri> patterns (7.2), so each GRAPH ?g pattern
 * is given a FILTER that leaves those graphs out.
 *
 * Terms as Oxigraph gives them: Virtuoso's blank nodes (nodeID://b10001)
 * become blank nodes, booleans it returns as 1/0 become true/false. Language
 * tags come lower-cased from both stores; numbers in canonical form from both.
 */
import http from 'node:http';
import type * as RDF from '@rdfjs/types';
import { DataFactory, Parser as N3Parser, Writer as N3Writer } from 'n3';
import type { Parser } from '@traqula/parser-sparql-1-2';
import { sparqlParser } from '../sparql-parser.js';
import { Generator } from '@traqula/generator-sparql-1-2';
import { QueryError } from '../errors.js';
import type { PushdownOptions, PushdownResult, SparqlPushdown } from '../store.js';
import { DEFAULT_GRAPH, NO_GRAPH, UNION_GRAPH } from './load.js';
import { jsonResult, type JsonResults, type JsonTerm } from '../sparql-json.js';
import { rewriteTextSearch, type TextNarrower } from '../text-index.js';

/** What a query worker needs to reach the Virtuoso server (passed through workerData). */
export interface VirtuosoEndpoint {
  /** Virtuoso's SPARQL endpoint, http://127.0.0.1:PORT/sparql. */
  url: string;
  /** Graphs that are not ours (Virtuoso's own), kept out of GRAPH ?g. */
  systemGraphs: string[];
  /** Quads loaded (for /health and the start-up line). */
  quads: number;
  /** The database directory: its load state names the data for the result cache (build.ts); without it nothing is cached. */
  dir?: string;
  /**
   * Resolves when Virtuoso answers, from the process that started it (instance.ts: woken by Virtuoso's
   * log line, not by polling); rejects if it does not come up. Without it the runner polls `url`.
   */
  online?: Promise<void>;
}

/**
 * Resolves once Virtuoso's SPARQL endpoint answers (it may still be starting:
 * serve starts it and the endpoint side by side); polled every 20 ms, so the
 * first answer is not held back. Rejects after `timeoutMs`.
 */
export async function untilAnswering(url: string, timeoutMs = 180_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const ask = `${url}?query=${encodeURIComponent('ASK { }')}`;
  for (;;) {
    try {
      const res = await fetch(ask, { signal: AbortSignal.timeout(5000) });
      await res.text();
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new QueryError(503, `the Virtuoso store did not answer within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const XSD_BOOLEAN = 'http://www.w3.org/2001/XMLSchema#boolean';
const XSD_STRING = 'http://www.w3.org/2001/XMLSchema#string';
const XSD = 'http://www.w3.org/2001/XMLSchema#';
const XSD_INTEGER = `${XSD}integer`;
const INTEGER_TYPES = new Set(
  ['nonPositiveInteger', 'negativeInteger', 'long', 'int', 'short', 'byte', 'nonNegativeInteger', 'unsignedLong', 'unsignedInt', 'unsignedShort', 'unsignedByte', 'positiveInteger'].map((t) => `${XSD}${t}`),
);
const parser = sparqlParser; // shared: building a parser costs some 0.2–0.4 s of CPU (sparql-parser.ts)
const generator = new Generator();

const iri = (value: string) => `<${value.replace(/[<>"{}|^`\\\s]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}>`;

type AstNode = Record<string, unknown>;
const AUTO = { sourceLocationType: 'autoGenerate' };

function isVariableGraph(node: unknown): node is AstNode & { name: { value: string } } {
  const n = node as { type?: unknown; subType?: unknown; name?: { subType?: unknown } } | null;
  return n !== null && typeof n === 'object' && n.type === 'pattern' && n.subType === 'graph' && n.name?.subType === 'variable';
}

/** Wrap every GRAPH ?g { … } in the AST as { GRAPH ?g { … } FILTER(?g NOT IN (excluded)) }. Returns whether any was found. */
function fenceGraphs(node: unknown, excluded: readonly string[]): boolean {
  if (node === null || typeof node !== 'object') return false;
  let found = false;
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) {
      const child: unknown = node[i];
      if (fenceGraphs(child, excluded)) found = true;
      if (isVariableGraph(child)) {
        found = true;
        const variable = { type: 'term', subType: 'variable', value: child.name.value, loc: AUTO };
        const args = [variable, ...excluded.map((g) => ({ type: 'term', subType: 'namedNode', value: g, loc: AUTO }))];
        const filter = { type: 'pattern', subType: 'filter', expression: { type: 'expression', subType: 'operation', operator: 'notin', args, loc: AUTO }, loc: AUTO };
        node[i] = { type: 'pattern', subType: 'group', patterns: [child, filter], loc: AUTO };
      }
    }
    return found;
  }
  for (const value of Object.values(node as AstNode)) if (fenceGraphs(value, excluded)) found = true;
  return found;
}

/**
 * The query as Virtuoso gets it: DEFINE pragmas for the protocol's dataset and
 * for DESCRIBE (CBD: the resource's own triples, as Oxigraph describes; Virtuoso
 * would add incoming ones); in union mode (no dataset given, no FROM) the
 * WHERE clause inside GRAPH <UNION_GRAPH> (Virtuoso's input:default-graph-uri
 * pragma would also empty GRAPH <iri> patterns, 7.2); every GRAPH ?g fenced.
 * With `textSearch`, a CONTAINS on a text predicate is joined with the text
 * index graph (text-search.ts), when no dataset is given (the query's or the
 * protocol's: the graph is reached by name). Parsed and written again only
 * when one of those rewrites applies.
 */
export function virtuosoQuery(sparql: string, options: PushdownOptions, excluded: readonly string[], textSearch?: TextNarrower): string {
  const pragmas: string[] = [];
  if (options.form === 'quads') pragmas.push('DEFINE sql:describe-mode "CBD"');
  const dataset = options.dataset;
  const explicit = dataset !== undefined && (dataset.defaultGraphs.length > 0 || dataset.namedGraphs.length > 0);
  if (dataset && explicit) {
    // An empty side of a protocol dataset is empty, as SPARQL says (Virtuoso would take every graph).
    const defaults = dataset.defaultGraphs.length > 0 ? dataset.defaultGraphs.map((g) => g.value) : [NO_GRAPH];
    const named = dataset.namedGraphs.length > 0 ? dataset.namedGraphs.map((g) => g.value) : [NO_GRAPH];
    for (const g of defaults) pragmas.push(`DEFINE input:default-graph-uri ${iri(g)}`);
    for (const g of named) pragmas.push(`DEFINE input:named-graph-uri ${iri(g)}`);
  }
  const union = options.unionDefaultGraph && !explicit;
  const head = pragmas.length > 0 ? `${pragmas.join('\n')}\n` : '';
  // The index graph is joined by name: only where GRAPH <iri> reaches every graph (no dataset given; see below).
  const search = textSearch && !explicit && /contains/i.test(sparql) ? textSearch : undefined;
  if (!union && !search && !/GRAPH\s*[?$]/i.test(sparql)) return head + sparql;
  let ast: ReturnType<Parser['parse']>;
  try {
    ast = parser.parse(sparql);
  } catch {
    return head + sparql; // Virtuoso will say what is wrong with it
  }
  const query = ast as unknown as { datasets?: { clauses?: unknown[] }; where?: { patterns?: unknown[] } };
  // Before the WHERE clause goes into GRAPH <union>: the rewrite looks for the CONTAINS in its groups.
  const narrowed = search && (query.datasets?.clauses?.length ?? 0) === 0 ? rewriteTextSearch(ast, search) : undefined;
  let changed = fenceGraphs(ast, excluded) || (narrowed?.added.length ?? 0) > 0;
  if (union && (query.datasets?.clauses?.length ?? 0) === 0 && query.where?.patterns) {
    const graph = { type: 'pattern', subType: 'graph', name: { type: 'term', subType: 'namedNode', value: UNION_GRAPH, loc: AUTO }, patterns: query.where.patterns, loc: AUTO };
    query.where.patterns = [graph];
    changed = true;
  }
  if (!changed) return head + sparql;
  const text = generator.generate(ast).trim();
  return head + text;
}

const DF = DataFactory;

/** A literal as the embedded store would give it (datatype and lexical form). */
function literal(value: string, lang: string | undefined, datatype: string): RDF.Literal {
  if (lang) return DF.literal(value, lang.toLowerCase());
  // Oxigraph keeps every integer type (xsd:int, xsd:nonNegativeInteger, …) as xsd:integer.
  if (INTEGER_TYPES.has(datatype)) return DF.literal(value, DF.namedNode(XSD_INTEGER));
  if (datatype === XSD_BOOLEAN) {
    // Virtuoso keeps booleans as integers and writes them back as 1 / 0 in SPARQL JSON.
    const v = value === '1' || value === 'true' ? 'true' : value === '0' || value === 'false' ? 'false' : value;
    return DF.literal(v, DF.namedNode(XSD_BOOLEAN));
  }
  return DF.literal(value, DF.namedNode(datatype));
}

/** A term of Virtuoso's SPARQL JSON as the embedded store would give it. */
export function fromVirtuosoJson(t: JsonTerm): RDF.Term {
  switch (t.type) {
    case 'uri':
      return DF.namedNode(t.value);
    case 'bnode':
      // Virtuoso's blank nodes are nodeID://b10001; the label is kept (labels are local to a store).
      return DF.blankNode(t.value.replace(/^(nodeID:\/\/|_:)/, ''));
    default:
      return literal(t.value, t['xml:lang'], t.datatype ?? XSD_STRING);
  }
}

/** A quad of an N-Triples answer, its literal normalised as in SPARQL JSON. */
function normaliseQuad(q: RDF.Quad): RDF.Quad {
  const o = q.object;
  if (o.termType !== 'Literal') return q;
  return DF.quad(q.subject, q.predicate, literal(o.value, o.language || undefined, o.datatype.value));
}

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

const header = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);

/**
 * Connections to Virtuoso kept open between queries. node:http rather than
 * fetch: about half a millisecond less CPU per query (profiled: undici's
 * streams and header objects), which is a good part of what we add to a query.
 */
const agent = new http.Agent({ keepAlive: true, keepAliveMsecs: 10_000, maxSockets: 16 });

/** POST a form to Virtuoso and read the whole answer. */
function post(url: URL, body: string, accept: string, timeoutMs: number): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        agent,
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept, 'content-length': Buffer.byteLength(body) },
        timeout: timeoutMs,
      },
      (res) => {
        const parts: Buffer[] = [];
        res.on('data', (d: Buffer) => parts.push(d));
        res.once('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(parts).toString('utf8') }));
        res.once('error', reject);
      },
    );
    req.once('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs / 1000} s`)));
    req.once('error', reject);
    req.end(body);
  });
}

/**
 * Literals of an N-Triples line that the embedded store gives otherwise (`literal` above): an integer
 * type, a boolean, a language tag with capitals. Anchored at the end of the line, where the object is.
 */
const RESHAPED = new RegExp(`(?:\\^\\^<(?:${[...INTEGER_TYPES, XSD_BOOLEAN].map((t) => t.replace(/[.]/g, '\\.')).join('|')})>|@[A-Za-z0-9-]*[A-Z][A-Za-z0-9-]*)[ \\t]*\\.[ \\t]*$`);
const lineWriter = new N3Writer({ format: 'N-Triples' });

/** One N-Triples line through the parser, its literal as `literal` gives it. */
function reshapedLine(line: string): string {
  const quads = new N3Parser({ format: 'N-Triples', blankNodePrefix: '' }).parse(line);
  return quads
    .map((q) => normaliseQuad(q))
    .map((q) => lineWriter.quadToString(q.subject, q.predicate, q.object))
    .join('');
}

/**
 * Virtuoso's N-Triples answer handed on as text, for a client that reads N-Triples lines (N-Triples,
 * N-Quads, Turtle, TriG): parsing the bench's 1,528 triples into terms and writing them again took
 * 1.7–2.4 ms, and some 110 ms on the first use in a process; this scan takes 0.2 ms. Every triple line is kept as Virtuoso wrote it (its \u escapes,
 * its blank node labels, which are one per node within the answer) except a line whose literal the
 * embedded store gives otherwise (RESHAPED), which goes through the parser; comment and blank lines
 * ("# Empty NT") are left out, so that the count is the number of triples, for the result cap.
 */
export function ntriplesAnswer(text: string): PushdownResult {
  let out: string | undefined; // the text as changed, once a line has had to change
  let triples = 0;
  for (let start = 0; start < text.length; ) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl + 1;
    const line = text.slice(start, end);
    const body = line.trim();
    let kept: string | undefined = line;
    if (body === '' || body.startsWith('#')) kept = undefined;
    else if (RESHAPED.test(body)) kept = reshapedLine(body);
    else if (nl < 0) kept = `${line}\n`;
    if (kept !== line) out ??= text.slice(0, start);
    if (out !== undefined && kept !== undefined) out += kept;
    if (kept !== undefined) triples++;
    start = end;
  }
  return { type: 'ntriples', text: out ?? text, triples };
}

/**
 * Virtuoso's answer (N-Triples for CONSTRUCT/DESCRIBE, SPARQL JSON otherwise) as the embedded store gives it;
 * with `graphText`, N-Triples as text (ntriplesAnswer).
 */
export function readAnswer(form: PushdownOptions['form'], text: string, graphText = false): PushdownResult {
  if (form === 'quads') {
    if (graphText) return ntriplesAnswer(text);
    const quads = new N3Parser({ format: 'N-Triples', blankNodePrefix: '' }).parse(text);
    return { type: 'quads', quads: quads.map(normaliseQuad) };
  }
  return jsonResult(JSON.parse(text) as JsonResults, form, fromVirtuosoJson);
}

/** What the texts sent to Virtuoso may take in memory together (SentTexts), and one of them at most. */
const SENT_TEXTS_CHARS = 4 * 1024 * 1024;
const SENT_TEXT_MAX_CHARS = 256 * 1024;

/**
 * The text sent to Virtuoso for each query text and dataset asked lately: a query evaluated again
 * (Cache-Control: no-cache, or an answer the result cache did not keep) is not parsed and written
 * again, which took 0.3–0.5 ms of CPU for a lookup (profiled; a quarter of the endpoint's own CPU
 * per evaluated query) and tens of ms when the text index narrows a search. virtuosoQuery is a
 * function of its arguments and the store's fixed `excluded` and text index, so a kept text is the
 * text it would make again. Oldest out first, bounded in characters.
 */
class SentTexts {
  private readonly texts = new Map<string, string>();
  private chars = 0;

  get(key: string): string | undefined {
    return this.texts.get(key);
  }

  set(key: string, text: string): void {
    const size = key.length + text.length;
    if (size > SENT_TEXT_MAX_CHARS || this.texts.has(key)) return;
    for (const [oldest, kept] of this.texts) {
      if (this.chars + size <= SENT_TEXTS_CHARS) break;
      this.texts.delete(oldest);
      this.chars -= oldest.length + kept.length;
    }
    this.texts.set(key, text);
    this.chars += size;
  }
}

function sentKey(sparql: string, options: PushdownOptions): string {
  const graphs = (list: readonly RDF.NamedNode[] | undefined) => (list ?? []).map((g) => g.value).join(' ');
  return `${options.form}\u0000${options.unionDefaultGraph}\u0000${graphs(options.dataset?.defaultGraphs)}\u0000${graphs(options.dataset?.namedGraphs)}\u0000${sparql}`;
}

export class VirtuosoStore implements SparqlPushdown {
  readonly label = 'virtuoso';

  private readonly excluded: string[];
  private readonly url: URL;
  private readonly sent = new SentTexts();

  /**
   * `textSearch`: the text index graph of the dump the database holds (runner.ts), narrowing
   * CONTAINS; `onQuery`: each query text as sent to Virtuoso (tests).
   */
  constructor(
    private readonly endpoint: VirtuosoEndpoint,
    private readonly textSearch?: TextNarrower,
    private readonly onQuery?: (text: string) => void,
  ) {
    this.excluded = [UNION_GRAPH, DEFAULT_GRAPH, NO_GRAPH, ...endpoint.systemGraphs];
    this.url = new URL(endpoint.url);
  }

  async query(sparql: string, options: PushdownOptions): Promise<PushdownResult> {
    const key = sentKey(sparql, options);
    let sent = this.sent.get(key);
    if (sent === undefined) {
      sent = virtuosoQuery(sparql, options, this.excluded, this.textSearch);
      this.sent.set(key, sent);
    }
    this.onQuery?.(sent);
    const body = new URLSearchParams({ query: sent });
    // Virtuoso stops a query at its own limit too (an "anytime" answer, marked by X-SQL-State).
    if (options.timeoutMs) body.set('timeout', String(Math.ceil(options.timeoutMs)));
    const accept = options.form === 'quads' ? 'application/n-triples' : 'application/sparql-results+json';
    let response: RawResponse;
    try {
      response = await post(this.url, body.toString(), accept, (options.timeoutMs ?? 30_000) + 5_000);
    } catch (err) {
      throw new QueryError(503, `the Virtuoso store does not answer: ${(err as Error).message}`);
    }
    const text = response.text;
    if (response.status < 200 || response.status > 299) {
      const message = text.replace(/\s+/g, ' ').trim().slice(0, 400);
      // Virtuoso's SPARQL compiler errors (SP030 syntax, SP031 …) are the query's fault.
      if (/\b(SP0\d\d|37000)\b/.test(message)) throw new QueryError(400, `the query was refused by the store: ${message}`);
      throw new QueryError(500, `query failed: Virtuoso answered ${response.status}: ${message}`);
    }
    const state = header(response.headers['x-sql-state']);
    if (state) {
      // S1TAT: the time limit cut the answer short; never hand on a partial answer as whole.
      if (state === 'S1TAT') throw new QueryError(503, 'the query ran longer than the time limit and was stopped');
      throw new QueryError(500, `query failed: Virtuoso ${state}: ${header(response.headers['x-sql-message']) ?? ''}`);
    }
    return readAnswer(options.form, text, options.graphText);
  }
}
