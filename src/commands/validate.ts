/**
 * `kamerstukken-ld validate FILE`: check an RDF file (N-Quads, N-Triples, Turtle,
 * TriG; optionally gzipped) against the SHACL shapes, one named graph at a time
 * (as the build does: one graph per document). Exits 1 with a readable report
 * naming the file, the document, the focus node, the path and the value when
 * anything violates; 0 when all graphs conform.
 */
import { createReadStream, existsSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import type { Quad } from '@rdfjs/types';
import { StreamParser, Writer } from 'n3';
import { InputError, UsageError } from '../errors.js';
import { readArgs } from './args.js';
import { DEFAULT_BASE, IriMinter } from '../rdf/iris.js';
import { PREFIXES } from '../rdf/vocab.js';
import { Validator, formatReport, type ValidationReport } from '../validate/index.js';

export const summary = 'check an RDF file against the SHACL shapes; non-zero exit on any violation';

export const usage = `Usage: kamerstukken-ld validate FILE [--base IRI] [--report FILE.ttl]

Validates FILE (.nq, .nt, .ttl, .trig, optionally .gz) against shapes/kamerstukken.ttl,
each named graph separately (one document per graph), with the ontology's class hierarchy.

Options:
  --base IRI         base IRI of the dataset (default ${DEFAULT_BASE})
  --report FILE.ttl  also write the full SHACL report as Turtle

Exit status: 0 when every graph conforms, 1 on violations or unreadable input, 2 on usage errors.`;

/** Media type for n3's parser, by file extension. */
export function formatOf(file: string): string {
  const name = file.replace(/\.gz$/, '');
  if (name.endsWith('.nq')) return 'application/n-quads';
  if (name.endsWith('.nt')) return 'application/n-triples';
  if (name.endsWith('.trig')) return 'application/trig';
  if (name.endsWith('.ttl')) return 'text/turtle';
  throw new UsageError(`${file}: unknown RDF format (expected .nq, .nt, .ttl or .trig, optionally .gz)`);
}

/** All quads of a file, grouped by graph (default graph under ""), graphs in sorted order. */
export async function readGraphs(file: string, base: string): Promise<Map<string, Quad[]>> {
  const graphs = new Map<string, Quad[]>();
  const parser = new StreamParser({ format: formatOf(file), baseIRI: base });
  parser.on('data', (q: Quad) => {
    const list = graphs.get(q.graph.value);
    if (list === undefined) graphs.set(q.graph.value, [q]);
    else list.push(q);
  });
  const source = createReadStream(file);
  try {
    if (file.endsWith('.gz')) await pipeline(source, createGunzip(), parser);
    else await pipeline(source, parser);
  } catch (err) {
    throw new Error(`${file}: cannot read RDF: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
  return new Map([...graphs].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Validate every graph of a file; the reports in graph order. */
export async function validateFile(file: string, minter: IriMinter): Promise<{ graphs: number; quads: number; reports: ValidationReport[] }> {
  const graphs = await readGraphs(file, minter.base);
  const validator = await Validator.load(minter);
  const reports: ValidationReport[] = [];
  let quads = 0;
  for (const data of graphs.values()) {
    quads += data.length;
    reports.push(await validator.validate(data));
  }
  return { graphs: graphs.size, quads, reports };
}

export async function run(argv: string[]): Promise<number> {
  const opts: { base: string; reportFile?: string } = { base: DEFAULT_BASE };
  const args = readArgs(argv, { '--base': (o) => (opts.base = o.value()), '--report': (o) => (opts.reportFile = o.value()) });
  const { base, reportFile } = opts;
  const [file] = args;
  if (file === undefined || args.length !== 1) throw new UsageError('give exactly one FILE to validate');
  if (!existsSync(file)) throw new InputError(`${file}: no such file`);
  formatOf(file);
  let minter: IriMinter;
  try {
    minter = new IriMinter(base);
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }

  let result: Awaited<ReturnType<typeof validateFile>>;
  try {
    result = await validateFile(file, minter);
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    return 1;
  }
  const violations = result.reports.flatMap((r) => r.violations);
  if (reportFile !== undefined) writeReport(reportFile, result.reports, minter);
  const where = `${basename(file)}: ${result.quads} quads in ${result.graphs} graph${result.graphs === 1 ? '' : 's'}`;
  if (violations.length === 0) {
    console.log(`${where}: conforms to the shapes.`);
    return 0;
  }
  const combined: ValidationReport = { conforms: false, violations, reportQuads: [] };
  console.error(`${file}: does not conform (${where}).\n${formatReport(combined)}`);
  return 1;
}

function writeReport(file: string, reports: readonly ValidationReport[], minter: IriMinter): void {
  const writer = new Writer({ format: 'text/turtle', prefixes: { ...PREFIXES, kld: minter.ontology, kldsh: `${minter.base}shapes#` } });
  for (const r of reports) writer.addQuads(r.reportQuads);
  writer.end((err: Error | null, text: string) => {
    if (err) throw err;
    writeFileSync(file, text);
  });
}
