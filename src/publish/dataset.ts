/**
 * The dataset description (dataset.ttl): DCAT in the DCAT-AP-NL manner for
 * data portals, and VoID for linked-data tools, stated from the statistics of
 * the quads actually written and the bytes of the files actually published.
 * Every node has an IRI (IriMinter.datasetPart), so the file is deterministic.
 */
import { createHash } from 'node:crypto';
import type { NamedNode, Quad, Quad_Object } from '@rdfjs/types';
import { DataFactory } from 'n3';
import type { IriMinter } from '../rdf/iris.js';
import { PREFIXES, dcat, dcterms, foaf, prov, rdf, rdfs, schema, spdx, vocabulary, void_, xsd } from '../rdf/vocab.js';
import type { HarvestProvenance } from '../harvest/provenance.js';
import type { FileFacts } from '../output-layout.js';
import type { CorpusStats, LinkTarget } from './stats.js';

const { quad, literal } = DataFactory;
const vcard = vocabulary('http://www.w3.org/2006/vcard/ns#', ['Kind', 'Organization', 'fn', 'hasURL']);
const iana = (type: string): NamedNode => DataFactory.namedNode(`https://www.iana.org/assignments/media-types/${type}`);
const euFileType = (t: string): NamedNode => DataFactory.namedNode(`http://publications.europa.eu/resource/authority/file-type/${t}`);

const ONTOLOGY_TITLE = 'kamerstukken-ld ontology (ELI, ELI-DL, DCTERMS, ORG, Web Annotation)';

/** The datasets we link to, recognised by the IRIs we point at. */
export const LINK_TARGETS: readonly LinkTarget[] = [
  {
    key: 'officielebekendmakingen',
    title: 'Officiële bekendmakingen (zoek.officielebekendmakingen.nl)',
    homepage: 'https://zoek.officielebekendmakingen.nl/',
    uriSpaces: ['https://zoek.officielebekendmakingen.nl/', 'https://repository.officiele-overheidspublicaties.nl/'],
  },
  {
    key: 'wikidata',
    title: 'Wikidata',
    homepage: 'https://www.wikidata.org/',
    uriSpaces: ['http://www.wikidata.org/entity/', 'https://www.wikidata.org/entity/', 'https://www.wikidata.org/wiki/'],
  },
  {
    key: 'tooi',
    title: 'Thesauri en ontologieën voor overheidsinformatie (TOOI)',
    homepage: 'https://standaarden.overheid.nl/tooi',
    uriSpaces: ['https://identifier.overheid.nl/tooi/'],
  },
  {
    key: 'tweedekamer',
    title: 'Open data van de Tweede Kamer (gegevensmagazijn)',
    homepage: 'https://opendata.tweedekamer.nl/',
    uriSpaces: ['https://gegevensmagazijn.tweedekamer.nl/', 'https://opendata.tweedekamer.nl/', 'https://www.tweedekamer.nl/'],
  },
];

/** What a publisher says about the dataset; the build supplies defaults, a deployment may override them. */
export interface DatasetMetadata {
  title: { nl: string; en: string };
  description: { nl: string; en: string };
  publisherName: string;
  /** Publisher IRI; defaults to the dataset's own agent IRI under the base. */
  publisher?: string;
  license: string;
  /** Landing page; defaults to the base IRI. */
  landingPage?: string;
}

