/**
 * One language per page: Dutch by default, English with ?lang=en or an
 * Accept-Language that prefers English. Labels of our terms come from the
 * ontology (rdfs:label @nl/@en); the few reused terms shown on pages have
 * their labels here; the page's own words are in WORDS.
 */
import type { Quad } from '@rdfjs/types';
import { PREFIXES } from '../../rdf/vocab.js';

export type Lang = 'nl' | 'en';
export const LANGS: readonly Lang[] = ['nl', 'en'];

/** ?lang= wins; otherwise the first of nl/en in Accept-Language (by q); otherwise Dutch. */
export function chooseLang(url: URL, acceptLanguage: string | undefined): Lang {
  const param = url.searchParams.get('lang');
  if (param === 'nl' || param === 'en') return param;
  if (!acceptLanguage) return 'nl';
  const ranked = acceptLanguage
    .split(',')
    .map((part, i) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = Number(/q=([\d.]+)/.exec(params.join(';'))?.[1] ?? '1');
      return {
        lang: tag.trim().toLowerCase().split('-')[0] ?? '',
        q: Number.isFinite(q) ? q : 0,
        i,
      };
    })
    .filter((x) => x.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const r of ranked) if (r.lang === 'nl' || r.lang === 'en') return r.lang;
  return 'nl';
}

const RDFS_LABEL = 'http://www.w3.org/2000/01/rdf-schema#label';
const SKOS_PREF = 'http://www.w3.org/2004/02/skos/core#prefLabel';

