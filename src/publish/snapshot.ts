/**
 * The server's store snapshot manifest, output/store.json (format: StoreManifest in src/output-layout.ts), written
 * by the build beside its N-Quads dump: which file, its bytes, SHA-256, quads and graphs. src/serve/snapshot.ts
 * loads the dump and checks it against this manifest.
 */
import { createHash } from 'node:crypto';
import { existsSync, renameSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import path from 'node:path';
import { OUTPUT_FILES, SnapshotError, storeManifestText, type StoreManifest } from '../output-layout.js';
import { CR, HASH, LT, UNDERSCORE, skipSpace, skipTerm } from './nquads-scan.js';

/** Bytes read at once while hashing and counting the dump. */
const CHUNK = 4 << 20;

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
export async function writeSnapshot(outputDir: string, options: { base: string; file?: string }): Promise<StoreManifest> {
  const file = options.file ?? OUTPUT_FILES.nquads;
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
  const manifest: StoreManifest = {
    version: 1,
    format: 'application/n-quads',
    file,
    bytes,
    sha256: hash.digest('hex'),
    quads: counter.quads,
    graphs: counter.graphs.size,
    base: options.base,
  };
  const target = path.join(outputDir, OUTPUT_FILES.storeManifest);
  writeFileSync(`${target}.tmp`, storeManifestText(manifest));
  renameSync(`${target}.tmp`, target);
  return manifest;
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
    return [OUTPUT_FILES.storeManifest];
  };
}
