/**
 * The kld ontology (ontology/kamerstukken.ttl). Its own IRIs are relative to the
 * dataset base, so it is parsed with the minter's base and moves with it.
 */
import { readFileSync } from 'node:fs';
import type { Quad } from '@rdfjs/types';
import { Parser } from 'n3';
import type { IriMinter } from './iris.js';
import { packageFile } from '../package.js';
import { owl, rdf, rdfs, skos } from './vocab.js';

export const ONTOLOGY_FILE = 'ontology/kamerstukken.ttl';

/** Parse a Turtle file of the package with the minter's base; parse errors name the file and line. */
export function loadTurtle(relative: string, minter: IriMinter): Quad[] {
  const file = packageFile(relative);
  const text = readFileSync(file, 'utf8');
  try {
    return new Parser({ baseIRI: minter.base, format: 'text/turtle' }).parse(text);
  } catch (err) {
    throw new Error(`${relative}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
}

/** All triples of the ontology (default graph), with our IRIs under minter.base. */
export function loadOntology(minter: IriMinter): Quad[] {
  return loadTurtle(ONTOLOGY_FILE, minter);
}

/** The kinds of our terms, as the ontology declares them. */
export const TERM_KINDS: readonly string[] = [owl.Class, owl.ObjectProperty, owl.DatatypeProperty, owl.NamedIndividual, skos.ConceptScheme].map((t) => t.value);

/**
 * What is wrong with an ontology: every term of our namespace must be declared
 * (class, property, individual or scheme) and carry exactly one rdfs:label and
 * one rdfs:comment in Dutch and in English; every term of ours that is used
 * must be declared. Returns readable problems, [] when all is well.
 */
export function ontologyProblems(quads: readonly Quad[], minter: IriMinter): string[] {
  const ns = minter.ontology;
  const ours = (iri: string) => iri.startsWith(ns) && iri.length > ns.length;
  const problems: string[] = [];
  const declared = new Set(quads.filter((q) => q.predicate.equals(rdf.type) && TERM_KINDS.includes(q.object.value) && ours(q.subject.value)).map((q) => q.subject.value));
  const mentioned = new Set<string>();
  for (const q of quads) for (const t of [q.subject, q.predicate, q.object]) if (t.termType === 'NamedNode' && ours(t.value)) mentioned.add(t.value);
  for (const term of [...mentioned].sort()) {
    const name = `kld:${term.slice(ns.length)}`;
    if (!declared.has(term)) {
      problems.push(`${name} is used but not declared as a class, property, individual or concept scheme`);
      continue;
    }
    for (const p of ['label', 'comment'] as const) {
      for (const lang of ['nl', 'en']) {
        const n = quads.filter((q) => q.subject.value === term && q.predicate.equals(rdfs[p]) && q.object.termType === 'Literal' && q.object.language === lang).length;
        if (n !== 1) problems.push(`${name} has ${n} rdfs:${p} in @${lang} (expected 1)`);
      }
    }
  }
  return problems;
}
