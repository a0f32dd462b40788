/**
 * Ingest: one source file in, one DocumentModel out. Decoding and refusal of
 * non-papers (source.ts), page furniture and footnote bodies (layout.ts), the
 * genre's structure (verslag.ts, kamervragen.ts, nota.ts), then the common
 * assembly here: folded texts with source spans, footnote markers,
 * citations, cross-references and questions.
 */
import { createHash } from 'node:crypto';
import { completeIdentity, type Identity } from './ids.js';
import { IngestError, lineOf, present } from '../errors.js';
import { findCitations, type CitationMatch } from '../extract/citations.js';
import { findMotions, motionBefore } from '../extract/motions.js';
import { defaultGazetteerInstance, type Gazetteer } from '../extract/gazetteer.js';
import { findMentions } from '../extract/mentions.js';
import type {
  Block,
  Citation,
  CrossReference,
  DocumentModel,
  Mention,
  Footnote,
  Genre,
  IdSource,
  KamervragenStage,
  Notice,
  PlacedCitation,
  Side,
  Span,
} from '../model.js';
import { findCrossReferences } from './crossrefs.js';
import type { Draft, DraftBlock } from './draft.js';
import { foldLines, joinFolded, Lexicon, spanOf, type Folded } from './fold.js';
import { readKamervragen, isKamervragenHeading } from './kamervragen.js';
import { readLayout, type Layout } from './layout.js';
import { isFlattened, readFlatLayout } from './flat.js';
import { isLijstVanVragen, readLijst } from './lijst.js';
import { isInbreng, readInbreng } from './inbreng.js';
import { collectNotes } from './notes.js';
import { splitLines, type Line } from './lines.js';
import { findMarkers, type Marker } from './markers.js';
import { readNota } from './nota.js';
import type { Paragraph } from './paragraphs.js';
import { decodeSource, readSource, type SourceText } from './source.js';
import { readVerslag } from './verslag.js';
import { readOfficialXml } from './xml/index.js';

export { IngestError };

/** Read one source file into the document model. Throws IngestError naming the file and the place. */
export interface ReadOptions {
  /** Gazetteer for entity linking; the bundled one by default. */
  gazetteer?: Gazetteer;
  /** The official id, set by hand (`--id`): it wins over whatever the paper says. */
  id?: string;
}

/** Read one file in any rendering (text, official XML, PDF, Word, HTML: told from its content). */
export async function readDocument(file: string, options: ReadOptions = {}): Promise<DocumentModel> {
  return parseSource(await readSource(file), options);
}

/** Parse text already in memory (tests, the XML reader's text), named as `file` in errors. */
export function parseText(file: string, text: string, options: ReadOptions = {}): DocumentModel {
  return parseSource(decodeSource(file, Buffer.from(text, 'utf8')), options);
}

/** Signs, near the top, of a paper of the Kamervragen family in any rendering. */
const KAMERVRAGEN_SIGNS = [
  /Vragen gesteld door de leden der Kamer/,
  /Aanhangsel van de Handelingen/,
  /^\s*(?:Mondelinge\s+)?[Vv]ra(?:ag|gen) van (?:(?:het|de) )?(?:lid|leden)\b/m,
  /^\s*AH\s*\d{1,5}\s*$/m,
  /^\s*(?:Antwoord|Mededeling) van (?:de )?(?:minister|staatssecretaris)/im,
];

