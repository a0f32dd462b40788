import { KldError } from '../../errors.js';
/**
 * A small, strict XML tokenizer for the official publication XML. One pass,
 * no backtracking and no recursion, so any size or depth is safe; every
 * character of text keeps its offset in the source, also where an entity or
 * a CDATA section stands, so spans point into the XML file itself.
 *
 * Strict where it matters for trust in the result: tags must nest and match,
 * attributes must be quoted and unique, "&" must start a known entity, and
 * there is one root element. Only the five predefined entities and character
 * references are expanded; a DOCTYPE is skipped and its entity declarations
 * are never expanded (no external or billion-laughs entities).
 */

export interface XmlAttribute {
  value: string;
  /** Offset of the value's first character (inside the quotes). */
  start: number;
}

export type XmlToken =
  | { kind: 'open'; name: string; attrs: Map<string, XmlAttribute>; start: number; end: number; selfClosing: boolean }
  | { kind: 'close'; name: string; start: number; end: number }
  /** Character data, decoded; map[i] is the source offset of text[i] (UTF-16 units). */
  | { kind: 'text'; text: string; map: number[] };

/** A well-formedness error at a source offset. */
/** Raised with an offset only; the XML reader turns it into an IngestError naming the file and line. */
export class XmlSyntaxError extends KldError {
  constructor(
    readonly offset: number,
    reason: string,
  ) {
    super('input', reason);
  }
}

const PREDEFINED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const NAME = /[\p{L}_:][\p{L}\p{N}\p{M}._:\-\u00B7]*/uy;
const SPACE = /[ \t\r\n]*/y;

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

