/**
 * File writing with what publication needs: SHA-256 and byte counts taken
 * while writing (no second read), back-pressure respected, and a gzip whose
 * bytes depend only on its input.
 */
import { createHash, type Hash } from 'node:crypto';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { once } from 'node:events';
import { createGzip, type Gzip } from 'node:zlib';
import type { FileFacts } from '../output-layout.js';

/** Write one small file whole (per-document files, descriptions). */
export async function writeSmallFile(root: string, name: string, content: string | Buffer): Promise<FileFacts> {
  const file = path.join(root, name);
  await mkdir(path.dirname(file), { recursive: true });
  const data = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  await writeFile(file, data);
  return { name, bytes: data.length, sha256: createHash('sha256').update(data).digest('hex') };
}

/** SHA-256 of a file, streamed. */
export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

async function writeWithBackpressure(stream: NodeJS.WritableStream, chunk: Buffer): Promise<void> {
  if (!stream.write(chunk)) await once(stream, 'drain');
}

/** A file written in pieces, hashed and counted on the way. */
class CountingFile {
  private readonly hash: Hash = createHash('sha256');
  private bytes = 0;
  readonly stream: WriteStream;
  constructor(
    readonly root: string,
    readonly name: string,
  ) {
    this.stream = createWriteStream(path.join(root, name));
  }
  async write(chunk: Buffer): Promise<void> {
    this.hash.update(chunk);
    this.bytes += chunk.length;
    await writeWithBackpressure(this.stream, chunk);
  }
  async end(): Promise<FileFacts> {
    this.stream.end();
    await once(this.stream, 'finish');
    return { name: this.name, bytes: this.bytes, sha256: this.hash.digest('hex') };
  }
}

/**
 * gzip's header holds a modification time, an optional file name and the OS.
 * Node writes mtime 0 and no name; the OS byte is the platform's (3 on Unix,
 * 10 on Windows), so it is set to 255 ("unknown") to make the bytes the same
 * everywhere. The header has no CRC of its own (FHCRC unset), so this is safe.
 */
const GZIP_OS_BYTE = 9;

/**
 * A plain file and its gzip written from the same chunks in one pass:
 * kamerstukken-ld.nq and kamerstukken-ld.nq.gz.
 */
export class FileWithGzip {
  private readonly plain: CountingFile;
  private readonly packed: CountingFile;
  private readonly gzip: Gzip;
  private headerPatched = false;
  private readonly pump: Promise<void>;

  constructor(root: string, name: string) {
    this.plain = new CountingFile(root, name);
    const packed = new CountingFile(root, `${name}.gz`);
    this.packed = packed;
    // Level 9 and fixed memLevel/strategy: the compressed bytes depend only on input and zlib.
    const gzip = createGzip({ level: 9, memLevel: 8, windowBits: 15 });
    this.gzip = gzip;
    this.pump = (async () => {
      for await (const raw of gzip) {
        const chunk = raw as Buffer;
        if (!this.headerPatched) {
          if (chunk.length <= GZIP_OS_BYTE) throw new Error('gzip header arrived split; cannot normalise its OS byte');
          chunk[GZIP_OS_BYTE] = 0xff;
          this.headerPatched = true;
        }
        await packed.write(chunk);
      }
    })();
    // Surface a failure of the compressed side at end() rather than as an unhandled rejection.
    this.pump.catch(() => undefined);
  }

  async write(text: string): Promise<void> {
    if (text.length === 0) return;
    const chunk = Buffer.from(text, 'utf8');
    await this.plain.write(chunk);
    await writeWithBackpressure(this.gzip, chunk);
  }

  /** Copy a file's bytes in, streamed (a cached document graph). */
  async writeFile(file: string): Promise<void> {
    for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
      await this.plain.write(chunk as Buffer);
      await writeWithBackpressure(this.gzip, chunk as Buffer);
    }
  }

  async end(): Promise<{ plain: FileFacts; gzip: FileFacts }> {
    this.gzip.end();
    await this.pump;
    return { plain: await this.plain.end(), gzip: await this.packed.end() };
  }
}
