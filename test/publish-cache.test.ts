/** The incremental build cache's format (src/publish/cache.ts): an entry in another shape is rebuilt, never misread. */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BuildCache, CACHE_FORMAT, cacheKey, summaryOf, type CacheEntry } from '../src/publish/cache.js';

const work = mkdtempSync(path.join(tmpdir(), 'kld-cache-test-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function entry(key: string): CacheEntry {
  return {
    key,
    id: 'kst-1-1',
    file: 'kst-1-1.txt',
    sha256: 'ab'.repeat(32),
    violations: 0,
    reportBlocks: [],
    reportText: '',
    stats: {
      triples: 3,
      document: 'https://w3id.org/kamerstukken-ld/id/kst-1-1',
      ownSubjects: 2,
      subjects: ['https://w3id.org/kamerstukken-ld/id/kst-1-1'],
      ownClasses: {},
      classes: {},
      properties: {},
      links: {},
      shared: [],
      period: null,
    },
    dates: ['2024-01-15'],
  };
}

const files = { nq: 'a', jsonld: 'b', ttl: 'c', txt: 'd' };

describe('BuildCache format', () => {
  it(`is ${CACHE_FORMAT}, in the key and in the entry: an entry of format 1 (statistics as lists) is not read`, async () => {
    const cache = new BuildCache(path.join(work, 'cache'));
    const sha = 'cd'.repeat(32);
    const key = cacheKey(sha, '0.1.0+test', 'https://w3id.org/kamerstukken-ld/');
    // Format 1 keyed on the pipeline version, base and source only: the old entries are not even looked up.
    expect(key).not.toBe(createHash('sha256').update(`0.1.0+test\nhttps://w3id.org/kamerstukken-ld/\n${sha}`).digest('hex'));

    await cache.put(entry(key), files);
    const back = await cache.get(key);
    expect(back).toEqual(entry(key));
    expect(await cache.stats(key)).toEqual(entry(key).stats);
    expect(summaryOf(entry(key))).not.toHaveProperty('stats');

    // The same key holding a format-1 .json (no format field, subjects and class instances listed): rebuilt, not misread.
    const old = { ...entry(key), stats: { triples: 3, subjects: ['x', 'y', 'z'], classes: { c: ['x'] }, properties: {}, links: {}, shared: [], period: null } };
    writeFileSync(cache.filePath(key, 'json'), JSON.stringify(old));
    expect(await cache.get(key)).toBeNull();
    await expect(cache.stats(key)).rejects.toThrow(/changed while the build ran/);
    writeFileSync(cache.filePath(key, 'json'), JSON.stringify({ ...old, format: 1 }));
    expect(await cache.get(key)).toBeNull();
  });
});
