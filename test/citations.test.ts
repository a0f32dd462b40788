import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findCitations, type CitationMatch } from '../src/extract/citations.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const shared = path.resolve(repoRoot, '../shared');

const ids = (text: string, selfId?: string): string[] => findCitations(text, { selfId }).flatMap((c) => c.ids);

/** [printed citation, expected ids, expected kind] — every form of issue 4. */
const FORMS: [string, string[], CitationMatch['kind']][] = [
  ['Kamerstuk 33 783, nr. 35', ['kst-33783-35'], 'kamerstuk'],
  ['Kamerstukken 30 196 en 31 793, nr. 708', ['kst-30196-708', 'kst-31793-708'], 'kamerstuk'],
  ['Kamerstuk 21 501-20, nr. 1440', ['kst-21501-20-1440'], 'kamerstuk'],
  ['Kamerstuk 36 410 VI, nr. 26', ['kst-36410-VI-26'], 'kamerstuk'],
  ['Kamerstuk 36 410-VI, nr. 26', ['kst-36410-VI-26'], 'kamerstuk'],
  ['Tweede Kamer, vergaderjaar 2022–2023, 26 485, nr. 424', ['kst-26485-424'], 'kamerstuk'],
  ['Tweede Kamer, vergaderjaar 2022-2023, 26 485, nr. 424', ['kst-26485-424'], 'kamerstuk'],
  ['Kamerstuk 21501-20-2128', ['kst-21501-20-2128'], 'kamerstuk'],
  ['Kamerstuk 36471-64', ['kst-36471-64'], 'kamerstuk'],
  ['Kamerstuk23 432, nr.537', ['kst-23432-537'], 'kamerstuk'],
  ['Kamerstukken II 2021/22, 36 021, nr. 6', ['kst-36021-6'], 'kamerstuk'],
  ['Kamerstukken I 2022/23, 36 021, B', ['kst-36021-B'], 'kamerstuk'],
  ['Kamerstukken I 2012/13, 33 328, AI', ['kst-33328-AI'], 'kamerstuk'],
  ['Eerste Kamer, vergaderjaar 2022–2023, 36 021, B', ['kst-36021-B'], 'kamerstuk'],
  ['Kamerstuk 36 021, B', ['kst-36021-B'], 'kamerstuk'],
  ['Kamerstukken I 2022/23, 36 021, nr. B', ['kst-36021-B'], 'kamerstuk'],
  ['Aanhangsel Handelingen II 2019/20, nr. 3225', ['ah-tk-20192020-3225'], 'aanhangsel'],
  ['Aanhangsel Handelingen I 2019/20, nr. 12', ['ah-ek-20192020-12'], 'aanhangsel'],
  ['Handelingen II 2019/20, nr. 12, item 5', ['h-tk-20192020-12-5'], 'handelingen'],
  ['Handelingen II 1999/00, nr. 3, item 7', ['h-tk-19992000-3-7'], 'handelingen'],
  ['Kamerstukken 26 485, nrs. 380 en 407', ['kst-26485-380', 'kst-26485-407'], 'kamerstuk'],
  ['Kamerstuk 33 783, nrs. 23, 35 en 44', ['kst-33783-23', 'kst-33783-35', 'kst-33783-44'], 'kamerstuk'],
  ['Kamerstuk 33 783, nrs. 3 t/m 5', ['kst-33783-3', 'kst-33783-4', 'kst-33783-5'], 'kamerstuk'],
  ['Kamerstuk 21 501-02, nr. 2498', ['kst-21501-02-2498'], 'kamerstuk'],
  ['Tweede Kamer, Vergaderjaar 2011-20 12, 33 240 X, nr. 2', ['kst-33240-X-2'], 'kamerstuk'],
  ['kamerstuk 29 911, nr. 292', ['kst-29911-292'], 'kamerstuk'],
  // Variants seen in practice outside the corpus.
  ['Kamerstuk 33 694 nr. 43', ['kst-33694-43'], 'kamerstuk'],
  ['Kamerstuk 36 410 VI nr. 26', ['kst-36410-VI-26'], 'kamerstuk'],
  ['Kamerstukken II, 2019–2020, 35 300, nr. 3', ['kst-35300-3'], 'kamerstuk'],
  ['Kamerstukken II 2016/17, 34 550 XVII, nr. 43', ['kst-34550-XVII-43'], 'kamerstuk'],
  ['Kst. 33 694, nr. 43', ['kst-33694-43'], 'kamerstuk'],
  ['Tweede Kamer, 2019–2020, 35 300, nr. 3', ['kst-35300-3'], 'kamerstuk'],
  ['Kamerstuk 33 783, nr. 35 en nr. 44', ['kst-33783-35', 'kst-33783-44'], 'kamerstuk'],
  ['Kamerstukken 33 783, nr. 35 en 34 775, nr. 44', ['kst-33783-35', 'kst-34775-44'], 'kamerstuk'],
  ['Aanhangsel Handelingen, vergaderjaar 2019–2020, nr. 3225', ['ah-tk-20192020-3225'], 'aanhangsel'],
  ['Aanhangsel van de Handelingen II 2019/20, nrs. 3225 en 3226', ['ah-tk-20192020-3225', 'ah-tk-20192020-3226'], 'aanhangsel'],
];

