/**
 * The text index built with the data: `build` writes output/text-index.json beside the N-Quads dump,
 * and every query worker of the embedded store reads it when it loads the dump, so that no query pays
 * for building it (built lazily, the first CONTAINS query of each worker did: 22.8 s at 1M triples).
 *
 * The file (format: src/text-index-format.ts) holds, per text predicate, the sorted subjects, the
 * sorted tokens and each token's posting list, and names the dump it was made from by its SHA-256: a
 * worker uses it only for that dump (src/serve/text-index-file.ts), else it builds the index as before.
 * The same dump always gives the same bytes. It is made from the dump itself, one predicate at a time,
 * read in chunks, so the build's memory holds one predicate's index, never all the texts.
 */
import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { TEXT_INDEX_FILE, TEXT_PREDICATES, indexData, type TextIndexData, type TextIndexFile } from '../text-index-format.js';

const NEWLINE = 0x0a;
const CHUNK = 4 << 20;

function* fileChunks(file: string): Generator<Buffer> {
  const fd = openSync(file, 'r');
  try {
    for (;;) {
      const buf = Buffer.allocUnsafe(CHUNK);
      const n = readSync(fd, buf, 0, CHUNK, null);
      if (n <= 0) break;
      yield buf.subarray(0, n);
    }
  } finally {
    closeSync(fd);
  }
}

const ESCAPES: Readonly<Record<string, string>> = { t: '\t', b: '\b', n: '\n', r: '\r', f: '\f', '"': '"', "'": "'", '\\': '\\' };

/** The lexical form of an N-Quads string literal's body (ECHAR and UCHAR escapes undone). */
export function unescapeLiteral(body: string): string {
  if (!body.includes('\\')) return body;
  return body.replace(/\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))/g, (whole, u4?: string, u8?: string, c?: string) => {
    const hex = u4 ?? u8;
    if (hex !== undefined) return String.fromCodePoint(parseInt(hex, 16));
    return ESCAPES[c ?? ''] ?? whole;
  });
}

/** The [subject, text] of the line of `buf` holding the needle at `at`, when it is that line's predicate and object. */
function lineText(buf: Buffer, at: number, needleLength: number): [string, string] | null {
  const start = buf.lastIndexOf(NEWLINE, at) + 1;
  if (buf[start] !== 0x3c) return null;
  const subject = buf.toString('utf8', start + 1, at);
  if (subject.includes('>')) return null; // the needle inside another term: not this line's predicate
  const end = buf.indexOf(NEWLINE, at);
  const text = buf.toString('utf8', at + needleLength, end < 0 ? buf.length : end);
  let close = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') {
      close = i;
      break;
    }
  }
  return [subject, unescapeLiteral(text.slice(0, close))];
}

/**
 * [subject, text] of every dump line `<s> <predicate> "text"… <g> .` with an IRI subject and a literal
 * object. The predicate is searched in whole chunks (lines are only cut where it occurs); `hash`, when
 * given, takes every byte of the file.
 */
function* texts(file: string, predicate: string, hash: ReturnType<typeof createHash> | null): Generator<[string, string]> {
  const needle = Buffer.from(`> <${predicate}> "`);
  let rest: Buffer = Buffer.alloc(0);
  for (const chunk of fileChunks(file)) {
    hash?.update(chunk);
    const buf = rest.length > 0 ? Buffer.concat([rest, chunk]) : chunk;
    // Complete lines only; the last, cut by the chunk, goes with the next chunk.
    const whole = buf.lastIndexOf(NEWLINE) + 1;
    for (let at = buf.indexOf(needle); at >= 0 && at < whole; at = buf.indexOf(needle, at + needle.length)) {
      const found = lineText(buf, at, needle.length);
      if (found !== null) yield found;
    }
    rest = Buffer.from(buf.subarray(whole));
  }
  for (let at = rest.indexOf(needle); at >= 0; at = rest.indexOf(needle, at + needle.length)) {
    const found = lineText(rest, at, needle.length);
    if (found !== null) yield found;
  }
}

/** The index file's content for a dump (deterministic). */
export function textIndexFile(dumpFile: string, base: string, name = path.basename(dumpFile)): TextIndexFile {
  const hash = createHash('sha256');
  const predicates: Record<string, TextIndexData> = {};
  const iris = TEXT_PREDICATES.map((local) => `${base}def#${local}`).sort();
  for (const [i, iri] of iris.entries()) predicates[iri] = indexData(texts(dumpFile, iri, i === 0 ? hash : null));
  return { version: 1, dump: { file: name, sha256: hash.digest('hex') }, predicates };
}

/**
 * The build's hook (BuildOptions.extraOutputs): writes text-index.json beside the N-Quads dump in the
 * staging directory, before it is swapped in.
 */
export function textIndexOutput(base: string): (staging: string, nquadsFile: string) => Promise<string[]> {
  return async (staging, nquadsFile) => {
    const dump = path.resolve(staging, nquadsFile);
    const content = textIndexFile(dump, base, path.relative(staging, dump));
    await writeFile(path.join(staging, TEXT_INDEX_FILE), `${JSON.stringify(content)}\n`);
    return [TEXT_INDEX_FILE];
  };
}
