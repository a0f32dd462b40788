/**
 * src/validate and `kamerstukken-ld validate FILE`: a conforming N-Quads file exits 0;
 * the same file with one required triple removed exits 1 with a report naming the
 * file, the document, the focus node and the path; the RDF report is deterministic
 * and has no blank nodes.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Quad } from '@rdfjs/types';
import { DataFactory, Parser } from 'n3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { run } from '../src/commands/validate.js';
import { IriMinter } from '../src/rdf/iris.js';
import { documentToQuads } from '../src/rdf/mapping.js';
import { Validator, formatReport } from '../src/validate/index.js';
import { fixtureDocument } from './fixtures/document-model.js';
import { serialise } from './helpers.js';

const minter = new IriMinter();
const ID = 'kst-26150-999';
const A1 = minter.answer(ID, [1], 0);
const heading = minter.term('heading');

async function capture(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  const error = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
  try {
    const code = await run(args);
    return { code, out: out.join('\n'), err: err.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

describe('kamerstukken-ld validate FILE', () => {
  let dir: string;
  let quads: Quad[];
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'kld-validate-'));
    quads = documentToQuads(fixtureDocument(), minter);
    writeFileSync(join(dir, 'good.nq'), serialise(quads, 'N-Quads'));
    writeFileSync(join(dir, 'good.nq.gz'), gzipSync(serialise(quads, 'N-Quads')));
    writeFileSync(join(dir, 'good.trig'), serialise(quads, 'application/trig'));
    const broken = quads.filter((q) => !(q.subject.equals(A1) && q.predicate.equals(heading)));
    expect(broken).toHaveLength(quads.length - 1);
    writeFileSync(join(dir, 'broken.nq'), serialise(broken, 'N-Quads'));
    writeFileSync(join(dir, 'garbage.nq'), '<a> <b> "unterminated .\n');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('exits 0 on a conforming file (N-Quads, gzipped N-Quads, TriG)', async () => {
    for (const name of ['good.nq', 'good.nq.gz', 'good.trig']) {
      const r = await capture([join(dir, name)]);
      expect(r.code, r.err).toBe(0);
      expect(r.out).toContain(`${name}: ${quads.length} quads in 1 graph: conforms`);
    }
  });

  it('exits 1 when a required triple is missing, naming the file, document, node and path', async () => {
    const file = join(dir, 'broken.nq');
    const r = await capture([file, '--report', join(dir, 'report.ttl')]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(file);
    expect(r.err).toContain(`document ${ID}:`);
    expect(r.err).toContain(`<${A1.value}>`);
    expect(r.err).toContain(`path:    <${heading.value}>`);
    expect(r.err).toContain('SHACL validation: 1 violation.');
    const report = new Parser().parse(readFileSync(join(dir, 'report.ttl'), 'utf8'));
    expect(report.some((q) => q.predicate.value === 'http://www.w3.org/ns/shacl#focusNode' && q.object.value === A1.value)).toBe(true);
    expect(report.filter((q) => q.subject.termType === 'BlankNode' || q.object.termType === 'BlankNode')).toEqual([]);
  });

  it('exits 1 on unreadable RDF and 2 on usage errors', async () => {
    const bad = await capture([join(dir, 'garbage.nq')]);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('garbage.nq: cannot read RDF');
    await expect(run([])).rejects.toThrow(/exactly one FILE/);
    await expect(run([join(dir, 'missing.nq')])).rejects.toThrow(/no such file/);
    await expect(run([join(dir, 'good.nq'), '--base'])).rejects.toThrow(/--base needs a value/);
    writeFileSync(join(dir, 'data.csv'), 'a,b\n');
    await expect(run([join(dir, 'data.csv')])).rejects.toThrow(/unknown RDF format/);
  });
});

describe('ValidationReport', () => {
  let validator: Validator;
  let quads: Quad[];
  beforeAll(async () => {
    validator = await Validator.load(minter);
    quads = documentToQuads(fixtureDocument(), minter);
  });

  it('has deterministic report quads with skolem IRIs, not blank nodes', async () => {
    const broken = quads.filter((q) => !q.predicate.equals(heading));
    const a = await validator.validate(broken);
    const b = await validator.validate([...broken].reverse());
    expect(a.violations).toHaveLength(3); // two answers and the notice
    expect(serialise(a.reportQuads, 'N-Triples')).toBe(serialise(b.reportQuads, 'N-Triples'));
    expect(a.reportQuads.filter((q) => q.subject.termType === 'BlankNode' || q.object.termType === 'BlankNode')).toEqual([]);
    expect(a.reportQuads.every((q) => q.subject.value.startsWith(`${minter.base}.well-known/genid/shacl-`))).toBe(true);
    const conforms = a.reportQuads.find((q) => q.predicate.value === 'http://www.w3.org/ns/shacl#conforms');
    expect(conforms?.object.value).toBe('false');
    const subject = a.reportQuads.find((q) => q.predicate.value === 'http://purl.org/dc/terms/subject');
    expect(subject?.object.value).toBe(minter.graph(ID).value);
  });

  it('reports a conforming graph as conforming, in RDF too', async () => {
    const r = await validator.validate(quads);
    expect(r.conforms).toBe(true);
    expect(r.reportQuads.map((q) => [q.predicate.value, q.object.value])).toEqual([
      ['http://purl.org/dc/terms/subject', minter.graph(ID).value],
      ['http://www.w3.org/1999/02/22-rdf-syntax-ns#type', 'http://www.w3.org/ns/shacl#ValidationReport'],
      ['http://www.w3.org/ns/shacl#conforms', 'true'],
    ]);
    expect(formatReport(r)).toBe('SHACL validation: conforms (0 violations).');
  });

  it('formats each violation with document, focus node, path, value and message', async () => {
    const wrong = quads.map((q) => (q.subject.equals(minter.source(ID)) && q.predicate.equals(minter.term('sourceFormat')) ? DataFactory.quad(q.subject, q.predicate, DataFactory.literal('rtf'), q.graph) : q));
    const text = formatReport(await validator.validate(wrong));
    expect(text).toBe(
      [
        'SHACL validation: 1 violation.',
        '',
        `document ${ID}:`,
        `  Violation: <${minter.source(ID).value}>`,
        `    path:    <${minter.term('sourceFormat').value}>`,
        '    value:   rtf',
        '    message: Value is not one of the allowed values: text, xml, pdf ... (and 2 more)',
        `    shape:   <${minter.base}shapes#SourceFile-sourceFormat> (InConstraintComponent)`,
      ].join('\n'),
    );
  });
});
