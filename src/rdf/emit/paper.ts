/**
 * The paper as an ELI work (eli:Work with work type, title, date, publisher,
 * dossier membership, and its Dutch expression embodied in the official PDF,
 * XML and HTML), and the papers it cites (each an eli:Work too).
 */
import type { NamedNode } from '@rdfjs/types';
import { DataFactory } from 'n3';
import type { Citation, CitationKind, Genre, KamervragenStage } from '../../model.js';
import { isProvisionalId, officialDossierUrl, officialUrl, type KldTerm } from '../iris.js';
import { dcterms, eli, foaf } from '../vocab.js';
import { a, date, int, nl, str, type Emit } from './writer.js';

const { namedNode } = DataFactory;

/** The ontology individual (kld:…) for each genre of the model: our SKOS scheme of work types. */
export const GENRE_TERMS: Record<Genre, KldTerm> = {
  'verslag-schriftelijk-overleg': 'VerslagSchriftelijkOverleg',
  kamervragen: 'Kamervragen',
  'nota-naar-aanleiding-van-verslag': 'NotaNaarAanleidingVanVerslag',
  'lijst-van-vragen-en-antwoorden': 'LijstVanVragenEnAntwoorden',
  'inbreng-schriftelijk-overleg': 'InbrengSchriftelijkOverleg',
};

/** The ontology individual (kld:…) for each stage of the Kamervragen family. */
export const STAGE_TERMS: Record<KamervragenStage, KldTerm> = {
  questions: 'StageQuestions',
  'oral-questions': 'StageOralQuestions',
  answers: 'StageAnswers',
  notice: 'StageNotice',
};

/** The class (kld:…) of a cited paper by the kind of its id. */
export const CITED_CLASS: Record<CitationKind, KldTerm> = {
  kamerstuk: 'Kamerstuk',
  handelingen: 'Handelingen',
  aanhangsel: 'AanhangselPaper',
  'tk-document': 'TkDocumentNumber',
  'tk-zaak': 'TkZaakNumber',
};

/** Papers with a page on officielebekendmakingen (TK numbers have none). */
const OFFICIAL_KINDS: ReadonlySet<CitationKind> = new Set(['kamerstuk', 'handelingen', 'aanhangsel']);

/** EU authority tables ELI profiles use for language and file type. */
const DUTCH = namedNode('http://publications.europa.eu/resource/authority/language/NLD');
const FILE_TYPE = {
  pdf: namedNode('http://publications.europa.eu/resource/authority/file-type/PDF'),
  xml: namedNode('http://publications.europa.eu/resource/authority/file-type/XML'),
  html: namedNode('http://publications.europa.eu/resource/authority/file-type/HTML'),
} as const;

/** The date of the paper as a document: the answer's receipt for Kamervragen, else the date printed. */
export function documentDate(e: Emit): string | null {
  const { doc } = e;
  return doc.received ?? doc.submitted ?? null;
}

