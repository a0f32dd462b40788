/**
 * Domain-shaped synthetic corpora for the benchmark and the server tests: written consultations
 * (verslag van een schriftelijk overleg) of question blocks, one faction each, with a numbered question,
 * the government's numbered answer with Dutch text, citations of other papers and mentions of the faction
 * and of the United Nations; one named graph per paper, plus the gazetteer's graph. Deterministic: the same
 * options (papers, seed, …) give the same N-Quads bytes.
 *
 * The generator makes document models (src/model.ts), source text and spans included, and maps them with
 * the build's own mapping (src/rdf/mapping.ts), written as the build writes a paper's graph (sorted lines,
 * src/publish/nquads.ts). So the data has exactly the classes, predicates and structure `build` publishes
 * (blocks, questions, answers, citations and cited papers, factions from the gazetteer, source spans with
 * their selectors, provenance), and a term the ontology does not declare cannot appear in it. Left out, as
 * few Kamervragen-size papers have them: footnotes, cross-references, named askers and answerers.
 */
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DataFactory } from 'n3';
import { Gazetteer } from '../src/extract/gazetteer.js';
import type { Block, DocumentModel, Mention, PlacedCitation, Span } from '../src/model.js';
import { sortedLines } from '../src/publish/nquads.js';
import { writeSnapshot } from '../src/publish/snapshot.js';
import { DEFAULT_BASE, IriMinter, slug } from '../src/rdf/iris.js';
import { documentToQuads } from '../src/rdf/mapping.js';

/**
 * What the generator writes, as a number: a corpus kept by `npm run bench -- --data DIR` (bench/bench.ts) is
 * reused only when it was written by this version. 2: the build's mapping (until then hand-written quads
 * with names the ontology did not declare: kld:faction, kld:inBlock, kld:text, kld:sourceSpan, kld:inText).
 */
export const GENERATOR_VERSION = 2;

/** Gazetteer factions (their abbreviation as printed; the gazetteer knows each one). */
export const FACTIONS = ['VVD', 'CDA', 'D66', 'GroenLinks', 'SP', 'PvdA', 'PvdD', 'SGP'] as const;

/** Words the texts are drawn from (none of them a gazetteer name, so the mentions below are all there are). */
const WORDS = (
  'het kabinet de regering deelt de mening dat internationale samenwerking van groot belang is voor ' +
  'vrede veiligheid en ontwikkeling Nederland zet zich in de inzet beleid voor multilateralisme ' +
  'mensenrechten klimaat ontwapening non-proliferatie rechtsstaat hervorming begroting bijdrage ' +
  'overleg resolutie verdrag advies kabinetsreactie organisatie lidstaten dialoog partners'
).split(' ');

/**
 * The word of the bench's word search. It stands in about 1 answer in 8 (and 1 question in 50): the
 * answers are as few per triple as in real papers (about 7 per 1,000 triples), and at that rate the search
 * finds about 1,000 answers at 1M triples and 10,000 at 10M, as it did on the bench's earlier data: a
 * common word, whose candidates at 10M are more than the text index sends to Virtuoso as a list.
 */
export const RARE_WORD = 'Taiwan';
const RARE_IN_ANSWER = 0.12;
const RARE_IN_QUESTION = 0.02;

/** The organisation the answers mention now and then (a gazetteer concept). */
const UN = { id: 'un', label: 'Verenigde Naties', printed: 'Verenigde Naties' } as const;

/** A small deterministic PRNG (mulberry32): corpora must not change between runs. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A random element of a non-empty list. */
function pick<T>(xs: readonly T[], rand: () => number): T {
  const x = xs[Math.floor(rand() * xs.length)];
  if (x === undefined) throw new Error('pick from an empty list');
  return x;
}

export interface CorpusOptions {
  papers: number;
  base?: string;
  /** Question blocks per paper (default DEFAULT_BLOCKS). */
  blocks?: number;
  seed?: number;
  /** Index of the first paper (to make disjoint corpora for federation tests). */
  first?: number;
  /** Write the gazetteer's graph (graph/gazetteer) before the papers, as a build does (default true). */
  gazetteer?: boolean;
}

/** Question blocks per paper: about 1,550 triples a paper, as a Kamervragen paper has (1,000–1,600 in ../shared/corpus). */
export const DEFAULT_BLOCKS = 13;

/** Official id of the i-th synthetic paper (0-based): kst-90000-1, kst-90000-2, … */
export function paperId(i: number): string {
  return `kst-${90000 + Math.floor(i / 1000)}-${(i % 1000) + 1}`;
}

/** The k-th paper of the pool cited papers are drawn from (the first 8: the factions' own, FACTIONS order), so GROUP BY has real groups. */
export function citedPaperId(k: number): string {
  return `kst-${33000 + (k % 97)}-${k + 1}`;
}

