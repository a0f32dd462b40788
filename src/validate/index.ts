/**
 * SHACL validation of the mapped data with rdf-validate-shacl.
 *
 * The shapes are loaded once (Validator.load) and the engine reused per document,
 * through rdf-validate-shacl's public API only (its validate() resets the report):
 * validation cost grows faster than linearly with graph size, and a document's
 * graph (a few thousand triples) is the natural unit. Each data graph is
 * validated together with the ontology's rdfs:subClassOf triples, so that
 * sh:class / sh:targetClass follow the class hierarchy (kld:Minister ⊑ kld:Person).
 *
 * A report comes in three forms: typed Violation objects for code, RDF
 * (reportQuads, blank nodes skolemised so the file is deterministic) for the
 * record, and text (formatReport) for people.
 */
import { createHash } from 'node:crypto';
import type { Literal, Quad, Term } from '@rdfjs/types';
import { DataFactory, Store } from 'n3';
import SHACLValidator from 'rdf-validate-shacl';
import type { IriMinter } from '../rdf/iris.js';
import { Gazetteer } from '../extract/gazetteer.js';
import { loadOntology } from '../rdf/ontology.js';
import { dcterms, rdf, rdfs, sh, xsd } from '../rdf/vocab.js';
import { IndexedDataset, validationEnvironment } from './dataset.js';
import { loadShapes } from './shapes.js';

export interface Violation {
  /** Official id of the document the focus node belongs to, when known. */
  document: string | null;
  focusNode: string;
  /** The property path (an IRI), or null for node-level constraints. */
  path: string | null;
  /** The offending value (IRI or literal lexical form), when there is one. */
  value: string | null;
  message: string;
  /** Local name of the severity: Violation, Warning, Info. */
  severity: string;
  sourceShape: string;
  /** The SHACL constraint component that failed (sh:MinCountConstraintComponent …). */
  constraint: string;
}

export interface ValidationReport {
  conforms: boolean;
  violations: Violation[];
  reportQuads: Quad[];
}

const { quad, literal, namedNode } = DataFactory;
const SH = sh.iri;

function localName(iri: string): string {
  return iri.startsWith(SH) ? iri.slice(SH.length) : iri;
}

function termText(term: Term | null): string | null {
  if (term === null) return null;
  return term.termType === 'BlankNode' ? `_:${term.value}` : term.value;
}

function hash(parts: readonly (string | null)[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 32);
}

/** One result of rdf-validate-shacl's report, as its public `validate()` returns it. */
type ValidationResult = Awaited<ReturnType<SHACLValidator['validate']>>['results'][number];

export class Validator {
  private constructor(
    private readonly minter: IriMinter,
    private readonly engine: SHACLValidator,
    private readonly hierarchy: readonly Quad[],
    private readonly shapesStore: Store,
    private readonly background: ReadonlyMap<string, readonly Quad[]>,
  ) {}

  /**
   * Parse and compile the shapes and read the class hierarchy, once. `gazetteer`: the quads of the gazetteer
   * graph (default: ontology/gazetteer.ttl). A paper's graph points at gazetteer concepts without repeating
   * their facts, so the types of the concepts a graph points at are added to it for validation (sh:class).
   */
  static async load(minter: IriMinter, gazetteer: readonly Quad[] = Gazetteer.load(minter).quads()): Promise<Validator> {
    const shapes = loadShapes(minter);
    // The engine is built once and its validate() reused, which resets the report per call.
    const shapesStore = new Store(shapes);
    const engine = new SHACLValidator(shapesStore, engineOptions(shapesStore));
    const subClassOf = rdfs('subClassOf');
    const hierarchy = loadOntology(minter).filter((q) => q.predicate.equals(subClassOf) && q.object.termType === 'NamedNode');
    const background = new Map<string, Quad[]>();
    for (const q of gazetteer) {
      if (!q.predicate.equals(rdf('type')) || q.subject.termType !== 'NamedNode') continue;
      const list = background.get(q.subject.value);
      if (list === undefined) background.set(q.subject.value, [q]);
      else list.push(q);
    }
    return new Validator(minter, engine, hierarchy, shapesStore, background);
  }

  /**
   * Validate one data graph (usually one document's quads; graph names are ignored,
   * all quads form the data graph).
   */
  async validate(quads: Iterable<Quad>): Promise<ValidationReport> {
    const data = [...quads];
    // In the default graph, indexed once; matches are arrays (./dataset.ts says why).
    const dataset = new IndexedDataset();
    const inDefault = (q: Quad): Quad => (q.graph.termType === 'DefaultGraph' ? q : quad(q.subject, q.predicate, q.object));
    for (const q of data) dataset.add(inDefault(q));
    for (const q of this.hierarchy) dataset.add(inDefault(q));
    const pointedAt = new Set<string>();
    for (const q of data) if (q.object.termType === 'NamedNode') pointedAt.add(q.object.value);
    for (const iri of pointedAt) for (const t of this.background.get(iri) ?? []) dataset.add(inDefault(t));
    const { results } = await this.engine.validate(dataset);

    const documents = documentsOf(data, this.minter);
    const found = results.map((r) => toFinding(r, documents, (t) => renderPath(t, this.shapesStore))).sort((x, y) => compareViolations(x.violation, y.violation));
    const unique = found.filter((f, i) => {
      const prev = found[i - 1];
      return prev === undefined || compareViolations(f.violation, prev.violation) !== 0;
    });
    const graphs = [...new Set(data.map((q) => q.graph.value))].sort();
    return {
      conforms: unique.length === 0,
      violations: unique.map((f) => f.violation),
      reportQuads: this.reportQuads(unique, graphs),
    };
  }

