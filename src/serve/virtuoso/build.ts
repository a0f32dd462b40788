/**
 * What the Virtuoso store holds, as a name for the result cache (cache.ts):
 * the SHA-256 of the load state `load` keeps in the database directory
 * (kamerstukken-ld.json: the dump's hash and every graph's). A load that
 * changes a graph rewrites that file, so the name changes and no answer of the
 * old data is served again; while a load is under way (the state lists pending
 * graphs) there is no name, and nothing is cached.
 *
 * The file is read again only when its identity (inode, size, mtime) changed:
 * one stat per query. The same file says which dump the database holds, for
 * the text index (runner.ts: the build's text-index.json only for that dump).
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { STATE_FILE, type LoadState } from './load.js';

/** A value read from the load state, read again only when the file's identity changed (one stat per call). */
export function fromState<T>(dbDir: string, read: (text: Buffer, state: LoadState) => T | undefined): () => T | undefined {
  const file = path.join(dbDir, STATE_FILE);
  let seen = '';
  let value: T | undefined;
  return () => {
    let id: string;
    try {
      const s = statSync(file, { bigint: true });
      id = `${s.ino}:${s.size}:${s.mtimeNs}`;
    } catch {
      seen = '';
      return (value = undefined);
    }
    if (id === seen) return value;
    seen = id;
    try {
      const text = readFileSync(file);
      value = read(text, JSON.parse(text.toString('utf8')) as LoadState);
    } catch {
      value = undefined; // being replaced: the next call reads it again
      seen = '';
    }
    return value;
  };
}

export function loadedBuild(dbDir: string): () => string | undefined {
  return fromState(dbDir, (text, state) => (state.pending === undefined && state.dump !== undefined ? `virtuoso:${createHash('sha256').update(text).digest('hex')}` : undefined));
}

/**
 * The dump the database holds whole ("sha256:…" of the N-Quads file, as store.json and text-index.json
 * name it; LoadStats.build on the embedded store), or undefined while a load is under way or before any.
 */
export function loadedDump(dbDir: string): () => string | undefined {
  return fromState(dbDir, (_text, state) => (state.pending === undefined && state.dump?.sha256 !== undefined ? `sha256:${state.dump.sha256}` : undefined));
}
