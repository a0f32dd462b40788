/**
 * The inbreng for a schriftelijk overleg (the factions' questions before any
 * answer, published as nds-tk-{document number}), text without page
 * furniture, flattened text, footnotes collected at the end, and headings
 * with exotic white space.
 *
 * The inbreng's body is the question side of the real verslag kst-26150-187
 * (the bundled seed): every faction heading and question paragraph as the
 * factions wrote them, in order, without the answers that the verslag adds.
 * Its head is the committee's standard formula ("De vaste commissie voor …
 * heeft een aantal vragen en opmerkingen voorgelegd aan …").
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseText, readDocument } from '../src/read.js';
import { headingText } from '../src/ingest/headings.js';
import { readLayout } from '../src/ingest/layout.js';
import { splitLines } from '../src/ingest/lines.js';
import { collectNotes } from '../src/ingest/notes.js';
import { foldLines } from '../src/ingest/fold.js';
import { findMarkers } from '../src/ingest/markers.js';
import { seedFile, sharedDir } from './helpers.js';

const seed = await readDocument(seedFile);
const seedText = readFileSync(seedFile, 'utf8');
const factionName = (f: string | null): string => seed.askers.find((a) => a.faction === f)?.name ?? '';

const HEAD = [
  '2021D30412',
  '',
  'INBRENG VERSLAG VAN EEN SCHRIFTELIJK OVERLEG',
  '',
  'De vaste commissie voor Buitenlandse Zaken heeft een aantal vragen en opmerkingen voorgelegd aan de Minister van Buitenlandse Zaken over de voorgenomen Nederlandse inzet voor de 76e Algemene Vergadering van de Verenigde Naties (Kamerstuk 26 150, nr. 186).',
  '',
  'Inhoudsopgave\tblz.',
  'I\tVragen en opmerkingen vanuit de fracties\t1',
  '\tVragen en opmerkingen van de leden van de VVD-fractie\t1',
  'II\tReactie van de minister\t9',
  '',
  'I\tVragen en opmerkingen vanuit de fracties',
  '',
];

/** The question paragraphs of the verslag under their faction headings, as a web copy prints them: no page furniture. */
function inbrengText(): { text: string; paragraphs: { faction: string | null; text: string }[] } {
  const body: string[] = [];
  const paragraphs: { faction: string | null; text: string }[] = [];
  let faction: string | null | undefined;
  for (const b of seed.blocks) {
    if (b.faction !== faction) {
      faction = b.faction;
      body.push(`Vragen en opmerkingen van de leden van de ${factionName(faction)}`, '');
    }
    for (const p of b.questionText.split('\n\n')) {
      body.push(p, '');
      paragraphs.push({ faction: b.faction, text: p });
    }
  }
  return { text: [...HEAD, ...body, 'II\tReactie van de minister', ''].join('\n'), paragraphs };
}

describe('inbreng for a schriftelijk overleg', () => {
  const { text, paragraphs } = inbrengText();
  const doc = parseText('inbreng.txt', text);

  it('is its own genre, with the nds-tk id from the document number and the head read', () => {
    expect(doc.genre).toBe('inbreng-schriftelijk-overleg');
    expect(doc.id).toBe('nds-tk-2021D30412');
    expect(doc.dossier).toBeNull();
    expect(doc.addressees).toEqual(['Minister van Buitenlandse Zaken']);
    expect(doc.title).toBe('voorgenomen Nederlandse inzet voor de 76e Algemene Vergadering van de Verenigde Naties');
    expect(doc.answeredBy).toEqual([]);
  });

  it('gives every question paragraph as an unanswered block of its faction, and skips the table of contents', () => {
    expect(doc.askers.map((a) => a.faction)).toEqual(seed.askers.map((a) => a.faction));
    expect(doc.blocks).toHaveLength(paragraphs.length);
    expect(doc.blocks.map((b) => b.faction)).toEqual(paragraphs.map((p) => p.faction));
    expect(doc.blocks.map((b) => b.questionText)).toEqual(paragraphs.map((p) => p.text));
    expect(doc.blocks.every((b) => b.answer === null)).toBe(true);
    // The questions are there to be answered: the first VVD paragraph asks one.
    expect(doc.blocks[1]?.questions.length).toBeGreaterThan(0);
  });

  it('the verslag with answers is not an inbreng', () => {
    expect(seed.genre).toBe('verslag-schriftelijk-overleg');
  });

  it('all line breaks flattened: the same factions in the same order, every block a stretch of the questions', () => {
    const flat = parseText('inbreng-flat.txt', text.replace(/\s*\n\s*/g, ' '));
    expect(flat.genre).toBe('inbreng-schriftelijk-overleg');
    expect(flat.id).toBe('nds-tk-2021D30412');
    const order = (fs: (string | null)[]) => fs.filter((f, i) => f !== fs[i - 1]);
    expect(order(flat.blocks.map((b) => b.faction))).toEqual(order(paragraphs.map((p) => p.faction)));
    // Letters and digits only: a hyphen at a flattened line break ("juist- in") cannot always be told from a dash.
    const bare = (s: string): string => s.replace(/[^\p{L}\p{N}]+/gu, '');
    const all = bare(paragraphs.map((p) => p.text).join(' '));
    for (const b of flat.blocks) expect(all).toContain(bare(b.questionText));
    // Each faction passage ("De leden van de …-fractie …") opens a block of its own.
    const openings = paragraphs.filter((p) => /^De leden van de /.test(p.text)).length;
    expect(flat.blocks.length).toBeGreaterThanOrEqual(openings);
  });
});

