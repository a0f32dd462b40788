/**
 * Queries on the Virtuoso store run in the HTTP thread, not in worker threads.
 *
 * A worker thread is there to hold an in-process store and to be ended when
 * the store overruns (Oxigraph cannot be interrupted). On Virtuoso the work is
 * done in another process that keeps its own time limit, and a query here is
 * a parse, a request over loopback and the writing of the answer: the worker
 * hop (two messages, two thread wake-ups) was a good part of what the endpoint
 * added to a query, and each worker's start (its modules, about half a second
 * of CPU) competed with the first queries. Measured in `npm run bench`.
 *
 * Kept from the pool: at most `concurrency` queries at a time at Virtuoso, a
 * bounded queue with a time limit (503 when full or too long), cancellation
 * of a query still waiting, the same handlers protocol (head, chunk, end,
 * error), and an answer written in slices so that a large one does not hold
 * up the other connections.
 */
import { Engine, QueryError, type QueryRequest } from '../engine.js';
import type { PushdownOptions, PushdownResult, SparqlPushdown } from '../store.js';
import type { PoolStatus, QueryHandlers } from '../pool.js';
import { POOL_DEFAULTS } from '../pool.js';
import { VirtuosoStore, readAnswer, untilAnswering, virtuosoQuery, type VirtuosoEndpoint } from './store.js';
import { TokenGraphSearch, loadedTextGraph } from './text-search.js';
import { readVocabulary } from './text-graph.js';

/**
 * Query shapes run through the whole query path while Virtuoso starts (check,
 * rewriting for Virtuoso, reading Virtuoso's JSON and N-Triples, writing the
 * answer in the formats clients ask most), against a stand-in store: the first
 * use of each code path costs some 10–20 ms of compiling, which would
 * otherwise fall on the first queries (measured: the endpoint's cold figures in
 * `npm run bench` were 40–90 ms above bare Virtuoso's).
 */
const WARM_UP: [query: string, accept: string][] = [
  ['PREFIX ex: <urn:x:> SELECT ?s ?o WHERE { <urn:x:s> ?p ?o . ?s ex:q ?o FILTER(CONTAINS(?o, "w")) }', 'application/sparql-results+json'],
  ['PREFIX ex: <urn:x:> SELECT ?s ?o WHERE { ?s ex:p ?o ; ex:q <urn:x:o> . ?o ex:r ?x } ORDER BY ?s LIMIT 10', 'application/sparql-results+json'],
  ['PREFIX ex: <urn:x:> SELECT ?s (COUNT(?o) AS ?n) WHERE { ?s ex:p ?o } GROUP BY ?s ORDER BY DESC(?n) ?s LIMIT 10', 'application/sparql-results+json'],
  ['SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g', 'text/csv'],
  ['CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <urn:x:g> { ?s ?p ?o } }', 'application/n-triples'],
  ['CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <urn:x:g> { ?s ?p ?o } }', 'text/turtle'],
  ['DESCRIBE <urn:x:s>', 'application/ld+json'],
  ['ASK { ?s ?p ?o }', 'application/sparql-results+json'],
];

const SAMPLE_JSON = JSON.stringify({
  head: { vars: ['s', 'o', 'n'] },
  results: {
    bindings: [
      { s: { type: 'uri', value: 'urn:x:s' }, o: { type: 'literal', value: 'w', 'xml:lang': 'nl' }, n: { type: 'typed-literal', value: '3', datatype: 'http://www.w3.org/2001/XMLSchema#int' } },
      { s: { type: 'bnode', value: 'nodeID://b1' }, o: { type: 'literal', value: 'v' }, n: { type: 'typed-literal', value: '1', datatype: 'http://www.w3.org/2001/XMLSchema#boolean' } },
    ],
  },
});
const SAMPLE_NT = '<urn:x:s> <urn:x:p> "w"@nl .\n<urn:x:s> <urn:x:q> "3"^^<http://www.w3.org/2001/XMLSchema#int> .\n_:b1 <urn:x:p> <urn:x:o> .\n';

/** Answers like Virtuoso's, through the same readers (VirtuosoStore's), without a server. */
class StandIn implements SparqlPushdown {
  readonly label = 'warm-up';
  query(sparql: string, options: PushdownOptions): Promise<PushdownResult> {
    virtuosoQuery(sparql, options, ['urn:x:none']);
    return Promise.resolve(readAnswer(options.form, options.form === 'quads' ? SAMPLE_NT : options.form === 'boolean' ? '{"head":{},"boolean":true}' : SAMPLE_JSON, options.graphText));
  }
}

