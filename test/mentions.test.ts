import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Gazetteer, labelsOf } from '../src/extract/gazetteer.js';
import { findMentions, foldText, type MentionMatch } from '../src/extract/mentions.js';
import { IriMinter } from '../src/rdf/iris.js';
import { defined } from './helpers.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const shared = path.resolve(repoRoot, '../shared');
const gazetteer = Gazetteer.load(new IriMinter());
const seed = readFileSync(path.join(repoRoot, 'corpus', 'kst-26150-187.txt'), 'utf8');

const ids = (text: string): string[] => findMentions(text, gazetteer).map((m) => m.id);

/** Printed forms per concept, with how often each occurs: { id: { text: count } }. */
function tally(ms: MentionMatch[], kind?: string): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const m of ms) {
    if (kind !== undefined && m.kind !== kind) continue;
    const counts = (out[m.id] ??= {});
    counts[m.text] = (counts[m.text] ?? 0) + 1;
  }
  return out;
}

const seedMentions = findMentions(seed, gazetteer);

describe('the 15 treaties of the seed, under every name they appear with', () => {
  // Facts: counted by hand in corpus/kst-26150-187.txt (grep over the text with line-break hyphens
  // joined, "het verdrag" and "dit VN-verdrag" left out). Keys are the names as printed, line breaks folded.
  const TREATIES: Record<string, Record<string, number>> = {
    'un-charter': { 'Handvest van de Verenigde Naties': 1, 'VN-Handvest': 1 },
    cat: { 'VN-Verdrag tegen foltering': 1 },
    ccw: { 'Convention on Certain Conventional Weapons': 3, CCW: 3, 'CCW-verdrag': 1 },
    npt: { 'Non-proliferatieverdrag': 5, NPV: 29 },
    tpnw: { TPNW: 6, 'Treaty on the Prohibition of Nuclear Weapons': 4, kernwapenverbod: 6, 'VN-kernwapenverbod': 1 },
    ctbt: { Kernstopverdrag: 3, kernstopverdrag: 7, CTBT: 7 },
    fmct: { Splijtstofstopverdrag: 3, FMCT: 4 },
    'new-start': { 'New START verdrag': 2, 'New START wapenbeheersingsverdrag': 1, 'New Start verdrag': 4 },
    'geneva-ap1': { 'Eerste Aanvullend Protocol bij de Geneefse Conventies': 4 },
    echr: { EVRM: 3 },
    'paris-agreement': { 'Overeenkomst van Parijs': 5, Parijsakkoord: 1, 'Akkoord van Parijs': 1 },
    att: { Wereldwapenhandelsverdrag: 1, ATT: 1 },
    cbd: { 'United Nations Convention on Biological Diversity': 1, 'Convention on Biological Diversity': 1, CBD: 3, 'UN CBD': 1 },
    'rome-statute': { 'Statuut van Rome': 6 },
    'who-constitution': { 'Statuut van de WHO': 1 },
  };
  const found = tally(seedMentions, 'treaty');

  it.each(Object.keys(TREATIES))('%s', (id) => {
    expect(found[id]).toEqual(TREATIES[id]);
  });

  it('finds no other treaty than these and the two covenants named "BuPo" and "EcSoCu"', () => {
    expect(Object.keys(found).sort()).toEqual([...Object.keys(TREATIES), 'iccpr', 'icescr'].sort());
  });

  it('finds a name broken over a line after a word-break hyphen ("kernwapen-\\nverbod")', () => {
    const hyphenated = seedMentions.filter((m) => m.kind === 'treaty' && /-\s*\n/.test(seed.slice(m.start, m.end)));
    expect(hyphenated.map((m) => [m.text, seed.slice(m.start, m.end)])).toEqual([
      ['kernwapenverbod', 'kernwapen-\nverbod'],
      ['New START wapenbeheersingsverdrag', 'New START wapenbe-\nheersingsverdrag'],
    ]);
    // And names spread over two lines: 15 treaty mentions in the seed (counted independently with a regex over the raw text).
    const spread = seedMentions.filter((m) => m.kind === 'treaty' && seed.slice(m.start, m.end).includes('\n'));
    expect(spread.length).toBe(15);
  });

  it('gives spans that hold the printed name', () => {
    for (const m of seedMentions) {
      const printed = seed.slice(m.start, m.end);
      expect(printed.replace(/[-\s]/g, '')).toBe(m.text.replace(/[-\s]/g, ''));
    }
  });
});

