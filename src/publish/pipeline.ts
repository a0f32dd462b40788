/**
 * What the build runs on each document, behind one interface so that the
 * build does not care where the steps come from (tests inject their own):
 * ingest → quads → validation, plus the inputs shared by every document
 * (ontology, shapes, gazetteer), each loaded once per build.
 *
 * The pipeline version keys the incremental cache: the package version and a
 * hash of every file that shapes the output (ontology, shapes, gazetteer, and
 * the code of ingest, extraction, mapping, validation and publication), so a
 * changed rule or shape re-processes every document without --force.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Quad } from '@rdfjs/types';
import { DataFactory } from 'n3';
import type { DocumentModel } from '../model.js';
import { packageRoot } from '../package.js';
import type { IriMinter } from '../rdf/iris.js';

export interface DocumentValidation {
  /** Number of SHACL results (any severity). */
  violations: number;
  /** The report as RDF (IRIs only). */
  reportQuads: Quad[];
  /** The report for people ('' when it conforms). */
  text: string;
}

export interface Pipeline {
  readonly minter: IriMinter;
  /** Changes whenever anything that shapes the output changes. */
  readonly version: string;
  readDocument(file: string): Promise<DocumentModel>;
  /** The document's quads, in graph minter.graph(doc.id). */
  toQuads(doc: DocumentModel): Quad[];
  validate(quads: readonly Quad[]): Promise<DocumentValidation>;
  ontology(): readonly Quad[];
  shapes(): readonly Quad[];
  /** The gazetteer's concepts, in their own named graph (minter.gazetteerGraph()). */
  gazetteer(): readonly Quad[];
  /** Human documentation of the ontology, or null when this build has none. */
  ontologyHtml(): string | null;
}

/** Data files whose content shapes the output (relative to the package root). */
const DATA_DIRS = ['ontology', 'shapes'];
/** Code that does not shape the output. */
const CODE_EXCLUDED = new Set(['serve', 'commands']);

function listFiles(dir: string, exclude: ReadonlySet<string> = new Set()): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (exclude.has(name)) continue;
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...listFiles(full));
    else if (!name.endsWith('.map') && !name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

/** The pipeline version of the code that is running (src/ under vitest, dist/src/ from the CLI). */
export function pipelineVersion(): string {
  const root = packageRoot();
  const hash = createHash('sha256');
  const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version?: string };
  hash.update(`kamerstukken-ld ${manifest.version ?? '0'}\n`);
  const codeRoot = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
  const files = [...DATA_DIRS.flatMap((d) => listFiles(path.join(root, d))), ...listFiles(codeRoot, CODE_EXCLUDED)];
  for (const f of files) {
    hash.update(`${path.relative(root, f)}\n`);
    hash.update(readFileSync(f));
  }
  return `${manifest.version ?? '0'}+${hash.digest('hex').slice(0, 16)}`;
}

/** Put quads into one named graph. */
export function inGraph(quads: readonly Quad[], graph: Quad['graph']): Quad[] {
  return quads.map((q) => DataFactory.quad(q.subject, q.predicate, q.object, graph));
}

/** The real pipeline: the project's ingest, mapping, validator and gazetteer. */
export async function loadPipeline(minter: IriMinter): Promise<Pipeline> {
  const [{ readDocument }, { documentToQuads }, { loadOntology }, validate, { loadShapes }, gazetteerModule, { ontologyHtml }] = await Promise.all([
    import('../read.js'),
    import('../rdf/mapping.js'),
    import('../rdf/ontology.js'),
    import('../validate/index.js'),
    import('../validate/shapes.js'),
    import('../extract/gazetteer.js'),
    import('../rdf/ontology-doc.js'),
  ]);
  const validator = await validate.Validator.load(minter);
  const ontology = loadOntology(minter);
  const shapes = loadShapes(minter);
  const gazetteer = inGraph(gazetteerModule.Gazetteer.load(minter).quads(), minter.gazetteerGraph());
  return {
    minter,
    version: pipelineVersion(),
    readDocument,
    toQuads: (doc) => documentToQuads(doc, minter),
    async validate(quads) {
      const report = await validator.validate(quads);
      return {
        violations: report.violations.length,
        reportQuads: report.reportQuads,
        text: report.conforms ? '' : validate.formatReport(report),
      };
    },
    ontology: () => ontology,
    shapes: () => shapes,
    gazetteer: () => gazetteer,
    ontologyHtml: () => ontologyHtml(minter),
  };
}
