/**
 * One document's graph as a JSON-LD tree, framed around the document:
 *
 *   document → blocks → questions / answers → citations, mentions, footnotes …
 *
 * Nodes the document owns (IRIs under the document's own IRI: blocks,
 * questions, answers, footnotes, citations, mentions, selectors) are nested
 * once, breadth-first from the document, along the containment properties of
 * `documentTree` (block → kld:hasQuestion → question, answer → kld:citation →
 * citation); blocks, which only say kld:partOf the document, are nested
 * backwards under the document's reverse term "hasPart". Other links
 * (kld:answers, kld:refersToAnswer, kld:inFootnote) stay references by "id". Shared nodes described in the graph (dossier, factions, cited
 * papers) stand once in "included" (JSON-LD 1.1 @included) and are referred to
 * by "id" elsewhere. Owned nodes not reachable from the document also go to
 * "included", so nothing of the graph is lost: converting the file back to RDF
 * gives exactly the document's triples.
 *
 * This is hand-rolled nesting over the expanded form followed by compaction
 * (./jsonld-compact.ts, checked against jsonld.js's, which it falls back to), rather than jsonld.frame: framing is far slower (83 s at 1M
 * triples for the whole corpus) and embeds by match order, not by ownership.
 */
import type { Literal, Quad } from '@rdfjs/types';
import jsonld, { type JsonLdObject, type JsonLdValue } from 'jsonld';
import type { IriMinter, KldTerm } from '../rdf/iris.js';
import { dcterms, eli, oa, rdf, xsd } from '../rdf/vocab.js';
import { compareNatural, compareStrings } from './nquads.js';
import type { JsonLdContextDocument } from './context.js';
import { compactorFor } from './jsonld-compact.js';

export type ExpandedValue = { '@id': string } | { '@value': string | number | boolean; '@language'?: string; '@type'?: string };
interface ExpandedNode {
  '@id': string;
  '@type'?: string[];
  [predicate: string]: ExpandedValue[] | string | string[] | undefined;
}

/**
 * Integers and booleans in canonical form become JSON numbers and booleans
 * (they convert back to the very same literal); everything else keeps its
 * lexical form and datatype.
 */
export function literalValue(l: Literal): ExpandedValue {
  if (l.language) return { '@value': l.value, '@language': l.language };
  const dt = l.datatype.value;
  if (dt === xsd('string').value) return { '@value': l.value };
  if (dt === xsd('integer').value && /^(?:0|-?[1-9][0-9]{0,14})$/.test(l.value)) return { '@value': Number(l.value) };
  // Other integer types (offsets, positions and counts are xsd:nonNegativeInteger) are JSON numbers too, with
  // their datatype: the context coerces the term to it, and toRDF writes the number back in canonical form.
  if (NUMERIC.has(dt) && /^(?:0|-?[1-9][0-9]{0,14})$/.test(l.value)) return { '@value': Number(l.value), '@type': dt };
  if (dt === xsd('boolean').value && (l.value === 'true' || l.value === 'false')) return { '@value': l.value === 'true' };
  return { '@value': l.value, '@type': dt };
}

const NUMERIC = new Set((['nonNegativeInteger', 'positiveInteger', 'int', 'long', 'short', 'unsignedInt', 'unsignedLong', 'unsignedShort'] as const).map((t) => xsd(t).value));

function isRef(v: ExpandedValue): v is { '@id': string } {
  return '@id' in v;
}

/** Values in reading order: references by their IRI with numbers as numbers (blok/2 before blok/10), then literals. */
function sortValues(values: readonly ExpandedValue[]): ExpandedValue[] {
  const key = (v: ExpandedValue): string => (isRef(v) ? v['@id'] : `\uffff${JSON.stringify(v)}`);
  return [...values].sort((a, b) => compareNatural(key(a), key(b)));
}

/** Expanded node objects of a set of triples (graph names are ignored: one file holds one graph). */
function nodesOf(quads: readonly Quad[]): Map<string, ExpandedNode> {
  const nodes = new Map<string, ExpandedNode>();
  for (const q of quads) {
    const s = q.subject.value;
    let node = nodes.get(s);
    if (!node) nodes.set(s, (node = { '@id': s }));
    if (q.predicate.equals(rdf('type')) && q.object.termType === 'NamedNode') {
      (node['@type'] ??= []).push(q.object.value);
      continue;
    }
    const value: ExpandedValue = q.object.termType === 'Literal' ? literalValue(q.object) : { '@id': q.object.value };
    const list = (node[q.predicate.value] ??= []) as ExpandedValue[];
    list.push(value);
  }
  return nodes;
}

/**
 * The shape of the tree: properties that lead from a whole to its parts
 * ("down": a block's kld:hasQuestion, an answer's kld:citation …) and
 * properties that lead from a part to its whole ("up": kld:partOf), used
 * backwards for parts no "down" property reaches.
 */