describe('organisations in the seed', () => {
  const found = tally(seedMentions, 'organisation');
  // Facts: counts of each organisation's names in the seed (grep, case-sensitive, on word boundaries).
  const ORGS: Record<string, Record<string, number>> = {
    ecosoc: { ECOSOC: 1 },
    unoct: { UNOCT: 3, 'UN Office of Counter Terrorism': 1 },
    mopan: { MOPAN: 2, 'Multilateral Organisations Performance Assessment Network': 1 },
    ilc: { ILC: 7, 'International Law Commission': 2 },
    wto: { WTO: 2, Wereldhandelsorganisatie: 1 },
    'world-bank': { Wereldbank: 1, Wereldbankgroep: 1 },
    undp: { UNDP: 2, 'United Nations Development Programme': 2 },
    ohchr: { OHCHR: 2, 'Office of the United Nations High Commissioner for Human Rights': 1, 'Hoge Commissaris voor de Mensenrechten': 1 },
    unrwa: { UNRWA: 1 },
    wfp: { WFP: 1 },
    dppa: { DPPA: 2, 'VN organisatie voor Politieke en Vredesopbouw Aangelegenheden': 1 },
    nato: { NAVO: 15 },
    icc: { 'Internationaal Strafhof': 17, Strafhof: 4, ICC: 1 },
    who: { WHO: 34, Wereldgezondheidsorganisatie: 1, 'World Health Organisation': 1 },
    unsc: { Veiligheidsraad: 11, VNVR: 9, 'VN Veiligheidsraad': 6, 'VN-Veiligheidsraad': 3, 'Security Council': 1 },
    unhrc: { Mensenrechtenraad: 16, 'VN-Mensenrechtenraad': 17, 'VN Mensenrechtenraad': 3 },
    unga: { AVVN: 66, 'Algemene Vergadering van de Verenigde Naties': 6, 'Algemene Vergadering van de VN': 4 },
    eu: { EU: 50, 'Europese Unie': 1 },
  };
  it.each(Object.keys(ORGS))('%s', (id) => {
    expect(found[id]).toEqual(ORGS[id]);
  });

  it('links the United Nations under its Dutch and English names and acronyms, but not inside "VN-Veiligheidsraad"', () => {
    expect(found.un).toEqual({ 'Verenigde Naties': 23, VN: 186, UN: 12, 'United Nations': 1 });
  });
});

describe('look-alikes that must not match', () => {
  const NONE: string[] = [
    'De VNG en de gemeenten.', // VNG is its own concept, not VN
    'een bijdrage van EUR 8,5 miljoen', // EUR is no EU
    'in Europa en de Europese landen',
    'the people who voted', // lower-case "who"
    'de SPD in Duitsland', // SPD is no SP
    'de stad Parijs en het regeerakkoord en het klimaatakkoord',
    'het verdrag en dit verdrag en de verdragen',
    'de Amerikaanse Minister van Buitenlandse Zaken', // a minister, and a foreign one
    'het Iraanse Ministerie van Buitenlandse Zaken', // a foreign ministry
    'het Gerechtshof Den Haag', // a Dutch court, not the ICJ
    'de Algemene Vergadering van aandeelhouders',
    '230 volt', // a unit, not the faction Volt
    'ik denk dat het kan', // not DENK
    'de stad Rome',
    'NAVOTAS',
    'ICCM',
    'UNICEFF',
    'WHOM',
    'xNPV',
    'NPVx',
    'statuut van de vereniging',
  ];
  it.each(NONE)('%j', (text) => {
    expect(ids(text).filter((id) => id !== 'vng')).toEqual([]);
  });

  it('links VNG to itself, so that VN inside it never matches', () => {
    expect(ids('De VNG en de VN.')).toEqual(['vng', 'un']);
  });

  it('prefers the longest name: ICCPR over ICC, "Statuut van de WHO" over WHO', () => {
    expect(ids('het ICCPR en het ICC')).toEqual(['iccpr', 'icc']);
    expect(ids('het Statuut van de WHO en de WHO')).toEqual(['who-constitution', 'who']);
    expect(ids('GroenLinks-PvdA en GroenLinks en PvdA')).toEqual(['groenlinks-pvda', 'groenlinks', 'pvda']);
  });
});