export const DEFAULT_METADATA: DatasetMetadata = {
  title: {
    nl: 'Kamerstukken als linked data: schriftelijke vragen en antwoorden',
    en: 'Dutch parliamentary papers as linked data: written questions and answers',
  },
  description: {
    nl:
      'Verslagen van schriftelijk overleg, Kamervragen met antwoorden (Aanhangsel van de Handelingen) en nota’s naar ' +
      'aanleiding van het verslag, omgezet naar RDF: per vraag en antwoord de vragende fractie, het antwoord, de ' +
      'aangehaalde Kamerstukken en Handelingen, de genoemde verdragen en organisaties, met verwijzingen naar de ' +
      'bronpassages. Gevalideerd met SHACL.',
    en:
      'Reports of written consultations, parliamentary questions with their answers and memoranda in reply, turned into ' +
      'RDF: for each question and answer the asking faction, the answer, the cited parliamentary papers, the treaties ' +
      'and organisations named, with pointers to the source passages. Validated with SHACL.',
  },
  publisherName: 'kamerstukken-ld',
  license: 'http://creativecommons.org/publicdomain/zero/1.0/',
};

export interface DistributionFiles {
  nquads: FileFacts;
  nquadsGzip: FileFacts;
}

export interface DescriptionInput {
  minter: IriMinter;
  stats: CorpusStats;
  files: DistributionFiles;
  /** Number of documents published (one named graph each). */
  documents: number;
  /** Official ids of the published documents, sorted (the first is the example resource). */
  documentIds: string[];
  /** ISO date for dct:issued / dct:modified; null leaves them out (no date known). */
  date: string | null;
  /** Earliest and latest date over all papers (CorpusStats.period), for dct:temporal. */
  period: { start: string; end: string } | null;
  metadata?: DatasetMetadata;
  /** When and from where the corpus was harvested (corpus/harvest.json), for a harvested corpus. */
  harvest?: HarvestProvenance;
}

/** Known namespaces, longest first, for readable names of partitions. */
function namespaces(minter: IriMinter): [string, string][] {
  const all: Record<string, string> = { ...PREFIXES, schema: schema.iri, spdx: spdx.iri, kld: minter.ontology };
  return Object.entries(all).sort(([, a], [, b]) => b.length - a.length);
}

