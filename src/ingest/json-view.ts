/**
 * The JSON view of the document model: a stable contract for users and for
 * our own checks (`kamerstukken-ld extract FILE --json`). Field names and
 * meanings follow the README; additions only ever add fields.
 */
import type { DocumentModel, Span } from '../model.js';
import type { HeaderField } from './draft.js';

export interface JsonCitation {
  id: string;
  kind: string;
  in: 'question' | 'answer';
  text: string;
  footnote?: number;
  motion?: { submitters: string[] };
  span: Span;
}

export interface JsonBlock {
  numbers: number[];
  faction: string | null;
  topic: string | null;
  questionText: string;
  questions: string[];
  answer: { numbers: number[]; text: string; span: Span } | null;
  citations: JsonCitation[];
  crossReferences: { in: string; numbers: number[]; text: string }[];
  span: Span;
}

export interface JsonView extends Pick<DocumentModel, 'id' | HeaderField> {
  genre: string;
  factions: string[];
  blocks: JsonBlock[];
  notice: { text: string; citations: JsonCitation[] } | null;
  footnotes: { number: number; text: string; block: number | null; in: string | null; citations?: JsonCitation[] }[];
  mentions: { id: string; label: string; kind: string; text: string; block: number; in: string }[];
  source: { file: string; sha256: string };
  /** Tweede Kamer Zaak and document numbers; Kamervragen stage; where the id came from. */
  zaak: string | null;
  documentNumber: string | null;
  stage: string | null;
  idSource: string | null;
  /** Earlier papers the header points to ("Zie ook Aanhangsel Handelingen …"). */
  related: { id: string; kind: string; text: string }[];
  warnings: string[];
}

function citation(c: DocumentModel['blocks'][number]['citations'][number]): JsonCitation {
  const out: JsonCitation = { id: c.id, kind: c.kind, in: c.in, text: c.text, span: c.span };
  if (c.footnote !== undefined) out.footnote = c.footnote;
  if (c.motion) out.motion = c.motion;
  return out;
}

export function toJsonView(doc: DocumentModel): JsonView {
  return {
    id: doc.id,
    genre: doc.genre,
    dossier: doc.dossier,
    ondernummer: doc.ondernummer,
    vergaderjaar: doc.vergaderjaar,
    title: doc.title,
    askers: doc.askers,
    addressees: doc.addressees,
    answeredBy: doc.answeredBy,
    submitted: doc.submitted,
    received: doc.received,
    factions: doc.factions,
    blocks: doc.blocks.map((b) => ({
      numbers: b.numbers,
      faction: b.faction,
      topic: b.topic,
      questionText: b.questionText,
      questions: b.questions,
      answer: b.answer ? { numbers: b.answer.numbers, text: b.answer.text, span: b.answer.span } : null,
      citations: b.citations.map(citation),
      crossReferences: b.crossReferences.map((x) => ({ in: x.in, numbers: x.numbers, text: x.text })),
      span: b.span,
    })),
    notice: doc.notice ? { text: doc.notice.text, citations: doc.notice.citations.map(citation) } : null,
    footnotes: doc.footnotes.map((f) => {
      const out: JsonView['footnotes'][number] = { number: f.number, text: f.text, block: f.block, in: f.in };
      if (f.citations && f.citations.length > 0) out.citations = f.citations.map(citation);
      return out;
    }),
    mentions: doc.blocks.flatMap((b) => b.mentions.map((m) => ({ id: m.id, label: m.label, kind: m.kind, text: m.text, block: b.index, in: m.in }))),
    source: { file: doc.source.file, sha256: doc.source.sha256 },
    zaak: doc.zaak ?? null,
    documentNumber: doc.documentNumber ?? null,
    stage: doc.stage ?? null,
    idSource: doc.idSource ?? null,
    related: (doc.related ?? []).map((c) => ({ id: c.id, kind: c.kind, text: c.text })),
    warnings: doc.warnings ?? [],
  };
}