export function detectGenre(source: SourceText, layout: Layout): Genre {
  // Any white space and zero-width character as a plain space (as in Line.text), so that the signs
  // below hold whatever space extraction left ("12.\u200bAntwoord", "NOTA\u00a0NAAR").
  const text = source.text.replace(/[^\S\n ]|[\u200b-\u200d\u2060\ufeff]/g, ' ');
  if (/^NOTA NAAR AANLEIDING VAN HET VERSLAG/im.test(text)) return 'nota-naar-aanleiding-van-verslag';
  if (isLijstVanVragen(text, layout)) return 'lijst-van-vragen-en-antwoorden';
  const vraag = layout.content.filter((l) => isKamervragenHeading(l.text)).length;
  const top = text.slice(0, 4000);
  const footer = layout.footer?.ident;
  if (vraag > 0 && (/Aanhangsel van de Handelingen/.test(text) || footer === 'Aanhangsel' || footer === 'Vragen' || /^Vragen van (het lid|de leden)/m.test(text))) {
    return 'kamervragen';
  }
  if (/^\s*(Inbreng|Vragen en opmerkingen)( van)?( de)? leden van de .*fractie/m.test(text) && /^\s*\d{1,3}\.\s*(Antwoord|Reactie)\b/m.test(text)) {
    return 'verslag-schriftelijk-overleg';
  }
  if (isInbreng(text, layout)) return 'inbreng-schriftelijk-overleg';
  if (footer === 'Aanhangsel' || footer === 'Vragen' || KAMERVRAGEN_SIGNS.some((re) => re.test(top))) return 'kamervragen';
  const sample = text.slice(0, 200).replace(/\s+/g, ' ').trim();
  throw new IngestError(
    { file: source.path, line: 1 },
    `not a written-consultation paper this tool reads: looked for Kamervragen ("Vragen van het lid …", "Vragen gesteld door de leden der Kamer", "AH 602", "Antwoord van minister …", "Vraag N"/"Antwoord N"), a verslag ("Inbreng van de leden …" with numbered answers), an inbreng ("Vragen en opmerkingen van de leden …" without answers), a nota naar aanleiding van het verslag and a lijst van vragen en antwoorden ("Vraag N", or an answer letter of the Algemene Rekenkamer); it begins: "${sample.slice(0, 80)}"`,
  );
}

/** A lijst van vragen en antwoorden is laid out either as "Vraag N"/"Antwoord N" pairs or with numbered answers. */
function readerFor(genre: Genre): (layout: Layout) => Draft {
  switch (genre) {
    case 'kamervragen':
      return readKamervragen;
    case 'nota-naar-aanleiding-van-verslag':
      return readNota;
    case 'lijst-van-vragen-en-antwoorden':
      return readLijst;
    case 'verslag-schriftelijk-overleg':
      return readVerslag;
    case 'inbreng-schriftelijk-overleg':
      return readInbreng;
  }
}

/**
 * Official id, from what the paper carries: the colophon (kst-36450-6,
 * ah-tk-20242025-560, kv-tk-2024Z18438, nds-tk-2024D45678), the Aanhangsel
 * number with its parliamentary year (header, "AH 602"), the page footer's
 * dossier and number, the Zaak number of questions not yet answered, an
 * id-like file name. When nothing says it, a provisional id from the content, with a warning.
 */
function officialId(source: SourceText, layout: Layout, draft: Draft, genre: Genre, given: string | undefined): Identity & { from: IdSource; warning?: string } {
  const colophon = /^\s*(kst-\d{5}(?:-[0-9A-Z]+)*-[0-9A-Z]+|ah-tk-\d{8}-\d+|kv-tk-\d{4}Z\d{5}|nds-tk-\d{4}D\d{5})\s*$/m.exec(source.text);
  const vergaderjaar = draft.header.vergaderjaar ?? layout.footer?.vergaderjaar ?? vergaderjaarOf(draft.header.received ?? draft.header.submitted);
  let dossier = draft.header.dossier;
  let ondernummer = draft.header.ondernummer;
  if (layout.footer && layout.footer.ident !== 'Aanhangsel' && layout.footer.ident !== 'Vragen') {
    const m = /^(\d[\d ]*?)((?:[- ][A-Z]{1,4}|-\d+)?), nr\. (\S+)$/.exec(layout.footer.ident);
    if (m) {
      dossier ??= (m[1] ?? '').replace(/ /g, '') + (m[2] ?? '').replace(' ', '-');
      ondernummer ??= m[3] ?? null;
    }
  }
  const known = { dossier, ondernummer, vergaderjaar };
  const done = (id: string, from: IdSource, warning?: string): Identity & { from: IdSource; warning?: string } => {
    const out = { ...completeIdentity(id, known), from };
    return warning ? { ...out, warning } : out;
  };
  if (given) return done(given, 'given');
  if (colophon?.[1]) return done(colophon[1], 'colophon');
  // The genre reader may know it from the head (nds-tk-2024D12345 from the document number of an inbreng).
  if (draft.header.id) return done(draft.header.id, 'header');
  const questionsOnly = draft.stage === 'questions' || draft.stage === 'oral-questions';
  if (genre === 'kamervragen' && !questionsOnly && vergaderjaar && ondernummer) return done(`ah-tk-${vergaderjaar.replace('-', '')}-${ondernummer}`, 'header');
  if (genre !== 'kamervragen' && dossier && ondernummer) return done(`kst-${dossier}-${ondernummer}`, 'footer');
  if (genre === 'kamervragen' && questionsOnly && draft.zaak) return done(`kv-tk-${draft.zaak}`, 'zaak');
  const fromName = /^(kst-\d{5}(?:-[0-9A-Z]+)*-[0-9A-Z]+|ah-tk-\d{8}-\d+|kv-tk-\d{4}Z\d{5}|nds-tk-\d{4}D\d{5})(?:\.\w+)*$/.exec(source.info.file);
  if (fromName?.[1]) return done(fromName[1], 'file-name');
  const digest = createHash('sha256').update(source.text.replace(/\s+/g, ' ').trim()).digest('hex').slice(0, 12);
  return done(
    `provisional-${digest}`,
    'provisional',
    'no official id found (no colophon id, Aanhangsel number with its year, page footer, Zaak number or id-like file name): minted a provisional id from the content; give the real one with --id',
  );
}

