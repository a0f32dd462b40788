/**
 * `kamerstukken-ld build`: corpus → RDF → SHACL → dumps and dataset description
 * in output/ (see src/publish/build.ts for what is written and the failure policy).
 */
import { existsSync, statSync } from 'node:fs';
import { InputError, UsageError } from '../errors.js';
import { buildCorpus, type BuildOptions } from '../publish/build.js';
import { readArgs } from './args.js';

export const summary = 'build the corpus into output/: JSON-LD, Turtle, N-Quads (+gzip), SHACL report, DCAT/VoID description';
export const usage = `Usage: kamerstukken-ld build [--corpus DIR | FILE…] [--output DIR] [--base IRI] [--date YYYY-MM-DD] [--force] [--jobs N] [--document-seconds N] [--quiet]

Reads every source document (*.txt, *.xml) of the corpus (default corpus/),
maps it to RDF, validates it with the SHACL shapes and writes output/ (default):
  documents/{id}.jsonld  the document as JSON-LD, framed around the document
  documents/{id}.ttl     the document as Turtle
  documents/{id}.txt     its normalised source text (every selector points into it)
  kamerstukken-ld.nq     all documents, one named graph each (+ .nq.gz)
  context/v2.jsonld      the JSON-LD context the documents refer to (context.jsonld: version 1)
  shacl-report.ttl       the SHACL validation report of the build
  dataset.ttl            DCAT + VoID description of the dumps
  ontology.html          the ontology's documentation

The new output replaces the old one at once at the end; an interrupted or failed
build leaves the previous output as it was. Unchanged documents are taken from
the cache (.tmp/build-cache/ beside the output directory).

A document that cannot be read, or whose data violates the shapes, is reported
(file and place, or the SHACL findings) and left out of the published output;
the others are published and the exit code is 1.

  --corpus DIR   folder of source documents (default corpus)
  --output DIR   output folder (default output)
  --base IRI     base of all minted IRIs (default https://w3id.org/kamerstukken-ld/)
  --date DATE    dct:issued / dct:modified of the dataset (default: the newest document date)
  --force        re-process every document, ignoring the cache
  --jobs N       documents processed at once, each in a worker thread (default: the cores available);
                 the output is byte-identical whatever N is
  --document-seconds N
                 time one document may take to read (default 120; 0: no limit); a slower one is skipped by name
  --quiet        no progress bar`;

export function parseArgs(args: string[]): BuildOptions {
  const options: BuildOptions = {};
  const files = readArgs(args, {
    '--corpus': (o) => (options.corpus = o.value()),
    '--output': (o) => (options.output = o.value()),
    '--base': (o) => (options.base = o.value()),
    '--date': (o) => (options.date = o.date()),
    '--force': () => (options.force = true),
    // 0: no limit.
    '--document-seconds': (o) => (options.documentSeconds = o.integer(0)),
    '--jobs': (o) => (options.jobs = o.integer(1)),
    '--quiet': () => (options.progress = false),
  });
  if (files.length > 0 && options.corpus !== undefined) throw new UsageError('give either --corpus DIR or FILEs, not both');
  for (const f of files) {
    if (!existsSync(f)) throw new InputError(`${f}: no such file or folder`);
    if (statSync(f).isDirectory()) {
      if (files.length > 1) throw new UsageError(`${f} is a folder: give one folder (or --corpus DIR) or files`);
      options.corpus = f;
    }
  }
  if (options.corpus === undefined && files.length > 0) options.files = files;
  const corpus = options.corpus ?? 'corpus';
  if (options.files === undefined && !existsSync(corpus)) throw new InputError(`${corpus}: no such corpus folder`);
  if (options.base !== undefined && !/^https?:\/\/\S+\/$/.test(options.base)) throw new UsageError('--base must be an http(s) IRI ending in "/"');
  return options;
}

export async function run(args: string[]): Promise<number> {
  const options = parseArgs(args);
  const result = await buildCorpus(options);
  for (const p of result.failed) console.error(`error: ${p.message}`);
  if (result.reportText !== '') console.error(result.reportText);
  for (const p of result.rejected) console.error(`not published: ${p.id ?? p.file}: ${p.message}`);
  console.error(`build: ${result.line}`);
  return result.exitCode;
}