  /** The report as RDF: skolem IRIs instead of blank nodes, sorted, default graph. */
  private reportQuads(findings: readonly Finding[], graphs: readonly string[]): Quad[] {
    const report = this.minter.skolem(`shacl-report-${hash(graphs)}`);
    const out: Quad[] = [quad(report, rdf('type'), sh('ValidationReport')), quad(report, sh('conforms'), literal(String(findings.length === 0), xsd('boolean')))];
    // Which data graph (document) this report is about.
    for (const g of graphs) if (g !== '') out.push(quad(report, dcterms('subject'), namedNode(g)));
    for (const { violation: v, value } of findings) {
      const r = this.minter.skolem(`shacl-result-${hash([v.focusNode, v.path, v.sourceShape, v.constraint, v.value])}`);
      out.push(
        quad(report, sh('result'), r),
        quad(r, rdf('type'), sh('ValidationResult')),
        quad(r, sh('focusNode'), iriOrLiteral(v.focusNode)),
        quad(r, sh('resultSeverity'), namedNode(`${SH}${v.severity}`)),
        quad(r, sh('sourceConstraintComponent'), namedNode(v.constraint)),
        quad(r, sh('resultMessage'), literal(v.message)),
      );
      if (!v.sourceShape.startsWith('_:')) out.push(quad(r, sh('sourceShape'), namedNode(v.sourceShape)));
      // A complex path is named in the message text; sh:resultPath holds plain property paths only.
      if (v.path !== null && /^[a-z][a-z0-9+.-]*:/i.test(v.path) && !v.path.startsWith('_:')) out.push(quad(r, sh('resultPath'), namedNode(v.path)));
      if (value !== null) out.push(quad(r, sh('value'), value));
    }
    return out.sort(compareQuads);
  }
}

/**
 * The engine's options: our datasets (./dataset.ts), and no recursion counter when no shape refers back to itself.
 * The engine counts every check of a (focus node, shape) pair, keyed by JSON.stringify of both terms, to stop
 * recursive shapes after 50 checks (its ValidationEngine's maxNodeChecks, passed on by the constructor); profiled,
 * that key was a third of the validation time. Its side effect is a wrong answer on acyclic shapes: the 51st check
 * of a pair passes unchecked (e.g. the paper behind the 51st question of a paper without askers, through
 * kldsh:Unit-paperNotPrinted's sh:node). So: off for acyclic shapes (ours), the engine's default otherwise.
 */
function engineOptions(shapes: Store): ConstructorParameters<typeof SHACLValidator>[1] {
  const options = { factory: validationEnvironment, maxNodeChecks: shapesRefer(shapes) ? 50 : 0 };
  return options;
}

/** Does a shape lead back to itself through the shapes graph (sh:node, sh:property, sh:or lists …)? */
function shapesRefer(shapes: Store): boolean {
  const next = (t: Term): Term[] => (t.termType === 'Literal' ? [] : shapes.getQuads(t, null, null, null).map((q) => q.object));
  const state = new Map<string, 'open' | 'done'>();
  const cyclic = (t: Term): boolean => {
    const key = `${t.termType}:${t.value}`;
    const seen = state.get(key);
    if (seen !== undefined) return seen === 'open';
    state.set(key, 'open');
    // sh:path and sh:in lists lead to data terms, not shapes: they are walked too, harmlessly (no cycles there).
    for (const o of next(t)) if (o.termType !== 'Literal' && cyclic(o)) return true;
    state.set(key, 'done');
    return false;
  };
  return shapes.getSubjects(null, null, null).some((s) => cyclic(s));
}

/** A violation with the value's RDF term kept for the RDF report (blank node values, absent from our data, are text only). */
interface Finding {
  violation: Violation;
  value: Quad['object'] | null;
}

function iriOrLiteral(value: string): Quad['object'] {
  return /^[a-z][a-z0-9+.-]*:/i.test(value) && !value.startsWith('_:') ? namedNode(value) : literal(value);
}

/**
 * A property path as SPARQL writes it, so that a report names the path of a shape whose path
 * is not one property: "^<…#answers>", "<…#citedPaper>/<…/identifier>". A plain IRI stays itself.
 */
