/**
 * How the server loads what `build` left in output/: the N-Quads dump and its
 * store manifest, output/store.json (format: src/output-layout.ts; written by
 * src/publish/snapshot.ts).
 *
 * Oxigraph's npm build is in-memory WebAssembly only: it has no on-disk index
 * to reopen, and its fastest way in is its own N-Quads parser fed raw bytes in
 * "lenient" mode (no IRI/literal re-validation, no transaction log): measured
 * here at about 200k quads/s, 4× n3's parse into a Store, with no JavaScript
 * term objects created. The snapshot is therefore the build's own N-Quads dump
 * (already validated by SHACL) plus the manifest, which says which file, how
 * many bytes, quads and graphs, and its SHA-256. The manifest lets the server
 * refuse a half-written or stale dump instead of serving it, and lets it trust
 * the bytes (lenient load) because the build checked them.
 */
import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync, statSync, existsSync } from 'node:fs';
import path from 'node:path';
import type { QuadStore } from './store.js';
import { OUTPUT_FILES, SnapshotError, readStoreManifest, storeDumpFile } from '../output-layout.js';

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
  const manifest = readStoreManifest(outputDir);
  const file = storeDumpFile(outputDir, manifest);
  if (!existsSync(file)) {
    throw new SnapshotError(file, 'no N-Quads dump found: run `kamerstukken-ld build` first (or `kamerstukken-ld start`)');
  }
  if (manifest) {
    const size = statSync(file).size;
    if (size !== manifest.bytes) {
      throw new SnapshotError(file, `is ${size} bytes but ${OUTPUT_FILES.storeManifest} says ${manifest.bytes}: the build did not finish; run it again`);
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
