/**
 * Extraction: the paper's structure (src/ingest) in, the DocumentModel out.
 * What the text cites (citations.ts, motions.ts), the gazetteer entries it
 * names (mentions.ts), the answers it points to (crossrefs.ts), and which
 * faction each printed name stands for (gazetteer.ts normaliseFaction), all
 * with the gazetteer the caller passes: there is no other.
 */
import type { Asker, Block, Citation, CrossReference, DocumentModel, Footnote, Mention, Notice, PlacedCitation, Side, Span } from '../model.js';
import type { Folded } from '../ingest/fold.js';
import { spanOf } from '../ingest/fold.js';
import type { Marker } from '../ingest/markers.js';
import type { BlockParts, PaperStructure, PrintedAsker, SideText } from '../ingest/structure.js';
import { findCitations, type CitationMatch } from './citations.js';
import { findCrossReferences } from './crossrefs.js';
import { normaliseFaction, type Gazetteer } from './gazetteer.js';
import { findMentions } from './mentions.js';
import { findMotions, motionBefore } from './motions.js';

/** Where each footnote marker stands: its block and side, and its place in that side's folded text. */
interface MarkerPlaces {
  side: Map<number, { block: number; side: Side }>;
  /** Where each marker stands in its side's folded text, to see whether it names a motion. */
  context: Map<number, { folded: Folded; at: number }>;
}

/**
 * The document model of a paper's structure: citations, mentions, cross-references and factions found with
 * `gazetteer`. In stages: the blocks and where the footnote markers stand (extractBlocks), the notice
 * (extractNotice), the footnotes and the citations in them (extractFootnotes), then the model.
 */
export function extract(structure: PaperStructure, gazetteer: Gazetteer): DocumentModel {
  const { ident, pageAt: pageByOffset, genre } = structure;
  const askers = resolveAskers(structure.header.askers, gazetteer);
  const { blocks, markers } = extractBlocks(structure, gazetteer, askers);
  const notice = extractNotice(structure, markers);
  const footnotes = extractFootnotes(structure, markers, blocks, notice);
  for (const b of blocks) b.citations.sort((x, y) => x.span.start - y.span.start || (x.footnote ?? 0) - (y.footnote ?? 0));

  const header = structure.header;
  const factions: string[] = [];
  for (const b of blocks) if (b.faction && !factions.includes(b.faction)) factions.push(b.faction);
  for (const a of askers) if (a.faction && !factions.includes(a.faction)) factions.push(a.faction);

  // "Zie ook Aanhangsel Handelingen, vergaderjaar 2024–2025, nr. 247" in the header: the earlier answer.
  const relatedText = structure.extras?.related ?? null;
  const related: Citation[] = relatedText ? placeCitations(findCitations(relatedText.text, { selfId: ident.id }), relatedText, 'answer', pageByOffset).map(({ in: _side, ...c }) => c) : [];

  return {
    id: ident.id,
    genre,
    dossier: ident.dossier,
    ondernummer: ident.ondernummer,
    vergaderjaar: ident.vergaderjaar,
    title: header.title,
    askers,
    addressees: header.addressees,
    answeredBy: header.answeredBy.length > 0 ? header.answeredBy : genre === 'verslag-schriftelijk-overleg' ? ['het kabinet'] : [],
    ...(header.answeredByDepartment !== undefined && header.answeredBy.length > 0 ? { answeredByDepartment: header.answeredByDepartment } : {}),
    submitted: header.submitted,
    received: header.received,
    factions,
    blocks,
    footnotes,
    notice,
    pages: structure.pages,
    source: structure.source.info,
    // The XML reader takes the Zaak number from the metadata record into the header.
    zaak: structure.extras?.zaak ?? ('zaak' in header && typeof header.zaak === 'string' ? header.zaak : null),
    documentNumber: structure.extras?.documentNumber ?? null,
    stage: structure.extras?.stage ?? (genre === 'kamervragen' ? (blocks.some((b) => b.answer !== null) ? 'answers' : notice ? 'notice' : 'questions') : null),
    idSource: structure.extras?.idSource ?? (structure.source.info.format === 'xml' ? 'metadata' : 'colophon'),
    related,
    warnings: structure.extras?.warnings ?? [],
    rendering: structure.extras?.rendering ?? (structure.source.info.format === 'xml' ? 'official XML' : 'text'),
  };
}

