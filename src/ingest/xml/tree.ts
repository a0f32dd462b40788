/**
 * A light element tree over the tokens: elements with their source extent
 * and text nodes with per-character source offsets. Built iteratively (an
 * explicit stack), so deep nesting cannot overflow the call stack.
 */
import { present } from '../../errors.js';
import { tokenize, type XmlAttribute } from './tokenizer.js';

export interface XmlText {
  type: 'text';
  text: string;
  /** Source offset of every UTF-16 unit of text. */
  map: number[];
}

export interface XmlElement {
  type: 'element';
  name: string;
  attrs: Map<string, XmlAttribute>;
  /** Offset of "<" of the start tag. */
  start: number;
  /** Offset just past ">" of the end tag. */
  end: number;
  /** Offset just past the start tag (where the content begins). */
  contentStart: number;
  children: XmlNode[];
}

export type XmlNode = XmlElement | XmlText;

/** Parse a whole document into its root element. Throws XmlSyntaxError. */
export function parseXml(src: string): XmlElement {
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  for (const t of tokenize(src)) {
    if (t.kind === 'open') {
      const el: XmlElement = { type: 'element', name: t.name, attrs: t.attrs, start: t.start, end: t.end, contentStart: t.end, children: [] };
      const parent = stack.at(-1);
      if (parent) parent.children.push(el);
      else root = el;
      stack.push(el);
    } else if (t.kind === 'close') {
      const el = stack.pop();
      if (el) el.end = t.end;
    } else {
      // The tokenizer yields text only inside the root element.
      const parent = present(stack.at(-1), 'the element around a text');
      const last = parent.children.at(-1);
      // Adjacent text (split by a comment, PI or CDATA) is one text node.
      if (last && last.type === 'text') {
        last.text += t.text;
        for (const at of t.map) last.map.push(at); // not push(...t.map): a long text would overflow the stack
      } else {
        parent.children.push({ type: 'text', text: t.text, map: t.map });
      }
    }
  }
  if (!root) throw new Error('unreachable: the tokenizer guarantees a root element');
  return root;
}

export function attr(el: XmlElement, name: string): string | undefined {
  return el.attrs.get(name)?.value;
}

export function childElements(el: XmlElement, name?: string): XmlElement[] {
  const out: XmlElement[] = [];
  for (const c of el.children) if (c.type === 'element' && (name === undefined || c.name === name)) out.push(c);
  return out;
}

export function child(el: XmlElement, name: string): XmlElement | undefined {
  for (const c of el.children) if (c.type === 'element' && c.name === name) return c;
  return undefined;
}

/** All descendants (depth first, document order) with the given name, not looking inside matches. */
export function descendants(el: XmlElement, name: string): XmlElement[] {
  const out: XmlElement[] = [];
  const todo: XmlElement[] = [el];
  while (todo.length > 0) {
    const e = todo.pop() as XmlElement;
    const kids = childElements(e);
    for (const kid of [...kids].reverse()) {
      if (kid.name === name) out.push(kid);
      else todo.push(kid);
    }
  }
  // Matches at different depths are found out of order; document order is their start offset.
  return out.sort((a, b) => a.start - b.start);
}