export interface DocumentTree {
  down: ReadonlySet<string>;
  up: ReadonlySet<string>;
}

/** The tree the dumps use: document → blocks → questions / answers → citations, mentions, cross-references, footnotes → selectors. */
export function documentTree(minter: IriMinter): DocumentTree {
  const kld = (local: KldTerm): string => minter.term(local).value;
  return {
    down: new Set([
      kld('hasQuestion'),
      kld('hasAnswer'),
      kld('citation'),
      kld('mention'),
      kld('crossReference'),
      kld('footnote'),
      // Places in the published text and their selectors.
      dcterms('source').value,
      kld('questionSource'),
      kld('markerSource'),
      oa('hasSelector').value,
      // The paper's Dutch expression and its official files (ELI).
      eli('is_realized_by').value,
      eli('is_embodied_by').value,
    ]),
    up: new Set([kld('partOf')]),
  };
}

export interface FramedDocument {
  /** The JSON-LD object, its "@context" the context's IRI. */
  json: JsonLdObject;
  /** Serialised, 2-space indented, with a final newline. */
  text: string;
}

/** Key order in the output: id and type first, then terms, "included" last. */
function orderKeys(value: JsonLdValue, includedKey: string): JsonLdValue {
  if (Array.isArray(value)) return value.map((v) => orderKeys(v, includedKey));
  if (value === null || typeof value !== 'object') return value;
  const rank = (k: string): number => (k === '@context' ? 0 : k === 'id' || k === '@id' ? 1 : k === 'type' || k === '@type' ? 2 : k === includedKey ? 4 : 3);
  const out: JsonLdObject = {};
  for (const k of Object.keys(value).sort((a, b) => rank(a) - rank(b) || compareStrings(a, b))) {
    let v = orderKeys(value[k] as JsonLdValue, includedKey);
    if (k === includedKey && !Array.isArray(v)) v = [v];
    out[k] = v;
  }
  return out;
}

/** Where each node of a document goes in its JSON-LD tree: embedded forwards, embedded backwards (@reverse), or neither. */
interface Placement {
  /** Parent id → "predicate\0child" of the children embedded forwards. */
  forward: Map<string, Set<string>>;
  /** Parent id → predicate → ids of the children embedded backwards. */
  reverse: Map<string, Map<string, string[]>>;
  /** The nodes embedded somewhere (the root included); the others go under "@included". */
  placed: Set<string>;
}

/**
 * Frame one document's triples around the document node and compact them with the published context, in three
 * stages: where each node goes (placeNodes), the tree in expanded form (renderNode), compaction and key order.
 *
 * @example
 *   const { text } = await frameDocument(quads, minter.document('kst-26150-187').value, ctx, minter.context().value);
 */
export async function frameDocument(quads: readonly Quad[], rootIri: string, context: JsonLdContextDocument, contextIri: string, tree: DocumentTree): Promise<FramedDocument> {
  const top = expandedTree(quads, rootIri, tree);
  const compacted = compactorFor(context)?.compact(top) ?? (await compactWithJsonld(top, context));
  compacted['@context'] = contextIri;
  const includedKey = Object.entries(context['@context']).find(([, v]) => v === '@included')?.[0] ?? '@included';
  const json = orderKeys(compacted, includedKey) as JsonLdObject;
  return { json, text: `${JSON.stringify(json, null, 2)}\n` };
}

/** The document's tree in expanded form, before compaction (placeNodes, renderNode). */
export function expandedTree(quads: readonly Quad[], rootIri: string, tree: DocumentTree): JsonLdObject {
  const nodes = nodesOf(quads);
  if (!nodes.has(rootIri)) throw new Error(`cannot frame ${rootIri}: the graph has no triple about it`);
  const placement = placeNodes(nodes, rootIri, tree);
  const top = renderNode(nodes, placement, rootIri);
  const included = [...nodes.keys()]
    .filter((id) => id !== rootIri && !placement.placed.has(id))
    .sort(compareNatural)
    .map((id) => renderNode(nodes, placement, id));
  if (included.length > 0) top['@included'] = included;
  return top;
}

/** jsonld.js's compaction of an expanded tree: the reference that ./jsonld-compact.ts follows, and its fallback. */
export async function compactWithJsonld(top: JsonLdObject, context: JsonLdContextDocument): Promise<JsonLdObject> {
  return jsonld.compact([top], context as unknown as JsonLdValue, { skipExpansion: true, compactToRelative: false });
}

/** Object IRI → the (subject, predicate) pairs that point to it, for child → parent links. */
function incomingLinks(nodes: ReadonlyMap<string, ExpandedNode>): Map<string, [string, string][]> {
  const incoming = new Map<string, [string, string][]>();
  for (const node of nodes.values()) {
    for (const [p, values] of Object.entries(node)) {
      if (p.startsWith('@') || !Array.isArray(values)) continue;
      for (const v of values as ExpandedValue[]) {
        if (!isRef(v)) continue;
        let list = incoming.get(v['@id']);
        if (!list) incoming.set(v['@id'], (list = []));
        list.push([node['@id'], p]);
      }
    }
  }
  return incoming;
}