/** The blocks, each with its faction and citations; where each footnote marker of a block stands. */
function extractBlocks(structure: PaperStructure, gazetteer: Gazetteer, askers: DocumentModel['askers']): { blocks: Block[]; markers: MarkerPlaces } {
  const { ident, markers, pageAt: pageByOffset } = structure;
  const faction = (printed: string | null): string | null => (printed === null ? null : normaliseFaction(printed, gazetteer));
  // Kamervragen: all askers put every question, so each block is of their faction when they share one.
  const shared = structure.blocksOfAskers ? sharedFaction(askers) : null;
  const places: MarkerPlaces = { side: new Map(), context: new Map() };
  const note = (m: Marker, side: SideText): void => {
    const at = side.folded.map.findIndex((o) => o > m.start);
    places.context.set(m.number, { folded: side.folded, at: at < 0 ? side.folded.text.length : at });
  };
  const blocks = structure.blocks.map((d, index) => {
    const q = d.question;
    const a = d.answer?.side ?? null;
    for (const m of markers) {
      if (inRanges(m.start, q.ranges)) {
        places.side.set(m.number, { block: index, side: 'question' });
        note(m, q);
      } else if (a && inRanges(m.start, a.ranges)) {
        places.side.set(m.number, { block: index, side: 'answer' });
        note(m, a);
      }
    }
    return extractBlock(d, index, structure.blocksOfAskers ? shared : faction(d.faction), ident.id, pageByOffset, gazetteer);
  });
  return { blocks, markers: places };
}

/** The notice that stands instead of answers, with its citations; its footnote markers count for the answer side. */
function extractNotice(structure: PaperStructure, places: MarkerPlaces): Notice | null {
  if (!structure.notice) return null;
  const n = structure.notice.side;
  for (const m of structure.markers) if (inRanges(m.start, n.ranges)) places.side.set(m.number, { block: -1, side: 'answer' });
  return {
    heading: structure.notice.heading,
    text: n.folded.text,
    span: structure.notice.span,
    citations: placeCitations(findCitations(n.folded.text, { selfId: structure.ident.id }), n.folded, 'answer', structure.pageAt),
  };
}

/**
 * The footnotes; a citation printed in a footnote counts for the block (and side) where its marker stands, or
 * for the notice, else it stays with the footnote. A footnote's only citation names the motion its marker follows.
 */
function extractFootnotes(structure: PaperStructure, places: MarkerPlaces, blocks: Block[], notice: Notice | null): Footnote[] {
  const { ident, markers, pageAt: pageByOffset } = structure;
  return structure.footnotes.map((body) => {
    const folded = body.folded;
    const marker = markers.find((m: Marker) => m.number === body.number) ?? null;
    const place = places.side.get(body.number) ?? null;
    const fn: Footnote = {
      number: body.number,
      text: folded.text,
      block: place && place.block >= 0 ? place.block : null,
      in: place ? place.side : null,
      span: body.span,
      markerSpan: marker ? withPage({ start: marker.start, end: marker.end }, pageByOffset) : null,
    };
    const cites = placeCitations(findCitations(folded.text, { selfId: ident.id }), folded, place?.side ?? 'answer', pageByOffset, body.number);
    // "de motie van het lid Van der Staaij c.s. in herinnering.18" with the motion cited in footnote 18.
    const context = places.context.get(body.number);
    const only = cites.length === 1 ? cites[0] : undefined;
    if (context && only && !only.motion) {
      const motion = motionBefore(context.folded.text, findMotions(context.folded.text), context.at);
      if (motion) only.motion = { submitters: [...motion.submitters] };
    }
    const owner = place && place.block >= 0 ? blocks[place.block] : undefined;
    if (owner) owner.citations.push(...cites);
    else if (place && notice) notice.citations.push(...cites);
    else fn.citations = cites;
    return fn;
  });
}

/**
 * The askers with their factions resolved: a party printed after a name is the
 * gazetteer's abbreviation when it knows it, else kept as printed; a faction
 * named only by its heading ("VVD-fractie") is an asker only when the gazetteer
 * knows it, and once.
 */
