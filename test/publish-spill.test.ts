/** DistinctStrings (src/publish/spill.ts): the external sort the build counts shared statistics with. */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DistinctStrings } from '../src/publish/spill.js';

const work = mkdtempSync(path.join(tmpdir(), 'kld-spill-test-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Strings a dump's triple keys hold: separators, newlines, backslashes, two-byte and astral characters, the empty string. */
function strings(): string[] {
  const out: string[] = ['', '\\', '\\n', '\n', 'a\nb', 'a\\nb', 'vraag ’s', '𝄞 clef', 'z\u0000y', 'Ω', 'a\u0001b\u0001'];
  for (let i = 0; i < 3000; i++) out.push(`https://example.org/id/kst-${i % 700}/blok/${(i * 7919) % 97}${i % 5 === 0 ? '\n"x"' : ''}`);
  return out;
}

const codeUnitOrder = (xs: string[]): string[] => [...new Set(xs)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

describe('DistinctStrings', () => {
  it('gives each string once in code-unit order, from memory below its budget', () => {
    const set = new DistinctStrings({ parent: work });
    for (const s of strings()) set.add(s);
    expect([...set.sorted()]).toEqual(codeUnitOrder(strings()));
    expect(set.spilled).toBe(0);
    set.close();
  });

  it('gives the same when it spills many runs to disk, and leaves no file behind', () => {
    const set = new DistinctStrings({ parent: work, budgetChars: 2000 });
    // Twice, so that one string is in several runs.
    for (const s of [...strings(), ...strings().reverse()]) set.add(s);
    expect(set.spilled).toBeGreaterThan(50);
    expect(readdirSync(work).filter((n) => n.startsWith('.kld-spill-'))).toHaveLength(1);
    expect([...set.sorted()]).toEqual(codeUnitOrder(strings()));
    set.close();
    expect(readdirSync(work).filter((n) => n.startsWith('.kld-spill-'))).toEqual([]);
  });
});
