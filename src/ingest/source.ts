/**
 * Reading a source file: telling its format from its content (never from the
 * file name), decoding it, and refusing what cannot be a paper. Binary
 * renderings (PDF, Word) are handed to their readers in ./render, which
 * synthesise the text every span of the model points into.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { IngestError } from '../errors.js';
import type { SourceInfo } from '../model.js';
import type { Layout } from './layout.js';
import { htmlSource } from './render/html.js';

export interface SourceText {
  path: string;
  info: SourceInfo;
  /** The decoded (or, for PDF and Word, synthesised) text; every offset in the model points into it. */
  text: string;
  /**
   * The page layout when the reader knew it from the rendering itself (PDF
   * geometry, Word footnotes) rather than having to find it in the text. Its
   * lines are `splitLines(text)` with pages set.
   */
  layout?: Layout;
  /**
   * The publication's metadata record (metadata.xml of the official
   * repository) when it lies beside an official XML file: `{name}.metadata.xml`
   * or `metadata.xml` in the same folder.
   */
  metadata?: { path: string; text: string };
}

export type SourceFormat = SourceInfo['format'];

/** What the first bytes say a file is. */
export type Sniffed = { kind: 'pdf' } | { kind: 'zip' } | { kind: 'text'; encoding: 'utf-8' | 'utf-16le' | 'utf-16be'; bom: number } | { kind: 'binary'; what: string; offset?: number };

/** Signatures of binary formats that are not papers this tool reads, with what to do instead. */
const BINARY_SIGNATURES: { bytes: number[]; what: string }[] = [
  { bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], what: 'an old Word/Office 97-2003 file (.doc): save it as .docx or PDF' },
  { bytes: [0x89, 0x50, 0x4e, 0x47], what: 'a PNG image: a scan needs OCR first' },
  { bytes: [0xff, 0xd8, 0xff], what: 'a JPEG image: a scan needs OCR first' },
  { bytes: [0x47, 0x49, 0x46, 0x38], what: 'a GIF image' },
  { bytes: [0x49, 0x49, 0x2a, 0x00], what: 'a TIFF image: a scan needs OCR first' },
  { bytes: [0x4d, 0x4d, 0x00, 0x2a], what: 'a TIFF image: a scan needs OCR first' },
  { bytes: [0x1f, 0x8b], what: 'a gzip archive: unpack it first' },
];

function startsWith(bytes: Buffer, sig: readonly number[], at = 0): boolean {
  if (bytes.length < at + sig.length) return false;
  return sig.every((b, i) => bytes[at + i] === b);
}

/**
 * UTF-16 without a byte order mark: in Dutch text nearly every other byte is
 * NUL (the high byte of an ASCII character); which half holds the NULs gives
 * the byte order.
 */
function utf16WithoutBom(bytes: Buffer): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length - (bytes.length % 2), 4096);
  if (n < 4) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  if (oddNul > pairs * 0.6 && evenNul < pairs * 0.05) return 'utf-16le';
  if (evenNul > pairs * 0.6 && oddNul < pairs * 0.05) return 'utf-16be';
  return null;
}

/** The format of a file from its bytes. Each format is recognised before the NUL-byte test for binaries. */
export function sniff(bytes: Buffer): Sniffed {
  // A PDF header may be preceded by junk (the format allows up to 1024 bytes).
  const head = bytes.subarray(0, 1024).toString('latin1');
  if (head.startsWith('%PDF-') || /^[\s\S]{0,1019}%PDF-\d/.test(head)) return { kind: 'pdf' };
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return { kind: 'zip' };
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return { kind: 'text', encoding: 'utf-8', bom: 3 };
  if (startsWith(bytes, [0xff, 0xfe])) return { kind: 'text', encoding: 'utf-16le', bom: 2 };
  if (startsWith(bytes, [0xfe, 0xff])) return { kind: 'text', encoding: 'utf-16be', bom: 2 };
  const utf16 = utf16WithoutBom(bytes);
  if (utf16) return { kind: 'text', encoding: utf16, bom: 0 };
  for (const sig of BINARY_SIGNATURES) if (startsWith(bytes, sig.bytes)) return { kind: 'binary', what: sig.what };
  const nul = bytes.indexOf(0);
  if (nul >= 0) return { kind: 'binary', what: 'binary content (a NUL byte): not text, PDF, Word or XML', offset: nul };
  return { kind: 'text', encoding: 'utf-8', bom: 0 };
}

/**
 * Decode text bytes. UTF-8 first; bytes that are not valid UTF-8 are read as
 * Windows-1252 (the superset of latin-1 that Dutch Windows software writes),
 * which can decode any byte sequence.
 */