describe('headings with tabs, no-break and zero-width spaces are still headings', () => {
  it('headingText folds any Unicode white space', () => {
    expect(headingText('Vraag\u00a03')).toBe('Vraag 3');
    expect(headingText('I\tVragen en opmerkingen\u2009vanuit de fracties ')).toBe('I Vragen en opmerkingen vanuit de fracties');
    expect(headingText('Antwoord\u200b 3')).toBe('Antwoord 3');
    expect(headingText('Inbreng van de leden van de VVD-\u200bfractie')).toBe('Inbreng van de leden van de VVD- fractie');
    expect(headingText('Ant\u200bwoord 3')).toBe('Antwoord 3');
  });

  it('the verslag reads the same when its faction and answer headings hold a no-break space, a tab or a zero-width space', () => {
    const odd = seedText
      .replace('Inbreng van de leden van de CDA-fractie', 'Inbreng van\u00a0de leden\tvan de CDA-fractie')
      .replace('1. Antwoord van het kabinet:', '1.\u00a0Antwoord van\u200b het kabinet:')
      .replace('Inbreng van de leden van de D66-fractie', '\u200bInbreng van de leden van de\u2007D66-fractie');
    const doc = parseText('kst-26150-187.txt', odd);
    expect(doc.blocks.map((b) => [b.numbers.join(), b.faction])).toEqual(seed.blocks.map((b) => [b.numbers.join(), b.faction]));
    expect(doc.askers).toEqual(seed.askers);
  });
});

const wild = join(sharedDir, 'corpus-wild', 'Het_bericht__Geboortezorg_voor_asielzoek.docx.txt');
describe.skipIf(!existsSync(wild))('footnotes of a text without page furniture (Word copy in ../shared/corpus-wild)', () => {
  const text = existsSync(wild) ? readFileSync(wild, 'utf8') : '';
  it('collects "[1] …" bodies at the end and finds their bracketed markers', () => {
    const layout = collectNotes(readLayout(splitLines(text)));
    expect(
      layout.footnotes.map((f) => [
        f.number,
        f.lines
          .map((l) => l.text)
          .join(' ')
          .replace(/\s+/g, ' ')
          .slice(0, 30),
      ]),
    ).toEqual([
      [1, 'NOS Nieuws, 17 november 2024, '],
      [2, 'NOS Nieuws, 17 februari 2024, '],
      [3, 'Erasmus MC Aanbevelingen voor '],
    ]);
    expect(layout.content.some((l) => l.text.startsWith('[1] NOS'))).toBe(false);
    const running = foldLines(layout.content.filter((l) => l.text !== ''));
    const markers = findMarkers(running, [1, 2, 3]);
    expect(markers.map((m) => text.slice(m.start, m.end))).toEqual(['[1]', '[2]', '[3]']);
  });

  it('reads them under a "Noten" heading as well', () => {
    const noten = text.replace('\n[1] NOS Nieuws', '\nNoten\n\n1 NOS Nieuws').replace('\n[2] NOS', '\n2 NOS').replace('\n[3] Erasmus', '\n3 Erasmus');
    const layout = collectNotes(readLayout(splitLines(noten)));
    expect(layout.footnotes.map((f) => f.number)).toEqual([1, 2, 3]);
    expect(layout.content.some((l) => l.text === 'Noten')).toBe(false);
  });
});
