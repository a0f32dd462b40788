/**
 * The published files of output/, served at the download IRIs the dataset
 * description gives them (IriMinter.download: {base}download/{file} ↔
 * /download/{file}), so that every dcat:downloadURL in dataset.ttl resolves.
 *
 * What is served: the files dataset.ttl lists as distributions
 * (kamerstukken-ld.nq, kamerstukken-ld.nq.gz), the other public outputs of the
 * build (context.jsonld, dataset.ttl, shacl-report.ttl, ontology.html) and the
 * per-document files documents/{id}.jsonld and documents/{id}.ttl. Nothing
 * else: the build's own bookkeeping (.build.json, store.json) and anything a
 * person leaves in output/ get 404.
 *
 * Files are streamed from an open descriptor (never read whole), so a rebuild
 * swapping output/ mid-transfer cannot mix two files. The ETag is the file's
 * SHA-256: the one the build recorded in .build.json when it provably describes
 * the file on disk (same size, file not newer than the manifest), else computed
 * once (streamed) and remembered per (device, inode, size, mtime). Conditional
 * GET (If-None-Match → 304), HEAD and single byte ranges (resumable downloads of
 * the dumps, with If-Range) are supported.
 */
import { createHash } from 'node:crypto';
import { open, readFile, realpath, stat, type FileHandle } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Parser as N3Parser, type Quad } from 'n3';
import { dcat } from '../rdf/vocab.js';
import { OUTPUT_FILES, isPublicFile, parseBuildManifest } from '../output-layout.js';

/** Media types by file name ending (longest first). */
const MEDIA_TYPES: [string, string][] = [
  // A compressed dump is sent as the gzip file it is: a Content-Encoding would make
  // clients unpack it on the fly, and the bytes saved would no longer match the checksum.
  ['.nq.gz', 'application/gzip'],
  ['.gz', 'application/gzip'],
  ['.nq', 'application/n-quads'],
  ['.nt', 'application/n-triples'],
  ['.ttl', 'text/turtle; charset=utf-8'],
  ['.jsonld', 'application/ld+json'],
  ['.html', 'text/html; charset=utf-8'],
  ['.txt', 'text/plain; charset=utf-8'],
];

export function mediaTypeOf(name: string): string {
  for (const [ending, type] of MEDIA_TYPES) if (name.endsWith(ending)) return type;
  return 'application/octet-stream';
}

interface Recorded {
  bytes: number;
  sha256: string;
}

interface ManifestSnapshot {
  key: string;
  mtimeMs: number;
  files: Map<string, Recorded>;
}

interface DescriptionSnapshot {
  key: string;
  quads: Quad[];
  /** File names under download/ that dataset.ttl gives as dcat:downloadURL. */
  distributions: Set<string>;
}

/** One file ready to send: open descriptor, its size and its SHA-256. */
export interface OpenedFile {
  name: string;
  handle: FileHandle;
  bytes: number;
  sha256: string;
  mediaType: string;
  /** A distribution (a dump): offered as an attachment. */
  distribution: boolean;
}

const statKey = (s: { dev: number; ino: number; size: number; mtimeMs: number }): string => `${s.dev}:${s.ino}:${s.size}:${s.mtimeMs}`;

export class PublishedFiles {
  private manifest: ManifestSnapshot | undefined;
  private description: DescriptionSnapshot | undefined;
  /** SHA-256 of files the manifest does not cover, by stat key. */
  private readonly computed = new Map<string, string>();

  constructor(
    readonly outputDir: string,
    /** The data's base IRI: download IRIs are {base}download/{file}. */
    readonly base: string,
  ) {}

  /**
   * dataset.ttl's quads (re-read when the file changes), or undefined when it has
   * not been built. The server answers the dataset IRI from these.
   */
  async datasetDescription(): Promise<Quad[] | undefined> {
    return (await this.loadDescription())?.quads;
  }

  /** Is `name` (relative to output/, forward slashes) a file we publish? */
  async isPublished(name: string): Promise<boolean> {
    if (isPublicFile(name)) return true;
    return (await this.loadDescription())?.distributions.has(name) ?? false;
  }

