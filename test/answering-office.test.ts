/**
 * Every answer in Kamervragen has its answering office (kld:answeringPost). The office comes from the
 * department printed after the answerer ("Antwoord van Minister Bruins Slot (BZ) van Minister
 * Schreinemacher (Buitenlandse Handel en Ontwikkelingssamenwerking)"), matched to the addressee of that
 * department, or from the one addressee of the answerer's role. ah-tk-20232024-2129 has two Ministers as
 * addressees and two answering: before the printed departments were kept, its 9 answers had no office.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAnsweredBy, parseAnsweredByDepartments } from '../src/ingest/kamervragen.js';
import { readDocument } from '../src/read.js';
import { IriMinter } from '../src/rdf/iris.js';
import { documentToQuads, readAnswerers } from '../src/rdf/mapping.js';
import { org, rdf, rdfs } from '../src/rdf/vocab.js';
import { sharedCorpus, sharedDir } from './helpers.js';

const minter = new IriMinter();
const kld = minter.kld;

describe('the department printed after each answerer', () => {
  it('is read index for index with the answerers (the 2129 header, as printed)', () => {
    const header = 'Antwoord van Minister Bruins Slot (BZ) van Minister Schreinemacher (Buitenlandse Handel en Ontwikkelingssamenwerking) (ontvangen 28 juni 2024).';
    expect(parseAnsweredBy(header)).toEqual(['Minister Bruins Slot', 'Minister Schreinemacher']);
    expect(parseAnsweredByDepartments(header)).toEqual(['BZ', 'Buitenlandse Handel en Ontwikkelingssamenwerking']);
  });

  it('is read from the parenthesis a Word paper leaves open (AH 614, corpus-wild)', () => {
    const header = 'Antwoord van staatssecretaris Karremans (Volksgezondheid, Welzijn en Sport (ontvangen 20 november 2024)';
    expect(parseAnsweredBy(header)).toEqual(['Staatssecretaris Karremans']);
    expect(parseAnsweredByDepartments(header)).toEqual(['Volksgezondheid, Welzijn en Sport']);
  });

  it('is null where none is printed', () => {
    expect(parseAnsweredByDepartments('Antwoord van Minister De Jonge, mede namens de Minister van Financiën (ontvangen 2 mei 2024)')).toEqual([null]);
  });
});

describe.skipIf(!existsSync(sharedCorpus))('answering offices on the dev corpus (skipped: needs ../shared/corpus)', () => {
  it('ah-tk-20232024-2129: each Minister in the office of the department printed after them; all 9 answers carry both posts', async () => {
    const doc = await readDocument(path.join(sharedCorpus, 'ah-tk-20232024-2129.txt'));
    expect(readAnswerers(doc).map((a) => [a.name, a.office])).toEqual([
      ['Bruins Slot', 'Minister van Buitenlandse Zaken'],
      ['Schreinemacher', 'Minister voor Buitenlandse Handel en Ontwikkelingssamenwerking'],
    ]);
    const quads = documentToQuads(doc, minter);
    const answers = quads.filter((q) => q.predicate.equals(rdf('type')) && q.object.equals(kld('Answer'))).map((q) => q.subject);
    expect(answers).toHaveLength(9);
    for (const A of answers)
      expect(
        quads.filter((q) => q.subject.equals(A) && q.predicate.equals(kld('answeringPost'))),
        A.value,
      ).toHaveLength(2);
    const bz = minter.post('2023-2024', 'Minister van Buitenlandse Zaken');
    expect(quads.filter((q) => q.subject.equals(bz) && q.predicate.equals(org('postIn'))).map((q) => q.object.value)).toEqual([minter.concept('ministerie', 'bz').value]);
    expect(quads.filter((q) => q.subject.equals(bz) && q.predicate.equals(rdfs('label'))).map((q) => q.object.value)).toEqual(['Minister van Buitenlandse Zaken']);
  });

  for (const dir of [sharedCorpus, path.join(sharedDir, 'corpus-wild')]) {
    it(`every answer of every Kamervragen paper in ${path.basename(dir)} has its answering office`, async () => {
      if (!existsSync(dir)) return expect.fail(`${dir} is missing`);
      let answers = 0;
      const without: string[] = [];
      for (const f of readdirSync(dir)
        .filter((n) => /\.(txt)$/.test(n))
        .sort()) {
        const doc = await readDocument(path.join(dir, f));
        if (doc.genre !== 'kamervragen') continue;
        const quads = documentToQuads(doc, minter);
        for (const q of quads) {
          if (!q.predicate.equals(rdf('type')) || !q.object.equals(kld('Answer'))) continue;
          answers++;
          if (!quads.some((x) => x.subject.equals(q.subject) && x.predicate.equals(kld('answeringPost')))) without.push(q.subject.value);
        }
      }
      expect(answers).toBeGreaterThan(50);
      expect(without).toEqual([]);
    }, 120_000);
  }
});
