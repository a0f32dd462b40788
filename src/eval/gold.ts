/**
 * Comparing extraction with hand-checked gold files (../shared/gold/*.json).
 * The gold files come in two shapes: the seed's (answers with their faction,
 * citations with their place) and the short one of the other documents
 * (askers, counts of headings, questions and footnotes, cited ids).
 */
import type { DocumentModel } from '../model.js';

export interface Check {
  name: string;
  expected: string;
  actual: string;
  ok: boolean;
  /** Items compared (answers, citations …), for totals. */
  total: number;
  matched: number;
}

export interface DocumentEvaluation {
  id: string;
  checks: Check[];
}

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A gold value as text for comparison; objects and arrays as JSON so they never print as "[object Object]". */
function scalar(v: Json | undefined): string {
  return v !== null && typeof v === 'object' ? JSON.stringify(v) : String(v);
}

function isObject(v: Json | undefined): v is { [key: string]: Json } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function multisetMatch(expected: string[], actual: string[]): number {
  const pool = new Map<string, number>();
  for (const a of actual) pool.set(a, (pool.get(a) ?? 0) + 1);
  let matched = 0;
  for (const e of expected) {
    const n = pool.get(e) ?? 0;
    if (n > 0) {
      matched++;
      pool.set(e, n - 1);
    }
  }
  return matched;
}

function listCheck(name: string, expected: string[], actual: string[], ordered: boolean): Check {
  const e = ordered ? expected : [...expected].sort();
  const a = ordered ? actual : [...actual].sort();
  const ok = e.length === a.length && e.every((x, i) => x === a[i]);
  const matched = ordered ? e.filter((x, i) => a[i] === x).length : multisetMatch(e, a);
  const show = (xs: string[]): string => (xs.length > 12 ? `${xs.slice(0, 12).join(', ')}, … (${xs.length})` : xs.join(', ') || '∅');
  const missing = e.filter((x) => !a.includes(x));
  const extra = a.filter((x) => !e.includes(x));
  const actualText = ok ? show(a) : `${show(a)}${missing.length ? `; missing ${missing.slice(0, 8).join(', ')}` : ''}${extra.length ? `; extra ${extra.slice(0, 8).join(', ')}` : ''}`;
  return { name, expected: show(e), actual: actualText, ok, total: Math.max(e.length, a.length), matched };
}

function countCheck(name: string, expected: number, actual: number): Check {
  return { name, expected: String(expected), actual: String(actual), ok: expected === actual, total: 1, matched: expected === actual ? 1 : 0 };
}

/** Official publication ids only: TK document and zaak numbers are not citations in the gold's sense. */
function officialCitations(doc: DocumentModel): { id: string; place: string }[] {
  const out: { id: string; place: string }[] = [];
  for (const b of doc.blocks) {
    for (const c of b.citations) {
      if (c.kind === 'tk-document' || c.kind === 'tk-zaak') continue;
      out.push({ id: c.id, place: `${b.answer?.numbers.join('+') ?? b.numbers.join('+')}/${c.in}` });
    }
  }
  for (const c of doc.notice?.citations ?? []) out.push({ id: c.id, place: 'notice' });
  for (const f of doc.footnotes) for (const c of f.citations ?? []) out.push({ id: c.id, place: `footnote ${f.number}` });
  return out;
}

