/**
 * The document model: what ingest reads out of one source file.
 * Everything downstream (citations, mentions, RDF, dumps) starts from this.
 * Offsets are indices into the original file's decoded text (UTF-16 code units,
 * which equal Unicode code points for the BMP-only text of these papers).
 */

export type Genre = 'verslag-schriftelijk-overleg' | 'kamervragen' | 'nota-naar-aanleiding-van-verslag' | 'lijst-van-vragen-en-antwoorden' | 'inbreng-schriftelijk-overleg';

export const GENRES: readonly Genre[] = ['verslag-schriftelijk-overleg', 'kamervragen', 'nota-naar-aanleiding-van-verslag', 'lijst-van-vragen-en-antwoorden', 'inbreng-schriftelijk-overleg'];

/** A stretch of the original file: [start, end) in characters, and the page it starts on. */
export interface Span {
  start: number;
  end: number;
  page?: number;
}

export type CitationKind =
  | 'kamerstuk' // kst-…
  | 'handelingen' // h-tk-… / h-ek-…
  | 'aanhangsel' // ah-tk-…
  | 'tk-document' // 2022D22285
  | 'tk-zaak'; // 2022Z10723

/** One cited paper. A joint citation ("Kamerstukken 30 196 en 31 793, nr. 708") yields one per id. */
export interface Citation {
  /** Official id (kst-33783-35, ah-tk-20192020-3225, h-tk-20192020-12-5) or TK number (2022D22285). */
  id: string;
  kind: CitationKind;
  /** The citation as printed (line breaks folded to spaces). */
  text: string;
  span: Span;
  /** Dossier with its toevoeging, as in the id: "33783", "21501-20", "36410-VI". */
  dossier?: string;
  /** Set when the text names the cited paper as a motion ("de motie van het lid Koopmans c.s."). */
  motion?: { submitters: string[] };
}

export type Side = 'question' | 'answer';

export interface PlacedCitation extends Citation {
  in: Side;
  /** Number of the footnote whose body holds the citation, when it stands in a footnote. */
  footnote?: number;
}

/** "Zie antwoord op vraag 21", "zie ook beantwoording vraag 51". */
export interface CrossReference {
  in: Side;
  /** The answer numbers referred to. */
  numbers: number[];
  text: string;
  span: Span;
}

export type MentionKind = 'treaty' | 'organisation' | 'faction' | 'ministry' | 'person';

/** A gazetteer entry named in the text. */
export interface Mention {
  /** Gazetteer concept id (local name, e.g. "un", "npt"). */
  id: string;
  label: string;
  kind: MentionKind;
  text: string;
  in: Side;
  span: Span;
}

export interface Answer {
  numbers: number[];
  /** The heading as printed ("1. Antwoord van het kabinet:", "Antwoord 10 en 11"). */
  heading: string;
  text: string;
  span: Span;
}

/** A question block: one or more questions or remarks of a faction (or of the askers), and the answer to them. */
export interface Block {
  index: number;
  /** Question numbers ([] for unnumbered blocks such as remarks or nota passages). */
  numbers: number[];
  /** Abbreviation of the asking faction (VVD, GroenLinks-PvdA, …) or null where none is known. */
  faction: string | null;
  /** Topic sub-heading in force ("Taiwan"), or null. */
  topic: string | null;
  questionText: string;
  /** The individual questions and requests within questionText. */
  questions: string[];
  questionSpan: Span;
  answer: Answer | null;
  citations: PlacedCitation[];
  crossReferences: CrossReference[];
  mentions: Mention[];
  span: Span;
}

export interface Footnote {
  number: number;
  /** Citations printed in the footnote when its marker stands in no block (those in a block are the block's). */
  citations?: PlacedCitation[];
  text: string;
  /** Index of the block whose text holds the marker; null when the marker stands outside any block. */
  block: number | null;
  /** Side of the block the marker stands on. */
  in: Side | null;
  span: Span;
  markerSpan: Span | null;
}

/** A "Mededeling" that stands instead of answers (the answer follows in a letter). */
export interface Notice {
  heading: string;
  text: string;
  span: Span;
  citations: PlacedCitation[];
}

export interface Asker {
  name: string;
  /** As printed in the source ("PvdA"), normalised to the usual abbreviation. */
  faction: string | null;
}

export interface SourceInfo {
  /** File name as given (basename). */
  file: string;
  sha256: string;
  /** Length of the decoded text in characters. */
  length: number;
  /**
   * How the paper came: "text" (any text extract), "xml" (official XML),
   * "pdf", "docx" (Word), "html" (a web page). For pdf, docx and html the
   * offsets point into the text the reader synthesised from the rendering.
   */
  format: 'text' | 'xml' | 'pdf' | 'docx' | 'html';
  /**
   * The decoded (or synthesised) text every span points into, published as
   * output/documents/{id}.txt; set by ingest. Optional so hand-made models stay small.
   */
  text?: string;
}

/**
 * Which paper of the Kamervragen family this is: the questions as submitted
 * (kv-tk-…), oral questions for the Vragenuur, the answers (with the questions
 * repeated), or a notice (Mededeling, "Uitstel beantwoording") instead of answers.
 */
export type KamervragenStage = 'questions' | 'oral-questions' | 'answers' | 'notice';

/** Where the official id came from; "provisional" ids are minted from the content when the paper names none. */
export type IdSource = 'given' | 'metadata' | 'colophon' | 'footer' | 'header' | 'zaak' | 'file-name' | 'provisional';

export interface DocumentModel {
  /** Official publication id: kst-26150-187, ah-tk-20232024-2129. */
  id: string;
  genre: Genre;
  /** Dossier number with toevoeging ("26150", "21501-20"); null for Aanhangsel papers. */
  dossier: string | null;
  ondernummer: string | null;
  /** "2020-2021". */
  vergaderjaar: string | null;
  title: string | null;
  askers: Asker[];
  /** Ministers the questions were put to. */
  addressees: string[];
  /** Who answered ("Minister De Jonge", "het kabinet"). */
  answeredBy: string[];
  /**
   * The department printed in parentheses after each answerer, index for index with answeredBy
   * ("Minister Bruins Slot (BZ)" → "BZ"); null where none is printed. Set by the Kamervragen readers.
   */
  answeredByDepartment?: (string | null)[];
  /** ISO dates where printed. */
  submitted: string | null;
  received: string | null;
  /** Factions in order of their first block. */
  factions: string[];
  blocks: Block[];
  footnotes: Footnote[];
  /** A "Mededeling" instead of answers, if any. */
  notice: Notice | null;
  /** Number of pages seen (from footers), when known. */
  pages: number | null;
  source: SourceInfo;
  /** Tweede Kamer Zaak number (2024Z17165): ties questions to their later answers and to the TK open data. */
  zaak?: string | null;
  /** Tweede Kamer document number (2024D45678), when printed. */
  documentNumber?: string | null;
  /** Kamervragen only: questions, oral questions, answers or a notice. */
  stage?: KamervragenStage | null;
  /** How the id was found. */
  idSource?: IdSource;
  /** Papers the header points to ("Zie ook Aanhangsel Handelingen, vergaderjaar 2024–2025, nr. 247": the earlier answer). */
  related?: Citation[];
  /** What could not be read (a provisional id, questions without answers, lines lost): the paper is kept, with these. */
  warnings?: string[];
  /** The text rendering the reader recognised ("PDF text", "Word text", "pdftotext", "official XML"). */
  rendering?: string;
}
