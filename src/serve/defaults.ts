/**
 * The server's defaults, in a module of their own: `serve` reads them for its
 * usage text and options without loading the server (whose modules take about
 * half a second to load; `serve --store virtuoso` starts Virtuoso first, then
 * loads them while Virtuoso comes up).
 */
export const DEFAULTS = {
  timeoutMs: 30_000,
  maxResults: 100_000,
  workers: 2,
  bodyLimit: 1 << 20,
};

/** Default size of the result cache: 64 MiB (`--cache-mb`). */
export const DEFAULT_CACHE_MB = 64;
