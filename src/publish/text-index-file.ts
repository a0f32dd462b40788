/**
 * The text index built with the data: `build` writes output/text-index.json beside the N-Quads dump,
 * and every query worker of the embedded store reads it when it loads the dump, so that no query pays
 * for building it (built lazily, the first CONTAINS query of each worker did: 22.8 s at 1M triples).
 *
 * The file (format: src/text-index-format.ts) holds, per text predicate, the sorted subjects, the
 * sorted tokens and each token's posting list, and names the dump it was made from by its SHA-256: a
 * worker uses it only for that dump (src/serve/text-index-file.ts), else it builds the index as before.
 * The same dump always gives the same bytes. It is made from the dump itself, one predicate at a time,
 * read in chunks. The build writes it without holding any index in memory (writeTextIndex): the
 * (subject, token) pairs go through an external sort (src/publish/spill.ts), whose order numbers the
 * subjects and groups each token's postings, and the file is assembled from parts on disk; its bytes
 * are those of JSON.stringify(textIndexFile(…)), which holds the whole index (test/text-index-file.test.ts).
 */
import { createHash } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { fileChunks } from './files.js';
import { DEFAULT_BUDGET_CHARS, DistinctStrings, type DistinctOptions } from './spill.js';
import { TEXT_INDEX_FILE, TEXT_PREDICATES, indexData, tokens, type TextIndexData, type TextIndexFile } from '../text-index-format.js';

const NEWLINE = 0x0a;

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

/** Text appended to a file through a buffer (one write per 64 KiB). */
class Appender {
  private readonly fd: number;
  private text = '';
  constructor(readonly file: string) {
    this.fd = openSync(file, 'w');
  }
  add(s: string): void {
    this.text += s;
    if (this.text.length >= 1 << 16) this.flush();
  }
  private flush(): void {
    if (this.text !== '') writeSync(this.fd, this.text);
    this.text = '';
  }
  /** Copy a finished part file in, in chunks. */
  addFile(file: string): void {
    this.flush();
    const fd = openSync(file, 'r');
    try {
      const buf = Buffer.allocUnsafe(1 << 20);
      for (let n = readSync(fd, buf, 0, buf.length, null); n > 0; n = readSync(fd, buf, 0, buf.length, null)) writeSync(this.fd, buf, 0, n);
    } finally {
      closeSync(fd);
    }
  }
  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

/** Run numbers as fixed-width text, so that code-unit order is their order. */
const RUN_WIDTH = 8;

/**
 * Posting lists gathered subject after subject (so each list grows in ascending order), spilled as runs
 * of "token NUL run NUL numbers" lines once they pass the budget: in the merged order a token's pieces
 * come run after run, and so still ascending. Numbers and tokens are counted against the budget.
 */
class PostingLists {
  private lists = new Map<string, number[]>();
  private size = 0;
  private runs = 0;
  private readonly spilled: DistinctStrings;
  private readonly budget: number;

  constructor(spill: DistinctOptions) {
    this.spilled = new DistinctStrings(spill);
    this.budget = spill.budgetChars ?? DEFAULT_BUDGET_CHARS;
  }

  add(token: string, subject: number): void {
    const list = this.lists.get(token);
    if (list === undefined) {
      this.lists.set(token, [subject]);
      this.size += token.length + 32;
    } else {
      list.push(subject);
      this.size += 4;
    }
    if (this.size >= this.budget) this.spill();
  }

  private spill(): void {
    const run = String(this.runs++).padStart(RUN_WIDTH, '0');
    const tokens = [...this.lists.keys()].sort(compareUnits);
    this.spilled.writeRun(tokens.map((t) => `${t}\u0000${run}\u0000${(this.lists.get(t) ?? []).join(',')}`));
    this.lists = new Map();
    this.size = 0;
  }

  /** Each token in code-unit order with its whole posting list, as JSON text ("1,5,9"). */
  *sorted(): Generator<[string, string]> {
    if (this.runs === 0) {
      for (const t of [...this.lists.keys()].sort(compareUnits)) yield [t, (this.lists.get(t) ?? []).join(',')];
      return;
    }
    this.spill();
    let token: string | null = null;
    let numbers = '';
    for (const line of this.spilled.sorted()) {
      const cut = line.indexOf('\u0000');
      const t = line.slice(0, cut);
      const piece = line.slice(line.indexOf('\u0000', cut + 1) + 1);
      if (t === token) {
        numbers += `,${piece}`;
        continue;
      }
      if (token !== null) yield [token, numbers];
      token = t;
      numbers = piece;
    }
    if (token !== null) yield [token, numbers];
  }

