/**
 * A byte-level scanner of N-Quads lines: where a term ends and where white space does, without decoding the
 * line. The store snapshot (counting quads and graphs) and the Virtuoso loader (splitting the dump by graph)
 * both walk the build's dump with it.
 */
export const LT = 0x3c;
export const GT = 0x3e;
export const QUOTE = 0x22;
export const BACKSLASH = 0x5c;
export const HASH = 0x23;
export const CR = 0x0d;
export const UNDERSCORE = 0x5f;
export const CARET = 0x5e;
export const AT = 0x40;

export function isSpace(b: number | undefined): boolean {
  return b === 0x20 || b === 0x09 || b === CR;
}

export function skipSpace(buf: Buffer, i: number, end: number): number {
  while (i < end && isSpace(buf[i])) i++;
  return i;
}

/** Index just past the N-Quads term at i: <IRI>, _:label, or "literal" with @lang or ^^<datatype>. */
export function skipTerm(buf: Buffer, i: number, end: number): number {
  const c = buf[i];
  if (c === LT) {
    // IRIREF cannot hold ">" (it would be written \u003E).
    const close = buf.indexOf(GT, i + 1);
    return close < 0 || close >= end ? end : close + 1;
  }
  if (c === QUOTE) {
    let q = i + 1;
    for (;;) {
      q = buf.indexOf(QUOTE, q);
      if (q < 0 || q >= end) return end;
      // Escaped when preceded by an odd number of backslashes.
      let b = q - 1;
      while (b > i && buf[b] === BACKSLASH) b--;
      if ((q - 1 - b) % 2 === 0) break;
      q++;
    }
    let j = q + 1;
    if (buf[j] === AT) {
      while (j < end && !isSpace(buf[j])) j++;
    } else if (buf[j] === CARET && buf[j + 1] === CARET) {
      j = skipTerm(buf, j + 2, end);
    }
    return j;
  }
  while (i < end && !isSpace(buf[i])) i++;
  return i;
}
