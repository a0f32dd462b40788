import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exitCodeFor, IngestError, KldError, UsageError, WriteError } from '../src/errors.js';
import { QueryError } from '../src/serve/errors.js';

const src = path.resolve(import.meta.dirname, '../src');

describe('errors', () => {
  it('every error class in src/ extends the one base, KldError, directly or through another of ours', () => {
    const parent = new Map<string, { base: string; file: string }>();
    for (const f of readdirSync(src, { recursive: true, encoding: 'utf8' })) {
      if (!f.endsWith('.ts')) continue;
      const text = readFileSync(path.join(src, f), 'utf8');
      for (const m of text.matchAll(/class (\w+)\s+extends\s+(\w+)/g)) if (m[1] && m[2]) parent.set(m[1], { base: m[2], file: f });
    }
    expect(parent.get('KldError')?.base).toBe('Error');
    // A class that extends Error, TypeError, … (or a class of ours that does) never reaches KldError.
    const reachesBase = (name: string, seen = new Set<string>()): boolean => {
      if (name === 'KldError') return true;
      const up = parent.get(name);
      if (up === undefined || seen.has(name)) return false;
      seen.add(name);
      return reachesBase(up.base, seen);
    };
    const errorClasses = [...parent.entries()].filter(([name, { base }]) => name !== 'KldError' && (name.endsWith('Error') || /Error$/.test(base)));
    expect(errorClasses.length).toBeGreaterThan(15);
    expect(errorClasses.filter(([name]) => !reachesBase(name)).map(([name, { file }]) => `${file}: ${name}`)).toEqual([]);
  });

  it('maps usage errors to exit code 2 and every other failure to 1', () => {
    expect(exitCodeFor(new UsageError('unknown option --x'))).toBe(2);
    expect(exitCodeFor(new IngestError({ file: 'a.txt', line: 3 }, 'not a paper'))).toBe(1);
    expect(exitCodeFor(new QueryError(400, 'syntax error'))).toBe(1);
    expect(exitCodeFor(new RangeError('a bug'))).toBe(1);
  });

  it('carries the place: file and line in the message and as data, the class name as name', () => {
    const e = new IngestError({ file: 'corpus/x.txt', line: 12 }, 'no question block');
    expect(e).toBeInstanceOf(KldError);
    expect(e.message).toBe('corpus/x.txt:12: no question block');
    expect(e.location).toEqual({ file: 'corpus/x.txt', line: 12 });
    expect(e.kind).toBe('input');
    expect(e.name).toBe('IngestError');
    const w = new WriteError('output/a.nq', Object.assign(new Error('no space'), { code: 'ENOSPC' }));
    expect(w.location).toEqual({ file: 'output/a.nq' });
    expect(w.kind).toBe('output');
  });
});
