/**
 * Occurrence IRIs are named by what they are and where they start, so a reader change
 * elsewhere renames nothing; and every selector quotes the published text at its
 * code-point offsets, also when astral characters (emoji) stand before it.
 */
import { existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Quad } from '@rdfjs/types';
import { describe, expect, it } from 'vitest';
import type { DocumentModel } from '../src/model.js';
import { readDocument } from '../src/read.js';
import { IriMinter, type KldTerm } from '../src/rdf/iris.js';
import { documentToQuads } from '../src/rdf/mapping.js';
import { sliceCodePoints } from '../src/rdf/emit/text.js';
import { oa, rdf } from '../src/rdf/vocab.js';
import { fixtureDocument } from './fixtures/document-model.js';

const minter = new IriMinter();
const kld = (local: KldTerm) => minter.term(local).value;

function occurrences(quads: readonly Quad[]): string[] {
  const types = new Set([kld('Citation'), kld('Mention'), kld('CrossReference')]);
  return quads
    .filter((q) => q.predicate.equals(rdf('type')) && types.has(q.object.value))
    .map((q) => q.subject.value)
    .sort();
}

/** Every TextQuoteSelector's exact against the text sliced at its position selector's code points. */
function selectorMismatches(quads: readonly Quad[], text: string): string[] {
  const one = (s: string, p: string) => quads.find((q) => q.subject.value === s && q.predicate.value === p)?.object.value;
  const bad: string[] = [];
  for (const q of quads) {
    if (!(q.predicate.equals(rdf('type')) && q.object.equals(oa('TextPositionSelector')))) continue;
    const place = q.subject.value.replace(/-positie$/, '');
    const start = Number(one(q.subject.value, oa('start').value));
    const end = Number(one(q.subject.value, oa('end').value));
    const exact = one(`${place}-tekst`, oa('exact').value);
    if (exact !== sliceCodePoints(text, start, end)) bad.push(place);
  }
  return bad;
}

describe('stable occurrence IRIs', () => {
  it('adding one citation to a paper keeps every other citation and mention IRI', () => {
    const before = fixtureDocument();
    const after: DocumentModel = structuredClone(before);
    const block = after.blocks[2];
    if (block === undefined) throw new Error('fixture has no third block');
    block.citations.unshift({ id: 'kst-33783-35', kind: 'kamerstuk', text: 'Kamerstuk 33 783, nr. 35', span: { start: 385, end: 400, page: 2 }, dossier: '33783', in: 'question' });
    const a = occurrences(documentToQuads(before, minter));
    const b = occurrences(documentToQuads(after, minter));
    expect(a.length).toBeGreaterThan(10);
    expect(b.filter((iri) => !a.includes(iri))).toEqual([`${minter.document(before.id).value}/citaat/kst-33783-35/385`]);
    expect(a.filter((iri) => !b.includes(iri))).toEqual([]);
  });
});

describe('selectors quote the published text at code-point offsets', () => {
  it('with an emoji (astral character) before every citation', () => {
    const base = fixtureDocument();
    const plain = base.source.text ?? '';
    // Put a 🙂 (two UTF-16 units, one code point) in front of every citation, shifting the UTF-16 spans.
    const starts = [...new Set(base.blocks.flatMap((b) => b.citations.map((c) => c.span.start)))].sort((x, y) => x - y);
    const shift = (i: number) => 2 * starts.filter((s) => s <= i).length;
    let text = '';
    for (let i = 0; i <= plain.length; i++) {
      if (starts.includes(i)) text += '🙂';
      if (i < plain.length) text += plain[i];
    }
    const move = <T extends { start: number; end: number }>(s: T): T => ({ ...s, start: s.start + shift(s.start), end: s.end + shift(s.end - 1) });
    const doc: DocumentModel = {
      ...base,
      source: { ...base.source, text, length: text.length },
      blocks: base.blocks.map((b) => ({
        ...b,
        span: move(b.span),
        questionSpan: move(b.questionSpan),
        answer: b.answer === null ? null : { ...b.answer, span: move(b.answer.span) },
        citations: b.citations.map((c) => ({ ...c, span: move(c.span) })),
        mentions: b.mentions.map((m) => ({ ...m, span: move(m.span) })),
        crossReferences: b.crossReferences.map((r) => ({ ...r, span: move(r.span) })),
      })),
      footnotes: base.footnotes.map((f) => ({ ...f, span: move(f.span), markerSpan: f.markerSpan === null ? null : move(f.markerSpan), citations: f.citations?.map((c) => ({ ...c, span: move(c.span) })) })),
      notice: base.notice === null ? null : { ...base.notice, span: move(base.notice.span), citations: base.notice.citations.map((c) => ({ ...c, span: move(c.span) })) },
    };
    const quads = documentToQuads(doc, minter);
    expect(text.length - [...text].length).toBe(starts.length);
    expect(selectorMismatches(quads, text)).toEqual([]);
    // The citation's IRI counts code points: the same as without the emoji before it, plus one per emoji before.
    const first = base.blocks[0]?.citations[0];
    if (first === undefined) throw new Error('fixture has no citation');
    expect(occurrences(quads)).toContain(minter.citation(base.id, first.id, first.span.start + starts.filter((s) => s <= first.span.start).length).value);
  });

  const corpus = resolve(import.meta.dirname, '..', '..', 'shared', 'corpus');
  it.skipIf(!existsSync(corpus))(
    'over the whole dev corpus (../shared/corpus; skipped without it)',
    async () => {
      const files = readdirSync(corpus)
        .filter((f) => f.endsWith('.txt'))
        .sort();
      expect(files.length).toBeGreaterThanOrEqual(9);
      let selectors = 0;
      for (const f of files) {
        const doc = await readDocument(resolve(corpus, f));
        const quads = documentToQuads(doc, minter);
        selectors += quads.filter((q) => q.predicate.equals(rdf('type')) && q.object.equals(oa('TextPositionSelector'))).length;
        expect(selectorMismatches(quads, doc.source.text ?? ''), f).toEqual([]);
      }
      expect(selectors).toBeGreaterThan(1000);
    },
    120_000,
  );
});
