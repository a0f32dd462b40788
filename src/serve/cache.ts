/**
 * The result cache. The data only changes with a build, so an answer is a
 * function of (build, query, dataset, base IRI, media type): identical queries
 * are answered from memory, without a worker, and carry an ETag made of the
 * build's hash and that key, so clients revalidate with If-None-Match and get
 * 304. Dereferenced pages and resources get the same treatment, keyed on their
 * path, negotiated format, language and host.
 *
 * - bounded in bytes (an LRU over strings, counted at two bytes a character,
 *   the most V8 spends on one); one entry may take at most an eighth of it;
 * - keyed on the build each worker reports having loaded (pool.ts), so a
 *   rebuild picked up by a new worker never serves the old answers;
 * - truncated answers, errors, federated queries and SERVICE are never cached
 *   (they are not a function of the build), and get no ETag.
 */
import { createHash } from 'node:crypto';
import { ServerResponse } from 'node:http';
import type { QueryRunner } from './context.js';
import type { QueryRequest } from './engine.js';
import { offersFor } from './engine.js';
import { localOrigin } from './http.js';
import { negotiate } from './negotiate.js';
import type { HeadInfo, PoolStatus, QueryHandlers } from './pool.js';
import type { QueryForm } from './store.js';
import type { Handler } from './handlers/types.js';

export { DEFAULT_CACHE_MB } from './defaults.js';

/** What a client is told about cached answers: keep them, but ask again (cheaply, by ETag) before reuse. */
export const CACHE_CONTROL = 'public, no-cache';

/** Bookkeeping per entry besides its payload (the Map slot, the key's object). */
const ENTRY_OVERHEAD = 96;

export interface CacheStats {
  maxBytes: number;
  bytes: number;
  entries: number;
  hits: number;
  misses: number;
  /** 304s given without running anything. */
  notModified: number;
  evictions: number;
  /** Queries passed on to the workers. */
  forwarded: number;
}

/** A least-recently-used map whose entries together never take more than maxBytes. */
export class ByteLru<V> {
  private readonly map = new Map<string, { value: V; bytes: number }>();
  private used = 0;
  evictions = 0;

  constructor(
    readonly maxBytes: number,
    readonly maxEntryBytes = Math.floor(maxBytes / 8),
  ) {}

  get bytes(): number {
    return this.used;
  }

  get size(): number {
    return this.map.size;
  }

  get(key: string): V | undefined {
    const e = this.map.get(key);
    if (!e) return undefined;
    // Re-inserting moves the entry to the young end (a Map keeps insertion order).
    this.map.delete(key);
    this.map.set(key, e);
    return e.value;
  }

  /** Store `value`, costing `bytes` plus its key; false (and nothing stored) when one entry that large is not allowed. */
  set(key: string, value: V, bytes: number): boolean {
    const cost = bytes + key.length * 2 + ENTRY_OVERHEAD;
    this.delete(key);
    if (cost > this.maxEntryBytes || cost > this.maxBytes) return false;
    while (this.used + cost > this.maxBytes) {
      const oldest = this.map.keys().next();
      if (oldest.done) break;
      this.delete(oldest.value);
      this.evictions++;
    }
    this.map.set(key, { value, bytes: cost });
    this.used += cost;
    return true;
  }

  delete(key: string): void {
    const e = this.map.get(key);
    if (!e) return;
    this.map.delete(key);
    this.used -= e.bytes;
  }
}

/**
 * The query text with comments dropped and every run of white space outside
 * strings and IRIs made one space: two spellings of one query share an entry.
 * Only what cannot change the query's meaning is removed.
 */