/** The parliamentary year of a date: it opens on Prinsjesdag, the third Tuesday of September. */
export function vergaderjaarOf(iso: string | null): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso ?? '');
  if (!m) return null;
  const y = Number(m[1]);
  const first = new Date(Date.UTC(y, 8, 1)).getUTCDay();
  const prinsjesdag = 1 + ((2 - first + 7) % 7) + 14;
  const opened = Number(m[2]) > 9 || (Number(m[2]) === 9 && Number(m[3]) >= prinsjesdag);
  return opened ? `${y}-${y + 1}` : `${y - 1}-${y}`;
}

/** One side of a block as the assembly sees it: folded text, and the source ranges it covers (to place footnote markers). */
export interface SideText {
  folded: Folded;
  /** Source ranges [start, end) of the side's lines (text) or paragraph elements (XML). */
  ranges: [number, number][];
}

/**
 * A block as a reader hands it to the shared assembly: its sides already
 * folded, its spans already measured in the source.
 */
export interface BlockParts {
  numbers: number[];
  faction: string | null;
  topic: string | null;
  question: SideText;
  questionSpan: Span;
  answer: { numbers: number[]; heading: string; side: SideText; span: Span } | null;
  span: Span;
}

export interface FootnoteParts {
  number: number;
  folded: Folded;
  span: Span;
}

/**
 * What a source reader (text extracted from the PDF, or official XML) hands
 * to the shared assembly, which finds citations, mentions, cross-references
 * and questions, and attaches footnotes to the block and side of their marker.
 */
export interface DocumentParts {
  source: SourceText;
  genre: Genre;
  ident: { id: string; dossier: string | null; ondernummer: string | null; vergaderjaar: string | null };
  header: Draft['header'];
  blocks: BlockParts[];
  notice: { heading: string; side: SideText; span: Span } | null;
  footnotes: FootnoteParts[];
  /** Footnote markers in the running text, with the source offsets of their digits. */
  markers: Marker[];
  pages: number | null;
  pageAt: (offset: number) => number | undefined;
  /** What the text readers add about identity and the paper's place in the Kamervragen family. */
  extras?: {
    idSource: IdSource;
    zaak: string | null;
    documentNumber: string | null;
    stage: KamervragenStage | null;
    related: Citation[];
    warnings: string[];
    rendering: string;
  };
}

function sideText(ps: readonly Paragraph[], lexicon: Lexicon, skip: ReadonlySet<number>): SideText {
  const parts = ps.map((p) => foldLines(p, { lexicon, skip }));
  const ranges: [number, number][] = ps.flat().map((l) => [l.start, l.end]);
  return { folded: joinFolded(parts), ranges };
}

