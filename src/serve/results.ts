/**
 * Writers for query results that the store has already evaluated (the store
 * hands back whole arrays): SPARQL 1.1 Query Results JSON, XML, CSV and TSV,
 * booleans, and RDF for CONSTRUCT/DESCRIBE, including RDF/XML, the default of
 * SPARQLWrapper and rdflib. Each yields the body in chunks of a few hundred
 * rows, so the worker can pass them on as they are written.
 */
import type * as RDF from '@rdfjs/types';
import { Writer } from 'n3';
import { KldError, present } from '../errors.js';
import { PREFIXES } from '../rdf/vocab.js';
import { expandedNodes } from './jsonld.js';
import type { Solution } from './store.js';

const XSD_STRING = 'http://www.w3.org/2001/XMLSchema#string';
const RDF_LANG_STRING = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#langString';
const RDF_NS = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';
const ROWS_PER_CHUNK = 500;

function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Characters XML 1.0 cannot carry at all; SPARQL XML and RDF/XML results must leave them out. */
function xmlText(s: string): string {
  // eslint-disable-next-line no-control-regex
  return xmlEscape(s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '\ufffd'));
}

function jsonTerm(t: RDF.Term): Record<string, string> {
  switch (t.termType) {
    case 'NamedNode':
      return { type: 'uri', value: t.value };
    case 'BlankNode':
      return { type: 'bnode', value: t.value };
    case 'Literal': {
      const out: Record<string, string> = { type: 'literal', value: t.value };
      if (t.language) out['xml:lang'] = t.language;
      else if (t.datatype.value !== XSD_STRING) out.datatype = t.datatype.value;
      return out;
    }
    default:
      return { type: 'literal', value: t.value };
  }
}

function xmlTerm(t: RDF.Term): string {
  switch (t.termType) {
    case 'NamedNode':
      return `<uri>${xmlText(t.value)}</uri>`;
    case 'BlankNode':
      return `<bnode>${xmlText(t.value)}</bnode>`;
    case 'Literal':
      if (t.language) return `<literal xml:lang="${xmlText(t.language)}">${xmlText(t.value)}</literal>`;
      if (t.datatype.value !== XSD_STRING) return `<literal datatype="${xmlText(t.datatype.value)}">${xmlText(t.value)}</literal>`;
      return `<literal>${xmlText(t.value)}</literal>`;
    default:
      return `<literal>${xmlText(t.value)}</literal>`;
  }
}

