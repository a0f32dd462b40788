/**
 * Two things the text of real papers in ../shared/corpus-wild carries (issue 9 item 4):
 * the Word versions' footnotes, "1) …" at the end with the marker "voldoen? 1)" printed after a
 * space, modelled as footnotes at their marker's block; and a PDF library's text with its line
 * breaks flattened, where a hyphenated break stands inside a line ("in de proble-men zit").
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { foldLines } from '../src/ingest/fold.js';
import { splitLines } from '../src/ingest/lines.js';
import { findMarkers } from '../src/ingest/markers.js';
import { readDocument } from '../src/read.js';
import { sharedDir } from './helpers.js';

const wild = path.join(sharedDir, 'corpus-wild');
const hasWild = existsSync(wild);
if (!hasWild) console.warn(`word-notes.test: skipped: ${wild} is missing (the shared materials sit beside the clone)`);
const file = (name: string): string => path.join(wild, name);

describe.skipIf(!hasWild)('Word versions: footnotes "1) …" at the end, attached to their markers', () => {
  it('Grinwis (Gasketelwet): note 1 belongs to question 1, where "kunnen voldoen? 1)" ends the paragraph', async () => {
    const d = await readDocument(file('Antwoord_op_vragen_van_het_lid_Grinwis_o.docx.txt'));
    expect(d.footnotes).toHaveLength(1);
    const [fn] = d.footnotes;
    expect(fn?.number).toBe(1);
    expect(fn?.text).toMatch(/^Vereniging Eigen Huis, 8 oktober 2024, 'Vereniging Eigen Huis waarschuwt/);
    expect([fn?.block, fn?.in]).toEqual([0, 'question']);
    expect(d.blocks[0]?.numbers).toEqual([1]);
    // The marker is the footnote's, not the question's text; "(zie mijn antwoord op vraag 3)" later on is no marker.
    expect(d.blocks[0]?.questionText.endsWith('aan de Gasketelwet kunnen voldoen?')).toBe(true);
    expect(d.source.text?.slice(fn?.markerSpan?.start, fn?.markerSpan?.end)).toBe('1)');
  });

  it('Van Nispen (familierecht): notes 1 and 2 belong to questions 1 and 6', async () => {
    const d = await readDocument(file('Antwoord_op_vragen_van_het_lid_Van_Nispe.docx.txt'));
    expect(d.footnotes.map((f) => [f.number, f.block === null ? null : d.blocks[f.block]?.numbers[0], f.in])).toEqual([
      [1, 1, 'question'],
      [2, 6, 'question'],
    ]);
    expect(d.footnotes[0]?.text).toMatch(/^Nederlandse Orde van Advocaten/);
  });

  it('the UWV letter: a marker inside the sentence ("bij het UWV 1) ook op …") and the sentence reads on without it', async () => {
    const d = await readDocument(file('Het_bericht__Crisis_UWV_nog_groter__ook_.docx.txt'));
    expect(d.footnotes.map((f) => [f.number, f.block])).toEqual([[1, 0]]);
    expect(d.footnotes[0]?.text).toMatch(/^AD, 18 november 2024, 'Crisis/);
    expect(d.blocks[0]?.questionText).toContain('over de problemen bij het UWV ook op de volgende vragen');
  });

  it('the Ontbossingswet: the note of question 4 ("147 stemmen voor? 1)"), and a "[1]" after a space (schoolbestuurders)', async () => {
    const o = await readDocument(file('De_Ontbossingswet.docx.txt'));
    expect(o.footnotes.map((f) => [f.number, f.block === null ? null : o.blocks[f.block]?.numbers[0]])).toEqual([[1, 4]]);
    const s = await readDocument(file('Het_bericht__Een_derde_van_de_schoolbest.docx.txt'));
    expect(s.footnotes.map((f) => [f.number, f.block, f.in])).toEqual([[1, 0, 'question']]);
  });

  it('"(zie mijn antwoord op vraag 3)" closes a parenthesis: no marker for note 3 (real sentence from the Grinwis answers)', () => {
    const text = 'De gasketelwet geldt voor nieuwbouw (zie mijn antwoord op vraag 3). Daarbij zijn de hiervoor genoemde regels van toepassing.';
    const folded = foldLines(splitLines(text));
    expect(findMarkers(folded, [3], text)).toEqual([]);
    const marked = 'Hoe luidt uw reactie op het artikel? 3)\n';
    expect(findMarkers(foldLines(splitLines(marked).filter((l) => l.text !== '')), [3], marked).map((m) => marked.slice(m.start, m.end))).toEqual(['3)']);
  });
});

describe.skipIf(!hasWild)("a PDF library's text: hyphenated breaks inside a line", () => {
  it('"in de proble-men zit" reads "problemen" (the paper spells it so elsewhere)', async () => {
    const d = await readDocument(file('De_faillissementen_van_steeds_meer_koplo.pdf.txt'));
    const all = d.blocks.map((b) => `${b.questionText} ${b.answer?.text ?? ''}`).join(' ');
    expect(all).toContain('toen u hoorde dat Vinylrecycling in de problemen zit?');
    expect(all).not.toContain('proble-men');
  });

  it('"in Neder-land" reads "Nederland"; "EU-lidstaten" keeps its hyphen (Erkens)', async () => {
    const d = await readDocument(file('Antwoord_op_vragen_van_het_lid_Erkens_ov.pdf.txt'));
    const all = d.blocks.map((b) => `${b.questionText} ${b.answer?.text ?? ''}`).join(' ');
    expect(all).toContain('blijkt dat wij in Nederland relatief voorop lopen');
    expect(all).toContain('EU-lidstaten');
  });

  it('"btw-verhoging", never written joined in the paper, keeps its hyphen (Mohandis, 7 times)', async () => {
    const d = await readDocument(file('Antwoord_op_vragen_van_het_lid_Mohandis_.pdf.txt'));
    const all = d.blocks.map((b) => `${b.questionText} ${b.answer?.text ?? ''}`).join(' ');
    expect(all.match(/btw-verhoging/g)?.length).toBeGreaterThanOrEqual(5);
    expect(all).not.toContain('btwverhoging');
  });
});