/** The paper's own metadata, as kld:Document and eli:Work. */
export function emitPaper(e: Emit): void {
  const { g, minter, doc, id, D, kld } = e;
  g.add(D, a, kld.Document);
  g.add(D, a, eli.Work);
  g.add(D, dcterms.identifier, str(id));
  const genre = kld(GENRE_TERMS[doc.genre]);
  g.add(D, kld.genre, genre);
  g.add(D, eli.work_type, genre);
  // A provisional id (the paper names none) has no official address: no page, no official files and no
  // publisher are claimed (a Rekenkamer letter, say, may never have been printed as a Kamerstuk).
  const official = !isProvisionalId(id);
  if (official) {
    g.add(D, kld.officialPublication, namedNode(officialUrl(id)));
    g.add(D, dcterms.publisher, tweedeKamer(e));
  }
  if (doc.genre === 'kamervragen' && doc.stage !== undefined && doc.stage !== null) g.add(D, kld.stage, kld(STAGE_TERMS[doc.stage]));
  if (doc.zaak !== undefined && doc.zaak !== null && /^[0-9]{4}Z[0-9]{5}$/.test(doc.zaak)) {
    // The Tweede Kamer case the questions belong to (as printed): where the askers are when the paper does not print them.
    const Z = minter.document(doc.zaak);
    g.add(Z, a, kld.TkZaakNumber);
    g.add(Z, a, kld.CitedPaper);
    g.add(Z, dcterms.identifier, str(doc.zaak));
    g.add(D, kld.zaak, Z);
  }
  if (doc.dossier !== null) {
    const Dos = emitDossier(e, doc.dossier);
    g.add(D, kld.dossier, Dos);
    g.add(D, eli.is_member_of, Dos);
  }
  if (doc.ondernummer !== null) g.add(D, kld.ondernummer, str(doc.ondernummer));
  if (doc.vergaderjaar !== null) g.add(D, kld.vergaderjaar, str(doc.vergaderjaar));
  if (doc.title !== null) g.add(D, dcterms.title, nl(doc.title));
  if (doc.submitted !== null) g.add(D, dcterms.dateSubmitted, date(doc.submitted));
  if (doc.received !== null) g.add(D, kld.dateReceived, date(doc.received));
  const dated = documentDate(e);
  if (dated !== null) g.add(D, eli.date_document, date(dated));
  if (doc.pages !== null) g.add(D, kld.pageCount, int(doc.pages));
  for (const addressee of doc.addressees) g.add(D, kld.addressedTo, nl(addressee));

  // FRBR: the Dutch expression, embodied in the official files (by their official URLs).
  const E = minter.expression(id);
  g.add(D, eli.is_realized_by, E);
  g.add(E, a, eli.Expression);
  g.add(E, eli.realizes, D);
  g.add(E, eli.language, DUTCH);
  if (doc.title !== null) g.add(E, eli.title, nl(doc.title));
  for (const format of official ? (['pdf', 'xml', 'html'] as const) : []) {
    const M = minter.manifestation(id, format);
    g.add(E, eli.is_embodied_by, M);
    g.add(M, a, eli.Manifestation);
    g.add(M, eli.embodies, E);
    g.add(M, eli.media_type, FILE_TYPE[format]);
    g.add(M, eli.is_exemplified_by, namedNode(officialUrl(id, `.${format}`)));
  }
}

/** The publisher of every paper: the gazetteer's Tweede Kamer (its labels live in the gazetteer graph). */
function tweedeKamer(e: Emit): NamedNode {
  return e.minter.concept('organisatie', 'tweede-kamer');
}

export function emitDossier(e: Emit, number: string): NamedNode {
  const { g, minter, kld } = e;
  const Dos = minter.dossier(number);
  g.add(Dos, a, kld.Dossier);
  g.add(Dos, dcterms.identifier, str(number));
  g.add(Dos, kld.officialPublication, namedNode(officialDossierUrl(number)));
  return Dos;
}

/** A cited paper: an eli:Work named by its official id (or TK number). */
export function emitCitedPaper(e: Emit, c: Citation): NamedNode {
  const { g, minter, kld } = e;
  const P = minter.document(c.id);
  g.add(P, a, kld.CitedPaper);
  g.add(P, a, kld(CITED_CLASS[c.kind]));
  g.add(P, a, eli.Work);
  g.add(P, dcterms.identifier, str(c.id));
  if (OFFICIAL_KINDS.has(c.kind)) g.add(P, kld.officialPublication, namedNode(officialUrl(c.id)));
  if (c.dossier !== undefined) {
    const Dos = emitDossier(e, c.dossier);
    g.add(P, kld.dossier, Dos);
    g.add(P, eli.is_member_of, Dos);
  }
  if (c.motion !== undefined) {
    g.add(P, a, kld.Motion);
    for (const name of c.motion.submitters) {
      const S = minter.motionSubmitter(c.id, name);
      g.add(S, a, kld.Person);
      g.add(S, foaf.name, str(name));
      g.add(P, kld.submitter, S);
    }
  }
  return P;
}
