/**
 * The word-search index's contract, shared by the build, which writes output/text-index.json
 * (src/publish/text-index-file.ts), and the query workers, which read it (src/serve/text-index-file.ts)
 * or build the same index from the loaded store (src/serve/text-index.ts): which predicates hold the
 * texts, how texts are cut into tokens, and the index's data, made the same way on both sides.
 */

/** Local names of the text predicates (in the `{base}def#` namespace of any base). */
export const TEXT_PREDICATES = ['answerText', 'questionText', 'footnoteText', 'text'] as const;

export const TEXT_INDEX_FILE = 'text-index.json';

const TOKEN = /[\p{L}\p{N}]+/gu;

/** Lower case, with the final sigma (context-dependent in LCASE) folded to σ: a per-character map. */
export function fold(text: string): string {
  return text.toLowerCase().replace(/ς/g, 'σ');
}

export function tokens(text: string): string[] {
  return fold(text).match(TOKEN) ?? [];
}

/**
 * One predicate's index: subjects and tokens sorted by code unit, each posting list the ascending
 * numbers of the subjects whose text holds that token. The same texts always give the same data.
 */
export interface TextIndexData {
  subjects: string[];
  tokens: string[];
  postings: number[][];
}

export interface TextIndexFile {
  version: 1;
  /** The N-Quads dump the index was made from (relative to the file's directory) and its SHA-256. */
  dump: { file: string; sha256: string };
  /** Per text predicate IRI, in code-unit order. */
  predicates: Record<string, TextIndexData>;
}

/** Code-unit order: the same in every locale. */
function compareUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The index of [subject, text] pairs (a subject may come more than once: its texts are one). */
export function indexData(texts: Iterable<[subject: string, text: string]>): TextIndexData {
  const lists = new Map<string, Set<string>>();
  const subjects = new Set<string>();
  for (const [subject, text] of texts) {
    subjects.add(subject);
    for (const tok of tokens(text)) {
      const list = lists.get(tok);
      if (list === undefined) lists.set(tok, new Set([subject]));
      else list.add(subject);
    }
  }
  const sorted = [...subjects].sort(compareUnits);
  const number = new Map(sorted.map((s, i) => [s, i]));
  const vocab = [...lists.keys()].sort(compareUnits);
  return {
    subjects: sorted,
    tokens: vocab,
    postings: vocab.map((tok) => Array.from(lists.get(tok) ?? [], (s) => number.get(s) ?? 0).sort((a, b) => a - b)),
  };
}