/** Characters XML 1.0 forbids (C0 controls other than tab, LF, CR; lone surrogates are left to the decoder). */
function forbidden(code: number): boolean {
  return (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0xfffe || code === 0xffff;
}

export function* tokenize(src: string): Generator<XmlToken> {
  const stack: { name: string; start: number }[] = [];
  let i = 0;
  let rootSeen = false;
  let rootClosed = false;

  const readName = (at: number): string => {
    NAME.lastIndex = at;
    const m = NAME.exec(src);
    if (!m) throw new XmlSyntaxError(at, `a name was expected, found ${describe(src, at)}`);
    return m[0];
  };
  const skipSpace = (at: number): number => {
    SPACE.lastIndex = at;
    SPACE.exec(src);
    return SPACE.lastIndex;
  };

  /** Decode one reference at src[at] === '&'; returns the characters and the offset after ';'. */
  const reference = (at: number): { chars: string; next: number } => {
    const semi = src.indexOf(';', at);
    if (semi < 0 || semi - at > 12) throw new XmlSyntaxError(at, 'a bare "&" (write &amp;)');
    const body = src.slice(at + 1, semi);
    let code: number | null = null;
    if (/^#[0-9]+$/.test(body)) code = Number(body.slice(1));
    else if (/^#x[0-9a-fA-F]+$/.test(body)) code = parseInt(body.slice(2), 16);
    if (code !== null) {
      if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff) || forbidden(code) || code === 0) {
        throw new XmlSyntaxError(at, `character reference &${body}; is not an XML character`);
      }
      return { chars: String.fromCodePoint(code), next: semi + 1 };
    }
    const named = PREDEFINED[body];
    if (named === undefined) throw new XmlSyntaxError(at, `unknown entity &${body}; (only &lt; &gt; &amp; &quot; &apos; and character references are defined)`);
    return { chars: named, next: semi + 1 };
  };

  while (i < src.length) {
    const lt = src.indexOf('<', i);
    const textEnd = lt < 0 ? src.length : lt;
    if (textEnd > i) {
      // Character data with references decoded, each character mapped to its source offset.
      const out: string[] = [];
      const map: number[] = [];
      let j = i;
      while (j < textEnd) {
        const code = src.charCodeAt(j);
        if (code === 0x26) {
          const r = reference(j);
          if (r.next > textEnd) throw new XmlSyntaxError(j, 'a bare "&" (write &amp;)');
          // UTF-16 code units, one map entry each (an astral character takes two).
          for (let k = 0; k < r.chars.length; k++) {
            out.push(r.chars.charAt(k));
            map.push(j);
          }
          j = r.next;
          continue;
        }
        if (forbidden(code)) throw new XmlSyntaxError(j, `control character U+${code.toString(16).padStart(4, '0')} is not allowed in XML`);
        if (code === 0x3e && j >= 2 && src.startsWith(']]>', j - 2)) throw new XmlSyntaxError(j - 2, '"]]>" outside a CDATA section');
        out.push(src.charAt(j));
        map.push(j);
        j++;
      }
      const text = out.join('');
      if (stack.length === 0) {
        if (!/^[ \t\r\n]*$/.test(text)) {
          const at = map[text.search(/[^ \t\r\n]/)] ?? i;
          throw new XmlSyntaxError(at, rootClosed ? 'text after the root element' : 'text before the root element');
        }
      } else {
        yield { kind: 'text', text, map };
      }
      i = textEnd;
      if (lt < 0) break;
    }
    // src[i] === '<'
    if (src.startsWith('<!--', i)) {
      const end = src.indexOf('-->', i + 4);
      if (end < 0) throw new XmlSyntaxError(i, 'a comment that is never closed');
      i = end + 3;
      continue;
    }
    if (src.startsWith('<![CDATA[', i)) {
      if (stack.length === 0) throw new XmlSyntaxError(i, 'a CDATA section outside the root element');
      const start = i + 9;
      const end = src.indexOf(']]>', start);
      if (end < 0) throw new XmlSyntaxError(i, 'a CDATA section that is never closed');
      const map: number[] = [];
      for (let k = start; k < end; k++) map.push(k);
      if (end > start) yield { kind: 'text', text: src.slice(start, end), map };
      i = end + 3;
      continue;
    }
    if (src.startsWith('<!DOCTYPE', i)) {
      if (rootSeen) throw new XmlSyntaxError(i, 'a DOCTYPE after the root element started');
      i = skipDoctype(src, i);
      continue;
    }
    if (src.startsWith('<?', i)) {
      const end = src.indexOf('?>', i + 2);
      if (end < 0) throw new XmlSyntaxError(i, 'a processing instruction that is never closed');
      const target = readName(i + 2);
      if (target.toLowerCase() === 'xml' && i !== 0) throw new XmlSyntaxError(i, 'the XML declaration must stand at the very start');
      i = end + 2;
      continue;
    }
    if (src.startsWith('</', i)) {
      const name = readName(i + 2);
      let j = skipSpace(i + 2 + name.length);
      if (src[j] !== '>') throw new XmlSyntaxError(j, `">" expected to close </${name}, found ${describe(src, j)}`);
      const open = stack.pop();
      if (!open) throw new XmlSyntaxError(i, `</${name}> closes an element that was never opened`);
      if (open.name !== name) throw new XmlSyntaxError(i, `</${name}> closes <${open.name}> (opened at offset ${open.start})`);
      j++;
      yield { kind: 'close', name, start: i, end: j };
      if (stack.length === 0) rootClosed = true;
      i = j;
      continue;
    }
    // Start tag.
    const start = i;
    if (rootClosed) throw new XmlSyntaxError(i, 'a second root element');
    const name = readName(i + 1);
    let j = i + 1 + name.length;
    const attrs = new Map<string, XmlAttribute>();
    for (;;) {
      const afterSpace = skipSpace(j);
      const ch = src[afterSpace];
      if (ch === '>' || (ch === '/' && src[afterSpace + 1] === '>')) {
        j = afterSpace;
        break;
      }
      if (ch === undefined) throw new XmlSyntaxError(start, `<${name} is never closed`);
      if (afterSpace === j) throw new XmlSyntaxError(j, `white space expected between attributes of <${name}>, found ${describe(src, j)}`);
      const attr = readName(afterSpace);
      let k = skipSpace(afterSpace + attr.length);
      if (src[k] !== '=') throw new XmlSyntaxError(k, `"=" expected after attribute ${attr} of <${name}>`);
      k = skipSpace(k + 1);
      const quote = src[k];
      if (quote !== '"' && quote !== "'") throw new XmlSyntaxError(k, `the value of attribute ${attr} of <${name}> must be quoted`);
      const close = src.indexOf(quote, k + 1);
      if (close < 0) throw new XmlSyntaxError(k, `the value of attribute ${attr} of <${name}> is never closed`);
      const raw = src.slice(k + 1, close);
      const lt2 = raw.indexOf('<');
      if (lt2 >= 0) throw new XmlSyntaxError(k + 1 + lt2, `"<" in the value of attribute ${attr}`);
      let value = '';
      for (let p = 0; p < raw.length; ) {
        if (raw[p] === '&') {
          const r = reference(k + 1 + p);
          value += r.chars;
          p = r.next - (k + 1);
        } else {
          // Attribute-value normalisation: white-space characters become spaces.
          value += isSpace(raw.charCodeAt(p)) ? ' ' : raw[p];
          p++;
        }
      }
      if (attrs.has(attr)) throw new XmlSyntaxError(afterSpace, `attribute ${attr} appears twice on <${name}>`);
      attrs.set(attr, { value, start: k + 1 });
      j = close + 1;
    }
    const selfClosing = src[j] === '/';
    const end = j + (selfClosing ? 2 : 1);
    rootSeen = true;
    yield { kind: 'open', name, attrs, start, end, selfClosing };
    if (selfClosing) {
      yield { kind: 'close', name, start: end, end };
      if (stack.length === 0) rootClosed = true;
    } else {
      stack.push({ name, start });
    }
    i = end;
  }
  const open = stack.at(-1);
  if (open !== undefined) {
    throw new XmlSyntaxError(open.start, `<${open.name}> is never closed (the file ends inside it)`);
  }
  if (!rootSeen) throw new XmlSyntaxError(0, 'no root element');
}

/** Skip a DOCTYPE declaration, including an internal subset in brackets. */
function skipDoctype(src: string, at: number): number {
  let depth = 0;
  let quote: string | null = null;
  for (let j = at + 9; j < src.length; j++) {
    const ch = src[j];
    if (quote) {
      if (ch === quote) quote = null;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '[') depth++;
    else if (ch === ']') depth--;
    else if (ch === '>' && depth === 0) return j + 1;
  }
  throw new XmlSyntaxError(at, 'a DOCTYPE that is never closed');
}

function describe(src: string, at: number): string {
  if (at >= src.length) return 'the end of the file';
  return JSON.stringify(src.slice(at, at + 12));
}
