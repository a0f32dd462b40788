/**
 * Distinct strings in code-unit order, in bounded memory: an external sort. Strings are gathered in
 * a set up to a budget of characters; a full set is sorted and written to a run file in a temporary
 * directory, and at the end the runs are merged, each string once. Below the budget nothing touches
 * the disk. The build counts what must be counted once over the whole corpus this way (the VoID
 * statistics' shared triples, subjects and class instances), so that its memory does not grow with
 * the number of papers.
 *
 * @example
 *   const set = new DistinctStrings({ parent: staging });
 *   for (const s of strings) set.add(s);
 *   for (const s of set.sorted()) count(s); // then set.close()
 */
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Characters kept in memory before a run is written (strings of ~100 characters: ~50,000 of them). */
export const DEFAULT_BUDGET_CHARS = 4 << 20;

/** Bytes read at once from each run while merging. */
const READ_CHUNK = 1 << 16;

const NEWLINE = 0x0a;

export interface DistinctOptions {
  /** Directory in which the temporary directory of runs is made, when one is needed (default: the system's). */
  parent?: string;
  /** Characters held in memory before a run is written (default DEFAULT_BUDGET_CHARS). */
  budgetChars?: number;
}

/** One string per line: backslash and newline escaped, so any string fits on a line. */
function encode(s: string): string {
  return s.includes('\\') || s.includes('\n') ? s.replace(/\\/g, '\\\\').replace(/\n/g, '\\n') : s;
}

function decode(line: string): string {
  return line.includes('\\') ? line.replace(/\\(\\|n)/g, (_, c: string) => (c === 'n' ? '\n' : '\\')) : line;
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The lines of a run file, read in chunks (a UTF-8 sequence never holds a newline byte, so cutting at one is safe). */
class RunReader {
  private readonly fd: number;
  private buf = Buffer.alloc(0);
  private pos = 0;
  private eof = false;
  current: string | null = null;

  constructor(file: string) {
    this.fd = openSync(file, 'r');
    this.next();
  }

  /** Move to the next line; current is null at the end. */
  next(): void {
    for (;;) {
      const nl = this.buf.indexOf(NEWLINE, this.pos);
      if (nl >= 0) {
        this.current = decode(this.buf.toString('utf8', this.pos, nl));
        this.pos = nl + 1;
        return;
      }
      if (this.eof) {
        this.current = null;
        closeSync(this.fd);
        return;
      }
      const chunk = Buffer.allocUnsafe(READ_CHUNK);
      const n = readSync(this.fd, chunk, 0, READ_CHUNK, null);
      if (n <= 0) this.eof = true;
      this.buf = Buffer.concat([this.buf.subarray(this.pos), chunk.subarray(0, Math.max(0, n))]);
      this.pos = 0;
    }
  }
}

/** A min-heap of run readers by their current line. */
class ReaderHeap {
  private readonly items: RunReader[] = [];

  get size(): number {
    return this.items.length;
  }

  peek(): RunReader | undefined {
    return this.items[0];
  }

  private less(i: number, j: number): boolean {
    const a = this.items[i]?.current;
    const b = this.items[j]?.current;
    return a !== null && a !== undefined && b !== null && b !== undefined && a < b;
  }

  private swap(i: number, j: number): void {
    const a = this.items[i];
    const b = this.items[j];
    if (a === undefined || b === undefined) return;
    this.items[i] = b;
    this.items[j] = a;
  }

  push(r: RunReader): void {
    this.items.push(r);
    let i = this.items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  /** After the top reader moved on: put it in its place, or drop it when it is at its end. */
  settleTop(): void {
    const top = this.items[0];
    if (top === undefined) return;
    if (top.current === null) {
      const last = this.items.pop();
      if (last === undefined || this.items.length === 0) return;
      this.items[0] = last;
    }
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < this.items.length && this.less(l, m)) m = l;
      if (r < this.items.length && this.less(r, m)) m = r;
      if (m === i) return;
      this.swap(i, m);
      i = m;
    }
  }
}

export class DistinctStrings {
  private buffer = new Set<string>();
  private chars = 0;
  private readonly runs: string[] = [];
  private dir: string | null = null;
  private readonly budget: number;

  constructor(private readonly options: DistinctOptions = {}) {
    this.budget = options.budgetChars ?? DEFAULT_BUDGET_CHARS;
  }

  /** Run files written so far (0 while everything fits the budget). */
  get spilled(): number {
    return this.runs.length;
  }

  add(s: string): void {
    const before = this.buffer.size;
    this.buffer.add(s);
    if (this.buffer.size === before) return;
    this.chars += s.length + 16; // the set's own cost per entry, roughly
    if (this.chars >= this.budget) this.spill();
  }

  private spill(): void {
    if (this.buffer.size === 0) return;
    const sorted = [...this.buffer].sort(compare);
    this.buffer = new Set();
    this.chars = 0;
    this.writeRun(sorted);
  }

  /**
   * Write strings that are already distinct and in code-unit order as a run of their own (a caller that
   * gathers its own kind of buffer, such as posting lists); they take part in sorted() like any other.
   */
  writeRun(sorted: Iterable<string>): void {
    this.dir ??= mkdtempSync(path.join(this.options.parent ?? tmpdir(), '.kld-spill-'));
    const file = path.join(this.dir, `run-${this.runs.length}`);
    const fd = openSync(file, 'w');
    try {
      let text = '';
      for (const s of sorted) {
        text += `${encode(s)}\n`;
        if (text.length >= READ_CHUNK) {
          writeSync(fd, text);
          text = '';
        }
      }
      if (text !== '') writeSync(fd, text);
    } finally {
      closeSync(fd);
    }
    this.runs.push(file);
  }

  /** Every distinct string added, once, in code-unit order. Adding afterwards is an error; close() removes the runs. */
  *sorted(): Generator<string> {
    if (this.runs.length === 0) {
      const all = [...this.buffer].sort(compare);
      this.buffer = new Set();
      yield* all;
      return;
    }
    this.spill();
    const heap = new ReaderHeap();
    for (const file of this.runs) {
      const reader = new RunReader(file);
      if (reader.current !== null) heap.push(reader);
    }
    let last: string | null = null;
    for (let top = heap.peek(); top !== undefined; top = heap.peek()) {
      const s = top.current;
      top.next();
      heap.settleTop();
      if (s === null || s === last) continue;
      last = s;
      yield s;
    }
  }

  /** Remove the temporary directory of runs (safe to call more than once). */
  close(): void {
    this.buffer = new Set();
    if (this.dir !== null) rmSync(this.dir, { recursive: true, force: true });
    this.dir = null;
    this.runs.length = 0;
  }
}