/** Each form with a line break put in at every space (and with the spaces doubled, as flattened PDFs print them). */
function variants(printed: string): string[] {
  const out: string[] = [];
  const spaces = [...printed.matchAll(/ /g)].map((m) => m.index);
  for (const i of spaces) out.push(`${printed.slice(0, i)}\n${printed.slice(i + 1)}`);
  for (const i of spaces) out.push(`${printed.slice(0, i)} \n${printed.slice(i + 1)}`);
  out.push(printed.replace(/ /g, '  '));
  return out;
}

describe('findCitations: every printed form', () => {
  for (const [printed, expected, kind] of FORMS) {
    it(`${printed} → ${expected.join(' + ')}`, () => {
      const text = `Zie (${printed}). En verder niets.`;
      const found = findCitations(text);
      expect(found).toHaveLength(1);
      const [c] = found;
      expect(c?.ids).toEqual(expected);
      expect(c?.kind).toBe(kind);
      expect(c?.text).toBe(printed);
      expect(text.slice(c?.start, c?.end)).toBe(printed);
      expect(c?.dossiers).toHaveLength(expected.length);
    });
    it(`${printed}, split over a line break anywhere`, () => {
      for (const v of variants(printed)) {
        const found = findCitations(`Zie ${v}. Verder.`);
        expect(
          found.map((c) => c.ids),
          JSON.stringify(v),
        ).toEqual([expected]);
        expect(found[0]?.text).toBe(printed);
      }
    });
  }

  it('gives the dossier of each id, with toevoeging; null for Aanhangsel and Handelingen', () => {
    const text =
      'Kamerstuk 33 783, nr. 35; Kamerstuk 21 501-20, nr. 1440; Kamerstuk 36 410 VI, nr. 26; ' +
      'Kamerstukken 30 196 en 31 793, nr. 708; Aanhangsel Handelingen II 2019/20, nr. 3225; ' +
      'Handelingen II 2019/20, nr. 12, item 5; 2022D22285';
    expect(findCitations(text).map((c) => c.dossiers)).toEqual([['33783'], ['21501-20'], ['36410-VI'], ['30196', '31793'], [null], [null], [null]]);
  });

  it('reads the forms of the issue split exactly as printed in the corpus', () => {
    expect(ids('motie van de leden Erkens en Grinwis (Kamerstuk 36 197,\nnr. 15).')).toEqual(['kst-36197-15']);
    expect(ids('Kamerstuk 36\n197, nr. 15')).toEqual(['kst-36197-15']);
    expect(ids('(Kamerstukken 30 196 en\n31 793, nr. 708)')).toEqual(['kst-30196-708', 'kst-31793-708']);
    expect(ids('(Kamerstukken 30 \n196 en 31 793, nr. 708)')).toEqual(['kst-30196-708', 'kst-31793-708']);
    expect(ids('Aanhangsel Handelingen II \n2019/20, nr. 3225)')).toEqual(['ah-tk-20192020-3225']);
    expect(ids('beschreven in Kamerstuk 26 \n407, nr. 134. Voorts')).toEqual(['kst-26407-134']);
  });

  it('reads a bare "(36 471-64)" only inside parentheses, and "(36360-VI, nr. 2)"', () => {
    const c = findCitations('een brief over Ambtelijke analyses hoofdlijnenakkoord (36 471-64) op 7 juni 2024.');
    expect(c.map((x) => [x.ids, x.text])).toEqual([[['kst-36471-64'], '36 471-64']]);
    expect(ids('(36\n471-64)')).toEqual(['kst-36471-64']);
    expect(ids('(36360-VI, nr. 2)')).toEqual(['kst-36360-VI-2']);
    expect(ids('de brief 36 471-64 van juni')).toEqual([]);
  });

  it('reads TK document and zaak numbers, but not inside a URL', () => {
    const text = 'de motie Van der Staaij (2022D22285) en GroenLinks-leden (2022Z10723). Kamerstuk 21 501-02, nr. 2498 ' + '(https://www.tweedekamer.nl/kamerstukken/moties/\ndetail?id=2022D25169&did=2022D25169)';
    expect(findCitations(text).map((c) => [c.ids[0], c.kind])).toEqual([
      ['2022D22285', 'tk-document'],
      ['2022Z10723', 'tk-zaak'],
      ['kst-21501-02-2498', 'kamerstuk'],
    ]);
  });

  it('leaves the trailing full stop and parenthesis out of the span', () => {
    const text = 'Zie (Kamerstuk 26 485, nr. 432).';
    const [c] = findCitations(text);
    expect([c?.start, c?.end, text.slice(c?.start, c?.end)]).toEqual([5, 30, 'Kamerstuk 26 485, nr. 432']);
  });
});

