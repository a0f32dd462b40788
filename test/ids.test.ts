/**
 * Official ids in one module (issue 15): src/ingest/ids.ts splits them, finds them in a paper's
 * colophon or file name, and completes a paper's identity; no other module parses them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findCitations } from '../src/extract/citations.js';
import { ahTkId, colophonId, completeIdentity, dossierOf, fileNameId, kstId, kvTkId, ndsTkId, OfficialIdError, splitOfficialId } from '../src/ingest/ids.js';
import { repoRoot, tsFiles } from './helpers.js';

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

describe('ids in papers and file names', () => {
  it('finds the colophon id on a line of its own, and only there', () => {
    expect(colophonId('Tweede Kamer der Staten-Generaal\n  kst-36450-6  \nISSN 0921-7371')).toBe('kst-36450-6');
    expect(colophonId('ah-tk-20242025-560\n')).toBe('ah-tk-20242025-560');
    expect(colophonId('2024Z18438\nkv-tk-2024Z18438')).toBe('kv-tk-2024Z18438');
    expect(colophonId('zie kst-36450-6 voor meer')).toBeNull();
  });

  it('takes an id from a file name with any extensions, and nothing else', () => {
    expect(fileNameId('kst-21501-20-1440.pdf')).toBe('kst-21501-20-1440');
    expect(fileNameId('ah-tk-20232024-1292.pdf.txt')).toBe('ah-tk-20232024-1292');
    expect(fileNameId('nds-tk-2024D45678.docx')).toBe('nds-tk-2024D45678');
    expect(fileNameId('Antwoord_op_vragen_van_het_lid_Erkens.pdf.txt')).toBeNull();
  });

  it('completes an identity from the id, what the paper printed winning', () => {
    expect(completeIdentity('kst-36410-VI-26', { dossier: null, ondernummer: null, vergaderjaar: '2023-2024' })).toEqual({ id: 'kst-36410-VI-26', dossier: '36410-VI', ondernummer: '26', vergaderjaar: '2023-2024' });
    expect(completeIdentity('kst-21501-20-1440', { dossier: null, ondernummer: null, vergaderjaar: null })).toMatchObject({ dossier: '21501-20', ondernummer: '1440' });
    expect(completeIdentity('ah-tk-20232024-1292', { dossier: '36450', ondernummer: null, vergaderjaar: null })).toEqual({ id: 'ah-tk-20232024-1292', dossier: null, ondernummer: '1292', vergaderjaar: '2023-2024' });
    expect(completeIdentity('kst-26150-187', { dossier: '26150', ondernummer: '187', vergaderjaar: '2020-2021' })).toEqual({ id: 'kst-26150-187', dossier: '26150', ondernummer: '187', vergaderjaar: '2020-2021' });
    // A provisional id says nothing.
    expect(completeIdentity('provisional-0123456789ab', { dossier: null, ondernummer: null, vergaderjaar: null })).toEqual({ id: 'provisional-0123456789ab', dossier: null, ondernummer: null, vergaderjaar: null });
  });

  it('splits every id findCitations produces, with the dossier it reported', () => {
    const text =
      'Kamerstuk 33 783, nr. 35; Kamerstukken 30 196 en 31 793, nr. 708; Kamerstuk 21 501-20, nr. 1440; ' +
      'Kamerstuk 36 410 VI, nr. 26; Tweede Kamer, vergaderjaar 2022–2023, 26 485, nr. 424; (36 471-64); ' +
      'Kamerstuk 21501-20-2128; Kamerstukken I 2022/23, 36 021, B; Aanhangsel Handelingen II 2019/20, nr. 3225; ' +
      'Handelingen II 2019/20, nr. 12, item 5; 2022D22285; 2022Z10723; Kamerstuk 33 783, nrs. 23, 35 en 44';
    const found = findCitations(text);
    expect(found.flatMap((c) => c.ids)).toHaveLength(16);
    for (const c of found) {
      c.ids.forEach((id, i) => {
        expect(dossierOf(splitOfficialId(id))).toBe(c.dossiers[i] ?? null);
      });
    }
  });
});

describe('one module parses ids', () => {
  it('no module under src/ but src/ingest/ids.ts holds an id pattern (kst-\\d{5}, ah-tk-\\d, kv-tk-\\d, nds-tk-\\d)', () => {
    const files = tsFiles(path.join(repoRoot, 'src'));
    const patterns = /kst-\\d\{5\}|ah-(?:tk|\(tk)[^'"\n]{0,6}\\d|kv-tk-\\d|nds-tk-\\d|kst-\(\\d/;
    const holders = files.filter((f) => patterns.test(readFileSync(f, 'utf8'))).map((f) => path.relative(repoRoot, f));
    expect(holders).toEqual([path.join('src', 'ingest', 'ids.ts')]);
  });

  it('composes ids too: what kstId, ahTkId, kvTkId and ndsTkId make splits back into the numbers they were given', () => {
    expect(splitOfficialId(kstId('21501-20', '1440'))).toMatchObject({ series: 'kst', dossier: '21501', toevoeging: '20', ondernummer: '1440' });
    expect(splitOfficialId(ahTkId('2020-2021', '3235'))).toMatchObject({ id: 'ah-tk-20202021-3235', series: 'ah-tk', vergaderjaar: '2020-2021', ondernummer: '3235' });
    expect(splitOfficialId(kvTkId('2024Z18438'))).toMatchObject({ series: 'kv-tk', tkNumber: '2024Z18438' });
    expect(splitOfficialId(ndsTkId('2024D45678'))).toMatchObject({ series: 'nds-tk', tkNumber: '2024D45678' });
  });

  it('no module under src/ but src/ingest/ids.ts composes an id from a template (`kst-${…}`, `ah-tk-${…}`, …)', () => {
    const composes = /`(?:kst|ah-tk|ah-ek|h-tk|kv-tk|nds-tk)-\$\{/;
    const files = readdirSync(path.join(repoRoot, 'src'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    const composers = files.filter((f) => composes.test(readFileSync(path.join(repoRoot, 'src', f), 'utf8'))).sort();
    // validate/shapes.ts fills the shapes' sh:pattern placeholders: a pattern of ids, not an id.
    expect(composers).toEqual([path.join('ingest', 'ids.ts'), path.join('validate', 'shapes.ts')]);
  });
});