export function normaliseQuery(text: string): string {
  let out = '';
  let space = false;
  const n = text.length;
  let i = 0;
  const emit = (s: string) => {
    if (space && out.length > 0) out += ' ';
    space = false;
    out += s;
  };
  while (i < n) {
    const c = text.charAt(i);
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      space = true;
      i++;
    } else if (c === '#') {
      while (i < n && text[i] !== '\n' && text[i] !== '\r') i++;
      space = true;
    } else if (c === '"' || c === "'") {
      const long = text.startsWith(c.repeat(3), i);
      const close = long ? c.repeat(3) : c;
      let j = i + close.length;
      while (j < n && !text.startsWith(close, j)) {
        if (text[j] === '\\') j++;
        else if (!long && (text[j] === '\n' || text[j] === '\r')) break;
        j++;
      }
      j = Math.min(n, j + close.length);
      emit(text.slice(i, j));
      i = j;
    } else if (c === '<') {
      // An IRI (no spaces, quotes or braces inside) is kept whole: '#' in it is no comment.
      // eslint-disable-next-line no-control-regex
      const m = /^<[^<>"{}|^`\\\u0000-\u0020]*>/.exec(text.slice(i, i + 4096));
      const s = m ? m[0] : c;
      emit(s);
      i += s.length;
    } else {
      let j = i + 1;
      while (j < n && !' \t\n\r#"\'<'.includes(text.charAt(j))) j++;
      emit(text.slice(i, j));
      i = j;
    }
  }
  return out;
}

/** If-None-Match against an ETag, by the weak comparison (RFC 9110 §13.1.2). */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const opaque = (t: string) => t.trim().replace(/^W\//, '');
  const want = opaque(etag);
  return header.split(',').some((t) => opaque(t) === want);
}

function digest(s: string): string {
  return createHash('sha256').update(s).digest('base64url').slice(0, 22);
}

/** The ETag of an answer: the build's hash (first 16 hex) and a digest of the key. Weak: equal meaning, not always equal bytes (blank node labels). */
export function etagFor(build: string, key: string): string {
  return `W/"${build.replace(/^[a-z0-9]+:/, '').slice(0, 16)}-${digest(key)}"`;
}

interface Answer {
  mediaType: string;
  form: QueryForm;
  body: string;
}

interface Known {
  form: QueryForm;
  /** The store answered in full (not cut by the result cap). */
  complete: boolean;
}

export interface ResultCacheOptions {
  /** Bound in bytes (0 turns the cache off: every query goes to a worker, nothing gets an ETag). */
  maxBytes: number;
  /** Largest single answer kept (default an eighth of maxBytes). */
  maxEntryBytes?: number;
  /** Federated endpoints: answers then depend on more than the build, and nothing is cached. */
  federate?: readonly string[];
  /**
   * What names the data, when the workers cannot say (the Virtuoso store: its
   * load state, virtuoso/build.ts); undefined while it is changing. Default: the
   * build the workers report having loaded.
   */
  build?: () => string | undefined;
}

/** Pages and resources kept whole: status 200, their headers and body. */
interface Page {
  headers: Record<string, string | string[] | number>;
  body: string;
}

/**
 * A QueryRunner in front of the pool: answers repeated queries from the LRU,
 * passes the rest on and keeps their complete answers. Also holds the cache of
 * rendered pages (cachedPages), in the same bound.
 */
export class CachingRunner implements QueryRunner {
  readonly lru: ByteLru<Answer | Known | Page>;
  private readonly off: boolean;
  private readonly named?: () => string | undefined;
  private hits = 0;
  private misses = 0;
  private notModified = 0;
  private forwarded = 0;

  constructor(
    private readonly inner: QueryRunner,
    options: ResultCacheOptions,
  ) {
    this.lru = new ByteLru(Math.max(0, options.maxBytes), options.maxEntryBytes);
    this.off = options.maxBytes <= 0 || (options.federate?.length ?? 0) > 0;
    this.named = options.build;
  }

  /** The build the workers last loaded, or what options.build names (undefined until there is one). */
  build(): string | undefined {
    return this.named ? this.named() : this.inner.status().build;
  }

  get enabled(): boolean {
    return !this.off;
  }

  stats(): CacheStats {
    return {
      maxBytes: this.lru.maxBytes,
      bytes: this.lru.bytes,
      entries: this.lru.size,
      hits: this.hits,
      misses: this.misses,
      notModified: this.notModified,
      evictions: this.lru.evictions,
      forwarded: this.forwarded,
    };
  }

  status(): PoolStatus {
    return { ...this.inner.status(), build: this.build(), cache: { ...this.stats() } };
  }

