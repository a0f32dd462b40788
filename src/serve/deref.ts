/**
 * Dereferencing: every IRI under the configured base is served by this server,
 * with the base mapped to the server's own address
 * (https://w3id.org/kamerstukken-ld/id/kst-26150-187 ↔ http://localhost:3000/id/kst-26150-187).
 *
 * Choice: the IRI answers directly with 200 and `Vary: Accept` (no 303 to a
 * separate document URL). One round trip for every client; the description is
 * about the thing the IRI names, and the document's own address is given in
 * Content-Location (`?format=ttl` etc.), which also works as a plain link.
 */
import { rdfs, skos, dcterms } from '../rdf/vocab.js';

export const RDF_OFFERS = ['text/html', 'text/turtle', 'application/ld+json', 'application/n-triples', 'application/rdf+xml'] as const;

/** ?format= values and the media types they stand for. */
export const FORMAT_PARAM: Record<string, string> = {
  html: 'text/html',
  ttl: 'text/turtle',
  turtle: 'text/turtle',
  jsonld: 'application/ld+json',
  nt: 'application/n-triples',
  rdf: 'application/rdf+xml',
  xml: 'application/rdf+xml',
};

export const FORMAT_EXTENSION: Record<string, string> = {
  'text/html': 'html',
  'text/turtle': 'ttl',
  'application/ld+json': 'jsonld',
  'application/n-triples': 'nt',
  'application/rdf+xml': 'rdf',
};

/** Maps between data IRIs (under the base) and local paths. */
export class IriMapper {
  constructor(
    readonly base: string,
    /** The server's own origin + "/", e.g. http://localhost:3000/ */
    readonly local: string,
  ) {}

  /** The data IRI a local path stands for ("/id/x" → base + "id/x"). */
  toIri(pathname: string): string {
    return this.base + pathname.replace(/^\//, '');
  }

  /** A link a browser can follow: our IRIs become local paths; others stay as they are. */
  toLocal(iri: string): string {
    return iri.startsWith(this.base) ? '/' + iri.slice(this.base.length) : iri;
  }
}

const LABELS = [rdfs('label').value, skos('prefLabel').value, dcterms('title').value];

function iriRef(iri: string): string {
  if (/[\s<>"{}|\\^`]/.test(iri)) throw new Error(`not a valid IRI: ${iri}`);
  return `<${iri}>`;
}

/**
 * The description of a resource: its own triples, the triples of its
 * hash-children and their hash-children (the place #bron and its selectors
 * #bron-positie, #bron-tekst), labels of what it links
 * to, and (at most 500) resources that link to it, with their labels.
 */
export function describeQuery(iri: string): string {
  const x = iriRef(iri);
  const labels = LABELS.map((l) => `<${l}>`).join(', ');
  const hash = JSON.stringify(`${iri}#`);
  return `CONSTRUCT {
  ${x} ?p ?o . ?o ?lp ?l .
  ?h ?hp ?ho .
  ?s ?ip ${x} . ?s ?slp ?sl .
} WHERE {
  { ${x} ?p ?o OPTIONAL { ?o ?lp ?l FILTER(?lp IN (${labels})) } }
  UNION
  { ${x} ?hl ?h FILTER(isIRI(?h) && STRSTARTS(STR(?h), ${hash})) ?h ?hp ?ho }
  UNION
  { ${x} ?hl ?h0 FILTER(isIRI(?h0) && STRSTARTS(STR(?h0), ${hash})) ?h0 ?hl0 ?h FILTER(isIRI(?h) && STRSTARTS(STR(?h), ${hash})) ?h ?hp ?ho }
  UNION
  { { SELECT DISTINCT ?s ?ip WHERE { ?s ?ip ${x} } LIMIT 500 } OPTIONAL { ?s ?slp ?sl FILTER(?slp IN (${labels})) } }
}`;
}

/**
 * Reject paths that could escape or confuse the route: ".." segments, encoded
 * slashes or backslashes, control characters. Returns the reason, or undefined when fine.
 */
export function unsafePath(rawPath: string): string | undefined {
  if (/%2f|%5c|%00/i.test(rawPath)) return 'encoded slashes, backslashes and NUL are not allowed in paths';
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return 'malformed percent-encoding in the path';
  }
  if (decoded.includes('\\')) return 'backslashes are not allowed in paths';
  if ([...decoded].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f)) return 'control characters are not allowed in paths';
  if (decoded.split('/').some((seg) => seg === '..' || seg === '.')) return '"." and ".." path segments are not allowed';
  return undefined;
}