function inRanges(offset: number, ranges: readonly [number, number][]): boolean {
  return ranges.some(([s, e]) => offset >= s && offset < e);
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

function lineSpan(first: Line, last: Line): Span {
  const span: Span = { start: first.textStart, end: last.start + last.raw.trimEnd().length };
  if (first.page !== undefined) span.page = first.page;
  return span;
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

function parseSource(source: SourceText, options: ReadOptions): DocumentModel {
  try {
    return parseChecked(source, options);
  } catch (err) {
    if (err instanceof IngestError) throw err;
    // An error of ours (a bug, or a limit of the runtime such as the call stack) still names the file.
    const what = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    throw new IngestError({ file: source.path }, `cannot be read: an internal error (${what}); please report it with this file`, { cause: err });
  }
}

function parseChecked(source: SourceText, options: ReadOptions): DocumentModel {
  const gazetteer = options.gazetteer ?? defaultGazetteerInstance();
  const parts = source.info.format === 'xml' ? readOfficialXml(source) : textParts(source, options);
  if (options.id !== undefined && parts.ident.id !== options.id) {
    parts.ident = completeIdentity(options.id, { dossier: parts.ident.dossier, ondernummer: parts.ident.ondernummer, vergaderjaar: parts.ident.vergaderjaar });
    if (parts.extras) parts.extras.idSource = 'given';
  }
  if (parts.blocks.length === 0 && parts.notice === null) {
    // Oral questions are their header; other papers of the family are kept with a warning.
    if (parts.genre !== 'kamervragen') throw new IngestError({ file: source.path }, `read as ${parts.genre} but no question block was found`);
    if (parts.extras && parts.extras.stage !== 'oral-questions') parts.extras.warnings.push('no question or answer found after the header');
  }
  return assemble(parts, gazetteer);
}

/** Which text rendering the lines look like, for the report: page furniture says PDF; blank lines between long paragraphs say Word. */
/** Renderings read from the file itself rather than from a text extract of it. */
const RENDERINGS: Partial<Record<SourceText['info']['format'], string>> = { pdf: 'PDF', docx: 'Word (.docx)', html: 'HTML page' };

function renderingOf(layout: Layout, lines: readonly Line[]): string {
  const nonEmpty = lines.filter((l) => l.text !== '');
  if (layout.footer || nonEmpty.some((l) => /^(?:kst|ah-tk|kv-tk|nds-tk)-\S+$/.test(l.text))) return `PDF text (${layout.style})`;
  const blankSeparated = nonEmpty.filter((l) => (lines[l.n + 1]?.text ?? '') === '').length >= nonEmpty.length * 0.4;
  return blankSeparated ? 'Word text' : 'plain text';
}

/** The text extracted from the PDF (or a Word file): page layout, genre reader, then folded sides with spans from the lines. */
function textParts(source: SourceText, options: ReadOptions = {}): DocumentParts {
  const lines = splitLines(source.text);
  // A PDF or Word reader already knows the layout from the rendering's geometry or markup; flattened text
  // (OCR, no line breaks) is cut into virtual lines first, whose offsets still point into the source.
  // Text with no page furniture keeps its footnotes inline or under "Noten" at the end.
  const layout = collectNotes(source.layout ?? (isFlattened(source.text) ? readFlatLayout(source.text) : readLayout(lines)));
  const genre = detectGenre(source, layout);
  const draft = readerFor(genre)(layout);
  const ident = officialId(source, layout, draft, genre, options.id);
  const lexicon = new Lexicon(lines);
  const pageAt = pageIndex(layout.content);

  // Footnote markers, in order, in the running text.
  const running = foldLines(layout.content.filter((l) => l.text !== ''));
  const markers = findMarkers(running, layout.footnotes.map((f) => f.number));
  const skip = new Set<number>(markers.flatMap((m) => m.offsets));

  const blocks = draft.blocks.map((d, index) => blockParts(d, index, sideText(d.question, lexicon, skip), d.answer ? sideText(d.answer.paragraphs, lexicon, skip) : null));
  let notice: DocumentParts['notice'] = null;
  if (draft.notice) {
    const all = draft.notice.paragraphs.flat();
    const last = all[all.length - 1];
    notice = {
      heading: draft.notice.heading.text,
      side: sideText(draft.notice.paragraphs, lexicon, skip),
      span: lineSpan(draft.notice.heading, last ?? draft.notice.heading),
    };
  }
  const footnotes: FootnoteParts[] = layout.footnotes.map((body) => {
    const first = body.lines[0];
    const last = body.lines[body.lines.length - 1];
    return { number: body.number, folded: foldLines(body.lines, { lexicon }), span: first && last ? lineSpan(first, last) : { start: 0, end: 0 } };
  });
  // "Zie ook Aanhangsel Handelingen, vergaderjaar 2024–2025, nr. 247" in the header: the earlier answer.
  const relatedLines = draft.related ?? [];
  const relatedText = foldLines(relatedLines, { lexicon });
  const related: Citation[] = placeCitations(findCitations(relatedText.text, { selfId: ident.id }), relatedText, 'answer', pageAt).map(({ in: _side, ...c }) => c);
  const warnings = [...(draft.warnings ?? [])];
  if (ident.warning) warnings.unshift(ident.warning);
  const extras = {
    idSource: ident.from,
    zaak: draft.zaak ?? null,
    documentNumber: draft.documentNumber ?? null,
    stage: genre === 'kamervragen' ? draft.stage ?? null : null,
    related,
    warnings,
    rendering: RENDERINGS[source.info.format] ?? renderingOf(layout, lines),
  };
  const identity = { id: ident.id, dossier: ident.dossier, ondernummer: ident.ondernummer, vergaderjaar: ident.vergaderjaar };
  return { source, genre, ident: identity, header: draft.header, blocks, notice, footnotes, markers, pages: layout.pages, pageAt, extras };
}

function blockParts(d: DraftBlock, index: number, q: SideText, a: SideText | null): BlockParts {
  const qLines = d.question.flat();
  const aLines = d.answer ? d.answer.paragraphs.flat() : [];
  const firstLine = d.questionHeading ?? qLines[0] ?? d.answer?.heading;
  const lastLine = aLines[aLines.length - 1] ?? d.answer?.heading ?? qLines[qLines.length - 1] ?? firstLine;
  if (!firstLine || !lastLine) throw new Error(`block ${index} has no lines`);
  const questionSpan = lineSpan(qLines[0] ?? firstLine, qLines.at(-1) ?? firstLine);
  let answer: BlockParts['answer'] = null;
  if (d.answer && a) {
    const heading = d.answer.heading;
    // An answer printed without a heading has its first line as "heading": no heading text then.
    const printed = d.answer.numbers.length > 0 && !aLines.includes(heading);
    answer = {
      numbers: d.answer.numbers,
      heading: printed ? heading.text : '',
      side: a,
      span: lineSpan(printed ? heading : aLines[0] ?? heading, aLines[aLines.length - 1] ?? heading),
    };
  }
  return { numbers: d.numbers, faction: d.faction, topic: d.topic, question: q, questionSpan, answer, span: lineSpan(firstLine, lastLine) };
}

/** The assembly shared by every source format. */
function assemble(parts: DocumentParts, gazetteer: Gazetteer): DocumentModel {
  const { ident, markers, pageAt: pageByOffset, genre } = parts;
  const blocks: Block[] = [];
  const footnoteSide = new Map<number, { block: number; side: Side }>();
  /** Where each marker stands in its side's folded text, to see whether it names a motion. */
  const markerContext = new Map<number, { folded: Folded; at: number }>();
  const note = (m: Marker, side: SideText): void => {
    const at = side.folded.map.findIndex((o) => o > m.start);
    markerContext.set(m.number, { folded: side.folded, at: at < 0 ? side.folded.text.length : at });
  };
  parts.blocks.forEach((d, index) => {
    const q = d.question;
    const a = d.answer?.side ?? null;
    for (const m of markers) {
      if (inRanges(m.start, q.ranges)) {
        footnoteSide.set(m.number, { block: index, side: 'question' });
        note(m, q);
      } else if (a && inRanges(m.start, a.ranges)) {
        footnoteSide.set(m.number, { block: index, side: 'answer' });
        note(m, a);
      }
    }
    blocks.push(assembleBlock(d, index, ident.id, pageByOffset, gazetteer));
  });

  let notice: Notice | null = null;
  if (parts.notice) {
    const n = parts.notice.side;
    notice = {
      heading: parts.notice.heading,
      text: n.folded.text,
      span: parts.notice.span,
      citations: placeCitations(findCitations(n.folded.text, { selfId: ident.id }), n.folded, 'answer', pageByOffset),
    };
    for (const m of markers) if (inRanges(m.start, n.ranges)) footnoteSide.set(m.number, { block: -1, side: 'answer' });
  }

  const footnotes: Footnote[] = parts.footnotes.map((body) => {
    const folded = body.folded;
    const marker = markers.find((m: Marker) => m.number === body.number) ?? null;
    const place = footnoteSide.get(body.number) ?? null;
    const fn: Footnote = {
      number: body.number,
      text: folded.text,
      block: place && place.block >= 0 ? place.block : null,
      in: place ? place.side : null,
      span: body.span,
      markerSpan: marker ? withPage({ start: marker.start, end: marker.end }, pageByOffset) : null,
    };
    // A citation printed in a footnote counts for the block (and side) where its marker stands.
    const cites = placeCitations(findCitations(folded.text, { selfId: ident.id }), folded, place?.side ?? 'answer', pageByOffset, body.number);
    // "de motie van het lid Van der Staaij c.s. in herinnering.18" with the motion cited in footnote 18.
    const context = markerContext.get(body.number);
    const [onlyCite] = cites;
    if (context && onlyCite && cites.length === 1 && !onlyCite.motion) {
      const motion = motionBefore(context.folded.text, findMotions(context.folded.text), context.at);
      if (motion) onlyCite.motion = { submitters: [...motion.submitters] };
    }
    // place.block indexes the blocks the marker was found in.
    if (place && place.block >= 0) present(blocks[place.block], `block ${place.block} of a footnote marker`).citations.push(...cites);
    else if (place && notice) notice.citations.push(...cites);
    else fn.citations = cites;
    return fn;
  });
  for (const b of blocks) b.citations.sort((x, y) => x.span.start - y.span.start || (x.footnote ?? 0) - (y.footnote ?? 0));

  const header = parts.header;
  const factions: string[] = [];
  for (const b of blocks) if (b.faction && !factions.includes(b.faction)) factions.push(b.faction);
  for (const a of header.askers) if (a.faction && !factions.includes(a.faction)) factions.push(a.faction);

  return {
    id: ident.id,
    genre,
    dossier: ident.dossier,
    ondernummer: ident.ondernummer,
    vergaderjaar: ident.vergaderjaar,
    title: header.title,
    askers: header.askers,
    addressees: header.addressees,
    answeredBy: header.answeredBy.length > 0 ? header.answeredBy : genre === 'verslag-schriftelijk-overleg' ? ['het kabinet'] : [],
    submitted: header.submitted,
    received: header.received,
    factions,
    blocks,
    footnotes,
    notice,
    pages: parts.pages,
    source: parts.source.info,
    // The XML reader takes the Zaak number from the metadata record into the header.
    zaak: parts.extras?.zaak ?? ('zaak' in header && typeof header.zaak === 'string' ? header.zaak : null),
    documentNumber: parts.extras?.documentNumber ?? null,
    stage: parts.extras?.stage ?? (genre === 'kamervragen' ? (blocks.some((b) => b.answer !== null) ? 'answers' : notice ? 'notice' : 'questions') : null),
    idSource: parts.extras?.idSource ?? (parts.source.info.format === 'xml' ? 'metadata' : 'colophon'),
    related: parts.extras?.related ?? [],
    warnings: parts.extras?.warnings ?? [],
    rendering: parts.extras?.rendering ?? (parts.source.info.format === 'xml' ? 'official XML' : 'text'),
  };
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

function assembleBlock(d: BlockParts, index: number, selfId: string, pageAt: (o: number) => number | undefined, gazetteer: Gazetteer): Block {
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
    crossReferences.push(
      ...findCrossReferences(a.folded.text).map((c) => ({ in: 'answer' as const, numbers: c.numbers, text: c.text, span: spanOf(a.folded, c.start, c.end, pageAt) })),
    );
  }
  return {
    index,
    numbers: d.numbers,
    faction: d.faction,
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

/** Page of a source offset, from the pages the layout gave the running-text lines. */
function pageIndex(content: readonly Line[]): (offset: number) => number | undefined {
  const starts = content.map((l) => l.start);
  return (offset: number) => {
    let lo = 0;
    let hi = starts.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if ((starts[mid] ?? Infinity) <= offset) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return content[found]?.page;
  };
}

export { lineOf };
