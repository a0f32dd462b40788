/**
 * The incremental build cache: per source document, what the pipeline made of
 * it (its sorted N-Quads, JSON-LD, Turtle, validation findings, statistics),
 * keyed by the SHA-256 of the source bytes and the pipeline version. An entry
 * is complete when its .json file exists (written last, by rename), so an
 * interrupted build never leaves an entry that looks valid.
 *
 * The .json's shape is versioned (CACHE_FORMAT, stored in it and part of the key): an entry
 * written in another shape is never read as this one, but rebuilt.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { isStaleTmp, writeFileAtomic, writing } from './atomic.js';
import type { GraphStats } from './stats.js';

/**
 * The shape of the cached .json. 2: a graph's statistics count its document's own parts
 * (GraphStats.ownSubjects, ownClasses) instead of listing them.
 */
export const CACHE_FORMAT = 2;

export interface CacheEntry {
  /** Cache key (hex). */
  key: string;
  /** Official id of the document. */
  id: string;
  /** Source file as given on the command line. */
  file: string;
  /** SHA-256 of the source file's bytes. */
  sha256: string;
  /** Number of SHACL results (any severity) for this document. */
  violations: number;
  /** The results, rendered for shacl-report.ttl. */
  reportBlocks: string[];
  /** The human-readable report for this document ('' when it conforms). */
  reportText: string;
  stats: GraphStats;
  /** ISO dates the document carries (submitted, received), for the dataset's dates. */
  dates: string[];
}

/** What the build keeps of an entry while it runs: all but the statistics, read again when the dump is written. */
export type EntrySummary = Omit<CacheEntry, 'stats'>;

/** The entry without its statistics (a copy: the statistics are not kept alive through it). */
export function summaryOf(entry: CacheEntry): EntrySummary {
  return { key: entry.key, id: entry.id, file: entry.file, sha256: entry.sha256, violations: entry.violations, reportBlocks: entry.reportBlocks, reportText: entry.reportText, dates: entry.dates };
}

/** txt: the normalised source text published as documents/{id}.txt (the text the selectors point into). */
export type CachedFile = 'nq' | 'jsonld' | 'ttl' | 'txt';

export function cacheKey(sourceSha256: string, pipelineVersion: string, base: string): string {
  return createHash('sha256').update(`cache ${CACHE_FORMAT}\n${pipelineVersion}\n${base}\n${sourceSha256}`).digest('hex');
}

export class BuildCache {
  private readonly used = new Set<string>();
  constructor(readonly dir: string) {}

  filePath(key: string, kind: CachedFile | 'json'): string {
    return path.join(this.dir, key.slice(0, 2), `${key}.${kind}`);
  }

  /** The entry for a key, when complete; marks it used (kept by prune). */
  async get(key: string): Promise<CacheEntry | null> {
    const meta = this.filePath(key, 'json');
    if (!existsSync(meta)) return null;
    for (const kind of ['nq', 'jsonld', 'ttl', 'txt'] as const) if (!existsSync(this.filePath(key, kind))) return null;
    try {
      const entry = JSON.parse(await readFile(meta, 'utf8')) as CacheEntry & { format?: number };
      if (entry.key !== key || entry.format !== CACHE_FORMAT) return null;
      delete entry.format;
      this.used.add(key);
      return entry;
    } catch {
      return null; // unreadable: treat as absent and rebuild
    }
  }

  /** The statistics of a complete entry (the build reads them one graph at a time while it writes the dump). */
  async stats(key: string): Promise<GraphStats> {
    const entry = JSON.parse(await readFile(this.filePath(key, 'json'), 'utf8')) as CacheEntry & { format?: number };
    if (entry.key !== key || entry.format !== CACHE_FORMAT) throw new Error(`the build cache entry ${this.filePath(key, 'json')} changed while the build ran`);
    return entry.stats;
  }

  /** Mark an entry another thread stored (a parallel build's worker) as used, so that prune keeps it. */
  markUsed(key: string): void {
    this.used.add(key);
  }

  /**
   * Store an entry: the files first, the .json last. A failed write (full
   * disk) throws a WriteError naming the file and leaves no temporary file.
   */
  async put(entry: CacheEntry, files: Record<CachedFile, string>): Promise<void> {
    const shard = path.dirname(this.filePath(entry.key, 'json'));
    await writing(shard, () => mkdir(shard, { recursive: true }));
    for (const kind of ['nq', 'jsonld', 'ttl', 'txt'] as const) await writeFileAtomic(this.filePath(entry.key, kind), files[kind]);
    await writeFileAtomic(this.filePath(entry.key, 'json'), JSON.stringify({ ...entry, format: CACHE_FORMAT }));
    this.used.add(entry.key);
  }

  /** Remove entries no document of this build used, so the cache does not grow without bound. */
  async prune(): Promise<number> {
    let removed = 0;
    let shards: string[];
    try {
      shards = await readdir(this.dir);
    } catch {
      return 0;
    }
    for (const shard of shards) {
      const dir = path.join(this.dir, shard);
      let names: string[];
      try {
        names = await readdir(dir);
      } catch {
        continue;
      }
      for (const name of names) {
        const [key = name] = name.split('.');
        // Temporary files of a killed build are removed even when their entry is in use.
        if (this.used.has(key) && !isStaleTmp(name)) continue;
        await rm(path.join(dir, name), { force: true });
        removed++;
      }
    }
    return removed;
  }
}