/** Labels of reused terms that appear on pages (the ontology labels only our own). */
const REUSED: Record<string, [string, string]> = {
  'http://www.w3.org/1999/02/22-rdf-syntax-ns#type': ['soort', 'type'],
  'http://www.w3.org/2000/01/rdf-schema#label': ['naam', 'label'],
  'http://www.w3.org/2000/01/rdf-schema#comment': ['toelichting', 'comment'],
  'http://www.w3.org/2000/01/rdf-schema#seeAlso': ['zie ook', 'see also'],
  'http://purl.org/dc/terms/title': ['titel', 'title'],
  'http://purl.org/dc/terms/identifier': ['kenmerk', 'identifier'],
  'http://purl.org/dc/terms/dateSubmitted': ['ingezonden', 'submitted'],
  'http://purl.org/dc/terms/issued': ['uitgegeven', 'issued'],
  'http://purl.org/dc/terms/modified': ['gewijzigd', 'modified'],
  'http://purl.org/dc/terms/date': ['datum', 'date'],
  'http://purl.org/dc/terms/creator': ['maker', 'creator'],
  'http://purl.org/dc/terms/contributor': ['bijdrager', 'contributor'],
  'http://purl.org/dc/terms/publisher': ['uitgever', 'publisher'],
  'http://purl.org/dc/terms/license': ['licentie', 'license'],
  'http://purl.org/dc/terms/description': ['beschrijving', 'description'],
  'http://purl.org/dc/terms/isPartOf': ['deel van', 'part of'],
  'http://purl.org/dc/terms/hasPart': ['heeft deel', 'has part'],
  'http://purl.org/dc/terms/source': ['bron', 'source'],
  'http://purl.org/dc/terms/format': ['formaat', 'format'],
  'http://purl.org/dc/terms/language': ['taal', 'language'],
  'http://purl.org/dc/terms/conformsTo': ['volgt', 'conforms to'],
  'http://www.w3.org/2004/02/skos/core#prefLabel': ['naam', 'preferred label'],
  'http://www.w3.org/2004/02/skos/core#altLabel': ['andere naam', 'alternative label'],
  'http://www.w3.org/2004/02/skos/core#notation': ['afkorting', 'notation'],
  'http://www.w3.org/2004/02/skos/core#inScheme': ['in lijst', 'in scheme'],
  'http://www.w3.org/2004/02/skos/core#definition': ['definitie', 'definition'],
  'http://www.w3.org/2004/02/skos/core#exactMatch': ['zelfde als', 'exact match'],
  'http://www.w3.org/2004/02/skos/core#closeMatch': ['vergelijkbaar met', 'close match'],
  'http://www.w3.org/2004/02/skos/core#broader': ['valt onder', 'broader'],
  'http://www.w3.org/2004/02/skos/core#narrower': ['omvat', 'narrower'],
  'http://www.w3.org/2004/02/skos/core#hiddenLabel': ['zoekterm', 'hidden label'],
  'http://www.w3.org/2004/02/skos/core#related': ['verwant', 'related'],
  'http://www.w3.org/2004/02/skos/core#scopeNote': ['toelichting', 'scope note'],
  'http://www.w3.org/2004/02/skos/core#note': ['opmerking', 'note'],
  'http://www.w3.org/2004/02/skos/core#member': ['lid', 'member'],
  'http://www.w3.org/2004/02/skos/core#hasTopConcept': ['omvat', 'has top concept'],
  'http://www.w3.org/2004/02/skos/core#topConceptOf': ['hoofdbegrip van', 'top concept of'],
  'http://www.w3.org/2004/02/skos/core#Concept': ['begrip', 'concept'],
  'http://www.w3.org/2004/02/skos/core#ConceptScheme': ['begrippenlijst', 'concept scheme'],
  'http://www.w3.org/ns/org#Organization': ['organisatie', 'organisation'],
  'http://www.w3.org/ns/oa#TextPositionSelector': ['plaats in de tekst', 'text position'],
  'http://www.w3.org/ns/prov#Activity': ['activiteit', 'activity'],
  'http://www.w3.org/ns/prov#SoftwareAgent': ['software', 'software agent'],
  'http://xmlns.com/foaf/0.1/Person': ['persoon', 'person'],
  'http://www.w3.org/ns/org#member': ['lid', 'member'],
  'http://www.w3.org/ns/org#hasMember': ['heeft lid', 'has member'],
  'http://www.w3.org/ns/org#hasSubOrganization': ['heeft onderdeel', 'has part'],
  'http://www.w3.org/ns/org#holds': ['bekleedt', 'holds'],
  'http://www.w3.org/ns/org#role': ['rol', 'role'],
  'http://www.w3.org/2002/07/owl#sameAs': ['zelfde als', 'same as'],
  'http://xmlns.com/foaf/0.1/name': ['naam', 'name'],
  'http://xmlns.com/foaf/0.1/page': ['webpagina', 'web page'],
  'http://xmlns.com/foaf/0.1/homepage': ['website', 'homepage'],
  'http://www.w3.org/ns/org#memberOf': ['lid van', 'member of'],
  'http://www.w3.org/ns/org#subOrganizationOf': ['onderdeel van', 'part of'],
  'http://www.w3.org/ns/prov#wasDerivedFrom': ['afgeleid van', 'derived from'],
  'http://www.w3.org/ns/prov#wasGeneratedBy': ['gemaakt door', 'generated by'],
  'http://www.w3.org/ns/prov#used': ['gebruikte', 'used'],
  'http://www.w3.org/ns/prov#wasAssociatedWith': ['uitgevoerd door', 'associated with'],
  'http://www.w3.org/ns/oa#hasSelector': ['plaats in de bron', 'selector'],
  'http://www.w3.org/ns/oa#hasSource': ['bron', 'source'],
  'http://www.w3.org/ns/oa#start': ['begin', 'start'],
  'http://www.w3.org/ns/oa#end': ['einde', 'end'],
  'https://schema.org/foundingDate': ['opgericht', 'founded'],
  'https://schema.org/dissolutionDate': ['opgeheven', 'dissolved'],
  'http://www.w3.org/ns/dcat#downloadURL': ['downloadadres', 'download URL'],
  'http://www.w3.org/ns/dcat#distribution': ['distributie', 'distribution'],
  'http://www.w3.org/ns/dcat#mediaType': ['mediatype', 'media type'],
  'http://www.w3.org/ns/dcat#byteSize': ['grootte (bytes)', 'size (bytes)'],
  'http://rdfs.org/ns/void#triples': ['triples', 'triples'],
  'http://www.w3.org/ns/dcat#accessURL': ['toegangsadres', 'access URL'],
  'http://www.w3.org/ns/dcat#compressFormat': ['compressie', 'compression format'],
  'http://www.w3.org/ns/dcat#contactPoint': ['contactpunt', 'contact point'],
  'http://www.w3.org/ns/dcat#endDate': ['einddatum', 'end date'],
  'http://www.w3.org/ns/dcat#startDate': ['begindatum', 'start date'],
  'http://www.w3.org/ns/dcat#keyword': ['trefwoord', 'keyword'],
  'http://www.w3.org/ns/dcat#landingPage': ['webpagina', 'landing page'],
  'http://www.w3.org/ns/dcat#theme': ['thema', 'theme'],
  'http://purl.org/dc/terms/temporal': ['periode', 'temporal coverage'],
  'http://spdx.org/rdf/terms#checksum': ['controlegetal', 'checksum'],
  'http://spdx.org/rdf/terms#checksumValue': ['waarde', 'checksum value'],
  'http://spdx.org/rdf/terms#algorithm': ['algoritme', 'algorithm'],
  'http://www.w3.org/2006/vcard/ns#fn': ['naam', 'name'],
  'http://www.w3.org/2006/vcard/ns#hasURL': ['website', 'URL'],
  'http://rdfs.org/ns/void#classPartition': ['per klasse', 'class partition'],
  'http://rdfs.org/ns/void#propertyPartition': ['per eigenschap', 'property partition'],
  'http://rdfs.org/ns/void#classes': ['klassen', 'classes'],
  'http://rdfs.org/ns/void#class': ['klasse', 'class'],
  'http://rdfs.org/ns/void#property': ['eigenschap', 'property'],
  'http://rdfs.org/ns/void#properties': ['eigenschappen', 'properties'],
  'http://rdfs.org/ns/void#distinctSubjects': ['verschillende onderwerpen', 'distinct subjects'],
  'http://rdfs.org/ns/void#distinctObjects': ['verschillende objecten', 'distinct objects'],
  'http://rdfs.org/ns/void#exampleResource': ['voorbeeld', 'example resource'],
  'http://rdfs.org/ns/void#feature': ['kenmerk', 'feature'],
  'http://rdfs.org/ns/void#objectsTarget': ['doel', 'objects target'],
  'http://rdfs.org/ns/void#subjectsTarget': ['bron', 'subjects target'],
  'http://rdfs.org/ns/void#linkPredicate': ['verbindende eigenschap', 'link predicate'],
  'http://rdfs.org/ns/void#subset': ['deelverzameling', 'subset'],
  'http://rdfs.org/ns/void#uriSpace': ['IRI-ruimte', 'URI space'],
  'http://rdfs.org/ns/void#vocabulary': ['vocabulaire', 'vocabulary'],
  'http://rdfs.org/ns/void#entities': ['entiteiten', 'entities'],
  'http://rdfs.org/ns/void#documents': ['documenten', 'documents'],
  'http://rdfs.org/ns/void#sparqlEndpoint': ['SPARQL-endpoint', 'SPARQL endpoint'],
  'http://rdfs.org/ns/void#dataDump': ['download', 'data dump'],
  'http://data.europa.eu/eli/ontology#title': ['titel', 'title'],
  'http://data.europa.eu/eli/ontology#date_document': ['datum', 'date'],
  'http://data.europa.eu/eli/ontology#date_publication': ['publicatiedatum', 'publication date'],
  'http://data.europa.eu/eli/ontology#is_part_of': ['deel van', 'part of'],
  'http://data.europa.eu/eli/ontology#has_part': ['heeft deel', 'has part'],
  'http://data.europa.eu/eli/ontology#cites': ['verwijst naar', 'cites'],
  'http://data.europa.eu/eli/ontology#is_realized_by': ['verschenen als', 'realized by'],
  'http://data.europa.eu/eli/ontology#realizes': ['is uitgave van', 'realizes'],
  'http://data.europa.eu/eli/ontology#type_document': ['soort stuk', 'document type'],
  'http://data.europa.eu/eli/ontology#language': ['taal', 'language'],
  'http://data.europa.eu/eli/ontology#number': ['nummer', 'number'],
  'http://data.europa.eu/eli/ontology#passed_by': ['vastgesteld door', 'passed by'],
  'http://data.europa.eu/eli/ontology#responsibility_of': ['verantwoordelijk', 'responsibility of'],
};