  /** Does output/ hold the published file `name` now (the same checks as open, without opening it)? */
  async has(name: string): Promise<boolean> {
    if (!(await this.isPublished(name))) return false;
    const root = await realpath(this.outputDir).catch(() => undefined);
    if (root === undefined) return false;
    const real = await realpath(path.join(root, ...name.split('/'))).catch(() => undefined);
    if (real === undefined || !real.startsWith(root + path.sep)) return false;
    return (await stat(real).catch(() => undefined))?.isFile() ?? false;
  }

  /**
   * Open a published file by its name under /download/, or undefined (→ 404) when
   * it is not one we publish or does not exist. The caller must send or close it.
   */
  async open(name: string): Promise<OpenedFile | undefined> {
    if (!(await this.isPublished(name))) return undefined;
    const root = await realpath(this.outputDir).catch(() => undefined);
    if (root === undefined) return undefined;
    const full = path.join(root, ...name.split('/'));
    // A symbolic link inside output/ must not lead out of it.
    const real = await realpath(full).catch(() => undefined);
    if (real === undefined || !real.startsWith(root + path.sep)) return undefined;
    let handle: FileHandle;
    try {
      handle = await open(real, 'r');
    } catch {
      return undefined;
    }
    try {
      const s = await handle.stat();
      if (!s.isFile()) {
        await handle.close();
        return undefined;
      }
      const sha256 = (await this.recordedHash(name, s)) ?? (await this.computedHash(handle, s));
      const distribution = (await this.loadDescription())?.distributions.has(name) ?? false;
      return { name, handle, bytes: s.size, sha256, mediaType: mediaTypeOf(name), distribution };
    } catch (err) {
      await handle.close();
      throw err;
    }
  }

  /** The hash .build.json records, if it provably describes this very file. */
  private async recordedHash(name: string, s: { size: number; mtimeMs: number }): Promise<string | undefined> {
    const manifest = await this.loadManifest();
    const recorded = manifest?.files.get(name);
    // The build writes .build.json after every file it lists, and a later build writes
    // its files after the earlier manifest: a file newer than the manifest is not the one it describes.
    if (!manifest || !recorded || recorded.bytes !== s.size || s.mtimeMs > manifest.mtimeMs) return undefined;
    return recorded.sha256;
  }

  private async computedHash(handle: FileHandle, s: { dev: number; ino: number; size: number; mtimeMs: number }): Promise<string> {
    const key = statKey(s);
    const known = this.computed.get(key);
    if (known) return known;
    const hash = createHash('sha256');
    // Read through the same descriptor (positioned reads), so what is hashed is what will be sent.
    const buf = Buffer.allocUnsafe(1 << 20);
    for (let pos = 0; pos < s.size; ) {
      const { bytesRead } = await handle.read(buf, 0, buf.length, pos);
      if (bytesRead === 0) break;
      hash.update(buf.subarray(0, bytesRead));
      pos += bytesRead;
    }
    const sha = hash.digest('hex');
    if (this.computed.size > 10_000) this.computed.clear();
    this.computed.set(key, sha);
    return sha;
  }

  private async loadManifest(): Promise<ManifestSnapshot | undefined> {
    const file = path.join(this.outputDir, OUTPUT_FILES.manifest);
    const s = await stat(file).catch(() => undefined);
    if (!s) return (this.manifest = undefined);
    const key = statKey(s);
    if (this.manifest?.key === key) return this.manifest;
    try {
      // The parser keeps only well-formed entries: a hash that is not a SHA-256 is never sent as an ETag.
      const { files } = parseBuildManifest(await readFile(file, 'utf8'));
      this.manifest = { key, mtimeMs: s.mtimeMs, files: new Map(files.map((f) => [f.name, { bytes: f.bytes, sha256: f.sha256 }])) };
    } catch {
      // Unreadable (being rewritten, or not ours): hashes are computed instead.
      this.manifest = undefined;
    }
    return this.manifest;
  }