/** A path segment naming a class or property: kld-Answer, dcterms-title, ns-1a2b3c4d-foo. */
function termSlug(iri: string, ns: [string, string][]): string {
  for (const [prefix, space] of ns) {
    if (iri.startsWith(space)) {
      const local = iri.slice(space.length).replace(/[^A-Za-z0-9._-]/g, '_');
      if (local) return `${prefix}-${local}`;
    }
  }
  const local = iri.replace(/^.*[/#]/, '').replace(/[^A-Za-z0-9._-]/g, '_');
  return `ns-${createHash('sha256').update(iri).digest('hex').slice(0, 8)}${local ? `-${local}` : ''}`;
}

function vocabularyOf(iri: string, ns: [string, string][]): string | null {
  for (const [, space] of ns) if (iri.startsWith(space)) return space;
  const m = /^(.*[/#])[^/#]*$/.exec(iri);
  return m?.[1] ?? null;
}

const int = (n: number): Quad_Object => literal(String(n), xsd('integer'));
const nonNegative = (n: number): Quad_Object => literal(String(n), xsd('nonNegativeInteger'));
const date = (d: string): Quad_Object => literal(d, xsd('date'));

type Add = (s: NamedNode, p: NamedNode, o: Quad_Object) => void;

/** What the stages of the description share: the input, the quads so far, and the nodes several stages name. */
interface Description {
  input: DescriptionInput;
  meta: DatasetMetadata;
  minter: IriMinter;
  ds: NamedNode;
  add: Add;
  /** A dct:Standard (DCAT-AP's range of dct:conformsTo), with its title. */
  standard(iri: string, title: string): NamedNode;
  publisher: NamedNode;
  contact: NamedNode;
  landing: NamedNode;
  endpoint: NamedNode;
  documentation: NamedNode;
  license: NamedNode;
}

const DUTCH = DataFactory.namedNode('http://publications.europa.eu/resource/authority/language/NLD');
const PUBLIC_ACCESS = DataFactory.namedNode('http://publications.europa.eu/resource/authority/access-right/PUBLIC');
const GOVERNMENT_THEME = DataFactory.namedNode('http://publications.europa.eu/resource/authority/data-theme/GOVE');

/**
 * The DCAT + VoID description as quads in the default graph, in stages: the dataset (DCAT-AP-NL), its publisher
 * and contact, the dump distributions, the SPARQL endpoint, the VoID statistics and partitions, the linksets.
 */
export function describeDataset(input: DescriptionInput): Quad[] {
  const { minter } = input;
  const meta = input.metadata ?? DEFAULT_METADATA;
  const out: Quad[] = [];
  const add: Add = (s, p, o) => {
    out.push(quad(s, p, o));
  };
  const d: Description = {
    input,
    meta,
    minter,
    ds: minter.dataset(),
    add,
    standard: (iri, title) => {
      const node = DataFactory.namedNode(iri);
      add(node, rdf('type'), dcterms('Standard'));
      add(node, dcterms('title'), literal(title, 'en'));
      return node;
    },
    publisher: DataFactory.namedNode(meta.publisher ?? minter.datasetPart('agent', 'uitgever').value),
    contact: minter.datasetPart('contact', 'uitgever'),
    landing: DataFactory.namedNode(meta.landingPage ?? minter.base),
    endpoint: DataFactory.namedNode(`${minter.base}sparql`),
    documentation: DataFactory.namedNode(minter.ontology.replace(/#$/, '')),
    license: DataFactory.namedNode(meta.license),
  };
  describeCatalogueEntry(d);
  if (input.harvest) describeHarvest(input.harvest, minter, d.ds, add);
  describeAgents(d);
  describeDumps(d);
  describeEndpoint(d);
  describeStatistics(d);
  describeLinksets(d);
  return withoutRepeats(out);
}

/** What DCAT-AP-NL asks of both a dataset and a data service: who publishes and makes it, licence, access, language, theme. */
function describeShared(d: Description, subject: NamedNode): void {
  d.add(subject, dcterms('publisher'), d.publisher);
  // DCAT-AP-NL 3 requires a creator: the same agent that publishes makes it.
  d.add(subject, dcterms('creator'), d.publisher);
  d.add(subject, dcterms('license'), d.license);
  d.add(subject, dcterms('accessRights'), PUBLIC_ACCESS);
  d.add(subject, dcterms('language'), DUTCH);
  d.add(subject, dcat('theme'), GOVERNMENT_THEME);
  d.add(subject, dcat('contactPoint'), d.contact);
  d.add(subject, foaf('page'), d.documentation);
}

/** The dataset as a DCAT-AP-NL catalogue entry: titles, description, keywords, dates, pages, period. */
function describeCatalogueEntry(d: Description): void {
  const { ds, add, meta, input, minter } = d;
  add(ds, rdf('type'), dcat('Dataset'));
  add(ds, rdf('type'), void_('Dataset'));
  add(ds, dcterms('title'), literal(meta.title.nl, 'nl'));
  add(ds, dcterms('title'), literal(meta.title.en, 'en'));
  add(ds, dcterms('description'), literal(meta.description.nl, 'nl'));
  add(ds, dcterms('description'), literal(meta.description.en, 'en'));
  add(ds, dcterms('identifier'), literal(ds.value));
  describeShared(d, ds);
  for (const [word, lang] of [
    ['Kamerstukken', 'nl'],
    ['schriftelijke vragen', 'nl'],
    ['Tweede Kamer', 'nl'],
    ['written questions', 'en'],
  ] as const) {
    add(ds, dcat('keyword'), literal(word, lang));
  }
  if (input.date !== null) {
    add(ds, dcterms('issued'), date(input.date));
    add(ds, dcterms('modified'), date(input.date));
  }
  add(ds, dcat('landingPage'), d.landing);
  add(d.landing, rdf('type'), foaf('Document'));
  add(d.documentation, rdf('type'), foaf('Document'));
  add(ds, dcterms('conformsTo'), d.standard(minter.ontology.replace(/#$/, ''), ONTOLOGY_TITLE));
  if (input.period) {
    const period = minter.datasetPart('periode', 'documenten');
    add(ds, dcterms('temporal'), period);
    add(period, rdf('type'), dcterms('PeriodOfTime'));
    add(period, dcat('startDate'), date(input.period.start));
    add(period, dcat('endDate'), date(input.period.end));
  }
}

/** The publisher (a foaf:Agent) and its contact point (a vCard). */
function describeAgents({ add, meta, publisher, contact, landing }: Description): void {
  add(publisher, rdf('type'), foaf('Agent'));
  add(publisher, foaf('name'), literal(meta.publisherName));
  add(contact, rdf('type'), vcard('Kind'));
  add(contact, rdf('type'), vcard('Organization'));
  add(contact, vcard('fn'), literal(meta.publisherName));
  add(contact, vcard('hasURL'), landing);
}

/** The N-Quads dump and its gzip as distributions, each with its size and SHA-256; the media types and licence they name. */
function describeDumps(d: Description): void {
  const { add, ds, minter, input } = d;
  const distribution = (key: string, facts: FileFacts, titleNl: string, titleEn: string, gzip: boolean): void => {
    const dist = minter.datasetPart('distributie', key);
    const checksum = minter.datasetPart('checksum', key);
    const url = minter.download(facts.name);
    add(ds, dcat('distribution'), dist);
    add(dist, rdf('type'), dcat('Distribution'));
    add(dist, dcterms('title'), literal(titleNl, 'nl'));
    add(dist, dcterms('title'), literal(titleEn, 'en'));
    add(dist, dcat('accessURL'), url);
    add(dist, dcat('downloadURL'), url);
    add(dist, dcat('mediaType'), iana('application/n-quads'));
    add(dist, dcterms('format'), euFileType('RDF_N_QUADS'));
    add(dist, dcterms('conformsTo'), d.standard('http://www.w3.org/TR/n-quads/', 'RDF 1.1 N-Quads'));
    add(dist, dcterms('language'), DUTCH);
    if (gzip) add(dist, dcat('compressFormat'), iana('application/gzip'));
    add(dist, dcterms('license'), d.license);
    if (input.date !== null) {
      add(dist, dcterms('issued'), date(input.date));
      add(dist, dcterms('modified'), date(input.date));
    }
    add(dist, dcat('byteSize'), nonNegative(facts.bytes));
    add(dist, spdx('checksum'), checksum);
    add(checksum, rdf('type'), spdx('Checksum'));
    add(checksum, spdx('algorithm'), spdx('checksumAlgorithm_sha256'));
    add(checksum, spdx('checksumValue'), literal(facts.sha256, xsd('hexBinary')));
    add(ds, void_('dataDump'), url);
  };
  distribution('nquads', input.files.nquads, 'Alle documenten, N-Quads', 'All documents, N-Quads', false);
  distribution('nquads-gzip', input.files.nquadsGzip, 'Alle documenten, N-Quads (gzip)', 'All documents, N-Quads (gzip)', true);
  for (const type of ['application/n-quads', 'application/gzip']) add(iana(type), rdf('type'), dcterms('MediaType'));
  add(euFileType('RDF_N_QUADS'), rdf('type'), dcterms('MediaTypeOrExtent'));
  add(d.license, rdf('type'), dcterms('LicenseDocument'));
}

/** The SPARQL endpoint: a DataService serving the dataset, and a distribution reached through it. */
function describeEndpoint(d: Description): void {
  const { add, ds, minter, endpoint } = d;
  const service = minter.datasetPart('dienst', 'sparql');
  add(service, rdf('type'), dcat('DataService'));
  add(service, dcterms('title'), literal('SPARQL-endpoint van kamerstukken-ld', 'nl'));
  add(service, dcterms('title'), literal('kamerstukken-ld SPARQL endpoint', 'en'));
  add(service, dcterms('description'), literal('SPARQL 1.1-endpoint over alle documenten; de default graph is de vereniging van de benoemde grafen.', 'nl'));
  add(service, dcterms('description'), literal('SPARQL 1.1 endpoint over all documents; the default graph is the union of the named graphs.', 'en'));
  add(service, dcterms('identifier'), literal(service.value));
  add(service, dcat('endpointURL'), endpoint);
  // A GET on the endpoint without a query returns its SPARQL service description.
  add(service, dcat('endpointDescription'), endpoint);
  add(service, dcat('servesDataset'), ds);
  add(service, dcterms('conformsTo'), d.standard('https://www.w3.org/TR/sparql11-protocol/', 'SPARQL 1.1 Protocol'));
  describeShared(d, service);
  add(service, dcat('keyword'), literal('SPARQL', 'en'));
  const viaEndpoint = minter.datasetPart('distributie', 'sparql');
  add(ds, dcat('distribution'), viaEndpoint);
  add(viaEndpoint, rdf('type'), dcat('Distribution'));
  add(viaEndpoint, dcterms('title'), literal('Alle documenten, via het SPARQL-endpoint', 'nl'));
  add(viaEndpoint, dcterms('title'), literal('All documents, through the SPARQL endpoint', 'en'));
  add(viaEndpoint, dcat('accessURL'), endpoint);
  add(viaEndpoint, dcat('accessService'), service);
  add(viaEndpoint, dcterms('license'), d.license);
  add(viaEndpoint, dcterms('language'), DUTCH);
  add(viaEndpoint, dcterms('conformsTo'), d.standard(minter.ontology.replace(/#$/, ''), ONTOLOGY_TITLE));
  add(ds, void_('sparqlEndpoint'), endpoint);
}

/** VoID: the counts, an example resource, a partition per class and per property, the vocabularies used. */
function describeStatistics({ add, ds, minter, input }: Description): void {
  const { stats } = input;
  const ns = namespaces(minter);
  const uriSpace = `${minter.base}id/`;
  add(ds, void_('feature'), DataFactory.namedNode('http://www.w3.org/ns/formats/N-Quads'));
  add(ds, void_('uriSpace'), literal(uriSpace));
  add(ds, void_('triples'), int(stats.triples));
  add(ds, void_('entities'), int(stats.entities(uriSpace)));
  add(ds, void_('distinctSubjects'), int(stats.distinctSubjects));
  add(ds, void_('classes'), int(stats.classes.size));
  add(ds, void_('properties'), int(stats.properties.size));
  add(ds, void_('documents'), int(input.documents));
  const [example] = input.documentIds;
  if (example !== undefined) add(ds, void_('exampleResource'), minter.document(example));

  const vocabularies = new Set<string>();
  for (const c of [...stats.classes.keys()].sort()) {
    const part = minter.datasetPart('klasse', termSlug(c, ns));
    add(ds, void_('classPartition'), part);
    add(part, rdf('type'), void_('Dataset'));
    add(part, void_('class'), DataFactory.namedNode(c));
    add(part, void_('entities'), int(stats.classes.get(c) ?? 0));
    const v = vocabularyOf(c, ns);
    if (v) vocabularies.add(v);
  }
  for (const p of [...stats.properties.keys()].sort()) {
    const part = minter.datasetPart('eigenschap', termSlug(p, ns));
    add(ds, void_('propertyPartition'), part);
    add(part, rdf('type'), void_('Dataset'));
    add(part, void_('property'), DataFactory.namedNode(p));
    add(part, void_('triples'), int(stats.properties.get(p) ?? 0));
    const v = vocabularyOf(p, ns);
    if (v) vocabularies.add(v);
  }
  for (const v of [...vocabularies].sort()) add(ds, void_('vocabulary'), DataFactory.namedNode(v));
}

/**
 * Linksets: one per target and link predicate that the data uses (a VoID linkset names its predicate);
 * a target the data does not link to gets no linkset.
 */
function describeLinksets({ add, ds, minter, input }: Description): void {
  const ns = namespaces(minter);
  const links = input.stats.links;
  for (const target of LINK_TARGETS) {
    const predicates = [...links.entries()]
      .filter(([k, n]) => k.startsWith(`${target.key} `) && n > 0)
      .map(([k, n]): [string, number] => [k.slice(target.key.length + 1), n])
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    if (predicates.length === 0) continue;
    const targetNode = minter.datasetPart('doel', target.key);
    add(targetNode, rdf('type'), void_('Dataset'));
    add(targetNode, dcterms('title'), literal(target.title));
    add(targetNode, foaf('homepage'), DataFactory.namedNode(target.homepage));
    for (const space of target.uriSpaces) add(targetNode, void_('uriSpace'), literal(space));
    for (const [predicate, n] of predicates) {
      const ls = minter.datasetPart('linkset', `${target.key}-${termSlug(predicate, ns)}`);
      add(ds, void_('subset'), ls);
      add(ls, rdf('type'), void_('Linkset'));
      add(ls, void_('subjectsTarget'), ds);
      add(ls, void_('objectsTarget'), targetNode);
      add(ls, void_('linkPredicate'), DataFactory.namedNode(predicate));
      add(ls, void_('triples'), int(n));
      add(ls, rdfs('label'), literal(`Links to ${target.title}`, 'en'));
    }
  }
}

/** Shared nodes (a standard several distributions conform to) are stated once. */
function withoutRepeats(quads: readonly Quad[]): Quad[] {
  const seen = new Set<string>();
  return quads.filter((q) => {
    const o = q.object;
    const key = `${q.subject.value} ${q.predicate.value} ${o.termType} ${o.value} ${o.termType === 'Literal' ? `${o.language} ${o.datatype.value}` : ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Where the corpus came from: dct:source the repository's SRU endpoint (and the Tweede
 * Kamer's open data when links were taken), and a harvest activity with its end time and
 * query (prov:Activity, prov:endedAtTime, prov:used), stated in words too (dct:provenance).
 */
function describeHarvest(h: HarvestProvenance, minter: IriMinter, ds: NamedNode, add: Add): void {
  const sru = DataFactory.namedNode(h.source);
  const activity = minter.datasetPart('oogst', 'laatste');
  const statement = minter.datasetPart('herkomst', 'oogst');
  const when = h.harvested;
  add(ds, dcterms('source'), sru);
  add(ds, prov('wasInfluencedBy'), activity);
  add(activity, rdf('type'), prov('Activity'));
  add(activity, prov('endedAtTime'), literal(when, xsd('dateTime')));
  add(activity, prov('used'), sru);
  if (h.query !== '') add(activity, rdfs('comment'), literal(`SRU query (CQL): ${h.query}`));
  add(ds, dcterms('provenance'), statement);
  add(statement, rdf('type'), dcterms('ProvenanceStatement'));
  const n = h.documents;
  let nl = `Geoogst uit ${h.source} op ${when.slice(0, 10)} (${n} ${n === 1 ? 'document' : 'documenten'}).`;
  let en = `Harvested from ${h.source} on ${when.slice(0, 10)} (${n} ${n === 1 ? 'document' : 'documents'}).`;
  if (h.tweedekamer) {
    const tk = DataFactory.namedNode(h.tweedekamer.source);
    add(ds, dcterms('source'), tk);
    add(activity, prov('used'), tk);
    nl += ` Zaken, fracties en personen uit ${h.tweedekamer.source} op ${h.tweedekamer.retrieved}.`;
    en += ` Cases, factions and members from ${h.tweedekamer.source} on ${h.tweedekamer.retrieved}.`;
  }
  add(statement, rdfs('label'), literal(nl, 'nl'));
  add(statement, rdfs('label'), literal(en, 'en'));
}
