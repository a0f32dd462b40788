/**
 * Issue 10's "shapes let real errors through" list, each corruption written to an N-Quads file and run
 * through `kamerstukken-ld validate FILE`: exit 1, and the report names the focus node, the path (where the
 * constraint has one) and the shape. (test/shapes.test.ts checks every shape on the data; this checks what
 * a user of `validate` sees for exactly these corruptions.)
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Quad, Quad_Object, Quad_Subject, Term } from '@rdfjs/types';
import { DataFactory } from 'n3';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { run } from '../src/commands/validate.js';
import { IriMinter } from '../src/rdf/iris.js';
import { documentToQuads } from '../src/rdf/mapping.js';
import { dcterms, oa, xsd } from '../src/rdf/vocab.js';
import { fixtureDocument } from './fixtures/document-model.js';
import { serialise } from './helpers.js';

const { literal, quad } = DataFactory;
const minter = new IriMinter();
const kld = minter.kld;
const ID = 'kst-26150-999';
const G = minter.graph(ID);
const D = minter.document(ID);
const B1 = minter.block(ID, 0);
const B3 = minter.block(ID, 2);
const Q1 = minter.question(ID, 1);
const Q2 = minter.question(ID, 2);
const A1 = minter.answer(ID, [1], 0);
const C1 = minter.citation(ID, 'kst-26150-169', 150);
const TEXT = minter.sourceText(ID);
const SP = minter.positionSelector(minter.selector(A1));

type Mutation = (quads: Quad[]) => Quad[];
const drop =
  (s: Term, p: Term): Mutation =>
  (qs) =>
    qs.filter((q) => !(q.subject.equals(s) && q.predicate.equals(p)));
const add =
  (s: Quad_Subject, p: Quad['predicate'], o: Quad_Object): Mutation =>
  (qs) => [...qs, quad(s, p, o, G)];
const both =
  (...ms: Mutation[]): Mutation =>
  (qs) =>
    ms.reduce((acc, m) => m(acc), qs);

const CORRUPTIONS: { what: string; mutate: Mutation; focus: Term; path: string | null; shape: string }[] = [
  { what: 'an answer linked to a second question in one direction', mutate: add(A1, kld('answers'), Q2), focus: Q2, path: `^<${kld('answers').value}>`, shape: 'Question-answeredBack' },
  {
    what: 'an answer moved to the wrong question',
    mutate: both(drop(A1, kld('answers')), drop(Q1, kld('hasAnswer')), drop(B1, kld('hasAnswer')), add(A1, kld('answers'), B3), add(A1, kld('answers'), Q2), add(B3, kld('hasAnswer'), A1), add(Q2, kld('hasAnswer'), A1)),
    focus: A1,
    path: `<${kld('answers').value}>/<${kld('number').value}>`,
    shape: 'Answer-numbersMatch',
  },
  {
    what: 'a well-formed but wrong citation id',
    mutate: both(drop(C1, kld('citedPaper')), add(C1, kld('citedPaper'), minter.document('kst-26150-170'))),
    focus: C1,
    path: `<${kld('citedPaper').value}>/<${dcterms('identifier').value}>`,
    shape: 'Citation-citedId',
  },
  { what: 'a block with its faction removed', mutate: drop(B1, kld('askedBy')), focus: B1, path: null, shape: 'UnitAsked' },
  { what: 'a paper with every askedBy removed', mutate: drop(D, kld('askedBy')), focus: D, path: null, shape: 'DocumentAsked' },
  { what: 'an orphan question', mutate: (qs) => qs.filter((q) => !(q.predicate.equals(kld('hasQuestion')) && q.object.equals(Q1))), focus: Q1, path: `^<${kld('hasQuestion').value}>`, shape: 'Question-inBlock' },
  {
    what: 'oa:end beyond the source',
    mutate: both(drop(SP, oa('end')), add(SP, oa('end'), literal('5001', xsd('nonNegativeInteger')))),
    focus: TEXT,
    path: `(^<${oa('hasSource').value}>)/<${oa('hasSelector').value}>/<${oa('end').value}>`,
    shape: 'SourceText-ends',
  },
];

describe("issue 10's corruptions through `validate FILE`", () => {
  const dir = mkdtempSync(join(tmpdir(), 'kld-corrupt-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const good = documentToQuads(fixtureDocument(), minter);

  it('the uncorrupted file conforms', async () => {
    const file = join(dir, 'good.nq');
    writeFileSync(file, serialise(good, 'N-Quads'));
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      expect(await run([file])).toBe(0);
    } finally {
      log.mockRestore();
    }
  });

  for (const [i, c] of CORRUPTIONS.entries()) {
    it(`rejects ${c.what}, naming node, path and shape`, async () => {
      const file = join(dir, `corrupt-${i}.nq`);
      writeFileSync(file, serialise(c.mutate(good), 'N-Quads'));
      const err: string[] = [];
      const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
      const error = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
      let code: number;
      try {
        code = await run([file]);
      } finally {
        log.mockRestore();
        error.mockRestore();
      }
      expect(code).toBe(1);
      const text = err.join('\n');
      // The violation's block of the report: the focus node line, then its path (if any) and shape lines.
      const blocks = text.split(/\n(?=\s*Violation: )/).filter((b) => b.includes(`Violation: <${c.focus.value}>`) && b.includes(`shapes#${c.shape}>`));
      expect(blocks.length, text).toBeGreaterThan(0);
      if (c.path !== null)
        expect(
          blocks.some((b) => b.includes(`path:    ${c.path}`)),
          text,
        ).toBe(true);
    });
  }
});
