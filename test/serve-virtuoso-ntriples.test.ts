/**
 * Virtuoso's N-Triples handed on as text (virtuoso/store.ts ntriplesAnswer, engine.ts GRAPH_TEXT_TYPES):
 * the lines kept are the triples the parsing path gives, term for term (language tags, datatypes, blank
 * nodes, \u escapes), comment lines are not triples, and the result cap cuts at a line. No Virtuoso
 * needed: the text is the kind Virtuoso writes (tabs, \u escapes, nodeID labels as _:b…, "# Empty NT").
 */
import type * as RDF from '@rdfjs/types';
import { Parser } from 'n3';
import { describe, expect, it } from 'vitest';
import { Engine } from '../src/serve/engine.js';
import type { PushdownOptions, PushdownResult, SparqlPushdown } from '../src/serve/store.js';
import { ntriplesAnswer, readAnswer } from '../src/serve/virtuoso/store.js';

const XSD = 'http://www.w3.org/2001/XMLSchema#';

/** As Virtuoso 7.2 writes a CONSTRUCT answer, with the literals the embedded store gives otherwise. */
const VIRTUOSO_NT = [
  `<urn:x:s>\t<urn:x:int>\t"-3"^^<${XSD}int> .`,
  `<urn:x:s>\t<urn:x:nni>\t"90"^^<${XSD}nonNegativeInteger> .`,
  `<urn:x:s>\t<urn:x:bool>\t"1"^^<${XSD}boolean> .`,
  `<urn:x:s>\t<urn:x:false>\t"false"^^<${XSD}boolean> .`,
  `<urn:x:s>\t<urn:x:dec>\t"1.5"^^<${XSD}decimal> .`,
  `<urn:x:s>\t<urn:x:str>\t"typed"^^<${XSD}string> .`,
  `<urn:x:s>\t<urn:x:en>\t"question"@EN-GB .`,
  `<urn:x:s>\t<urn:x:nl>\t"vraag"@nl .`,
  `<urn:x:s>\t<urn:x:plain>\t"gewoon \\"tekst\\" met \\\\ en\\nregel, \\u00E9 \\u2019 \\U0001F600 \\t tab ends in @EN ."@nl .`,
  `<urn:x:s>\t<urn:x:iri>\t<http://example.org/caf%C3%A9/\\u00E9?a=1#x> .`,
  `<urn:x:s>\t<urn:x:blank>\t_:b10000 .`,
  `_:b10000\t<urn:x:label>\t"blank" .`,
  `_:b10001\t<urn:x:label>\t""^^<${XSD}int> .`,
].join('\n');

/** A term as a comparable string, exact: value, language, datatype; blank nodes by label. */
const key = (t: RDF.Term): string => (t.termType === 'Literal' ? `"${t.value}"@${t.language}^^${t.datatype.value}` : `${t.termType}:${t.value}`);
const triples = (quads: RDF.Quad[]): string[] => quads.map((q) => [q.subject, q.predicate, q.object].map(key).join(' ')).sort();
const parse = (text: string, format = 'N-Triples'): RDF.Quad[] => new Parser({ format, blankNodePrefix: '' }).parse(text);

function viaParser(text: string): RDF.Quad[] {
  const r = readAnswer('quads', text);
  if (r.type !== 'quads') throw new Error(r.type);
  return r.quads;
}

function asText(text: string): { text: string; triples: number } {
  const r = ntriplesAnswer(text);
  if (r.type !== 'ntriples') throw new Error(r.type);
  return { text: r.text, triples: r.triples };
}

