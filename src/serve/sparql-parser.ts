/**
 * The one SPARQL parser of the server's thread (traqula). Building a parser is costly: its grammar is
 * analysed when it is constructed (some 0.2–0.4 s of CPU, most of what loading the server costs), so the
 * engine and the Virtuoso store share this one instead of each building its own. `parse` is synchronous
 * and keeps no state between calls.
 */
import { Parser } from '@traqula/parser-sparql-1-2';

export const sparqlParser = new Parser();