export async function warmUp(): Promise<void> {
  const engine = new Engine({ stores: [new StandIn()], maxResults: 1000, timeoutMs: 1000, allowedServices: [] });
  for (const [query, accept] of WARM_UP) {
    const response = await engine.run({ query, accept, baseIRI: 'http://localhost/sparql' });
    for await (const _ of response.data as AsyncIterable<unknown>);
  }
}

export interface VirtuosoRunnerOptions {
  endpoint: VirtuosoEndpoint;
  maxResults: number;
  timeoutMs: number;
  allowedServices: string[];
  /** Queries at Virtuoso at once (serve --workers; default 2). */
  concurrency: number;
  queueLimit?: number;
  queueTimeoutMs?: number;
  /**
   * Narrow CONTAINS on the text predicates through the database's text index graph (text-search.ts),
   * while the load state says it was made from the dump the database holds (default true). Without
   * `endpoint.dir`, or with false, CONTAINS goes to Virtuoso as written.
   */
  textIndex?: boolean;
  /** Each query text as sent to Virtuoso (tests: shows the text index at work). */
  onVirtuosoQuery?: (text: string) => void;
}

/** The text index graph for one dump: its tokens undefined until read (or when there are none for that dump). */
interface DumpIndex {
  /** "dump graph" (text-search.ts loadedTextGraph). */
  dump: string;
  engine?: Engine;
  search?: TokenGraphSearch;
  read: Promise<void>;
}

interface Job {
  request: QueryRequest;
  handlers: QueryHandlers;
  cancelled: boolean;
  timer?: NodeJS.Timeout;
}

/** Chunks written before giving the other connections a turn. */
const SLICE = 64;
const RETRY_AFTER_S = '5';

export class VirtuosoRunner {
  /** CONTAINS as written (no text index for the dump Virtuoso holds, or not read yet). */
  private readonly engine: Engine;
  private readonly heldDump?: () => string | undefined;
  private textIndex?: DumpIndex;
  private readonly queue: Job[] = [];
  private active = 0;
  private ready = false;
  private fatal?: string;
  private closed = false;
  private readonly started = performance.now();
  private firstReadyMs?: number;
  private readonly online: Promise<void>;
  private readonly queueLimit: number;
  private readonly queueTimeoutMs: number;

  constructor(private readonly options: VirtuosoRunnerOptions) {
    this.engine = this.newEngine();
    if (options.textIndex !== false && options.endpoint.dir !== undefined) {
      // The index is in the database; the endpoint reads only its tokens (text-tokens.json), once Virtuoso
      // answers. Until then, CONTAINS goes to Virtuoso as written.
      this.heldDump = loadedTextGraph(options.endpoint.dir);
    }
    this.queueLimit = options.queueLimit ?? POOL_DEFAULTS.queueLimit;
    this.queueTimeoutMs = options.queueTimeoutMs ?? POOL_DEFAULTS.queueTimeoutMs;
    // Virtuoso may still be starting (serve starts it beside the endpoint): queries wait in the queue.
    this.online = (options.endpoint.online ?? untilAnswering(options.endpoint.url)).then(
      () => {
        this.ready = true;
        this.firstReadyMs = performance.now() - this.started;
        this.dispatch();
        if (this.heldDump) setImmediate(() => void this.textIndexReady());
      },
      (err: unknown) => {
        this.fatal = (err as Error).message;
        for (const job of this.queue.splice(0)) this.fail(job, 503, `the store is not available: ${this.fatal}`);
        throw err;
      },
    );
    this.online.catch(() => {}); // reported through whenReady()
    // Only a warm-up: a failure here changes nothing for real queries.
    setImmediate(() => void warmUp().catch(() => {})).unref();
  }

  whenReady(): Promise<void> {
    return this.online;
  }

  /** The text search is the store's (a join with the index graph, in Virtuoso's query text), not the engine's (VALUES). */
  private newEngine(textSearch?: TokenGraphSearch): Engine {
    const store = new VirtuosoStore(this.options.endpoint, textSearch, this.options.onVirtuosoQuery);
    return new Engine({ stores: [store], maxResults: this.options.maxResults, timeoutMs: this.options.timeoutMs, allowedServices: this.options.allowedServices });
  }

