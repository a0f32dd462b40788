/**
 * Validation against the vendored official shapes (vendor/, see vendor/README.md) with
 * rdf-validate-shacl, as the profiles' own setups run them: the shapes files merged into one
 * shapes graph (a profile spreads one shape over several files), their owl:imports of
 * network resources dropped (the vocabularies they import are stubbed by the caller).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Quad } from '@rdfjs/types';
import { DataFactory, Parser, Store } from 'n3';
import SHACLValidator from 'rdf-validate-shacl';

const repoRoot = path.resolve(import.meta.dirname, '..');
const OWL_IMPORTS = 'http://www.w3.org/2002/07/owl#imports';

export function parseTurtleFile(file: string): Quad[] {
  const full = path.resolve(repoRoot, file);
  return new Parser({ baseIRI: `file://${full}` }).parse(readFileSync(full, 'utf8'));
}

export interface Finding {
  severity: string;
  focus: string;
  path: string;
  value: string;
  shape: string;
  message: string;
}

export function shapesGraph(files: readonly string[]): Store {
  return new Store(files.flatMap(parseTurtleFile).filter((q) => q.predicate.value !== OWL_IMPORTS));
}

/**
 * RDFS entailment rule rdfs4b: every IRI in object position is an rdfs:Resource. DCAT-AP's
 * generated shapes give some IRI-valued properties (endpointURL, and in 3.0.0 accessURL,
 * downloadURL) the class range rdfs:Resource, which holds under RDFS entailment only. `predicates` limits it to
 * the objects of those properties (where a shape also counts rdf:type values).
 */
export function rdfsResources(data: readonly Quad[], predicates?: readonly string[]): Quad[] {
  const type = DataFactory.namedNode('http://www.w3.org/1999/02/22-rdf-syntax-ns#type');
  const resource = DataFactory.namedNode('http://www.w3.org/2000/01/rdf-schema#Resource');
  const iris = new Set(data.filter((q) => q.object.termType === 'NamedNode' && (predicates === undefined || predicates.includes(q.predicate.value))).map((q) => q.object.value));
  return [...iris].map((iri) => DataFactory.quad(DataFactory.namedNode(iri), type, resource));
}

export async function validateWith(shapes: Store, data: readonly Quad[]): Promise<Finding[]> {
  const validator = new SHACLValidator(shapes);
  const report = await validator.validate(new Store([...data]));
  return report.results
    .map((r) => ({
      severity: r.severity?.value.replace(/.*#/, '') ?? '?',
      focus: r.focusNode?.value ?? '',
      path: r.path?.value ?? '',
      value: r.value?.value ?? '',
      shape: r.sourceShape?.termType === 'NamedNode' ? r.sourceShape.value : `[${r.sourceConstraintComponent?.value.replace(/.*#/, '') ?? ''}]`,
      message: r.message.map((m) => m.value).join('; '),
    }))
    .sort((x, y) => `${x.focus} ${x.path} ${x.shape}`.localeCompare(`${y.focus} ${y.path} ${y.shape}`));
}

export const line = (f: Finding): string => `${f.severity} <${f.focus}> ${f.path ? `<${f.path}> ` : ''}${f.message}${f.value ? ` (value ${f.value})` : ''} [${f.shape}]`;
