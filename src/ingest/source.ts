/** Reading a source file: decoding, and refusing what cannot be a paper (empty, binary, not UTF-8). */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { IngestError } from '../errors.js';
import type { SourceInfo } from '../model.js';

export interface SourceText {
  path: string;
  info: SourceInfo;
  /** The decoded text; every offset in the model points into it. */
  text: string;
}

export function readSource(path: string): SourceText {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new IngestError({ file: path }, `cannot read the file (${code})`);
  }
  return decodeSource(path, bytes);
}

export function decodeSource(path: string, bytes: Buffer): SourceText {
  if (bytes.length === 0) throw new IngestError({ file: path }, 'the file is empty');
  const nul = bytes.indexOf(0);
  if (nul >= 0) throw new IngestError({ file: path, offset: nul }, 'binary content (a NUL byte): not a text extract');
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') {
    throw new IngestError({ file: path }, 'this is a PDF; give the text extracted from it (pdftotext) instead');
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new IngestError({ file: path }, 'not valid UTF-8 text');
  }
  // A BOM is not content; keep offsets relative to the decoded text without it.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') throw new IngestError({ file: path }, 'the file holds only white space');
  const format = /^\s*<(\?xml|!--|!DOCTYPE|officiele-publicatie|kamerstuk|kamervragen|html)/i.test(text) ? 'xml' : 'text';
  return {
    path,
    text,
    info: {
      file: basename(path),
      sha256: createHash('sha256').update(bytes).digest('hex'),
      length: text.length,
      format,
    },
  };
}
