/** The SPARQL 1.1 Query Results JSON Format, as the remote stores (a federated endpoint, Virtuoso) answer in it. */
export interface JsonTerm {
  type: 'uri' | 'literal' | 'typed-literal' | 'bnode';
  value: string;
  'xml:lang'?: string;
  datatype?: string;
}

export interface JsonResults {
  head?: { vars?: string[] };
  boolean?: boolean;
  results?: { bindings: Record<string, JsonTerm>[] };
}
