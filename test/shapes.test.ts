/**
 * Every shape, violated on purpose, in the manner of the W3C SHACL test suite (rdf-validate-shacl's data-shapes
 * tests): the cases are Turtle manifests, test/shapes/*.ttl, each entry (sht:Validate) an edit of the hand-made
 * document's graph (test/shapes/document.trig) and the result the validator must report: focus node, path and
 * source shape (and the constraint component where it matters). This file runs every entry of every manifest, so
 * adding a case needs no code. A final test checks that every shape in shapes/kamerstukken.ttl has a case.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { NamedNode, Quad, Quad_Object, Quad_Subject, Term } from '@rdfjs/types';
import { DataFactory, Parser, Store, Writer } from 'n3';
import { beforeAll, describe, expect, it } from 'vitest';
import { IriMinter } from '../src/rdf/iris.js';
import { documentToQuads } from '../src/rdf/mapping.js';
import { PREFIXES, rdf, sh, vocabulary } from '../src/rdf/vocab.js';
import { renderPath, Validator, type Violation } from '../src/validate/index.js';
import { expandPattern, loadShapes } from '../src/validate/shapes.js';
import { fixtureDocument } from './fixtures/document-model.js';
import { defined } from './helpers.js';

const { namedNode, quad } = DataFactory;
const minter = new IriMinter();
const kld = minter.kld;
const shape = (local: string) => `${minter.base}shapes#${local}`;
const ID = 'kst-26150-999';
const D = minter.document(ID);
const A1 = minter.answer(ID, [1], 0);

/** The test-manifest vocabularies (W3C RDF/SPARQL test manifests, the SHACL test suite) and our three edit terms. */
const mf = vocabulary('http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#', ['Manifest', 'action', 'entries', 'name', 'result', 'status']);
const sht = vocabulary('http://www.w3.org/ns/shacl-test#', ['Validate', 'approved', 'dataGraph', 'shapesGraph']);
const kldt = vocabulary('https://w3id.org/kamerstukken-ld/test#', ['add', 'from', 'remove', 'rename', 'to']);

const CASES_DIR = resolve(import.meta.dirname, 'shapes');
const DATA_FILE = join(CASES_DIR, 'document.trig');
const SHAPES_FILE = resolve(import.meta.dirname, '..', 'shapes', 'kamerstukken.ttl');

interface Expected {
  focusNode: string;
  /** The property, or a complex path as the report renders it (SPARQL syntax: "^<…>", "<…>/<…>"); null for node-level results. */
  path: string | null;
  sourceShape: string;
  constraint: string | null;
}

interface Entry {
  manifest: string;
  iri: string;
  name: string;
  dataFile: string;
  renames: [NamedNode, NamedNode][];
  remove: Quad[];
  add: Quad[];
  results: Expected[];
}

