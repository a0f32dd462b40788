/**
 * Every shape, violated on purpose (the habit of the W3C SHACL test suite): each
 * case takes the hand-made document's conforming graph, breaks one thing, and
 * asserts that the specific result (source shape, focus node, path) is reported.
 * A final test checks that every shape in shapes/kamerstukken.ttl has a case.
 */
import type { Quad, Quad_Object, Quad_Subject, Term } from '@rdfjs/types';
import { DataFactory } from 'n3';
import { beforeAll, describe, expect, it } from 'vitest';
import { IriMinter } from '../src/rdf/iris.js';
import { documentToQuads } from '../src/rdf/mapping.js';
import { dcterms, eli, elidl, foaf, oa, org, prov, rdf, rdfs, sh, skos, xsd } from '../src/rdf/vocab.js';
import { Validator, type Violation } from '../src/validate/index.js';
import { expandPattern, loadShapes } from '../src/validate/shapes.js';
import { fixtureDocument } from './fixtures/document-model.js';

const { namedNode, literal, quad } = DataFactory;
const minter = new IriMinter();
const kld = minter.kld;
const shape = (local: string) => `${minter.base}shapes#${local}`;
const ID = 'kst-26150-999';
const G = minter.graph(ID);
const D = minter.document(ID);
const B1 = minter.block(ID, 0);
const B3 = minter.block(ID, 2);
const Q1 = minter.question(ID, 1);
const A1 = minter.answer(ID, [1], 0);
const A23 = minter.answer(ID, [2, 3], 2);
const C1 = minter.citation(ID, 'kst-26150-169', 150);
const M1 = minter.mention(ID, 'organisatie', 'un', 60);
const R1 = minter.crossReference(ID, [1], 410);
const F1 = minter.footnote(ID, 1);
const N = minter.notice(ID);
const S = minter.selector(A1);
const SP = minter.positionSelector(S);
const SQ = minter.quoteSelector(S);
const TEXT = minter.sourceText(ID);
const E = minter.expression(ID);
const PDF = minter.manifestation(ID, 'pdf');
const Q2 = minter.question(ID, 2);
const MEMBER = minter.member('2020-2021', 'VVD', 'Koopmans');
const MEMBERSHIP = minter.membership('2020-2021', 'VVD', 'Koopmans');
const POST = minter.post('2020-2021', 'Minister van Buitenlandse Zaken');
const YEAR = minter.parliamentaryYear('2020-2021');
const SRC = minter.source(ID);
const EXT = minter.extraction(ID);
const SW = minter.software();
const VVD = minter.faction('VVD');
const BLOK = minter.officeHolder('2020-2021', 'Blok');
const DOSSIER = minter.dossier('26150');
const TOPIC = minter.topic(ID, 'Hervorming');
const KST = minter.document('kst-26150-169');
const AH = minter.document('ah-tk-20192020-3225');
const H = minter.document('h-tk-20192020-12-5');
const TKD = minter.document('2022D22285');
const TKZ = minter.document('2022Z10723');
const MOTION = minter.document('kst-30196-708');
const untyped = minter.document('kst-1-1');
const PROV_D = minter.document('provisional-0123456789ab');
const PROV_E = minter.expression('provisional-0123456789ab');
const COMMITTEE = minter.committee('vaste commissie voor Financiën');
const TKF = namedNode(`${minter.base}id/fractie/vvd/tk/7476e97a-3243-4122-9df6-ba7d82a5279b`);
const schemaOrg = (local: string) => namedNode(`https://schema.org/${local}`);
/** The VVD's Tweede Kamer Fractie record, as the gazetteer holds it. */
const tkRecord: Mutation = (qs) => [
  ...qs,
  quad(TKF, rdf('type'), kld('TkFractie'), G),
  quad(TKF, dcterms('identifier'), literal('7476e97a-3243-4122-9df6-ba7d82a5279b'), G),
  quad(TKF, schemaOrg('startDate'), literal('1948-01-22T23:00:00Z', xsd('dateTime')), G),
  quad(TKF, dcterms('source'), namedNode('https://github.com/kaeldrin-gh/nl-parliament-warehouse'), G),
  quad(TKF, rdfs('seeAlso'), namedNode('https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0/Fractie(7476e97a-3243-4122-9df6-ba7d82a5279b)'), G),
];
/** A committee asking the paper, as src/rdf/emit/agents.ts writes it. */
const committee: Mutation = (qs) => [
  ...qs,
  quad(COMMITTEE, rdf('type'), kld('Committee'), G),
  quad(COMMITTEE, rdf('type'), org('Organization'), G),
  quad(COMMITTEE, foaf('name'), literal('vaste commissie voor Financiën'), G),
  quad(COMMITTEE, rdfs('label'), literal('Vaste commissie voor Financiën', 'nl'), G),
  quad(D, kld('askedBy'), COMMITTEE, G),
];
const int = (n: number | string) => literal(String(n), xsd('integer'));
const bogus = minter.termNamed('bogus');
/** Complex paths as the report renders them. */
const inverse = (p: Term) => `^<${p.value}>`;
const sequence = (...ps: (Term | string)[]) => ps.map((p) => (typeof p === 'string' ? `(${p})` : `<${p.value}>`)).join('/');

type Mutation = (quads: Quad[]) => Quad[];
const drop =
  (s: Term, p: Term): Mutation =>
  (qs) =>
    qs.filter((q) => !(q.subject.equals(s) && q.predicate.equals(p)));
const add =
  (s: Quad_Subject, p: Quad['predicate'], o: Quad_Object): Mutation =>
  (qs) => [...qs, quad(s, p, o, G)];
const replace =
  (s: Quad_Subject, p: Quad['predicate'], o: Quad_Object): Mutation =>
  (qs) =>
    add(s, p, o)(drop(s, p)(qs));
const rename =
  (from: Term, to: Quad_Subject & Quad_Object): Mutation =>
  (qs) =>
    qs.map((q) => quad(q.subject.equals(from) ? to : q.subject, q.predicate, q.object.equals(from) ? to : q.object, q.graph));
const both =
  (...ms: Mutation[]): Mutation =>
  (qs) =>
    ms.reduce((acc, m) => m(acc), qs);

interface Case {
  shape: string;
  what: string;
  focus: Term;
  /** The property, or a complex path as the report renders it (SPARQL syntax: "^<…>", "<…>/<…>"). */
  path: Term | string | null;
  mutate: Mutation;
  constraint?: string;
}

const at = (local: string) => minter.document(`${ID}`).value.replace(/kst-26150-999$/, local);

