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
import { PREFIXES, dcat, dcterms, foaf, namespace, prov, rdf, rdfs, schema, spdx, void_, xsd } from '../rdf/vocab.js';
import type { HarvestProvenance } from '../harvest/provenance.js';
import type { FileFacts } from '../output-layout.js';
import type { CorpusStats, LinkTarget } from './stats.js';

const { quad, literal } = DataFactory;
const vcard = namespace('http://www.w3.org/2006/vcard/ns#');
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

/** The DCAT + VoID description as quads in the default graph. */
export function describeDataset(input: DescriptionInput): Quad[] {
  const { minter, stats, files } = input;
  const meta = input.metadata ?? DEFAULT_METADATA;
  const ns = namespaces(minter);
  const out: Quad[] = [];
  const add = (s: NamedNode, p: NamedNode, o: Quad_Object): void => {
    out.push(quad(s, p, o));
  };

  const ds = minter.dataset();
  const uriSpace = `${minter.base}id/`;
  const publisher = DataFactory.namedNode(meta.publisher ?? minter.datasetPart('agent', 'uitgever').value);
  const contact = minter.datasetPart('contact', 'uitgever');
  const landing = DataFactory.namedNode(meta.landingPage ?? minter.base);
  const endpoint = DataFactory.namedNode(`${minter.base}sparql`);
  const documentation = DataFactory.namedNode(minter.ontology.replace(/#$/, ''));
  const dutch = DataFactory.namedNode('http://publications.europa.eu/resource/authority/language/NLD');
  const publicAccess = DataFactory.namedNode('http://publications.europa.eu/resource/authority/access-right/PUBLIC');
  // dct:conformsTo values are dct:Standard (DCAT-AP range), each with a title.
  const standard = (iri: string, title: string): NamedNode => {
    const node = DataFactory.namedNode(iri);
    add(node, rdf('type'), dcterms('Standard'));
    add(node, dcterms('title'), literal(title, 'en'));
    return node;
  };

  // --- DCAT (DCAT-AP-NL) ---
  add(ds, rdf('type'), dcat('Dataset'));
  add(ds, rdf('type'), void_('Dataset'));
  add(ds, dcterms('title'), literal(meta.title.nl, 'nl'));
  add(ds, dcterms('title'), literal(meta.title.en, 'en'));
  add(ds, dcterms('description'), literal(meta.description.nl, 'nl'));
  add(ds, dcterms('description'), literal(meta.description.en, 'en'));
  add(ds, dcterms('identifier'), literal(ds.value));
  add(ds, dcterms('publisher'), publisher);
  // DCAT-AP-NL 3 requires a creator: the same agent that publishes the dataset makes it.
  add(ds, dcterms('creator'), publisher);
  add(ds, dcterms('license'), DataFactory.namedNode(meta.license));
  add(ds, dcterms('accessRights'), publicAccess);
  add(ds, dcterms('language'), dutch);
  add(ds, dcat('theme'), DataFactory.namedNode('http://publications.europa.eu/resource/authority/data-theme/GOVE'));
  add(ds, dcat('keyword'), literal('Kamerstukken', 'nl'));
  add(ds, dcat('keyword'), literal('schriftelijke vragen', 'nl'));
  add(ds, dcat('keyword'), literal('Tweede Kamer', 'nl'));
  add(ds, dcat('keyword'), literal('written questions', 'en'));
  if (input.date !== null) {
    add(ds, dcterms('issued'), date(input.date));
    add(ds, dcterms('modified'), date(input.date));
  }
  add(ds, dcat('landingPage'), landing);
  add(landing, rdf('type'), foaf('Document'));
  add(ds, foaf('page'), documentation);
  add(documentation, rdf('type'), foaf('Document'));
  add(ds, dcat('contactPoint'), contact);
  add(ds, dcterms('conformsTo'), standard(minter.ontology.replace(/#$/, ''), ONTOLOGY_TITLE));
  if (input.period) {
    const period = minter.datasetPart('periode', 'documenten');
    add(ds, dcterms('temporal'), period);
    add(period, rdf('type'), dcterms('PeriodOfTime'));
    add(period, dcat('startDate'), date(input.period.start));
    add(period, dcat('endDate'), date(input.period.end));
  }

  if (input.harvest) describeHarvest(input.harvest, minter, ds, add);

  add(publisher, rdf('type'), foaf('Agent'));
  add(publisher, foaf('name'), literal(meta.publisherName));
  add(contact, rdf('type'), vcard('Kind'));
  add(contact, rdf('type'), vcard('Organization'));
  add(contact, vcard('fn'), literal(meta.publisherName));
  add(contact, vcard('hasURL'), landing);

  const distribution = (key: string, facts: FileFacts, titleNl: string, titleEn: string, gzip: boolean): NamedNode => {
    const d = minter.datasetPart('distributie', key);
    const checksum = minter.datasetPart('checksum', key);
    const url = minter.download(facts.name);
    add(ds, dcat('distribution'), d);
    add(d, rdf('type'), dcat('Distribution'));
    add(d, dcterms('title'), literal(titleNl, 'nl'));
    add(d, dcterms('title'), literal(titleEn, 'en'));
    add(d, dcat('accessURL'), url);
    add(d, dcat('downloadURL'), url);
    add(d, dcat('mediaType'), iana('application/n-quads'));
    add(d, dcterms('format'), euFileType('RDF_N_QUADS'));
    add(d, dcterms('conformsTo'), standard('http://www.w3.org/TR/n-quads/', 'RDF 1.1 N-Quads'));
    add(d, dcterms('language'), dutch);
    if (gzip) add(d, dcat('compressFormat'), iana('application/gzip'));
    add(d, dcterms('license'), DataFactory.namedNode(meta.license));
    if (input.date !== null) {
      add(d, dcterms('issued'), date(input.date));
      add(d, dcterms('modified'), date(input.date));
    }
    add(d, dcat('byteSize'), nonNegative(facts.bytes));
    add(d, spdx('checksum'), checksum);
    add(checksum, rdf('type'), spdx('Checksum'));
    add(checksum, spdx('algorithm'), spdx('checksumAlgorithm_sha256'));
    add(checksum, spdx('checksumValue'), literal(facts.sha256, xsd('hexBinary')));
    add(ds, void_('dataDump'), url);
    return d;
  };
  distribution('nquads', files.nquads, 'Alle documenten, N-Quads', 'All documents, N-Quads', false);
  distribution('nquads-gzip', files.nquadsGzip, 'Alle documenten, N-Quads (gzip)', 'All documents, N-Quads (gzip)', true);

  // The SPARQL endpoint: a DataService serving the dataset, and a distribution reached through it.
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
  add(service, dcterms('conformsTo'), standard('https://www.w3.org/TR/sparql11-protocol/', 'SPARQL 1.1 Protocol'));
  add(service, dcterms('publisher'), publisher);
  add(service, dcterms('creator'), publisher);
  add(service, dcterms('language'), dutch);
  add(service, dcterms('license'), DataFactory.namedNode(meta.license));
  add(service, dcterms('accessRights'), publicAccess);
  add(service, dcat('contactPoint'), contact);
  add(service, dcat('theme'), DataFactory.namedNode('http://publications.europa.eu/resource/authority/data-theme/GOVE'));
  add(service, dcat('keyword'), literal('SPARQL', 'en'));
  add(service, foaf('page'), documentation);
  const viaEndpoint = minter.datasetPart('distributie', 'sparql');
  add(ds, dcat('distribution'), viaEndpoint);
  add(viaEndpoint, rdf('type'), dcat('Distribution'));
  add(viaEndpoint, dcterms('title'), literal('Alle documenten, via het SPARQL-endpoint', 'nl'));
  add(viaEndpoint, dcterms('title'), literal('All documents, through the SPARQL endpoint', 'en'));
  add(viaEndpoint, dcat('accessURL'), endpoint);
  add(viaEndpoint, dcat('accessService'), service);
  add(viaEndpoint, dcterms('license'), DataFactory.namedNode(meta.license));
  add(viaEndpoint, dcterms('language'), dutch);
  add(viaEndpoint, dcterms('conformsTo'), standard(minter.ontology.replace(/#$/, ''), ONTOLOGY_TITLE));
  add(ds, void_('sparqlEndpoint'), endpoint);

  for (const type of ['application/n-quads', 'application/gzip']) add(iana(type), rdf('type'), dcterms('MediaType'));
  add(euFileType('RDF_N_QUADS'), rdf('type'), dcterms('MediaTypeOrExtent'));
  add(DataFactory.namedNode(meta.license), rdf('type'), dcterms('LicenseDocument'));

  // --- VoID ---
  add(ds, void_('feature'), DataFactory.namedNode('http://www.w3.org/ns/formats/N-Quads'));
  add(ds, void_('uriSpace'), literal(uriSpace));
  add(ds, void_('triples'), int(stats.triples));
  add(ds, void_('entities'), int(stats.entities(uriSpace)));
  add(ds, void_('distinctSubjects'), int(stats.subjects.size));
  add(ds, void_('classes'), int(stats.classes.size));
  const properties = stats.properties;
  const links = stats.links;
  add(ds, void_('properties'), int(properties.size));
  add(ds, void_('documents'), int(input.documents));
  const [example] = input.documentIds;
  if (example !== undefined) add(ds, void_('exampleResource'), minter.document(example));

  const vocabularies = new Set<string>();
  for (const c of [...stats.classes.keys()].sort()) {
    const part = minter.datasetPart('klasse', termSlug(c, ns));
    add(ds, void_('classPartition'), part);
    add(part, rdf('type'), void_('Dataset'));
    add(part, void_('class'), DataFactory.namedNode(c));
    add(part, void_('entities'), int((stats.classes.get(c) as Set<string>).size));
    const v = vocabularyOf(c, ns);
    if (v) vocabularies.add(v);
  }
  for (const p of [...properties.keys()].sort()) {
    const part = minter.datasetPart('eigenschap', termSlug(p, ns));
    add(ds, void_('propertyPartition'), part);
    add(part, rdf('type'), void_('Dataset'));
    add(part, void_('property'), DataFactory.namedNode(p));
    add(part, void_('triples'), int(properties.get(p) ?? 0));
    const v = vocabularyOf(p, ns);
    if (v) vocabularies.add(v);
  }
  for (const v of [...vocabularies].sort()) add(ds, void_('vocabulary'), DataFactory.namedNode(v));

  // Linksets: one per target and link predicate that the data uses (a VoID linkset names its predicate);
  // a target the data does not link to gets no linkset.
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
  // Shared nodes (a standard several distributions conform to) are stated once.
  const seen = new Set<string>();
  return out.filter((q) => {
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
function describeHarvest(h: HarvestProvenance, minter: IriMinter, ds: NamedNode, add: (s: NamedNode, p: NamedNode, o: Quad_Object) => void): void {
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