  /** The key of a query without its media type; undefined when it must not be cached. */
  private queryKey(request: QueryRequest): string | undefined {
    if (this.off) return undefined;
    const text = normaliseQuery(request.query);
    // SERVICE reaches out of the build (a false alarm in a string only costs the cache).
    if (/service/i.test(text)) return undefined;
    const graphs = (list: string[] | undefined) => [...new Set(list ?? [])].sort().join(' ');
    return `${text}\u0000${graphs(request.defaultGraphs)}\u0000${graphs(request.namedGraphs)}\u0000${request.baseIRI ?? ''}`;
  }

  run(request: QueryRequest, handlers: QueryHandlers): () => void {
    const q = this.queryKey(request);
    const build = this.build();
    if (q === undefined || build === undefined) return this.forward(request, handlers);
    const known = handlers.fresh ? undefined : (this.lru.get(`f\u0000${build}\u0000${q}`) as Known | undefined);
    if (known?.complete) {
      const mediaType = negotiate(request.accept, offersFor(known.form));
      if (mediaType) {
        const key = `${build}\u0000${q}\u0000${mediaType}`;
        const etag = etagFor(build, key);
        const hit = this.lru.get(`r\u0000${key}`) as Answer | undefined;
        if (hit) {
          this.hits++;
          handlers.head(hit.mediaType, false, { form: hit.form, build, etag, cache: 'hit' });
          if (hit.body) handlers.chunk(hit.body);
          handlers.end(false);
          return () => {};
        }
        if (etagMatches(handlers.ifNoneMatch, etag)) {
          // Evicted, but known to be complete under this build: the client's copy is current.
          this.notModified++;
          handlers.head(mediaType, false, { form: known.form, build, etag, cache: 'hit' });
          handlers.end(false);
          return () => {};
        }
      }
    }
    this.misses++;
    return this.forward(request, handlers, q, build);
  }

  /** `build`: the data's name when the query was asked (kept only if it still holds when the answer is complete). */
  private forward(request: QueryRequest, handlers: QueryHandlers, q?: string, asked?: string): () => void {
    this.forwarded++;
    if (q === undefined) return this.inner.run(request, handlers);
    let parts: string[] | undefined = [];
    let size = 0;
    let head: { mediaType: string; info: HeadInfo } | undefined;
    return this.inner.run(request, {
      ifNoneMatch: handlers.ifNoneMatch,
      head: (mediaType, truncated, reported = {}) => {
        let etag: string | undefined;
        // The worker names its build; a store it cannot name (Virtuoso) goes by the name given when asked.
        const info = this.named && reported.build === undefined ? { ...reported, build: asked } : reported;
        if (!truncated && info.form && info.build) {
          etag = etagFor(info.build, `${info.build}\u0000${q}\u0000${mediaType}`);
          head = { mediaType, info };
        } else parts = undefined;
        handlers.head(mediaType, truncated, { ...info, etag, cache: 'miss' });
      },
      chunk: (data) => {
        if (parts) {
          size += data.length * 2;
          if (size > this.lru.maxEntryBytes) parts = undefined;
          else parts.push(data);
        }
        handlers.chunk(data);
      },
      end: (truncated) => {
        // Data that changed while the query ran (a load): the answer may be of either, so it is not kept.
        const unchanged = !this.named || head?.info.build === this.build();
        if (!truncated && unchanged && head?.info.form && head.info.build) {
          const { mediaType, info } = head;
          const { form, build } = info as Required<Pick<HeadInfo, 'form' | 'build'>>;
          this.lru.set(`f\u0000${build}\u0000${q}`, { form, complete: true } satisfies Known, 16);
          if (parts) {
            const body = parts.join('');
            this.lru.set(`r\u0000${build}\u0000${q}\u0000${mediaType}`, { mediaType, form, body } satisfies Answer, body.length * 2);
          }
        }
        handlers.end(truncated);
      },
      error: (...args) => handlers.error(...args),
    });
  }

  /** A rendered page or resource under `key` for this build. */
  page(key: string): Page | undefined {
    return this.lru.get(`p\u0000${key}`) as Page | undefined;
  }

  keepPage(key: string, page: Page): void {
    this.lru.set(`p\u0000${key}`, page, page.body.length * 2 + 256);
  }

  countPage(hit: boolean, notModified = false): void {
    if (notModified) this.notModified++;
    else if (hit) this.hits++;
    else this.misses++;
  }
}

