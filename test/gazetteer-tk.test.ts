/**
 * The gazetteer's factions and their Tweede Kamer open-data Fractie records: every record in the gazetteer
 * (Id, afkorting, start and end) is exactly a record of the snapshot in ../shared/samples/tk-opendata
 * (nothing invented), and every faction of the gazetteer has at least one.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Gazetteer } from '../src/extract/gazetteer.js';
import { IriMinter } from '../src/rdf/iris.js';
import { dcterms, rdf, rdfs, schema, skos } from '../src/rdf/vocab.js';
import { sharedDir } from './helpers.js';

const minter = new IriMinter();
const kld = minter.kld;
const snapshot = path.join(sharedDir, 'samples', 'tk-opendata', 'nl-parliament-warehouse-fractie_changes.jsonl');
const quads = Gazetteer.load(minter).quads();
const value = (s: string, p: string): string[] => quads.filter((q) => q.subject.value === s && q.predicate.value === p).map((q) => q.object.value);

describe('factions and their Tweede Kamer Fractie records', () => {
  it('every gazetteer faction links to at least one record; 50PLUS to its two periods', () => {
    const factions = quads.filter((q) => q.predicate.equals(rdf('type')) && q.object.equals(kld('Faction'))).map((q) => q.subject.value);
    expect(factions.length).toBe(21);
    for (const f of factions) expect(value(f, kld('tkFractie').value).length, f).toBeGreaterThan(0);
    expect(value(minter.faction('50PLUS').value, kld('tkFractie').value)).toHaveLength(2);
  });

  it.skipIf(!existsSync(snapshot))('every record equals the snapshot row of its Id (skipped without ../shared/samples/tk-opendata)', () => {
    type Row = { id: string; deleted: boolean; afkorting: string | null; naam_nl: string | null; datum_actief: string | null; datum_inactief: string | null };
    const rows = new Map(
      readFileSync(snapshot, 'utf8')
        .split('\n')
        .filter((l) => l.trim() !== '')
        .map((l) => JSON.parse(l) as Row)
        .map((r) => [r.id, r]),
    );
    const utc = (s: string | null): string[] => (s === null ? [] : [s.replace(' ', 'T').replace('+00:00', 'Z')]);
    const records = quads.filter((q) => q.predicate.equals(rdf('type')) && q.object.equals(kld('TkFractie'))).map((q) => q.subject.value);
    expect(records).toHaveLength(22);
    for (const r of records) {
      const [id] = value(r, dcterms('identifier').value);
      const row = id === undefined ? undefined : rows.get(id);
      expect(row, r).toBeDefined();
      if (row === undefined) continue;
      expect(r).toMatch(new RegExp(`^${minter.base}id/fractie/[a-z0-9-]+/tk/${row.id}$`));
      expect(value(r, rdfs('seeAlso').value)).toEqual([`https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0/Fractie(${row.id})`]);
      expect(row.deleted).toBe(false);
      expect(value(r, skos('notation').value)).toEqual([row.afkorting]);
      expect(value(r, schema('startDate').value)).toEqual(utc(row.datum_actief));
      expect(value(r, schema('endDate').value)).toEqual(utc(row.datum_inactief));
      expect(value(r, dcterms('source').value)).toEqual(['https://github.com/kaeldrin-gh/nl-parliament-warehouse/blob/d4fd77b3d2b6622735f3cd31e8b3c4b0ef350013/tests/fixtures/sample/fractie_changes.jsonl']);
    }
  });
});