/** Read one manifest: its entries in mf:entries order; an entry that is not listed, or not complete, is an error. */
function loadManifest(file: string): Entry[] {
  const text = readFileSync(file, 'utf8');
  const baseIRI = pathToFileURL(file).href;
  const store = new Store(new Parser({ baseIRI }).parse(text));
  // The edits are Turtle with the manifest's prefixes.
  const prefixes = [...text.matchAll(/^@prefix\s+[A-Za-z0-9-]*:\s*<[^>]*>\s*\.\s*$/gm)].map((m) => m[0]).join('\n');
  const where = (s: Term) => `${basename(file)} <${s.value.replace(baseIRI, '')}>`;
  const one = (s: Term, p: NamedNode): Term => {
    const os = store.getObjects(s, p, null);
    if (os.length !== 1) throw new Error(`${where(s)}: ${os.length} values of <${p.value}> (expected 1)`);
    return defined(os[0]);
  };
  const optional = (s: Term, p: NamedNode): Term | null => (store.getObjects(s, p, null).length === 0 ? null : one(s, p));
  const iri = (t: Term, what: string): NamedNode => {
    if (t.termType !== 'NamedNode') throw new Error(`${basename(file)}: ${what} is not an IRI: ${t.value}`);
    return t;
  };
  const triples = (action: Term, p: NamedNode): Quad[] =>
    store.getObjects(action, p, null).flatMap((snippet) => {
      try {
        return new Parser({ baseIRI }).parse(`${prefixes}\n${snippet.value}`);
      } catch (err) {
        throw new Error(`${where(action)}: <${p.value}>: ${String(err)}`, { cause: err });
      }
    });
  const manifests = store.getSubjects(rdf.type, mf.Manifest, null);
  if (manifests.length !== 1) throw new Error(`${basename(file)}: ${manifests.length} mf:Manifest (expected 1)`);
  const listed: Term[] = [];
  for (let node = one(defined(manifests[0]), mf.entries); !node.equals(rdf.nil); node = one(node, rdf.rest)) listed.push(one(node, rdf.first));
  const declared = store.getSubjects(rdf.type, sht.Validate, null);
  const unlisted = declared.filter((d) => !listed.some((l) => l.equals(d)));
  if (unlisted.length > 0) throw new Error(`${basename(file)}: entries missing from mf:entries: ${unlisted.map((u) => u.value).join(', ')}`);
  return listed.map((e): Entry => {
    if (!store.has(quad(e as Quad_Subject, rdf.type, sht.Validate))) throw new Error(`${where(e)}: not an sht:Validate`);
    const action = one(e, mf.action);
    if (!one(action, sht.shapesGraph).equals(namedNode(pathToFileURL(SHAPES_FILE).href))) throw new Error(`${where(e)}: sht:shapesGraph is not shapes/kamerstukken.ttl`);
    const report = one(e, mf.result);
    if (one(report, sh.conforms).value !== 'false') throw new Error(`${where(e)}: a case expects a violation (sh:conforms false)`);
    return {
      manifest: basename(file),
      iri: e.value,
      name: one(e, mf.name).value,
      dataFile: fileURLToPath(iri(one(action, sht.dataGraph), 'sht:dataGraph').value),
      renames: store.getObjects(action, kldt.rename, null).map((r) => [iri(one(r, kldt.from), 'kldt:from'), iri(one(r, kldt.to), 'kldt:to')]),
      remove: triples(action, kldt.remove),
      add: triples(action, kldt.add),
      results: store.getObjects(report, sh.result, null).map((r) => ({
        focusNode: one(r, sh.focusNode).value,
        path: renderPath(optional(r, sh.resultPath), store),
        sourceShape: one(r, sh.sourceShape).value,
        constraint: optional(r, sh.sourceConstraintComponent)?.value ?? null,
      })),
    };
  });
}

const MANIFESTS = readdirSync(CASES_DIR)
  .filter((f) => f.endsWith('.ttl'))
  .sort()
  .map((f) => join(CASES_DIR, f));
const ENTRIES = MANIFESTS.flatMap(loadManifest);

const dataCache = new Map<string, Quad[]>();
/** A data graph file, parsed once (the entries copy it before editing). */
function readData(file: string): Quad[] {
  const cached = dataCache.get(file);
  if (cached !== undefined) return cached;
  const quads = new Parser({ baseIRI: pathToFileURL(file).href, format: 'application/trig' }).parse(readFileSync(file, 'utf8'));
  dataCache.set(file, quads);
  return quads;
}

/** The data graph of an entry: renames first, then the removals (each must be there), then the additions, all in the data's one graph. */
function edited(entry: Entry, data: readonly Quad[]): Quad[] {
  const graphs = new Set(data.map((q) => q.graph.value));
  const graph = defined(data[0], 'a data graph').graph;
  if (graphs.size !== 1) throw new Error(`${entry.dataFile}: ${graphs.size} graphs (expected one)`);
  let quads = [...data];
  for (const [from, to] of entry.renames) {
    if (!quads.some((q) => q.subject.equals(from) || q.object.equals(from))) throw new Error(`${entry.iri}: kldt:rename: <${from.value}> is not in the data graph`);
    quads = quads.map((q) => quad(q.subject.equals(from) ? to : q.subject, q.predicate, q.object.equals(from) ? to : q.object, q.graph));
  }
  for (const r of entry.remove) {
    const before = quads.length;
    quads = quads.filter((q) => !(q.subject.equals(r.subject) && q.predicate.equals(r.predicate) && q.object.equals(r.object)));
    if (quads.length === before) throw new Error(`${entry.iri}: kldt:remove: <${r.subject.value}> <${r.predicate.value}> ${r.object.value} is not in the data graph`);
  }
  return [...quads, ...entry.add.map((a) => quad(a.subject, a.predicate, a.object, graph))];
}

const replace = (s: Quad_Subject, p: NamedNode, o: Quad_Object) => (qs: readonly Quad[]) => [...qs.filter((q) => !(q.subject.equals(s) && q.predicate.equals(p))), quad(s, p, o, minter.graph(ID))];

const nquads = (qs: readonly Quad[]) => qs.map((q) => `${q.subject.value} ${q.predicate.value} ${q.object.termType}:${q.object.value} ${q.graph.value}`).sort();

