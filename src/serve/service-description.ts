/**
 * SPARQL 1.1 Service Description (https://www.w3.org/TR/sparql11-service-description/),
 * answered on GET /sparql without a query.
 */
import type { Quad } from '@rdfjs/types';
import { DataFactory, Writer } from 'n3';
import { rdf, void_, xsd } from '../rdf/vocab.js';
import { expandedNodes } from './jsonld.js';

const { namedNode, literal, quad } = DataFactory;
const SD = 'http://www.w3.org/ns/sparql-service-description#';
const FORMATS = 'http://www.w3.org/ns/formats/';

export interface ServiceInfo {
  endpoint: string;
  quads: number;
  timeoutMs: number;
  maxResults: number;
  federate: string[];
}

export function serviceDescription(info: ServiceInfo): Quad[] {
  const s = namedNode(info.endpoint);
  const dataset = namedNode(`${info.endpoint}#dataset`);
  const graph = namedNode(`${info.endpoint}#default-graph`);
  const sd = (l: string) => namedNode(SD + l);
  const out: Quad[] = [
    quad(s, rdf('type'), sd('Service')),
    quad(s, sd('endpoint'), s),
    quad(s, sd('supportedLanguage'), sd('SPARQL11Query')),
    // The default graph is the union of the named graphs (one per document).
    quad(s, sd('feature'), sd('UnionDefaultGraph')),
    quad(s, sd('feature'), sd('BasicFederatedQuery')),
    quad(s, sd('defaultDataset'), dataset),
    quad(dataset, rdf('type'), sd('Dataset')),
    quad(dataset, sd('defaultGraph'), graph),
    quad(graph, rdf('type'), sd('Graph')),
    quad(graph, void_('triples'), literal(String(info.quads), xsd('integer'))),
  ];
  for (const f of ['SPARQL_Results_JSON', 'SPARQL_Results_XML', 'SPARQL_Results_CSV', 'SPARQL_Results_TSV', 'Turtle', 'N-Triples', 'N-Quads', 'JSON-LD']) {
    out.push(quad(s, sd('resultFormat'), namedNode(FORMATS + f)));
  }
  for (const url of info.federate) out.push(quad(s, namedNode('http://www.w3.org/2000/01/rdf-schema#seeAlso'), namedNode(url)));
  return out;
}

/** Quads as Turtle or N-Triples (n3's Writer). */
export function writeQuads(quads: Quad[], mediaType: 'text/turtle' | 'application/n-triples', prefixes: Record<string, string> = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const writer = new Writer({ format: mediaType === 'text/turtle' ? 'Turtle' : 'N-Triples', prefixes: mediaType === 'text/turtle' ? prefixes : {} });
    writer.addQuads(quads.map((q) => quad(q.subject, q.predicate, q.object)));
    writer.end((err: Error | null, result: string) => (err ? reject(err) : resolve(result)));
  });
}

/** Quads as flattened expanded JSON-LD (one node object per subject): valid JSON-LD without a context. */
export function toJsonLd(quads: Quad[]): string {
  return JSON.stringify(expandedNodes(quads), null, 2) + '\n';
}