const CASES: Case[] = [
  // Document
  { shape: 'Document', what: 'IRI not an official id', focus: namedNode(at('kst-26150-999x')), path: null, mutate: rename(D, namedNode(at('kst-26150-999x'))), constraint: 'Pattern' },
  { shape: 'Document-identifier', what: 'identifier as printed', focus: D, path: dcterms('identifier'), mutate: replace(D, dcterms('identifier'), literal('Kamerstuk 26 150, nr. 999')) },
  { shape: 'Document-genre', what: 'unknown genre', focus: D, path: kld('genre'), mutate: replace(D, kld('genre'), minter.termNamed('Brief')) },
  {
    shape: 'Document-officialPublication',
    what: 'address as a string',
    focus: D,
    path: kld('officialPublication'),
    mutate: replace(D, kld('officialPublication'), literal('https://zoek.officielebekendmakingen.nl/kst-26150-999')),
  },
  { shape: 'Document-dossier', what: 'dossier not a kld:Dossier', focus: D, path: kld('dossier'), mutate: replace(D, kld('dossier'), minter.dossier('99999')) },
  { shape: 'Document-ondernummer', what: 'ondernummer with "nr."', focus: D, path: kld('ondernummer'), mutate: replace(D, kld('ondernummer'), literal('nr. 999')) },
  { shape: 'Document-vergaderjaar', what: 'vergaderjaar with a slash', focus: D, path: kld('vergaderjaar'), mutate: replace(D, kld('vergaderjaar'), literal('2020/2021')) },
  { shape: 'Document-title', what: 'title tagged @en', focus: D, path: dcterms('title'), mutate: replace(D, dcterms('title'), literal('Dutch effort at the UN', 'en')) },
  { shape: 'Document-dateSubmitted', what: 'date as a plain string', focus: D, path: dcterms('dateSubmitted'), mutate: replace(D, dcterms('dateSubmitted'), literal('2020-09-01')) },
  { shape: 'Document-dateReceived', what: 'ill-formed xsd:date', focus: D, path: kld('dateReceived'), mutate: replace(D, kld('dateReceived'), literal('15-09-2020', xsd('date'))) },
  { shape: 'Document-pageCount', what: 'zero pages', focus: D, path: kld('pageCount'), mutate: replace(D, kld('pageCount'), int(0)) },
  { shape: 'Document-askedBy', what: 'asked by a block', focus: D, path: kld('askedBy'), mutate: add(D, kld('askedBy'), B1) },
  { shape: 'Document-addressedTo', what: 'addressee without language', focus: D, path: kld('addressedTo'), mutate: replace(D, kld('addressedTo'), literal('Minister van Buitenlandse Zaken')) },
  { shape: 'Document-answeredByText', what: 'answerer tagged @en', focus: D, path: kld('answeredByText'), mutate: replace(D, kld('answeredByText'), literal('the cabinet', 'en')) },
  { shape: 'Document-answeredBy', what: 'answered by a faction', focus: D, path: kld('answeredBy'), mutate: add(D, kld('answeredBy'), VVD) },
  { shape: 'Document-wasDerivedFrom', what: 'no source file', focus: D, path: prov('wasDerivedFrom'), mutate: drop(D, prov('wasDerivedFrom')) },
  { shape: 'Document-wasGeneratedBy', what: 'no extraction', focus: D, path: prov('wasGeneratedBy'), mutate: drop(D, prov('wasGeneratedBy')) },
  { shape: 'Document-cites', what: 'cites an undescribed paper', focus: D, path: kld('cites'), mutate: add(D, kld('cites'), untyped) },
  { shape: 'Document-footnote', what: 'footnote that is a block', focus: D, path: kld('footnote'), mutate: add(D, kld('footnote'), B1) },
  { shape: 'DocumentAsked', what: 'a paper with every askedBy removed', focus: D, path: null, mutate: drop(D, kld('askedBy')) },
  {
    shape: 'DocumentAsked',
    what: 'a Kamervragen answer with every askedBy removed that prints the questions (dateSubmitted)',
    focus: D,
    path: null,
    mutate: both(replace(D, kld('genre'), kld('Kamervragen')), replace(D, eli('work_type'), kld('Kamervragen')), add(D, kld('stage'), kld('StageAnswers')), add(D, kld('zaak'), TKZ), drop(D, kld('askedBy'))),
  },
  {
    shape: 'DocumentAsked',
    what: 'a Kamervragen answer without askers that names no zaak',
    focus: D,
    path: null,
    mutate: both(replace(D, kld('genre'), kld('Kamervragen')), replace(D, eli('work_type'), kld('Kamervragen')), add(D, kld('stage'), kld('StageAnswers')), drop(D, dcterms('dateSubmitted')), drop(D, kld('askedBy'))),
  },
  { shape: 'Document-stage', what: 'a stage outside the scheme', focus: D, path: kld('stage'), mutate: add(D, kld('stage'), kld('Kamervragen')) },
  { shape: 'Document-zaak', what: 'a zaak that is a document number', focus: D, path: kld('zaak'), mutate: add(D, kld('zaak'), TKD) },
  { shape: 'DocumentOfficial', what: 'an official id without its official page', focus: D, path: null, mutate: drop(D, kld('officialPublication')) },
  { shape: 'DocumentOfficial', what: 'an official id without publisher', focus: D, path: null, mutate: drop(D, dcterms('publisher')) },
  { shape: 'DocumentOfficial', what: 'a provisional id with an official page', focus: PROV_D, path: null, mutate: rename(D, PROV_D) },
  { shape: 'Document-isWork', what: 'not an eli:Work', focus: D, path: rdf('type'), mutate: (qs) => qs.filter((q) => !(q.subject.equals(D) && q.object.equals(eli('Work')))) },
  { shape: 'Document-workType', what: 'work type other than the genre', focus: D, path: eli('work_type'), mutate: replace(D, eli('work_type'), kld('Kamervragen')) },
  { shape: 'Document-publisher', what: 'published by the Eerste Kamer', focus: D, path: dcterms('publisher'), mutate: replace(D, dcterms('publisher'), minter.concept('organisatie', 'eerste-kamer')) },
  { shape: 'Document-isMemberOf', what: 'member of another dossier than its kld:dossier', focus: D, path: eli('is_member_of'), mutate: replace(D, eli('is_member_of'), minter.dossier('21501-20')) },
  { shape: 'Document-dateDocument', what: 'two dates', focus: D, path: eli('date_document'), mutate: add(D, eli('date_document'), literal('2020-01-01', xsd('date'))) },
  { shape: 'Document-isRealizedBy', what: 'no expression', focus: D, path: eli('is_realized_by'), mutate: drop(D, eli('is_realized_by')) },
  { shape: 'Document-askedByText', what: 'asker as printed without language', focus: D, path: kld('askedByText'), mutate: add(D, kld('askedByText'), literal('Koopmans')) },
  { shape: 'KamervragenPrints', what: 'Kamervragen without a title', focus: D, path: null, mutate: both(replace(D, kld('genre'), kld('Kamervragen')), drop(D, dcterms('title'))) },
  { shape: 'KamervragenPrints', what: 'Kamervragen asked by no person', focus: D, path: null, mutate: both(replace(D, kld('genre'), kld('Kamervragen')), replace(D, kld('askedBy'), VVD)) },
  { shape: 'NotaPrints', what: 'a nota without its date', focus: D, path: null, mutate: both(replace(D, kld('genre'), kld('NotaNaarAanleidingVanVerslag')), drop(D, eli('date_document'))) },
  // Expression, manifestation
  { shape: 'Expression', what: 'IRI not …/nl', focus: namedNode(`${D.value}/en`), path: null, mutate: rename(E, namedNode(`${D.value}/en`)) },
  { shape: 'Expression-realizes', what: 'realizes nothing', focus: E, path: eli('realizes'), mutate: drop(E, eli('realizes')) },
  { shape: 'Expression-language', what: 'English', focus: E, path: eli('language'), mutate: replace(E, eli('language'), namedNode('http://publications.europa.eu/resource/authority/language/ENG')) },
  { shape: 'Expression-title', what: 'title tagged @en', focus: E, path: eli('title'), mutate: replace(E, eli('title'), literal('UN', 'en')) },
  { shape: 'ExpressionEmbodied', what: 'the PDF missing', focus: E, path: null, mutate: (qs) => qs.filter((q) => !(q.subject.equals(E) && q.object.equals(PDF))) },
  { shape: 'ExpressionEmbodied', what: 'a provisional paper embodied in official files', focus: PROV_E, path: null, mutate: rename(E, PROV_E) },
  { shape: 'Expression-isEmbodiedBy', what: 'embodied by a source file', focus: E, path: eli('is_embodied_by'), mutate: add(E, eli('is_embodied_by'), SRC) },
  { shape: 'Manifestation', what: 'closed: a title on a manifestation', focus: PDF, path: dcterms('title'), mutate: add(PDF, dcterms('title'), literal('x', 'nl')) },
  { shape: 'Manifestation-embodies', what: 'embodies nothing', focus: PDF, path: eli('embodies'), mutate: drop(PDF, eli('embodies')) },
  { shape: 'Manifestation-mediaType', what: 'a media type as a string', focus: PDF, path: eli('media_type'), mutate: replace(PDF, eli('media_type'), literal('application/pdf')) },
  { shape: 'Manifestation-isExemplifiedBy', what: 'exemplified elsewhere', focus: PDF, path: eli('is_exemplified_by'), mutate: replace(PDF, eli('is_exemplified_by'), namedNode('https://example.org/kst-26150-999.pdf')) },
  // Dossier
  { shape: 'Dossier', what: 'dossier IRI with letters only', focus: minter.dossier('abc'), path: null, mutate: rename(DOSSIER, minter.dossier('abc')) },
  { shape: 'Dossier-identifier', what: 'dossier number with a space', focus: DOSSIER, path: dcterms('identifier'), mutate: replace(DOSSIER, dcterms('identifier'), literal('26 150')) },
  { shape: 'Dossier-officialPublication', what: 'no dossier page', focus: DOSSIER, path: kld('officialPublication'), mutate: drop(DOSSIER, kld('officialPublication')) },
  // QuestionBlock
  { shape: 'QuestionBlock', what: 'closed: unknown property', focus: B1, path: bogus, mutate: add(B1, bogus, literal('x')), constraint: 'Closed' },
  { shape: 'QuestionBlock', what: 'IRI pattern', focus: namedNode(`${B1.value}a`), path: null, mutate: rename(B1, namedNode(`${B1.value}a`)), constraint: 'Pattern' },
  { shape: 'QuestionBlock-partOf', what: 'not part of a document', focus: B1, path: kld('partOf'), mutate: drop(B1, kld('partOf')) },
  { shape: 'QuestionBlock-position', what: 'position 0', focus: B1, path: kld('position'), mutate: replace(B1, kld('position'), int(0)) },
  { shape: 'QuestionBlock-number', what: 'number as a string', focus: B1, path: kld('number'), mutate: replace(B1, kld('number'), literal('1')) },
  { shape: 'UnitAsked', what: 'a block with its faction removed', focus: B1, path: null, mutate: drop(B1, kld('askedBy')) },
  { shape: 'UnitAsked', what: 'a question with its askers removed', focus: Q1, path: null, mutate: drop(Q1, kld('askedBy')) },
  { shape: 'QuestionBlock-askedBy', what: 'asked by a document', focus: B1, path: kld('askedBy'), mutate: add(B1, kld('askedBy'), D) },
  { shape: 'QuestionBlock-isPartOf', what: 'part of another paper than its kld:partOf', focus: B1, path: eli('is_part_of'), mutate: replace(B1, eli('is_part_of'), KST) },
  { shape: 'QuestionBlock-hasPart', what: 'a citation as a part', focus: B1, path: eli('has_part'), mutate: add(B1, eli('has_part'), C1) },
  { shape: 'QuestionBlock-answeredBack', what: 'an answer that answers the block one way only', focus: B1, path: inverse(kld('answers')), mutate: add(A23, kld('answers'), B1), constraint: 'Equals' },
  { shape: 'QuestionBlock-topic', what: 'topic not a kld:Topic', focus: B1, path: kld('topic'), mutate: replace(B1, kld('topic'), untyped) },
  { shape: 'QuestionBlock-questionText', what: 'no question text', focus: B1, path: kld('questionText'), mutate: drop(B1, kld('questionText')) },
  { shape: 'QuestionBlock-hasQuestion', what: 'an answer as question', focus: B1, path: kld('hasQuestion'), mutate: add(B1, kld('hasQuestion'), A1) },
  { shape: 'QuestionBlock-hasAnswer', what: 'two answers', focus: B1, path: kld('hasAnswer'), mutate: add(B1, kld('hasAnswer'), A23) },
  { shape: 'QuestionBlock-questionSource', what: 'no place of the question part', focus: B1, path: kld('questionSource'), mutate: drop(B1, kld('questionSource')) },
  // Question
  { shape: 'Question', what: 'question number 0 in the IRI', focus: minter.question(ID, 0), path: null, mutate: rename(Q1, minter.question(ID, 0)) },
  { shape: 'Question-partOf', what: 'not part of a document', focus: Q1, path: kld('partOf'), mutate: drop(Q1, kld('partOf')) },
  { shape: 'Question-number', what: 'number 0', focus: Q1, path: kld('number'), mutate: replace(Q1, kld('number'), int(0)) },
  { shape: 'Question-askedBy', what: 'asked by a document', focus: Q1, path: kld('askedBy'), mutate: replace(Q1, kld('askedBy'), D) },
  { shape: 'Question-isPartOf', what: 'part of the paper, not its block', focus: Q1, path: eli('is_part_of'), mutate: replace(Q1, eli('is_part_of'), D) },
  {
    shape: 'Question-inBlock',
    what: 'an orphan question',
    focus: Q1,
    path: inverse(kld('hasQuestion')),
    mutate: (qs) => qs.filter((q) => !(q.predicate.equals(kld('hasQuestion')) && q.object.equals(Q1))),
    constraint: 'MinCount',
  },
  { shape: 'Question-answeredBack', what: 'an answer linked to a second question in one direction', focus: Q2, path: inverse(kld('answers')), mutate: add(A1, kld('answers'), Q2), constraint: 'Equals' },
  { shape: 'Question-questionText', what: 'two texts', focus: Q1, path: kld('questionText'), mutate: add(Q1, kld('questionText'), literal('Nog een vraag?', 'nl')) },
  { shape: 'Question-hasAnswer', what: 'answer that is a block', focus: Q1, path: kld('hasAnswer'), mutate: replace(Q1, kld('hasAnswer'), B1) },
  // Answer
  { shape: 'Answer', what: 'closed: answeredBy on an answer', focus: A1, path: kld('answeredBy'), mutate: add(A1, kld('answeredBy'), BLOK), constraint: 'Closed' },
  { shape: 'Answer-partOf', what: 'not part of a document', focus: A1, path: kld('partOf'), mutate: drop(A1, kld('partOf')) },
  { shape: 'Answer-number', what: 'number in words', focus: A1, path: kld('number'), mutate: replace(A1, kld('number'), literal('een')) },
  { shape: 'Answer-heading', what: 'no heading', focus: A1, path: kld('heading'), mutate: drop(A1, kld('heading')) },
  { shape: 'Label', what: 'an answer without its label', focus: A1, path: rdfs('label'), mutate: drop(A1, rdfs('label')) },
  { shape: 'Label', what: 'a footnote with an untagged label', focus: F1, path: rdfs('label'), mutate: replace(F1, rdfs('label'), literal('voetnoot 1')) },
  { shape: 'Answer-answerText', what: 'empty text', focus: A1, path: kld('answerText'), mutate: replace(A1, kld('answerText'), literal('', 'nl')) },
  { shape: 'Answer-answers', what: 'answers the document', focus: A1, path: kld('answers'), mutate: add(A1, kld('answers'), D) },
  { shape: 'Answer-answersBlock', what: 'answers no block', focus: A1, path: kld('answers'), mutate: drop(A1, kld('answers')) },
  { shape: 'Answer-isPartOf', what: 'part of the paper, not its block', focus: A1, path: eli('is_part_of'), mutate: replace(A1, eli('is_part_of'), D) },
  { shape: 'Answer-answersTo', what: 'answers_to nothing', focus: A1, path: elidl('answers_to'), mutate: drop(A1, elidl('answers_to')) },
  {
    shape: 'Answer-numbersMatch',
    what: 'an answer moved to the wrong question (both directions)',
    focus: A1,
    path: sequence(kld('answers'), kld('number')),
    mutate: both(drop(A1, kld('answers')), drop(Q1, kld('hasAnswer')), drop(B1, kld('hasAnswer')), add(A1, kld('answers'), B3), add(A1, kld('answers'), Q2), add(B3, kld('hasAnswer'), A1), add(Q2, kld('hasAnswer'), A1)),
    constraint: 'Equals',
  },
  { shape: 'Answer-heldBack', what: 'a question that has an answer the answer does not name', focus: A1, path: inverse(kld('hasAnswer')), mutate: add(Q2, kld('hasAnswer'), A1), constraint: 'Equals' },
  { shape: 'Answer-creator', what: 'created by a faction', focus: A1, path: dcterms('creator'), mutate: add(A1, dcterms('creator'), VVD) },
  { shape: 'Answer-answeringPost', what: 'a post that is a person', focus: A1, path: kld('answeringPost'), mutate: replace(A1, kld('answeringPost'), BLOK) },
  // Shared property shapes
  { shape: 'Span-source', what: 'no place in the text', focus: A1, path: dcterms('source'), mutate: drop(A1, dcterms('source')) },
  { shape: 'Work-cites', what: 'eli:cites a paper that is no work', focus: A1, path: eli('cites'), mutate: add(A1, eli('cites'), untyped) },
  { shape: 'Holder-citation', what: 'citation that is the document', focus: B1, path: kld('citation'), mutate: add(B1, kld('citation'), D) },
  { shape: 'Holder-cites', what: 'cites an undescribed paper', focus: A1, path: kld('cites'), mutate: add(A1, kld('cites'), untyped) },
  { shape: 'Holder-mention', what: 'mention that is the document', focus: B1, path: kld('mention'), mutate: add(B1, kld('mention'), D) },
  { shape: 'Holder-mentions', what: 'mentions a string', focus: B1, path: kld('mentions'), mutate: add(B1, kld('mentions'), literal('VN')) },
  { shape: 'Holder-crossReference', what: 'cross-reference that is the document', focus: A1, path: kld('crossReference'), mutate: add(A1, kld('crossReference'), D) },
  { shape: 'Holder-footnote', what: 'footnote that is the document', focus: B1, path: kld('footnote'), mutate: add(B1, kld('footnote'), D) },
  { shape: 'Occurrence-partOf', what: 'citation not part of a document', focus: C1, path: kld('partOf'), mutate: drop(C1, kld('partOf')) },
  { shape: 'Occurrence-side', what: 'side in Dutch', focus: C1, path: kld('side'), mutate: replace(C1, kld('side'), literal('antwoord')) },
  { shape: 'Occurrence-printedText', what: 'printed text without language', focus: C1, path: kld('printedText'), mutate: replace(C1, kld('printedText'), literal('Kamerstuk 26 150, nr. 169')) },
  // Places in the text
  { shape: 'SpecificResource', what: 'closed: a text on a place', focus: S, path: kld('printedText'), mutate: add(S, kld('printedText'), literal('x', 'nl')) },
  { shape: 'SpecificResource-hasSource', what: 'the source file instead of the published text', focus: S, path: oa('hasSource'), mutate: replace(S, oa('hasSource'), SRC) },
  { shape: 'SpecificResource-position', what: 'no position selector', focus: S, path: oa('hasSelector'), mutate: (qs) => qs.filter((q) => !(q.subject.equals(S) && q.object.equals(SP))) },
  { shape: 'SpecificResource-quote', what: 'no quote selector', focus: S, path: oa('hasSelector'), mutate: (qs) => qs.filter((q) => !(q.subject.equals(S) && q.object.equals(SQ))) },
  { shape: 'SpecificResource-page', what: 'page 0', focus: S, path: kld('page'), mutate: replace(S, kld('page'), int(0)) },
  { shape: 'TextPositionSelector', what: 'closed: a text on a selector', focus: SP, path: kld('printedText'), mutate: add(SP, kld('printedText'), literal('x', 'nl')) },
  { shape: 'TextPositionSelector-start', what: 'start after end', focus: SP, path: oa('start'), mutate: replace(SP, oa('start'), int(300)), constraint: 'LessThan' },
  {
    shape: 'TextPositionSelector-end',
    what: 'end as xsd:nonNegativeInteger (a type the store does not keep)',
    focus: SP,
    path: oa('end'),
    mutate: replace(SP, oa('end'), literal('200', xsd('nonNegativeInteger'))),
    constraint: 'Datatype',
  },
  { shape: 'TextPositionSelector-start', what: 'negative start', focus: SP, path: oa('start'), mutate: replace(SP, oa('start'), int(-1)), constraint: 'MinInclusive' },
  { shape: 'TextQuoteSelector', what: 'IRI not …-tekst', focus: namedNode(`${S.value}-quote`), path: null, mutate: rename(SQ, namedNode(`${S.value}-quote`)) },
  { shape: 'TextQuoteSelector-exact', what: 'empty exact', focus: SQ, path: oa('exact'), mutate: replace(SQ, oa('exact'), literal('')) },
  { shape: 'TextQuoteSelector-prefix', what: 'no prefix', focus: SQ, path: oa('prefix'), mutate: drop(SQ, oa('prefix')) },
  { shape: 'TextQuoteSelector-suffix', what: 'suffix tagged @nl', focus: SQ, path: oa('suffix'), mutate: replace(SQ, oa('suffix'), literal('x', 'nl')) },
  { shape: 'SourceText', what: 'IRI outside download/documents', focus: namedNode(`${minter.base}download/${ID}.txt`), path: null, mutate: rename(TEXT, namedNode(`${minter.base}download/${ID}.txt`)) },
  { shape: 'SourceText-sha256', what: 'no hash', focus: TEXT, path: kld('sha256'), mutate: drop(TEXT, kld('sha256')) },
  { shape: 'SourceText-codePointCount', what: 'negative length', focus: TEXT, path: kld('codePointCount'), mutate: replace(TEXT, kld('codePointCount'), int(-1)) },
  { shape: 'SourceText-wasDerivedFrom', what: 'derived from nothing', focus: TEXT, path: prov('wasDerivedFrom'), mutate: drop(TEXT, prov('wasDerivedFrom')) },
  {
    shape: 'SourceText-ends',
    what: 'oa:end beyond the source',
    focus: TEXT,
    path: sequence(inverse(oa('hasSource')), oa('hasSelector'), oa('end')),
    mutate: replace(SP, oa('end'), int(5001)),
    constraint: 'LessThanOrEquals',
  },
  // Footnote
  { shape: 'Footnote', what: 'closed: oa:start on the footnote', focus: F1, path: oa('start'), mutate: add(F1, oa('start'), int(1)) },
  { shape: 'Footnote-number', what: 'no number', focus: F1, path: kld('number'), mutate: drop(F1, kld('number')) },
  { shape: 'Footnote-footnoteText', what: 'text without language', focus: F1, path: kld('footnoteText'), mutate: replace(F1, kld('footnoteText'), literal('Kamerstuk 21 501-20, nr. 1440')) },
  { shape: 'Footnote-footnoteOf', what: 'footnote of a dossier', focus: F1, path: kld('footnoteOf'), mutate: replace(F1, kld('footnoteOf'), DOSSIER) },
  { shape: 'Footnote-markerSource', what: 'marker place not a specific resource', focus: F1, path: kld('markerSource'), mutate: replace(F1, kld('markerSource'), untyped) },
  // Citation
  { shape: 'Citation', what: 'a running number as IRI', focus: namedNode(`${D.value}/citaat/1`), path: null, mutate: rename(C1, namedNode(`${D.value}/citaat/1`)) },
  {
    shape: 'Citation-citedId',
    what: 'a well-formed but wrong citation id',
    focus: C1,
    path: sequence(kld('citedPaper'), dcterms('identifier')),
    mutate: replace(C1, kld('citedPaper'), minter.document('kst-26150-170')),
    constraint: 'Equals',
  },
  { shape: 'Citation-citedIdValue', what: 'the id as printed', focus: C1, path: kld('citedId'), mutate: replace(C1, kld('citedId'), literal('Kamerstuk 26 150, nr. 169')) },
  { shape: 'Citation-citedPaper', what: 'no cited paper', focus: C1, path: kld('citedPaper'), mutate: drop(C1, kld('citedPaper')) },
  { shape: 'Citation-citationIn', what: 'held by the document', focus: C1, path: kld('citationIn'), mutate: replace(C1, kld('citationIn'), D) },
  { shape: 'Citation-inFootnote', what: 'footnote IRI of another scheme', focus: C1, path: kld('inFootnote'), mutate: add(C1, kld('inFootnote'), namedNode(`${D.value}/noot/1`)) },
  // Cited papers
  { shape: 'CitedPaper', what: 'IRI not an official id', focus: minter.document('kst-foo'), path: null, mutate: add(minter.document('kst-foo'), rdf('type'), kld('CitedPaper')) },
  { shape: 'CitedPaper-identifier', what: 'identifier as printed', focus: KST, path: dcterms('identifier'), mutate: replace(KST, dcterms('identifier'), literal('Kamerstuk 26 150, nr. 169')) },
  { shape: 'CitedPaper-officialPublication', what: 'address elsewhere', focus: KST, path: kld('officialPublication'), mutate: replace(KST, kld('officialPublication'), namedNode('https://example.org/kst-26150-169')) },
  { shape: 'CitedPaper-dossier', what: 'two dossiers', focus: KST, path: kld('dossier'), mutate: add(KST, kld('dossier'), minter.dossier('21501-20')) },
  { shape: 'Kamerstuk', what: 'a TK document typed Kamerstuk', focus: TKD, path: null, mutate: add(TKD, rdf('type'), kld('Kamerstuk')) },
  { shape: 'Kamerstuk-identifier', what: 'a TK number as Kamerstuk id', focus: TKD, path: dcterms('identifier'), mutate: add(TKD, rdf('type'), kld('Kamerstuk')) },
  { shape: 'Kamerstuk-officialPublication', what: 'no official page', focus: KST, path: kld('officialPublication'), mutate: drop(KST, kld('officialPublication')) },
  { shape: 'Kamerstuk-dossier', what: 'no dossier', focus: KST, path: kld('dossier'), mutate: drop(KST, kld('dossier')) },
  { shape: 'Motion-submitter', what: 'submitted by a faction', focus: MOTION, path: kld('submitter'), mutate: replace(MOTION, kld('submitter'), VVD) },
  { shape: 'AanhangselPaper', what: 'a Kamerstuk typed Aanhangsel', focus: KST, path: null, mutate: add(KST, rdf('type'), kld('AanhangselPaper')) },
  { shape: 'AanhangselPaper-identifier', what: 'a kst id as Aanhangsel id', focus: KST, path: dcterms('identifier'), mutate: add(KST, rdf('type'), kld('AanhangselPaper')) },
  { shape: 'AanhangselPaper-officialPublication', what: 'no official page', focus: AH, path: kld('officialPublication'), mutate: drop(AH, kld('officialPublication')) },
  { shape: 'Handelingen', what: 'an Aanhangsel typed Handelingen', focus: AH, path: null, mutate: add(AH, rdf('type'), kld('Handelingen')) },
  { shape: 'Handelingen-identifier', what: 'an ah id as Handelingen id', focus: AH, path: dcterms('identifier'), mutate: add(AH, rdf('type'), kld('Handelingen')) },
  { shape: 'Handelingen-officialPublication', what: 'no official page', focus: H, path: kld('officialPublication'), mutate: drop(H, kld('officialPublication')) },
  { shape: 'TkDocumentNumber', what: 'a zaak typed document', focus: TKZ, path: null, mutate: add(TKZ, rdf('type'), kld('TkDocumentNumber')) },
  { shape: 'TkDocumentNumber-identifier', what: 'a zaak number as document number', focus: TKZ, path: dcterms('identifier'), mutate: add(TKZ, rdf('type'), kld('TkDocumentNumber')) },
  { shape: 'TkZaakNumber', what: 'a document typed zaak', focus: TKD, path: null, mutate: add(TKD, rdf('type'), kld('TkZaakNumber')) },
  { shape: 'TkZaakNumber-identifier', what: 'a document number as zaak number', focus: TKD, path: dcterms('identifier'), mutate: add(TKD, rdf('type'), kld('TkZaakNumber')) },
  // Mention, cross-reference, notice
  { shape: 'Mention', what: 'closed: citedPaper on a mention', focus: M1, path: kld('citedPaper'), mutate: add(M1, kld('citedPaper'), KST) },
  { shape: 'Mention-mentions', what: 'mentions something not in the gazetteer', focus: M1, path: kld('mentions'), mutate: replace(M1, kld('mentions'), untyped) },
  { shape: 'CrossReference', what: 'closed: answers on a cross-reference', focus: R1, path: kld('answers'), mutate: add(R1, kld('answers'), B1) },
  { shape: 'CrossReference-number', what: 'no number', focus: R1, path: kld('number'), mutate: drop(R1, kld('number')) },
  { shape: 'CrossReference-refersToAnswer', what: 'refers to a block', focus: R1, path: kld('refersToAnswer'), mutate: replace(R1, kld('refersToAnswer'), B1) },
  { shape: 'Notice', what: 'closed: answerText on a notice', focus: N, path: kld('answerText'), mutate: add(N, kld('answerText'), literal('x', 'nl')) },
  { shape: 'Notice-heading', what: 'no heading', focus: N, path: kld('heading'), mutate: drop(N, kld('heading')) },
  { shape: 'Notice-noticeText', what: 'empty text', focus: N, path: kld('noticeText'), mutate: replace(N, kld('noticeText'), literal('', 'nl')) },
  // Agents, concepts, topics
  // The gazetteer's factions are described in the gazetteer's graph only; a faction the gazetteer lacks is described by the paper.
  {
    shape: 'Faction',
    what: 'upper case in the IRI',
    focus: namedNode(`${minter.base}id/fractie/VVD`),
    path: null,
    mutate: both(rename(VVD, namedNode(`${minter.base}id/fractie/VVD`)), add(namedNode(`${minter.base}id/fractie/VVD`), rdf('type'), kld('Faction'))),
  },
  {
    shape: 'Faction-notation',
    what: 'two notations',
    focus: VVD,
    path: skos('notation'),
    mutate: both(add(VVD, skos('notation'), literal('VVD')), add(VVD, skos('notation'), literal('Volkspartij voor Vrijheid en Democratie'))),
  },
  {
    shape: 'TkFractie',
    what: 'a record IRI outside its faction',
    focus: namedNode(`${minter.base}id/tk/7476e97a`),
    path: null,
    mutate: add(namedNode(`${minter.base}id/tk/7476e97a`), rdf('type'), kld('TkFractie')),
    constraint: 'Pattern',
  },
  {
    shape: 'TkFractie-seeAlso',
    what: 'a record pointing elsewhere than its OData address',
    focus: TKF,
    path: rdfs('seeAlso'),
    mutate: both(tkRecord, replace(TKF, rdfs('seeAlso'), namedNode('https://example.org/vvd'))),
  },
  { shape: 'TkFractie-identifier', what: 'an Id that is no GUID', focus: TKF, path: dcterms('identifier'), mutate: both(tkRecord, replace(TKF, dcterms('identifier'), literal('VVD'))) },
  { shape: 'TkFractie-startDate', what: 'a start date as a plain string', focus: TKF, path: schemaOrg('startDate'), mutate: both(tkRecord, replace(TKF, schemaOrg('startDate'), literal('1948'))) },
  {
    shape: 'TkFractie-endDate',
    what: 'two end dates',
    focus: TKF,
    path: schemaOrg('endDate'),
    mutate: both(tkRecord, add(TKF, schemaOrg('endDate'), literal('2020-01-01T00:00:00Z', xsd('dateTime'))), add(TKF, schemaOrg('endDate'), literal('2021-01-01T00:00:00Z', xsd('dateTime')))),
  },
  { shape: 'TkFractie-source', what: 'a record without its source', focus: TKF, path: dcterms('source'), mutate: both(tkRecord, drop(TKF, dcterms('source'))) },
  {
    shape: 'Committee',
    what: 'a committee IRI with upper case',
    focus: namedNode(`${minter.base}id/commissie/Financien`),
    path: null,
    mutate: both(add(namedNode(`${minter.base}id/commissie/Financien`), rdf('type'), kld('Committee'))),
    constraint: 'Pattern',
  },
  { shape: 'Committee', what: 'closed: a faction notation on a committee', focus: COMMITTEE, path: skos('notation'), mutate: both(committee, add(COMMITTEE, skos('notation'), literal('Fin'))), constraint: 'Closed' },
  { shape: 'Committee-name', what: 'a committee without its printed name', focus: COMMITTEE, path: foaf('name'), mutate: both(committee, drop(COMMITTEE, foaf('name'))) },
  { shape: 'Committee-label', what: 'a committee label without language', focus: COMMITTEE, path: rdfs('label'), mutate: both(committee, replace(COMMITTEE, rdfs('label'), literal('vaste commissie'))) },
  {
    shape: 'Committee-isOrganization',
    what: 'a committee that is no org:Organization',
    focus: COMMITTEE,
    path: rdf('type'),
    mutate: both(committee, (qs) => qs.filter((q) => !(q.subject.equals(COMMITTEE) && q.object.equals(org('Organization'))))),
  },
  { shape: 'Document-askedBy', what: 'asked by a committee without its type', focus: D, path: kld('askedBy'), mutate: add(D, kld('askedBy'), COMMITTEE) },
  { shape: 'Person', what: 'upper case in the IRI', focus: namedNode(`${minter.base}id/persoon/Blok`), path: null, mutate: rename(BLOK, namedNode(`${minter.base}id/persoon/Blok`)) },
  { shape: 'Person-name', what: 'two names', focus: BLOK, path: foaf('name'), mutate: add(BLOK, foaf('name'), literal('S.A. Blok')) },
  { shape: 'Person-memberOf', what: 'a timeless membership', focus: MEMBER, path: org('memberOf'), mutate: add(MEMBER, org('memberOf'), VVD) },
  { shape: 'Person', what: 'a person named by surname alone', focus: namedNode(`${minter.base}id/persoon/koopmans`), path: null, mutate: rename(MEMBER, namedNode(`${minter.base}id/persoon/koopmans`)) },
  { shape: 'Person-hasMembership', what: 'membership that is a faction', focus: MEMBER, path: org('hasMembership'), mutate: add(MEMBER, org('hasMembership'), VVD) },
  { shape: 'Person-holds', what: 'holds a ministry', focus: BLOK, path: org('holds'), mutate: add(BLOK, org('holds'), minter.concept('ministerie', 'bz')) },
  { shape: 'Membership', what: 'closed: a name on a membership', focus: MEMBERSHIP, path: foaf('name'), mutate: add(MEMBERSHIP, foaf('name'), literal('x')) },
  { shape: 'Membership-member', what: 'no member', focus: MEMBERSHIP, path: org('member'), mutate: drop(MEMBERSHIP, org('member')) },
  { shape: 'Membership-organization', what: 'member of a ministry', focus: MEMBERSHIP, path: org('organization'), mutate: replace(MEMBERSHIP, org('organization'), minter.concept('ministerie', 'bz')) },
  { shape: 'Membership-memberDuring', what: 'period that is no period', focus: MEMBERSHIP, path: org('memberDuring'), mutate: replace(MEMBERSHIP, org('memberDuring'), D) },
  { shape: 'Post', what: 'IRI without its year', focus: namedNode(`${minter.base}id/post/minister`), path: null, mutate: rename(POST, namedNode(`${minter.base}id/post/minister`)) },
  { shape: 'Post-label', what: 'no label', focus: POST, path: rdfs('label'), mutate: drop(POST, rdfs('label')) },
  { shape: 'Post-heldBy', what: 'held by no one', focus: POST, path: org('heldBy'), mutate: drop(POST, org('heldBy')) },
  { shape: 'Post-postIn', what: 'in a faction', focus: POST, path: org('postIn'), mutate: replace(POST, org('postIn'), VVD) },
  { shape: 'Post-temporal', what: 'period that is a document', focus: POST, path: dcterms('temporal'), mutate: replace(POST, dcterms('temporal'), D) },
  { shape: 'PeriodOfTime', what: 'IRI of a calendar year', focus: namedNode(`${minter.base}id/vergaderjaar/2020`), path: null, mutate: rename(YEAR, namedNode(`${minter.base}id/vergaderjaar/2020`)) },
  { shape: 'PeriodOfTime-notation', what: 'no notation', focus: YEAR, path: skos('notation'), mutate: drop(YEAR, skos('notation')) },
  { shape: 'GazetteerConcept', what: 'IRI outside the gazetteer schemes', focus: minter.concept('land', 'nl'), path: null, mutate: add(minter.concept('land', 'nl'), rdf('type'), kld('Treaty')), constraint: 'Pattern' },
  { shape: 'Topic', what: 'IRI not under its document', focus: namedNode(`${minter.base}id/onderwerp/hervorming`), path: null, mutate: rename(TOPIC, namedNode(`${minter.base}id/onderwerp/hervorming`)) },
  { shape: 'Topic-prefLabel', what: 'label tagged @en', focus: TOPIC, path: skos('prefLabel'), mutate: replace(TOPIC, skos('prefLabel'), literal('Reform', 'en')) },
  // Provenance
  { shape: 'SourceFile', what: 'IRI not …/bron', focus: namedNode(`${D.value}/source`), path: null, mutate: rename(SRC, namedNode(`${D.value}/source`)) },
  { shape: 'SourceFile-fileName', what: 'file name with a directory', focus: SRC, path: kld('fileName'), mutate: replace(SRC, kld('fileName'), literal('corpus/kst-26150-999.txt')) },
  { shape: 'SourceFile-sha256', what: 'upper-case hash', focus: SRC, path: kld('sha256'), mutate: replace(SRC, kld('sha256'), literal('A'.repeat(64))) },
  { shape: 'SourceFile-characterCount', what: 'negative length', focus: SRC, path: kld('characterCount'), mutate: replace(SRC, kld('characterCount'), int(-1)) },
  { shape: 'SourceFile-sourceFormat', what: 'unknown format', focus: SRC, path: kld('sourceFormat'), mutate: replace(SRC, kld('sourceFormat'), literal('rtf')) },
  { shape: 'SourceFile-wasDerivedFrom', what: 'derived from elsewhere', focus: SRC, path: prov('wasDerivedFrom'), mutate: replace(SRC, prov('wasDerivedFrom'), namedNode('https://example.org/kst-26150-999.pdf')) },
  { shape: 'Extraction', what: 'IRI not …/extractie', focus: namedNode(`${D.value}/extraction`), path: null, mutate: rename(EXT, namedNode(`${D.value}/extraction`)) },
  { shape: 'Extraction-used', what: 'used nothing', focus: EXT, path: prov('used'), mutate: drop(EXT, prov('used')) },
  { shape: 'Extraction-wasAssociatedWith', what: 'associated with a document', focus: EXT, path: prov('wasAssociatedWith'), mutate: replace(EXT, prov('wasAssociatedWith'), D) },
  { shape: 'Extraction-noTime', what: 'a timestamp', focus: EXT, path: prov('startedAtTime'), mutate: add(EXT, prov('startedAtTime'), literal('2024-01-01T00:00:00Z', xsd('dateTime'))) },
  { shape: 'SoftwareAgent', what: 'IRI outside id/software/', focus: namedNode(`${minter.base}id/tool`), path: null, mutate: rename(SW, namedNode(`${minter.base}id/tool`)) },
  { shape: 'SoftwareAgent-label', what: 'no label', focus: SW, path: rdfs('label'), mutate: drop(SW, rdfs('label')) },
];

