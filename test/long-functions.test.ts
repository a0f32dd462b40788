import { describe, expect, it } from 'vitest';
import { longFunctionsIn } from '../tools/long-functions.js';

const body = (n: number): string => Array.from({ length: n }, (_, i) => `  const v${i} = ${i};`).join('\n');

describe('long-functions', () => {
  it('lists functions over the limit with their name, first line and length, and only those', () => {
    const text = [
      `export function long(): void {\n${body(85)}\n}`, // lines 1-87
      `const short = (): number => {\n${body(3)}\n  return 1;\n};`,
      `class Reader {\n  read(): void {\n${body(81)}\n  }\n}`,
      `[1].forEach(() => {\n${body(90)}\n});`,
    ].join('\n');
    const found = longFunctionsIn('x.ts', text, 80);
    expect(found.map((f) => [f.name, f.line, f.lines])).toEqual([
      ['long', 1, 87],
      ['Reader.read', 95, 83],
      ['(callback of [1].forEach)', 179, 92],
    ]);
  });
});