/** Title of the i-th synthetic paper (0-based). */
export function paperTitle(i: number): string {
  return `Verslag van een schriftelijk overleg ${i + 1}`;
}

/** Characters a page holds, for the spans' page numbers. */
const PAGE = 2500;

/** A paper's source text, written piece by piece, with the span of each piece. */
class TextBuilder {
  text = '';
  add(piece: string): Span {
    const start = this.text.length;
    this.text += piece;
    return { start, end: this.text.length, page: Math.floor(start / PAGE) + 1 };
  }
  /** The span of `part` inside a piece written at `at`. */
  within(at: Span, offset: number, part: string): Span {
    const start = at.start + offset;
    return { start, end: start + part.length, page: Math.floor(start / PAGE) + 1 };
  }
}

/** The i-th paper as the reader would give it: its source text and what stands where in it. */
function paperModel(i: number, blocks: number, citedPool: number, rand: () => number): DocumentModel {
  const id = paperId(i);
  const [, dossier = id, ondernummer = '1'] = id.split('-');
  const title = paperTitle(i);
  const out = new TextBuilder();
  out.add(`Tweede Kamer der Staten-Generaal\n\nVergaderjaar 2023–2024\n\n${dossier}\n\nNr. ${ondernummer}\n\nVERSLAG VAN EEN SCHRIFTELIJK OVERLEG\n\n${title}\n\n`);
  const words = (n: number, rare: number): string => {
    const ws: string[] = [];
    for (let w = 0; w < n; w++) ws.push(pick(WORDS, rand));
    if (rand() < rare) ws.splice(Math.floor(n / 2), 0, RARE_WORD);
    return ws.join(' ');
  };
  const factions: string[] = [];
  const model: Block[] = [];
  for (let b = 0; b < blocks; b++) {
    const faction = pick(FACTIONS, rand);
    if (!factions.includes(faction)) factions.push(faction);
    const n = b + 1;
    // A citation in about 1 block in 3. Half of them are the faction's questions coming back to its own paper
    // (its motion, say); the others cite a paper of the pool, skewed (some often), in the question or the answer.
    const citing = rand() < 0.34;
    const own = rand() < 0.5;
    const cited = citing ? citedPaperId(own ? FACTIONS.indexOf(faction) : Math.floor(rand() * rand() * citedPool)) : null;
    const citedIn = own || rand() < 0.5 ? 'question' : 'answer';
    const [, citedDossier = '', citedNumber = ''] = cited?.split('-') ?? [];
    const printed = cited === null ? '' : `Kamerstuk ${citedDossier.slice(0, 2)} ${citedDossier.slice(2)}, nr. ${citedNumber}`;
    const lead = `De leden van de ${faction}-fractie vragen `;
    const question = `${lead}${words(18, RARE_IN_QUESTION)}${cited !== null && citedIn === 'question' ? ` (${printed})` : ''}?`;
    const un = rand() < 0.5 ? ` Nederland zet zich daarvoor in bij de ${UN.printed}.` : '';
    const answer = `${words(40, RARE_IN_ANSWER)}${cited !== null && citedIn === 'answer' ? ` (${printed})` : ''}.${un}`;
    const heading = `${n}. Antwoord van het kabinet:`;

    const questionSpan = out.add(question);
    out.add('\n\n');
    const headingSpan = out.add(heading);
    out.add('\n\n');
    const answerText = out.add(answer);
    out.add('\n\n');
    const answerSpan: Span = { ...headingSpan, end: answerText.end };
    const mentions: Mention[] = [{ id: slug(faction), label: faction, kind: 'faction', text: faction, in: 'question', span: out.within(questionSpan, lead.length - `${faction}-fractie vragen `.length, faction) }];
    if (un !== '') mentions.push({ id: UN.id, label: UN.label, kind: 'organisation', text: UN.printed, in: 'answer', span: out.within(answerText, answer.length - UN.printed.length - 1, UN.printed) });
    const citations: PlacedCitation[] = [];
    if (cited !== null) {
      const [at, text] = citedIn === 'question' ? [questionSpan, question] : [answerText, answer];
      citations.push({ id: cited, kind: 'kamerstuk', text: printed, dossier: citedDossier, in: citedIn, span: out.within(at, text.indexOf(printed), printed) });
    }
    model.push({
      index: b,
      numbers: [n],
      faction,
      topic: null,
      questionText: question,
      questions: [question],
      questionSpan,
      answer: { numbers: [n], heading, text: answer, span: answerSpan },
      citations,
      crossReferences: [],
      mentions,
      span: { ...questionSpan, end: answerSpan.end },
    });
  }
  const text = out.text;
  return {
    id,
    genre: 'verslag-schriftelijk-overleg',
    dossier,
    ondernummer,
    vergaderjaar: '2023-2024',
    title,
    askers: factions.map((f) => ({ name: `${f}-fractie`, faction: f })),
    addressees: [],
    answeredBy: ['het kabinet'],
    submitted: null,
    received: null,
    factions,
    blocks: model,
    footnotes: [],
    notice: null,
    pages: Math.floor(text.length / PAGE) + 1,
    source: { file: `${id}.txt`, sha256: createHash('sha256').update(text, 'utf8').digest('hex'), length: text.length, format: 'text', text },
  };
}

