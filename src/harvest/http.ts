import { KldError } from '../errors.js';
/**
 * A polite HTTP client for public government services: at most `rate`
 * requests per second over all callers, at most `concurrency` in flight,
 * retries with exponential backoff on 429, 5xx, timeouts and dropped
 * connections, and the server's Retry-After honoured (seconds or an HTTP
 * date). Sleeping and the clock are injected so tests need not wait.
 */

export interface PoliteOptions {
  /** Requests per second over all callers (default 1). 0 or Infinity: no limit. */
  rate?: number;
  /** Requests in flight at once (default 2). */
  concurrency?: number;
  /** Attempts after the first (default 5). */
  retries?: number;
  /** Per-request timeout in ms (default 60 000). */
  timeoutMs?: number;
  /** First backoff in ms, doubled each attempt, with jitter (default 2 000). */
  backoffMs?: number;
  /** The longest wait we accept from Retry-After or backoff, in ms (default 300 000). */
  maxWaitMs?: number;
  userAgent?: string;
  /** Injected for tests. */
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  random?: () => number;
  /** Called before each retry (for logs): the URL, the reason, the wait. */
  onRetry?: (url: string, reason: string, waitMs: number) => void;
}

export const DEFAULT_RATE = 1;
export const DEFAULT_CONCURRENCY = 2;
export const USER_AGENT = 'kamerstukken-ld-harvest/0.1 (+https://w3id.org/kamerstukken-ld/)';

export interface HttpResponse {
  url: string;
  status: number;
  body: Buffer;
  headers: Headers;
}

/** A request that failed for good: the URL, the last status (or 0), what went wrong, the attempts made. */
export class HttpError extends KldError {
  constructor(
    readonly url: string,
    readonly status: number,
    readonly reason: string,
    readonly attempts: number,
  ) {
    super('network', `${url}: ${reason}${attempts > 1 ? ` (after ${attempts} attempts)` : ''}`, { location: { file: url } });
  }
}

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Retry-After as milliseconds from now: delta-seconds or an HTTP date; null when absent or unreadable. */
export function retryAfterMs(value: string | null, now: number): number | null {
  if (value === null) return null;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const t = Date.parse(v);
  return Number.isNaN(t) ? null : Math.max(0, t - now);
}

function retryable(status: number): boolean {
  return status === 429 || status === 408 || (status >= 500 && status <= 599);
}

export class PoliteClient {
  private readonly interval: number;
  private readonly concurrency: number;
  private readonly retries: number;
  private readonly timeoutMs: number;
  private readonly backoffMs: number;
  private readonly maxWaitMs: number;
  private readonly userAgent: string;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly onRetry: PoliteOptions['onRetry'];
  private nextSlot = 0;
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  /** Requests sent (attempts included), for the summary. */
  requests = 0;

  constructor(options: PoliteOptions = {}) {
    const rate = options.rate ?? DEFAULT_RATE;
    this.interval = rate > 0 && Number.isFinite(rate) ? 1000 / rate : 0;
    this.concurrency = Math.max(1, options.concurrency ?? DEFAULT_CONCURRENCY);
    this.retries = Math.max(0, options.retries ?? 5);
    this.timeoutMs = options.timeoutMs ?? 60_000;
    this.backoffMs = options.backoffMs ?? 2_000;
    this.maxWaitMs = options.maxWaitMs ?? 300_000;
    this.userAgent = options.userAgent ?? USER_AGENT;
    this.sleep = options.sleep ?? realSleep;
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
    this.onRetry = options.onRetry;
  }

  /** GET with retries; resolves only on 2xx, rejects with HttpError otherwise (404 is not retried). */
  async get(url: string, accept = '*/*'): Promise<HttpResponse> {
    // A malformed address in a record is the record's fault; asking again will not help.
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new HttpError(url, 0, 'not a valid URL', 0);
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new HttpError(url, 0, `not an http(s) URL (${parsed.protocol})`, 0);
    for (let attempt = 1; ; attempt++) {
      let status = 0;
      let reason: string;
      let wait: number | null = null;
      await this.acquire();
      try {
        await this.pace();
        this.requests++;
        const res = await fetch(url, {
          headers: { 'user-agent': this.userAgent, accept },
          signal: AbortSignal.timeout(this.timeoutMs),
          redirect: 'follow',
        });
        status = res.status;
        if (res.ok) {
          const body = Buffer.from(await res.arrayBuffer());
          return { url, status, body, headers: res.headers };
        }
        await res.arrayBuffer().catch(() => undefined);
        reason = `HTTP ${status}${res.statusText ? ` ${res.statusText}` : ''}`;
        if (!retryable(status)) throw new HttpError(url, status, reason, attempt);
        wait = retryAfterMs(res.headers.get('retry-after'), this.now());
      } catch (err) {
        if (err instanceof HttpError) throw err;
        reason = describeFetchError(err, this.timeoutMs);
      } finally {
        this.release();
      }
      if (attempt > this.retries) throw new HttpError(url, status, reason, attempt);
      // Exponential backoff with jitter, unless the server said how long to wait.
      const backoff = this.backoffMs * 2 ** (attempt - 1) * (0.5 + this.random());
      const ms = Math.min(this.maxWaitMs, wait ?? backoff);
      if (wait !== null && wait > this.maxWaitMs) {
        throw new HttpError(url, status, `${reason}; Retry-After asks for ${Math.round(wait / 1000)} s, more than the ${Math.round(this.maxWaitMs / 1000)} s we wait`, attempt);
      }
      this.onRetry?.(url, reason, ms);
      // Everyone waits: a 429 or 503 is about the service, not this one request.
      this.nextSlot = Math.max(this.nextSlot, this.now() + ms);
      await this.sleep(ms);
    }
  }

  private async acquire(): Promise<void> {
    if (this.active < this.concurrency) {
      this.active++;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active--;
  }

  /** Wait for this request's slot so that starts are at least `interval` apart. */
  private async pace(): Promise<void> {
    if (this.interval === 0 && this.nextSlot <= this.now()) return;
    const now = this.now();
    const slot = Math.max(now, this.nextSlot);
    this.nextSlot = slot + this.interval;
    if (slot > now) await this.sleep(slot - now);
  }
}

function describeFetchError(err: unknown, timeoutMs: number): string {
  if (err instanceof Error) {
    if (err.name === 'TimeoutError' || err.name === 'AbortError') return `no answer within ${timeoutMs / 1000} s`;
    const cause = (err as Error & { cause?: unknown }).cause;
    const code = cause && typeof cause === 'object' && 'code' in cause ? String(cause.code) : '';
    return `${err.message}${code ? ` (${code})` : ''}`;
  }
  return String(err);
}
