/**
 * A seeded generator of broken and odd versions of real papers: the byte and
 * line mutations a paper meets on its way from PDF or Word to a text file
 * (truncation, flipped bytes, shuffled, doubled and lost lines, CRLF, BOM,
 * UTF-16, no-break and zero-width spaces, form feeds, tabs, one long line,
 * emoji). The same seed gives the same cases, so a failure can be replayed.
 */

/** mulberry32: small, fast, good enough to pick mutations; deterministic per seed. */
export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(items: readonly T[]): T {
    const item = items[this.int(items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }
}

export interface Mutation {
  name: string;
  apply: (bytes: Buffer, rng: Rng) => Buffer;
}

const utf8 = (b: Buffer): string => b.toString('utf8');
const enc = (s: string): Buffer => Buffer.from(s, 'utf8');
/** A mutation of the text (as lines or as a whole). */
const onText = (name: string, f: (text: string, rng: Rng) => string): Mutation => ({ name, apply: (b, rng) => enc(f(utf8(b), rng)) });
const onLines = (name: string, f: (lines: string[], rng: Rng) => string[]): Mutation => onText(name, (t, rng) => f(t.split('\n'), rng).join('\n'));

/** Unicode white space and invisible characters that PDF and Word extraction leave in text. */
export const ODD_SPACES = ['\t', '\u00a0', '\u202f', '\u2009', '\u2002', '\u3000', '\u200b', '\u200d', '\u2060', '\ufeff', '\f'];
const ASTRAL = ['😀', '🇳🇱', '𝐀', '🙂', '𠀋'];

/** Replace some occurrences of a pattern, each with probability p. */
function replaceSome(text: string, pattern: RegExp, p: number, rng: Rng, by: (m: string) => string): string {
  return text.replace(pattern, (m) => (rng.next() < p ? by(m) : m));
}

/** Insert `what()` at `count` random character positions (never inside a surrogate pair). */
function insertAt(text: string, count: number, rng: Rng, what: () => string): string {
  const cuts = Array.from({ length: count }, () => rng.int(text.length + 1)).sort((a, b) => a - b);
  let out = '';
  let from = 0;
  for (let c of cuts) {
    if (c > 0 && c < text.length && (text.charCodeAt(c) & 0xfc00) === 0xdc00) c++;
    if (c < from) continue;
    out += text.slice(from, c) + what();
    from = c;
  }
  return out + text.slice(from);
}

export const MUTATIONS: readonly Mutation[] = [
  { name: 'truncate', apply: (b, rng) => b.subarray(0, rng.int(b.length + 1)) },
  {
    name: 'flip bytes',
    apply: (b, rng) => {
      const out = Buffer.from(b);
      for (let k = 1 + rng.int(8); k > 0 && out.length > 0; k--) {
        const i = rng.int(out.length);
        out[i] = (out[i] ?? 0) ^ (1 << rng.int(8));
      }
      return out;
    },
  },
  onLines('shuffle lines', (lines, rng) => {
    // A window of lines shuffled (a page read out of order), or all of them.
    const all = rng.next() < 0.2;
    const from = all ? 0 : rng.int(lines.length);
    const to = all ? lines.length : Math.min(lines.length, from + 2 + rng.int(40));
    const out = [...lines];
    for (let i = to - 1; i > from; i--) {
      const j = from + rng.int(i - from + 1);
      [out[i], out[j]] = [out[j] ?? '', out[i] ?? ''];
    }
    return out;
  }),
  onLines('duplicate lines', (lines, rng) => lines.flatMap((l) => (rng.next() < 0.05 ? [l, l] : [l]))),
  onLines('delete lines', (lines, rng) => lines.filter(() => rng.next() >= 0.08)),
  onText('CRLF', (t) => t.replace(/\n/g, '\r\n')),
  onText('CR only', (t) => t.replace(/\n/g, '\r')),
  { name: 'UTF-8 BOM', apply: (b) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), b]) },
  { name: 'UTF-16LE with BOM', apply: (b) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(utf8(b), 'utf16le')]) },
  {
    name: 'UTF-16BE with BOM',
    apply: (b) => {
      const le = Buffer.from(utf8(b), 'utf16le');
      return Buffer.concat([Buffer.from([0xfe, 0xff]), le.swap16()]);
    },
  },
  onText('no-break spaces', (t, rng) => replaceSome(t, / /g, 0.2, rng, () => rng.pick(['\u00a0', '\u202f']))),
  onText('zero-width characters', (t, rng) => insertAt(t, 1 + rng.int(60), rng, () => rng.pick(['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff']))),
  onLines('form feeds', (lines, rng) => lines.map((l) => (rng.next() < 0.05 ? `\f${l}` : l))),
  onText('tabs', (t, rng) => replaceSome(t, / /g, 0.15, rng, () => '\t')),
  onText('one line', (t) => t.replace(/\r?\n/g, ' ')),
  onLines('doubled lines', (lines) => lines.flatMap((l) => [l, l])),
  onText('emoji', (t, rng) => replaceSome(t, /(?<=\s)(?=\S)/g, 0.1, rng, () => `${rng.pick(ASTRAL)} `)),
  onText('heading white space', (t, rng) => t.replace(/^(\s*)(Vraag|Vragen|Antwoord|Antwoorden)( )(\d)/gm, (_, lead: string, word: string, __: string, d: string) => `${lead}${word}${rng.pick(ODD_SPACES)}${d}`)),
  onText('control characters', (t, rng) => insertAt(t, 1 + rng.int(10), rng, () => String.fromCharCode(rng.pick([1, 7, 8, 11, 27, 127, 0x85])))),
];

/** One case: a paper, one to three mutations, and the bytes they give. */
export interface Case {
  paper: string;
  mutations: string[];
  bytes: Buffer;
}

/**
 * The n-th case of a run: papers in turn, mutations at random (one, or two or
 * three combined); big papers mostly cut to a prefix so that a case takes tens
 * of milliseconds, and read whole now and then.
 */
export function makeCase(n: number, papers: readonly { name: string; bytes: Buffer }[], rng: Rng, maxBytes = 16_000): Case {
  const paper = papers[n % papers.length];
  if (paper === undefined) throw new Error('no papers');
  let bytes = paper.bytes;
  if (bytes.length > maxBytes && rng.next() < 0.97) bytes = bytes.subarray(0, maxBytes);
  const count = rng.next() < 0.7 ? 1 : 2 + rng.int(2);
  const names: string[] = [];
  for (let k = 0; k < count; k++) {
    const m = rng.pick(MUTATIONS);
    names.push(m.name);
    bytes = m.apply(bytes, rng);
  }
  return { paper: paper.name, mutations: names, bytes };
}