  /**
   * The engine for the dump the database holds now (its load state, one stat per query): with that
   * dump's index graph once its tokens are read. A load that changes the dump changes the tokens read
   * (one store and engine per dump); while a load is under way, none.
   */
  private textIndexFor(dump: string | undefined): DumpIndex | undefined {
    const dir = this.options.endpoint.dir;
    if (dump === undefined || dir === undefined) return undefined;
    if (this.textIndex?.dump === dump) return this.textIndex;
    const entry: DumpIndex = { dump, read: Promise.resolve() };
    const [sha256 = '', graph = ''] = dump.split(' ');
    entry.read = readVocabulary(dir, sha256, graph).then((vocabulary) => {
      if (!vocabulary) return; // no tokens for that graph: CONTAINS as written
      entry.search = new TokenGraphSearch(vocabulary);
      entry.engine = this.newEngine(entry.search);
    });
    this.textIndex = entry;
    return entry;
  }

  private engineFor(request: QueryRequest): Engine {
    if (!this.heldDump || !/contains/i.test(request.query)) return this.engine;
    return this.textIndexFor(this.heldDump())?.engine ?? this.engine;
  }

  /**
   * Reads the text index for the dump the database holds, if not yet done; resolves once it is read (or
   * found missing): whether there is one. Queries do not wait for it.
   */
  async textIndexReady(): Promise<boolean> {
    const entry = this.heldDump ? this.textIndexFor(this.heldDump()) : undefined;
    await entry?.read;
    return entry?.engine !== undefined;
  }

  /** Queries the text index has narrowed so far (for the dump held now). */
  get textSearches(): number {
    return this.textIndex?.search?.narrowed ?? 0;
  }

  status(): PoolStatus {
    const n = Math.max(1, this.options.concurrency);
    return {
      workers: n,
      ready: this.ready ? n : 0,
      busy: this.active,
      queued: this.queue.length,
      spareReady: false,
      quads: this.options.endpoint.quads,
      restarts: 0,
      replaced: {},
      firstReadyMs: this.firstReadyMs,
    };
  }

  run(request: QueryRequest, handlers: QueryHandlers): () => void {
    const job: Job = { request, handlers, cancelled: false };
    if (this.fatal) {
      this.fail(job, 503, `the store is not available: ${this.fatal}`);
      return () => {};
    }
    if (this.queue.length >= this.queueLimit) {
      this.fail(job, 503, `the server is busy: ${this.queue.length} queries are already waiting; try again shortly`, { 'retry-after': RETRY_AFTER_S });
      return () => {};
    }
    job.timer = setTimeout(() => {
      const i = this.queue.indexOf(job);
      if (i < 0) return;
      this.queue.splice(i, 1);
      this.fail(job, 503, `the server is busy: no query slot became free within ${this.queueTimeoutMs / 1000} s; try again shortly`, { 'retry-after': RETRY_AFTER_S });
    }, this.queueTimeoutMs);
    this.queue.push(job);
    this.dispatch();
    return () => {
      // A query already at Virtuoso runs to its end there (bounded by the time limit); its answer is dropped.
      job.cancelled = true;
      const i = this.queue.indexOf(job);
      if (i >= 0) {
        this.queue.splice(i, 1);
        clearTimeout(job.timer);
      }
    };
  }

  close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) {
      clearTimeout(job.timer);
      job.cancelled = true;
    }
    return Promise.resolve();
  }

  private dispatch(): void {
    while (this.ready && !this.closed && this.active < Math.max(1, this.options.concurrency)) {
      const job = this.queue.shift();
      if (!job) return;
      clearTimeout(job.timer);
      this.active++;
      void this.answer(job).finally(() => {
        this.active--;
        this.dispatch();
      });
    }
  }

  private async answer(job: Job): Promise<void> {
    let headSent = false;
    try {
      const response = await this.engineFor(job.request).run(job.request);
      if (job.cancelled) return;
      const chunks: string[] = [];
      for await (const chunk of response.data) chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
      if (job.cancelled) return;
      const truncated = response.truncated();
      headSent = true;
      job.handlers.head(response.mediaType, truncated, { form: response.form });
      for (let i = 0; i < chunks.length; i++) {
        if (job.cancelled) return;
        job.handlers.chunk(chunks[i] ?? '');
        if (i % SLICE === SLICE - 1) await new Promise<void>((r) => setImmediate(r));
      }
      job.handlers.end(truncated);
    } catch (err) {
      if (job.cancelled) return;
      if (err instanceof QueryError) job.handlers.error(err.status, err.message, headSent, err.headers);
      else job.handlers.error(500, `query failed: ${String((err as Error)?.message ?? err).split('\n')[0]}`, headSent);
    }
  }

  private fail(job: Job, status: number, message: string, headers?: Record<string, string>): void {
    clearTimeout(job.timer);
    job.handlers.error(status, message, false, headers);
  }
}
