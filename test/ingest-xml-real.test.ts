/**
 * The official XML of a real paper, ah-tk-20202021-3235 (../shared/samples/op-xml, recorded from
 * repository.overheid.nl; see ../shared/samples/PROVENANCE.md), with its metadata record
 * (../shared/samples/op-metadata/ah-tk-20202021-3235.metadata.xml). The facts below were read by hand
 * from those two files.
 */
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDocument } from '../src/read.js';
import { readSource } from '../src/ingest/source.js';
import { sharedDir } from './helpers.js';

const xml = join(sharedDir, 'samples/op-xml/ah-tk-20202021-3235.xml');
const metadata = join(sharedDir, 'samples/op-metadata/ah-tk-20202021-3235.metadata.xml');
const have = existsSync(xml) && existsSync(metadata);
if (!have) console.warn('ingest-xml-real: ../shared/samples is not beside the clone; these tests are skipped');

describe.skipIf(!have)('official XML ah-tk-20202021-3235 (Van Weyenberg, Romke de Jong and Kat on the Tozo)', () => {
  it('takes the three askers from their <naam> elements, each with the party of "(allen D66)"', async () => {
    const doc = await readDocument(xml);
    expect(doc.askers).toEqual([
      { name: 'Van Weyenberg', faction: 'D66' },
      { name: 'Romke de Jong', faction: 'D66' },
      { name: 'Kat', faction: 'D66' },
    ]);
    expect(doc.factions).toEqual(['D66']);
    expect(doc.blocks.every((b) => b.faction === 'D66')).toBe(true);
  });

  it('takes identity, addressee, answerer, subject and dates from the markup', async () => {
    const doc = await readDocument(xml);
    expect([doc.id, doc.genre, doc.vergaderjaar, doc.ondernummer, doc.dossier]).toEqual(['ah-tk-20202021-3235', 'kamervragen', '2020-2021', '3235', null]);
    expect(doc.addressees).toEqual(['Minister van Sociale Zaken en Werkgelegenheid']);
    expect(doc.answeredBy).toEqual(['Minister Koolmees']);
    expect(doc.title).toBe('de TOZO');
    // <datum isodatum="2021-06-03"> in the question description, "2021-06-21" in the answer's.
    expect([doc.submitted, doc.received]).toEqual(['2021-06-03', '2021-06-21']);
    expect(doc.blocks.map((b) => `${b.numbers.join('+')}/${b.answer?.numbers.join('+')}`)).toEqual(['1/1', '2/2', '3/3', '4/4', '5/5', '6/6', '7/7', '8/8', '9/9']);
    expect(doc.footnotes).toEqual([]);
    // The file's own <metadata> names no Zaak; without the record beside it there is none.
    expect(doc.zaak).toBeNull();
    // Answer 2 holds <extref doc="stb-2020-118">Staatsblad 2020, 118</extref>; the text keeps it.
    expect(doc.blocks[1]?.answer!.text).toContain('(Staatsblad 2020, 118)');
  });

  it('reads the metadata record beside the file ({id}.metadata.xml, or metadata.xml)', async () => {
    for (const name of ['ah-tk-20202021-3235.metadata.xml', 'metadata.xml']) {
      const dir = mkdtempSync(join(tmpdir(), 'kld-opmeta-'));
      copyFileSync(xml, join(dir, 'ah-tk-20202021-3235.xml'));
      copyFileSync(metadata, join(dir, name));
      const source = await readSource(join(dir, 'ah-tk-20202021-3235.xml'));
      expect(source.metadata?.path).toBe(join(dir, name));
      const doc = await readDocument(join(dir, 'ah-tk-20202021-3235.xml'));
      expect(doc.id).toBe('ah-tk-20202021-3235');
      // The markup's askers stand; the record agrees (three indieners).
      expect(doc.askers.map((a) => a.name)).toEqual(['Van Weyenberg', 'Romke de Jong', 'Kat']);
      expect(doc.received).toBe('2021-06-21');
      // Only the record states the Tweede Kamer's Zaak number (OVERHEIDop.vraagnummer).
      expect(doc.zaak).toBe('2021Z09739');
      expect(doc.rendering).toBe('official XML');
      expect(doc.stage).toBe('answers');
    }
  });

  it('fills from the record what the markup leaves out, and leaves a record about another paper alone', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kld-opmeta-'));
    // The same paper with its description stripped of names, subject and dates.
    const stripped = readFileSync(xml, 'utf8')
      .replace(/<kamervraagomschrijving type="vraag">[\s\S]*?<\/kamervraagomschrijving>/, '')
      .replace(/<kamervraagomschrijving type="antwoord">[\s\S]*?<\/kamervraagomschrijving>/, '');
    writeFileSync(join(dir, 'ah-tk-20202021-3235.xml'), stripped);
    copyFileSync(metadata, join(dir, 'ah-tk-20202021-3235.metadata.xml'));
    const doc = await readDocument(join(dir, 'ah-tk-20202021-3235.xml'));
    expect(doc.askers).toEqual([
      { name: 'S.P.R.A. van Weyenberg', faction: null },
      { name: 'R.H. (Romke) de Jong', faction: null },
      { name: 'H. Kat', faction: null },
    ]);
    expect(doc.answeredBy).toEqual(['W. Koolmees']);
    expect(doc.title).toBe('de Tozo');
    expect(doc.received).toBe('2021-06-21');

    const other = mkdtempSync(join(tmpdir(), 'kld-opmeta-'));
    writeFileSync(join(other, 'ah-tk-20202021-3235.xml'), stripped);
    writeFileSync(join(other, 'metadata.xml'), readFileSync(metadata, 'utf8').replace(/ah-tk-20202021-3235/g, 'ah-tk-20202021-9999'));
    const alone = await readDocument(join(other, 'ah-tk-20202021-3235.xml'));
    expect(alone.askers).toEqual([]);
    expect(alone.title).toBeNull();
  });
});