describe('matching rules', () => {
  const one = (text: string): MentionMatch => {
    const ms = findMentions(text, gazetteer);
    expect(ms, text).toHaveLength(1);
    return defined(ms[0], `a mention in ${text}`);
  };

  it('takes "VN-" and "VN " before a part of the UN as part of that part', () => {
    expect(one('de VN-Veiligheidsraad').id).toBe('unsc');
    expect(one('de VN Veiligheidsraad').id).toBe('unsc');
    expect(one('de VN-\nVeiligheidsraad besluit').text).toBe('VN-Veiligheidsraad');
    expect(one('de VN- Mensen-\nrechtenraad').text).toBe('VN-Mensenrechtenraad');
    expect(one('het VN-ontwikkelingsprogramma').id).toBe('undp');
  });

  it('treats a hyphen as a word boundary ("NAVO-lidmaatschap", "niet-NAVO-landen", "EU-inzet")', () => {
    expect(ids('ons NAVO-lidmaatschap, niet-NAVO-landen en de EU-inzet')).toEqual(['nato', 'nato', 'eu']);
    expect(ids('NPV-bijeenkomsten en het NPV-proces')).toEqual(['npt', 'npt']);
  });

  it('folds line breaks inside multi-word names and keeps spans in the source', () => {
    const text = 'de Algemene Vergadering van de Verenigde\nNaties (AVVN)';
    const ms = findMentions(text, gazetteer);
    expect(ms.map((m) => [m.id, m.text, text.slice(m.start, m.end)])).toEqual([
      ['unga', 'Algemene Vergadering van de Verenigde Naties', 'Algemene Vergadering van de Verenigde\nNaties'],
      ['unga', 'AVVN', 'AVVN'],
    ]);
  });

  it('joins a word broken at a line end, and keeps a real hyphen', () => {
    const m = one('het Non-prolife-\nratieverdrag');
    expect([m.id, m.text]).toEqual(['npt', 'Non-proliferatieverdrag']);
    expect(one('het Splijtstof-\nstopverdrag').text).toBe('Splijtstofstopverdrag');
    // A word that goes on after a line-end hyphen is no match: "Strafhof-\nzaken" is one word.
    expect(ids('de Strafhof-\nzaken')).toEqual([]);
  });

  it('matches a treaty name with either case of its first letter, acronyms only as written', () => {
    expect(ids('Het Kernstopverdrag en het kernstopverdrag')).toEqual(['ctbt', 'ctbt']);
    expect(ids('Kernwapenverbod')).toEqual(['tpnw']);
    expect(ids('de npv en de ctbt')).toEqual([]);
    expect(ids('de verenigde naties')).toEqual([]); // organisation names as written only
  });

  it('accepts a footnote marker glued to a name ("VN7", "Statuut van Rome3")', () => {
    expect(ids('steun voor de VN7 en het Statuut van Rome3.')).toEqual(['un', 'rome-statute']);
  });

  it('links a Dutch ministry by name and abbreviation, not after a foreign adjective', () => {
    expect(ids('het Ministerie van Buitenlandse Zaken en het ministerie van BZ')).toEqual(['bz', 'bz']);
    expect(ids('het Nederlandse Ministerie van Buitenlandse Zaken')).toEqual(['bz']);
    expect(ids('Ministerie van JenV, EZK en J&V')).toEqual(['jenv', 'ez', 'jenv']);
  });

  it('links factions by abbreviation and full name', () => {
    const ms = findMentions('De leden van de VVD-fractie en de Partij voor de Dieren-fractie; Volt en DENK.', gazetteer);
    expect(ms.map((m) => [m.id, m.kind, m.text])).toEqual([
      ['vvd', 'faction', 'VVD'],
      ['pvdd', 'faction', 'Partij voor de Dieren'],
      ['volt', 'faction', 'Volt'],
      ['denk', 'faction', 'DENK'],
    ]);
  });

  it('reports the concept label and kind', () => {
    const m = one('de NAVO');
    expect(m).toEqual({ id: 'nato', label: 'Noord-Atlantische Verdragsorganisatie', kind: 'organisation', text: 'NAVO', start: 3, end: 7 });
  });

  it('matches every label of every concept to its own concept (no label is shadowed)', () => {
    for (const e of gazetteer.entries) {
      for (const label of labelsOf(e)) {
        const ms = findMentions(label, gazetteer);
        expect(
          ms.map((m) => [m.id, m.start, m.end]),
          `${e.id}: "${label}"`,
        ).toEqual([[e.id, 0, label.length]]);
      }
    }
  });
});

