/**
 * The structure/extraction split (issue 9 item 7): ingest returns the paper's
 * structure with faction names as printed; extract(structure, gazetteer)
 * resolves them, and finds citations and mentions, with the gazetteer it is
 * given and no other.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Gazetteer } from '../src/extract/gazetteer.js';
import { extract } from '../src/extract/index.js';
import { readStructure } from '../src/ingest/index.js';
import { readDocument } from '../src/read.js';
import { IriMinter } from '../src/rdf/iris.js';
import { repoRoot, seedFile, sharedDir, tsFiles } from './helpers.js';

const minter = new IriMinter();
const PREFIXES = '@prefix kld: <def#> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n';
/** A gazetteer of our own: two factions known only by their abbreviations, plus the names given. */
function customGazetteer(extra: { nsc?: string; pvdd?: string } = {}): Gazetteer {
  const label = (name: string | undefined): string => (name === undefined ? '' : ` ; skos:altLabel "${name}"@nl`);
  return Gazetteer.parse(
    minter,
    `${PREFIXES}<id/fractie/nsc> a skos:Concept , kld:Faction ; skos:notation "NSC" ; skos:prefLabel "NSC"@nl${label(extra.nsc)} .
<id/fractie/pvdd> a skos:Concept , kld:Faction ; skos:notation "PvdD" ; skos:prefLabel "PvdD"@nl${label(extra.pvdd)} .
<id/fractie/vvd> a skos:Concept , kld:Faction ; skos:notation "VVD" ; skos:prefLabel "VVD"@nl .
<id/organisatie/wodc> a skos:Concept , kld:Organisation ; skos:prefLabel "Wetenschappelijk Onderzoek- en Documentatiecentrum"@nl ; skos:altLabel "WODC"@nl .`,
    'custom.ttl',
  );
}

// corpus-wild: "Vragen van het lid Hertzberger (Nieuw Sociaal Contract) aan de Minister van …" (2024Z18558).
const hertzberger = path.join(sharedDir, 'corpus-wild', 'Het_antwoord_op_de_feitelijke_vragen_van.pdf.txt');
const hasWild = existsSync(hertzberger);
if (!hasWild) console.warn(`extract.test: skipping the Kamervragen case: ${hertzberger} is missing (the shared materials sit beside the clone)`);

describe('ingest gives the structure, faction names as printed', () => {
  it('keeps the printed party of an asker and of a faction heading, unresolved', async () => {
    const s = await readStructure(seedFile);
    // kst-26150-187 heads the Partij voor de Dieren's section "Vragen en opmerkingen van de leden van de Partij voor de Dieren-fractie".
    expect(s.header.askers.find((a) => a.name === 'Partij voor de Dieren-fractie')).toEqual({ name: 'Partij voor de Dieren-fractie', faction: 'Partij voor de Dieren', byFaction: true });
    expect(s.blocks.filter((b) => b.faction === 'Partij voor de Dieren')).toHaveLength(11);
  });

  it('has no module under src/ingest that imports src/extract (nor a gazetteer)', () => {
    const files = tsFiles(path.join(repoRoot, 'src', 'ingest'));
    expect(files.length).toBeGreaterThan(30);
    const offending = files.filter((f) => /from '(?:\.\.\/)+extract\/|gazetteer/i.test(readFileSync(f, 'utf8').replace(/^\s*(?:\*|\/\/).*$/gm, '')));
    expect(offending.map((f) => path.relative(repoRoot, f))).toEqual([]);
  });
});

describe('extract(structure, gazetteer) resolves factions with the gazetteer given', () => {
  it.skipIf(!hasWild)('an extra faction name in a custom gazetteer reaches the asker of Kamervragen and the blocks', async () => {
    const structure = await readStructure(hertzberger);
    expect(structure.header.askers).toEqual([{ name: 'Hertzberger', faction: 'Nieuw Sociaal Contract' }]);
    // Not a name this gazetteer knows: the party stays as printed, and no block gets a faction it cannot name.
    const without = extract(structure, customGazetteer());
    expect(without.askers).toEqual([{ name: 'Hertzberger', faction: 'Nieuw Sociaal Contract' }]);
    const withName = extract(structure, customGazetteer({ nsc: 'Nieuw Sociaal Contract' }));
    expect(withName.askers).toEqual([{ name: 'Hertzberger', faction: 'NSC' }]);
    expect(withName.factions).toEqual(['NSC']);
    expect(withName.blocks.length).toBeGreaterThan(0);
    expect(withName.blocks.every((b) => b.faction === 'NSC')).toBe(true);
    // The bundled gazetteer (readDocument's default) knows the name too: unchanged.
    expect((await readDocument(hertzberger)).askers).toEqual([{ name: 'Hertzberger', faction: 'NSC' }]);
  });

  it('a faction heading is an asker only when the gazetteer given knows the name (verslag kst-26150-187)', async () => {
    const structure = await readStructure(seedFile);
    const without = extract(structure, customGazetteer());
    expect(without.askers).toEqual([{ name: 'VVD-fractie', faction: 'VVD' }]);
    expect(without.blocks.filter((b) => b.faction === 'PvdD')).toHaveLength(0);
    const withName = extract(structure, customGazetteer({ pvdd: 'Partij voor de Dieren' }));
    expect(withName.askers).toEqual([
      { name: 'VVD-fractie', faction: 'VVD' },
      { name: 'Partij voor de Dieren-fractie', faction: 'PvdD' },
    ]);
    expect(withName.factions).toEqual(['VVD', 'PvdD']);
    // The 11 answers to the Partij voor de Dieren (as the gold has them), now of PvdD.
    expect(withName.blocks.filter((b) => b.faction === 'PvdD' && b.answer !== null)).toHaveLength(11);
    // Mentions come from the same gazetteer: only its one organisation, WODC, wherever the paper names it.
    const mentioned = new Set(withName.blocks.flatMap((b) => b.mentions.map((m) => m.id)));
    expect([...mentioned].every((id) => id === 'wodc' || id === 'vvd' || id === 'pvdd' || id === 'nsc')).toBe(true);
  });

  it('the bundled gazetteer, passed explicitly, gives what readDocument gives', async () => {
    const structure = await readStructure(seedFile);
    const bundled = extract(structure, Gazetteer.load(minter));
    const read = await readDocument(seedFile);
    expect(bundled.askers).toEqual(read.askers);
    expect(bundled.factions).toEqual(['VVD', 'CDA', 'D66', 'GroenLinks', 'SP', 'PvdA', 'PvdD', 'SGP']);
    expect(bundled.blocks.map((b) => b.faction)).toEqual(read.blocks.map((b) => b.faction));
    expect(bundled.blocks.map((b) => b.mentions.length)).toEqual(read.blocks.map((b) => b.mentions.length));
  });
});
