import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Parser } from 'n3';
import { describe, expect, it } from 'vitest';
import { Gazetteer, GazetteerError, normaliseFaction } from '../src/extract/gazetteer.js';
import type { MentionKind } from '../src/model.js';
import { DEFAULT_BASE, IriMinter } from '../src/rdf/iris.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const shared = path.resolve(repoRoot, '../shared');
const gazetteerFile = path.join(repoRoot, 'ontology', 'gazetteer.ttl');
const minter = new IriMinter();
const gazetteer = Gazetteer.load(minter);

/** The only external identifiers confirmed (issue 4 and the domain reference), with the concept each belongs to. */
const WHITELIST: Record<string, string> = {
  'http://www.wikidata.org/entity/Q1065': 'un',
  'http://www.wikidata.org/entity/Q7184': 'nato',
  'http://www.wikidata.org/entity/Q7817': 'who',
  'http://www.wikidata.org/entity/Q47488': 'icc',
  'http://www.wikidata.org/entity/Q7801': 'icj',
  'http://www.wikidata.org/entity/Q37470': 'unsc',
  'http://www.wikidata.org/entity/Q171328': 'un-charter',
  // oorg10000 is not linked: the TOOI publisher's own tests use it for the Verenigde Vergadering (issue 10).
  'https://identifier.overheid.nl/tooi/id/oorg/oorg10001': 'eerste-kamer',
  'https://identifier.overheid.nl/tooi/id/ministerie/mnre1058': 'jenv',
  'https://identifier.overheid.nl/tooi/id/ministerie/mnre1045': 'ez',
};

const PREFIXES = `@prefix kld: <def#> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix org: <http://www.w3.org/ns/org#> . @prefix wd: <http://www.wikidata.org/entity/> .\n`;