/**
 * Generate N-Quads for the corpus: the gazetteer's graph, then one paper's graph at a time (bounded memory),
 * each graph's lines sorted, as in a build's dump.
 */
export function* generateCorpus(options: CorpusOptions): Generator<string> {
  const minter = new IriMinter(options.base ?? DEFAULT_BASE);
  const gazetteer = Gazetteer.load(minter);
  for (const f of FACTIONS) if (gazetteer.byId(slug(f))?.kind !== 'faction') throw new Error(`the gazetteer has no faction ${f}`);
  if (gazetteer.byId(UN.id)?.kind !== 'organisation') throw new Error(`the gazetteer has no organisation ${UN.id}`);
  const blocks = options.blocks ?? DEFAULT_BLOCKS;
  const rand = prng(options.seed ?? 42);
  // About 3 citations per paper of the pool, as in the bench's earlier data (the pool grows with the corpus).
  const citedPool = 40 * Math.max(1, Math.ceil(options.papers / 60));
  if (options.gazetteer ?? true) {
    const graph = minter.gazetteerGraph();
    yield sortedLines(gazetteer.quads().map((q) => DataFactory.quad(q.subject, q.predicate, q.object, graph))).join('');
  }
  const first = options.first ?? 0;
  for (let i = first; i < first + options.papers; i++) {
    yield sortedLines(documentToQuads(paperModel(i, blocks, citedPool, rand), minter, gazetteer)).join('');
  }
}

/** The whole corpus as one string: for small test fixtures only. */
export function corpusString(options: CorpusOptions): string {
  let s = '';
  for (const chunk of generateCorpus(options)) s += chunk;
  return s;
}

/** Triples of a paper, on average: about 56 of its own and 114.6 per block (measured; test/bench-corpus.test.ts checks it). */
export function triplesPerPaper(blocks = DEFAULT_BLOCKS): number {
  return 56 + 114.6 * blocks;
}

/** Papers needed for about `triples` triples (the gazetteer's graph, 1,906 triples, not counted). */
export function papersFor(triples: number, blocks = DEFAULT_BLOCKS): number {
  return Math.max(1, Math.round(triples / triplesPerPaper(blocks)));
}

/** The dump of a generated corpus, as a build names it. */
const DUMP = 'kamerstukken-ld.nq';

/** What the bench writes beside a generated dump: the generator's version, the papers and quads written. */
export const CORPUS_MANIFEST = 'bench-corpus.json';

export interface WrittenCorpus {
  file: string;
  papers: number;
  quads: number;
}

/** Write the corpus of about `triples` triples into `dir` as a build's output: the dump and its manifests. */
export async function writeCorpus(dir: string, triples: number): Promise<WrittenCorpus> {
  const papers = papersFor(triples);
  const file = path.join(dir, DUMP);
  const out = createWriteStream(file);
  let quads = 0;
  for (const chunk of generateCorpus({ papers })) {
    quads += chunk.split('\n').length - 1;
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  await writeSnapshot(dir, { base: DEFAULT_BASE });
  // Last, so a corpus cut short has none: which generator wrote it, for keptCorpus.
  writeFileSync(path.join(dir, CORPUS_MANIFEST), `${JSON.stringify({ generator: GENERATOR_VERSION, papers, quads })}\n`);
  return { file, papers, quads };
}

/**
 * A corpus written before into `dir` (--data), if its manifests say it is whole and was written by this
 * generator for this size. Anything else (a corpus of an earlier generator, one cut short) is written again.
 */
export function keptCorpus(dir: string, triples: number): WrittenCorpus | undefined {
  const file = path.join(dir, DUMP);
  const manifest = path.join(dir, 'store.json');
  const written = path.join(dir, CORPUS_MANIFEST);
  if (!existsSync(file) || !existsSync(manifest) || !existsSync(written)) return undefined;
  const m = JSON.parse(readFileSync(manifest, 'utf8')) as { quads?: number };
  const w = JSON.parse(readFileSync(written, 'utf8')) as { generator?: number; papers?: number; quads?: number };
  const papers = papersFor(triples);
  if (w.generator !== GENERATOR_VERSION || w.papers !== papers || typeof m.quads !== 'number' || w.quads !== m.quads) return undefined;
  return { file, papers, quads: m.quads };
}
