/**
 * Word search on Virtuoso: a CONTAINS on a text predicate joined with the text
 * index graph `load` keeps in the database (text-graph.ts), so that Virtuoso
 * reads only the texts that hold a token the word can lie in, however many
 * they are. The FILTER stays: the answer is the one CONTAINS gives.
 *
 * `?s kld:text ?t FILTER(CONTAINS(?t, "Taiwan-beleid"))` gets, in its group:
 *
 *   { SELECT DISTINCT ?s WHERE { GRAPH <index> { <…:t:taiwan> kld:text ?s .
 *     <…:t:beleid> kld:text ?s } } LIMIT {texts of kld:text} }
 *
 * The LIMIT, never reached (no more subjects than texts), makes Virtuoso
 * evaluate the subquery first: without it, after a load that rewrote the
 * graph, Virtuoso 7.2's optimiser drove the query from the texts and probed
 * the index per text (measured at 1M triples, load average 10: 300–390 ms,
 * as slow as CONTAINS alone; with the LIMIT 80 ms; DISTINCT without LIMIT,
 * or the index pattern written first, 250–460 ms).
 *
 * The word is cut into pieces as texts are (text-index-format.ts: folded,
 * letters and digits); each piece lies inside a token of any text holding the
 * word, so the subjects having, for every piece, a token that contains it are
 * a superset of the answers. A piece that lies in several tokens is joined as
 * `?k kld:text ?s FILTER(?k IN (<t1>, <t2>, …))` (IN: Virtuoso looks each up;
 * VALUES of the same IRIs was planned worse, measured at 1M triples); DISTINCT
 * counts a text holding two of them once. The
 * tokens come from text-tokens.json (tokens and counts only: the endpoint
 * never reads the build's 234 MB text-index.json at 10M triples).
 *
 * Not narrowed (CONTAINS alone): a word without a letter or digit; a word
 * whose every piece lies in a token the graph leaves out (too common), in
 * more than MAX_TOKENS tokens, or in tokens of more texts together than
 * narrowLimit (a quarter of the texts). A piece lying in no token: no text
 * can match, and the join with a token that is not in the graph says so at
 * once.
 */
import { Parser } from '@traqula/parser-sparql-1-2';
import { tokens } from '../../text-index-format.js';
import { TokenList, type TextNarrower } from '../text-index.js';
import { narrowLimit, tokenIri, type PredicateTokens, type TokenVocabulary } from './text-graph.js';
import { fromState } from './build.js';

/** Tokens of one piece in the query at most (an IN list of tokens; the compile time grows with it). */
export const MAX_TOKENS = 500;
/** Pieces of a word joined at most (the most selective, by their tokens' counts). */
const MAX_PIECES = 3;

const parser = new Parser();

/**
 * The index graph the database holds complete for the dump it holds, as "dump graph" (load state, read
 * again only when the file changed: one stat per call); undefined while a load is under way or when the
 * graph is not that dump's.
 */
export function loadedTextGraph(dbDir: string): () => string | undefined {
  return fromState(dbDir, (_text, state) => {
    const index = state.textIndex;
    const dump = state.dump?.sha256;
    return state.pending === undefined && dump !== undefined && index?.dump === dump ? `${dump} ${index.graph}` : undefined;
  });
}

/** One predicate's tokens, searchable by substring. */
class Tokens {
  /** Subjects of the predicate's texts. */
  readonly texts: number;
  /** Pieces in tokens of more texts than this are not joined. */
  readonly limit: number;
  private readonly list: TokenList;
  private readonly omitted: Set<string>;

  constructor(private readonly data: PredicateTokens) {
    this.list = new TokenList(data.tokens);
    this.texts = data.subjects;
    this.limit = narrowLimit(data.subjects);
    this.omitted = new Set(data.omitted);
  }

  /** The tokens that contain `piece` and the texts they are in (a bound), or undefined when the graph cannot narrow it. */
  holding(piece: string): { tokens: string[]; texts: number } | undefined {
    const found: string[] = [];
    let texts = 0;
    for (const i of this.list.containing(piece)) {
      const token = this.data.tokens[i] ?? '';
      if (this.omitted.has(token) || found.length === MAX_TOKENS) return undefined;
      found.push(token);
      texts += this.data.counts[i] ?? 0;
    }
    return { tokens: found, texts };
  }
}

export class TokenGraphSearch implements TextNarrower {
  narrowed = 0;
  private readonly predicates = new Map<string, Tokens>();

  constructor(private readonly vocabulary: TokenVocabulary) {
    for (const [iri, data] of Object.entries(vocabulary.predicates)) this.predicates.set(iri, new Tokens(data));
  }

  /** The join with the index graph for `?subject <predicate> ?text FILTER(CONTAINS(?text, word))`, as an AST pattern. */
  pattern(predicate: string, word: string, subject: string): { pattern: unknown; size: number } | undefined {
    const text = this.patternText(predicate, word, subject);
    if (text === undefined) return undefined;
    const ast = parser.parse(`SELECT * WHERE { ${text.pattern} }`) as unknown as { where: { patterns: unknown[] } };
    return { pattern: ast.where.patterns[0], size: text.size };
  }

  /** The same as SPARQL text (with the number of tokens in it). */
  patternText(predicate: string, word: string, subject: string): { pattern: string; size: number } | undefined {
    const vocabulary = this.predicates.get(predicate);
    if (!vocabulary) return undefined;
    const usable: { tokens: string[]; texts: number }[] = [];
    for (const piece of new Set(tokens(word))) {
      const found = vocabulary.holding(piece);
      if (found && found.texts <= vocabulary.limit) usable.push(found);
    }
    if (usable.length === 0) return undefined;
    const pieces = usable.sort((a, b) => a.texts - b.texts).slice(0, MAX_PIECES);
    const graph = this.vocabulary.graph;
    const iri = (token: string) => `<${tokenIri(graph, token)}>`;
    const s = `?${subject}`;
    const p = `<${predicate}>`;
    const parts = pieces.map((piece, i) => {
      // No token holds the piece: a token IRI that is not in the graph (the empty token) matches nothing.
      if (piece.tokens.length <= 1) return `${iri(piece.tokens[0] ?? '')} ${p} ${s} .`;
      const k = `?kld_text_token_${i}`;
      return `${k} ${p} ${s} FILTER(${k} IN (${piece.tokens.map(iri).join(', ')}))`;
    });
    const size = pieces.reduce((n, piece) => n + piece.tokens.length, 0);
    // The graph holds no subject that is not one of the predicate's texts: the LIMIT keeps every row.
    return { pattern: `{ SELECT DISTINCT ${s} WHERE { GRAPH <${graph}> { ${parts.join(' ')} } } LIMIT ${vocabulary.texts} }`, size };
  }
}
