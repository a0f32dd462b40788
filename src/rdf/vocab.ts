/**
 * The vocabularies we use, each term declared once and typed (LDkit's namespaces are the model): a
 * vocabulary is built from a const list of its terms, so `dcterms.identifier` and `dcterms('identifier')`
 * compile and `dcterms.identifer` does not (TS2339 / TS2345). Our own terms (kld:) are generated from
 * ontology/kamerstukken.ttl into vocab.generated.ts and reached through IriMinter.kld, because their
 * namespace follows the configurable base. A reused term we start to use is added to its list here.
 */
import type { NamedNode } from '@rdfjs/types';
import { DataFactory } from 'n3';
import { KldError } from '../errors.js';

/**
 * A vocabulary: each term as a property (`eli.Work`), the same as a call with a checked name
 * (`eli('Work')`), and the namespace IRI. `iri` and `terms` are not terms of any vocabulary we use.
 */
export type Vocabulary<T extends string> = ((local: T) => NamedNode) & { readonly [K in T]: NamedNode } & { readonly iri: string; readonly terms: readonly T[] };

/** Thrown when a term is named at run time (a cast, a value read from data) that its vocabulary does not list. */
export class UnknownTermError extends KldError {
  constructor(
    readonly namespace: string,
    readonly local: string,
  ) {
    super('data', `<${namespace}${local}> is not a term of ${namespace} known to kamerstukken-ld (src/rdf/vocab.ts, ontology/kamerstukken.ttl)`);
  }
}

export function vocabulary<const T extends string>(iri: string, terms: readonly T[]): Vocabulary<T> {
  const nodes = new Map<string, NamedNode>(terms.map((t) => [t, DataFactory.namedNode(iri + t)]));
  const fn = (local: T): NamedNode => {
    const node = nodes.get(local);
    if (node === undefined) throw new UnknownTermError(iri, local);
    return node;
  };
  // Function's own `name` and `length` are configurable, so foaf:name can stand there as a term.
  for (const [t, node] of nodes) Object.defineProperty(fn, t, { value: node, enumerable: true });
  Object.defineProperty(fn, 'iri', { value: iri, enumerable: false });
  Object.defineProperty(fn, 'terms', { value: Object.freeze([...terms]), enumerable: false });
  return fn as Vocabulary<T>;
}

/** The terms (local names) of a vocabulary, as a type: `TermOf<typeof dcterms>` is 'creator' | 'dateSubmitted' | … */
export type TermOf<V> = V extends Vocabulary<infer T> ? T : never;

