/**
 * Ingest: one source file in, the paper's structure out (structure.ts). Decoding
 * and refusal of non-papers (source.ts), page furniture and footnote bodies
 * (layout.ts), the genre's structure (verslag.ts, kamervragen.ts, nota.ts, …),
 * the official id, then folded sides with source spans and footnote markers.
 * What the text cites or names, and which faction a printed name stands for, is
 * decided after this, by src/extract with the gazetteer it is given.
 */
import { createHash } from 'node:crypto';
import { ahTkId, colophonId, completeIdentity, fileNameId, kstId, kvTkId, type Identity } from './ids.js';
import { IngestError, lineOf } from '../errors.js';
import type { Genre, IdSource, Span } from '../model.js';
import type { Draft, DraftBlock } from './draft.js';
import { foldLines, joinFolded, Lexicon, type FoldOptions } from './fold.js';
import { readKamervragen, isKamervragenHeading } from './kamervragen.js';
import { readLayout, type Layout } from './layout.js';
import { isFlattened, readFlatLayout } from './flat.js';
import { isLijstVanVragen, readLijst } from './lijst.js';
import { isInbreng, readInbreng } from './inbreng.js';
import { collectNotes } from './notes.js';
import { sourceAt, splitLines, type Line } from './lines.js';
import { findMarkers } from './markers.js';
import { readNota } from './nota.js';
import type { Paragraph } from './paragraphs.js';
import { decodeSource, readSource, type SourceText } from './source.js';
import type { BlockParts, FootnoteParts, PaperStructure, SideText } from './structure.js';
import { readVerslag } from './verslag.js';
import { readOfficialXml } from './xml/index.js';

export { IngestError };

export type { BlockParts, FootnoteParts, PaperStructure, SideText } from './structure.js';

export interface StructureOptions {
  /** The official id, set by hand (`--id`): it wins over whatever the paper says. */
  id?: string;
}

/** Read one file in any rendering (text, official XML, PDF, Word, HTML: told from its content) into its structure. Throws IngestError naming the file and the place. */
export async function readStructure(file: string, options: StructureOptions = {}): Promise<PaperStructure> {
  return structureOfSource(await readSource(file), options);
}

