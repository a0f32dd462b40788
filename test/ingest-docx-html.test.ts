/**
 * Word and HTML renderings. The Word file is built (test/fixtures/make-docx.ts) from the text of a real
 * Word version of an answer, ../shared/corpus-wild/Antwoord_op_vragen_van_het_lid_Ceder_ove.docx.txt
 * (AH 601, 2024Z17331, minister Faber on the report "Bouwstenen voor het asielbeleid"), with its note
 * "1) Kamerstuk 19637, nr. 3203" as a real Word footnote. The HTML page is the official publication
 * platform's rendering of ah-tk-20202021-3235 (../shared/samples/html, see ../shared/samples/PROVENANCE.md).
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDocument } from '../src/read.js';
import { readSource } from '../src/ingest/source.js';
import { docxFromWordText } from './fixtures/make-docx.js';
import { sharedDir, defined } from './helpers.js';

const wordText = join(sharedDir, 'corpus-wild/Antwoord_op_vragen_van_het_lid_Ceder_ove.docx.txt');
const page = join(sharedDir, 'samples/html/ah-tk-20202021-3235.repository.html');
const dir = mkdtempSync(join(tmpdir(), 'kld-render-'));

describe.skipIf(!existsSync(wordText))('Word (.docx) read with mammoth', async () => {
  const docx = join(dir, 'antwoord-ceder.docx');
  if (existsSync(wordText)) writeFileSync(docx, await docxFromWordText(readFileSync(wordText, 'utf8')));

  it('is told by content (a zip holding word/document.xml), whatever its name', async () => {
    const renamed = join(dir, 'antwoord.txt');
    writeFileSync(renamed, readFileSync(docx));
    expect((await readSource(renamed)).info.format).toBe('docx');
  });

  it('gives one paragraph per Word paragraph, and the footnote from the markup with its marker glued where Word sets it', async () => {
    const source = await readSource(docx);
    const layout = source.layout!;
    const paragraphs = layout.content.filter((l) => l.text !== '').map((l) => l.text);
    expect(paragraphs.slice(0, 4)).toEqual(['AH 601', '2024Z17331', 'Antwoord van minister Faber - Van de Klashorst (Asiel en Migratie) (ontvangen 20 november 2024)', 'Vraag 1']);
    expect(paragraphs.filter((t) => /^(Vraag|Antwoord op vraag) \d$/.test(t))).toEqual(['Vraag 1', 'Antwoord op vraag 1', 'Vraag 2', 'Antwoord op vraag 2', 'Vraag 3', 'Antwoord op vraag 3']);
    expect(layout.content.filter((l) => l.text !== '').every((l) => l.paragraphEnd === true)).toBe(true);
    expect(paragraphs[4]).toMatch(/voor uw ministerie\?1$/);
    expect(layout.footnotes.map((f) => [f.number, f.lines.map((l) => l.text).join(' ')])).toEqual([[1, 'Kamerstuk 19637, nr. 3203']]);
    const note = defined(layout.footnotes[0]?.lines[0], 'the first line of footnote 1');
    expect(source.text.slice(note.textStart, note.textStart + note.text.length)).toBe('Kamerstuk 19637, nr. 3203');
  });

  it('gives the blocks and answers of its text, and places the footnote and its citation with question 1', async () => {
    const fromDocx = await readDocument(docx);
    const fromText = await readDocument(wordText);
    const shape = (d: typeof fromDocx) => d.blocks.map((b) => `${b.numbers.join('+')}/${b.answer?.numbers.join('+') ?? '-'}`);
    expect(shape(fromDocx)).toEqual(shape(fromText));
    expect(shape(fromDocx)).toEqual(['1/1', '2/2', '3/3']);
    expect(fromDocx.source.format).toBe('docx');
    expect(fromDocx.footnotes.map((f) => [f.number, f.block, f.in, f.text])).toEqual([[1, 0, 'question', 'Kamerstuk 19637, nr. 3203']]);
    expect(fromDocx.blocks[0]?.citations.map((c) => [c.id, c.footnote])).toEqual([['kst-19637-3203', 1]]);
  });

  it('refuses a zip that is not a Word document, and a damaged one, each saying so', async () => {
    const zip = readFileSync(docx);
    const notWord = Buffer.from(zip.toString('latin1').replace(/word\/document\.xml/g, 'word/documint.xml'), 'latin1');
    await expect(readDocument(write('archive.zip', notWord))).rejects.toThrow(/archive\.zip: a zip archive without word\/document\.xml: not a Word document/);
    // Cut before the zip's central directory: the parts are named, but the archive cannot be opened.
    const cut = zip.subarray(0, Math.floor(zip.length * 0.7));
    expect(cut.includes('word/document.xml')).toBe(true);
    await expect(readDocument(write('cut.docx', cut))).rejects.toThrow(/cut\.docx: a damaged Word document/);
  });
});

function write(name: string, bytes: Buffer): string {
  const p = join(dir, name);
  writeFileSync(p, bytes);
  return p;
}

describe.skipIf(!existsSync(page))('HTML of the official publication platform', () => {
  it('reads the paper from the markup: headings, paragraphs, the identifier from the page head', async () => {
    const doc = await readDocument(page);
    expect(doc.source.format).toBe('html');
    expect(doc.id).toBe('ah-tk-20202021-3235');
    expect(doc.genre).toBe('kamervragen');
    expect(doc.blocks.map((b) => `${b.numbers.join('+')}/${b.answer?.numbers.join('+')}`)).toEqual(['1/1', '2/2', '3/3', '4/4', '5/5', '6/6', '7/7', '8/8', '9/9']);
    expect([doc.submitted, doc.received]).toEqual(['2021-06-03', '2021-06-21']);
    // Answer 9 is two <p>: both are kept, in order.
    expect(doc.blocks[8]?.answer!.text).toMatch(/^Ik hecht eraan .* concurrentievervalsing\.\s+Bovendien kent het Bbz/s);
  });

  it('gives the answers the official XML of the same paper gives', async () => {
    const xml = join(sharedDir, 'samples/op-xml/ah-tk-20202021-3235.xml');
    const fromHtml = await readDocument(page);
    const fromXml = await readDocument(xml);
    const norm = (s: string | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();
    expect(fromHtml.blocks.map((b) => norm(b.answer?.text))).toEqual(fromXml.blocks.map((b) => norm(b.answer?.text)));
    expect(fromHtml.blocks.map((b) => norm(b.questionText))).toEqual(fromXml.blocks.map((b) => norm(b.questionText)));
    expect(fromHtml.title).toBe(fromXml.title);
  });
});
