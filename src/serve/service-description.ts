/**
 * SPARQL 1.1 Service Description (https://www.w3.org/TR/sparql11-service-description/),
 * answered on GET /sparql without a query, true to the configuration: the
 * federated-query feature only when SERVICE may reach somewhere, the named
 * graphs the store holds (each sd:graph is the graph's own IRI, dereferenceable
 * at /graph/{id}), the dataset's VoID/DCAT description as rdfs:seeAlso, the
 * result formats the endpoint writes.
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
  /** SERVICE targets allowed besides the federated endpoints. */
  allowedServices?: string[];
  /** The named graphs of the store (sd:namedGraph, one each). */
  namedGraphs?: string[];
  /** The dataset's VoID/DCAT description (rdfs:seeAlso of the dataset). */
  voidDescription?: string;
}

const RDFS_SEE_ALSO = 'http://www.w3.org/2000/01/rdf-schema#seeAlso';
/** The formats the endpoint writes (src/serve/negotiate.ts), by their W3C format IRIs. */
const RESULT_FORMATS = ['SPARQL_Results_JSON', 'SPARQL_Results_XML', 'SPARQL_Results_CSV', 'SPARQL_Results_TSV', 'Turtle', 'N-Triples', 'N-Quads', 'JSON-LD', 'RDF_XML', 'TriG'];

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
    quad(s, sd('defaultDataset'), dataset),
    quad(dataset, rdf('type'), sd('Dataset')),
    quad(dataset, sd('defaultGraph'), graph),
    quad(graph, rdf('type'), sd('Graph')),
    quad(graph, void_('triples'), literal(String(info.quads), xsd('integer'))),
  ];
  // SERVICE is refused unless an endpoint is federated or allowed: only then is federated query a feature.
  if (info.federate.length + (info.allowedServices?.length ?? 0) > 0) out.push(quad(s, sd('feature'), sd('BasicFederatedQuery')));
  for (const f of RESULT_FORMATS) out.push(quad(s, sd('resultFormat'), namedNode(FORMATS + f)));
  for (const url of info.federate) out.push(quad(s, namedNode(RDFS_SEE_ALSO), namedNode(url)));
  if (info.voidDescription) out.push(quad(dataset, namedNode(RDFS_SEE_ALSO), namedNode(info.voidDescription)));
  for (const [i, name] of (info.namedGraphs ?? []).entries()) {
    const named = namedNode(`${info.endpoint}#named-graph-${i + 1}`);
    out.push(quad(dataset, sd('namedGraph'), named), quad(named, rdf('type'), sd('NamedGraph')), quad(named, sd('name'), namedNode(name)), quad(named, sd('graph'), namedNode(name)));
  }
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
