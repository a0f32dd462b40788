/**
 * HTML read with a real parser (htmlparser2): the publication platform's
 * pages (officielebekendmakingen.nl / repository.overheid.nl, XHTML with the
 * paper in <div id="broodtekst">), pages of tweedekamer.nl, and the HTML that
 * mammoth makes of a Word file. Structure comes from the markup: each block
 * element (paragraph, heading, list item, table row) is a paragraph of its
 * own; footnotes are the platform's notes or mammoth's footnote list, their
 * references in the text become the number glued to the word before it, as
 * the official renderings print them; navigation, scripts and styles are not
 * the paper. The page's identifier (<meta name="DC.identifier">) is kept as a
 * colophon line, as the PDF prints it.
 */
import { parseDocument } from 'htmlparser2';
import { IngestError } from '../../errors.js';
import { sourceInfo, type SourceText } from '../source.js';
import { synthesise, type SynthLine } from './synth.js';

/** The parts of htmlparser2's DOM this reader uses. */
interface DomNode {
  type: string;
  name?: string;
  attribs?: Record<string, string>;
  children?: DomNode[];
  data?: string;
}

const BLOCK = new Set([
  'p',
  'div',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'li',
  'tr',
  'blockquote',
  'pre',
  'section',
  'article',
  'main',
  'dt',
  'dd',
  'table',
  'tbody',
  'thead',
  'ul',
  'ol',
  'dl',
  'figure',
  'figcaption',
  'caption',
  'address',
  'center',
]);
/** Not the paper: scripts, styles, forms and the site's navigation. */
const SKIP = new Set(['script', 'style', 'noscript', 'template', 'head', 'nav', 'form', 'button', 'select', 'iframe', 'svg', 'canvas', 'object', 'img', 'input', 'textarea']);
/** Site chrome by id or class (the platform's and tweedekamer.nl's menus, breadcrumbs, cookie banners). */
const CHROME = /(^|[\s_-])(nav|navigation|menu|breadcrumb|cookie|skiplink|skip-link|sidebar|share|social|search|zoek|kopregel|voetregel|inhoudsopgave)($|[\s_-])/i;

export interface HtmlReading {
  lines: SynthLine[];
  /** <meta name="…" content="…"> of the page head, by name. */
  meta: Map<string, string[]>;
}

const isTag = (n: DomNode): boolean => n.type === 'tag' || n.type === 'script' || n.type === 'style';
const attrOf = (n: DomNode, name: string): string => n.attribs?.[name] ?? '';

function find(n: DomNode, pred: (n: DomNode) => boolean): DomNode | null {
  const stack: DomNode[] = [n];
  while (stack.length > 0) {
    const cur = stack.pop() as DomNode;
    if (isTag(cur) && pred(cur)) return cur;
    const kids = cur.children ?? [];
    for (const kid of [...kids].reverse()) stack.push(kid);
  }
  return null;
}