  close(): void {
    this.lists = new Map();
    this.spilled.close();
  }
}

const compareUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * One predicate's TextIndexData written as JSON parts (`subjects`, `tokens`, `postings`: each array's
 * items) without holding them. Pass 1 sorts one "subject NUL its tokens" record per text: the subjects
 * come in order, numbered as they come (a subject's several texts together). Pass 2 gathers each
 * token's postings in that order (PostingLists), spilled past the budget.
 */
function writePredicateParts(pairs: Iterable<[string, string]>, dir: string, spill: DistinctOptions): { subjects: string; tokens: string; postings: string } {
  const files = { subjects: path.join(dir, 'subjects'), tokens: path.join(dir, 'tokens'), postings: path.join(dir, 'postings') };
  const bySubject = new DistinctStrings(spill);
  const postings = new PostingLists(spill);
  try {
    // Tokens are letters and digits: a space separates them.
    for (const [subject, text] of pairs) bySubject.add(`${subject}\u0000${[...new Set(tokens(text))].join(' ')}`);
    const subjects = new Appender(files.subjects);
    try {
      let current: string | null = null;
      let number = -1;
      let words = new Set<string>();
      const flush = (): void => {
        for (const w of words) postings.add(w, number);
      };
      for (const record of bySubject.sorted()) {
        const cut = record.indexOf('\u0000');
        const subject = record.slice(0, cut);
        if (subject !== current) {
          flush();
          current = subject;
          number++;
          words = new Set();
          subjects.add(`${number === 0 ? '' : ','}${JSON.stringify(subject)}`);
        }
        if (cut + 1 < record.length) for (const w of record.slice(cut + 1).split(' ')) words.add(w);
      }
      flush();
    } finally {
      bySubject.close();
      subjects.close();
    }
    const toks = new Appender(files.tokens);
    const lists = new Appender(files.postings);
    try {
      let first = true;
      for (const [token, numbers] of postings.sorted()) {
        toks.add(`${first ? '' : ','}${JSON.stringify(token)}`);
        lists.add(`${first ? '' : ','}[${numbers}]`);
        first = false;
      }
    } finally {
      toks.close();
      lists.close();
    }
  } finally {
    bySubject.close();
    postings.close();
  }
  return files;
}

/**
 * Write the index file of a dump to `target`, the same bytes as `${JSON.stringify(textIndexFile(…))}\n`,
 * in bounded memory: parts and sorted runs go to a temporary directory in `workDir`, removed after.
 */
export function writeTextIndex(dumpFile: string, base: string, target: string, options: { name?: string; workDir: string; spill?: DistinctOptions }): void {
  const work = mkdtempSync(path.join(options.workDir, '.kld-text-index-'));
  try {
    const spill: DistinctOptions = { ...options.spill, parent: work };
    const hash = createHash('sha256');
    const iris = TEXT_PREDICATES.map((local) => `${base}def#${local}`).sort();
    const parts = iris.map((iri, i) => {
      const dir = mkdtempSync(path.join(work, 'predicate-'));
      return { iri, ...writePredicateParts(texts(dumpFile, iri, i === 0 ? hash : null), dir, spill) };
    });
    const out = new Appender(target);
    try {
      const head = { version: 1, dump: { file: options.name ?? path.basename(dumpFile), sha256: hash.digest('hex') } };
      out.add(`${JSON.stringify(head).slice(0, -1)},"predicates":{`);
      for (const [i, part] of parts.entries()) {
        out.add(`${i === 0 ? '' : ','}${JSON.stringify(part.iri)}:{"subjects":[`);
        out.addFile(part.subjects);
        out.add('],"tokens":[');
        out.addFile(part.tokens);
        out.add('],"postings":[');
        out.addFile(part.postings);
        out.add(']}');
      }
      out.add('}}\n');
    } finally {
      out.close();
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * The build's hook (BuildOptions.extraOutputs): writes text-index.json beside the N-Quads dump in the
 * staging directory, before it is swapped in (its work files in the staging directory, removed after).
 */
export function textIndexOutput(base: string, spill?: DistinctOptions): (staging: string, nquadsFile: string) => Promise<string[]> {
  return (staging, nquadsFile) => {
    const dump = path.resolve(staging, nquadsFile);
    writeTextIndex(dump, base, path.join(staging, TEXT_INDEX_FILE), { name: path.relative(staging, dump), workDir: staging, ...(spill ? { spill } : {}) });
    return Promise.resolve([TEXT_INDEX_FILE]);
  };
}
