/**
 * What a genre reader hands to the common assembly: blocks as groups of
 * paragraphs (question side, answer side), before text is folded and
 * citations, cross-references and footnote markers are placed.
 */
import type { Line } from './lines.js';
import type { Paragraph } from './paragraphs.js';

export interface DraftAnswer {
  numbers: number[];
  heading: Line;
  paragraphs: Paragraph[];
}

export interface DraftBlock {
  numbers: number[];
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

export interface DraftHeader {
  id: string | null;
  dossier: string | null;
  ondernummer: string | null;
  vergaderjaar: string | null;
  title: string | null;
  askers: { name: string; faction: string | null }[];
  addressees: string[];
  answeredBy: string[];
  submitted: string | null;
  received: string | null;
}

export interface Draft {
  header: DraftHeader;
  blocks: DraftBlock[];
  /** A "Mededeling" that stands instead of answers. */
  notice: DraftNotice | null;
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
