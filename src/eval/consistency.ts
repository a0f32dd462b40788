/**
 * Self-consistency of one document model, for corpora without gold: what a
 * reader got right can be told from the paper itself (question numbers once
 * and in order, each answer matched to its questions, askers where the paper
 * names them).
 */
import type { DocumentModel } from '../model.js';

export interface ConsistencyCheck {
  name: string;
  ok: boolean;
  /** What is wrong, when not ok. */
  detail: string;
}

/** Whether the paper prints an asker line ("Vragen van het lid …"), which the ministry's Word answers leave out. */
export function printsAskers(doc: DocumentModel, sourceText: string): boolean {
  if (doc.genre !== 'kamervragen') return false;
  if (doc.stage === 'questions' || doc.stage === 'oral-questions') return true;
  return /(?:^|\n)\s*(?:Mondelinge\s+)?[Vv]ra(?:ag|gen) van (?:(?:het|de) )?(?:lid|leden)\b/.test(sourceText.slice(0, 4000));
}

export function checkConsistency(doc: DocumentModel, sourceText: string): ConsistencyCheck[] {
  const checks: ConsistencyCheck[] = [];
  const numbers = doc.blocks.flatMap((b) => b.numbers);
  const disorder: string[] = [];
  numbers.forEach((n, i) => {
    const prev = numbers[i - 1];
    if (prev !== undefined && n <= prev) disorder.push(n === prev ? `${n} twice` : `${n} after ${prev}`);
  });
  // Kamervragen number their questions from 1 without gaps; a gap means a question was lost.
  if (doc.genre === 'kamervragen' && numbers.length > 0) {
    const missing: number[] = [];
    const max = Math.max(...numbers);
    for (let n = 1; n <= max; n++) if (!numbers.includes(n)) missing.push(n);
    if (missing.length > 0) disorder.push(`missing ${missing.join(', ')}`);
  }
  checks.push({
    name: 'numbers once and in order',
    ok: disorder.length === 0,
    detail: disorder.join('; '),
  });

  const unmatched: string[] = [];
  for (const b of doc.blocks) {
    if (!b.answer) continue;
    const label = b.numbers.join('+') || `block ${b.index}`;
    if (b.questionText.trim() === '' && doc.genre !== 'nota-naar-aanleiding-van-verslag') unmatched.push(`answer ${b.answer.numbers.join('+') || label} has no question`);
    else if (b.answer.numbers.some((n) => !b.numbers.includes(n))) unmatched.push(`answer ${b.answer.numbers.join('+')} under question ${label}`);
  }
  // A paper of answers answers every question it prints.
  if (doc.genre === 'kamervragen' && doc.stage === 'answers') {
    const open = doc.blocks.filter((b) => b.answer === null).map((b) => b.numbers.join('+') || `block ${b.index}`);
    if (open.length > 0) unmatched.push(`no answer to ${open.join(', ')}`);
  }
  checks.push({
    name: 'answers matched to questions',
    ok: unmatched.length === 0,
    detail: unmatched.join('; '),
  });

  if (printsAskers(doc, sourceText)) {
    const ok = doc.askers.length > 0 && doc.askers.every((a) => a.name.trim() !== '');
    checks.push({
      name: 'askers present',
      ok,
      detail: ok ? '' : 'the paper names askers but none were read',
    });
  }
  return checks;
}