/** A footnote's number from its id or href: "footnote-3", "#footnote-ref-3", "noot3", "fn3", "n3". */
function noteNumber(s: string): number | null {
  const m = /(?:footnote|endnote|noot|note|fn|n)(?:-ref)?[-_]?(\d{1,3})$/i.exec(s.replace(/^#/, ''));
  return m ? Number(m[1]) : null;
}

export function readHtml(html: string): HtmlReading {
  const doc = parseDocument(html, { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true }) as unknown as DomNode;
  const meta = new Map<string, string[]>();
  const head = find(doc, (n) => n.name === 'head');
  if (head) {
    const stack: DomNode[] = [head];
    while (stack.length > 0) {
      const n = stack.pop() as DomNode;
      if (n.name === 'meta' && attrOf(n, 'name') && attrOf(n, 'content').trim() !== '') {
        const list = meta.get(attrOf(n, 'name')) ?? [];
        list.push(attrOf(n, 'content').replace(/\s+/g, ' ').trim());
        meta.set(attrOf(n, 'name'), list);
      }
      for (const c of n.children ?? []) stack.push(c);
    }
  }
  // The paper's own container where the page marks it; else the body; else the whole document.
  const root = find(doc, (n) => attrOf(n, 'id') === 'broodtekst') ?? find(doc, (n) => n.name === 'main') ?? find(doc, (n) => n.name === 'article') ?? find(doc, (n) => n.name === 'body') ?? doc;

  const lines: SynthLine[] = [];
  const notes: { number: number; text: string }[] = [];
  let current = '';
  const flush = (): void => {
    const text = current.replace(/\s+/g, ' ').trim();
    if (text !== '') {
      lines.push({ role: 'content', text, paragraphEnd: true });
      lines.push({ role: 'content', text: '' });
    }
    current = '';
  };

  /** A footnote body: a list item or block whose id names a note and that is not a reference to one. */
  const noteBody = (n: DomNode): number | null => {
    const id = attrOf(n, 'id');
    if (!id || /ref/i.test(id)) return null;
    if (!/footnote|endnote|noot|^fn/i.test(id)) return null;
    return noteNumber(id);
  };
  const inline = (n: DomNode): string => {
    let out = '';
    walk(
      n,
      (t) => {
        out += t;
      },
      true,
    );
    return out;
  };

  function walk(n: DomNode, emit: (t: string) => void, inNote: boolean): void {
    if (n.type === 'text') {
      emit(n.data ?? '');
      return;
    }
    if (!isTag(n) && n.type !== 'root') {
      for (const c of n.children ?? []) walk(c, emit, inNote);
      return;
    }
    const name = n.name ?? '';
    if (SKIP.has(name)) return;
    if (n !== root && CHROME.test(`${attrOf(n, 'id')} ${attrOf(n, 'class')} ${attrOf(n, 'role') === 'navigation' ? 'nav' : ''}`)) return;
    const body = inNote ? null : noteBody(n);
    if (body !== null) {
      // The note's own back-link ("↑") is not its text.
      const text = inline(n)
        .replace(/\s*[↑^]\s*$/u, '')
        .replace(/\s+/g, ' ')
        .trim();
      notes.push({ number: body, text: text.replace(new RegExp(`^${body}[.)]?\\s+`), '') });
      return;
    }
    const href = attrOf(n, 'href');
    const ref = name === 'a' && href.startsWith('#') && /ref|footnote|endnote|noot|fn/i.test(`${href} ${attrOf(n, 'id')} ${attrOf(n, 'class')}`) ? noteNumber(href) : null;
    if (ref !== null && !inNote) {
      // The marker glued to the word before it, as printed: "beantwoorden?1".
      if (emit === pushText) current = current.replace(/\s+$/, '');
      emit(String(ref));
      return;
    }
    if (name === 'br') {
      if (emit === pushText) flush();
      else emit(' ');
      return;
    }
    const block = BLOCK.has(name);
    if (block && emit === pushText) flush();
    for (const c of n.children ?? []) walk(c, emit, inNote);
    if (name === 'td' || name === 'th') emit(' ');
    if (block && emit === pushText) flush();
  }
  function pushText(t: string): void {
    current += t;
  }

  walk(root, pushText, false);
  flush();
  const id = meta.get('DC.identifier')?.find((v) => /^(kst|ah-tk|ah-ek|h-tk|h-ek|kv-tk|nds-tk|blg)-[\w-]+$/.test(v));
  if (id) lines.push({ role: 'furniture', text: id });
  notes.sort((a, b) => a.number - b.number);
  for (const note of notes) {
    if (note.text === '') continue;
    const prefix = `${note.number} `;
    lines.push({ role: 'footnote', text: `${prefix}${note.text}`, note: { number: note.number, prefix: prefix.length } });
  }
  return { lines, meta };
}

/** An HTML page as a source: the paper's text synthesised from the markup, with its Layout. */
export function htmlSource(path: string, bytes: Buffer, html: string): SourceText {
  const { lines } = readHtml(html);
  if (!lines.some((l) => l.role === 'content' && l.text.trim() !== '')) {
    throw new IngestError({ file: path }, 'an HTML page without text in its body');
  }
  const { text, layout } = synthesise(lines, { style: 'inline' });
  return { path, text, layout, info: sourceInfo(path, bytes, text, 'html') };
}
