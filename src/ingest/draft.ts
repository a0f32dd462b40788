/**
 * What a genre reader hands to the common assembly: blocks as groups of
 * paragraphs (question side, answer side), before text is folded and
 * citations, cross-references and footnote markers are placed.
 */
import type { KamervragenStage } from '../model.js';
import type { Line } from './lines.js';
import type { Paragraph } from './paragraphs.js';
import type { PrintedHeader } from './structure.js';

export interface DraftAnswer {
  numbers: number[];
  heading: Line;
  paragraphs: Paragraph[];
}

/** Header fields shared by the draft, the model and the JSON view. */
export type HeaderField = 'dossier' | 'ondernummer' | 'vergaderjaar' | 'title' | 'askers' | 'addressees' | 'answeredBy' | 'answeredByDepartment' | 'submitted' | 'received';

export interface DraftBlock {
  numbers: number[];
  /** The faction's name as printed, resolved after ingest. */
  faction: string | null;
  topic: string | null;
  /** Where the block starts (its first heading or paragraph), for the span. */
  question: Paragraph[];
  questionHeading?: Line;
  answer: DraftAnswer | null;
}

export interface DraftNotice {
  heading: Line;
  paragraphs: Paragraph[];
}

/** What the paper's header says, faction names as printed (see structure.ts). */
export type DraftHeader = PrintedHeader;

export interface Draft {
  header: DraftHeader;
  blocks: DraftBlock[];
  /** A "Mededeling" that stands instead of answers. */
  notice: DraftNotice | null;
  /** Tweede Kamer Zaak and document numbers printed in the header (2024Z17165, 2024D45678). */
  zaak?: string | null;
  documentNumber?: string | null;
  /** Kamervragen: which paper of the family. */
  stage?: KamervragenStage | null;
  /** Header lines that point to an earlier paper ("Zie ook Aanhangsel Handelingen, …, nr. 247"). */
  related?: Line[];
  /** What the reader could not find (kept with the paper). */
  warnings?: string[];
  /** Kamervragen: every block is of the askers' faction when they share one (structure.ts). */
  blocksOfAskers?: boolean;
}

export function emptyHeader(): DraftHeader {
  return {
    id: null,
    dossier: null,
    ondernummer: null,
    vergaderjaar: null,
    title: null,
    askers: [],
    addressees: [],
    answeredBy: [],
    submitted: null,
    received: null,
  };
}