/** The structure of text already in memory (tests), named as `file` in errors. */
export function structureOfText(file: string, text: string, options: StructureOptions = {}): PaperStructure {
  return structureOfSource(decodeSource(file, Buffer.from(text, 'utf8')), options);
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
  const colophon = colophonId(source.text);
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
  if (colophon) return done(colophon, 'colophon');
  // The genre reader may know it from the head (nds-tk-2024D12345 from the document number of an inbreng).
  if (draft.header.id) return done(draft.header.id, 'header');
  const questionsOnly = draft.stage === 'questions' || draft.stage === 'oral-questions';
  if (genre === 'kamervragen' && !questionsOnly && vergaderjaar && ondernummer) return done(ahTkId(vergaderjaar, ondernummer), 'header');
  if (genre !== 'kamervragen' && dossier && ondernummer) return done(kstId(dossier, ondernummer), 'footer');
  if (genre === 'kamervragen' && questionsOnly && draft.zaak) return done(kvTkId(draft.zaak), 'zaak');
  const fromName = fileNameId(source.info.file);
  if (fromName) return done(fromName, 'file-name');
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

function sideText(ps: readonly Paragraph[], fold: FoldOptions): SideText {
  const parts = ps.map((p) => foldLines(p, fold));
  const ranges: [number, number][] = ps.flat().map((l) => [l.start, l.end]);
  return { folded: joinFolded(parts), ranges };
}

function lineSpan(first: Line, last: Line): Span {
  // The first character's own offset: a number a zero-width character split begins before textStart (Line.moved).
  const span: Span = { start: sourceAt(first, first.textStart) ?? first.textStart, end: last.start + last.raw.trimEnd().length };
  if (first.page !== undefined) span.page = first.page;
  return span;
}

function structureOfSource(source: SourceText, options: StructureOptions): PaperStructure {
  try {
    return structureChecked(source, options);
  } catch (err) {
    if (err instanceof IngestError) throw err;
    // An error of ours (a bug, or a limit of the runtime such as the call stack) still names the file.
    const what = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    throw new IngestError({ file: source.path }, `cannot be read: an internal error (${what}); please report it with this file`, { cause: err });
  }
}

function structureChecked(source: SourceText, options: StructureOptions): PaperStructure {
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
  return parts;
}

/** Which text rendering the lines look like, for the report: page furniture says PDF; blank lines between long paragraphs say Word. */
/** Renderings read from the file itself rather than from a text extract of it. */
const RENDERINGS: Partial<Record<SourceText['info']['format'], string>> = { pdf: 'PDF', docx: 'Word (.docx)', html: 'HTML page' };

function renderingOf(layout: Layout, lines: readonly Line[]): string {
  const nonEmpty = lines.filter((l) => l.text !== '');
  if (layout.footer || nonEmpty.some((l) => /^(?:kst|ah-tk|kv-tk|nds-tk)-\S+$/.test(l.text))) return `PDF text (${layout.style})`;
  return wordText(lines) ? 'Word text' : 'plain text';
}

/**
 * Text whose every line stands twice in a row ("Vraag 1", "Vraag 1", "Is het …", "Is het …": an
 * extraction that read each line twice, as from an overprinted PDF) is refused with a reading error:
 * read as it stands, each heading opened a block with no text, and the paper met the shapes with
 * hundreds of violations. Some lines standing twice (a repeated line, a duplicated page) are read.
 */
function refuseDoubled(source: SourceText, lines: readonly Line[]): void {
  // Runs of equal lines with text: a doubled text is made of runs of exactly two (a line the paper repeats
  // gives four); a long run of one line ("woordje-" hyphenated over thousands of lines) is no doubling.
  let nonBlank = 0;
  let doubled = 0;
  let first = -1;
  for (let i = 0; i < lines.length; ) {
    const text = lines[i]?.text ?? '';
    let j = i + 1;
    while (j < lines.length && lines[j]?.text === text) j++;
    if (text !== '') {
      nonBlank += j - i;
      if (j - i === 2) {
        doubled += 2;
        if (first < 0) first = i;
      }
    }
    i = j;
  }
  if (nonBlank < DOUBLED_MIN_LINES || doubled < nonBlank * DOUBLED_SHARE) return;
  const shown = (lines[first]?.text ?? '').slice(0, 60);
  throw new IngestError(
    { file: source.path, line: first + 1 },
    `${Math.round((100 * doubled) / nonBlank)}% of the ${nonBlank} lines with text stand twice in a row (the first: lines ${first + 1} and ${first + 2}, "${shown}"): the text was extracted twice; not read (extract it again, or remove the copies)`,
  );
}

/** A text of this many lines with text, of which this share stands twice in a row, counts as doubled. */
const DOUBLED_MIN_LINES = 8;
const DOUBLED_SHARE = 0.8;

/** Text as Word copies it: most paragraphs followed by a blank line. */
function wordText(lines: readonly Line[]): boolean {
  const nonEmpty = lines.filter((l) => l.text !== '');
  return nonEmpty.filter((l) => (lines[l.n + 1]?.text ?? '') === '').length >= nonEmpty.length * 0.4;
}

/** The text extracted from the PDF (or a Word file): page layout, genre reader, then folded sides with spans from the lines. */
function textParts(source: SourceText, options: StructureOptions = {}): PaperStructure {
  const lines = splitLines(source.text);
  refuseDoubled(source, lines);
  // A PDF or Word reader already knows the layout from the rendering's geometry or markup; flattened text
  // (OCR, no line breaks) is cut into virtual lines first, whose offsets still point into the source.
  // Text with no page furniture keeps its footnotes inline or under "Noten" at the end.
  const flat = !source.layout && isFlattened(source.text);
  const layout = collectNotes(source.layout ?? (flat ? readFlatLayout(source.text) : readLayout(lines)));
  const genre = detectGenre(source, layout);
  const draft = readerFor(genre)(layout);
  const ident = officialId(source, layout, draft, genre, options.id);
  const lexicon = new Lexicon(lines);
  // Lines that are whole paragraphs of a PDF (a PDF library's text) hide flattened line breaks inside them;
  // a Word copy has no line breaks to flatten.
  const inlineHyphens = !flat && !source.layout && paragraphPerLine(lines) && !wordText(lines);
  const pageAt = pageIndex(layout.content);

  // Footnote markers, in order, in the running text (folded only when there are footnotes to find markers of).
  const markers =
    layout.footnotes.length === 0
      ? []
      : findMarkers(
          foldLines(layout.content.filter((l) => l.text !== '')),
          layout.footnotes.map((f) => f.number),
          source.text,
        );
  const skip = new Set<number>(markers.flatMap((m) => m.offsets));

  const fold: FoldOptions = { lexicon, skip, inlineHyphens };
  const blocks = draft.blocks.map((d, index) => blockParts(d, index, sideText(d.question, fold), d.answer ? sideText(d.answer.paragraphs, fold) : null));
  let notice: PaperStructure['notice'] = null;
  if (draft.notice) {
    const all = draft.notice.paragraphs.flat();
    const last = all[all.length - 1];
    notice = {
      heading: draft.notice.heading.text,
      side: sideText(draft.notice.paragraphs, fold),
      span: lineSpan(draft.notice.heading, last ?? draft.notice.heading),
    };
  }
  const footnotes: FootnoteParts[] = layout.footnotes.map((body) => {
    const first = body.lines[0];
    const last = body.lines[body.lines.length - 1];
    return { number: body.number, folded: foldLines(body.lines, { lexicon, inlineHyphens }), span: first && last ? lineSpan(first, last) : { start: 0, end: 0 } };
  });
  // "Zie ook Aanhangsel Handelingen, vergaderjaar 2024–2025, nr. 247" in the header: the earlier answer.
  const relatedLines = draft.related ?? [];
  const related = relatedLines.length > 0 ? foldLines(relatedLines, { lexicon, inlineHyphens }) : null;
  const warnings = [...(draft.warnings ?? [])];
  if (ident.warning) warnings.unshift(ident.warning);
  const extras = {
    idSource: ident.from,
    zaak: draft.zaak ?? null,
    documentNumber: draft.documentNumber ?? null,
    stage: genre === 'kamervragen' ? (draft.stage ?? null) : null,
    related,
    warnings,
    rendering: RENDERINGS[source.info.format] ?? renderingOf(layout, lines),
  };
  const identity = { id: ident.id, dossier: ident.dossier, ondernummer: ident.ondernummer, vergaderjaar: ident.vergaderjaar };
  const structure: PaperStructure = { source, genre, ident: identity, header: draft.header, blocks, notice, footnotes, markers, pages: layout.pages, pageAt, extras };
  if (draft.blocksOfAskers) structure.blocksOfAskers = true;
  return structure;
}

/**
 * Whether the lines are whole paragraphs rather than the lines of a page: a quarter of the text or
 * more in lines longer than a page's measure (110 characters). The nine pdftotext extracts of the
 * reference corpus have at most 19 %, the PDF library's texts in corpus-wild 28 % and more.
 */
function paragraphPerLine(lines: readonly Line[]): boolean {
  let long = 0;
  let all = 0;
  for (const l of lines) {
    all += l.text.length;
    if (l.text.length > 110) long += l.text.length;
  }
  return all > 0 && long * 4 >= all;
}

function blockParts(d: DraftBlock, index: number, q: SideText, a: SideText | null): BlockParts {
  const qLines = d.question.flat();
  const aLines = d.answer ? d.answer.paragraphs.flat() : [];
  const firstLine = d.questionHeading ?? qLines[0] ?? d.answer?.heading;
  const lastLine = aLines[aLines.length - 1] ?? d.answer?.heading ?? qLines[qLines.length - 1] ?? firstLine;
  if (!firstLine || !lastLine) throw new Error(`block ${index} has no lines`);
  const qFirst = qLines[0];
  const qLast = qLines.at(-1);
  const questionSpan = qFirst && qLast ? lineSpan(qFirst, qLast) : lineSpan(firstLine, firstLine);
  let answer: BlockParts['answer'] = null;
  if (d.answer && a) {
    const heading = d.answer.heading;
    // An answer printed without a heading has its first line as "heading": no heading text then.
    const printed = d.answer.numbers.length > 0 && !aLines.includes(heading);
    answer = {
      numbers: d.answer.numbers,
      heading: printed ? heading.text : '',
      side: a,
      span: lineSpan(printed ? heading : (aLines[0] ?? heading), aLines[aLines.length - 1] ?? heading),
    };
  }
  return { numbers: d.numbers, faction: d.faction, topic: d.topic, question: q, questionSpan, answer, span: lineSpan(firstLine, lastLine) };
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
