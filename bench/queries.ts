/**
 * The benchmark's queries (bench/bench.ts, bench/virtuoso-peer.ts, bench/load.ts, bench/start-cost.ts): the
 * table of issue 12, on the generated corpus (bench/corpus.ts), which is mapped by the build's own mapping,
 * so the queries ask what they would ask of a build's output. Our terms are typed (src/rdf/vocab.generated.ts,
 * a misspelt name does not compile) and written as full IRIs.
 */
import type { NamedNode } from '@rdfjs/types';
import { DEFAULT_BASE, IriMinter } from '../src/rdf/iris.js';
import { skos } from '../src/rdf/vocab.js';
import { FACTIONS, RARE_WORD, citedPaperId, paperId } from './corpus.js';

export interface BenchQuery {
  name: string;
  accept: string;
  /** The query for a corpus of this many papers. */
  sparql: (papers: number) => string;
}

const minter = new IriMinter(DEFAULT_BASE);
const kld = minter.kld;
const iri = (node: NamedNode): string => `<${node.value}>`;

/** The phrase of the phrase search: four corpus words. */
export const PHRASE = `${RARE_WORD} dialoog klimaat hervorming`;

/** Answers holding a word, by their text (kld:answerText, one of the text index's predicates). */
export function containsInAnswers(word: string): string {
  return `SELECT ?a WHERE { ?a a ${iri(kld.Answer)} ; ${iri(kld.answerText)} ?t FILTER(CONTAINS(?t, ${JSON.stringify(word)})) }`;
}

/** One faction's question blocks that cite one paper (the citation kld:citationIn the block, kld:citedPaper the paper). */
export function factionCites(faction: string, citedId: string): string {
  return `SELECT ?b ?c WHERE { ?b ${iri(kld.askedBy)} ${iri(minter.faction(faction))} . ?c ${iri(kld.citationIn)} ?b ; ${iri(kld.citedPaper)} ${iri(minter.document(citedId))} }`;
}

/** The most-cited papers (as queries/most-cited-papers.rq counts them: kld:Citation → kld:citedPaper). */
export const TOP_CITED = `SELECT ?paper (COUNT(?c) AS ?n) WHERE { ?c ${iri(kld.citedPaper)} ?paper } GROUP BY ?paper ORDER BY DESC(?n) ?paper LIMIT 10`;

/** Everything about one answer: antwoord/{n} of a paper. */
export function lookupAnswer(paper: string, n: number): string {
  return `SELECT ?p ?o WHERE { ${iri(minter.answer(paper, [n], n - 1))} ?p ?o }`;
}

/**
 * Where queries/ asks the same thing, the same terms and paths: citations are kld:Citation → kld:citedPaper
 * (most-cited-papers.rq); an answer hangs off its block by kld:hasAnswer, and a faction is a block's
 * kld:askedBy with its skos:notation in the gazetteer's graph (answers-per-faction.rq).
 */
export const QUERIES: BenchQuery[] = [
  {
    name: 'lookup by IRI',
    accept: 'application/sparql-results+json',
    sparql: (n) => lookupAnswer(paperId(Math.floor(n / 2)), 7),
  },
  {
    // The SP's question blocks that cite the SP's own paper (the generator's factions come back to theirs).
    name: 'join: faction × cited paper',
    accept: 'application/sparql-results+json',
    sparql: () => factionCites('SP', citedPaperId(FACTIONS.indexOf('SP'))),
  },
  {
    name: 'GROUP BY cited paper, top 10',
    accept: 'application/sparql-results+json',
    sparql: () => TOP_CITED,
  },
  {
    name: `CONTAINS "${RARE_WORD}" in answers`,
    accept: 'application/sparql-results+json',
    sparql: () => containsInAnswers(RARE_WORD),
  },
  {
    // Four corpus words, next to each other in (almost) no answer: the text index narrows the search to the
    // few answers holding all four, a list it sends to Virtuoso, where the word alone has too many candidates
    // at 10M triples. Designed to find (almost) nothing: 0 rows is its answer at small sizes.
    name: `CONTAINS "${PHRASE}" in answers`,
    accept: 'application/sparql-results+json',
    sparql: () => containsInAnswers(PHRASE),
  },
  {
    name: 'CONSTRUCT one document',
    accept: 'application/n-triples',
    sparql: (n) => `CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ${iri(minter.graph(paperId(Math.floor(n / 3))))} { ?s ?p ?o } }`,
  },
  {
    name: 'answers per faction, all papers',
    accept: 'application/sparql-results+json',
    sparql: () => `SELECT ?faction (COUNT(?a) AS ?n) WHERE { ?b a ${iri(kld.QuestionBlock)} ; ${iri(kld.askedBy)} ?f ; ${iri(kld.hasAnswer)} ?a . ?f ${iri(skos.notation)} ?faction } GROUP BY ?faction ORDER BY ?faction`,
  },
];