describe("findCitations: the document's own footers", () => {
  it('skips a long form equal to selfId, page number and all', () => {
    const text = 'tekst\n\nTweede Kamer, vergaderjaar 2020–2021, 26 150, nr. 187 6\n\nmeer tekst';
    expect(ids(text, 'kst-26150-187')).toEqual([]);
    // Without selfId it is what it says: a reference to that paper.
    expect(ids(text)).toEqual(['kst-26150-187']);
  });

  it('keeps a long-form citation of another paper in the same document', () => {
    const text = 'Kamerstuk 26 485, nr. 432.\n4\nTweede Kamer, vergaderjaar 2022–2023, 26 485, nr. 424\n\n' + 'Tweede Kamer, vergaderjaar 2023–2024, Aanhangsel\n\n2\n';
    expect(ids(text, 'ah-tk-20232024-1786')).toEqual(['kst-26485-432', 'kst-26485-424']);
  });

  it('never reads an Aanhangsel footer as a citation', () => {
    expect(ids('Tweede Kamer, vergaderjaar 2023–2024, Aanhangsel 3')).toEqual([]);
    expect(ids('Tweede Kamer, vergaderjaar 2023–2024, Aanhangsel\n\n3\n')).toEqual([]);
    expect(ids('Vergaderjaar 2023–2024\nAanhangsel van de Handelingen\nVragen gesteld door de leden der Kamer')).toEqual([]);
  });

  it('keeps a short-form self-citation (only the long form is a footer)', () => {
    expect(ids('zie ook Kamerstuk 36 450, nr. 6', 'kst-36450-6')).toEqual(['kst-36450-6']);
  });
});

describe('findCitations: look-alikes that are not citations', () => {
  const LOOK_ALIKES = [
    '17 juni 2019',
    'het vergaderjaar 2020–2021',
    '(2019-2020)',
    '(2020–2021)',
    '(1 januari-31 december)',
    '€ 26 150',
    '1 440 miljoen',
    '(10 000-15 000 euro)',
    '(20 000-30 000)',
    'ISSN 0921 - 7398',
    'ISSN 0921 - 7398\n’s-Gravenhage 2024',
    'artikel 101, lid 3',
    'resolutie 2532',
    'VN-Veiligheidsraadresolutie 2334 (2016)',
    'de 75e Algemene Vergadering',
    'in de periode 2024 t/m 2027',
    'Kamerstuk 33 783',
    '(Kamerstuk 21 501-20)',
    'Kamerstuk 21 501-20 over de Raad',
    'Kamerbrief over Voortgangsrapportage 2023 | Kamerstuk | Rijksoverheid.nl',
    'Handelingen II 2019/20, nr. 12',
    'de vredesonderhandelingen in Jemen',
    'EU-wetgevingshandelingen (artikel 3, lid 2)',
    'Tweede Kamer, vergaderjaar 2023–2024, Aanhangsel',
    'tel. (070) 342-5678',
    'nr. 35',
    'Vraag 21501',
    'id=2022D25169',
    'https://www.tweedekamer.nl/kamerstukken/detail?id=2022Z10723',
    '20221D22285',
    'Kamerstuk 33 783, 35',
    'Tweede Kamer, 2023–2024, Aanhangsel 3',
    'Kamerstuk 33 783, NRC schreef',
    'Kamerstuk 33 783, VN-Veiligheidsraad',
    'Kamerstuk 33 783, EU en VN',
  ];
  it.each(LOOK_ALIKES)('%j yields nothing', (text) => {
    expect(findCitations(text)).toEqual([]);
  });

  it('does not run a singular "nr." on into the numbers that follow it', () => {
    expect(ids('Kamerstuk 33 783, nr. 35 en 36 landen steunen dit')).toEqual(['kst-33783-35']);
    expect(ids('Kamerstuk 33 783, nr. 35, 2019')).toEqual(['kst-33783-35']);
    expect(ids('Tweede Kamer, vergaderjaar 2020–2021, 26 150, nr. 187 6')).toEqual(['kst-26150-187']);
  });

  it('yields only the citations in a paragraph full of look-alikes', () => {
    const text =
      'Op 17 juni 2019 is € 26 150 (2019-2020) uitgegeven, 1 440 miljoen in 2020–2021; artikel 101, lid 3 en ' +
      'resolutie 2532 zijn van belang (Kamerstuk 33 783, nr. 35). ISSN 0921 - 7398\n' +
      'Tweede Kamer, vergaderjaar 2020–2021, 26 150, nr. 187 6\n';
    expect(ids(text, 'kst-26150-187')).toEqual(['kst-33783-35']);
  });
});

