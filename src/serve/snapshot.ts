/**
 * What `build` leaves in output/ for the server to start from, and how the
 * server loads it.
 *
 * Oxigraph's npm build is in-memory WebAssembly only: it has no on-disk index
 * to reopen, and its fastest way in is its own N-Quads parser fed raw bytes in
 * "lenient" mode (no IRI/literal re-validation, no transaction log): measured
 * here at about 200k quads/s, 4× n3's parse into a Store, with no JavaScript
 * term objects created. The snapshot is therefore the build's own N-Quads dump
 * (already validated by SHACL) plus a manifest, output/store.json, that says
 * which file, how many bytes, quads and graphs, and its SHA-256. The manifest
 * lets the server refuse a half-written or stale dump instead of serving it,
 * and lets it trust the bytes (lenient load) because the build checked them.
 */
import { createHash } from 'node:crypto';
import { closeSync, openSync, readFileSync, readSync, statSync, writeFileSync, renameSync, existsSync } from 'node:fs';
import path from 'node:path';
import type { QuadStore } from './store.js';

export const MANIFEST_FILE = 'store.json';
export const DEFAULT_DUMP = 'kamerstukken-ld.nq';

export interface SnapshotManifest {
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

export class SnapshotError extends Error {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(`${file}: ${reason}`);
    this.name = 'SnapshotError';
  }
}

const CHUNK = 4 << 20;

/** Read a file in 4 MiB chunks (Oxigraph parses across chunk boundaries). */
export function* fileChunks(file: string): Generator<Uint8Array> {
  const fd = openSync(file, 'r');
  try {
    for (;;) {
      const buf = Buffer.allocUnsafe(CHUNK);
      const n = readSync(fd, buf, 0, CHUNK, null);
      if (n <= 0) break;
      yield new Uint8Array(buf.buffer, buf.byteOffset, n);
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * Write output/store.json for the N-Quads dump in `outputDir` (default file
 * kamerstukken-ld.nq). The build calls this after writing the dump; it streams
 * the file once (hash, quad and graph count). Written atomically.
 *
 * @example await writeSnapshot('output', { base: iri.base })
 */
export async function writeSnapshot(
  outputDir: string,
  options: { base: string; file?: string },
): Promise<SnapshotManifest> {
  const file = options.file ?? DEFAULT_DUMP;
  const full = path.join(outputDir, file);
  if (!existsSync(full)) throw new SnapshotError(full, 'no N-Quads dump to describe; write it before the snapshot manifest');
  const hash = createHash('sha256');
  let bytes = 0;
  let quads = 0;
  const graphs = new Set<string>();
  let rest = '';
  for (const chunk of fileChunks(full)) {
    hash.update(chunk);
    bytes += chunk.byteLength;
    const text = rest + Buffer.from(chunk).toString('utf8');
    const lines = text.split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) countLine(line);
  }
  countLine(rest);
  function countLine(line: string): void {
    const t = line.trim();
    if (t === '' || t.startsWith('#')) return;
    quads++;
    // The graph label is the last term before the final " ." of an N-Quads line.
    const m = /(<[^>]*>|_:\S+)\s*\.\s*$/.exec(t);
    if (m && !t.endsWith('" .') && countTerms(t) === 4) graphs.add(m[1]!);
  }
  const manifest: SnapshotManifest = {
    version: 1,
    format: 'application/n-quads',
    file,
    bytes,
    sha256: hash.digest('hex'),
    quads,
    graphs: graphs.size,
    base: options.base,
  };
  const target = path.join(outputDir, MANIFEST_FILE);
  writeFileSync(`${target}.tmp`, JSON.stringify(manifest, null, 2) + '\n');
  renameSync(`${target}.tmp`, target);
  return manifest;
}

/** Rough count of top-level terms in an N-Quads line (enough to tell a triple from a quad for the graph count). */
function countTerms(line: string): number {
  let n = 0;
  let i = 0;
  while (i < line.length) {
    const c = line[i]!;
    if (c === ' ' || c === '\t' || c === '.') {
      i++;
      continue;
    }
    n++;
    if (c === '<') i = line.indexOf('>', i) + 1 || line.length;
    else if (c === '"') {
      i++;
      while (i < line.length && line[i] !== '"') i += line[i] === '\\' ? 2 : 1;
      i++;
      while (i < line.length && line[i] !== ' ' && line[i] !== '\t') i++;
    } else while (i < line.length && line[i] !== ' ' && line[i] !== '\t') i++;
  }
  return n;
}

export function readManifest(outputDir: string): SnapshotManifest | undefined {
  const file = path.join(outputDir, MANIFEST_FILE);
  if (!existsSync(file)) return undefined;
  try {
    const m = JSON.parse(readFileSync(file, 'utf8')) as SnapshotManifest;
    if (m.version !== 1 || m.format !== 'application/n-quads' || typeof m.file !== 'string') {
      throw new Error('unknown manifest version or format');
    }
    return m;
  } catch (err) {
    throw new SnapshotError(file, `unreadable snapshot manifest: ${(err as Error).message}`);
  }
}

export interface LoadStats {
  quads: number;
  ms: number;
  file: string;
  trusted: boolean;
}

/**
 * Load what build left in `outputDir` into a store. With a manifest the dump is
 * checked against it (size) and loaded leniently; without one (a dump from
 * elsewhere) it is loaded with full validation.
 */
export function loadSnapshot(outputDir: string, store: QuadStore): LoadStats {
  const start = performance.now();
  const manifest = readManifest(outputDir);
  const file = path.join(outputDir, manifest?.file ?? DEFAULT_DUMP);
  if (!existsSync(file)) {
    throw new SnapshotError(file, 'no N-Quads dump found: run `kamerstukken-ld build` first (or `kamerstukken-ld start`)');
  }
  if (manifest) {
    const size = statSync(file).size;
    if (size !== manifest.bytes) {
      throw new SnapshotError(file, `is ${size} bytes but ${MANIFEST_FILE} says ${manifest.bytes}: the build did not finish; run it again`);
    }
  }
  const quads = store.load(fileChunks(file), 'application/n-quads', { trusted: manifest !== undefined });
  return { quads, ms: performance.now() - start, file, trusted: manifest !== undefined };
}

/** Load several N-Quads files (tests, bench, or a server pointed at dumps without a manifest). */
export function loadFiles(files: readonly string[], store: QuadStore, trusted = false): LoadStats {
  const start = performance.now();
  let quads = 0;
  for (const f of files) quads += store.load(fileChunks(f), 'application/n-quads', { trusted });
  return { quads, ms: performance.now() - start, file: files.join(', '), trusted };
}

/**
 * The build's hook (BuildOptions.extraOutputs): writes store.json beside the
 * N-Quads dump in the staging directory, before it is swapped in.
 *
 * @example await buildCorpus({ ...options, extraOutputs: [snapshotOutput(iri.base)] })
 */
export function snapshotOutput(base: string): (staging: string, nquadsFile: string) => Promise<string[]> {
  return async (staging, nquadsFile) => {
    await writeSnapshot(staging, { base, file: path.relative(staging, path.resolve(staging, nquadsFile)) });
    return [MANIFEST_FILE];
  };
}
