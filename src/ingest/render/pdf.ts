/**
 * PDF read directly with pdfjs-dist (the legacy build, the one meant for
 * Node): the text items of every page with their positions and sizes. What
 * is running text, footnote, running head, footer, page number or colophon is
 * told from that geometry (./geometry.ts), not guessed from the text; the
 * lines are then written out as the normalised source text (./synth.ts).
 */
import type * as PdfJsModule from 'pdfjs-dist/legacy/build/pdf.mjs';
import { IngestError } from '../../errors.js';
import type { SourceText } from '../source.js';
import { sourceInfo } from '../source.js';
import { pageLines, type PdfPage, type TextItem } from './geometry.js';
import { synthesise } from './synth.js';

type PdfJs = typeof PdfJsModule;
let pdfjs: Promise<PdfJs> | null = null;

/** Loaded on first use: pdfjs is large, and most runs read no PDF. */
function loadPdfJs(): Promise<PdfJs> {
  pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  return pdfjs;
}

/** The positioned text of every page. */
export async function pdfPages(path: string, bytes: Buffer): Promise<PdfPage[]> {
  const { getDocument } = await loadPdfJs();
  // pdfjs takes ownership of (and detaches) the buffer it is given: hand it a copy.
  const data = new Uint8Array(bytes.byteLength);
  data.set(bytes);
  const task = getDocument({ data, verbosity: 0, isEvalSupported: false, disableFontFace: true, useSystemFonts: false, stopAtErrors: false });
  let doc: Awaited<typeof task.promise>;
  try {
    doc = await task.promise;
  } catch (err) {
    const name = (err as { name?: string }).name ?? '';
    if (name === 'PasswordException') throw new IngestError({ file: path }, 'a password-protected PDF: cannot read its text');
    const reason = err instanceof Error ? err.message : String(err);
    throw new IngestError({ file: path }, `not a readable PDF (${reason})`);
  }
  try {
    const pages: PdfPage[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const [x0 = 0, y0 = 0, x1 = 0, y1 = 0] = page.view; // [x0, y0, x1, y1] of the page box
      const content = await page.getTextContent();
      const items: TextItem[] = [];
      for (const it of content.items) {
        if (!('str' in it) || it.str === '') continue;
        const [a = 1, b = 0, , , e = 0, f = 0] = it.transform as number[]; // a 6-number matrix
        // Rotated text (a vertical note in the margin) is not running text.
        if (Math.abs(b) > Math.abs(a) * 0.1) continue;
        items.push({ str: it.str, x: e - x0, y: f - y0, width: it.width, height: it.height });
      }
      pages.push({ width: x1 - x0, height: y1 - y0, items });
      page.cleanup();
    }
    return pages;
  } catch (err) {
    if (err instanceof IngestError) throw err;
    const reason = err instanceof Error ? err.message : String(err);
    throw new IngestError({ file: path }, `a damaged PDF: ${reason}`);
  } finally {
    await doc.destroy();
  }
}

export async function readPdf(path: string, bytes: Buffer): Promise<SourceText> {
  const pages = await pdfPages(path, bytes);
  const chars = pages.reduce((n, p) => n + p.items.reduce((m, it) => m + it.str.trim().length, 0), 0);
  if (chars === 0) {
    throw new IngestError({ file: path }, `a PDF of ${pages.length} page(s) without a text layer (a scan?): it needs OCR first`);
  }
  const { text, layout } = synthesise(pageLines(pages), { style: 'inline' });
  return { path, text, layout, info: sourceInfo(path, bytes, text, 'pdf') };
}
