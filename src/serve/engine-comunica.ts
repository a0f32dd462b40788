/**
 * Queries that need Comunica: SERVICE clauses and federated endpoints. One
 * Comunica engine over pushdown sources (the local store first, then the
 * federated endpoints); results written with Comunica's serialisers, quads
 * with N3.js. Loaded on first use only (engine.ts).
 */
import { QueryEngine } from '@comunica/query-sparql-rdfjs';
import { KeysInitQuery, KeysQueryOperation } from '@comunica/context-entries';
import type { IQuerySourceWrapper } from '@comunica/types';
import { Algebra, AlgebraFactory, algebraUtils } from '@comunica/utils-algebra';
import { DataFactory } from 'rdf-data-factory';
import type * as RDF from '@rdfjs/types';
import { Readable } from 'node:stream';
import type { AsyncIterator } from 'asynciterator';
import { StreamWriter } from 'n3';
import { PREFIXES } from '../rdf/vocab.js';
import { serializerFor } from './negotiate.js';
import { KEY_PUSHDOWN, PushdownQuerySource, operationToSparql, type PushdownQuerySettings } from './source.js';
import { SparqlEndpointStore } from './remote-store.js';
import type { SparqlPushdown } from './store.js';
import { QueryError, asQueryError, protocolDataset, type CheckedQuery, type EngineOptions, type QueryRequest, type QueryResponse } from './engine.js';
import { writeRdfXml } from './results.js';

const DF = new DataFactory();
const AF = new AlgebraFactory(DF);

export class ComunicaRunner {
  private readonly engine = new QueryEngine();
  private readonly sources: IQuerySourceWrapper[];
  private readonly remotes = new Map<string, SparqlPushdown>();

  constructor(
    private readonly options: EngineOptions,
    readonly allowed: string[],
  ) {
    this.sources = options.stores.map((store) => ({ source: new PushdownQuerySource(store) }));
    for (const store of options.stores.slice(1)) this.remotes.set(store.label, store);
  }

