/**
 * The units of a paper: question blocks, the questions in them and the answers
 * to them (ELI work subdivisions, eli:is_part_of only between works: block →
 * paper, question and answer → block; answers eli-dl:answers_to their questions),
 * a notice standing instead of answers, and footnotes (not works).
 */
import type { NamedNode } from '@rdfjs/types';
import type { Block, Footnote, Notice } from '../../model.js';
import { dcterms, eli, elidl, rdfs, skos } from '../vocab.js';
import { askerIsFaction, emitFaction } from './agents.js';
import type { Occurrences } from './occurrences.js';
import { emitSpan } from './provenance.js';
import { a, int, nl, type Emit } from './writer.js';

export interface Agents {
  /** Who asked the paper's questions (persons and their factions), for blocks without a faction of their own. */
  askers: NamedNode[];
  /** The persons who answered and the posts they answered in. */
  answerers: NamedNode[];
  posts: NamedNode[];
}

interface Held {
  question: NamedNode;
  answer: NamedNode | null;
}

/** A work subdivision of `whole`, both ways. */
function partOf(e: Emit, part: NamedNode, whole: NamedNode): void {
  e.g.add(part, a, eli.WorkSubdivision);
  e.g.add(part, eli.is_part_of, whole);
  e.g.add(whole, eli.has_part, part);
}

/** Question numbers printed in more than one block of the paper (a misprint such as "Vraag 7" twice). */
function repeatedNumbers(blocks: readonly Block[]): Set<number> {
  const seen = new Set<number>();
  const repeated = new Set<number>();
  for (const b of blocks) for (const n of new Set(b.numbers)) (seen.has(n) ? repeated : seen).add(n);
  return repeated;
}

/**
 * Numbered questions (vraag/8) when each question has its own printed number, used once in the paper;
 * otherwise blok/3/vraag/k (a number printed twice must not make two questions one).
 */
function questionNodes(e: Emit, block: Block, repeated: ReadonlySet<number>): { nodes: NamedNode[]; numbered: boolean } {
  const numbered = block.numbers.length > 0 && block.numbers.length === block.questions.length && !block.numbers.some((n) => repeated.has(n));
  const nodes = block.questions.map((_, k) => {
    const n = block.numbers[k];
    return numbered && n !== undefined ? e.minter.question(e.id, n) : e.minter.blockQuestion(e.id, block.index, k + 1);
  });
  return { nodes, numbered };
}

/**
 * Who asked a block: its faction and the paper's named askers of that faction (Kamervragen print
 * "Vragen van het lid Keijzer (BBB)"); a block without a faction of its own is asked by all askers.
 */
function blockAskers(e: Emit, block: Block, agents: Agents): NamedNode[] {
  if (block.faction === null) return agents.askers;
  const F = emitFaction(e, block.faction);
  const members = e.doc.askers.filter((asker) => asker.faction === block.faction && !askerIsFaction(asker)).map((asker) => e.minter.member(e.doc.vergaderjaar, block.faction as string, asker.name));
  return [F, ...members.filter((m) => agents.askers.some((x) => x.equals(m)))];
}

