/**
 * Word (.docx), as the Tweede Kamer publishes answers, read with mammoth:
 * converted to HTML (paragraphs, headings, lists, tables, footnotes as
 * markup) and read from that markup (./html.ts). Images are dropped: a
 * scanned page inside a Word file has no text to give.
 */
import type MammothModule from 'mammoth';
import { IngestError } from '../../errors.js';
import type { SourceText } from '../source.js';
import { sourceInfo } from '../source.js';
import { readHtml } from './html.js';
import { synthesise } from './synth.js';

type Mammoth = typeof MammothModule;
let mammothModule: Promise<Mammoth> | null = null;

/** A Word file is a zip that holds word/document.xml; the name is stored as plain text in the zip's directory. */
export function isDocx(bytes: Buffer): boolean {
  return bytes.includes('word/document.xml', 0, 'latin1');
}

export async function readDocx(path: string, bytes: Buffer): Promise<SourceText> {
  if (!isDocx(bytes)) {
    throw new IngestError({ file: path }, 'a zip archive without word/document.xml: not a Word document (.docx); unpack it and give the paper itself');
  }
  mammothModule ??= import('mammoth');
  const mammoth = await mammothModule;
  const convert = (mammoth as unknown as { default?: Mammoth }).default?.convertToHtml ?? mammoth.convertToHtml;
  let html: string;
  try {
    // Nothing outside the document is read (linked files), only its own parts.
    const result = await convert({ buffer: bytes }, { externalFileAccess: false, ignoreEmptyParagraphs: true });
    html = result.value;
  } catch (err) {
    const reason = err instanceof Error ? err.message.split('\n')[0] : String(err);
    throw new IngestError({ file: path }, `a damaged Word document (${reason})`);
  }
  const { lines } = readHtml(`<html><body>${html}</body></html>`);
  if (!lines.some((l) => l.role === 'content' && l.text.trim() !== '')) {
    throw new IngestError({ file: path }, 'a Word document without text (only images or empty paragraphs)');
  }
  const { text, layout } = synthesise(lines, { style: 'inline' });
  return { path, text, layout, info: sourceInfo(path, bytes, text, 'docx') };
}