describe('folding', () => {
  it('maps folded characters back to source offsets', () => {
    const f = foldText('a  b-\n  c');
    expect(f.text).toBe('a b\u00adc');
    expect(f.map).toEqual([0, 1, 3, 4, 8, 9]);
  });
});

describe.skipIf(!existsSync(path.join(shared, 'corpus')))('the reference corpus', () => {
  const read = (name: string): string => readFileSync(path.join(shared, 'corpus', name), 'utf8');

  it('ah-tk-20232024-2129: the UN, its Human Rights Council and Security Council, the EU, the Dutch Relief Alliance', () => {
    const found = tally(findMentions(read('ah-tk-20232024-2129.txt'), gazetteer));
    expect(found.un).toEqual({ VN: 7, 'Verenigde Naties': 1, UN: 1 });
    expect(found.unhrc).toEqual({ 'VN-Mensenrechtenraad': 2, 'Mensenrechtenraad van de VN': 1, Mensenrechtenraad: 2 });
    expect(found.unsc).toEqual({ 'Security Council': 1 });
    expect(found.eu).toEqual({ 'Europese Unie': 1, EU: 4 });
    expect(found['dutch-relief-alliance']).toEqual({ 'Dutch Relief Alliance': 1, DRA: 2 });
    expect(found.bz).toEqual({ BZ: 1 });
  });

  it('kst-36450-6: ministries by abbreviation and the Adviescollege toetsing regeldruk', () => {
    const found = tally(findMentions(read('kst-36450-6.txt'), gazetteer));
    expect(found.jenv).toEqual({ 'Ministerie van Justitie en Veiligheid': 3, JenV: 9, 'Ministerie van JenV': 3 });
    expect(found.ez).toEqual({ EZK: 2, 'Ministerie van EZK': 5, 'Ministerie van Economische Zaken en Klimaat': 1 });
    expect(found.atr).toEqual({ 'Adviescollege toetsing regeldruk': 13, ATR: 141, 'Adviescollege Toetsing Regeldruk': 3 });
    expect(found['eerste-kamer']).toEqual({ 'Eerste Kamer': 3 });
  });

  it('ah-tk-20232024-1786: the OECD under its Dutch and English acronyms, Atradius DSB', () => {
    const found = tally(findMentions(read('ah-tk-20232024-1786.txt'), gazetteer));
    expect(found.oecd).toEqual({ OESO: 10, OECD: 1 });
    expect(found['atradius-dsb']).toEqual({ 'Atradius DSB': 11, 'Atradius Dutch State Business': 1, ADSB: 21 });
  });

  it('links in under 300 ms per file after the first', () => {
    findMentions(read('kst-26150-187.txt'), gazetteer);
    const t0 = performance.now();
    for (const f of ['kst-26150-187.txt', 'kst-36450-6.txt']) findMentions(read(f), gazetteer);
    expect(performance.now() - t0).toBeLessThan(600);
  });
});