export function decodeText(path: string, bytes: Buffer, encoding: 'utf-8' | 'utf-16le' | 'utf-16be', bom: number): { text: string; encoding: string } {
  const body = bytes.subarray(bom);
  if (encoding !== 'utf-8') {
    if (body.length % 2 !== 0) throw new IngestError({ file: path, offset: bytes.length - 1 }, `${encoding.toUpperCase()} text with an odd number of bytes: the file is cut off`);
    try {
      return { text: new TextDecoder(encoding, { fatal: true }).decode(body), encoding };
    } catch {
      throw new IngestError({ file: path }, `not valid ${encoding.toUpperCase()} text (unpaired surrogates)`);
    }
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(body), encoding: 'windows-1252' };
  }
}

/** The markup a decoded text opens with: official XML, an HTML page, or none (plain text). */
export function markupOf(text: string): 'xml' | 'html' | null {
  // Skip the XML declaration, comments, processing instructions and doctype to the root element.
  const prolog = /^\s*(?:<\?[\s\S]*?\?>\s*|<!--[\s\S]*?-->\s*)*(?:<!DOCTYPE\s+([A-Za-z][\w:.-]*)[^>[]*(?:\[[\s\S]*?\])?\s*>\s*)?(?:<!--[\s\S]*?-->\s*)*<([A-Za-z][\w:.-]*)/i.exec(text);
  const [, doctypeName, rootName] = prolog ?? [];
  if (rootName === undefined) return null;
  const doctype = doctypeName?.toLowerCase();
  const root = rootName.toLowerCase();
  if (doctype === 'html' || root === 'html') return 'html';
  return 'xml';
}

export function sourceInfo(path: string, bytes: Buffer, text: string, format: SourceFormat): SourceInfo {
  return {
    file: basename(path),
    sha256: createHash('sha256').update(bytes).digest('hex'),
    length: text.length,
    format,
    // The decoded text every span points into: published as documents/{id}.txt (src/rdf/emit/provenance.ts).
    text,
  };
}

/**
 * Decode a text rendering (plain text, official XML, HTML) held in memory.
 * Binary renderings are refused here: they need the asynchronous readSource.
 */
export function decodeSource(path: string, bytes: Buffer): SourceText {
  if (bytes.length === 0) throw new IngestError({ file: path }, 'the file is empty');
  const kind = sniff(bytes);
  switch (kind.kind) {
    case 'pdf':
      throw new IngestError({ file: path }, 'this is a PDF; read it from its file (readSource), not from text in memory');
    case 'zip':
      throw new IngestError({ file: path }, 'this is a zip archive (a Word .docx?); read it from its file (readSource), not from bytes in memory');
    case 'binary':
      throw new IngestError(kind.offset === undefined ? { file: path } : { file: path, offset: kind.offset }, kind.what);
    case 'text':
      break;
  }
  const { text } = decodeText(path, bytes, kind.encoding, kind.bom);
  if (text.trim() === '') throw new IngestError({ file: path }, 'the file holds only white space');
  if (text.indexOf('\u0000') >= 0) throw new IngestError({ file: path, offset: text.indexOf('\u0000') }, 'binary content (a NUL character in the decoded text)');
  const markup = markupOf(text);
  if (markup === 'html') return htmlSource(path, bytes, text);
  return { path, text, info: sourceInfo(path, bytes, text, markup ?? 'text') };
}

export async function readBytes(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new IngestError({ file: path }, `cannot read the file (${code})`);
  }
}

/** Read a source file in whichever rendering it comes: the format is told from the content. */
export async function readSource(path: string): Promise<SourceText> {
  const bytes = await readBytes(path);
  if (bytes.length === 0) throw new IngestError({ file: path }, 'the file is empty');
  const kind = sniff(bytes);
  if (kind.kind === 'pdf') return (await import('./render/pdf.js')).readPdf(path, bytes);
  if (kind.kind === 'zip') return (await import('./render/docx.js')).readDocx(path, bytes);
  const source = decodeSource(path, bytes);
  if (source.info.format === 'xml') {
    const metadata = await metadataBeside(path);
    if (metadata) source.metadata = metadata;
  }
  return source;
}

/** The metadata record beside an official XML file, if one lies there (and is not the file itself). */
async function metadataBeside(path: string): Promise<SourceText['metadata'] | null> {
  const name = basename(path).replace(/\.xml$/i, '');
  for (const candidate of [join(dirname(path), `${name}.metadata.xml`), join(dirname(path), 'metadata.xml')]) {
    if (candidate === path) continue;
    try {
      const text = new TextDecoder('utf-8', { fatal: true }).decode(await readFile(candidate));
      if (/<metadata_gegevens[\s>]/.test(text)) return { path: candidate, text };
    } catch {
      // Absent or unreadable: the paper is read without it.
    }
  }
  return null;
}
