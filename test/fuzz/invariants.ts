/**
 * What must hold of any document model, however odd its source: every span
 * inside the decoded text, the spans of citations, mentions and
 * cross-references equal to the text they point at (up to white space, line-break
 * hyphens and invisible characters, which folding removes), numbers ascending,
 * footnotes pointing at blocks that exist, pages counted from 1.
 */
import type { DocumentModel, Span } from '../../src/model.js';

/** What folding may drop or change between the source and a model text. */
const FOLDED_AWAY = /[\s\u00ad\u200b-\u200d\u2060\ufeff\p{Cc}-]/gu;
const norm = (s: string): string => s.replace(FOLDED_AWAY, '');
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
/** XML source as its text: tags out, entities decoded. */
const xmlText = (s: string): string =>
  s
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) =>
      e.startsWith('#x') || e.startsWith('#X') ? String.fromCodePoint(parseInt(e.slice(2), 16)) : e.startsWith('#') ? String.fromCodePoint(Number(e.slice(1))) : (ENTITIES[e] ?? m),
    );

/**
 * Does a span's source hold the printed text? Its first and last characters are the text's, and the
 * text runs through it in order (a word broken over a page may have a footnote body in between).
 */
function holds(source: string, printed: string): boolean {
  const s = norm(source);
  const t = norm(printed);
  if (t === '') return true;
  if (s[0] !== t[0] || s[s.length - 1] !== t[t.length - 1]) return false;
  let k = 0;
  for (let i = 0; i < s.length && k < t.length; i++) if (s[i] === t[k]) k++;
  return k === t.length;
}

/** The broken invariants of a model read from `text` (empty when all hold). */
export function brokenInvariants(doc: DocumentModel, text: string): string[] {
  const problems: string[] = [];
  const where = (what: string, span: Span): string => `${what} [${span.start}, ${span.end})`;
  const inside = (what: string, span: Span | null | undefined): void => {
    if (!span) return;
    if (!(Number.isInteger(span.start) && Number.isInteger(span.end) && span.start >= 0 && span.start <= span.end && span.end <= text.length)) {
      problems.push(`${where(what, span)} is not inside the text (length ${text.length})`);
    }
    if (span.page !== undefined && !(Number.isInteger(span.page) && span.page >= 1 && (doc.pages === null || span.page <= doc.pages))) {
      problems.push(`${where(what, span)} is on page ${span.page} (pages: ${doc.pages})`);
    }
  };
  const equal = (what: string, span: Span, printed: string): void => {
    inside(what, span);
    const raw = text.slice(span.start, span.end);
    const source = doc.source.format === 'xml' ? xmlText(raw) : raw;
    if (!holds(source, printed)) problems.push(`${where(what, span)} holds ${JSON.stringify(source.slice(0, 80))}, not ${JSON.stringify(printed.slice(0, 80))}`);
  };
  const ascending = (what: string, numbers: readonly number[]): void => {
    for (let k = 1; k < numbers.length; k++) {
      if ((numbers[k] ?? 0) <= (numbers[k - 1] ?? 0)) {
        problems.push(`${what} numbers not ascending: ${numbers.join(', ')}`);
        return;
      }
    }
  };
  if (doc.pages !== null && !(Number.isInteger(doc.pages) && doc.pages >= 1)) problems.push(`pages: ${doc.pages}`);
  if (doc.source.length !== text.length) problems.push(`source.length ${doc.source.length} is not the text's ${text.length}`);
  doc.blocks.forEach((b, i) => {
    const name = `block ${i}`;
    if (b.index !== i) problems.push(`${name} has index ${b.index}`);
    ascending(name, b.numbers);
    inside(`${name} span`, b.span);
    inside(`${name} question span`, b.questionSpan);
    if (b.answer) {
      inside(`${name} answer span`, b.answer.span);
      ascending(`${name} answer`, b.answer.numbers);
    }
    for (const c of b.citations) equal(`${name} citation ${c.id}`, c.span, c.text);
    for (const m of b.mentions) equal(`${name} mention ${m.id}`, m.span, m.text);
    for (const x of b.crossReferences) equal(`${name} cross-reference`, x.span, x.text);
  });
  ascending(
    'footnote',
    doc.footnotes.map((f) => f.number),
  );
  for (const f of doc.footnotes) {
    const name = `footnote ${f.number}`;
    inside(name, f.span);
    inside(`${name} marker`, f.markerSpan);
    if (f.block !== null && !(Number.isInteger(f.block) && f.block >= 0 && f.block < doc.blocks.length)) {
      problems.push(`${name} points at block ${f.block} of ${doc.blocks.length}`);
    }
    if ((f.block === null) !== (f.in === null) && f.block !== null) problems.push(`${name} has a block but no side`);
    for (const c of f.citations ?? []) equal(`${name} citation ${c.id}`, c.span, c.text);
  }
  if (doc.notice) {
    inside('notice', doc.notice.span);
    for (const c of doc.notice.citations) equal(`notice citation ${c.id}`, c.span, c.text);
  }
  return problems;
}
