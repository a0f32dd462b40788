/**
 * Papers that are read but used not to be published: a provisional id (the paper names no official id),
 * a committee as asker (a lijst van vragen, the Algemene Rekenkamer's answer letters), and a Kamervragen
 * answer in the ministry's Word layout that prints no askers (only "AH 608 / 2024Z14419 / Antwoord van …").
 * Each is published with no official address it does not have, and conforms to the shapes.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Quad } from '@rdfjs/types';
import { beforeAll, describe, expect, it } from 'vitest';
import { readDocument } from '../src/read.js';
import type { DocumentModel } from '../src/model.js';
import { IriMinter } from '../src/rdf/iris.js';
import { documentToQuads } from '../src/rdf/mapping.js';
import { dcterms, eli, foaf, org, prov, rdf } from '../src/rdf/vocab.js';
import { Validator } from '../src/validate/index.js';
import { fixtureDocument } from './fixtures/document-model.js';
import { sharedDir } from './helpers.js';

const minter = new IriMinter();
const kld = minter.kld;
const objects = (quads: Quad[], s: string, p: string): string[] => quads.filter((q) => q.subject.value === s && q.predicate.value === p).map((q) => q.object.value);
const subjectsOfType = (quads: Quad[], type: string): string[] => [...new Set(quads.filter((q) => q.predicate.equals(rdf('type')) && q.object.value === type).map((q) => q.subject.value))];

let validator: Validator;
beforeAll(async () => {
  validator = await Validator.load(minter);
});

describe('a paper with a provisional id', () => {
  const doc: DocumentModel = { ...fixtureDocument(), id: 'provisional-0123456789ab', dossier: null, ondernummer: null, idSource: 'provisional' };
  const quads = documentToQuads(doc, minter);
  const D = minter.document(doc.id).value;

  it('claims no official page, file or publisher, and conforms', async () => {
    expect(objects(quads, D, kld('officialPublication').value)).toEqual([]);
    expect(objects(quads, D, dcterms('publisher').value)).toEqual([]);
    expect(subjectsOfType(quads, eli('Manifestation').value)).toEqual([]);
    expect(quads.some((q) => q.object.value.includes('officielebekendmakingen.nl/provisional-'))).toBe(false);
    expect(objects(quads, minter.source(doc.id).value, prov('wasDerivedFrom').value)).toEqual([]);
    expect((await validator.validate(quads)).violations).toEqual([]);
  });
});

describe('a committee as asker', () => {
  const doc: DocumentModel = {
    ...fixtureDocument(),
    genre: 'lijst-van-vragen-en-antwoorden',
    askers: [{ name: 'vaste commissie voor Financiën', faction: null }],
    factions: [],
    blocks: fixtureDocument().blocks.map((b) => ({ ...b, faction: null })),
  };
  const quads = documentToQuads(doc, minter);
  const C = minter.committee('vaste commissie voor Financiën').value;

  it('is an org:Organization with its name as printed, asking the paper, every block and question; conforms', async () => {
    expect(C).toBe(`${minter.base}id/commissie/vaste-commissie-voor-financien`);
    expect(subjectsOfType(quads, org('Organization').value)).toEqual([C]);
    expect(objects(quads, C, foaf('name').value)).toEqual(['vaste commissie voor Financiën']);
    expect(objects(quads, minter.document(doc.id).value, kld('askedBy').value)).toEqual([C]);
    const units = [...subjectsOfType(quads, kld('QuestionBlock').value), ...subjectsOfType(quads, kld('Question').value)];
    expect(units.length).toBeGreaterThan(3);
    for (const u of units) expect(objects(quads, u, kld('askedBy').value), u).toEqual([C]);
    expect(objects(quads, minter.document(doc.id).value, kld('askedByText').value)).toEqual([]);
    expect((await validator.validate(quads)).violations).toEqual([]);
  });
});

describe('a Kamervragen answer that prints no askers (Word layout)', () => {
  const base = fixtureDocument();
  const doc: DocumentModel = {
    ...base,
    id: 'ah-tk-20242025-608',
    genre: 'kamervragen',
    dossier: null,
    ondernummer: '608',
    vergaderjaar: '2024-2025',
    title: null,
    askers: [],
    factions: [],
    submitted: null,
    received: '2024-11-19',
    stage: 'answers',
    zaak: '2024Z14419',
    blocks: base.blocks.map((b) => ({ ...b, faction: null })),
  };
  const D = minter.document(doc.id).value;

  it('names the case of the questions (kld:zaak) instead of askers, and conforms', async () => {
    const quads = documentToQuads(doc, minter);
    expect(objects(quads, D, kld('zaak').value)).toEqual([minter.document('2024Z14419').value]);
    expect(objects(quads, D, kld('stage').value)).toEqual([kld('StageAnswers').value]);
    expect(objects(quads, D, kld('askedBy').value)).toEqual([]);
    expect((await validator.validate(quads)).violations).toEqual([]);
  });

  it('is rejected without the case: then nothing says who asked', async () => {
    const quads = documentToQuads({ ...doc, zaak: null }, minter);
    const shapes = new Set((await validator.validate(quads)).violations.map((v) => v.sourceShape.replace(/.*#/, '')));
    expect([...shapes].sort()).toEqual(['DocumentAsked', 'KamervragenPrints', 'UnitAsked']);
  });
});

const extra = path.join(sharedDir, 'corpus-extra');
const wild = path.join(sharedDir, 'corpus-wild');
describe.skipIf(!existsSync(extra) || !existsSync(wild))('real papers read but not published before (skipped: needs ../shared/corpus-extra and corpus-wild)', () => {
  it('the Rekenkamer letter to the vaste commissie van Justitie en Veiligheid: provisional id, committee asker, 27 blocks, 0 violations', async () => {
    const doc = await readDocument(path.join(extra, 'rekenkamer-2024-06-04-vo2023-jenv.txt'));
    expect(doc.id).toMatch(/^provisional-[0-9a-f]{12}$/);
    const quads = documentToQuads(doc, minter);
    const C = minter.committee('vaste commissie van Justitie en Veiligheid').value;
    expect(objects(quads, minter.document(doc.id).value, kld('askedBy').value)).toEqual([C]);
    expect(subjectsOfType(quads, kld('QuestionBlock').value)).toHaveLength(27);
    expect(objects(quads, minter.document(doc.id).value, kld('officialPublication').value)).toEqual([]);
    expect((await validator.validate(quads)).violations).toEqual([]);
  });

  it('AH 597 prints "Vraag 7" twice before "Antwoord 8": the second is question 8 (with a warning), and the paper conforms', async () => {
    const doc = await readDocument(path.join(wild, 'Antwoord_op_vragen_van_het_lid_Kathmann_.pdf.txt'));
    expect(doc.id).toBe('ah-tk-20242025-597');
    expect(doc.blocks.map((b) => b.numbers.join())).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
    expect(doc.blocks[7]?.answer?.numbers).toEqual([8]);
    expect(doc.blocks[6]?.answer).toBeNull();
    expect(doc.warnings).toContain('question heading 7 printed twice: the second read as question 8, the number of its answer ("Antwoord 8")');
    expect((await validator.validate(documentToQuads(doc, minter))).violations).toEqual([]);
  });

  it('AH 608 in the Word layout (no askers printed): zaak 2024Z14419, 12 blocks, 0 violations', async () => {
    const doc = await readDocument(path.join(wild, 'Antwoord_op_vragen_van_de_leden_Kathmann.docx.txt'));
    expect(doc.id).toBe('ah-tk-20242025-608');
    const quads = documentToQuads(doc, minter);
    expect(objects(quads, minter.document(doc.id).value, kld('zaak').value)).toEqual([minter.document('2024Z14419').value]);
    expect(subjectsOfType(quads, kld('QuestionBlock').value)).toHaveLength(12);
    expect((await validator.validate(quads)).violations).toEqual([]);
  });
});
