/**
 * HTTP content negotiation (RFC 9110 §12.5.1): parse Accept, pick the best of
 * what we can produce. A malformed Accept is treated as absent (the RFC lets a
 * server ignore it), so it never crashes a request.
 */

export interface MediaRange {
  type: string; // "text", "*"
  subtype: string; // "turtle", "*"
  q: number;
  /** Position in the header, to break ties in the client's order. */
  index: number;
}

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** Parse an Accept header; returns [] for an absent, empty or wholly malformed header. */
export function parseAccept(header: string | undefined): MediaRange[] {
  if (!header || header.length > 4096) return [];
  const out: MediaRange[] = [];
  header.split(',').forEach((part, index) => {
    const [range, ...params] = part.split(';').map((s) => s.trim());
    if (!range) return;
    const slash = range.indexOf('/');
    if (slash <= 0) return;
    const type = range.slice(0, slash).toLowerCase();
    const subtype = range.slice(slash + 1).toLowerCase();
    if (!TOKEN.test(type) || !TOKEN.test(subtype) || (type === '*' && subtype !== '*')) return;
    let q = 1;
    for (const p of params) {
      const m = /^q\s*=\s*([0-9.]+)$/i.exec(p);
      if (m) {
        q = Number(m[1]);
        if (!Number.isFinite(q) || q < 0 || q > 1) q = 1;
      }
    }
    out.push({ type, subtype, q, index });
  });
  return out;
}

function specificity(r: MediaRange, type: string, subtype: string): number {
  if (r.type === type && r.subtype === subtype) return 3;
  if (r.type === type && r.subtype === '*') return 2;
  if (r.type === '*' && r.subtype === '*') return 1;
  return 0;
}

/**
 * Choose among `offers` (in our order of preference; the first is the default).
 * Returns undefined when the client accepts none of them (→ 406).
 */
export function negotiate(header: string | undefined, offers: readonly string[]): string | undefined {
  const ranges = parseAccept(header);
  if (ranges.length === 0) return offers[0];
  let best: { offer: string; q: number; spec: number; index: number; order: number } | undefined;
  offers.forEach((offer, order) => {
    const [type, subtype] = offer.split('/') as [string, string];
    let match: MediaRange | undefined;
    let spec = 0;
    for (const r of ranges) {
      const s = specificity(r, type, subtype);
      if (s > spec) {
        spec = s;
        match = r;
      }
    }
    if (!match || match.q === 0) return;
    const candidate = { offer, q: match.q, spec, index: match.index, order };
    if (
      !best ||
      candidate.q > best.q ||
      (candidate.q === best.q && candidate.spec > best.spec) ||
      (candidate.q === best.q && candidate.spec === best.spec && candidate.spec === 3 && candidate.index < best.index) ||
      (candidate.q === best.q && candidate.spec === best.spec && candidate.spec < 3 && candidate.order < best.order)
    ) {
      best = candidate;
    }
  });
  return best?.offer;
}

/** Result formats for SELECT and ASK, our preference first. */
export const BINDINGS_TYPES = ['application/sparql-results+json', 'application/sparql-results+xml', 'text/csv', 'text/tab-separated-values', 'application/json'] as const;

/** ASK has no CSV/TSV form in the SPARQL 1.1 results formats, but Comunica writes one; we offer JSON and XML. */
export const BOOLEAN_TYPES = ['application/sparql-results+json', 'application/sparql-results+xml', 'application/json'] as const;

/** Graph formats for CONSTRUCT and DESCRIBE. */
export const QUADS_TYPES = ['text/turtle', 'application/rdf+xml', 'application/n-triples', 'application/n-quads', 'application/ld+json', 'application/trig'] as const;

/** What Comunica is asked to write for a negotiated type (application/json is an alias of SPARQL JSON). */
export function serializerFor(mediaType: string): string {
  return mediaType === 'application/json' ? 'application/sparql-results+json' : mediaType;
}

/** Content-Type header value with charset where the format is text. */
export function contentType(mediaType: string): string {
  return mediaType.startsWith('text/') ||
    mediaType.endsWith('+json') ||
    mediaType.endsWith('+xml') ||
    mediaType === 'application/n-triples' ||
    mediaType === 'application/n-quads' ||
    mediaType === 'application/ld+json' ||
    mediaType === 'application/trig' ||
    mediaType === 'application/json'
    ? `${mediaType}; charset=utf-8`
    : mediaType;
}