describe('ntriplesAnswer', () => {
  it('gives the triples the parsing path gives, term for term, and counts them', () => {
    const passed = asText(`${VIRTUOSO_NT}\n`);
    expect(passed.triples).toBe(13);
    const expected = triples(viaParser(`${VIRTUOSO_NT}\n`));
    expect(triples(parse(passed.text))).toEqual(expected);
    // As Turtle too (the text goes out as text/turtle unchanged).
    expect(triples(parse(passed.text, 'Turtle'))).toEqual(expected);
    // What the parsing path changes is changed here as well: integer types, a boolean's 1, a tag's capitals.
    expect(expected).toContain(`NamedNode:urn:x:s NamedNode:urn:x:int "-3"@^^${XSD}integer`);
    expect(expected).toContain(`NamedNode:urn:x:s NamedNode:urn:x:bool "true"@^^${XSD}boolean`);
    expect(expected).toContain('NamedNode:urn:x:s NamedNode:urn:x:en "question"@en-gb^^http://www.w3.org/1999/02/22-rdf-syntax-ns#langString');
    expect(expected).toContain(`NamedNode:urn:x:s NamedNode:urn:x:plain "gewoon "tekst" met \\ en\nregel, é ’ 😀 \t tab ends in @EN ."@nl^^http://www.w3.org/1999/02/22-rdf-syntax-ns#langString`);
    // The same blank node on both sides of the answer, by its label.
    expect(expected.filter((t) => t.includes('BlankNode:b10000'))).toHaveLength(2);
  });

  it('keeps the lines that need no change as Virtuoso wrote them, and leaves the text alone when none does', () => {
    const passed = asText(`${VIRTUOSO_NT}\n`);
    for (const line of VIRTUOSO_NT.split('\n').filter((l) => !/(\^\^<[^>]*#(int|nonNegativeInteger|boolean)>|@EN-GB) \.$/.test(l))) expect(passed.text).toContain(`${line}\n`);
    const plain = `<urn:x:s>\t<urn:x:p>\t"a \\u00E9"@nl .\n_:b1\t<urn:x:p>\t<urn:x:o> .\n`;
    expect(asText(plain)).toEqual({ text: plain, triples: 2 });
  });

  it('leaves out comment and blank lines, and ends every line in a newline', () => {
    expect(asText('# Empty NT\n')).toEqual({ text: '', triples: 0 });
    expect(asText('')).toEqual({ text: '', triples: 0 });
    const r = asText('# a comment\n<urn:x:a> <urn:x:p> <urn:x:o> .\n\n<urn:x:b> <urn:x:p> "x"@EN .');
    expect(r.triples).toBe(2);
    expect(r.text.endsWith(' .\n')).toBe(true);
    expect(r.text.split('\n')).toHaveLength(3);
    expect(triples(parse(r.text))).toEqual(['NamedNode:urn:x:a NamedNode:urn:x:p NamedNode:urn:x:o', 'NamedNode:urn:x:b NamedNode:urn:x:p "x"@en^^http://www.w3.org/1999/02/22-rdf-syntax-ns#langString']);
  });
});

/** A store answering every CONSTRUCT with VIRTUOSO_NT, as VirtuosoStore reads it; it notes what it was asked. */
class NtStore implements SparqlPushdown {
  readonly label = 'nt';
  asked: PushdownOptions[] = [];
  query(_sparql: string, options: PushdownOptions): Promise<PushdownResult> {
    this.asked.push(options);
    return Promise.resolve(readAnswer(options.form, `${VIRTUOSO_NT}\n`, options.graphText));
  }
}

async function body(engine: Engine, accept: string): Promise<{ text: string; truncated: boolean; mediaType: string }> {
  const r = await engine.run({ query: 'CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }', accept });
  let text = '';
  for await (const chunk of r.data) text += String(chunk);
  return { text, truncated: r.truncated(), mediaType: r.mediaType };
}

describe('the engine with a store that hands on N-Triples', () => {
  it('writes the text for N-Triples, N-Quads, Turtle and TriG, the same triples as the written quads', async () => {
    const store = new NtStore();
    const engine = new Engine({ stores: [store], maxResults: 100 });
    const written = triples(viaParser(`${VIRTUOSO_NT}\n`));
    for (const [accept, format] of [
      ['application/n-triples', 'N-Triples'],
      ['application/n-quads', 'N-Quads'],
      ['text/turtle', 'Turtle'],
      ['application/trig', 'TriG'],
    ] as const) {
      const r = await body(engine, accept);
      expect(r.mediaType).toBe(accept);
      expect(r.truncated).toBe(false);
      expect(triples(parse(r.text, format)), accept).toEqual(written);
      expect(store.asked.at(-1)?.graphText).toBe(true);
    }
    // JSON-LD is written from quads: the store is not asked for text.
    const jsonld = await body(engine, 'application/ld+json');
    expect(store.asked.at(-1)?.graphText).toBe(false);
    expect(jsonld.text).toContain('urn:x:label');
  });

  it('cuts the text at the result cap, a line at a time, and says so', async () => {
    const engine = new Engine({ stores: [new NtStore()], maxResults: 4 });
    const all = asText(`${VIRTUOSO_NT}\n`).text.split('\n');
    const r = await body(engine, 'application/n-triples');
    expect(r.truncated).toBe(true);
    expect(r.text.split('\n')).toEqual([...all.slice(0, 4), '']);
    const exact = await body(new Engine({ stores: [new NtStore()], maxResults: 13 }), 'text/turtle');
    expect(exact.truncated).toBe(false);
    expect(parse(exact.text, 'Turtle')).toHaveLength(13);
  });
});
