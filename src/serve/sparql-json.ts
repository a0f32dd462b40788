/** The SPARQL 1.1 Query Results JSON Format, as the remote stores (a federated endpoint, Virtuoso) answer in it. */
import type { Term } from '@rdfjs/types';
import type { PushdownResult, Solution } from './store.js';

export interface JsonTerm {
  type: 'uri' | 'literal' | 'typed-literal' | 'bnode';
  value: string;
  'xml:lang'?: string;
  datatype?: string;
}

export interface JsonResults {
  head?: { vars?: string[] };
  boolean?: boolean;
  results?: { bindings: Record<string, JsonTerm>[] };
}

/**
 * A remote store's JSON answer to an ASK or SELECT as the store interface's result; `term` turns a JSON term into
 * an RDF/JS term (each remote store has its own rules for blank nodes and datatypes).
 */
export function jsonResult(json: JsonResults, form: 'boolean' | 'bindings', term: (t: JsonTerm) => Term): PushdownResult {
  if (form === 'boolean') return { type: 'boolean', value: json.boolean === true };
  const solutions: Solution[] = (json.results?.bindings ?? []).map((row) => {
    const m: Solution = new Map();
    for (const [k, v] of Object.entries(row)) m.set(k, term(v));
    return m;
  });
  return { type: 'bindings', solutions };
}
