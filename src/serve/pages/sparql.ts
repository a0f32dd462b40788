/**
 * The pages' access to the data: SELECT and CONSTRUCT through the server's
 * query pool (the same store and limits as /sparql). Pages render from what
 * these return, never from the document model: the data is the contract.
 */
import type { Quad } from '@rdfjs/types';
import { Parser as N3Parser } from 'n3';
import { KldError } from '../../errors.js';
import { collect, type QueryRunner } from '../context.js';

export interface Binding {
  type: 'uri' | 'literal' | 'bnode' | 'triple';
  value: string;
  'xml:lang'?: string;
  datatype?: string;
}
export type Row = Record<string, Binding | undefined>;

/** A query the page needed failed (timeout, overload): the status to answer with. */
export class PageQueryError extends KldError {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super('query', message);
  }
}

export async function select(pool: QueryRunner, query: string): Promise<Row[]> {
  const r = await collect(pool, query, 'application/sparql-results+json');
  if (r.status !== 200) throw new PageQueryError(r.status, r.message ?? 'query failed');
  const json = JSON.parse(r.body) as { results?: { bindings?: Row[] } };
  return json.results?.bindings ?? [];
}

export async function construct(pool: QueryRunner, query: string): Promise<Quad[]> {
  const r = await collect(pool, query, 'application/n-triples');
  if (r.status !== 200) throw new PageQueryError(r.status, r.message ?? 'query failed');
  return new N3Parser({ format: 'N-Triples' }).parse(r.body);
}

/** An IRI as a SPARQL term; refuses what could break out of <…>. */
export function iri(value: string): string {
  if (/[\s<>"{}|\\^`]/.test(value)) throw new PageQueryError(400, `not a valid IRI: ${value}`);
  return `<${value}>`;
}

/** A string as a SPARQL literal. */
export function str(value: string): string {
  return JSON.stringify(value);
}

/** The number in a binding, or undefined. */
export function num(b: Binding | undefined): number | undefined {
  if (!b) return undefined;
  const n = Number(b.value);
  return Number.isFinite(n) ? n : undefined;
}