export function renderPath(term: Term | null, shapes: Store): string | null {
  if (term === null) return null;
  if (term.termType !== 'BlankNode') return term.value;
  const one = (p: Quad['predicate']) => shapes.getQuads(term, p, null, null)[0]?.object ?? null;
  const wrap = (t: Term): string => {
    const inner = renderPath(t, shapes) ?? '';
    return t.termType === 'NamedNode' ? `<${inner}>` : `(${inner})`;
  };
  const inverse = one(sh('inversePath'));
  if (inverse !== null) return `^${wrap(inverse)}`;
  const parts: string[] = [];
  let node: Term | null = term;
  for (let guard = 0; node !== null && node.termType === 'BlankNode' && guard < 64; guard++) {
    const first = shapes.getQuads(node, rdf('first'), null, null)[0]?.object;
    if (first === undefined) break;
    parts.push(wrap(first));
    node = shapes.getQuads(node, rdf('rest'), null, null)[0]?.object ?? null;
  }
  return parts.length > 0 ? parts.join('/') : `_:${term.value}`;
}

function toFinding(r: ValidationResult, documents: readonly DocumentIri[], pathText: (t: Term | null) => string | null): Finding {
  const focus = termText(r.focusNode) ?? '';
  const value = r.value;
  const messages = (r.message as Literal[]).map((m) => m.value).sort();
  const constraint = r.sourceConstraintComponent?.value ?? '';
  const violation: Violation = {
    document: documentOf(focus, documents),
    focusNode: focus,
    path: pathText(r.path),
    value: termText(value),
    message: messages.length > 0 ? messages.join('; ') : localName(constraint),
    severity: localName(r.severity?.value ?? `${SH}Violation`),
    sourceShape: termText(r.sourceShape) ?? '',
    constraint,
  };
  const term = value !== null && (value.termType === 'NamedNode' || value.termType === 'Literal') ? value : null;
  return { violation, value: term };
}

interface DocumentIri {
  id: string;
  iri: string;
}

/** The documents in the data: subjects typed kld:Document, with their dcterms:identifier. */
function documentsOf(data: readonly Quad[], minter: IriMinter): DocumentIri[] {
  const type = rdf('type');
  const cls = minter.term('Document');
  const identifier = dcterms('identifier');
  const docs = new Set(data.filter((q) => q.predicate.equals(type) && q.object.equals(cls)).map((q) => q.subject.value));
  const found: DocumentIri[] = [];
  for (const q of data) {
    if (q.predicate.equals(identifier) && docs.has(q.subject.value)) found.push({ id: q.object.value, iri: q.subject.value });
  }
  return found.sort((x, y) => y.iri.length - x.iri.length || x.iri.localeCompare(y.iri));
}

/** The document a node belongs to: its own IRI or one beneath it (…/antwoord/8, …/antwoord/8#bron). */
function documentOf(focus: string, documents: readonly DocumentIri[]): string | null {
  for (const d of documents) {
    if (focus === d.iri || focus.startsWith(`${d.iri}/`) || focus.startsWith(`${d.iri}#`)) return d.id;
  }
  const [only] = documents;
  return only !== undefined && documents.length === 1 ? only.id : null;
}

function compareViolations(a: Violation, b: Violation): number {
  const keys: (keyof Violation)[] = ['document', 'focusNode', 'path', 'sourceShape', 'constraint', 'value', 'message'];
  for (const k of keys) {
    const x = String(a[k] ?? '');
    const y = String(b[k] ?? '');
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

function quadKey(q: Quad): string {
  const o = q.object;
  const obj = o.termType === 'Literal' ? `"${o.value}"@${o.language}^^${o.datatype.value}` : `<${o.value}>`;
  return `${q.subject.value} ${q.predicate.value} ${obj}`;
}

function compareQuads(a: Quad, b: Quad): number {
  const x = quadKey(a);
  const y = quadKey(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * The report for people: one paragraph per violation, grouped by document,
 * naming the focus node IRI, the path, the value and the message.
 */
export function formatReport(report: ValidationReport): string {
  if (report.conforms) return 'SHACL validation: conforms (0 violations).';
  const lines = [`SHACL validation: ${report.violations.length} violation${report.violations.length === 1 ? '' : 's'}.`];
  let current: string | null | undefined;
  for (const v of report.violations) {
    if (v.document !== current) {
      current = v.document;
      lines.push('', `document ${v.document ?? '(unknown)'}:`);
    }
    lines.push(`  ${v.severity}: <${v.focusNode}>`);
    if (v.path !== null) lines.push(`    path:    ${/^[\^(<]/.test(v.path) ? v.path : `<${v.path}>`}`);
    if (v.value !== null) lines.push(`    value:   ${v.value.length > 120 ? `${v.value.slice(0, 117)}...` : v.value}`);
    lines.push(`    message: ${v.message}`);
    lines.push(`    shape:   <${v.sourceShape}> (${localName(v.constraint)})`);
  }
  return lines.join('\n');
}
