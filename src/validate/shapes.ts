/**
 * The SHACL shapes (shapes/kamerstukken.ttl), with the {BASE}/{DOC}/… placeholders
 * of their sh:pattern values expanded for a minter's base (see the file header).
 */
import type { Quad } from '@rdfjs/types';
import { DataFactory } from 'n3';
import type { IriMinter } from '../rdf/iris.js';
import { loadTurtle } from '../rdf/ontology.js';
import { sh } from '../rdf/vocab.js';

export const SHAPES_FILE = 'shapes/kamerstukken.ttl';

const DOSSIER = '[0-9]+(-[0-9A-Z]+)?';
const KST = `kst-${DOSSIER}-([0-9]+|[A-Z]+)`;
const AH = 'ah-(tk|ek)-[0-9]{8}-[0-9]+';
const H = 'h-(tk|ek)-[0-9]{8}-[0-9]+(-[0-9]+)*';
const OFFICIAL_DOC = `(${KST}|${AH}|kv-tk-[0-9]{4}Z[0-9]{5}|nds-tk-[0-9]{4}D[0-9]{5})`;
const PROVISIONAL = 'provisional-[0-9a-f]{12}';

/** Regular expressions for the official ids, as used in the shapes (unanchored). */
export const ID_PATTERNS: Readonly<Record<string, string>> = {
  DOSSIER,
  KST,
  AH,
  H,
  TKD: '[0-9]{4}D[0-9]{5}',
  TKZ: '[0-9]{4}Z[0-9]{5}',
  // Papers of the corpus with an official id: Kamerstukken, Aanhangsel, Kamervragen as submitted (kv-tk-{zaak}), non-dossier papers (nds-tk-{documentnummer}).
  OFFICIAL: OFFICIAL_DOC,
  // A provisional id minted from the content when the paper names none (src/ingest/index.ts): no official address.
  PROVISIONAL,
  // Any paper of the corpus.
  DOC: `(${OFFICIAL_DOC}|${PROVISIONAL})`,
};

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Expand the placeholders of one pattern; an unknown placeholder is an error in the shapes file. */
export function expandPattern(pattern: string, minter: IriMinter): string {
  return pattern.replace(/\{([A-Z]+)\}/g, (whole, name: string) => {
    if (name === 'BASE') return escapeRegExp(minter.base);
    const value = ID_PATTERNS[name];
    if (value === undefined) throw new Error(`${SHAPES_FILE}: unknown placeholder ${whole} in sh:pattern "${pattern}"`);
    return value;
  });
}

/** The shapes as standard SHACL for this base (what the validator uses, and what may be published). */
export function loadShapes(minter: IriMinter): Quad[] {
  const pattern = sh('pattern');
  return loadTurtle(SHAPES_FILE, minter).map((q) =>
    q.predicate.equals(pattern) && q.object.termType === 'Literal' ? DataFactory.quad(q.subject, q.predicate, DataFactory.literal(expandPattern(q.object.value, minter)), q.graph) : q,
  );
}
