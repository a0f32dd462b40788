/**
 * The build's SHACL report (output/shacl-report.ttl): one sh:ValidationReport
 * for the whole build, holding the results of every graph validated. The
 * validator already names results with skolem IRIs (no blank nodes); here the
 * per-document reports are merged under one report node whose dcterms:subject
 * lists every graph that was validated, published or not.
 */
import { createHash } from 'node:crypto';
import type { Quad } from '@rdfjs/types';
import { DataFactory, Parser } from 'n3';
import type { IriMinter } from '../rdf/iris.js';
import { dcterms, rdf, sh, xsd } from '../rdf/vocab.js';
import { quadLine, sortedLines } from './nquads.js';

const { quad, literal, namedNode } = DataFactory;

/** The result part of one document's report (everything but the report node's own triples), as N-Triples lines. */
export function resultLines(reportQuads: readonly Quad[]): string[] {
  const reports = new Set(reportQuads.filter((q) => q.predicate.equals(rdf('type')) && q.object.equals(sh('ValidationReport'))).map((q) => q.subject.value));
  const kept = reportQuads.filter((q) => !reports.has(q.subject.value));
  const results = reportQuads.filter((q) => reports.has(q.subject.value) && q.predicate.equals(sh('result'))).map((q) => q.object.value);
  // The link report → result is re-made under the build's report; keep a marker line per result.
  return [...sortedLines(kept.map((q) => quad(q.subject, q.predicate, q.object))), ...results.map((r) => `#result <${r}>\n`)];
}

/** The build's report as quads (default graph), from the stored result lines of every validated graph. */
export function buildReport(minter: IriMinter, results: readonly string[][], graphs: readonly string[]): Quad[] {
  const sortedGraphs = [...graphs].sort();
  const report = minter.skolem(`shacl-report-build-${createHash('sha256').update(sortedGraphs.join('\n')).digest('hex').slice(0, 32)}`);
  const parser = new Parser({ format: 'N-Triples' });
  const out: Quad[] = [quad(report, rdf('type'), sh('ValidationReport'))];
  let count = 0;
  for (const lines of results) {
    const data: string[] = [];
    for (const line of lines) {
      const marker = /^#result <([^>]+)>$/.exec(line.trim());
      if (marker?.[1] !== undefined) {
        out.push(quad(report, sh('result'), namedNode(marker[1])));
        count++;
      } else data.push(line);
    }
    out.push(...(parser.parse(data.join('')) as Quad[]));
  }
  out.push(quad(report, sh('conforms'), literal(String(count === 0), xsd('boolean'))));
  for (const g of sortedGraphs) out.push(quad(report, dcterms('subject'), namedNode(g)));
  // Sorted and de-duplicated: the same findings give the same bytes.
  const seen = new Set<string>();
  return out
    .map((q) => [quadLine(q), q] as const)
    .filter(([line]) => (seen.has(line) ? false : (seen.add(line), true)))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, q]) => q);
}