export const rdf = vocabulary('http://www.w3.org/1999/02/22-rdf-syntax-ns#', ['Property', 'first', 'langString', 'nil', 'rest', 'type']);
export const rdfs = vocabulary('http://www.w3.org/2000/01/rdf-schema#', ['Class', 'Literal', 'comment', 'domain', 'label', 'range', 'seeAlso', 'subClassOf', 'subPropertyOf']);
export const xsd = vocabulary('http://www.w3.org/2001/XMLSchema#', [
  'boolean',
  'date',
  'dateTime',
  'hexBinary',
  'int',
  'integer',
  'long',
  'nonNegativeInteger',
  'positiveInteger',
  'short',
  'string',
  'unsignedInt',
  'unsignedLong',
  'unsignedShort',
]);
export const owl = vocabulary('http://www.w3.org/2002/07/owl#', [
  'AnnotationProperty',
  'Class',
  'DatatypeProperty',
  'FunctionalProperty',
  'NamedIndividual',
  'ObjectProperty',
  'Ontology',
  'equivalentClass',
  'equivalentProperty',
  'inverseOf',
]);
export const skos = vocabulary('http://www.w3.org/2004/02/skos/core#', ['Concept', 'ConceptScheme', 'altLabel', 'exactMatch', 'hiddenLabel', 'inScheme', 'notation', 'prefLabel']);
export const dcterms = vocabulary('http://purl.org/dc/terms/', [
  'LicenseDocument',
  'MediaType',
  'MediaTypeOrExtent',
  'PeriodOfTime',
  'ProvenanceStatement',
  'Standard',
  'accessRights',
  'conformsTo',
  'creator',
  'dateSubmitted',
  'description',
  'format',
  'identifier',
  'isPartOf',
  'issued',
  'language',
  'license',
  'modified',
  'provenance',
  'publisher',
  'source',
  'subject',
  'temporal',
  'title',
]);
export const prov = vocabulary('http://www.w3.org/ns/prov#', ['Activity', 'SoftwareAgent', 'endedAtTime', 'startedAtTime', 'used', 'wasAssociatedWith', 'wasDerivedFrom', 'wasGeneratedBy', 'wasInfluencedBy']);
export const org = vocabulary('http://www.w3.org/ns/org#', ['Membership', 'Organization', 'Post', 'hasMembership', 'heldBy', 'holds', 'member', 'memberDuring', 'memberOf', 'organization', 'postIn', 'subOrganizationOf']);
export const foaf = vocabulary('http://xmlns.com/foaf/0.1/', ['Agent', 'Document', 'Person', 'homepage', 'name', 'page', 'primaryTopic']);
export const oa = vocabulary('http://www.w3.org/ns/oa#', ['SpecificResource', 'TextPositionSelector', 'TextQuoteSelector', 'end', 'exact', 'hasSelector', 'hasSource', 'prefix', 'start', 'suffix']);
export const eli = vocabulary('http://data.europa.eu/eli/ontology#', [
  'Expression',
  'Manifestation',
  'Work',
  'WorkSubdivision',
  'cites',
  'date_document',
  'date_publication',
  'embodies',
  'has_part',
  'is_embodied_by',
  'is_exemplified_by',
  'is_member_of',
  'is_part_of',
  'is_realized_by',
  'language',
  'media_type',
  'realizes',
  'title',
  'work_type',
]);
export const elidl = vocabulary('http://data.europa.eu/eli/eli-draft-legislation-ontology#', ['answers_to']);
export const dcat = vocabulary('http://www.w3.org/ns/dcat#', [
  'DataService',
  'Dataset',
  'Distribution',
  'accessService',
  'accessURL',
  'byteSize',
  'compressFormat',
  'contactPoint',
  'distribution',
  'downloadURL',
  'endDate',
  'endpointDescription',
  'endpointURL',
  'keyword',
  'landingPage',
  'mediaType',
  'servesDataset',
  'startDate',
  'theme',
]);
export const void_ = vocabulary('http://rdfs.org/ns/void#', [
  'Dataset',
  'Linkset',
  'class',
  'classPartition',
  'classes',
  'dataDump',
  'distinctSubjects',
  'documents',
  'entities',
  'exampleResource',
  'feature',
  'inDataset',
  'linkPredicate',
  'objectsTarget',
  'properties',
  'property',
  'propertyPartition',
  'sparqlEndpoint',
  'subjectsTarget',
  'subset',
  'triples',
  'uriSpace',
  'vocabulary',
]);
export const sh = vocabulary('http://www.w3.org/ns/shacl#', [
  'IRI',
  'Info',
  'Literal',
  'ValidationReport',
  'ValidationResult',
  'Violation',
  'Warning',
  'class',
  'closed',
  'conforms',
  'datatype',
  'focusNode',
  'inversePath',
  'languageIn',
  'maxCount',
  'node',
  'nodeKind',
  'or',
  'path',
  'pattern',
  'property',
  'result',
  'resultMessage',
  'resultPath',
  'resultSeverity',
  'sourceConstraintComponent',
  'sourceShape',
  'targetClass',
  'value',
]);
export const schema = vocabulary('https://schema.org/', ['endDate', 'startDate']);
export const spdx = vocabulary('http://spdx.org/rdf/terms#', ['Checksum', 'algorithm', 'checksum', 'checksumAlgorithm_sha256', 'checksumValue']);

/** The reused vocabularies, by the prefix the project writes them with (Turtle output, JSON-LD context, the documentation). */
export const REUSED_VOCABULARIES = { rdf, rdfs, xsd, owl, skos, dcterms, prov, org, foaf, oa, eli, 'eli-dl': elidl, dcat, void: void_, sh, schema, spdx } as const;

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
