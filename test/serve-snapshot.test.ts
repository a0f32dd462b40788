/**
 * The server's snapshot manifest (output/store.json): quad and graph counts on
 * bytes, across chunk boundaries, and a memory bound that the first version
 * (sliced strings pinning whole chunks) broke.
 */
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { NQuadsCounter, writeSnapshot } from '../src/publish/snapshot.js';
import { readStoreManifest } from '../src/output-layout.js';
import { BASE, ensureCompiled, repoRoot } from './serve-fixture.js';

const TRICKY = [
  '# a comment line',
  '<https://e.org/s> <https://e.org/p> <https://e.org/o> .', // a triple with an IRI object: no graph
  '<https://e.org/s> <https://e.org/p> "ends like a quad <https://e.org/fake> ." .', // literal, no graph
  '<https://e.org/s> <https://e.org/p> "escaped \\" quote <https://e.org/fake2>" <https://e.org/g1> .',
  '<https://e.org/s> <https://e.org/p> "even backslashes \\\\" <https://e.org/g1> .',
  '<https://e.org/s> <https://e.org/p> "typed"^^<http://www.w3.org/2001/XMLSchema#integer> .', // datatype, no graph
  '<https://e.org/s> <https://e.org/p> "typed"^^<http://www.w3.org/2001/XMLSchema#integer> <https://e.org/g2> .',
  '<https://e.org/s> <https://e.org/p> "taal"@nl-NL <https://e.org/g3> . # trailing comment',
  '_:b0 <https://e.org/p> _:b1 _:graph4 .',
  '   ',
  '<https://e.org/s>\t<https://e.org/p>\t"tab ’ separated"\t<https://e.org/g1>\t.\r',
  '<https://e.org/s> <https://e.org/p> "no newline at the end" <https://e.org/g5> .',
].join('\n');

describe('NQuadsCounter', () => {
  it('counts quads and distinct graph labels, telling triples from quads', () => {
    const c = new NQuadsCounter();
    c.push(Buffer.from(TRICKY, 'utf8'));
    c.end();
    expect(c.quads).toBe(10);
    expect([...c.graphs].sort()).toEqual(['<https://e.org/g1>', '<https://e.org/g2>', '<https://e.org/g3>', '<https://e.org/g5>', '_:graph4']);
  });

  it('gives the same counts however the bytes are cut into chunks (even inside a multi-byte character)', () => {
    const bytes = Buffer.from(TRICKY, 'utf8');
    for (const size of [1, 2, 3, 7, 64]) {
      const c = new NQuadsCounter();
      for (let i = 0; i < bytes.length; i += size) c.push(bytes.subarray(i, i + size));
      c.end();
      expect(c.quads, `chunks of ${size}`).toBe(10);
      expect(c.graphs.size, `chunks of ${size}`).toBe(5);
    }
  });
});

describe('writeSnapshot', () => {
  it('records size, SHA-256, quads and graphs of the dump', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kld-snap-'));
    writeFileSync(path.join(dir, 'kamerstukken-ld.nq'), TRICKY);
    const m = await writeSnapshot(dir, { base: BASE });
    expect(m).toMatchObject({ file: 'kamerstukken-ld.nq', bytes: Buffer.byteLength(TRICKY), quads: 10, graphs: 5, base: BASE });
    expect(m.sha256).toBe(createHash('sha256').update(TRICKY).digest('hex'));
    expect(readStoreManifest(dir)).toEqual(m);
  });

  it('describes a 40 MB dump of many graphs in a 64 MB heap (the old version pinned a chunk per graph)', () => {
    ensureCompiled();
    // 10 graphs a chunk, text with ’ (two-byte strings in V8): the old version kept ~10 × 8 MiB alive per 4 MiB read.
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kld-snap-big-'));
    const file = path.join(dir, 'kamerstukken-ld.nq');
    const lines: string[] = [];
    const text = 'Het kabinet’s antwoord «over» de Verenigde Naties en multilateralisme, herhaald. '.repeat(3);
    for (let i = 0; i < 160_000; i++) {
      lines.push(`<${BASE}id/x/${i}> <${BASE}def#text> "${text}"@nl <${BASE}graph/g-${Math.floor(i / 1600)}> .\n`);
    }
    writeFileSync(file, lines.join(''));
    const size = Buffer.byteLength(lines.join(''));
    expect(size).toBeGreaterThan(40e6);
    const script = `const { writeSnapshot } = await import(${JSON.stringify(path.join(repoRoot, 'dist/src/publish/snapshot.js'))});
      const m = await writeSnapshot(${JSON.stringify(dir)}, { base: ${JSON.stringify(BASE)} });
      console.log(JSON.stringify(m));`;
    const out = execFileSync(process.execPath, ['--max-old-space-size=64', '--input-type=module', '-e', script], { encoding: 'utf8' });
    const m = JSON.parse(out) as { quads: number; graphs: number; bytes: number };
    expect(m).toMatchObject({ quads: 160_000, graphs: 100, bytes: size });
    expect(JSON.parse(readFileSync(path.join(dir, 'store.json'), 'utf8')).quads).toBe(160_000);
  }, 30_000);
});
