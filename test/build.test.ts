/**
 * `kamerstukken-ld build` end to end: what is published, that the description
 * states the data's own counts, that builds are byte-identical and incremental,
 * that broken and invalid documents are reported and left out, and that an
 * interrupted build leaves the previous output intact.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import type { Quad } from '@rdfjs/types';
import jsonld, { type JsonLdObject } from 'jsonld';
import { DataFactory, Parser, Store } from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IriMinter } from '../src/rdf/iris.js';
import { rdf, void_, dcat, dcterms, spdx } from '../src/rdf/vocab.js';
import { recoverOutput } from '../src/publish/atomic.js';
import { buildCorpus, isOutputStale, type BuildOptions } from '../src/publish/build.js';
import { validateDescription } from '../src/publish/describe-shapes.js';
import { quadLine } from '../src/publish/nquads.js';
import type { Pipeline } from '../src/publish/pipeline.js';
import { fixturePipeline, writeFixtureSource } from './publish-fixtures.js';
import { defined, treeHashes } from './helpers.js';
// The kill test runs the compiled CLI (bin/ runs dist/): npm test compiles first; a test never compiles.
import { ensureCompiled } from './serve-fixture.js';

const repoRoot = path.resolve(import.meta.dirname, '..');
const minter = new IriMinter();
let work: string;
let pipeline: Pipeline;

function corpus(name: string, specs: Record<string, string>): string {
  const dir = path.join(work, name);
  mkdirSync(dir, { recursive: true });
  for (const [file, spec] of Object.entries(specs)) writeFixtureSource(dir, file, spec);
  return dir;
}

function options(name: string, extra: Partial<BuildOptions> = {}): BuildOptions {
  return { output: path.join(work, name, 'output'), cacheDir: path.join(work, name, 'cache'), pipeline, progress: false, ...extra };
}

const parseNq = (text: string): Quad[] => new Parser({ format: 'N-Quads' }).parse(text);
const parseTtl = (text: string): Quad[] => new Parser({ format: 'text/turtle' }).parse(text);

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'kld-build-'));
  pipeline = await fixturePipeline(minter);
});

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

describe('build with a broken document among good ones', () => {
  let summary: Awaited<ReturnType<typeof buildCorpus>>;
  let out: string;

  beforeAll(async () => {
    const dir = corpus('a/corpus', {
      'kst-99999-1.txt': 'model:1:2024-01-15',
      'kst-99999-2.txt': 'model:2:2024-03-01',
      'broken.txt': 'Dit is geen Kamerstuk.',
    });
    summary = await buildCorpus({ ...options('a'), corpus: dir });
    out = path.join(work, 'a', 'output');
  });

  it('reports the broken document by file and place, builds the others, and exits non-zero', () => {
    expect(summary.exitCode).toBe(1);
    expect(summary.failed).toHaveLength(1);
    expect(summary.failed[0]?.file.endsWith('broken.txt')).toBe(true);
    expect(summary.failed[0]?.message).toMatch(/broken\.txt:1: not a written-consultation paper/);
    expect(summary.published).toBe(2);
    expect(summary.line).toMatch(/^2\/3 documents published, \d+ triples, 0 violations, .*1 not published: broken\.txt/);
    expect(readdirSync(path.join(out, 'documents')).sort()).toEqual(['kst-99999-1.jsonld', 'kst-99999-1.ttl', 'kst-99999-1.txt', 'kst-99999-2.jsonld', 'kst-99999-2.ttl', 'kst-99999-2.txt']);
    for (const f of ['kamerstukken-ld.nq', 'kamerstukken-ld.nq.gz', 'context.jsonld', 'context/v2.jsonld', 'shacl-report.ttl', 'dataset.ttl', 'ontology.html', 'store.json', '.build.json']) {
      expect(existsSync(path.join(out, f)), f).toBe(true);
    }
  });

  it('writes the N-Quads sorted, one named graph per document plus the gazetteer, no blank nodes', () => {
    const text = readFileSync(path.join(out, 'kamerstukken-ld.nq'), 'utf8');
    const lines = text.split('\n').filter((l) => l !== '');
    expect(lines.length).toBe(summary.triples);
    expect(text.includes('_:')).toBe(false);
    const quads = parseNq(text);
    const graphs = [...new Set(quads.map((q) => q.graph.value))];
    expect(graphs).toEqual([minter.gazetteerGraph().value, minter.graph('kst-99999-1').value, minter.graph('kst-99999-2').value]);
    // Within each graph, lines in code-unit order.
    for (const g of graphs) {
      const own = lines.filter((l) => l.endsWith(`<${g}> .`));
      expect(own).toEqual([...own].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    }
    expect(gunzipSync(readFileSync(path.join(out, 'kamerstukken-ld.nq.gz'))).toString('utf8')).toBe(text);
  });

  it("publishes the gazetteer's facts once, in its own graph: no paper graph repeats a concept's type or notation", () => {
    const quads = parseNq(readFileSync(path.join(out, 'kamerstukken-ld.nq'), 'utf8'));
    const gazetteer = minter.gazetteerGraph();
    const vvd = minter.faction('VVD');
    const typed = quads.filter((q) => q.subject.equals(vvd) && q.predicate.equals(rdf('type')) && q.object.equals(minter.term('Faction')));
    expect(typed.map((q) => q.graph.value)).toEqual([gazetteer.value]);
    // The papers point at the faction ...
    expect(quads.some((q) => q.object.equals(vvd) && q.graph.equals(minter.graph('kst-99999-1')))).toBe(true);
    // ... and describe no gazetteer concept themselves.
    const concepts = new Set(quads.filter((q) => q.graph.equals(gazetteer)).map((q) => q.subject.value));
    expect(quads.filter((q) => !q.graph.equals(gazetteer) && concepts.has(q.subject.value))).toEqual([]);
  });

  it("writes JSON-LD that converts back to exactly the document's graph in the N-Quads", async () => {
    const nq = parseNq(readFileSync(path.join(out, 'kamerstukken-ld.nq'), 'utf8'));
    const context = JSON.parse(readFileSync(path.join(out, 'context', 'v2.jsonld'), 'utf8')) as JsonLdObject;
    const documentLoader = async (url: string) => {
      if (url !== minter.context().value) throw new Error(`unexpected ${url}`);
      return { contextUrl: null, documentUrl: url, document: context };
    };
    for (const id of ['kst-99999-1', 'kst-99999-2']) {
      const json = JSON.parse(readFileSync(path.join(out, 'documents', `${id}.jsonld`), 'utf8')) as JsonLdObject;
      const fromJson = (await jsonld.toRDF(json, { format: 'application/n-quads', documentLoader }))
        .split('\n')
        .filter((l) => l !== '')
        .sort();
      const graph = minter.graph(id).value;
      const fromNq = nq
        .filter((q) => q.graph.value === graph)
        .map((q) => quadLine(DataFactory.quad(q.subject, q.predicate, q.object)).trimEnd())
        .sort();
      expect(fromJson).toEqual(fromNq);
      // And the Turtle holds the same triples.
      const ttl = parseTtl(readFileSync(path.join(out, 'documents', `${id}.ttl`), 'utf8'))
        .map((q) => quadLine(q).trimEnd())
        .sort();
      expect(ttl).toEqual(fromNq);
    }
  });

  it('reads with plain JSON.parse as docs/output.md shows', () => {
    const doc = JSON.parse(readFileSync(path.join(out, 'documents', 'kst-99999-1.jsonld'), 'utf8'));
    expect(doc.hasPart[0].hasAnswer.answerText).toBe('Het kabinet verwijst naar Kamerstuk 33 783, nr. 35.');
    expect(doc.hasPart[0].askedBy).toEqual(['https://w3id.org/kamerstukken-ld/id/fractie/vvd']);
    // The faction's facts are in the gazetteer's graph (once), not in the paper's document.
    expect(doc.included.find((n: { id: string }) => n.id.endsWith('/fractie/vvd'))).toBeUndefined();
  });

  it("describes the dumps in DCAT/VoID with the data's own counts, and the description conforms to its shapes", async () => {
    const description = parseTtl(readFileSync(path.join(out, 'dataset.ttl'), 'utf8'));
    expect(description.some((q) => q.subject.termType === 'BlankNode' || q.object.termType === 'BlankNode')).toBe(false);
    expect((await validateDescription(description, minter)).conforms).toBe(true);
    const d = new Store(description);
    const ds = minter.dataset();
    const one = (s: Quad['subject'], p: Quad['predicate']): string => {
      const objects = d.getObjects(s, p, null);
      expect(objects, `${s.value} ${p.value}`).toHaveLength(1);
      return defined(objects[0], `${s.value} ${p.value}`).value;
    };
    // VoID counts triples: a triple that stands in several graphs (a faction both papers name) counts once.
    const seenTriples = new Set<string>();
    const data = parseNq(readFileSync(path.join(out, 'kamerstukken-ld.nq'), 'utf8')).filter((q) => {
      const key = quadLine(DataFactory.quad(q.subject, q.predicate, q.object));
      if (seenTriples.has(key)) return false;
      seenTriples.add(key);
      return true;
    });
    expect(Number(one(ds, void_('triples')))).toBe(data.length);
    expect(Number(one(ds, void_('documents')))).toBe(2);
    const classes = new Map<string, Set<string>>();
    for (const q of data) {
      if (!q.predicate.equals(rdf('type'))) continue;
      if (!classes.has(q.object.value)) classes.set(q.object.value, new Set());
      classes.get(q.object.value)?.add(q.subject.value);
    }
    expect(Number(one(ds, void_('classes')))).toBe(classes.size);
    expect(Number(one(ds, void_('properties')))).toBe(new Set(data.map((q) => q.predicate.value)).size);
    const subjects = new Set(data.map((q) => q.subject.value));
    expect(Number(one(ds, void_('distinctSubjects')))).toBe(subjects.size);
    expect(Number(one(ds, void_('entities')))).toBe([...subjects].filter((s) => s.startsWith(`${minter.base}id/`)).length);
    // Partitions: each class's instances, each property's triples; property partitions add up to the total.
    let sum = 0;
    for (const part of d.getObjects(ds, void_('propertyPartition'), null)) {
      const p = one(part as Quad['subject'], void_('property'));
      const n = Number(one(part as Quad['subject'], void_('triples')));
      expect(n, p).toBe(data.filter((q) => q.predicate.value === p).length);
      sum += n;
    }
    expect(sum).toBe(data.length);
    for (const part of d.getObjects(ds, void_('classPartition'), null)) {
      const c = one(part as Quad['subject'], void_('class'));
      expect(Number(one(part as Quad['subject'], void_('entities'))), c).toBe(classes.get(c)?.size);
    }
    // Linksets: their triple counts are the links in the data.
    const linked = (prefix: string, predicate: string | null): number =>
      data.filter((q) => q.object.termType === 'NamedNode' && q.object.value.startsWith(prefix) && (predicate === null || q.predicate.value === predicate)).length;
    const linksets = d.getSubjects(rdf('type'), void_('Linkset'), null);
    const targets = new Map<string, number>();
    for (const ls of linksets) {
      const target = one(ls, void_('objectsTarget'));
      const predicate = d.getObjects(ls, void_('linkPredicate'), null)[0]?.value ?? null;
      const n = Number(one(ls, void_('triples')));
      targets.set(target, (targets.get(target) ?? 0) + n);
      if (target.endsWith('/wikidata')) expect(n).toBe(linked('http://www.wikidata.org/entity/', predicate));
      if (target.endsWith('/officielebekendmakingen')) expect(n).toBe(linked('https://zoek.officielebekendmakingen.nl/', predicate));
      if (target.endsWith('/tooi')) expect(n).toBe(linked('https://identifier.overheid.nl/tooi/', predicate));
      // The gazetteer's factions point at their records in the Tweede Kamer open data (rdfs:seeAlso).
      if (target.endsWith('/tweedekamer')) expect(n).toBe(linked('https://gegevensmagazijn.tweedekamer.nl/', predicate));
    }
    // Only targets the data links to have linksets, each naming its predicate.
    expect([...targets.keys()].map((t) => t.replace(/.*\//, '')).sort()).toEqual(['officielebekendmakingen', 'tooi', 'tweedekamer', 'wikidata']);
    for (const ls of linksets) expect(d.getObjects(ls, void_('linkPredicate'), null)).toHaveLength(1);
    expect(targets.get(minter.datasetPart('doel', 'officielebekendmakingen').value)).toBeGreaterThan(0);
    expect(targets.get(minter.datasetPart('doel', 'wikidata').value)).toBeGreaterThan(0);
    // Distributions: byte size and SHA-256 of the files as published; the rest go through the SPARQL endpoint.
    const distributions = d.getObjects(ds, dcat('distribution'), null);
    expect(distributions.filter((dist) => d.getObjects(dist, dcat('accessService'), null).length > 0)).toHaveLength(1);
    for (const dist of distributions.filter((x) => d.getObjects(x, dcat('downloadURL'), null).length > 0)) {
      const url = one(dist as Quad['subject'], dcat('downloadURL'));
      const file = path.join(out, url.slice(`${minter.base}download/`.length));
      const bytes = readFileSync(file);
      expect(Number(one(dist as Quad['subject'], dcat('byteSize')))).toBe(bytes.length);
      const checksum = one(dist as Quad['subject'], spdx('checksum'));
      expect(one(DataFactory.namedNode(checksum), spdx('checksumValue'))).toBe(createHash('sha256').update(bytes).digest('hex'));
    }
    // Dates from the data (the newest document date), never the clock.
    expect(one(ds, dcterms('modified'))).toBe('2024-03-01');
    expect(one(ds, dcterms('issued'))).toBe('2024-03-01');
  });

  it('a second build is byte-identical and takes every document from the cache; --force too', async () => {
    const before = treeHashes(out);
    const again = await buildCorpus({ ...options('a'), corpus: path.join(work, 'a/corpus') });
    expect(again.reused).toBe(2);
    expect(treeHashes(out)).toEqual(before);
    const forced = await buildCorpus({ ...options('a'), corpus: path.join(work, 'a/corpus'), force: true });
    expect(forced.reused).toBe(0);
    expect(treeHashes(out)).toEqual(before);
  });

  it('knows when the output is stale', async () => {
    const o = { ...options('a'), corpus: path.join(work, 'a/corpus') };
    expect(await isOutputStale(o)).toBe(false);
    expect(await isOutputStale({ ...o, pipeline: { ...pipeline, minter: new IriMinter('https://example.org/kld/') } })).toBe(true);
    expect(await isOutputStale({ ...o, pipeline: { ...pipeline, version: 'other' } })).toBe(true);
    expect(await isOutputStale({ ...o, date: '2025-01-01' })).toBe(true);
    writeFixtureSource(path.join(work, 'a/corpus'), 'kst-99999-2.txt', 'model:2:2024-03-02');
    expect(await isOutputStale(o)).toBe(true);
  });
});

describe('build with a document that violates the shapes', () => {
  it('publishes the valid documents only, reports the violation and exits non-zero', async () => {
    const dir = corpus('b/corpus', { 'kst-99999-1.txt': 'model:1:2024-01-15', 'kst-99999-3.txt': 'model:3:2024-02-01:invalid' });
    const summary = await buildCorpus({ ...options('b'), corpus: dir });
    const out = path.join(work, 'b', 'output');
    expect(summary.exitCode).toBe(1);
    expect(summary.violations).toBeGreaterThan(0);
    expect(summary.rejected.map((r) => r.id)).toEqual(['kst-99999-3']);
    expect(summary.reportText).toContain('document kst-99999-3');
    expect(summary.reportText).toContain(`<${minter.document('kst-99999-3').value}>`);
    expect(summary.reportText).toContain(`<${minter.term('vergaderjaar').value}>`);
    // Not published as if valid: absent from the dumps and the description.
    expect(existsSync(path.join(out, 'documents', 'kst-99999-3.jsonld'))).toBe(false);
    const nq = readFileSync(path.join(out, 'kamerstukken-ld.nq'), 'utf8');
    expect(nq).not.toContain('kst-99999-3');
    expect(nq).toContain('kst-99999-1');
    // The report in output/ names it.
    const report = new Store(parseTtl(readFileSync(path.join(out, 'shacl-report.ttl'), 'utf8')));
    const sh = 'http://www.w3.org/ns/shacl#';
    expect(report.getObjects(null, DataFactory.namedNode(`${sh}conforms`), null).map((o) => o.value)).toEqual(['false']);
    const focus = report.getObjects(null, DataFactory.namedNode(`${sh}focusNode`), null).map((o) => o.value);
    expect(focus).toContain(minter.document('kst-99999-3').value);
    expect(
      report
        .getObjects(null, dcterms('subject'), null)
        .map((o) => o.value)
        .sort(),
    ).toEqual([minter.gazetteerGraph().value, minter.graph('kst-99999-1').value, minter.graph('kst-99999-3').value].sort());
  });

  it('leaves the previous output untouched when no document can be published', async () => {
    const out = path.join(work, 'b', 'output');
    const before = treeHashes(out);
    const dir = corpus('b/corpus-bad', { 'kst-99999-3.txt': 'model:3:2024-02-01:invalid' });
    const summary = await buildCorpus({ ...options('b'), corpus: dir });
    expect(summary.exitCode).toBe(1);
    expect(summary.published_output).toBe(false);
    expect(treeHashes(out)).toEqual(before);
  });
});

describe('atomic publication', () => {
  it('restores the previous output when a build died between its two renames', async () => {
    const dir = corpus('c/corpus', { 'kst-99999-1.txt': 'model:1:2024-01-15' });
    await buildCorpus({ ...options('c'), corpus: dir });
    const out = path.join(work, 'c', 'output');
    const before = treeHashes(out);
    // What a crash right after "output → .output.old-PID" leaves: no output/, the old one beside it.
    renameSync(out, path.join(work, 'c', '.output.old-999999'));
    mkdirSync(path.join(work, 'c', '.output.build-999999'));
    await recoverOutput(out);
    expect(treeHashes(out)).toEqual(before);
    expect(readdirSync(path.join(work, 'c')).filter((n) => n.startsWith('.output.'))).toEqual([]);
  });

  it('keeps output/.gitkeep across builds', async () => {
    const out = path.join(work, 'c', 'output');
    writeFileSync(path.join(out, '.gitkeep'), '');
    await buildCorpus({ ...options('c'), corpus: path.join(work, 'c/corpus'), force: true });
    expect(existsSync(path.join(out, '.gitkeep'))).toBe(true);
  });
});

describe('an interrupted build (the CLI killed mid-write)', () => {
  it('leaves the previous output valid and complete; the next build cleans up and succeeds', async () => {
    ensureCompiled();
    const base = path.join(work, 'd');
    mkdirSync(base, { recursive: true });
    const out = path.join(base, 'output');
    const cli = path.join(repoRoot, 'bin', 'kamerstukken-ld.js');
    const args = ['build', '--corpus', path.join(repoRoot, 'corpus'), '--output', out, '--quiet'];
    const first = spawnSync(process.execPath, [cli, ...args], { cwd: base, encoding: 'utf8' });
    expect(first.status, `${first.signal ?? ''} ${first.error?.message ?? ''} ${first.stderr}`).toBe(0);
    const before = treeHashes(out);

    const child = spawn(process.execPath, [cli, ...args, '--force'], { cwd: base, stdio: 'ignore' });
    const staging = path.join(base, `.output.build-${child.pid}`);
    // Kill as soon as the build writes into its staging directory.
    const deadline = Date.now() + 60_000;
    while (!existsSync(path.join(staging, 'documents')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    expect(existsSync(staging)).toBe(true);
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));

    expect(treeHashes(out)).toEqual(before);
    // The previous output is valid: its N-Quads parse and match the description's checksum.
    const nq = readFileSync(path.join(out, 'kamerstukken-ld.nq'));
    expect(readFileSync(path.join(out, 'dataset.ttl'), 'utf8')).toContain(createHash('sha256').update(nq).digest('hex'));
    expect(parseNq(nq.toString('utf8')).length).toBeGreaterThan(1000);

    const after = spawnSync(process.execPath, [cli, ...args], { cwd: base, encoding: 'utf8' });
    expect(after.status, after.stderr).toBe(0);
    expect(existsSync(staging)).toBe(false);
    expect(existsSync(path.join(base, '.output.lock'))).toBe(false);
    expect(treeHashes(out)).toEqual(before);
  }, 180_000);
});
