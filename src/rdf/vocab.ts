/**
 * Namespaces of the vocabularies we reuse. Our own terms come from
 * IriMinter.term() because their namespace follows the configurable base.
 */
import type { NamedNode } from '@rdfjs/types';
import { DataFactory } from 'n3';

export type Namespace = ((local: string) => NamedNode) & { readonly iri: string };

export function namespace(iri: string): Namespace {
  const fn = (local: string): NamedNode => DataFactory.namedNode(iri + local);
  return Object.assign(fn, { iri });
}

export const rdf = namespace('http://www.w3.org/1999/02/22-rdf-syntax-ns#');
export const rdfs = namespace('http://www.w3.org/2000/01/rdf-schema#');
export const xsd = namespace('http://www.w3.org/2001/XMLSchema#');
export const owl = namespace('http://www.w3.org/2002/07/owl#');
export const skos = namespace('http://www.w3.org/2004/02/skos/core#');
export const dcterms = namespace('http://purl.org/dc/terms/');
export const prov = namespace('http://www.w3.org/ns/prov#');
export const org = namespace('http://www.w3.org/ns/org#');
export const foaf = namespace('http://xmlns.com/foaf/0.1/');
export const oa = namespace('http://www.w3.org/ns/oa#');
export const eli = namespace('http://data.europa.eu/eli/ontology#');
export const elidl = namespace('http://data.europa.eu/eli/eli-draft-legislation-ontology#');
export const dcat = namespace('http://www.w3.org/ns/dcat#');
export const void_ = namespace('http://rdfs.org/ns/void#');
export const sh = namespace('http://www.w3.org/ns/shacl#');
export const schema = namespace('https://schema.org/');
export const spdx = namespace('http://spdx.org/rdf/terms#');

/** Prefixes for Turtle output and the JSON-LD context; our own is added by the caller from the base. */
export const PREFIXES: Record<string, string> = {
  rdf: rdf.iri,
  rdfs: rdfs.iri,
  xsd: xsd.iri,
  owl: owl.iri,
  skos: skos.iri,
  dcterms: dcterms.iri,
  prov: prov.iri,
  org: org.iri,
  foaf: foaf.iri,
  oa: oa.iri,
  eli: eli.iri,
  'eli-dl': elidl.iri,
  dcat: dcat.iri,
  void: void_.iri,
  sh: sh.iri,
};
