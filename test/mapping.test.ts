import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Quad, Term } from '@rdfjs/types';
import { DataFactory, Writer } from 'n3';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DocumentModel } from '../src/model.js';
import { readDocument } from '../src/read.js';
import { IriMinter, type KldTerm } from '../src/rdf/iris.js';
import { documentToQuads, namedAnswerer } from '../src/rdf/mapping.js';
import { loadOntology } from '../src/rdf/ontology.js';
import { dcterms, eli, elidl, foaf, oa, org, prov, rdf, skos, xsd } from '../src/rdf/vocab.js';
import { fixtureDocument, fixtureText } from './fixtures/document-model.js';
import { defined } from './helpers.js';

const { namedNode, literal } = DataFactory;
const minter = new IriMinter();
const kld = minter.kld;
const ID = 'kst-26150-999';
const D = minter.document(ID);

function objects(quads: readonly Quad[], s: Term, p: Term): Term[] {
  return quads.filter((q) => q.subject.equals(s) && q.predicate.equals(p)).map((q) => q.object);
}
function values(quads: readonly Quad[], s: Term, p: Term): string[] {
  return objects(quads, s, p)
    .map((o) => o.value)
    .sort();
}
function has(quads: readonly Quad[], s: Term, p: Term, o: Term): boolean {
  return quads.some((q) => q.subject.equals(s) && q.predicate.equals(p) && q.object.equals(o));
}
function nquads(quads: readonly Quad[]): string {
  const w = new Writer({ format: 'N-Quads' });
  w.addQuads([...quads]);
  let out = '';
  w.end((err, result) => {
    if (err) throw err;
    out = result;
  });
  return out;
}

