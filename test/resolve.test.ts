import { describe, expect, it } from 'vitest';
import { findCitations } from '../src/extract/citations.js';
import { OfficialIdError, resolveCitation, splitOfficialId } from '../src/extract/resolve.js';
import { IriMinter } from '../src/rdf/iris.js';

describe('splitOfficialId', () => {
  it.each([
    ['kst-33783-35', { series: 'kst', dossier: '33783', toevoeging: null, ondernummer: '35' }],
    ['kst-21501-20-1440', { series: 'kst', dossier: '21501', toevoeging: '20', ondernummer: '1440' }],
    ['kst-21501-02-2498', { series: 'kst', dossier: '21501', toevoeging: '02', ondernummer: '2498' }],
    ['kst-36410-VI-26', { series: 'kst', dossier: '36410', toevoeging: 'VI', ondernummer: '26' }],
    ['kst-36021-B', { series: 'kst', dossier: '36021', toevoeging: null, ondernummer: 'B' }],
    ['kst-33328-AI', { series: 'kst', dossier: '33328', toevoeging: null, ondernummer: 'AI' }],
    ['kst-36200-A-3', { series: 'kst', dossier: '36200', toevoeging: 'A', ondernummer: '3' }],
    ['ah-tk-20192020-3225', { series: 'ah-tk', chamber: 'tk', vergaderjaar: '2019-2020', ondernummer: '3225' }],
    ['ah-ek-20222023-7', { series: 'ah-ek', chamber: 'ek', vergaderjaar: '2022-2023', ondernummer: '7' }],
    ['h-tk-20192020-12-5', { series: 'h-tk', chamber: 'tk', vergaderjaar: '2019-2020', vergadering: '12', item: '5' }],
    ['h-tk-19992000-3-7', { series: 'h-tk', vergaderjaar: '1999-2000' }],
    ['kv-tk-2023Z12345', { series: 'kv-tk', tkNumber: '2023Z12345' }],
    ['nds-tk-2020D32255', { series: 'nds-tk', tkNumber: '2020D32255' }],
    ['2022D22285', { series: 'tk-document', tkNumber: '2022D22285', dossier: null }],
    ['2022Z10723', { series: 'tk-zaak', tkNumber: '2022Z10723' }],
  ])('%s', (id, parts) => {
    expect(splitOfficialId(id)).toMatchObject({ id, ...parts });
  });

  it.each([
    ['', /not a kst-/],
    ['kst-3378-35', /kst-\{5-digit dossier\}/],
    ['kst-33783', /kst-\{5-digit dossier\}/],
    ['kst-33783-35 ', /kst-/],
    ['kst-33783-035x', /kst-/],
    ['ah-tk-20192021-3225', /not two consecutive years/],
    ['ah-tk-2019-3225', /ah-tk-\{vergaderjaar\}/],
    ['h-tk-20192020-12', /h-tk-\{vergaderjaar\}-\{vergadering\}-\{item\}/],
    ['KST-33783-35', /not a kst-/],
    ['2022X22285', /not a kst-/],
    ['https://zoek.officielebekendmakingen.nl/kst-33783-35', /not a kst-/],
  ])('refuses %j with a typed error naming the id', (id, reason) => {
    let error: unknown;
    try {
      splitOfficialId(id);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(OfficialIdError);
    expect((error as OfficialIdError).id).toBe(id);
    expect((error as Error).message).toContain(`"${id}"`);
    expect((error as Error).message).toMatch(reason);
  });
});

describe('resolveCitation', () => {
  it('gives the officielebekendmakingen page, PDF, XML and dossier of a Kamerstuk', () => {
    expect(resolveCitation('kst-21501-20-1440')).toEqual({
      officialUrl: 'https://zoek.officielebekendmakingen.nl/kst-21501-20-1440',
      pdf: 'https://zoek.officielebekendmakingen.nl/kst-21501-20-1440.pdf',
      xml: 'https://zoek.officielebekendmakingen.nl/kst-21501-20-1440.xml',
      dossier: '21501-20',
      dossierUrl: 'https://zoek.officielebekendmakingen.nl/dossier/21501-20',
      kind: 'kamerstuk',
      localIri: null,
    });
    expect(resolveCitation('kst-36410-VI-26')).toMatchObject({
      dossier: '36410-VI',
      dossierUrl: 'https://zoek.officielebekendmakingen.nl/dossier/36410-VI',
    });
    expect(resolveCitation('kst-36021-B')).toMatchObject({ dossier: '36021', pdf: 'https://zoek.officielebekendmakingen.nl/kst-36021-B.pdf' });
  });

  it('gives Aanhangsel and Handelingen papers their page and no dossier', () => {
    expect(resolveCitation('ah-tk-20192020-3225')).toEqual({
      officialUrl: 'https://zoek.officielebekendmakingen.nl/ah-tk-20192020-3225',
      pdf: 'https://zoek.officielebekendmakingen.nl/ah-tk-20192020-3225.pdf',
      xml: 'https://zoek.officielebekendmakingen.nl/ah-tk-20192020-3225.xml',
      dossier: null,
      dossierUrl: null,
      kind: 'aanhangsel',
      localIri: null,
    });
    expect(resolveCitation('h-tk-20192020-12-5')).toMatchObject({
      officialUrl: 'https://zoek.officielebekendmakingen.nl/h-tk-20192020-12-5',
      kind: 'handelingen',
      dossier: null,
    });
  });

  it('gives bare TK numbers no address (they are not ids on officielebekendmakingen)', () => {
    for (const [id, kind] of [
      ['2022D22285', 'tk-document'],
      ['2022Z10723', 'tk-zaak'],
    ] as const) {
      expect(resolveCitation(id)).toEqual({
        officialUrl: null,
        pdf: null,
        xml: null,
        dossier: null,
        dossierUrl: null,
        kind,
        localIri: null,
      });
    }
  });

  it('links a paper that is in the corpus to our own IRI as well, following the base', () => {
    const corpus = new Set(['kst-26150-187', 'ah-tk-20232024-1786']);
    const minter = new IriMinter('https://example.org/kst/');
    expect(resolveCitation('kst-26150-187', { corpus, minter }).localIri?.value).toBe('https://example.org/kst/id/kst-26150-187');
    expect(resolveCitation('kst-26150-169', { corpus, minter }).localIri).toBeNull();
  });

  it('throws the typed error for a malformed id', () => {
    expect(() => resolveCitation('kst-1-2')).toThrow(OfficialIdError);
  });

  it('resolves every id findCitations produces, with the kind it reported', () => {
    const text =
      'Kamerstuk 33 783, nr. 35; Kamerstukken 30 196 en 31 793, nr. 708; Kamerstuk 21 501-20, nr. 1440; ' +
      'Kamerstuk 36 410 VI, nr. 26; Tweede Kamer, vergaderjaar 2022–2023, 26 485, nr. 424; (36 471-64); ' +
      'Kamerstuk 21501-20-2128; Kamerstukken I 2022/23, 36 021, B; Aanhangsel Handelingen II 2019/20, nr. 3225; ' +
      'Handelingen II 2019/20, nr. 12, item 5; 2022D22285; 2022Z10723; Kamerstuk 33 783, nrs. 23, 35 en 44';
    const found = findCitations(text);
    expect(found.flatMap((c) => c.ids)).toHaveLength(16);
    for (const c of found) {
      c.ids.forEach((id, i) => {
        const r = resolveCitation(id);
        expect(r.kind).toBe(c.kind);
        expect(r.dossier).toBe(c.dossiers[i]);
      });
    }
  });
});