/** Compact "kld:askedBy" / "dcterms:title" form of an IRI, shown on hover. */
export function prefixedName(value: string, ontology: string): string {
  if (value.startsWith(ontology)) return `kld:${value.slice(ontology.length)}`;
  for (const [p, ns] of Object.entries(PREFIXES)) if (value.startsWith(ns) && value.length > ns.length) return `${p}:${value.slice(ns.length)}`;
  return value;
}

/** Labels of terms (properties, classes, genres) in one language, from the ontology. */
export class TermLabels {
  private readonly labels = new Map<string, Partial<Record<Lang, string>>>();
  constructor(
    ontologyQuads: readonly Quad[],
    readonly ontology: string,
  ) {
    for (const q of ontologyQuads) {
      if (q.object.termType !== 'Literal' || (q.predicate.value !== RDFS_LABEL && q.predicate.value !== SKOS_PREF)) continue;
      const lang = q.object.language as Lang;
      if (lang !== 'nl' && lang !== 'en') continue;
      const entry = this.labels.get(q.subject.value) ?? {};
      // rdfs:label wins over skos:prefLabel where both exist.
      if (entry[lang] === undefined || q.predicate.value === RDFS_LABEL) entry[lang] = q.object.value;
      this.labels.set(q.subject.value, entry);
    }
  }