/** The headers of a cached answer or page. */
export function cacheHeaders(etag: string | undefined, state: 'hit' | 'miss' | undefined): Record<string, string> {
  const h: Record<string, string> = {};
  if (etag) {
    h.etag = etag;
    h['cache-control'] = CACHE_CONTROL;
  }
  if (state) h['x-cache'] = state;
  return h;
}

/**
 * Dereferenced pages and resources (HTML pages, Turtle, JSON-LD, …) through the
 * cache: a GET whose key (build, path and query string, Accept, Accept-Language,
 * Host) names a kept 200 answer is sent from memory; If-None-Match with its
 * ETag gets 304 without rendering anything. Any other status passes through
 * unchanged and is not kept.
 */
export function cachedPages(runner: CachingRunner, handler: Handler, ready: Promise<void>): Handler {
  return async (req, res, url) => {
    if (!runner.enabled || (req.method !== 'GET' && req.method !== 'HEAD')) return handler(req, res, url);
    await ready;
    const build = runner.build();
    if (build === undefined) return handler(req, res, url);
    const key = [build, url.pathname + url.search, req.headers.accept ?? '', req.headers['accept-language'] ?? '', localOrigin(req)].join('\u0000');
    const etag = etagFor(build, key);
    const inm = req.headers['if-none-match'];
    const kept = runner.page(key);
    if (kept && etagMatches(inm, etag)) {
      runner.countPage(true, true);
      return notModified(res, etag, kept.headers);
    }
    if (kept) {
      runner.countPage(true);
      res.writeHead(200, { ...kept.headers, 'content-length': Buffer.byteLength(kept.body), ...cacheHeaders(etag, 'hit') });
      return void res.end(req.method === 'HEAD' ? undefined : kept.body);
    }
    runner.countPage(false);
    capture(res, etag, etagMatches(inm, etag), (page) => {
      if (req.method === 'GET') runner.keepPage(key, page);
    });
    return handler(req, res, url);
  };
}

/** 304: the validators and Vary of the answer, no body. */
export function notModified(res: ServerResponse, etag: string, headers: Record<string, string | string[] | number> = {}): void {
  const keep: Record<string, string | string[] | number> = {};
  for (const h of ['vary', 'content-location', 'content-language', 'access-control-allow-origin', 'access-control-expose-headers']) {
    const v = headers[h];
    if (v !== undefined) keep[h] = v;
  }
  // The prototype's methods: capture() may have wrapped this response's own.
  ServerResponse.prototype.writeHead.call(res, 304, { ...keep, ...cacheHeaders(etag, 'hit') });
  (ServerResponse.prototype.end as (this: ServerResponse) => ServerResponse).call(res);
}

/**
 * Watch what a handler sends: a 200 sent whole (writeHead, then end with the
 * body, as http.ts `send` does) is handed to `keep`; the ETag goes out with a
 * 200 only, and a 200 the client already holds (If-None-Match) becomes a 304.
 */
function capture(res: ServerResponse, etag: string, clientHasIt: boolean, keep: (page: Page) => void): void {
  type Headers = Record<string, string | string[] | number>;
  const writeHead = res.writeHead.bind(res) as (status: number, headers?: Headers) => ServerResponse;
  const end = res.end.bind(res) as (chunk?: unknown) => ServerResponse;
  let ok = false;
  let streamed = false;
  let headers: Headers = {};
  res.writeHead = (status: number, h?: unknown) => {
    ok = status === 200;
    headers = h && typeof h === 'object' && !Array.isArray(h) ? { ...(h as Headers) } : {};
    if (ok && clientHasIt) {
      notModified(res, etag, headers);
      return res;
    }
    return writeHead(status, ok ? { ...headers, ...cacheHeaders(etag, 'miss') } : headers);
  };
  const write = res.write.bind(res);
  res.write = ((...args: Parameters<typeof write>) => {
    streamed = true;
    return res.writableEnded ? true : write(...args);
  }) as ServerResponse['write'];
  res.end = ((chunk?: unknown) => {
    if (ok && !streamed && typeof chunk === 'string') keep({ headers, body: chunk });
    if (res.writableEnded) return res;
    return end(chunk);
  }) as ServerResponse['end'];
}