  private async loadDescription(): Promise<DescriptionSnapshot | undefined> {
    const file = path.join(this.outputDir, OUTPUT_FILES.dataset);
    const s = await stat(file).catch(() => undefined);
    if (!s) return (this.description = undefined);
    const key = statKey(s);
    if (this.description?.key === key) return this.description;
    try {
      const quads = new N3Parser({ baseIRI: this.base }).parse(await readFile(file, 'utf8'));
      const prefix = `${this.base}download/`;
      const distributions = new Set<string>();
      for (const q of quads) {
        if (q.predicate.value === dcat('downloadURL').value && q.object.value.startsWith(prefix)) {
          distributions.add(q.object.value.slice(prefix.length));
        }
      }
      this.description = { key, quads, distributions };
    } catch {
      this.description = undefined;
    }
    return this.description;
  }
}

/** Does an If-None-Match / If-Range header value name this entity tag? (weak comparison for If-None-Match) */
export function etagMatches(header: string, etag: string, weak = true): boolean {
  const bare = etag.replace(/^W\//, '');
  if (header.trim() === '*') return true;
  for (const raw of header.split(',')) {
    const tag = raw.trim();
    if (tag === etag) return true;
    if (weak && tag.replace(/^W\//, '') === bare) return true;
  }
  return false;
}

/** A single byte range of a `Range: bytes=…` header: [start, end] inclusive; null = unsatisfiable; undefined = ignore (send all). */
export function parseRange(header: string, size: number): [number, number] | null | undefined {
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  // Several ranges (multipart/byteranges) or another unit: RFC 9110 lets a server ignore Range.
  if (!m || (m[1] === '' && m[2] === '')) return undefined;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0 || size === 0) return null;
    return [Math.max(0, size - suffix), size - 1];
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (start >= size || end < start) return null;
  return [start, end];
}

/**
 * Send an opened file: 200, 206 (Range), 304 (If-None-Match), 416, or headers
 * only for HEAD. Closes the descriptor in every case.
 */
export async function sendFile(req: IncomingMessage, res: ServerResponse, file: OpenedFile, headers: Record<string, string> = {}): Promise<void> {
  const etag = `"${file.sha256}"`;
  const common: Record<string, string> = {
    ...headers,
    etag,
    // RFC 9530: the digest of the whole file, also on partial responses.
    'repr-digest': `sha-256=:${Buffer.from(file.sha256, 'hex').toString('base64')}:`,
    // Revalidate each time (cheap, thanks to the ETag): a rebuild may change any file.
    'cache-control': 'public, no-cache',
    'accept-ranges': 'bytes',
    'x-content-type-options': 'nosniff',
  };
  const closeQuietly = () => file.handle.close().catch(() => undefined);
  const ifNoneMatch = req.headers['if-none-match'];
  if (ifNoneMatch !== undefined && etagMatches(ifNoneMatch, etag)) {
    await closeQuietly();
    res.writeHead(304, common);
    return void res.end();
  }
  let start = 0;
  let end = file.bytes - 1;
  let status = 200;
  const range = req.headers.range;
  const ifRange = req.headers['if-range'];
  // If-Range with an entity tag uses the strong comparison; a date (we send none) never matches.
  if (range !== undefined && (ifRange === undefined || (typeof ifRange === 'string' && etagMatches(ifRange, etag, false)))) {
    const r = parseRange(range, file.bytes);
    if (r === null) {
      await closeQuietly();
      res.writeHead(416, { ...common, 'content-range': `bytes */${file.bytes}`, 'content-type': 'text/plain; charset=utf-8' });
      return void res.end(`416 Range Not Satisfiable: ${file.name} has ${file.bytes} bytes\n`);
    }
    if (r !== undefined) {
      [start, end] = r;
      status = 206;
      common['content-range'] = `bytes ${start}-${end}/${file.bytes}`;
    }
  }
  const length = file.bytes === 0 ? 0 : end - start + 1;
  const disposition: Record<string, string> = file.distribution ? { 'content-disposition': `attachment; filename="${path.posix.basename(file.name)}"` } : {};
  res.writeHead(status, { ...common, ...disposition, 'content-type': file.mediaType, 'content-length': String(length) });
  if (req.method === 'HEAD' || length === 0) {
    await closeQuietly();
    return void res.end();
  }
  const stream = file.handle.createReadStream({ start, end, autoClose: false, highWaterMark: 256 << 10 });
  try {
    await pipeline(stream, res);
  } catch {
    // The client went away, or the read failed after the head was sent: the connection
    // is cut (pipeline destroys the response), so a short file never looks complete.
  } finally {
    await closeQuietly();
  }
}
