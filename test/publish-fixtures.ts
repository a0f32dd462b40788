/**
 * Hand-made document models and a test pipeline for the publishing tests:
 * the project's real mapping, shapes, ontology and gazetteer, with ingest
 * replaced by a lookup of fixture models by file name (so tests run in
 * seconds, and a "broken" file throws the IngestError ingest would).
 */
import { fixtureText } from './fixtures/document-model.js';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { IngestError } from '../src/errors.js';
import type { DocumentModel } from '../src/model.js';
import { IriMinter } from '../src/rdf/iris.js';
import { loadPipeline, type Pipeline } from '../src/publish/pipeline.js';

const span = (start: number, end: number, page = 1) => ({ start, end, page });

/** A small verslag van een schriftelijk overleg: two factions, three blocks, a citation, a mention, a footnote. */
/** `invalid` gives a vergaderjaar the shapes reject (pattern ^[0-9]{4}-[0-9]{4}$): data built to fail. */
export function fixtureModel(ondernummer: string, options: { date?: string; invalid?: boolean } = {}): DocumentModel {
  const id = `kst-99999-${ondernummer}`;
  return {
    id,
    genre: 'verslag-schriftelijk-overleg',
    dossier: '99999',
    ondernummer,
    vergaderjaar: options.invalid ? 'twintig' : '2023-2024',
    title: `Testverslag ${ondernummer}`,
    askers: [],
    addressees: ['Minister van Buitenlandse Zaken'],
    answeredBy: ['het kabinet'],
    submitted: null,
    received: options.date ?? null,
    factions: ['VVD', 'D66'],
    blocks: [
      {
        index: 0,
        numbers: [1],
        faction: 'VVD',
        topic: null,
        questionText: 'De leden van de VVD-fractie vragen naar de Verenigde Naties.',
        questions: ['De leden van de VVD-fractie vragen naar de Verenigde Naties.'],
        questionSpan: span(0, 60),
        answer: {
          numbers: [1],
          heading: '1. Antwoord van het kabinet:',
          text: 'Het kabinet verwijst naar Kamerstuk 33 783, nr. 35.',
          span: span(61, 140),
        },
        citations: [{ id: 'kst-33783-35', kind: 'kamerstuk', text: 'Kamerstuk 33 783, nr. 35', span: span(110, 134), dossier: '33783', in: 'answer' }],
        crossReferences: [],
        mentions: [{ id: 'un', label: 'Verenigde Naties', kind: 'organisation', text: 'Verenigde Naties', in: 'question', span: span(44, 60) }],
        span: span(0, 140),
      },
      {
        index: 1,
        numbers: [2],
        faction: 'VVD',
        topic: null,
        questionText: 'Ook vragen zij naar de begroting.',
        questions: ['Ook vragen zij naar de begroting.'],
        questionSpan: span(141, 175),
        answer: { numbers: [2], heading: '2. Antwoord van het kabinet:', text: 'Zie het antwoord op vraag 1.', span: span(176, 230) },
        citations: [],
        crossReferences: [{ in: 'answer', numbers: [1], text: 'antwoord op vraag 1', span: span(184, 203) }],
        mentions: [],
        span: span(141, 230),
      },
      {
        index: 2,
        numbers: [3],
        faction: 'D66',
        topic: null,
        questionText: 'De leden van de D66-fractie vragen naar de voetnoot.1',
        questions: ['De leden van de D66-fractie vragen naar de voetnoot.'],
        questionSpan: span(231, 285, 2),
        answer: { numbers: [3], heading: '3. Antwoord van het kabinet:', text: 'De voetnoot is juist.', span: span(286, 330, 2) },
        citations: [],
        crossReferences: [],
        mentions: [],
        span: span(231, 330, 2),
      },
    ],
    footnotes: [{ number: 1, text: 'Een voetnoot.', block: 2, in: 'question', span: span(400, 413, 2), markerSpan: span(283, 284, 2) }],
    notice: null,
    pages: 2,
    source: { file: `${id}.txt`, sha256: '0'.repeat(64), length: 413, format: 'text', text: fixtureText(413) },
  };
}

/** Fixture source files: the file's text names the model ("model:NNN[:date][:invalid]"); anything else is unreadable. */
export function writeFixtureSource(dir: string, name: string, spec: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, `${spec}\n`);
  return file;
}

function modelFromSpec(file: string, text: string): DocumentModel {
  const [kind, nr, date, flag] = text.trim().split(':');
  if (kind !== 'model' || !nr) throw new IngestError({ file, line: 1 }, `not a written-consultation paper this tool reads; it begins: "${text.slice(0, 40)}"`);
  return fixtureModel(nr, { date: date || undefined, invalid: flag === 'invalid' });
}

/** The real pipeline with ingest replaced by fixture models. */
export async function fixturePipeline(minter = new IriMinter()): Promise<Pipeline> {
  const real = await loadPipeline(minter);
  const { readFileSync } = await import('node:fs');
  return {
    ...real,
    version: `${real.version}+fixtures`,
    readDocument: async (file: string) => modelFromSpec(file, readFileSync(file, 'utf8')),
  };
}