describe('SHACL shapes', () => {
  let validator: Validator;
  let base: Quad[];
  beforeAll(async () => {
    validator = await Validator.load(minter);
    base = documentToQuads(fixtureDocument(), minter);
  });

  it('attributes violations to the document of the focus node', async () => {
    const report = await validator.validate(drop(A1, kld('heading'))(base));
    expect(report.violations.map((v) => [v.document, v.focusNode, v.path])).toEqual([[ID, A1.value, kld('heading').value]]);
  });

  it('the hand-made document conforms', async () => {
    const report = await validator.validate(base);
    expect(report.violations).toEqual([]);
    expect(report.conforms).toBe(true);
  });

  for (const c of CASES) {
    it(`${c.shape} reports ${c.what}`, async () => {
      const report = await validator.validate(c.mutate(base));
      expect(report.conforms).toBe(false);
      const match = (v: Violation) =>
        v.sourceShape === shape(c.shape) &&
        v.focusNode === c.focus.value &&
        v.path === (c.path === null ? null : typeof c.path === 'string' ? c.path : c.path.value) &&
        (c.constraint === undefined || v.constraint === `${sh.iri}${c.constraint}ConstraintComponent`);
      const found = report.violations.filter(match);
      if (found.length === 0) {
        expect.fail(`expected a violation of ${c.shape} at <${c.focus.value}>, got:\n${report.violations.map((v) => `${v.sourceShape} <${v.focusNode}> ${v.path} ${v.constraint}`).join('\n')}`);
      }
      expect(found[0]?.document).not.toBeNull();
    });
  }

  it('every node shape and property shape of shapes/kamerstukken.ttl has a case', () => {
    const shapes = loadShapes(minter);
    // Property shapes, and node shapes with constraints of their own (a node shape that only
    // groups property shapes, like kldsh:Motion, is covered by the cases of those).
    const ownConstraints = [sh('pattern'), sh('closed'), sh('class'), sh('nodeKind'), sh('or')];
    const named = new Set<string>();
    for (const q of shapes) {
      if (q.subject.termType !== 'NamedNode') continue;
      if (q.predicate.equals(sh('path'))) named.add(q.subject.value);
      if (ownConstraints.some((p) => q.predicate.equals(p)) && !shapes.some((x) => x.subject.equals(q.subject) && x.predicate.equals(sh('path')))) {
        named.add(q.subject.value);
      }
    }
    expect(named.size).toBeGreaterThan(100);
    // Property shapes used only inside an sh:or (genre-dependent requirements) report as their outer node shape,
    // and so do those of a node shape without a target that is only used through sh:node (kldsh:QuestionsHeaderNotPrinted).
    const nodeOnly = new Set(shapes.filter((q) => q.predicate.equals(sh('node')) && q.object.termType === 'NamedNode').map((q) => q.object.value));
    for (const n of nodeOnly) if (shapes.some((q) => q.subject.value === n && q.predicate.equals(sh('targetClass')))) nodeOnly.delete(n);
    for (const q of shapes) {
      if (q.subject.termType === 'BlankNode' && q.predicate.equals(sh('property')) && q.object.termType === 'NamedNode') named.delete(q.object.value);
      if (nodeOnly.has(q.subject.value) && q.predicate.equals(sh('property')) && q.object.termType === 'NamedNode') named.delete(q.object.value);
    }
    const covered = new Set(CASES.map((c) => shape(c.shape)));
    expect([...named].filter((s) => !covered.has(s)).sort()).toEqual([]);
    expect([...covered].filter((s) => !named.has(s)).sort()).toEqual([]);
  });

  it('names every property shape with an IRI (reports never point at blank-node shapes)', () => {
    const shapes = loadShapes(minter);
    const blankWithPath = shapes.filter((q) => q.predicate.equals(sh('path')) && q.subject.termType === 'BlankNode');
    expect(blankWithPath).toEqual([]);
  });

  it('follows the base: the same data under another base conforms there, and fails the default shapes', async () => {
    const other = new IriMinter('https://data.example.org/kst/');
    const theirs = await Validator.load(other);
    const quads = documentToQuads(fixtureDocument(), other);
    expect((await theirs.validate(quads)).violations).toEqual([]);
    // Under the default base's shapes, nodes of shared classes (ELI expressions and manifestations, ORG memberships
    // and posts, periods, Web Annotation resources and selectors, PROV activities and agents) have IRIs outside our
    // base, and what must point at nodes of ours (kld:Document, kld:Person, kld:SourceText …) points elsewhere.
    const mine = await validator.validate(quads);
    expect(mine.conforms).toBe(false);
    expect(new Set(mine.violations.map((v) => v.sourceShape))).toEqual(
      new Set(
        [
          'Expression',
          'Expression-realizes',
          'ExpressionEmbodied',
          'Extraction',
          'Extraction-used',
          'Manifestation',
          'Membership',
          'Membership-member',
          'Membership-organization',
          'PeriodOfTime',
          'Post',
          'Post-heldBy',
          'Post-postIn',
          'SoftwareAgent',
          'SpecificResource',
          'SpecificResource-hasSource',
          'TextPositionSelector',
          'TextQuoteSelector',
        ].map(shape),
      ),
    );
    // An IRI of another base in a value position of ours is caught by the patterns.
    const foreign = await validator.validate(replace(D, kld('officialPublication'), namedNode('https://data.example.org/kst/id/kst-26150-999'))(base));
    expect(foreign.violations.map((v) => v.sourceShape)).toContain(shape('Document-officialPublication'));
    expect(expandPattern('^{BASE}id/{DOC}$', other)).toBe(
      '^https://data\\.example\\.org/kst/id/((kst-[0-9]+(-[0-9A-Z]+)?-([0-9]+|[A-Z]+)|ah-(tk|ek)-[0-9]{8}-[0-9]+|kv-tk-[0-9]{4}Z[0-9]{5}|nds-tk-[0-9]{4}D[0-9]{5})|provisional-[0-9a-f]{12})$',
    );
  });

  it('refuses an unknown placeholder in a pattern', () => {
    expect(() => expandPattern('^{BASE}id/{NOPE}$', minter)).toThrow(/unknown placeholder \{NOPE\}/);
  });
});
