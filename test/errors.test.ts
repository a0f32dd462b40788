import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exitCodeFor, IngestError, KldError, UsageError, WriteError } from '../src/errors.js';
import { QueryError } from '../src/serve/errors.js';

const src = path.resolve(import.meta.dirname, '../src');

describe('errors', () => {
  it('every error class in src/ extends the one base, KldError', () => {
    const offenders: string[] = [];
    for (const f of readdirSync(src, { recursive: true, encoding: 'utf8' })) {
      if (!f.endsWith('.ts')) continue;
      const text = readFileSync(path.join(src, f), 'utf8');
      for (const m of text.matchAll(/class (\w+) extends (\w+)/g)) {
        if (m[1]?.endsWith('Error') && m[2] === 'Error' && m[1] !== 'KldError') offenders.push(`${f}: ${m[1]}`);
      }
    }
    expect(offenders).toEqual([]);
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