describe('findCitations: motions', () => {
  it('marks the citation that follows a named motion', () => {
    const [c] = findCitations('de motie van het lid Koopmans c.s. (Kamerstuk 33 694, nr. 43)');
    expect(c?.ids).toEqual(['kst-33694-43']);
    expect(c?.motion).toEqual({ submitters: ['Koopmans'] });
  });

  it('reaches over a relative clause within the sentence, as in the seed', () => {
    const text =
      'uitvoering te geven aan de \nmotie van het lid Koopmans c.s., waarin het kabinet is opgeroepen om \n' +
      'met gelijkgezinde landen praktisch en realistisch aanjager te zijn van een \n' +
      'zo breed gedragen en verstrekkend mogelijk verdrag of andere bindende \n' +
      'internationale regelgeving, waaronder dronezwermen en andere al dan niet met kunstmatige \n' +
      'intelligentie versterkte robotica (Kamerstuk 33 694, nr. 43). \n\n8. Antwoord van het kabinet: \n\n' +
      'Zoals aan uw Kamer is medegedeeld (Kamerstuk 33 694, nr. 45) is';
    const found = findCitations(text);
    expect(found.map((c) => [c.ids[0], c.motion?.submitters ?? null])).toEqual([
      ['kst-33694-43', ['Koopmans']],
      ['kst-33694-45', null],
    ]);
  });

  it('reads several submitters and normalises a stand-alone particle to a capital', () => {
    const [a] = findCitations('Overeenkomstig de motie van de leden Jetten en de Groot \n(Kamerstuk 21 501-20, nr. 1440) zet');
    expect(a?.motion).toEqual({ submitters: ['Jetten', 'De Groot'] });
    const [b] = findCitations('aangenomen motie van de leden Erkens en Grinwis (Kamerstuk 36 197,\nnr. 15).');
    expect(b?.motion).toEqual({ submitters: ['Erkens', 'Grinwis'] });
  });

  it('does not give the motion to a citation of another paper, in another sentence, or after another citation', () => {
    expect(findCitations('de motie van het lid Koopmans, zoals beschreven in de Kamerbrief (Kamerstuk 33 694, nr. 45)')[0]?.motion).toBeUndefined();
    {
      const [c] = findCitations('conform de motie Van der Staaij. Zie ook Kamerstuk 34 775, nr. 44.');
      expect(c).toBeDefined();
      expect(c?.motion).toBeUndefined();
    }
    const two = findCitations('de motie-Koopmans c.s. (Kamerstuk 33 694, nr. 43) en Kamerstuk 33 694, nr. 45');
    expect(two.map((c) => c.motion?.submitters ?? null)).toEqual([['Koopmans'], null]);
  });

  it('does not type a joint or list citation as one motion', () => {
    {
      const [c] = findCitations('de motie van het lid Koopmans (Kamerstuk 33 694, nrs. 43 en 44)');
      expect(c).toBeDefined();
      expect(c?.motion).toBeUndefined();
    }
  });
});

interface GoldCitation {
  targets: string[];
}
interface Gold {
  citations: (string | GoldCitation)[];
}

const multiset = (xs: string[]): string[] => [...xs].sort();

