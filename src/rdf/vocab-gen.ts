/**
 * Writes src/rdf/vocab.generated.ts from the ontology: every term ontology/kamerstukken.ttl declares
 * (class, property, individual, concept scheme), sorted, so that IriMinter.kld and IriMinter.term accept
 * exactly those names at compile time. `npm run vocab` regenerates the file; test/vocab.test.ts fails
 * when it is stale. No dates, no absolute paths: the same ontology gives the same file.
 */
import type { Quad } from '@rdfjs/types';
import { IriMinter } from './iris.js';
import { loadOntology, ONTOLOGY_FILE, TERM_KINDS } from './ontology.js';
import { rdf } from './vocab.js';

export const VOCAB_GENERATED_FILE = 'src/rdf/vocab.generated.ts';

/** The local names of the terms the ontology declares, sorted by code point. */
export function declaredTerms(quads: readonly Quad[], ontology: string): string[] {
  const names = new Set<string>();
  for (const q of quads) {
    if (!q.predicate.equals(rdf.type) || !TERM_KINDS.includes(q.object.value)) continue;
    const iri = q.subject.value;
    if (!iri.startsWith(ontology) || iri.length === ontology.length) continue;
    const local = iri.slice(ontology.length);
    // A name that is no JavaScript identifier could not be a property (kld.Name); refuse it here rather than quote it.
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(local)) throw new Error(`${ONTOLOGY_FILE}: kld:${local} is not a plain name (letters, digits, _)`);
    names.add(local);
  }
  return [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The text of src/rdf/vocab.generated.ts (Prettier-formatted as it stands). */
export function vocabSource(minter: IriMinter = new IriMinter()): string {
  const terms = declaredTerms(loadOntology(minter), minter.ontology);
  return [
    `// Generated from ${ONTOLOGY_FILE} by src/rdf/vocab-gen.ts (npm run vocab); do not edit by hand.`,
    '',
    '/** Every term the kld ontology declares (classes, properties, individuals, concept schemes), sorted. */',
    'export const KLD_TERMS = [',
    ...terms.map((t) => `  '${t}',`),
    '] as const;',
    '',
    '/** The local name of a kld term: a name the ontology does not declare is not of this type. */',
    'export type KldTerm = (typeof KLD_TERMS)[number];',
    '',
  ].join('\n');
}