/** Blocks, questions, answers and their occurrences; returns what footnotes need to find their holder. */
export function emitBlocks(e: Emit, agents: Agents, occ: Occurrences): Map<number, Held> {
  const { g, minter, id, D, kld } = e;
  const answerByNumber = new Map<number, NamedNode>();
  for (const block of e.doc.blocks) {
    if (block.answer === null) continue;
    const A = minter.answer(id, block.answer.numbers, block.index);
    for (const n of block.answer.numbers) if (!answerByNumber.has(n)) answerByNumber.set(n, A);
  }
  const held = new Map<number, Held>();
  const repeated = repeatedNumbers(e.doc.blocks);

  for (const block of e.doc.blocks) {
    const B = minter.block(id, block.index);
    const askedBy = blockAskers(e, block, agents);
    g.add(B, a, kld.QuestionBlock);
    // Labels for people (HTML pages, query UIs); the numbers stay in kld:number.
    g.add(B, rdfs.label, nl(`${id}, blok ${block.index + 1}${block.numbers.length > 0 ? `, vraag ${block.numbers.join(' en ')}` : ''}${block.faction !== null ? ` (${block.faction})` : ''}`));
    g.add(B, kld.partOf, D);
    partOf(e, B, D);
    g.add(B, kld.position, int(block.index + 1));
    for (const n of block.numbers) g.add(B, kld.number, int(n));
    for (const who of askedBy) g.add(B, kld.askedBy, who);
    if (block.topic !== null) {
      const T = minter.topic(id, block.topic);
      g.add(T, a, kld.Topic);
      g.add(T, skos.prefLabel, nl(block.topic));
      g.add(B, kld.topic, T);
    }
    g.add(B, kld.questionText, nl(block.questionText));
    emitSpan(e, B, block.span);
    emitSpan(e, B, block.questionSpan, 'vraag');

    const { nodes: questions, numbered } = questionNodes(e, block, repeated);
    for (const [k, text] of block.questions.entries()) {
      const Q = questions[k];
      if (Q === undefined) continue;
      g.add(B, kld.hasQuestion, Q);
      g.add(Q, a, kld.Question);
      const n = block.numbers[k];
      g.add(Q, rdfs.label, nl(numbered && n !== undefined ? `${id}, vraag ${n}` : `${id}, blok ${block.index + 1}, vraag ${k + 1}`));
      g.add(Q, kld.partOf, D);
      partOf(e, Q, B);
      if (numbered && n !== undefined) g.add(Q, kld.number, int(n));
      for (const who of askedBy) g.add(Q, kld.askedBy, who);
      g.add(Q, kld.questionText, nl(text));
    }

    let A: NamedNode | null = null;
    if (block.answer !== null) {
      const answer = block.answer;
      A = minter.answer(id, answer.numbers, block.index);
      g.add(A, a, kld.Answer);
      g.add(A, rdfs.label, nl(answer.numbers.length > 0 ? `${id}, antwoord ${answer.numbers.join(' en ')}` : `${id}, antwoord op blok ${block.index + 1}`));
      g.add(A, kld.partOf, D);
      partOf(e, A, B);
      for (const n of answer.numbers) g.add(A, kld.number, int(n));
      g.add(A, kld.heading, nl(answer.heading));
      g.add(A, kld.answerText, nl(answer.text));
      g.add(A, kld.answers, B);
      g.add(B, kld.hasAnswer, A);
      for (const Q of questions) {
        g.add(A, kld.answers, Q);
        g.add(Q, kld.hasAnswer, A);
        g.add(A, elidl.answers_to, Q);
      }
      // A block of remarks without separate questions: the answer answers the block.
      if (questions.length === 0) g.add(A, elidl.answers_to, B);
      for (const P of agents.answerers) g.add(A, dcterms.creator, P);
      for (const Post of agents.posts) g.add(A, kld.answeringPost, Post);
      emitSpan(e, A, answer.span);
    }
    held.set(block.index, { question: B, answer: A });
    const holder = (side: 'question' | 'answer'): NamedNode => (side === 'answer' && A !== null ? A : B);

    for (const c of block.citations) occ.citation(c, holder(c.in), holder(c.in));
    for (const m of block.mentions) occ.mention(m, holder(m.in));
    for (const r of block.crossReferences) occ.crossReference(r, holder(r.in), answerByNumber);
  }
  return held;
}

/** A "Mededeling" standing instead of answers; its citations are the paper's. */
export function emitNotice(e: Emit, n: Notice, occ: Occurrences): void {
  const { g, minter, id, D, kld } = e;
  const N = minter.notice(id);
  g.add(N, a, kld.Notice);
  g.add(N, kld.partOf, D);
  g.add(N, kld.heading, nl(n.heading));
  g.add(N, kld.noticeText, nl(n.text));
  emitSpan(e, N, n.span);
  for (const c of n.citations) occ.citation(c, N, D);
}

export function emitFootnote(e: Emit, fn: Footnote, held: ReadonlyMap<number, Held>, occ: Occurrences): void {
  const { g, minter, id, D, kld } = e;
  const N = minter.footnote(id, fn.number);
  const h = fn.block !== null ? held.get(fn.block) : undefined;
  const of = h === undefined ? D : fn.in === 'answer' && h.answer !== null ? h.answer : h.question;
  g.add(N, a, kld.Footnote);
  g.add(N, rdfs.label, nl(`${id}, voetnoot ${fn.number}`));
  g.add(N, kld.partOf, D);
  g.add(N, kld.number, int(fn.number));
  g.add(N, kld.footnoteText, nl(fn.text));
  g.add(N, kld.footnoteOf, of);
  g.add(of, kld.footnote, N);
  emitSpan(e, N, fn.span);
  if (fn.markerSpan !== null) emitSpan(e, N, fn.markerSpan, 'markering');
  // Citations in a footnote whose marker stands in no block belong to the footnote itself; the citing work is what it annotates.
  for (const c of fn.citations ?? []) occ.citation({ ...c, footnote: c.footnote ?? fn.number }, N, of);
}
