/**
 * Motions named in running text: "de motie van het lid Koopmans c.s.",
 * "de motie van de leden Alkaya en van Raan", "motie-Koopmans c.s.",
 * "motie Van der Staaij". A motion is a Kamerstuk; when the text also cites
 * its number ("… (Kamerstuk 33 694, nr. 43)") findCitations() marks that
 * citation as a motion, using motionBefore() below.
 */

export interface MotionMention {
  /** Surnames as a stand-alone surname is written in Dutch: "Van Raan", "De Groot", "Van der Staaij". */
  submitters: string[];
  /** True when "c.s." (cum suis) follows: the list names the first submitter(s) only. */
  withOthers: boolean;
  /** The matched text, whitespace folded to single spaces. */
  text: string;
  start: number;
  end: number;
}

const WS = '[\\s\\u00a0]';
// Dutch surname particles; a name may carry up to three ("van der", "van den", "in 't").
const PARTICLE = "(?:[Vv]an|[Dd]e|[Dd]er|[Dd]en|[Hh]et|[Tt]er|[Tt]en|[Tt]e|[Ii]n|[Oo]p|'t|’t|[Ll]a|[Ll]e|[Dd]u|[Dd]a|[Dd]i|[Ee]l)";
const SURNAME = "\\p{Lu}[\\p{L}'’]*(?:-\\p{Lu}[\\p{L}'’]*)*";
const NAME = `(?:${PARTICLE}${WS}+){0,3}${SURNAME}`;
const SEP = `(?:${WS}*,${WS}*|${WS}+en${WS}+|${WS}*/${WS}*)`;
const NAMES = `${NAME}(?:${SEP}${NAME})*`;
const CS = `${WS}+c\\.${WS}?s\\.?`;

/**
 * "motie" not inside another word (promotie, emotie) and not "motief".
 * Alternatives: (1) "motie van het lid X" / "motie van de leden X en Y";
 * (2) "motie-X" (hyphen, possibly before a line break); (3) "motie X" with X capitalised.
 */
const MOTION = new RegExp(
  `(?<![\\p{L}\\d])[Mm]otie(?:` +
    `${WS}+van${WS}+(?:het${WS}+lid|de${WS}+leden)${WS}+(?<listed>${NAMES})` +
    `|${WS}*-${WS}*(?<hyphened>${NAMES})` +
    `|${WS}+(?<bare>(?=\\p{Lu})${NAMES})` +
    `)(?<cs>${CS})?(?![\\p{L}\\d])`,
  'gu',
);

/** Capitalised words that can follow "motie" without naming a member: "de motie Kamerstuk …", "motie Tweede Kamer". */
const NOT_A_NAME = new Set(['Kamerstuk', 'Kamerstukken', 'Handelingen', 'Aanhangsel', 'Tweede', 'Eerste', 'Kamer', 'Nr', 'Minister', 'Staatssecretaris', 'Regering', 'Kabinet', 'Motie', 'Moties']);

function fold(s: string): string {
  return s.replace(/[\s\u00a0]+/g, ' ').trim();
}

/** "van Raan" → "Van Raan": a surname standing alone starts with a capital (Dutch spelling rule). */
function standAlone(name: string): string {
  const n = fold(name);
  return n.charAt(0).toUpperCase() + n.slice(1);
}

function splitNames(list: string): string[] {
  return fold(list)
    .split(/\s*,\s*|\s+en\s+|\s*\/\s*/u)
    .filter((n) => n.length > 0)
    .map(standAlone);
}

/** All motions named in a text, in order of position. */
export function findMotions(text: string): MotionMention[] {
  const out: MotionMention[] = [];
  for (const m of text.matchAll(MOTION)) {
    const g = m.groups ?? {};
    const list = g.listed ?? g.hyphened ?? g.bare;
    if (list === undefined) continue;
    const submitters = splitNames(list);
    // "motie X" with no "van het lid": every name must be a name, not a paper or an office.
    if (g.bare !== undefined && submitters.some((s) => s.split(' ').some((w) => NOT_A_NAME.has(w)))) continue;
    const start = m.index;
    const end = start + m[0].length;
    // A hyphen at a line break ("motie-\nKoopmans") is printed without the break.
    const printed = fold(m[0].replace(/-[\s\u00a0]+/g, '-'));
    out.push({ submitters, withOthers: g.cs !== undefined, text: printed, start, end });
  }
  return out;
}

// Words that name another paper: a citation after them in the sentence is that paper, not the motion.
const OTHER_PAPER = /(?<![\p{L}])(?:kamerbrief|brief|verslag|nota|rapport|notitie|beantwoording|antwoorden|memorie|wetsvoorstel|motie|moties|amendement|toezegging|stemmingen|handelingen|aanhangsel)(?![\p{L}])/iu;
// Abbreviations whose full stop does not end a sentence.
const ABBREVIATION = /(?:^|[^\p{L}])(?:c\.s|nr|nrs|jl|d\.d|o\.a|e\.a|bijv|blz|art|mr|dr|drs|ir|prof|mevr|dhr|t\.a\.v|i\.v\.m|m\.b\.t|z\.g|resp)$/iu;

/** Does the stretch between a motion and a later position cross a sentence or paragraph break? */
export function crossesSentence(gap: string): boolean {
  if (/\n[ \t\u00a0]*\n/.test(gap)) return true;
  const re = /[.!?](?=[\s\u00a0]+[\p{Lu}«"“‘])/gu;
  for (const m of gap.matchAll(re)) {
    if (m[0] === '.' && ABBREVIATION.test(gap.slice(0, m.index))) continue;
    return true;
  }
  return false;
}

/** Furthest a motion's name may stand before the number it is cited by (characters). */
export const MOTION_REACH = 600;

/**
 * The motion that a citation (or footnote marker) at position `at` refers to:
 * the nearest motion ending before `at` in the same sentence, with no other
 * paper named in between ("de motie van het lid Koopmans c.s., waarin …
 * (Kamerstuk 33 694, nr. 43)"). Ingest can use this with a footnote marker's
 * position to type a citation that stands in the footnote body.
 */
export function motionBefore(text: string, motions: readonly MotionMention[], at: number): MotionMention | null {
  let best: MotionMention | null = null;
  for (const m of motions) {
    if (m.end <= at && (best === null || m.end > best.end)) best = m;
  }
  if (best === null || at - best.end > MOTION_REACH) return null;
  const gap = text.slice(best.end, at);
  if (crossesSentence(gap) || OTHER_PAPER.test(gap)) return null;
  return best;
}