  /**
   * SERVICE <u> { P }: P is evaluated at u on its own (SPARQL 1.1 Federated
   * Query §3) before the query runs, and the clause replaced by a VALUES block
   * of its solutions; the rest of the query then goes to the local store whole.
   * (The Comunica build for RDF/JS sources has no SPARQL-endpoint actor to do this.)
   */
  private async resolveServices(checked: CheckedQuery): Promise<Algebra.Operation> {
    const results = new Map<Algebra.Service, Algebra.Operation>();
    const services: Algebra.Service[] = [];
    algebraUtils.visitOperation(checked.operation, {
      [Algebra.Types.SERVICE]: {
        preVisitor: () => ({ continue: false }),
        visitor: (op: Algebra.Service) => {
          services.push(op);
          return false;
        },
      },
    });
    for (const service of services) {
      const url = service.name.value;
      let remote = this.remotes.get(url);
      if (!remote) {
        remote = new SparqlEndpointStore(url);
        this.remotes.set(url, remote);
      }
      const variables = algebraUtils.inScopeVariables(service.input);
      const query = operationToSparql(AF.createSlice(AF.createProject(service.input, variables), 0, this.options.maxResults + 1));
      let rows: Record<string, RDF.NamedNode | RDF.Literal>[];
      try {
        const result = await remote.query(query, { form: 'bindings', unionDefaultGraph: false, timeoutMs: this.options.timeoutMs });
        if (result.type !== 'bindings') throw new Error('expected solutions');
        if (result.solutions.length > this.options.maxResults) {
          throw new QueryError(502, `SERVICE <${url}> returned more than ${this.options.maxResults} solutions`);
        }
        rows = result.solutions.map((solution) => {
          const row: Record<string, RDF.NamedNode | RDF.Literal> = {};
          for (const [k, v] of solution) if (v.termType === 'NamedNode' || v.termType === 'Literal') row[k] = v;
          return row;
        });
      } catch (err) {
        if (!service.silent) {
          throw err instanceof QueryError ? err : new QueryError(502, `SERVICE <${url}> failed: ${(err as Error).message}`);
        }
        rows = [{}]; // SILENT: one empty solution
      }
      results.set(service, AF.createValues(variables, rows));
    }
    return algebraUtils.mapOperation(checked.operation, {
      [Algebra.Types.SERVICE]: {
        preVisitor: () => ({ continue: false }),
        transform: (_copy: Algebra.Service, orig: Algebra.Service) => results.get(orig) ?? orig,
      },
    });
  }
  /** Run a checked query whose format is negotiated; resolves once the result can start streaming. */
  async run(request: QueryRequest, checked: CheckedQuery, mediaType: string): Promise<QueryResponse> {
    const dataset = protocolDataset(request);
    // Comunica gets the algebra parsed by checkQuery (the same parser and options as
    // its own SPARQL parse actor): one parse per query instead of two.
    const query: Algebra.Operation = checked.services.length > 0 ? await this.resolveServices(checked) : checked.operation;
    const settings: PushdownQuerySettings = {
      dataset,
      wholeQuery: this.sources.length === 1,
      originalQuery: checked.services.length > 0 ? undefined : request.query,
      maxResults: this.options.maxResults,
      timeoutMs: this.options.timeoutMs,
      log: [],
    };
    const context: Record<string, unknown> = {
      [KeysQueryOperation.querySources.name]: this.sources,
      [KeysQueryOperation.readOnly.name]: true,
      [KEY_PUSHDOWN.name]: settings,
    };
    if (request.baseIRI) context[KeysInitQuery.baseIRI.name] = request.baseIRI;
    let result: Awaited<ReturnType<QueryEngine['query']>>;
    try {
      result = await this.engine.query(query as never, context as never);
    } catch (err) {
      throw asQueryError(err);
    }
    const cap = this.options.maxResults;
    let truncated = false;
    const capped = capResult(result, cap, () => {
      truncated = true;
    });
    let data: Readable;
    if (result.resultType === 'boolean' && serializerFor(mediaType) === 'application/sparql-results+xml') {
      // Comunica 5.4's XML writer asks a boolean result for metadata it does not have.
      const value = await result.execute().catch((err: unknown) => {
        throw asQueryError(err);
      });
      const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n  <head/>\n  <boolean>${value}</boolean>\n</sparql>\n`;
      return { mediaType, form: checked.form, data: Readable.from([xml]), truncated: () => false, pushedDown: settings.log ?? [] };
    }
    try {
      data =
        capped.resultType === 'quads' && mediaType === 'application/rdf+xml'
          ? Readable.from(writeRdfXml(await ((await capped.execute()) as unknown as AsyncIterator<RDF.Quad>).toArray()))
          : capped.resultType === 'quads' && N3_FORMATS.has(mediaType)
            ? writeQuads((await capped.execute()) as unknown as AsyncIterator<RDF.Quad>, mediaType)
            : ((await this.engine.resultToString(capped as never, serializerFor(mediaType))).data as Readable);
    } catch (err) {
      throw asQueryError(err);
    }
    if (serializerFor(mediaType) === 'application/sparql-results+json') data = stripJsonMetadata(data);
    return { mediaType, form: checked.form, data, truncated: () => truncated, pushedDown: settings.log ?? [] };
  }
}

/** Quad formats written with N3.js's stream writer: some ten times faster than Comunica's serialisers (measured: 1,500 triples as N-Triples in ~3 ms against ~26 ms). */
const N3_FORMATS = new Set(['text/turtle', 'application/n-triples', 'application/n-quads', 'application/trig']);

/**
 * Stream quads out in an RDF syntax; triples-only syntaxes drop the graph, as
 * CONSTRUCT results have none. The iterator is read in flowing mode ('data'
 * events) rather than with for-await, which costs a promise per quad.
 */
function writeQuads(quads: AsyncIterator<RDF.Quad>, mediaType: string): Readable {
  const writer = new StreamWriter({ format: mediaType, prefixes: mediaType === 'text/turtle' || mediaType === 'application/trig' ? PREFIXES : {} });
  quads.on('data', (quad: RDF.Quad) => writer.write(quad));
  quads.on('end', () => writer.end());
  quads.on('error', (err: Error) => writer.destroy(err));
  return writer;
}

type FinalResult = Awaited<ReturnType<QueryEngine['query']>>;

/** Wrap a Comunica result so that its stream stops after `cap` items, noting when more were there. */
function capResult(result: FinalResult, cap: number, onTruncate: () => void): FinalResult {
  if (result.resultType !== 'bindings' && result.resultType !== 'quads') return result;
  const execute = result.execute.bind(result);
  return Object.assign(Object.create(Object.getPrototypeOf(result) as object) as object, result, {
    execute: async () => {
      // map() rather than take(): asynciterator's take() never ends on an empty
      // source inside Comunica's serialisers (Comunica 5.4 / asynciterator 3.10).
      const stream = (await execute()) as unknown as { map<T>(f: (x: T) => T | null): unknown };
      let n = 0;
      return stream.map((item: unknown) => {
        n++;
        if (n > cap) {
          onTruncate();
          return null;
        }
        return item;
      });
    },
  });
}

/**
 * Comunica's SPARQL JSON writer appends a non-standard "metadata" member in its
 * last chunk; strict clients reject it. Rewrite that one chunk.
 */
function stripJsonMetadata(data: Readable): Readable {
  const TAIL = /,\n"metadata": \{ "httpRequests": \d+ \}\}\n$/;
  return data.map((chunk: Buffer | string) => {
    const s = typeof chunk === 'string' ? chunk : chunk.toString('utf8');
    return TAIL.test(s) ? s.replace(TAIL, '}\n') : s;
  });
}
