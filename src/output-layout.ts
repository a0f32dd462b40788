/**
 * The output folder's layout: the one home of the contract between `build`, which writes output/, and everything
 * that reads it (`serve`, `start`, `load`, the Virtuoso loader). File names, which of them are public, and the
 * format of the two manifests:
 * - `.build.json` (BuildManifest): what the output was built from (pipeline version, base, date, sources) and every
 *   file written with its size and SHA-256; `start` reads it to know whether to rebuild, the server to give
 *   ETags without hashing.
 * - `store.json` (StoreManifest): the N-Quads dump the server loads, with its size, SHA-256, quads and graphs;
 *   the server refuses a dump that does not match it (a half-written or stale dump) and otherwise trusts the
 *   bytes (a lenient load), because the build validated them.
 *
 * It sits beside src/errors.ts rather than in src/publish or src/serve because both sides import it, and
 * src/publish must import nothing from src/serve.
 */
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { KldError } from './errors.js';

/** Names of the files in output/ (fixed for the whole team, see the README). */
export const OUTPUT_FILES = {
  nquads: 'kamerstukken-ld.nq',
  nquadsGzip: 'kamerstukken-ld.nq.gz',
  /** The JSON-LD context of version 1; later versions are contextFile(n). */
  context: 'context.jsonld',
  report: 'shacl-report.ttl',
  dataset: 'dataset.ttl',
  ontologyHtml: 'ontology.html',
  /** The folder of the per-document files (documentFile). */
  documents: 'documents',
  /** The build's manifest (BuildManifest). */
  manifest: '.build.json',
  /** The server's store snapshot manifest (StoreManifest). */
  storeManifest: 'store.json',
} as const;

/** What is published of each document: documents/{id}.jsonld, .ttl and .txt (the source text selectors point into). */
export const DOCUMENT_KINDS = ['jsonld', 'ttl', 'txt'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** documents/{id}.{kind}, relative to output/ (ids are plain path segments, IriMinter's rule). */
export function documentFile(id: string, kind: DocumentKind): string {
  return `${OUTPUT_FILES.documents}/${id}.${kind}`;
}

const DOCUMENT_FILE = new RegExp(`^${OUTPUT_FILES.documents}/[A-Za-z0-9][A-Za-z0-9._-]*\\.(?:${DOCUMENT_KINDS.join('|')})$`);

/**
 * Where version `version` of the JSON-LD context lies in output/: context.jsonld (version 1), context/v2.jsonld, …
 * The same path under the base is the context's IRI (IriMinter.context), so each version is served where it points.
 */
export function contextFile(version: number): string {
  if (!Number.isInteger(version) || version < 1) throw new RangeError(`no context file for version ${version}`);
  return version === 1 ? OUTPUT_FILES.context : `context/v${version}.jsonld`;
}

const CONTEXT_FILE = /^context\/v[0-9]+\.jsonld$/;

/** Is `name` (relative to output/) a context file, of any version? */
export function isContextFile(name: string): boolean {
  return name === OUTPUT_FILES.context || CONTEXT_FILE.test(name);
}

/** The public outputs besides the per-document files and the contexts; the manifests are bookkeeping, not published. */
const PUBLIC_FILES: ReadonlySet<string> = new Set([OUTPUT_FILES.nquads, OUTPUT_FILES.nquadsGzip, OUTPUT_FILES.report, OUTPUT_FILES.dataset, OUTPUT_FILES.ontologyHtml]);

/** Is `name` (relative to output/, forward slashes) one of the files the build publishes? */
export function isPublicFile(name: string): boolean {
  return PUBLIC_FILES.has(name) || isContextFile(name) || DOCUMENT_FILE.test(name);
}

/** Size and SHA-256 of one file of output/. */
export interface FileFacts {
  /** Path relative to the output directory, with forward slashes. */
  name: string;
  bytes: number;
  sha256: string;
}

/** .build.json: what the output was built from, and every file it holds. */
export interface BuildManifest {
  pipelineVersion: string;
  base: string;
  date: string | null;
  sources: { file: string; sha256: string }[];
  files: FileFacts[];
}

/** .build.json's text: the files sorted by name, so that the same build writes the same bytes. */
export function buildManifestText(manifest: BuildManifest): string {
  const sorted: BuildManifest = { ...manifest, files: [...manifest.files].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)) };
  return `${JSON.stringify(sorted, null, 2)}\n`;
}

