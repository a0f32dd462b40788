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
import { open } from 'node:fs/promises';
import path from 'node:path';
import type { QuadStore } from './store.js';
import { KldError } from '../errors.js';
import { CR, HASH, LT, UNDERSCORE, skipSpace, skipTerm } from './nquads-scan.js';

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

export class SnapshotError extends KldError {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super('data', `${file}: ${reason}`, { location: { file } });
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
 * Counts the quads and distinct graph labels of N-Quads fed in chunks, working
 * on the bytes: a chunk is never decoded into one string.
 *
 * Why bytes (measured, 1M triples, 235 MB dump, --max-old-space-size=384): the
 * first version decoded each 4 MiB chunk to a string and took the graph label
 * with a regular expression. A V8 substring of 13 or more characters (a
 * regexp capture, trim(), split()) is a *sliced string* that keeps its whole
 * parent alive, and the parent was the chunk: since the dump holds text with
 * ’ « » it is a two-byte string of 8 MiB. The Set of graph labels kept one
 * capture per graph, so each of the 59 graphs pinned its chunk: ~470 MB of
 * dead text, out of memory after 1.8 s. Copying the key (the build engineer's
 * diagnosis) is enough to stop the leak (peak RSS 139 MB alone); counting on
 * bytes also drops the 8 MiB decode per chunk and the per-line strings, and
 * a label is made from its own bytes (a fresh string that pins nothing).
 */
export class NQuadsCounter {
  quads = 0;
  readonly graphs = new Set<string>();
  /** The unfinished last line of the previous chunk (copied: it must not pin the chunk). */
  private carry: Buffer | undefined;

  push(chunk: Uint8Array): void {
    const buf = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    let pos = 0;
    if (this.carry) {
      const nl = buf.indexOf(0x0a);
      if (nl < 0) {
        this.carry = Buffer.concat([this.carry, buf]);
        return;
      }
      const line = Buffer.concat([this.carry, buf.subarray(0, nl)]);
      this.carry = undefined;
      this.line(line, 0, line.length);
      pos = nl + 1;
    }
    for (;;) {
      const nl = buf.indexOf(0x0a, pos);
      if (nl < 0) break;
      this.line(buf, pos, nl);
      pos = nl + 1;
    }
    if (pos < buf.length) this.carry = Buffer.from(buf.subarray(pos));
  }

  end(): void {
    if (this.carry) this.line(this.carry, 0, this.carry.length);
    this.carry = undefined;
  }

  /** One line, buf[start, end) without its newline: a quad, a triple, blank, or a comment. */
  private line(buf: Buffer, start: number, end: number): void {
    let i = skipSpace(buf, start, end);
    if (i >= end || buf[i] === HASH || buf[i] === CR) return;
    this.quads++;
    // Subject, predicate, object; a fourth term before the final "." is the graph label.
    for (let k = 0; k < 3 && i < end; k++) i = skipSpace(buf, skipTerm(buf, i, end), end);
    if (i < end && (buf[i] === LT || buf[i] === UNDERSCORE)) {
      this.graphs.add(buf.toString('utf8', i, skipTerm(buf, i, end)));
    }
  }
}

/**
 * Write output/store.json for the N-Quads dump in `outputDir` (default file
 * kamerstukken-ld.nq). The build calls this after writing the dump; it streams
 * the file once (hash, quad and graph count) with one reused buffer, so its
 * memory does not grow with the dump. Written atomically.
 *
 * @example await writeSnapshot('output', { base: iri.base })
 */
export async function writeSnapshot(outputDir: string, options: { base: string; file?: string }): Promise<SnapshotManifest> {
  const file = options.file ?? DEFAULT_DUMP;
  const full = path.join(outputDir, file);
  if (!existsSync(full)) throw new SnapshotError(full, 'no N-Quads dump to describe; write it before the snapshot manifest');
  const hash = createHash('sha256');
  const counter = new NQuadsCounter();
  let bytes = 0;
  const handle = await open(full, 'r');
  try {
    // The counter copies what it keeps, so one buffer serves every read.
    const buf = Buffer.allocUnsafe(CHUNK);
    for (;;) {
      const { bytesRead } = await handle.read(buf, 0, CHUNK, null);
      if (bytesRead <= 0) break;
      const chunk = buf.subarray(0, bytesRead);
      hash.update(chunk);
      bytes += bytesRead;
      counter.push(chunk);
    }
  } finally {
    await handle.close();
  }
  counter.end();
  const manifest: SnapshotManifest = {
    version: 1,
    format: 'application/n-quads',
    file,
    bytes,
    sha256: hash.digest('hex'),
    quads: counter.quads,
    graphs: counter.graphs.size,
    base: options.base,
  };
  const target = path.join(outputDir, MANIFEST_FILE);
  writeFileSync(`${target}.tmp`, JSON.stringify(manifest, null, 2) + '\n');
  renameSync(`${target}.tmp`, target);
  return manifest;
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
  /** Names what was loaded, for the result cache's keys and ETags: the manifest's SHA-256, or the files' identity. */
  build: string;
}

/** Files without a manifest: named by path, size and modification time (hashing a large dump would slow start-up). */
function filesIdentity(files: readonly string[]): string {
  const h = createHash('sha256');
  for (const f of files) {
    const st = statSync(f);
    h.update(`${path.resolve(f)}\u0000${st.size}\u0000${st.mtimeMs}\n`);
  }
  return `files:${h.digest('hex')}`;
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
  return { quads, ms: performance.now() - start, file, trusted: manifest !== undefined, build: manifest ? `sha256:${manifest.sha256}` : filesIdentity([file]) };
}

/** Load several N-Quads files (tests, bench, or a server pointed at dumps without a manifest). */
export function loadFiles(files: readonly string[], store: QuadStore, trusted = false): LoadStats {
  const start = performance.now();
  let quads = 0;
  for (const f of files) quads += store.load(fileChunks(f), 'application/n-quads', { trusted });
  return { quads, ms: performance.now() - start, file: files.join(', '), trusted, build: filesIdentity(files) };
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
