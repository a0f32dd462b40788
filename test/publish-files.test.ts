/** Dump files: a gzip whose bytes depend only on its input, sizes and SHA-256 taken while writing. */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { FileWithGzip, sha256File, writeSmallFile } from '../src/publish/files.js';
import { compareNatural, sortedLines } from '../src/publish/nquads.js';
import { DataFactory } from 'n3';

const dir = mkdtempSync(path.join(tmpdir(), 'kld-files-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function writeBoth(name: string, chunks: string[]): Promise<Awaited<ReturnType<FileWithGzip['end']>>> {
  const out = new FileWithGzip(dir, name);
  for (const c of chunks) await out.write(c);
  return out.end();
}

describe('FileWithGzip', () => {
  it('writes the text and its gzip in one pass, with the sizes and SHA-256 of what is on disk', async () => {
    const chunks = Array.from({ length: 2000 }, (_, i) => `<https://example.org/s/${i}> <https://example.org/p> "waarde ${i}" <https://example.org/g> .\n`);
    const facts = await writeBoth('a.nq', chunks);
    const plain = readFileSync(path.join(dir, 'a.nq'));
    const packed = readFileSync(path.join(dir, 'a.nq.gz'));
    expect(plain.toString('utf8')).toBe(chunks.join(''));
    expect(gunzipSync(packed).equals(plain)).toBe(true);
    expect(facts.plain).toEqual({ name: 'a.nq', bytes: plain.length, sha256: createHash('sha256').update(plain).digest('hex') });
    expect(facts.gzip).toEqual({ name: 'a.nq.gz', bytes: packed.length, sha256: createHash('sha256').update(packed).digest('hex') });
    expect(await sha256File(path.join(dir, 'a.nq.gz'))).toBe(facts.gzip.sha256);
  });

  it('gives a deterministic gzip: no mtime, no file name, OS "unknown", same bytes however the input is chunked', async () => {
    const text = 'regel\n'.repeat(50_000);
    await writeBoth('b.nq', [text]);
    await writeBoth('c.nq', text.match(/[\s\S]{1,4096}/g) ?? []);
    const b = readFileSync(path.join(dir, 'b.nq.gz'));
    const c = readFileSync(path.join(dir, 'c.nq.gz'));
    expect(b.equals(c)).toBe(true);
    expect([...b.subarray(0, 4)]).toEqual([0x1f, 0x8b, 8, 0]); // FLG 0: no FNAME, no FHCRC
    expect(b.readUInt32LE(4)).toBe(0); // MTIME
    expect(b[9]).toBe(0xff); // OS unknown
  });

  it('copies a file in streamed (a cached document graph)', async () => {
    writeFileSync(path.join(dir, 'part.nq'), 'x\n'.repeat(1000));
    const out = new FileWithGzip(dir, 'd.nq');
    await out.write('a\n');
    await out.writeFile(path.join(dir, 'part.nq'));
    const facts = await out.end();
    expect(readFileSync(path.join(dir, 'd.nq'), 'utf8')).toBe(`a\n${'x\n'.repeat(1000)}`);
    expect(facts.plain.bytes).toBe(2 + 2000);
  });

  it('writeSmallFile reports what it wrote', async () => {
    const f = await writeSmallFile(dir, 'sub/e.txt', 'één\n');
    expect(f.bytes).toBe(Buffer.byteLength('één\n'));
    expect(f.sha256).toBe(createHash('sha256').update('één\n').digest('hex'));
  });
});

describe('ordering', () => {
  it('sorts N-Quads lines by code unit and removes duplicates', () => {
    const q = (s: string, o: string) => DataFactory.quad(DataFactory.namedNode(s), DataFactory.namedNode('https://e.org/p'), DataFactory.literal(o));
    const lines = sortedLines([q('https://e.org/b', 'x'), q('https://e.org/a', 'é'), q('https://e.org/b', 'x'), q('https://e.org/a', 'Z')]);
    expect(lines).toEqual(['<https://e.org/a> <https://e.org/p> "Z" .\n', '<https://e.org/a> <https://e.org/p> "é" .\n', '<https://e.org/b> <https://e.org/p> "x" .\n']);
  });

  it('orders IRIs with numbers for reading: blok/2 before blok/10', () => {
    const ids = ['x/blok/10', 'x/blok/2', 'x/blok/1', 'x/blok/10/vraag/1', 'x/antwoord/3-4', 'x/antwoord/3'];
    expect([...ids].sort(compareNatural)).toEqual(['x/antwoord/3', 'x/antwoord/3-4', 'x/blok/1', 'x/blok/2', 'x/blok/10', 'x/blok/10/vraag/1']);
  });
});
