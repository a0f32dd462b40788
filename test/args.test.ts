/** The command-line reader every command uses (src/commands/args.ts), and commands that use it. */
import { describe, expect, it } from 'vitest';
import { readArgs } from '../src/commands/args.js';
import { parseArgs as parseBuildArgs } from '../src/commands/build.js';
import { parseArgs as parseHarvestArgs } from '../src/commands/harvest.js';
import { parseServeArgs } from '../src/commands/serve.js';
import { UsageError } from '../src/errors.js';
import { repoRoot } from './helpers.js';

describe('readArgs', () => {
  it('hands each option its value in order and returns the positional arguments', () => {
    const seen: string[] = [];
    const files = readArgs(['a.txt', '--port', '8080', '--log', 'b.txt', '--federate', 'x', '--federate', 'y'], {
      '--port': (o) => seen.push(`port=${o.integer(0)}`),
      '--log': () => seen.push('log'),
      '--federate': (o) => seen.push(`federate=${o.value()}`),
    });
    expect(seen).toEqual(['port=8080', 'log', 'federate=x', 'federate=y']);
    expect(files).toEqual(['a.txt', 'b.txt']);
  });

  it('refuses, as usage errors naming the option: an unknown option, a missing value, another option as a value', () => {
    const handlers = { '--port': (o: { integer(min: number): number }) => o.integer(0), '--log': () => true };
    expect(() => readArgs(['--bogus'], handlers)).toThrow(new UsageError('unknown option --bogus'));
    expect(() => readArgs(['--port'], handlers)).toThrow(new UsageError('--port needs a value'));
    expect(() => readArgs(['--port', '--log'], handlers)).toThrow(new UsageError('--port needs a value'));
    // An inherited property is no option.
    expect(() => readArgs(['--constructor'], handlers)).toThrow(/unknown option --constructor/);
  });

  it('checks numbers, whole numbers, dates and choices', () => {
    const got: unknown[] = [];
    const handlers = {
      '--n': (o: { number(min: number): number }) => got.push(o.number(0.5)),
      '--i': (o: { integer(min: number): number }) => got.push(o.integer(1)),
      '--d': (o: { date(): string }) => got.push(o.date()),
      '--c': (o: { oneOf(c: readonly string[]): string }) => got.push(o.oneOf(['a', 'b'])),
    };
    readArgs(['--n', '0.5', '--i', '3', '--d', '2024-05-01', '--c', 'b'], handlers);
    expect(got).toEqual([0.5, 3, '2024-05-01', 'b']);
    expect(() => readArgs(['--n', '0.1'], handlers)).toThrow('--n must be a number ≥ 0.5: got "0.1"');
    expect(() => readArgs(['--n', ''], handlers)).toThrow('--n must be a number ≥ 0.5: got ""');
    expect(() => readArgs(['--i', '2.5'], handlers)).toThrow('--i must be a whole number ≥ 1: got "2.5"');
    expect(() => readArgs(['--i', 'x'], handlers)).toThrow('--i must be a whole number ≥ 1: got "x"');
    expect(() => readArgs(['--d', '1-5-2024'], handlers)).toThrow('--d must be YYYY-MM-DD: got "1-5-2024"');
    expect(() => readArgs(['--c', 'z'], handlers)).toThrow('--c must be one of a, b: got "z"');
  });

  it('refuses positional arguments where a command takes none', () => {
    expect(() => readArgs(['stray'], {}, { positional: false })).toThrow(new UsageError('unexpected argument stray'));
  });
});

describe('the commands read their options with it', () => {
  it('serve', () => {
    const o = parseServeArgs(['--port', '0', '--workers', '3', '--store', 'virtuoso', '--federate', 'https://example.org/sparql', '--timeout', '2.5']);
    expect([o.port, o.workers, o.store, o.federate, o.timeoutMs]).toEqual([0, 3, 'virtuoso', ['https://example.org/sparql'], 2500]);
    expect(() => parseServeArgs(['--store', 'blazegraph'])).toThrow('--store must be one of oxigraph, virtuoso: got "blazegraph"');
    expect(() => parseServeArgs(['--workers', '1.5'])).toThrow(UsageError);
    expect(() => parseServeArgs(['output'])).toThrow('unexpected argument output');
  });

  it('harvest', () => {
    const h = parseHarvestArgs(['--genre', 'aanhangsel', '--year', '2024', '--modified-since', '2024-03-01', '--concurrency', '2']);
    expect(h.selection).toEqual({ genres: ['aanhangsel'], from: '2024-01-01', to: '2024-12-31', modifiedSince: '2024-03-01' });
    expect(h.concurrency).toBe(2);
    expect(() => parseHarvestArgs(['--modified-since', 'yesterday'])).toThrow('--modified-since must be YYYY-MM-DD: got "yesterday"');
    expect(() => parseHarvestArgs(['--genre', 'roman'])).toThrow(/--genre must be one of .*aanhangsel.*: got "roman"/);
  });

  it('build', () => {
    const b = parseBuildArgs(['--corpus', `${repoRoot}/corpus`, '--jobs', '2', '--document-seconds', '0', '--quiet']);
    expect([b.corpus, b.jobs, b.documentSeconds, b.progress]).toEqual([`${repoRoot}/corpus`, 2, 0, false]);
    expect(() => parseBuildArgs(['--jobs', '0'])).toThrow('--jobs must be a whole number ≥ 1: got "0"');
    expect(() => parseBuildArgs(['--date', '2024'])).toThrow('--date must be YYYY-MM-DD: got "2024"');
  });
});
