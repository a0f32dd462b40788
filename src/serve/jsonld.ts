/**
 * JSON-LD answers compacted with the published context (output/context.jsonld,
 * whose IRI is IriMinter.context()), so that a resource reads the way the
 * per-document files of the build do: "type": ["Answer"], "answers": "…".
 *
 * jsonld.js runs offline: its documentLoader serves the local context for the
 * context IRI and refuses every other URL, so neither a request nor a crafted
 * context can make the server fetch from the network. The answer names the
 * context by its IRI ("@context": "https://w3id.org/kamerstukken-ld/context.jsonld"),
 * like the published files; this server answers that IRI too (/context.jsonld).
 *
 * Without a built context (a server over bare dumps) the answer is flattened
 * expanded JSON-LD, which needs no context.
 */
import { readFile, stat } from 'node:fs/promises';
import type { Quad } from '@rdfjs/types';
import jsonld, { type DocumentLoader, type JsonLdObject, type JsonLdValue, type RemoteDocument } from 'jsonld';
import { rdf } from '../rdf/vocab.js';
import { literalValue } from '../publish/jsonld.js';
import { KldError } from '../errors.js';

/** A node object of expanded JSON-LD. */
export type ExpandedNode = { '@id': string; '@type'?: string[] } & Record<string, unknown>;

/** Quads as flattened expanded JSON-LD node objects, one per subject, in first-seen order. */
export function expandedNodes(quads: readonly Quad[]): ExpandedNode[] {
  const nodes = new Map<string, ExpandedNode>();
  const id = (t: Quad['subject'] | Quad['object']): string => (t.termType === 'BlankNode' ? `_:${t.value}` : t.value);
  for (const q of quads) {
    const s = id(q.subject);
    let node = nodes.get(s);
    if (!node) nodes.set(s, (node = { '@id': s }));
    if (q.predicate.value === rdf('type').value && q.object.termType === 'NamedNode') {
      (node['@type'] ??= []).push(q.object.value);
      continue;
    }
    const o = q.object;
    // Literals as the published per-document files write them (canonical integers and booleans as JSON values).
    const value = o.termType === 'Literal' ? literalValue(o) : { '@id': id(o) };
    ((node[q.predicate.value] ??= []) as unknown[]).push(value);
  }
  return [...nodes.values()];
}

export class JsonLdContextError extends KldError {
  constructor(
    readonly url: string,
    reason: string,
  ) {
    super('data', `${url}: ${reason}`, { location: { file: url } });
  }
}

/** The published context, read from output/ (again when the file changes). */
export class PublishedContext {
  private cached: { key: string; document: JsonLdObject } | undefined;

  constructor(
    /** output/context.jsonld */
    readonly file: string,
    /** Its IRI (IriMinter.context()). */
    readonly iri: string,
  ) {}

  /** The context document, or undefined when the build has not written one. */
  async document(): Promise<JsonLdObject | undefined> {
    const s = await stat(this.file).catch(() => undefined);
    if (!s) return (this.cached = undefined);
    const key = `${s.ino}:${s.size}:${s.mtimeMs}`;
    if (this.cached?.key !== key) {
      const parsed = JSON.parse(await readFile(this.file, 'utf8')) as unknown;
      if (typeof parsed !== 'object' || parsed === null || !('@context' in parsed)) {
        throw new JsonLdContextError(this.file, 'not a JSON-LD context document (no "@context")');
      }
      this.cached = { key, document: parsed as JsonLdObject };
    }
    return this.cached.document;
  }

  /** A jsonld.js document loader that knows only this context: never the network. */
  loader(document: JsonLdObject): DocumentLoader {
    return async (url: string): Promise<RemoteDocument> => {
      if (url === this.iri) return { contextUrl: null, documentUrl: url, document };
      throw new JsonLdContextError(url, 'not loaded: the server resolves only its own published context, never the network');
    };
  }
}

/**
 * Quads as a JSON-LD document compacted with the published context; `first`
 * (the described resource) leads the @graph, the other nodes follow by IRI.
 * Falls back to flattened expanded JSON-LD when there is no context.
 */
export async function compactedJsonLd(quads: readonly Quad[], context: PublishedContext | undefined, first?: string): Promise<string> {
  const nodes = expandedNodes(quads).sort((a, b) => {
    if (a['@id'] === first) return -1;
    if (b['@id'] === first) return 1;
    return a['@id'] < b['@id'] ? -1 : a['@id'] > b['@id'] ? 1 : 0;
  });
  const document = await context?.document();
  if (!context || !document) return JSON.stringify(nodes, null, 2) + '\n';
  const compacted = await jsonld.compact(nodes as unknown as JsonLdValue, context.iri, {
    documentLoader: context.loader(document),
    // Absolute IRIs as they are: readers without a JSON-LD processor can follow them.
    compactToRelative: false,
  });
  return JSON.stringify(compacted, null, 2) + '\n';
}