  /** The label in `lang`, else in the other language, else undefined. */
  label(value: string, lang: Lang): string | undefined {
    const own = this.labels.get(value);
    if (own) return own[lang] ?? own[lang === 'nl' ? 'en' : 'nl'];
    const reused = REUSED[value];
    if (reused) return lang === 'nl' ? reused[0] : reused[1];
    return undefined;
  }

  /** The label, or the prefixed name when the term has none. */
  name(value: string, lang: Lang): string {
    return this.label(value, lang) ?? prefixedName(value, this.ontology);
  }
}

export const WORDS = {
  nl: {
    papers: 'Documenten',
    query: 'SPARQL',
    ontology: 'Ontologie',
    dataset: 'Dataset & downloads',
    features: 'Over het endpoint',
    otherLang: 'English',
    genre: 'Soort',
    dossier: 'Dossier',
    session: 'Vergaderjaar',
    number: 'Nummer',
    submitted: 'Ingezonden',
    received: 'Ontvangen',
    askedBy: 'Gesteld door',
    addressedTo: 'Gericht aan',
    answeredBy: 'Beantwoord door',
    pages: "Pagina's",
    official: 'Officiële publicatie',
    data: 'Gegevens',
    source: 'Brontekst',
    question: 'Vraag',
    questions: 'Vragen',
    subquestions: 'Deelvragen',
    answer: 'Antwoord',
    noAnswer: 'Geen antwoord op dit blok.',
    block: 'blok',
    footnotes: 'Voetnoten',
    mentioned: 'Genoemd',
    citations: 'Verwijzingen',
    cited: 'Aangehaalde stukken',
    inCorpus: 'in deze verzameling',
    notice: 'Mededeling',
    linksHere: 'Verwijzingen hierheen',
    of: 'van',
    previous: 'vorige',
    next: 'volgende',
    involved: 'Stukken waarin dit voorkomt',
    blocks: 'blokken',
    answers: 'antwoorden',
    citationsCount: 'verwijzingen',
    date: 'Datum',
    title: 'Titel',
    all: 'alle',
    year: 'Jaar',
    faction: 'Fractie',
    filter: 'Filter',
    count: 'stukken',
    none: 'Geen stukken gevonden.',
    untitled: '(zonder titel)',
    properties: 'Eigenschappen',
    sourceSpan: 'bron: tekens',
    page: 'p.',
    members: 'leden',
    citedBy: 'Aangehaald in',
  },
  en: {
    papers: 'Papers',
    query: 'SPARQL',
    ontology: 'Ontology',
    dataset: 'Dataset & downloads',
    features: 'About the endpoint',
    otherLang: 'Nederlands',
    genre: 'Genre',
    dossier: 'Dossier',
    session: 'Session',
    number: 'Number',
    submitted: 'Submitted',
    received: 'Received',
    askedBy: 'Asked by',
    addressedTo: 'Addressed to',
    answeredBy: 'Answered by',
    pages: 'Pages',
    official: 'Official publication',
    data: 'Data',
    source: 'Source text',
    question: 'Question',
    questions: 'Questions',
    subquestions: 'Sub-questions',
    answer: 'Answer',
    noAnswer: 'No answer to this block.',
    block: 'block',
    footnotes: 'Footnotes',
    mentioned: 'Mentioned',
    citations: 'Citations',
    cited: 'Cited papers',
    inCorpus: 'in this collection',
    notice: 'Notice',
    linksHere: 'Links here',
    of: 'of',
    previous: 'previous',
    next: 'next',
    involved: 'Papers involving this',
    blocks: 'blocks',
    answers: 'answers',
    citationsCount: 'citations',
    date: 'Date',
    title: 'Title',
    all: 'all',
    year: 'Year',
    faction: 'Faction',
    filter: 'Filter',
    count: 'papers',
    none: 'No papers found.',
    untitled: '(untitled)',
    properties: 'Properties',
    sourceSpan: 'source: characters',
    page: 'p.',
    members: 'members',
    citedBy: 'Cited in',
  },
} as const satisfies Record<Lang, Record<string, string>>;

export type Words = (typeof WORDS)['nl'] | (typeof WORDS)['en'];

const MONTHS: Record<Lang, string[]> = {
  nl: ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};

/** "2024-06-05" → "5 juni 2024" / "5 June 2024"; other values unchanged. */
export function formatDate(value: string, lang: Lang): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return value;
  const month = MONTHS[lang][Number(m[2]) - 1];
  return month ? `${Number(m[3])} ${month} ${m[1]}` : value;
}