export function evaluate(doc: DocumentModel, gold: Json): DocumentEvaluation {
  if (!isObject(gold)) throw new Error('gold file is not a JSON object');
  const checks: Check[] = [];
  const answered = doc.blocks.filter((b) => b.answer !== null && b.answer.numbers.length > 0);

  if (Array.isArray(gold.answers)) {
    // Seed shape.
    const expected = gold.answers.filter(isObject).map((a) => `${scalar(a.number)}:${scalar(a.askedBy)}`);
    const actual = answered.flatMap((b) => b.answer!.numbers.map((n) => `${n}:${b.faction ?? '?'}`));
    checks.push(listCheck('answers and their faction', expected, actual, true));
    const unanswered = doc.blocks.filter((b) => b.answer === null).length;
    checks.push(countCheck('blocks without an answer', 1, unanswered));
    if (Array.isArray(gold.factions)) checks.push(listCheck('factions', gold.factions.map(String), doc.factions, true));
    if (typeof gold.footnoteCount === 'number') checks.push(countCheck('footnotes', gold.footnoteCount, doc.footnotes.length));
    const attached = doc.footnotes.filter((f) => f.block !== null).length;
    if (typeof gold.footnoteCount === 'number') checks.push(countCheck('footnotes attached to a block', gold.footnoteCount, attached));
    if (Array.isArray(gold.citations)) {
      const exp = gold.citations.filter(isObject).flatMap((c) => (Array.isArray(c.targets) ? c.targets : []).map((t) => `${scalar(t)}@${scalar(c.number)}/${scalar(c.in)}`));
      const act = officialCitations(doc).map((c) => `${c.id}@${c.place}`);
      checks.push(listCheck('citations with their place', exp, act, false));
    }
  } else {
    if (Array.isArray(gold.askers)) {
      const exp = gold.askers.filter(Array.isArray).map((a) => `${String(a[0])} (${String(a[1])})`);
      const act = doc.askers.map((a) => `${a.name} (${a.faction ?? '?'})`);
      checks.push(listCheck('askers and their party', exp, act, true));
    }
    if (typeof gold.questionHeadings === 'number') {
      checks.push(countCheck('question blocks', gold.questionHeadings, doc.blocks.filter((b) => b.numbers.length > 0).length));
    }
    if (typeof gold.answerHeadings === 'number') checks.push(countCheck('answered blocks', gold.answerHeadings, answered.length));
    if (typeof gold.questions === 'number') {
      checks.push(
        countCheck(
          'questions (numbers)',
          gold.questions,
          doc.blocks.reduce((n, b) => n + b.numbers.length, 0),
        ),
      );
    }
    if (typeof gold.footnotes === 'number') checks.push(countCheck('footnotes', gold.footnotes, doc.footnotes.length));
    if (typeof gold.submitted === 'string') checks.push(listCheck('date submitted', [gold.submitted], doc.submitted ? [doc.submitted] : [], true));
    if (typeof gold.received === 'string') checks.push(listCheck('date received', [gold.received], doc.received ? [doc.received] : [], true));
    if (typeof gold.addressee === 'string') checks.push(listCheck('addressed to', gold.addressee.split(/;\s*/), doc.addressees, true));
    if (typeof gold.answeredBy === 'string' && doc.genre === 'kamervragen') {
      checks.push(listCheck('answered by', gold.answeredBy.replace(/\s*\(.*\)$/, '').split(/;\s*/), doc.answeredBy, true));
    }
    if (Array.isArray(gold.citations)) {
      checks.push(
        listCheck(
          'citations',
          gold.citations.map(String),
          officialCitations(doc).map((c) => c.id),
          false,
        ),
      );
    }
  }
  return { id: doc.id, checks };
}

export function formatEvaluation(results: DocumentEvaluation[], errors: { file: string; message: string }[]): string {
  const lines: string[] = [];
  let checks = 0;
  let passed = 0;
  let items = 0;
  let matchedItems = 0;
  for (const r of results) {
    const ok = r.checks.filter((c) => c.ok).length;
    lines.push(`${r.id}: ${ok}/${r.checks.length} checks pass`);
    for (const c of r.checks) {
      lines.push(`  ${c.ok ? 'ok  ' : 'FAIL'} ${c.name}: ${c.ok ? c.actual : `expected ${c.expected}; got ${c.actual}`}`);
      checks++;
      if (c.ok) passed++;
      items += c.total;
      matchedItems += c.matched;
    }
  }
  for (const e of errors) lines.push(`${e.file}: ERROR ${e.message}`);
  lines.push(`total: ${results.length} documents, ${passed}/${checks} checks pass, ${matchedItems}/${items} items match${errors.length ? `, ${errors.length} unreadable` : ''}`);
  return lines.join('\n');
}
