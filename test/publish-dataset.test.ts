/** The DCAT/VoID description and its shapes (shapes/dataset.ttl), with descriptions built to fail. */
import type { Quad } from '@rdfjs/types';
import { DataFactory } from 'n3';
import { describe, expect, it } from 'vitest';
import { IriMinter } from '../src/rdf/iris.js';
import { dcat, dcterms, spdx, void_, xsd } from '../src/rdf/vocab.js';
import { LINK_TARGETS, describeDataset } from '../src/publish/dataset.js';
import { validateDescription } from '../src/publish/describe-shapes.js';
import { CorpusStats, graphStats, parliamentaryYear } from '../src/publish/stats.js';

const minter = new IriMinter();
const { quad, namedNode, literal } = DataFactory;
const a = namedNode('http://www.w3.org/1999/02/22-rdf-syntax-ns#type');

function sample(): Quad[] {
  const doc = minter.document('kst-1-1');
  const g = minter.graph('kst-1-1');
  return [
    quad(doc, a, minter.term('Document'), g),
    quad(doc, minter.term('officialPublication'), namedNode('https://zoek.officielebekendmakingen.nl/kst-1-1'), g),
    quad(minter.concept('organisatie', 'un'), namedNode('http://www.w3.org/2004/02/skos/core#exactMatch'), namedNode('http://www.wikidata.org/entity/Q1065'), g),
    quad(doc, dcterms('title'), literal('Titel', 'nl'), g),
  ];
}

function description(date: string | null = '2024-03-01'): Quad[] {
  const stats = new CorpusStats({ uriSpace: `${minter.base}id/` });
  stats.add(graphStats(sample(), LINK_TARGETS));
  const file = (name: string) => ({ name, bytes: 1234, sha256: 'ab'.repeat(32) });
  return describeDataset({
    minter,
    stats,
    files: { nquads: file('kamerstukken-ld.nq'), nquadsGzip: file('kamerstukken-ld.nq.gz') },
    documents: 1,
    documentIds: ['kst-1-1'],
    date,
    period: date ? { start: '2024-01-01', end: date } : null,
  });
}

