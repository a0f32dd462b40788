/**
 * Minimal declarations for jsonld 9 (jsonld.js ships no types; @types/jsonld is for
 * older releases). Only what the project calls is declared.
 */
declare module 'jsonld' {
  export type JsonLdValue = string | number | boolean | null | JsonLdObject | JsonLdValue[];
  export interface JsonLdObject {
    [key: string]: JsonLdValue | undefined;
  }

  export interface RemoteDocument {
    contextUrl: string | null;
    documentUrl: string;
    document: JsonLdValue;
  }
  export type DocumentLoader = (url: string) => Promise<RemoteDocument>;

  export interface Options {
    base?: string;
    documentLoader?: DocumentLoader;
    safe?: boolean;
  }
  export interface CompactOptions extends Options {
    compactArrays?: boolean;
    compactToRelative?: boolean;
    graph?: boolean;
    skipExpansion?: boolean;
  }
  export interface ToRdfOptions extends Options {
    format?: 'application/n-quads';
    produceGeneralizedRdf?: boolean;
  }
  export interface FrameOptions extends Options {
    embed?: '@once' | '@always' | '@never';
    explicit?: boolean;
    omitDefault?: boolean;
    omitGraph?: boolean;
  }

  /** A quad as jsonld.js produces it (RDF/JS-shaped terms). */
  export interface JsonLdQuad {
    subject: { termType: string; value: string };
    predicate: { termType: string; value: string };
    object: { termType: string; value: string; datatype?: { termType: string; value: string }; language?: string };
    graph: { termType: string; value: string };
  }

  export function compact(input: JsonLdValue, ctx: JsonLdValue, options?: CompactOptions): Promise<JsonLdObject>;
  export function expand(input: JsonLdValue, options?: Options): Promise<JsonLdObject[]>;
  export function frame(input: JsonLdValue, frame: JsonLdValue, options?: FrameOptions): Promise<JsonLdObject>;
  export function toRDF(input: JsonLdValue, options: ToRdfOptions & { format: 'application/n-quads' }): Promise<string>;
  export function toRDF(input: JsonLdValue, options?: ToRdfOptions): Promise<JsonLdQuad[]>;
  export function fromRDF(dataset: unknown, options?: Options & { format?: string; useNativeTypes?: boolean }): Promise<JsonLdObject[]>;

  const jsonld: {
    compact: typeof compact;
    expand: typeof expand;
    frame: typeof frame;
    toRDF: typeof toRDF;
    fromRDF: typeof fromRDF;
  };
  export default jsonld;
}