describe('SHACL shapes', () => {
  let validator: Validator;
  let base: Quad[];
  beforeAll(async () => {
    validator = await Validator.load(minter);
    base = documentToQuads(fixtureDocument(), minter);
  });

  it('test/shapes/document.trig is the hand-made document as the mapping gives it (UPDATE_FIXTURES=1 rewrites it)', async () => {
    if (process.env.UPDATE_FIXTURES === '1') {
      const prefixes = { ...PREFIXES, kld: minter.ontology, id: `${minter.base}id/`, schema: 'https://schema.org/' };
      const text = await new Promise<string>((done, fail) => {
        const w = new Writer({ format: 'application/trig', prefixes });
        w.addQuads(base);
        w.end((err, out: string) => (err ? fail(err) : done(out)));
      });
      writeFileSync(
        DATA_FILE,
        `# The hand-made document (test/fixtures/document-model.ts) as src/rdf/mapping.ts maps it: the data graph\n# every case of test/shapes/*.ttl starts from. Regenerate with UPDATE_FIXTURES=1 npx vitest run test/shapes.test.ts.\n${text}`,
      );
      dataCache.delete(DATA_FILE);
    }
    expect(nquads(readData(DATA_FILE))).toEqual(nquads(base));
  });

  it('attributes violations to the document of the focus node', async () => {
    const report = await validator.validate(base.filter((q) => !(q.subject.equals(A1) && q.predicate.equals(kld.heading))));
    expect(report.violations.map((v) => [v.document, v.focusNode, v.path])).toEqual([[ID, A1.value, kld.heading.value]]);
  });

  it('checks every question of a paper without askers, not only the first 50 (no recursion counter on acyclic shapes)', async () => {
    // 60 more questions like the first one; no kld:askedBy anywhere and no kld:zaak: each block and question
    // fails kldsh:UnitAsked, whose second branch checks the paper (sh:node kldsh:QuestionsHeaderNotPrinted) again
    // for every one of them. rdf-validate-shacl's default stops checking a (node, shape) pair after 50 checks.
    const askedBy = kld.askedBy;
    const zaak = kld.zaak;
    const type = rdf('type');
    const questions = [...new Set(base.filter((q) => q.predicate.equals(type) && q.object.equals(kld.Question)).map((q) => q.subject.value))];
    const first = defined(questions[0], 'a question');
    const extra = Array.from({ length: 60 }, (_, i) =>
      base.filter((q) => q.subject.value === first && !q.predicate.equals(askedBy)).map((q) => quad(namedNode(`${first}-${i + 2}`), q.predicate, q.object, q.graph)),
    ).flat();
    const data = [...base.filter((q) => !q.predicate.equals(askedBy) && !q.predicate.equals(zaak)), ...extra];
    const report = await validator.validate(data);
    const unitAsked = new Set(report.violations.filter((v) => v.sourceShape === shape('UnitAsked')).map((v) => v.focusNode));
    for (const q of [...questions, ...extra.map((q) => q.subject.value)]) expect(unitAsked.has(q), q).toBe(true);
    expect(unitAsked.size).toBeGreaterThan(60);
  });

  it('the hand-made document conforms', async () => {
    const report = await validator.validate(base);
    expect(report.violations).toEqual([]);
    expect(report.conforms).toBe(true);
  });

  it('keeps every case: 204 entries in 14 manifests (the count of the TypeScript list they replaced; it never drops)', () => {
    expect(MANIFESTS.map((m) => basename(m))).toHaveLength(14);
    expect(ENTRIES.length).toBeGreaterThanOrEqual(204);
    expect(new Set(ENTRIES.map((e) => e.iri)).size).toBe(ENTRIES.length);
    for (const e of ENTRIES) expect(e.results.length, e.iri).toBeGreaterThan(0);
  });

  for (const manifest of [...new Set(ENTRIES.map((e) => e.manifest))]) {
    describe(manifest, () => {
      for (const entry of ENTRIES.filter((e) => e.manifest === manifest)) {
        it(entry.name, async () => {
          const report = await validator.validate(edited(entry, readData(entry.dataFile)));
          expect(report.conforms).toBe(false);
          for (const want of entry.results) {
            const match = (v: Violation) => v.sourceShape === want.sourceShape && v.focusNode === want.focusNode && v.path === want.path && (want.constraint === null || v.constraint === want.constraint);
            const found = report.violations.filter(match);
            if (found.length === 0) {
              expect.fail(
                `expected a violation of ${want.sourceShape} at <${want.focusNode}> (path ${want.path}), got:\n${report.violations.map((v) => `${v.sourceShape} <${v.focusNode}> ${v.path} ${v.constraint}`).join('\n')}`,
              );
            }
            expect(found[0]?.document).not.toBeNull();
          }
        });
      }
    });
  }

  it('every node shape and property shape of shapes/kamerstukken.ttl has a case', () => {
    const shapes = loadShapes(minter);
    // Property shapes, and node shapes with constraints of their own (a node shape that only
    // groups property shapes, like kldsh:Motion, is covered by the cases of those).
    const ownConstraints = [sh('pattern'), sh('closed'), sh('class'), sh('nodeKind'), sh('or')];
    const named = new Set<string>();
    for (const q of shapes) {
      if (q.subject.termType !== 'NamedNode') continue;
      if (q.predicate.equals(sh('path'))) named.add(q.subject.value);
      if (ownConstraints.some((p) => q.predicate.equals(p)) && !shapes.some((x) => x.subject.equals(q.subject) && x.predicate.equals(sh('path')))) {
        named.add(q.subject.value);
      }
    }
    expect(named.size).toBeGreaterThan(100);
    // Property shapes used only inside an sh:or (genre-dependent requirements) report as their outer node shape,
    // and so do those of a node shape without a target that is only used through sh:node (kldsh:QuestionsHeaderNotPrinted).
    const nodeOnly = new Set(shapes.filter((q) => q.predicate.equals(sh('node')) && q.object.termType === 'NamedNode').map((q) => q.object.value));
    for (const n of nodeOnly) if (shapes.some((q) => q.subject.value === n && q.predicate.equals(sh('targetClass')))) nodeOnly.delete(n);
    for (const q of shapes) {
      if (q.subject.termType === 'BlankNode' && q.predicate.equals(sh('property')) && q.object.termType === 'NamedNode') named.delete(q.object.value);
      if (nodeOnly.has(q.subject.value) && q.predicate.equals(sh('property')) && q.object.termType === 'NamedNode') named.delete(q.object.value);
    }
    const covered = new Set(ENTRIES.flatMap((e) => e.results.map((r) => r.sourceShape)));
    expect([...named].filter((s) => !covered.has(s)).sort()).toEqual([]);
    expect([...covered].filter((s) => !named.has(s)).sort()).toEqual([]);
  });

  it('names every property shape with an IRI (reports never point at blank-node shapes)', () => {
    const shapes = loadShapes(minter);
    const blankWithPath = shapes.filter((q) => q.predicate.equals(sh('path')) && q.subject.termType === 'BlankNode');
    expect(blankWithPath).toEqual([]);
  });

  it('follows the base: the same data under another base conforms there, and fails the default shapes', async () => {
    const other = new IriMinter('https://data.example.org/kst/');
    const theirs = await Validator.load(other);
    const quads = documentToQuads(fixtureDocument(), other);
    expect((await theirs.validate(quads)).violations).toEqual([]);
    // Under the default base's shapes, nodes of shared classes (ELI expressions and manifestations, ORG memberships
    // and posts, periods, Web Annotation resources and selectors, PROV activities and agents) have IRIs outside our
    // base, and what must point at nodes of ours (kld:Document, kld:Person, kld:SourceText …) points elsewhere.
    const mine = await validator.validate(quads);
    expect(mine.conforms).toBe(false);
    expect(new Set(mine.violations.map((v) => v.sourceShape))).toEqual(
      new Set(
        [
          'Expression',
          'Expression-realizes',
          'ExpressionEmbodied',
          'Extraction',
          'Extraction-used',
          'Manifestation',
          'Membership',
          'Membership-member',
          'Membership-organization',
          'PeriodOfTime',
          'Post',
          'Post-heldBy',
          'Post-postIn',
          'SoftwareAgent',
          'SpecificResource',
          'SpecificResource-hasSource',
          'TextPositionSelector',
          'TextQuoteSelector',
        ].map(shape),
      ),
    );
    // An IRI of another base in a value position of ours is caught by the patterns.
    const foreign = await validator.validate(replace(D, kld.officialPublication, namedNode('https://data.example.org/kst/id/kst-26150-999'))(base));
    expect(foreign.violations.map((v) => v.sourceShape)).toContain(shape('Document-officialPublication'));
    expect(expandPattern('^{BASE}id/{DOC}$', other)).toBe(
      '^https://data\\.example\\.org/kst/id/((kst-[0-9]+(-[0-9A-Z]+)?-([0-9]+|[A-Z]+)|ah-(tk|ek)-[0-9]{8}-[0-9]+|kv-tk-[0-9]{4}Z[0-9]{5}|nds-tk-[0-9]{4}D[0-9]{5})|provisional-[0-9a-f]{12})$',
    );
  });

  it('refuses an unknown placeholder in a pattern', () => {
    expect(() => expandPattern('^{BASE}id/{NOPE}$', minter)).toThrow(/unknown placeholder \{NOPE\}/);
  });
});