describe('documentToQuads on a hand-made document', () => {
  let quads: Quad[];
  beforeAll(() => {
    quads = documentToQuads(fixtureDocument(), minter);
  });

  it('puts every quad in the document graph, with no blank nodes and no duplicates', () => {
    expect(quads.length).toBeGreaterThan(300);
    for (const q of quads) {
      expect(q.graph.equals(minter.graph(ID))).toBe(true);
      expect([q.subject.termType, q.object.termType]).not.toContain('BlankNode');
    }
    expect(new Set(quads.map((q) => nquads([q]))).size).toBe(quads.length);
  });

  it('is deterministic: the same model gives byte-identical N-Quads', () => {
    expect(nquads(documentToQuads(fixtureDocument(), minter))).toBe(nquads(quads));
  });

  it('maps the document metadata with datatypes and language tags', () => {
    expect(values(quads, D, rdf('type'))).toEqual([kld('Document').value, eli('Work').value].sort());
    expect(objects(quads, D, eli('work_type'))).toEqual([kld('VerslagSchriftelijkOverleg')]);
    expect(objects(quads, D, eli('is_member_of'))).toEqual([minter.dossier('26150')]);
    expect(objects(quads, D, dcterms('publisher'))).toEqual([minter.concept('organisatie', 'tweede-kamer')]);
    // The date of the document: the answer's receipt where printed.
    expect(objects(quads, D, eli('date_document'))).toEqual([literal('2020-09-15', xsd('date'))]);
    expect(objects(quads, D, kld('genre'))).toEqual([kld('VerslagSchriftelijkOverleg')]);
    expect(objects(quads, D, kld('dossier'))).toEqual([minter.dossier('26150')]);
    expect(objects(quads, D, kld('officialPublication'))).toEqual([namedNode('https://zoek.officielebekendmakingen.nl/kst-26150-999')]);
    expect(objects(quads, D, dcterms('identifier'))).toEqual([literal(ID)]);
    expect(objects(quads, D, kld('ondernummer'))).toEqual([literal('999')]);
    expect(objects(quads, D, kld('vergaderjaar'))).toEqual([literal('2020-2021')]);
    expect(objects(quads, D, dcterms('title'))).toEqual([literal('Nederlandse inzet voor de Algemene Vergadering van de Verenigde Naties', 'nl')]);
    expect(objects(quads, D, dcterms('dateSubmitted'))).toEqual([literal('2020-09-01', xsd('date'))]);
    expect(objects(quads, D, kld('dateReceived'))).toEqual([literal('2020-09-15', xsd('date'))]);
    expect(objects(quads, D, kld('pageCount'))).toEqual([literal('3', xsd('integer'))]);
    expect(objects(quads, D, kld('addressedTo'))).toEqual([literal('Minister van Buitenlandse Zaken', 'nl')]);
    expect(objects(quads, minter.dossier('26150'), kld('officialPublication'))).toEqual([namedNode('https://zoek.officielebekendmakingen.nl/dossier/26150')]);
  });

  it('realizes the paper as a Dutch expression embodied in the official PDF, XML and HTML (ELI)', () => {
    const E = minter.expression(ID);
    expect(objects(quads, D, eli('is_realized_by'))).toEqual([E]);
    expect(objects(quads, E, eli('language'))).toEqual([namedNode('http://publications.europa.eu/resource/authority/language/NLD')]);
    expect(values(quads, E, eli('is_embodied_by'))).toEqual(['html', 'pdf', 'xml'].map((f) => `${D.value}/nl/${f}`));
    expect(objects(quads, minter.manifestation(ID, 'pdf'), eli('is_exemplified_by'))).toEqual([namedNode('https://zoek.officielebekendmakingen.nl/kst-26150-999.pdf')]);
  });

  it('links askers (a faction asker is the faction itself; a member has a membership in the year) and answerers with their post', () => {
    const member = minter.member('2020-2021', 'VVD', 'Koopmans');
    expect(member.value).toBe(`${minter.base}id/persoon/2020-2021/vvd/koopmans`);
    expect(values(quads, D, kld('askedBy'))).toEqual([minter.faction('GroenLinks').value, minter.faction('VVD').value, member.value].sort());
    // A gazetteer faction's facts are in the gazetteer's graph only; a faction the gazetteer lacks is described by the paper.
    expect(objects(quads, minter.faction('VVD'), skos('notation'))).toEqual([]);
    const unknown = documentToQuads({ ...fixtureDocument(), factions: ['Groep Markuszower'], blocks: fixtureDocument().blocks.map((b) => ({ ...b, faction: 'Groep Markuszower' })) }, minter);
    expect(objects(unknown, minter.faction('Groep Markuszower'), skos('notation'))).toEqual([literal('Groep Markuszower')]);
    const membership = minter.membership('2020-2021', 'VVD', 'Koopmans');
    expect(objects(quads, member, org('hasMembership'))).toEqual([membership]);
    expect(objects(quads, membership, org('organization'))).toEqual([minter.faction('VVD')]);
    expect(objects(quads, membership, org('memberDuring'))).toEqual([minter.parliamentaryYear('2020-2021')]);
    expect(objects(quads, member, org('memberOf'))).toEqual([]);
    const blok = minter.officeHolder('2020-2021', 'Blok');
    expect(objects(quads, D, kld('answeredBy'))).toEqual([blok]);
    expect(values(quads, blok, rdf('type'))).toEqual([foaf('Person').value, kld('Person').value].sort());
    expect(objects(quads, blok, foaf('name'))).toEqual([literal('Blok')]);
    // The one addressee of his role gives the post; the post is in the ministry of the gazetteer.
    const post = minter.post('2020-2021', 'Minister van Buitenlandse Zaken');
    expect(objects(quads, post, org('heldBy'))).toEqual([blok]);
    expect(objects(quads, post, org('postIn'))).toEqual([minter.concept('ministerie', 'bz')]);
    expect(objects(quads, minter.answer(ID, [1], 0), kld('answeringPost'))).toEqual([post]);
    expect(objects(quads, minter.answer(ID, [1], 0), dcterms('creator'))).toEqual([blok]);
    expect(values(quads, D, kld('answeredByText'))).toEqual(['Minister Blok', 'het kabinet (Minister van Buitenlandse Zaken)']);
  });

  it('maps blocks, questions and answers, numbered and merged, and leaves a remark unanswered', () => {
    const [b1, b2, b3] = [minter.block(ID, 0), minter.block(ID, 1), minter.block(ID, 2)];
    const a1 = minter.answer(ID, [1], 0);
    const a23 = minter.answer(ID, [2, 3], 2);
    expect(a23.value).toBe(`${minter.base}id/${ID}/antwoord/2-3`);
    expect(objects(quads, b1, kld('hasAnswer'))).toEqual([a1]);
    expect(objects(quads, b2, kld('hasAnswer'))).toEqual([]);
    expect(objects(quads, b2, kld('position'))).toEqual([literal('2', xsd('integer'))]);
    expect(values(quads, a23, kld('number'))).toEqual(['2', '3']);
    expect(objects(quads, a23, kld('heading'))).toEqual([literal('Antwoord 2 en 3', 'nl')]);
    expect(values(quads, a23, kld('answers'))).toEqual([b3, minter.question(ID, 2), minter.question(ID, 3)].map((t) => t?.value).sort());
    expect(objects(quads, minter.question(ID, 3), kld('hasAnswer'))).toEqual([a23]);
    expect(objects(quads, minter.question(ID, 2), kld('askedBy'))).toEqual([minter.faction('GroenLinks')]);
    // ELI: work subdivisions, part of works only; answers answer_to their questions.
    expect(objects(quads, b1, eli('is_part_of'))).toEqual([D]);
    expect(objects(quads, minter.question(ID, 2), eli('is_part_of'))).toEqual([b3]);
    expect(objects(quads, a23, eli('is_part_of'))).toEqual([b3]);
    expect(values(quads, a23, elidl('answers_to'))).toEqual([minter.question(ID, 2), minter.question(ID, 3)].map((t) => t.value).sort());
    expect(
      objects(quads, b1, rdf('type'))
        .map((t) => t.value)
        .sort(),
    ).toEqual([eli('WorkSubdivision').value, kld('QuestionBlock').value].sort());
    expect(objects(quads, minter.question(ID, 1), kld('questionText'))).toEqual([literal('Steunt het kabinet de VN-hervorming?', 'nl')]);
    expect(objects(quads, b1, kld('topic'))).toEqual([minter.topic(ID, 'Hervorming')]);
    expect(objects(quads, minter.topic(ID, 'Hervorming'), skos('prefLabel'))).toEqual([literal('Hervorming', 'nl')]);
  });

  it('gives every extracted thing its place in the published text: a SpecificResource with position and quote', () => {
    const a1 = minter.answer(ID, [1], 0);
    const place = minter.selector(a1);
    expect(place.value).toBe(`${a1.value}#bron`);
    expect(objects(quads, a1, dcterms('source'))).toEqual([place]);
    expect(objects(quads, a1, oa('hasSelector'))).toEqual([]);
    expect(objects(quads, place, rdf('type'))).toEqual([oa('SpecificResource')]);
    expect(objects(quads, place, oa('hasSource'))).toEqual([minter.sourceText(ID)]);
    expect(objects(quads, place, kld('page'))).toEqual([literal('1', xsd('integer'))]);
    const pos = minter.positionSelector(place);
    expect(objects(quads, pos, oa('start'))).toEqual([literal('100', xsd('integer'))]);
    expect(objects(quads, pos, oa('end'))).toEqual([literal('200', xsd('integer'))]);
    const quote = minter.quoteSelector(place);
    const text = fixtureText(5000);
    expect(objects(quads, quote, oa('exact'))).toEqual([literal(text.slice(100, 200))]);
    expect(objects(quads, quote, oa('prefix'))).toEqual([literal(text.slice(68, 100))]);
    expect(objects(quads, quote, oa('suffix'))).toEqual([literal(text.slice(200, 232))]);
    const qs = minter.selector(minter.block(ID, 0), 'vraag');
    expect(qs.value).toBe(`${minter.base}id/${ID}/blok/1#vraag`);
    expect(objects(quads, minter.block(ID, 0), kld('questionSource'))).toEqual([qs]);
    expect(objects(quads, minter.positionSelector(qs), oa('end'))).toEqual([literal('90', xsd('integer'))]);
    // The published text is described with its hash and length in code points.
    expect(objects(quads, minter.sourceText(ID), kld('codePointCount'))).toEqual([literal('5000', xsd('integer'))]);
  });

  it('maps citations as occurrences of cited papers, one CitedPaper node per official id', () => {
    const citations = quads.filter((q) => q.predicate.equals(rdf('type')) && q.object.equals(kld('Citation')));
    expect(citations).toHaveLength(9);
    const c1 = minter.citation(ID, 'kst-26150-169', 150);
    expect(c1.value).toBe(`${minter.base}id/${ID}/citaat/kst-26150-169/150`);
    const cited = minter.document('kst-26150-169');
    expect(objects(quads, c1, kld('citedPaper'))).toEqual([cited]);
    expect(objects(quads, c1, kld('side'))).toEqual([literal('answer')]);
    expect(objects(quads, c1, kld('citationIn'))).toEqual([minter.answer(ID, [1], 0)]);
    expect(has(quads, minter.answer(ID, [1], 0), kld('cites'), cited)).toBe(true);
    expect(has(quads, D, kld('cites'), cited)).toBe(true);
    // ELI: the answer (a work) cites the cited work.
    expect(has(quads, minter.answer(ID, [1], 0), eli('cites'), cited)).toBe(true);
    expect(values(quads, cited, rdf('type'))).toEqual([kld('CitedPaper').value, kld('Kamerstuk').value, eli('Work').value].sort());
    // A cited paper and a corpus document share the IRI scheme: IriMinter.document(id).
    expect(cited.value).toBe(`${minter.base}id/kst-26150-169`);
    // In a footnote, on the question side: held by the block, pointing at the footnote.
    const c2 = minter.citation(ID, 'kst-21501-20-1440', 30);
    expect(objects(quads, c2, kld('citationIn'))).toEqual([minter.block(ID, 0)]);
    expect(objects(quads, c2, kld('inFootnote'))).toEqual([minter.footnote(ID, 1)]);
    expect(objects(quads, minter.document('kst-21501-20-1440'), kld('dossier'))).toEqual([minter.dossier('21501-20')]);
    // A motion with its submitter.
    const motion = minter.document('kst-30196-708');
    expect(has(quads, motion, rdf('type'), kld('Motion'))).toBe(true);
    expect(objects(quads, motion, kld('submitter'))).toEqual([minter.motionSubmitter('kst-30196-708', 'Koopmans')]);
    // TK numbers have no page on officielebekendmakingen.
    expect(
      objects(quads, minter.document('2022D22285'), rdf('type'))
        .map((t) => t.value)
        .sort(),
    ).toEqual([kld('CitedPaper').value, kld('TkDocumentNumber').value, eli('Work').value].sort());
    expect(objects(quads, minter.document('2022D22285'), kld('officialPublication'))).toEqual([]);
    expect(objects(quads, minter.document('h-tk-20192020-12-5'), kld('officialPublication'))).toEqual([namedNode('https://zoek.officielebekendmakingen.nl/h-tk-20192020-12-5')]);
  });

  it('maps the notice and the citation of a footnote outside any block', () => {
    const notice = minter.notice(ID);
    expect(objects(quads, notice, rdf('type'))).toEqual([kld('Notice')]);
    const noticeCitation = objects(quads, notice, kld('citation'));
    expect(noticeCitation).toHaveLength(1);
    expect(noticeCitation[0]?.value).toMatch(new RegExp(`^${D.value}/citaat/[^/]+/[0-9]+$`));
    const f2 = minter.footnote(ID, 2);
    const c9 = minter.citation(ID, 'kst-33783-35', 940);
    expect(objects(quads, f2, kld('citation'))).toEqual([c9]);
    expect(objects(quads, c9, kld('inFootnote'))).toEqual([f2]);
    // A footnote outside any block annotates the paper: the paper is the citing work.
    expect(has(quads, D, eli('cites'), minter.document('kst-33783-35'))).toBe(true);
  });

  it('maps mentions to gazetteer concepts and cross-references to answers', () => {
    const m1 = minter.mention(ID, 'organisatie', 'un', 60);
    expect(objects(quads, m1, kld('mentions'))).toEqual([minter.concept('organisatie', 'un')]);
    expect(has(quads, minter.block(ID, 0), kld('mentions'), minter.concept('organisatie', 'un'))).toBe(true);
    expect(has(quads, minter.answer(ID, [1], 0), kld('mentions'), minter.concept('verdrag', 'npt'))).toBe(true);
    expect(objects(quads, minter.mention(ID, 'fractie', 'vvd', 305), kld('mentions'))).toEqual([minter.faction('vvd')]);
    // The treaty is the gazetteer's: its type and labels stand in the gazetteer's graph only.
    expect(values(quads, minter.concept('verdrag', 'npt'), rdf('type'))).toEqual([]);
    expect(quads.filter((q) => q.subject.equals(minter.concept('verdrag', 'npt')))).toEqual([]);
    const r1 = minter.crossReference(ID, [1], 410);
    const r2 = minter.crossReference(ID, [40], 441);
    expect(objects(quads, r1, kld('refersToAnswer'))).toEqual([minter.answer(ID, [1], 0)]);
    expect(objects(quads, r2, kld('refersToAnswer'))).toEqual([]); // no answer 40 in this paper
    expect(objects(quads, r2, kld('number'))).toEqual([literal('40', xsd('integer'))]);
    expect(values(quads, minter.answer(ID, [2, 3], 2), kld('crossReference'))).toEqual([r1.value, r2.value].sort());
  });

  it('attaches footnotes to their block, or to the document when the marker stands outside blocks', () => {
    const f1 = minter.footnote(ID, 1);
    expect(objects(quads, f1, kld('footnoteOf'))).toEqual([minter.block(ID, 0)]);
    expect(has(quads, minter.block(ID, 0), kld('footnote'), f1)).toBe(true);
    expect(objects(quads, minter.footnote(ID, 2), kld('footnoteOf'))).toEqual([D]);
    expect(objects(quads, f1, kld('markerSource'))).toEqual([minter.selector(f1, 'markering')]);
    expect(objects(quads, f1, kld('footnoteText'))).toEqual([literal('Kamerstuk 21 501-20, nr. 1440', 'nl')]);
  });

  it('records provenance: source file with SHA-256, an extraction without timestamps', () => {
    const src = minter.source(ID);
    expect(objects(quads, D, prov('wasDerivedFrom'))).toEqual([src]);
    expect(objects(quads, src, kld('sha256'))).toEqual([literal('a'.repeat(64))]);
    expect(objects(quads, src, kld('fileName'))).toEqual([literal('kst-26150-999.txt')]);
    expect(objects(quads, src, prov('wasDerivedFrom'))).toEqual([namedNode('https://zoek.officielebekendmakingen.nl/kst-26150-999.pdf')]);
    const extraction = minter.extraction(ID);
    expect(objects(quads, D, prov('wasGeneratedBy'))).toEqual([extraction]);
    expect(objects(quads, extraction, prov('used'))).toEqual([src]);
    const timeTyped = quads.filter((q) => q.object.termType === 'Literal' && q.object.datatype.equals(xsd('dateTime')));
    expect(timeTyped).toEqual([]);
  });

  it("asks every block of a Kamervragen paper by the paper's askers, persons and factions", () => {
    const base = fixtureDocument();
    const doc: DocumentModel = {
      ...base,
      genre: 'kamervragen',
      askers: [{ name: 'Inge van Dijk', faction: 'CDA' }],
      blocks: base.blocks.map((b) => ({ ...b, faction: null })),
    };
    const q = documentToQuads(doc, minter);
    const person = minter.member('2020-2021', 'CDA', 'Inge van Dijk');
    expect(has(q, D, kld('askedBy'), person)).toBe(true);
    expect(has(q, D, kld('askedBy'), minter.faction('CDA'))).toBe(true);
    for (const i of [0, 1, 2]) expect(values(q, minter.block(ID, i), kld('askedBy'))).toEqual([minter.faction('CDA').value, person.value].sort());
    expect(values(q, minter.question(ID, 2), kld('askedBy'))).toEqual([minter.faction('CDA').value, person.value].sort());
    expect(objects(q, D, eli('work_type'))).toEqual([kld('Kamervragen')]);
  });

  it('names persons by name as printed, faction and year: namesakes of two factions are two persons', () => {
    const doc: DocumentModel = {
      ...fixtureDocument(),
      askers: [
        { name: 'De Vries', faction: 'VVD' },
        { name: 'De Vries', faction: 'SP' },
      ],
    };
    const q = documentToQuads(doc, minter);
    const persons = q.filter((x) => x.predicate.equals(rdf('type')) && x.object.equals(foaf('Person'))).map((x) => x.subject.value);
    expect(persons.filter((p) => p.endsWith('/de-vries')).sort()).toEqual([minter.member('2020-2021', 'SP', 'De Vries'), minter.member('2020-2021', 'VVD', 'De Vries')].map((t) => t.value).sort());
  });

  it('refuses a model without its source text (no selectors can be made)', () => {
    const base = fixtureDocument();
    expect(() => documentToQuads({ ...base, source: { ...base.source, text: undefined } }, minter)).toThrow(/no source text/);
  });

  it('uses only terms of our namespace that the ontology declares', () => {
    const declared = new Set(loadOntology(minter).map((q) => q.subject.value));
    const used = new Set<string>();
    for (const q of quads) {
      for (const t of [q.predicate, q.object]) if (t.termType === 'NamedNode' && t.value.startsWith(minter.ontology)) used.add(t.value);
    }
    expect(used.size).toBeGreaterThan(40);
    expect([...used].filter((t) => !declared.has(t))).toEqual([]);
  });

  it('moves every IRI with a different base', () => {
    const other = new IriMinter('https://data.example.org/kst/');
    const q = documentToQuads(fixtureDocument(), other);
    const ours = q.flatMap((x) => [x.subject, x.predicate, x.object, x.graph]).filter((t) => t.value.startsWith(DEFAULT_PREFIX));
    expect(ours).toEqual([]);
    expect(q.some((x) => x.subject.value === 'https://data.example.org/kst/id/kst-26150-999')).toBe(true);
  });
});