export function resolveAskers(printed: readonly PrintedAsker[], gazetteer: Gazetteer): Asker[] {
  const out: Asker[] = [];
  for (const a of printed) {
    if (a.byFaction) {
      const faction = a.faction === null ? null : normaliseFaction(a.faction, gazetteer);
      if (faction !== null && !out.some((o) => o.faction === faction)) out.push({ name: a.name, faction });
    } else {
      out.push({ name: a.name, faction: a.faction === null ? null : (normaliseFaction(a.faction, gazetteer) ?? a.faction.trim()) });
    }
  }
  return out;
}

/** The faction all askers share, or null when they are of several (or none is printed). */
function sharedFaction(askers: readonly Asker[]): string | null {
  const factions = [...new Set(askers.map((a) => a.faction))];
  return factions.length === 1 ? (factions[0] ?? null) : null;
}

const QUESTION_LIKE = /\?|\b(vragen|vraagt|verzoeken|vernemen graag|willen (?:graag )?(?:weten|horen)|horen graag|ontvangen graag|wensen te vernemen)\b/;

/** The individual questions and requests in a question text. */
export function splitQuestions(text: string): string[] {
  const sentences = text
    .split(/(?<=[.?!])\s+(?=[«"\p{Lu}])|\n\n/u)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  return sentences.filter((s) => QUESTION_LIKE.test(s));
}

function inRanges(offset: number, ranges: readonly [number, number][]): boolean {
  return ranges.some(([s, e]) => offset >= s && offset < e);
}

function placeCitations(matches: CitationMatch[], folded: Folded, side: Side, pageAt: (o: number) => number | undefined, footnote?: number): PlacedCitation[] {
  const out: PlacedCitation[] = [];
  for (const m of matches) {
    const span = spanOf(folded, m.start, m.end, pageAt);
    m.ids.forEach((id, k) => {
      const c: PlacedCitation = { id, kind: m.kind, text: m.text, span, in: side };
      const dossier = m.dossiers[k];
      if (dossier) c.dossier = dossier;
      if (m.motion) c.motion = { submitters: [...m.motion.submitters] };
      if (footnote !== undefined) c.footnote = footnote;
      out.push(c);
    });
  }
  return out;
}

function mentionsIn(folded: Folded, side: Side, gazetteer: Gazetteer, pageAt: (o: number) => number | undefined): Mention[] {
  return findMentions(folded.text, gazetteer).map((m) => ({
    id: m.id,
    label: m.label,
    kind: m.kind,
    text: m.text,
    in: side,
    span: spanOf(folded, m.start, m.end, pageAt),
  }));
}

function extractBlock(d: BlockParts, index: number, faction: string | null, selfId: string, pageAt: (o: number) => number | undefined, gazetteer: Gazetteer): Block {
  const q = d.question;
  const mentions = mentionsIn(q.folded, 'question', gazetteer, pageAt);
  const citations: PlacedCitation[] = placeCitations(findCitations(q.folded.text, { selfId }), q.folded, 'question', pageAt);
  const crossReferences: CrossReference[] = findCrossReferences(q.folded.text).map((c) => ({
    in: 'question' as const,
    numbers: c.numbers,
    text: c.text,
    span: spanOf(q.folded, c.start, c.end, pageAt),
  }));
  let answer: Block['answer'] = null;
  if (d.answer) {
    const a = d.answer.side;
    answer = { numbers: d.answer.numbers, heading: d.answer.heading, text: a.folded.text, span: d.answer.span };
    citations.push(...placeCitations(findCitations(a.folded.text, { selfId }), a.folded, 'answer', pageAt));
    mentions.push(...mentionsIn(a.folded, 'answer', gazetteer, pageAt));
    crossReferences.push(...findCrossReferences(a.folded.text).map((c) => ({ in: 'answer' as const, numbers: c.numbers, text: c.text, span: spanOf(a.folded, c.start, c.end, pageAt) })));
  }
  return {
    index,
    numbers: d.numbers,
    faction,
    topic: d.topic,
    questionText: q.folded.text,
    questions: splitQuestions(q.folded.text),
    questionSpan: d.questionSpan,
    answer,
    citations,
    crossReferences,
    mentions,
    span: d.span,
  };
}

function withPage(span: Span, pageAt: (o: number) => number | undefined): Span {
  const page = pageAt(span.start);
  return page === undefined ? span : { ...span, page };
}
