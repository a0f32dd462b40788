/**
 * Running text out of OP XML elements, as Folded text: every character
 * carries its offset in the XML source, so citations, mentions and spans
 * found by the shared assembly point into the XML file.
 *
 * White space is folded as XML layout demands (a pretty-printed <al> is one
 * paragraph); footnotes (<noot>, standing inline where their marker is
 * printed) and repeat references (<nootref>) are left out of the running text,
 * as the text reader leaves out the marker digits.
 */
import { present } from '../../errors.js';
import type { Span } from '../../model.js';
import { joinFolded, type Folded } from '../fold.js';
import type { XmlElement, XmlNode } from './tree.js';

/** Inline elements whose content is not running text. */
const NOT_RUNNING = new Set(['noot', 'nootref', 'noot.nr']);

/** The inline text of an element, white space folded and trimmed. */
export function inlineText(el: XmlElement, skip: ReadonlySet<string> = NOT_RUNNING): Folded {
  const text: string[] = [];
  const map: number[] = [];
  /** Source offset of the white space waiting to become one space, or -1. */
  let pending = -1;
  const todo: XmlNode[] = [...el.children].reverse();
  while (todo.length > 0) {
    const n = todo.pop() as XmlNode;
    if (n.type === 'text') {
      // The map has one source offset per UTF-16 unit of the text.
      for (const [k, at] of n.map.entries()) {
        const ch = n.text.charAt(k);
        if (/\s/u.test(ch)) {
          if (pending < 0) pending = at;
          continue;
        }
        if (pending >= 0 && text.length > 0) {
          text.push(' ');
          map.push(pending);
        }
        pending = -1;
        text.push(ch);
        map.push(at);
      }
      continue;
    }
    if (skip.has(n.name)) continue;
    if (n.name === 'br') {
      if (pending < 0) pending = n.start;
      continue;
    }
    for (const c of [...n.children].reverse()) todo.push(c);
  }
  return { text: text.join(''), map };
}

/** Prefix a folded text with another, separated by one space ("1." + "Eerste punt."). */
export function prefixed(prefix: Folded, rest: Folded): Folded {
  if (prefix.text === '') return rest;
  if (rest.text === '') return prefix;
  // A non-empty text has a non-empty map: one offset per character.
  const space = present(prefix.map.at(-1), 'the offset of the last character of a prefix') + 1;
  return { text: `${prefix.text} ${rest.text}`, map: [...prefix.map, space, ...rest.map] };
}

/** One paragraph of running text: an <al>, a list item, a table cell, a sub-heading. */
export interface XmlParagraph {
  folded: Folded;
  el: XmlElement;
  /** "heading" for <tussenkop> and division headings (<kop>); "text" otherwise. */
  kind: 'text' | 'heading';
  /** The nearest enclosing <al-groep>, which keeps paragraphs together (an indented answer). */
  group: XmlElement | null;
}

/** Elements that only contain other blocks. */
const CONTAINERS = new Set(['algemeen', 'vrije-tekst', 'tekst', 'divisie', 'al-groep', 'lijst', 'li', 'table', 'tgroup', 'thead', 'tbody', 'tfoot', 'row', 'entry', 'tekst-sluiting', 'citaat', 'box']);
/** Blocks that are not running text of the paper's questions or answers. */
const NOT_BODY = new Set(['noot', 'nootref', 'ondertekening', 'plaatje', 'illustratie', 'colspec', 'spanspec', 'title', 'metadata']);

/**
 * The paragraphs of a block container in document order. A list item's
 * number is printed before its first paragraph, as in the PDF.
 */
export function paragraphs(container: XmlElement, skipNames: ReadonlySet<string> = new Set()): XmlParagraph[] {
  const out: XmlParagraph[] = [];
  type Item = { node: XmlElement; group: XmlElement | null; prefix: Folded | null };
  const todo: Item[] = [];
  const pushChildren = (el: XmlElement, group: XmlElement | null): void => {
    const kids = el.children.filter((c): c is XmlElement => c.type === 'element');
    let prefix: Folded | null = null;
    const items: Item[] = [];
    for (const k of kids) {
      if (el.name === 'li' && k.name === 'li.nr') {
        prefix = inlineText(k);
        continue;
      }
      items.push({ node: k, group, prefix });
      // Only the list item's first paragraph carries its number.
      if (prefix && (k.name === 'al' || CONTAINERS.has(k.name))) prefix = null;
    }
    for (const item of [...items].reverse()) todo.push(item);
  };
  pushChildren(container, container.name === 'al-groep' ? container : null);
  while (todo.length > 0) {
    const { node, group, prefix } = todo.pop() as Item;
    if (skipNames.has(node.name) || NOT_BODY.has(node.name)) continue;
    if (node.name === 'al' || node.name === 'tussenkop') {
      const folded = inlineText(node);
      const withPrefix = prefix ? prefixed(prefix, folded) : folded;
      if (withPrefix.text !== '') out.push({ folded: withPrefix, el: node, kind: node.name === 'al' ? 'text' : 'heading', group });
      continue;
    }
    if (node.name === 'kop') {
      // "I." + "Vragen en opmerkingen vanuit de fracties"; <kop> holds <nr> and <titel>.
      const pieces = node.children.filter((c): c is XmlElement => c.type === 'element').map((c) => inlineText(c));
      const folded = pieces.reduce((acc, p) => prefixed(acc, p), { text: '', map: [] } as Folded);
      if (folded.text !== '') out.push({ folded, el: node, kind: 'heading', group });
      continue;
    }
    if (CONTAINERS.has(node.name) || node.children.some((c) => c.type === 'element')) {
      pushChildren(node, node.name === 'al-groep' ? node : group);
      continue;
    }
    // An element this reader does not know, holding text: keep the text rather than drop it.
    const folded = inlineText(node);
    if (folded.text !== '') out.push({ folded, el: node, kind: 'text', group });
  }
  return out;
}

/** The folded text of paragraphs, separated by blank lines as the text reader separates them. */
export function joinParagraphs(ps: readonly XmlParagraph[]): Folded {
  return joinFolded(ps.map((p) => p.folded));
}

/** Source span of a folded text: its first character to just past its last. */
export function foldedSpan(f: Folded): Span {
  const [start] = f.map;
  const last = f.map.at(-1);
  if (start === undefined || last === undefined) return { start: 0, end: 0 };
  return { start, end: last + 1 };
}

/** Source span from the first to the last of some paragraphs, or null for none. */
export function spanOfParagraphs(ps: readonly XmlParagraph[]): Span | null {
  const [first] = ps;
  const last = ps.at(-1);
  return first && last ? spanFromTo(first.folded, last.folded) : null;
}

/** Source span from the start of one folded text to the end of another. */
export function spanFromTo(first: Folded, last: Folded): Span {
  return { start: foldedSpan(first).start, end: foldedSpan(last).end };
}
