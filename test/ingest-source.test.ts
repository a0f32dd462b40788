/** Telling a source's rendering from its content, whatever the file is called. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDocument } from '../src/read.js';
import { decodeSource, markupOf, readSource, sniff } from '../src/ingest/source.js';
import { hasShared, seedFile, sharedCorpus } from './helpers.js';

const seedText = readFileSync(seedFile, 'utf8');
const dir = mkdtempSync(join(tmpdir(), 'kld-source-'));
const write = (name: string, bytes: Buffer): string => {
  const p = join(dir, name);
  writeFileSync(p, bytes);
  return p;
};

function utf16be(text: string): Buffer {
  const le = Buffer.from(text, 'utf16le');
  le.swap16(); // UTF-16LE to BE: swap the bytes of each unit
  return le;
}

describe('source formats told by content', () => {
  it.each([
    ['UTF-16LE with BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(seedText, 'utf16le')])],
    ['UTF-16LE without BOM', Buffer.from(seedText, 'utf16le')],
    ['UTF-16BE with BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(seedText)])],
    ['UTF-16BE without BOM', utf16be(seedText)],
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(seedText, 'utf8')])],
    [
      'Windows-1252 (latin-1)',
      Buffer.from(
        seedText.replace(/[–’‘“”«»…]/g, (c) => ({ '–': '-', '’': "'", '‘': "'", '“': '"', '”': '"', '«': '"', '»': '"', '…': '...' })[c] ?? c),
        'latin1',
      ),
    ],
  ])('the seed paper in %s gives the seed model', async (name, bytes) => {
    // Named .bin: the extension says nothing.
    const doc = await readDocument(write(`${name.replace(/\W+/g, '-')}.bin`, bytes));
    expect(doc.id).toBe('kst-26150-187');
    const seed = await readDocument(seedFile);
    expect(doc.blocks.map((b) => `${b.numbers.join('+')}:${b.faction}:${b.answer?.numbers.join('+') ?? '-'}`)).toEqual(seed.blocks.map((b) => `${b.numbers.join('+')}:${b.faction}:${b.answer?.numbers.join('+') ?? '-'}`));
    expect(doc.blocks.filter((b) => b.answer !== null)).toHaveLength(117);
    expect(doc.source.format).toBe('text');
    expect(doc.blocks.some((b) => /é|ë/.test(b.questionText + (b.answer?.text ?? '')))).toBe(true);
  });

  it.each([
    [Buffer.from('%PDF-1.7\n'), 'pdf'],
    [Buffer.concat([Buffer.from('junk before the header\n'), Buffer.from('%PDF-1.4\n')]), 'pdf'],
    [Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0]), 'zip'],
    [Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0]), 'binary'],
    [Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]), 'binary'],
    [Buffer.from('Vraag 1\n', 'utf8'), 'text'],
  ])('%s is %s', (bytes, kind) => {
    expect(sniff(bytes).kind).toBe(kind);
  });

  it('names what a refused binary is', async () => {
    await expect(readDocument(write('scan.txt', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0])))).rejects.toThrow(/scan\.txt: a PNG image: a scan needs OCR first/);
    await expect(readDocument(write('old.txt', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0])))).rejects.toThrow(/old Word.*\.doc/);
    await expect(readDocument(write('odd.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Vraag', 'utf16le'), Buffer.from([0x41])])))).rejects.toThrow(
      /odd\.txt @\d+: UTF-16LE text with an odd number of bytes/,
    );
  });

  it('a damaged PDF and a PDF without text are refused, each with its reason', async () => {
    await expect(readDocument(write('cut.txt', Buffer.from('%PDF-1.7\n1 0 obj\n<<')))).rejects.toThrow(/cut\.txt: not a readable PDF/);
    // One empty page: a valid PDF with no text layer.
    const objects = ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>'];
    let body = '%PDF-1.4\n';
    const offsets: number[] = [];
    objects.forEach((o, i) => {
      offsets.push(body.length);
      body += `${i + 1} 0 obj\n${o}\nendobj\n`;
    });
    const xref = body.length;
    body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
    body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
    await expect(readDocument(write('blank.pdf', Buffer.from(body, 'latin1')))).rejects.toThrow(/blank\.pdf: a PDF of 1 page\(s\) without a text layer/);
  });

  it('an XHTML page with an XML declaration is HTML, official XML is XML', () => {
    expect(markupOf('<?xml version="1.0"?><!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "x.dtd">\n<html xmlns="http://www.w3.org/1999/xhtml">')).toBe('html');
    expect(markupOf('<?xml version="1.0"?>\n<!-- c -->\n<officiele-publicatie>')).toBe('xml');
    expect(markupOf('Vraag 1\n<b>')).toBeNull();
    expect(decodeSource('x.txt', Buffer.from('<?xml version="1.0"?><kamervragen/>')).info.format).toBe('xml');
  });

  it.skipIf(!hasShared)('a PDF named .txt is read as a PDF', async () => {
    const p = write('ah-tk-20232024-1292.txt', readFileSync(join(sharedCorpus, 'pdf/ah-tk-20232024-1292.pdf')));
    const source = await readSource(p);
    expect(source.info.format).toBe('pdf');
    expect((await readDocument(p)).blocks).toHaveLength(10);
  });
});
