/**
 * What ingest returns: the paper's structure only. Blocks with their sides
 * folded and measured in the source, the header as printed (faction names as
 * printed, not yet resolved), footnote bodies and their markers, the notice,
 * the identity. Nothing here knows the gazetteer or what the text cites:
 * src/extract turns a structure into the DocumentModel (citations, mentions,
 * cross-references, faction names resolved with the gazetteer it is given).
 */
import type { Asker, DocumentModel, Genre, IdSource, KamervragenStage, Span } from '../model.js';
import type { HeaderField } from './draft.js';
import type { Folded } from './fold.js';
import type { Marker } from './markers.js';
import type { SourceText } from './source.js';

/** An asker as printed: `faction` is the party's name as printed, resolved after ingest. */
export interface PrintedAsker extends Asker {
  /**
   * Named only by a faction's heading or passage ("De leden van de VVD-fractie"): an asker
   * ("VVD-fractie") only when the gazetteer knows the faction, and once per faction.
   */
  byFaction?: boolean;
}

/** The header as printed; the id may still be unknown (taken later from colophon, footer or file name). */
export type PrintedHeader = { id: string | null; askers: PrintedAsker[] } & Omit<Pick<DocumentModel, HeaderField>, 'askers'>;

/** One side of a block: folded text, and the source ranges it covers (to place footnote markers). */
export interface SideText {
  folded: Folded;
  /** Source ranges [start, end) of the side's lines (text) or paragraph elements (XML). */
  ranges: [number, number][];
}

/** A block: its sides already folded, its spans already measured in the source. */
export interface BlockParts {
  numbers: number[];
  /** The faction's name as printed ("VVD-fractie", "leden van de SP"), or null. */
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

/** The paper's structure, as every reader (text of any rendering, official XML) hands it on. */
export interface PaperStructure {
  source: SourceText;
  genre: Genre;
  ident: { id: string; dossier: string | null; ondernummer: string | null; vergaderjaar: string | null };
  header: PrintedHeader;
  blocks: BlockParts[];
  /**
   * Kamervragen: all askers put every question, so every block is of the askers' faction when
   * they share one (decided once the printed names are resolved).
   */
  blocksOfAskers?: boolean;
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
    /** Header text that points to an earlier paper ("Zie ook Aanhangsel Handelingen, …, nr. 247"), folded. */
    related: Folded | null;
    warnings: string[];
    rendering: string;
  };
}