describe.skipIf(!existsSync(path.join(shared, 'corpus')))('findCitations on the reference corpus', () => {
  const files = existsSync(path.join(shared, 'corpus')) ? readdirSync(path.join(shared, 'corpus')).filter((f) => f.endsWith('.txt')) : [];

  it('has the nine documents', () => {
    expect(files).toHaveLength(9);
  });

  for (const file of files) {
    const id = file.replace(/\.txt$/, '');
    it(`${id}: the gold's multiset of official ids, footers excluded`, () => {
      const text = readFileSync(path.join(shared, 'corpus', file), 'utf8');
      const gold = JSON.parse(readFileSync(path.join(shared, 'gold', `${id}.json`), 'utf8')) as Gold;
      const expected = gold.citations.flatMap((c) => (typeof c === 'string' ? [c] : c.targets));
      const found = findCitations(text, { selfId: id });
      const official = found.filter((c) => c.kind !== 'tk-document' && c.kind !== 'tk-zaak').flatMap((c) => c.ids);
      expect(multiset(official)).toEqual(multiset(expected));
      for (const c of found) expect(c.text).toBe(text.slice(c.start, c.end).replace(/\s+/g, ' ').trim());
    });
  }

  it('kst-26150-187: 21 citations (22 ids), three of them typed as motions', () => {
    const text = readFileSync(path.join(shared, 'corpus', 'kst-26150-187.txt'), 'utf8');
    const found = findCitations(text, { selfId: 'kst-26150-187' });
    expect(found).toHaveLength(21);
    expect(found.filter((c) => c.motion).map((c) => [c.ids[0], c.motion?.submitters])).toEqual([
      ['kst-33694-43', ['Koopmans']],
      ['kst-33783-44', ['Soerdsma']], // printed so in the source (Sjoerdsma)
      ['kst-21501-20-1440', ['Jetten', 'De Groot']],
    ]);
  });

  it('ah-tk-20232024-878: the two TK numbers, typed', () => {
    const text = readFileSync(path.join(shared, 'corpus', 'ah-tk-20232024-878.txt'), 'utf8');
    expect(findCitations(text, { selfId: 'ah-tk-20232024-878' }).map((c) => [c.ids[0], c.kind])).toEqual([
      ['2022D22285', 'tk-document'],
      ['2022Z10723', 'tk-zaak'],
    ]);
  });

  it('ah-tk-20232024-2168: the motion split over a line break', () => {
    const text = readFileSync(path.join(shared, 'corpus', 'ah-tk-20232024-2168.txt'), 'utf8');
    const [c] = findCitations(text, { selfId: 'ah-tk-20232024-2168' });
    expect(c).toMatchObject({ ids: ['kst-36197-15'], text: 'Kamerstuk 36 197, nr. 15', motion: { submitters: ['Erkens', 'Grinwis'] } });
  });
});

describe.skipIf(!existsSync(path.join(shared, 'corpus-extra')))('findCitations on flattened Rekenkamer letters', () => {
  const read = (f: string): string => readFileSync(path.join(shared, 'corpus-extra', f), 'utf8');
  it('reads every reference in the 2024 J&V letter', () => {
    expect(ids(read('rekenkamer-2024-06-04-vo2023-jenv.txt'))).toEqual(['kst-36360-VI-2', 'kst-29911-207', 'kst-29911-379', 'kst-29911-292']);
  });
  it('reads the broken year "2011-20 12" and the chapter X of the 2012 Defensie letter', () => {
    const found = ids(read('rekenkamer-2012-06-11-jv2011-defensie.txt'));
    expect(new Set(found)).toEqual(new Set(['kst-33240-X-2']));
    expect(found).toHaveLength(8);
  });
  it('finds nothing in letters that cite no paper', () => {
    expect(ids(read('rekenkamer-2021-06-08-vo2020-financien.txt'))).toEqual([]);
    expect(ids(read('rekenkamer-2025-06-10-vo2024-bho.txt'))).toEqual([]);
  });
});

/** Real snippets from ../shared, and the slips the issue names: each class parses, and what only looks like a list does not. */
const wildDir = path.join(shared, 'corpus-wild');
const wildText = (file: string): string => (existsSync(path.join(wildDir, file)) ? readFileSync(path.join(wildDir, file), 'utf8').replace(/\s+/g, ' ') : '');