/** A node's links to other nodes, by predicate then value, as [predicate, target]. */
function outgoingLinks(nodes: ReadonlyMap<string, ExpandedNode>, id: string): [string, string][] {
  const node = nodes.get(id) ?? { '@id': id };
  const out: [string, string][] = [];
  for (const p of Object.keys(node)
    .filter((k) => !k.startsWith('@'))
    .sort(compareStrings)) {
    for (const v of sortValues(node[p] as ExpandedValue[])) if (isRef(v)) out.push([p, v['@id']]);
  }
  return out;
}

/**
 * Where each node of the document goes: 1. the containment tree, breadth-first, "down" properties forwards, then
 * "up" properties backwards for parts nothing contains (blocks: kld:partOf the document, and no kld:hasQuestion
 * etc. to them); 2. owned nodes outside the tree (the source file, the extraction) under the first placed node
 * that points to them, in the same breadth-first order. A node is owned when its IRI extends the root's.
 */
function placeNodes(nodes: ReadonlyMap<string, ExpandedNode>, rootIri: string, tree: DocumentTree): Placement {
  const owned = (iri: string): boolean => iri.startsWith(`${rootIri}/`) || iri.startsWith(`${rootIri}#`);
  const incoming = incomingLinks(nodes);
  const hasContainer = (id: string): boolean => (incoming.get(id) ?? []).some(([s, p]) => s !== id && tree.down.has(p) && (s === rootIri || owned(s)) && nodes.has(s));
  const placement: Placement = { forward: new Map(), reverse: new Map(), placed: new Set([rootIri]) };
  const { forward, reverse, placed } = placement;
  const order: string[] = [rootIri];
  const place = (id: string): void => {
    placed.add(id);
    order.push(id);
  };
  const embed = (parent: string, p: string, child: string): void => {
    place(child);
    let set = forward.get(parent);
    if (!set) forward.set(parent, (set = new Set()));
    set.add(`${p}\u0000${child}`);
  };
  const placeable = (id: string): boolean => !placed.has(id) && owned(id) && nodes.has(id);
  // (for…of over an array visits what is pushed onto it while iterating: the walk is breadth-first.)
  for (const id of order) {
    for (const [p, child] of outgoingLinks(nodes, id)) if (tree.down.has(p) && placeable(child)) embed(id, p, child);
    const back = [...(incoming.get(id) ?? [])].sort(([s1, p1], [s2, p2]) => compareStrings(p1, p2) || compareNatural(s1, s2));
    for (const [s, p] of back) {
      if (!tree.up.has(p) || !placeable(s) || hasContainer(s)) continue;
      place(s);
      let byPred = reverse.get(id);
      if (!byPred) reverse.set(id, (byPred = new Map<string, string[]>()));
      const list = byPred.get(p) ?? [];
      list.push(s);
      byPred.set(p, list);
    }
  }
  for (const id of order) {
    for (const [p, child] of outgoingLinks(nodes, id)) if (placeable(child)) embed(id, p, child);
  }
  return placement;
}

/** A node and what is embedded in it, in expanded form; `via` is the parent link a reverse embedding states already. */
function renderNode(nodes: ReadonlyMap<string, ExpandedNode>, placement: Placement, id: string, via?: { predicate: string; parent: string }): JsonLdObject {
  const node = nodes.get(id) ?? { '@id': id };
  const out: JsonLdObject = { '@id': id };
  if (node['@type']) out['@type'] = [...node['@type']].sort(compareStrings);
  const embedded = placement.forward.get(id) ?? new Set<string>();
  for (const p of Object.keys(node)
    .filter((k) => !k.startsWith('@'))
    .sort(compareStrings)) {
    const values: JsonLdValue[] = [];
    for (const v of sortValues(node[p] as ExpandedValue[])) {
      // The link to the parent is stated by the parent's "@reverse"; do not repeat it here.
      if (via && p === via.predicate && isRef(v) && v['@id'] === via.parent) continue;
      values.push(isRef(v) && embedded.has(`${p}\u0000${v['@id']}`) ? renderNode(nodes, placement, v['@id']) : { ...v });
    }
    if (values.length > 0) out[p] = values;
  }
  const back = placement.reverse.get(id);
  if (back) {
    const rev: JsonLdObject = {};
    for (const p of [...back.keys()].sort(compareStrings)) {
      rev[p] = (back.get(p) ?? []).map((child) => renderNode(nodes, placement, child, { predicate: p, parent: id }));
    }
    out['@reverse'] = rev;
  }
  return out;
}
