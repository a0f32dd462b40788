/**
 * A SPARQL 1.1 endpoint as a pushdown store: for federation (several
 * kamerstukken-ld servers, or a large store such as Virtuoso behind one of
 * them). Queries go out as POST application/sparql-query; results come back as
 * SPARQL JSON (SELECT/ASK) or N-Triples (CONSTRUCT/DESCRIBE).
 */
import type * as RDF from '@rdfjs/types';
import { DataFactory, Parser } from 'n3';
import type { PushdownOptions, PushdownResult } from './store.js';
import { jsonResult, type JsonResults, type JsonTerm } from './sparql-json.js';

export class SparqlEndpointStore {
  readonly size = Number.NaN;

  constructor(readonly label: string) {
    if (!/^https?:\/\//.test(label)) throw new Error(`federated endpoint must be an http(s) URL: got "${label}"`);
  }

  async query(sparql: string, options: PushdownOptions): Promise<PushdownResult> {
    const params = new URLSearchParams();
    for (const g of options.dataset?.defaultGraphs ?? []) params.append('default-graph-uri', g.value);
    for (const g of options.dataset?.namedGraphs ?? []) params.append('named-graph-uri', g.value);
    const url = params.size > 0 ? `${this.label}?${params.toString()}` : this.label;
    const accept = options.form === 'quads' ? 'application/n-triples' : 'application/sparql-results+json';
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/sparql-query', accept },
      body: sparql,
      signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${this.label} answered ${response.status}: ${text.slice(0, 300)}`);
    if (options.form === 'quads') return { type: 'quads', quads: new Parser({ format: 'N-Triples' }).parse(text) };
    return jsonResult(JSON.parse(text) as JsonResults, options.form, fromJson);
  }
}

function fromJson(t: JsonTerm): RDF.Term {
  switch (t.type) {
    case 'uri':
      return DataFactory.namedNode(t.value);
    case 'bnode':
      return DataFactory.blankNode(t.value);
    default:
      return t['xml:lang'] ? DataFactory.literal(t.value, t['xml:lang']) : DataFactory.literal(t.value, t.datatype ? DataFactory.namedNode(t.datatype) : undefined);
  }
}