const DEFAULT_PREFIX = 'https://w3id.org/kamerstukken-ld/';

describe('namedAnswerer', () => {
  it('finds a name after the office, or in parentheses, and nothing in an office alone', () => {
    expect(namedAnswerer('Minister Bruins Slot')).toBe('Bruins Slot');
    expect(namedAnswerer('Staatssecretaris Van Huffelen')).toBe('Van Huffelen');
    expect(namedAnswerer('Minister van Economische Zaken en Klimaat (M.A.M. Adriaansens)')).toBe('M.A.M. Adriaansens');
    expect(namedAnswerer('het kabinet (Minister van Buitenlandse Zaken)')).toBeNull();
    expect(namedAnswerer('Minister voor Buitenlandse Handel en Ontwikkelingssamenwerking')).toBeNull();
    expect(namedAnswerer('het kabinet')).toBeNull();
  });
});

const seed = resolve(import.meta.dirname, '..', 'corpus', 'kst-26150-187.txt');

describe.skipIf(!existsSync(seed))('documentToQuads on the seed (corpus/kst-26150-187.txt)', () => {
  const id = 'kst-26150-187';
  let quads: Quad[];
  beforeAll(async () => {
    quads = documentToQuads(await readDocument(seed), minter);
  }, 120_000);

  const ofType = (cls: KldTerm) => quads.filter((q) => q.predicate.equals(rdf('type')) && q.object.equals(kld(cls))).map((q) => q.subject);

  it('has 117 numbered answers, from 1 to 117, each answering one block', () => {
    const answers = ofType('Answer');
    const numbers = answers.flatMap((a) => objects(quads, a, kld('number')).map((n) => Number(n.value))).sort((x, y) => x - y);
    expect(numbers).toEqual(Array.from({ length: 117 }, (_, i) => i + 1));
    const blocks = new Set(ofType('QuestionBlock').map((b) => b.value));
    for (const a of answers) expect(objects(quads, a, kld('answers')).filter((b) => blocks.has(b.value))).toHaveLength(1);
    expect(objects(quads, minter.answer(id, [8], 0), kld('partOf'))).toEqual([minter.document(id)]);
    // Every answer eli-dl:answers_to at least one question or block, and is part of its block.
    for (const a of answers) {
      expect(objects(quads, a, elidl('answers_to')).length).toBeGreaterThan(0);
      expect(objects(quads, a, eli('is_part_of'))).toHaveLength(1);
    }
  });

  it('has 8 factions in order and 20 footnotes', () => {
    expect(values(quads, minter.document(id), kld('askedBy'))).toEqual(['VVD', 'CDA', 'D66', 'GroenLinks', 'SP', 'PvdA', 'PvdD', 'SGP'].map((f) => minter.faction(f).value).sort());
    expect(ofType('Footnote')).toHaveLength(20);
  });

  it('cites kst-33694-43 on the question side of the block answered by answer 8', () => {
    const c = quads.filter((q) => q.predicate.equals(kld('citedPaper')) && q.object.equals(minter.document('kst-33694-43'))).map((q) => q.subject);
    expect(c).toHaveLength(1);
    const citation = defined(c[0], 'the citation');
    expect(objects(quads, citation, kld('side'))).toEqual([literal('question')]);
    const holder = objects(quads, citation, kld('citationIn'))[0];
    expect(objects(quads, holder as Quad['subject'], kld('hasAnswer'))).toEqual([minter.answer(id, [8], 0)]);
  });

  it('is deterministic on the seed', async () => {
    expect(nquads(documentToQuads(await readDocument(seed), minter))).toBe(nquads(quads));
  }, 120_000);
});
