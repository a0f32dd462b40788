/**
 * N-Quads lines: one quad per line, in a fixed order, so that the same data
 * always gives the same bytes. Documents are sorted graph by graph (each
 * document's graph is small); the corpus file is those graphs concatenated in
 * graph-IRI order, written as a stream and never held as one string.
 */
import type { Quad, Quad_Graph } from '@rdfjs/types';
import { Writer } from 'n3';

const lineWriter = new Writer({ format: 'N-Quads' });

/** One quad as one N-Quads line (with its trailing newline). */
export function quadLine(quad: Quad, graph: Quad_Graph = quad.graph): string {
  return lineWriter.quadToString(quad.subject, quad.predicate, quad.object, graph);
}

/** Code-unit order: the same in every locale and every Node version. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Order for people: digit runs compare as numbers ("blok/2" before "blok/10"),
 * the rest by code unit. Deterministic; ties fall back to plain string order.
 */
export function compareNatural(a: string, b: string): number {
  const re = /(\d+)|(\D+)/g;
  const xs = a.match(re) ?? [];
  const ys = b.match(re) ?? [];
  for (let i = 0; i < Math.min(xs.length, ys.length); i++) {
    const x = xs[i] ?? ''; // i < both lengths
    const y = ys[i] ?? '';
    if (x === y) continue;
    const dx = /^\d/.test(x);
    const dy = /^\d/.test(y);
    if (dx && dy) {
      const diff = x.replace(/^0+/, '').length - y.replace(/^0+/, '').length || compareStrings(x.replace(/^0+/, ''), y.replace(/^0+/, ''));
      if (diff !== 0) return diff;
    }
    return compareStrings(x, y) || 0;
  }
  return xs.length - ys.length || compareStrings(a, b);
}

/** Sorted, de-duplicated N-Quads lines of a set of quads. */
export function sortedLines(quads: Iterable<Quad>): string[] {
  const lines = [...new Set(Array.from(quads, (q) => quadLine(q)))];
  return lines.sort(compareStrings);
}

/** Refuse blank nodes: they make dumps non-deterministic and unlinkable. */
export function assertNoBlankNodes(quads: Iterable<Quad>, where: string): void {
  for (const q of quads) {
    for (const term of [q.subject, q.object, q.graph]) {
      if (term.termType === 'BlankNode') {
        throw new Error(`${where}: blank node _:${term.value} in ${quadLine(q).trim()}; published data must use IRIs (mint one in src/rdf/iris.ts)`);
      }
    }
  }
}