const isString = (v: unknown): v is string => typeof v === 'string';
const SHA256 = /^[0-9a-f]{64}$/;

/**
 * A .build.json's text as a BuildManifest. Throws (a SyntaxError or a TypeError) when it is not one; file and
 * source entries that are not well formed are left out, so a reader never trusts a hash that is not a SHA-256.
 */
export function parseBuildManifest(text: string): BuildManifest {
  const json = JSON.parse(text) as Partial<Record<keyof BuildManifest, unknown>> | null;
  if (json === null || typeof json !== 'object' || !isString(json.pipelineVersion) || !isString(json.base)) {
    throw new TypeError(`not a ${OUTPUT_FILES.manifest}: no pipelineVersion or base`);
  }
  const entries = (v: unknown): Record<string, unknown>[] => (Array.isArray(v) ? v.filter((e): e is Record<string, unknown> => typeof e === 'object' && e !== null) : []);
  const files: FileFacts[] = [];
  for (const f of entries(json.files)) {
    if (isString(f.name) && typeof f.bytes === 'number' && isString(f.sha256) && SHA256.test(f.sha256)) files.push({ name: f.name, bytes: f.bytes, sha256: f.sha256 });
  }
  const sources: BuildManifest['sources'] = [];
  for (const s of entries(json.sources)) if (isString(s.file) && isString(s.sha256)) sources.push({ file: s.file, sha256: s.sha256 });
  return { pipelineVersion: json.pipelineVersion, base: json.base, date: isString(json.date) ? json.date : null, sources, files };
}

/** output/.build.json, or undefined when it is missing or not a build manifest (then the output is to be rebuilt). */
export async function readBuildManifest(outputDir: string): Promise<BuildManifest | undefined> {
  try {
    return parseBuildManifest(await readFile(path.join(outputDir, OUTPUT_FILES.manifest), 'utf8'));
  } catch {
    return undefined;
  }
}

/** store.json: the N-Quads dump the server loads. */
export interface StoreManifest {
  /** Manifest format version. */
  version: 1;
  format: 'application/n-quads';
  /** The N-Quads file, relative to the manifest's directory. */
  file: string;
  bytes: number;
  sha256: string;
  quads: number;
  graphs: number;
  /** The base IRI the data was minted with. */
  base: string;
}

/** The store snapshot (store.json and its dump) is missing a part, unreadable, or does not match. */
export class SnapshotError extends KldError {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super('data', `${file}: ${reason}`, { location: { file } });
  }
}

export function storeManifestText(manifest: StoreManifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** output/store.json, or undefined when there is none; a SnapshotError when it is there but not a store manifest. */
export function readStoreManifest(outputDir: string): StoreManifest | undefined {
  const file = path.join(outputDir, OUTPUT_FILES.storeManifest);
  if (!existsSync(file)) return undefined;
  try {
    const m = JSON.parse(readFileSync(file, 'utf8')) as StoreManifest;
    if (m.version !== 1 || m.format !== 'application/n-quads' || typeof m.file !== 'string') {
      throw new Error('unknown manifest version or format');
    }
    return m;
  } catch (err) {
    throw new SnapshotError(file, `unreadable snapshot manifest: ${(err as Error).message}`);
  }
}

/** The N-Quads dump the server loads from `outputDir`: store.json's file, else kamerstukken-ld.nq. */
export function storeDumpFile(outputDir: string, manifest: StoreManifest | undefined): string {
  return path.join(outputDir, manifest?.file ?? OUTPUT_FILES.nquads);
}
