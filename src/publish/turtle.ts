/**
 * Turtle for one document's triples (documents/{id}.ttl): the graph's quads,
 * already sorted, written without their graph name with the usual prefixes.
 * Sorted input makes n3's Writer group each subject's triples with ";".
 */
import type { Quad } from '@rdfjs/types';
import { DataFactory, Writer } from 'n3';

export function documentTurtle(sortedQuads: readonly Quad[], prefixes: Record<string, string>, header = ''): Promise<string> {
  const writer = new Writer({ format: 'text/turtle', prefixes });
  for (const q of sortedQuads) writer.addQuad(q.subject, q.predicate, q.object, DataFactory.defaultGraph());
  return new Promise((resolve, reject) => {
    writer.end((err: Error | null, result: string) => (err ? reject(err) : resolve(header + result)));
  });
}
