import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { run } from '../src/commands/unlinked.js';
import { Gazetteer } from '../src/extract/gazetteer.js';
import { findUnlinked, lowerCaseWords } from '../src/extract/unlinked.js';
import { IriMinter } from '../src/rdf/iris.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const seedFile = path.join(repoRoot, 'corpus', 'kst-26150-187.txt');
const gazetteer = Gazetteer.load(new IriMinter());
const names = (text: string): [string, number][] => findUnlinked(text, gazetteer).map((u) => [u.name, u.count]);

describe('findUnlinked', () => {
  it('reports names no entry matched, not the ones it did', () => {
    const text = 'Het kabinet en Nederland steunen de VN en de Afrikaanse Unie. Ook de Afrikaanse Unie en de NAVO.';
    expect(findUnlinked(text, gazetteer)).toEqual([
      { name: 'Afrikaanse Unie', count: 2, firstOffset: text.indexOf('Afrikaanse') },
      { name: 'Nederland', count: 1, firstOffset: text.indexOf('Nederland') },
    ]);
  });

  it('reports acronyms that look like linked ones but are not ("EUR", "VNGX")', () => {
    expect(names('een bijdrage van EUR 8 miljoen aan de VNGX, de EU en de VNG')).toEqual([
      ['EUR', 1],
      ['VNGX', 1],
    ]);
  });

  it('keeps multi-word names with their connecting words, across line breaks', () => {
    expect(names('via de Commission on the Status\nof Wom-\nen en de Group of Friends')).toEqual([['Group of Friends', 1]]);
    expect(names('de Small Island Developing States en de Hoge Raad van Adel')).toEqual([
      ['Hoge Raad van Adel', 1],
      ['Small Island Developing States', 1],
    ]);
  });

  it('leaves out the part of a name a mention covers', () => {
    // "VN" is linked; "Speciaal Rapporteur voor Iran" is what remains.
    expect(names('de VN Speciaal Rapporteur voor Iran')).toEqual([['Speciaal Rapporteur voor Iran', 1]]);
    expect(names('het Alliantie voor Multilateralisme-overleg met Noorwegen')).toEqual([['Noorwegen', 1]]);
  });

  it('does not take a capitalised word opening a sentence for a name', () => {
    const text = 'Daarnaast steunt het kabinet de VN. Daarnaast is er meer. Hoe staat het ervoor? Zo is het. Dit is daarnaast zo.';
    expect(names(text)).toEqual([]);
    // A name opening a sentence keeps its words when they are not ordinary ones.
    expect(names('Afrikaanse Unie steunt het.')).toEqual([['Afrikaanse Unie', 1]]);
    // Judged against the whole document's words when given.
    expect(findUnlinked('Hoe dan?', gazetteer, { lowerCaseWords: lowerCaseWords('hoe') })).toEqual([]);
  });

  it('leaves out titles and articles: "de Minister", "Het Koninkrijk"', () => {
    expect(names('Is de Minister bereid? Het Koninkrijk zegt: Minister Blok antwoordt.')).toEqual([['Minister Blok', 1]]);
  });
});

describe('on the seed', () => {
  it('lists the frequent unlinked names (countries, COVID) and none of the linked ones', async () => {
    const { readFileSync } = await import('node:fs');
    const rows = findUnlinked(readFileSync(seedFile, 'utf8'), gazetteer);
    const byName = new Map(rows.map((r) => [r.name, r.count]));
    for (const linked of ['VN', 'Verenigde Naties', 'AVVN', 'NAVO', 'EU', 'WHO', 'NPV', 'Internationaal Strafhof', 'ECOSOC', 'UNOCT', 'MOPAN', 'VVD']) {
      expect(byName.has(linked), linked).toBe(false);
    }
    expect(byName.get('China')).toBeGreaterThan(40);
    expect(byName.get('EUR')).toBe(6);
    // Sorted: most frequent first, then by name.
    for (const [i, b] of rows.entries()) {
      const a = rows[i - 1];
      if (a === undefined) continue;
      expect(a.count > b.count || (a.count === b.count && a.name < b.name)).toBe(true);
    }
  });
});

describe('kamerstukken-ld unlinked', () => {
  afterEach(() => vi.restoreAllMocks());

  const capture = async (args: string[]): Promise<{ code: number; out: string }> => {
    let out = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      out += String(chunk);
      return true;
    });
    const code = await run(args);
    vi.restoreAllMocks();
    return { code, out };
  };

  it("prints the block texts' unlinked names with counts and first place", async () => {
    const { code, out } = await capture([seedFile, '--min', '20']);
    expect(code).toBe(0);
    const lines = out.trim().split('\n');
    expect(lines[0]).toMatch(/^# \d+ names and acronyms in .*kst-26150-187\.txt match no gazetteer entry/);
    expect(lines.slice(1).every((l) => /^\s*\d+ {2}\S.* \(block \d+ (question|answer)\)$/.test(l))).toBe(true);
    expect(out).toMatch(/^\s*\d+ {2}China {2}\(block \d+ question\)$/m);
    expect(out).not.toMatch(/ {2}(VN|NAVO|AVVN) {2}/);
  });

  it('reads the raw file with --raw and prints JSON with --json', async () => {
    const { code, out } = await capture([seedFile, '--raw', '--json', '--min', '5']);
    expect(code).toBe(0);
    const rows = JSON.parse(out) as { name: string; count: number; first: { line?: number } }[];
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.every((r) => r.count >= 5 && typeof r.first.line === 'number')).toBe(true);
  });

  it('refuses bad usage', async () => {
    await expect(run([])).rejects.toThrow(/exactly one FILE/);
    await expect(run([seedFile, '--min', '0'])).rejects.toThrow(/--min/);
    await expect(run([seedFile, '--bogus'])).rejects.toThrow(/unknown option/);
  });
});