describe('the gazetteer file', () => {
  it('parses as Turtle with the default base and has concepts of every kind but person', () => {
    const counts: Partial<Record<MentionKind, number>> = {};
    for (const e of gazetteer.entries) counts[e.kind] = (counts[e.kind] ?? 0) + 1;
    expect(counts.treaty).toBeGreaterThanOrEqual(15);
    expect(counts.organisation).toBeGreaterThanOrEqual(60);
    expect(counts.ministry).toBe(15);
    expect(counts.faction).toBe(21);
    expect(counts.person).toBeUndefined();
  });

  it('gives every entry a Dutch prefLabel, a kind and the IRI the minter gives', () => {
    for (const e of gazetteer.entries) {
      expect(e.prefLabel.nl, e.iri).toMatch(/\S/);
      expect(['treaty', 'organisation', 'ministry', 'faction']).toContain(e.kind);
      const expected = e.kind === 'faction' ? minter.faction(e.notation ?? '').value : minter.concept({ treaty: 'verdrag', organisation: 'organisatie', ministry: 'ministerie' }[e.kind as 'treaty'], e.id).value;
      expect(e.iri).toBe(expected);
    }
    expect(gazetteer.byId('npt')?.iri).toBe('https://w3id.org/kamerstukken-ld/id/verdrag/npt');
    expect(gazetteer.byId('un')?.iri).toBe('https://w3id.org/kamerstukken-ld/id/organisatie/un');
    expect(gazetteer.byId('bz')?.iri).toBe('https://w3id.org/kamerstukken-ld/id/ministerie/bz');
    expect(gazetteer.byId('groenlinks-pvda')?.iri).toBe('https://w3id.org/kamerstukken-ld/id/fractie/groenlinks-pvda');
  });

  it('links only the whitelisted external identifiers, each to its own concept', () => {
    const found: Record<string, string> = {};
    for (const e of gazetteer.entries) for (const x of e.exactMatch) found[x] = e.id;
    expect(found).toEqual(WHITELIST);
    // Also in the raw triples: no skos:exactMatch, owl:sameAs or other link outside the list.
    const links = gazetteer
      .quads()
      .filter((q) => /exactMatch|closeMatch|sameAs|seeAlso/.test(q.predicate.value))
      // The OData addresses of the factions' Tweede Kamer records, each checked against the snapshot (gazetteer-tk.test.ts).
      .filter((q) => !q.object.value.startsWith('https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0/Fractie('))
      .map((q) => q.object.value);
    expect(links.sort()).toEqual(Object.keys(WHITELIST).sort());
  });

  it('names the source of every external identifier in a comment on its line', () => {
    const lines = readFileSync(gazetteerFile, 'utf8')
      .split('\n')
      .filter((l) => /^\s*skos:exactMatch/.test(l));
    expect(lines).toHaveLength(Object.keys(WHITELIST).length);
    for (const l of lines) expect(l).toMatch(/#.*\[REF\]/);
  });

  it('has factions with their abbreviation as notation, part of the Tweede Kamer', () => {
    const notations = gazetteer.entries.filter((e) => e.kind === 'faction').map((e) => e.notation);
    for (const n of ['VVD', 'PVV', 'NSC', 'BBB', 'GroenLinks-PvdA', 'GroenLinks', 'PvdA', 'CDA', 'D66', 'SP', 'ChristenUnie', 'PvdD', 'SGP', 'DENK', 'FvD', 'JA21', 'Volt', '50PLUS', 'BIJ1']) {
      expect(notations).toContain(n);
    }
    expect(gazetteer.byId('vvd')?.partOf).toEqual(['tweede-kamer', 'staten-generaal']);
  });

  it('knows the organisations a part belongs to, transitively', () => {
    expect(gazetteer.byId('unsc')?.partOf).toEqual(['un']);
    expect(gazetteer.byId('csw')?.partOf).toEqual(['ecosoc', 'un']);
    expect(gazetteer.byId('un')?.partOf).toEqual([]);
  });

  it('contains no blank nodes and only our IRIs as subjects', () => {
    for (const q of gazetteer.quads()) {
      for (const t of [q.subject, q.predicate, q.object]) expect(t.termType).not.toBe('BlankNode');
      expect(q.subject.value.startsWith(DEFAULT_BASE)).toBe(true);
    }
  });

  it('moves with the base: the same file under another base gives IRIs under that base', () => {
    const other = Gazetteer.load(new IriMinter('https://example.org/kld/'));
    expect(other.byId('npt')?.iri).toBe('https://example.org/kld/id/verdrag/npt');
    expect(other.entries).toHaveLength(gazetteer.entries.length);
    const types = other
      .quads()
      .filter((q) => q.predicate.value.endsWith('#type'))
      .map((q) => q.object.value);
    expect(types).toContain('https://example.org/kld/def#Treaty');
  });

  it('is parsed by n3 on its own (no loader magic): the triple count is stable', () => {
    const quads = new Parser({ baseIRI: DEFAULT_BASE }).parse(readFileSync(gazetteerFile, 'utf8'));
    expect(gazetteer.quads()).toHaveLength(quads.length);
  });
});

describe.skipIf(!existsSync(path.join(shared, 'gold', 'kst-26150-187.json')))('the seed gold treaties', () => {
  it('each has a kld:Treaty concept', () => {
    const gold = JSON.parse(readFileSync(path.join(shared, 'gold', 'kst-26150-187.json'), 'utf8')) as { treaties: string[] };
    expect(gold.treaties).toHaveLength(15);
    for (const name of gold.treaties) {
      // The gold writes "Name (variant, variant)"; the name before the brackets is one of the concept's labels.
      const head = name.replace(/\s*\(.*\)$/, '');
      const entry = gazetteer.entries.find((e) => e.kind === 'treaty' && [e.prefLabel.nl, e.prefLabel.en, ...e.altLabels, ...e.hiddenLabels].includes(head));
      expect(entry, name).toBeDefined();
    }
  });
});

describe('data built to fail', () => {
  const parse = (body: string): Gazetteer => Gazetteer.parse(minter, PREFIXES + body, 'broken.ttl');

  it('accepts a minimal valid concept', () => {
    const g = parse('<id/verdrag/x> a skos:Concept , kld:Treaty ; skos:prefLabel "X-verdrag"@nl .');
    expect(g.entries.map((e) => e.id)).toEqual(['x']);
  });

  it('refuses a concept without a Dutch prefLabel, naming the file and the IRI', () => {
    expect(() => parse('<id/verdrag/x> a skos:Concept , kld:Treaty ; skos:prefLabel "X treaty"@en .')).toThrowError(/broken\.ttl: .*prefLabel in Dutch.*<https:\/\/w3id\.org\/kamerstukken-ld\/id\/verdrag\/x>/);
  });

  it('refuses a concept without a kind, or with two', () => {
    expect(() => parse('<id/verdrag/x> a skos:Concept ; skos:prefLabel "Xx"@nl .')).toThrow(GazetteerError);
    expect(() => parse('<id/verdrag/x> a skos:Concept , kld:Treaty , kld:Organisation ; skos:prefLabel "Xx"@nl .')).toThrow(GazetteerError);
  });

  it('refuses an IRI the minter would not give', () => {
    expect(() => parse('<id/organisatie/x> a skos:Concept , kld:Treaty ; skos:prefLabel "Xx"@nl .')).toThrow(/under <.*id\/verdrag\/>/);
    expect(() => parse('<id/fractie/volkspartij> a skos:Concept , kld:Faction ; skos:notation "VVD" ; skos:prefLabel "VVD"@nl .')).toThrow(/IriMinter\.faction\("VVD"\)/);
    expect(() => parse('<id/fractie/vvd> a skos:Concept , kld:Faction ; skos:prefLabel "VVD"@nl .')).toThrow(/notation/);
  });

  it('refuses an external identifier outside Wikidata and TOOI', () => {
    expect(() => parse('<id/organisatie/x> a skos:Concept , kld:Organisation ; skos:prefLabel "Xx"@nl ; skos:exactMatch <http://dbpedia.org/resource/X> .')).toThrow(/not a Wikidata entity or TOOI IRI/);
  });

  it('refuses a label shared by two concepts', () => {
    expect(() =>
      parse(`<id/organisatie/a> a skos:Concept , kld:Organisation ; skos:prefLabel "Aa"@nl ; skos:altLabel "AB"@nl .
             <id/organisatie/b> a skos:Concept , kld:Organisation ; skos:prefLabel "Bb"@nl ; skos:hiddenLabel "AB"@nl .`),
    ).toThrow(/label "AB" belongs to both/);
  });

  it('refuses a label of one character (the matcher starts from two)', () => {
    expect(() => parse('<id/organisatie/x> a skos:Concept , kld:Organisation ; skos:prefLabel "Xx"@nl ; skos:altLabel "X"@nl .')).toThrow(/too short/);
  });

  it('refuses blank nodes and parts of organisations it does not know', () => {
    expect(() => parse('[] a skos:Concept , kld:Treaty ; skos:prefLabel "Xx"@nl .')).toThrow(/blank nodes/);
    expect(() => parse('<id/organisatie/a> a skos:Concept , kld:Organisation ; skos:prefLabel "Aa"@nl ; org:subOrganizationOf <id/organisatie/zz> .')).toThrow(/not in the gazetteer/);
  });

  it('reports a Turtle syntax error with its line', () => {
    expect(() => Gazetteer.parse(minter, PREFIXES + '\n\n<id/verdrag/x> a skos:Concept ; skos:prefLabel "X', 'broken.ttl')).toThrow(/broken\.ttl:\d+: not valid Turtle/);
  });
});

describe('normaliseFaction', () => {
  const cases: [string, string | null][] = [
    ['VVD-fractie', 'VVD'],
    ['de VVD-fractie', 'VVD'],
    ['leden van de VVD-fractie', 'VVD'],
    ['Partij voor de Dieren', 'PvdD'],
    ['Partij voor de Dieren-fractie', 'PvdD'],
    ['GroenLinks-PvdA', 'GroenLinks-PvdA'],
    ['GroenLinks-PvdA-fractie', 'GroenLinks-PvdA'],
    ['GL-PvdA', 'GroenLinks-PvdA'],
    ['GroenLinks', 'GroenLinks'],
    ['Groenlinks-fractie', 'GroenLinks'],
    ['PvdA', 'PvdA'],
    ['Partij van de Arbeid', 'PvdA'],
    ['ChristenUnie', 'ChristenUnie'],
    ['ChristenUnie-fractie', 'ChristenUnie'],
    ['NSC', 'NSC'],
    ['Nieuw Sociaal Contract', 'NSC'],
    ['NSC-fractie', 'NSC'],
    ['BBB', 'BBB'],
    ['BoerBurgerBeweging', 'BBB'],
    ['DENK', 'DENK'],
    ['PVV', 'PVV'],
    ['Partij voor de Vrijheid', 'PVV'],
    ['SGP', 'SGP'],
    ['SGP-leden', 'SGP'],
    ['JA21', 'JA21'],
    ['FvD', 'FvD'],
    ['FVD', 'FvD'],
    ['Forum voor Democratie', 'FvD'],
    ['Volt', 'Volt'],
    ['50PLUS', '50PLUS'],
    ['BIJ1', 'BIJ1'],
    ['D66-fractie', 'D66'],
    ['CDA', 'CDA'],
    ['Christen-Democratisch Appèl', 'CDA'],
    ['SP', 'SP'],
    ['(SP)', 'SP'],
    ['Volkspartij voor\nVrijheid en Democratie', 'VVD'],
    ['Fractie Den Haan', 'Fractie Den Haan'],
    ['Groep Van Haga', 'Groep Van Haga'],
    // Not factions.
    ['Verenigde Naties', null],
    ['fractie', null],
    ['', null],
    ['SPD', null],
    ['VVD-er', null],
  ];
  it.each(cases)('%j → %j', (printed, expected) => {
    expect(normaliseFaction(printed, gazetteer)).toBe(expected);
  });

  it('knows only the names of the gazetteer given (no fallback to the bundled one)', () => {
    const small = Gazetteer.parse(minter, `${PREFIXES}<id/fractie/pvdd> a skos:Concept , kld:Faction ; skos:notation "PvdD" ; skos:prefLabel "PvdD"@nl .`);
    expect(normaliseFaction('Partij voor de Dieren', small)).toBeNull();
    expect(normaliseFaction('PvdD-fractie', small)).toBe('PvdD');
    expect(normaliseFaction('Partij voor de Dieren', gazetteer)).toBe('PvdD');
  });

  it('finds the faction entry by any printed form', () => {
    expect(gazetteer.factionByAbbreviation('PvdD')?.id).toBe('pvdd');
    expect(gazetteer.factionByAbbreviation('gl pvda')?.id).toBe('groenlinks-pvda');
    expect(gazetteer.factionByAbbreviation('NAVO')).toBeUndefined();
  });
});