function csvValue(t: RDF.Term | undefined): string {
  if (!t) return '';
  const v = t.termType === 'BlankNode' ? `_:${t.value}` : t.value;
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** A term in the SPARQL TSV form (Turtle/N-Triples syntax). */
function tsvValue(t: RDF.Term | undefined): string {
  if (!t) return '';
  switch (t.termType) {
    case 'NamedNode':
      return `<${t.value}>`;
    case 'BlankNode':
      return `_:${t.value}`;
    case 'Literal': {
      const lex = `"${t.value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')}"`;
      if (t.language) return `${lex}@${t.language}`;
      if (t.datatype.value === XSD_STRING) return lex;
      return `${lex}^^<${t.datatype.value}>`;
    }
    default:
      return t.value;
  }
}

function* chunked<T>(items: readonly T[], head: string, row: (item: T, index: number) => string, tail: string): Generator<string> {
  let buf = head;
  for (const [i, item] of items.entries()) {
    buf += row(item, i);
    if ((i + 1) % ROWS_PER_CHUNK === 0) {
      yield buf;
      buf = '';
    }
  }
  buf += tail;
  if (buf) yield buf;
}

/** SELECT results in a SPARQL results format (application/json is SPARQL JSON). */
export function writeBindings(vars: readonly string[], solutions: readonly Solution[], mediaType: string): Generator<string> {
  switch (mediaType) {
    case 'application/sparql-results+json':
    case 'application/json':
      return chunked(
        solutions,
        `{"head":{"vars":${JSON.stringify(vars)}},"results":{"bindings":[\n`,
        (s, i) => {
          const row: Record<string, Record<string, string>> = {};
          for (const v of vars) {
            const t = s.get(v);
            if (t) row[v] = jsonTerm(t);
          }
          return (i > 0 ? ',\n' : '') + JSON.stringify(row);
        },
        '\n]}}\n',
      );
    case 'application/sparql-results+xml':
      return chunked(
        solutions,
        `<?xml version="1.0" encoding="UTF-8"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n<head>${vars.map((v) => `<variable name="${xmlText(v)}"/>`).join('')}</head>\n<results>\n`,
        (s) => {
          let out = '<result>';
          for (const v of vars) {
            const t = s.get(v);
            if (t) out += `<binding name="${xmlText(v)}">${xmlTerm(t)}</binding>`;
          }
          return out + '</result>\n';
        },
        '</results>\n</sparql>\n',
      );
    case 'text/csv':
      return chunked(solutions, vars.join(',') + '\r\n', (s) => vars.map((v) => csvValue(s.get(v))).join(',') + '\r\n', '');
    case 'text/tab-separated-values':
      return chunked(solutions, vars.map((v) => `?${v}`).join('\t') + '\n', (s) => vars.map((v) => tsvValue(s.get(v))).join('\t') + '\n', '');
    default:
      throw new Error(`no writer for ${mediaType}`);
  }
}

/** An ASK result. */
export function writeBoolean(value: boolean, mediaType: string): string {
  if (mediaType === 'application/sparql-results+xml') {
    return `<?xml version="1.0" encoding="UTF-8"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n<head/>\n<boolean>${value}</boolean>\n</sparql>\n`;
  }
  return `{"head":{},"boolean":${value}}\n`;
}

/** Split an IRI into namespace and an XML NCName local part, as RDF/XML needs for predicates. */
function splitPredicate(iri: string): [string, string] | undefined {
  const m = /^(.*?)([A-Za-z_\u00C0-\uFFFF][-.\w\u00B7\u00C0-\uFFFF]*)$/u.exec(iri);
  const [, ns, local] = m ?? [];
  if (!ns || local === undefined) return undefined;
  return [ns, local];
}

/**
 * RDF/XML, one rdf:Description per triple (valid, streamable, and what every
 * RDF/XML reader takes). A predicate IRI that has no XML local name cannot be
 * written in RDF/XML at all: that is an error the caller reports.
 */
export function* writeRdfXml(quads: readonly RDF.Quad[]): Generator<string> {
  const namespaces = new Map<string, string>([[RDF_NS, 'rdf']]);
  for (const [p, ns] of Object.entries(PREFIXES)) if (!namespaces.has(ns) && /^[A-Za-z_][-.\w]*$/.test(p) && !/^xml/i.test(p)) namespaces.set(ns, p);
  const preds = quads.map((q) => {
    const split = splitPredicate(q.predicate.value);
    if (!split) throw new RdfXmlError(q.predicate.value);
    if (!namespaces.has(split[0])) namespaces.set(split[0], `ns${namespaces.size}`);
    return split;
  });
  let buf = `<?xml version="1.0" encoding="UTF-8"?>\n<rdf:RDF${[...namespaces].map(([ns, p]) => `\n  xmlns:${p}="${xmlText(ns)}"`).join('')}>\n`;
  for (const [i, q] of quads.entries()) {
    const [ns, local] = present(preds[i], 'the predicate split of each quad'); // preds = quads.map(…)
    const name = `${namespaces.get(ns)}:${local}`;
    const subject = q.subject.termType === 'BlankNode' ? `rdf:nodeID="${xmlText(q.subject.value)}"` : `rdf:about="${xmlText(q.subject.value)}"`;
    const o = q.object;
    let property: string;
    if (o.termType === 'NamedNode') property = `<${name} rdf:resource="${xmlText(o.value)}"/>`;
    else if (o.termType === 'BlankNode') property = `<${name} rdf:nodeID="${xmlText(o.value)}"/>`;
    else {
      const lit = o as RDF.Literal;
      const attr = lit.language ? ` xml:lang="${xmlText(lit.language)}"` : lit.datatype.value !== XSD_STRING && lit.datatype.value !== RDF_LANG_STRING ? ` rdf:datatype="${xmlText(lit.datatype.value)}"` : '';
      property = `<${name}${attr}>${xmlText(lit.value)}</${name}>`;
    }
    buf += `<rdf:Description ${subject}>${property}</rdf:Description>\n`;
    if ((i + 1) % ROWS_PER_CHUNK === 0) {
      yield buf;
      buf = '';
    }
  }
  yield buf + '</rdf:RDF>\n';
}

export class RdfXmlError extends KldError {
  constructor(readonly predicate: string) {
    super('query', `the result cannot be written as RDF/XML: the predicate <${predicate}> has no XML local name; ask for Turtle or N-Triples`);
  }
}

/** Quads (CONSTRUCT/DESCRIBE) in a graph format. Triples-only formats drop the graph. */
export function* writeGraph(quads: readonly RDF.Quad[], mediaType: string): Generator<string> {
  if (mediaType === 'application/rdf+xml') {
    yield* writeRdfXml(quads);
    return;
  }
  if (mediaType === 'application/ld+json') {
    yield JSON.stringify(expandedNodes(quads), null, 2) + '\n';
    return;
  }
  if (mediaType === 'application/n-triples' || mediaType === 'application/n-quads') {
    // Line-based: written a slice at a time.
    const step = ROWS_PER_CHUNK * 4;
    for (let i = 0; i < quads.length; i += step) yield writeWhole(quads.slice(i, i + step), mediaType);
    return;
  }
  yield writeWhole(quads, mediaType);
}

function writeWhole(quads: readonly RDF.Quad[], mediaType: string): string {
  const writer = new Writer({ format: mediaType, prefixes: mediaType === 'text/turtle' || mediaType === 'application/trig' ? PREFIXES : {} });
  let out = '';
  writer.addQuads(quads as RDF.Quad[]);
  writer.end((err: Error | null, result: string) => {
    if (err) throw err;
    out = result;
  });
  return out;
}