describe('findCitations: typos, OCR slips and lists', () => {
  it.each([
    // Several numbers after one "nr.": one citation each.
    ['Kamerstuk 33 783, nr. 35, 36 en 44', ['kst-33783-35', 'kst-33783-36', 'kst-33783-44']],
    ['Kamerstuk 33 783, nr. 35 en 44.', ['kst-33783-35', 'kst-33783-44']],
    ['Kamerstuk 33 783, nr. 35 t/m 37', ['kst-33783-35', 'kst-33783-36', 'kst-33783-37']],
    ['Aanhangsel Handelingen II 2019/20, nr. 3225 en 3226', ['ah-tk-20192020-3225', 'ah-tk-20192020-3226']],
    // A comma list that never closes on "en N" is not a list after a singular "nr.".
    ['(Kamerstuk 33 783, nr. 35, 2019)', ['kst-33783-35']],
    // Letters that look like a Roman numeral.
    ['Kamerstuk 36 410 Vl, nr. 26', ['kst-36410-VI-26']],
    ['Kamerstuk 36 200 XlV, nr. 3', ['kst-36200-XIV-3']],
    ['Kamerstuk 36 410-V1, nr. 26', ['kst-36410-VI-26']],
    // A wrong parliamentary year: the session the first year opens.
    ['Handelingen II 2019/21, nr. 12, item 5', ['h-tk-20192020-12-5']],
    ['Aanhangsel Handelingen II 2019/21, nr. 3225', ['ah-tk-20192020-3225']],
    ['Kamerstukken II 2021/23, 36 021, nr. 6', ['kst-36021-6']],
    // A missing dot after "nr", a lowercase "kamerstuk".
    ['Kamerstuk 36 410 VI, nr 26', ['kst-36410-VI-26']],
    ['zie kamerstuk 36 410 VI, nr. 26', ['kst-36410-VI-26']],
    ['zie kamerstukken 30 196 en 31 793, nr. 708', ['kst-30196-708', 'kst-31793-708']],
  ])('%s', (text, expected) => {
    expect(ids(text)).toEqual(expected);
  });

  it('a date after the number is no second number: "Kamerstuk 31 839, nr. 1031, 5 november 2024" (corpus-wild, Paulusma)', () => {
    const real = wildText('Antwoord_op_vragen_van_het_lid_Paulusma_.pdf.txt');
    if (real) expect(real).toContain('Kamerstuk 31 839, nr. 1031, 5 november 2024');
    expect(ids('Kamerstuk 31 839, nr. 1031, 5 november 2024, Voortgangsbrief Jeugd')).toEqual(['kst-31839-1031']);
  });

  it('"Kamerstuk-ken 23 645, nr. 811 en 29 984, nr. 1207" (PDF-library text, corpus-wild, Postma): the next dossier is no number', () => {
    const real = wildText('Antwoord_op_vragen_van_het_lid_Postma_ov.pdf.txt');
    if (real) expect(ids(real)).toEqual(expect.arrayContaining(['kst-23645-811', 'kst-29984-1207']));
    expect(ids('(Kamerstuk-ken 23 645, nr. 811 en 29 984, nr. 1207)')).toEqual(['kst-23645-811', 'kst-29984-1207']);
  });

  it('letter-numbered papers without a year: "Eerste Kamer, 36 373, H" (corpus-wild, notice of delay)', () => {
    const real = wildText('Uitstel_beantwoording_vragen_van_het_lid.pdf.txt');
    if (real) expect(real).toContain('Eerste Kamer, 36 373, H');
    expect(ids('5Eerste Kamer, 36 373, H')).toEqual(['kst-36373-H']);
  });

  it('the Aanhangsel in the long form, with or without "nr." (corpus-wild footnotes)', () => {
    expect(ids('Tweede Kamer, vergaderjaar 2023–2024, Aanhangsel van de Handelingen, nr. 238')).toEqual(['ah-tk-20232024-238']);
    expect(ids('Tweede Kamer, vergaderjaar 2023–2024, Aanhangsel van de Handelingen 2386.')).toEqual(['ah-tk-20232024-2386']);
    // The running footer of an Aanhangsel paper stays no citation.
    expect(ids('Tweede Kamer, vergaderjaar 2024–2025, Aanhangsel 1')).toEqual([]);
  });

  it('the Rekenkamer letter cites its report with the year split by OCR ("2011-20 12")', () => {
    const file = path.join(shared, 'corpus-extra', 'rekenkamer-2012-06-11-jv2011-defensie.txt');
    if (!existsSync(file)) return;
    expect(new Set(ids(readFileSync(file, 'utf8')))).toEqual(new Set(['kst-33240-X-2']));
  });
});