describe('describeDataset', () => {
  it('conforms to shapes/dataset.ttl and has no blank nodes', async () => {
    const d = description();
    expect(d.some((q) => q.subject.termType === 'BlankNode' || q.object.termType === 'BlankNode')).toBe(false);
    const report = await validateDescription(d, minter);
    expect(report.text).toBe('');
    expect(report.conforms).toBe(true);
  });

  it('counts links per target and predicate', () => {
    const d = description();
    const linksets = d.filter((q) => q.predicate.equals(void_('objectsTarget')));
    // Only targets the data links to: no linkset for the Tweede Kamer's open data here.
    expect(linksets.map((q) => q.object.value.replace(/.*\//, '')).sort()).toEqual(['officielebekendmakingen', 'wikidata']);
    const triples = (name: string) => d.find((q) => q.subject.equals(minter.datasetPart('linkset', name)) && q.predicate.equals(void_('triples')))?.object.value;
    expect(triples('wikidata-skos-exactMatch')).toBe('1');
    expect(triples('officielebekendmakingen-kld-officialPublication')).toBe('1');
    expect(d.some((q) => q.subject.equals(minter.datasetPart('linkset', 'tweedekamer')))).toBe(false);
    expect(d.find((q) => q.subject.equals(minter.dataset()) && q.predicate.equals(void_('triples')))?.object.value).toBe('4');
  });

  it('leaves dates out rather than inventing them', async () => {
    const d = description(null);
    expect(d.some((q) => q.predicate.equals(dcterms('issued')) || q.predicate.equals(dcterms('modified')))).toBe(false);
    expect((await validateDescription(d, minter)).conforms).toBe(true);
  });

  const broken: [string, (d: Quad[]) => Quad[], RegExp][] = [
    ['a distribution without checksum', (d) => d.filter((q) => !q.predicate.equals(spdx('checksum'))), /checksum/],
    ['a checksum that is not SHA-256 hex', (d) => d.map((q) => (q.predicate.equals(spdx('checksumValue')) ? quad(q.subject, q.predicate, literal('xyz', xsd('hexBinary'))) : q)), /checksum/],
    ['a title in one language only', (d) => d.filter((q) => !(q.subject.equals(minter.dataset()) && q.predicate.equals(dcterms('title')) && (q.object as { language?: string }).language === 'en')), /title/],
    ['a byte size as a string', (d) => d.map((q) => (q.predicate.equals(dcat('byteSize')) ? quad(q.subject, q.predicate, literal('1234')) : q)), /byteSize/],
    ['no void:triples', (d) => d.filter((q) => !(q.subject.equals(minter.dataset()) && q.predicate.equals(void_('triples')))), /triples/],
    ['a linkset without a target', (d) => d.filter((q) => !q.predicate.equals(void_('objectsTarget'))), /objectsTarget/],
    ['a linkset without its predicate', (d) => d.filter((q) => !q.predicate.equals(void_('linkPredicate'))), /linkPredicate/],
    ['no creator', (d) => d.filter((q) => !(q.subject.equals(minter.dataset()) && q.predicate.equals(dcterms('creator')))), /creator/],
    ['no SPARQL endpoint', (d) => d.filter((q) => !q.predicate.equals(void_('sparqlEndpoint'))), /sparqlEndpoint/],
  ];
  for (const [what, breakIt, path] of broken) {
    it(`rejects ${what}`, async () => {
      const report = await validateDescription(breakIt(description()), minter);
      expect(report.conforms).toBe(false);
      expect(report.text).toMatch(path);
    });
  }
});

describe('VoID statistics', () => {
  const g1 = minter.graph('kst-1-1');
  const g2 = minter.graph('kst-1-2');
  const vvd = minter.concept('fractie', 'vvd');
  const shared = (g: typeof g1) => quad(vvd, a, minter.term('Faction'), g);
  const own = (id: string, g: typeof g1) => quad(namedNode(`${minter.document(id).value}/blok/1`), a, minter.term('QuestionBlock'), g);

  it('counts a triple held by several graphs once (the default graph is a set)', () => {
    const stats = new CorpusStats({ uriSpace: `${minter.base}id/` });
    stats.add(graphStats([shared(g1), own('kst-1-1', g1)], LINK_TARGETS, minter.document('kst-1-1').value));
    stats.add(graphStats([shared(g2), own('kst-1-2', g2)], LINK_TARGETS, minter.document('kst-1-2').value));
    expect(stats.quads).toBe(4);
    expect(stats.triples).toBe(3);
    expect(stats.properties.get(a.value)).toBe(3);
  });

  /** Three papers citing each other, sharing a faction, and a graph without a document (the gazetteer's). */
  function corpus(): { graphs: [Quad[], string | undefined][]; all: Quad[] } {
    const docs = ['kst-1-1', 'kst-1-2', 'kst-1-3'];
    const graphs: [Quad[], string | undefined][] = docs.map((id, i) => {
      const g = minter.graph(id);
      const doc = minter.document(id);
      const block = namedNode(`${doc.value}/blok/1`);
      const cited = minter.document(docs[(i + 1) % docs.length] ?? id);
      return [
        [
          quad(doc, a, minter.term('Document'), g),
          quad(doc, dcterms('title'), literal(`Titel ${i}\nmet een regel`, 'nl'), g),
          quad(doc, minter.term('officialPublication'), namedNode(`https://zoek.officielebekendmakingen.nl/${id}`), g),
          quad(block, a, minter.term('QuestionBlock'), g),
          quad(block, minter.term('questionText'), literal('Vraag 1'), g),
          quad(namedNode(`${doc.value}#bron`), a, minter.term('QuestionBlock'), g),
          shared(g),
          // The cited paper, described as its own graph describes it: the same triple in two graphs.
          quad(cited, a, minter.term('Document'), g),
        ],
        doc.value,
      ];
    });
    const gaz = minter.gazetteerGraph();
    graphs.push([[shared(gaz), quad(minter.concept('organisatie', 'un'), namedNode('http://www.w3.org/2004/02/skos/core#exactMatch'), namedNode('http://www.wikidata.org/entity/Q1065'), gaz)], undefined]);
    return { graphs, all: graphs.flatMap(([qs]) => qs) };
  }

  for (const budgetChars of [undefined, 200]) {
    it(`counts the corpus as the union of its graphs does${budgetChars === undefined ? '' : ', spilled to disk in runs'}`, () => {
      const { graphs, all } = corpus();
      const uriSpace = `${minter.base}id/`;
      const stats = new CorpusStats({ uriSpace, spill: { budgetChars } });
      for (const [qs, doc] of graphs) stats.add(graphStats(qs, LINK_TARGETS, doc));
      const key = (q: Quad): string => `${q.subject.value} ${q.predicate.value} ${q.object.termType} ${q.object.value}`;
      const distinct = [...new Map(all.map((q) => [key(q), q])).values()];
      const subjects = new Set(distinct.map((q) => q.subject.value));
      const instances = new Map<string, Set<string>>();
      for (const q of distinct.filter((x) => x.predicate.equals(a))) instances.set(q.object.value, (instances.get(q.object.value) ?? new Set()).add(q.subject.value));
      const perPredicate = new Map<string, number>();
      for (const q of distinct) perPredicate.set(q.predicate.value, (perPredicate.get(q.predicate.value) ?? 0) + 1);
      expect(stats.quads).toBe(all.length);
      expect(stats.triples).toBe(distinct.length);
      expect(stats.triples).toBeLessThan(all.length);
      expect(stats.distinctSubjects).toBe(subjects.size);
      expect(stats.entities(uriSpace)).toBe([...subjects].filter((s) => s.startsWith(uriSpace)).length);
      expect(stats.classes).toEqual(new Map([...instances].map(([c, set]) => [c, set.size])));
      expect(stats.properties).toEqual(perPredicate);
      expect(stats.links).toEqual(
        new Map([
          [`officielebekendmakingen ${minter.term('officialPublication').value}`, 3],
          ['wikidata http://www.w3.org/2004/02/skos/core#exactMatch', 1],
        ]),
      );
      expect(() => stats.entities('https://elders.example/')).toThrow(/not in https:\/\/elders.example\//);
    });
  }

  it('dates a corpus from its papers: their dates, else their parliamentary year', () => {
    const dated = graphStats([quad(minter.document('kst-1-1'), namedNode('http://data.europa.eu/eli/ontology#date_document'), literal('2024-03-01', xsd('date')), g1)], LINK_TARGETS, minter.document('kst-1-1').value);
    const undated = graphStats([quad(minter.document('kst-1-2'), minter.term('vergaderjaar'), literal('2020-2021'), g2)], LINK_TARGETS, minter.document('kst-1-2').value);
    // Prinsjesdag: 15 September 2020, 21 September 2021.
    expect(undated.period).toEqual({ start: '2020-09-15', end: '2021-09-20' });
    expect(parliamentaryYear('2023-2024')).toEqual({ start: '2023-09-19', end: '2024-09-16' });
    expect(parliamentaryYear('2023-2025')).toBeNull();
    const stats = new CorpusStats({ uriSpace: `${minter.base}id/` });
    stats.add(dated);
    stats.add(undated);
    expect(stats.period).toEqual({ start: '2020-09-15', end: '2024-03-01' });
  });
});
