/**
 * What the Virtuoso store holds, as a name for the result cache (cache.ts):
 * the SHA-256 of the load state `load` keeps in the database directory
 * (kamerstukken-ld.json: the dump's hash and every graph's). A load that
 * changes a graph rewrites that file, so the name changes and no answer of the
 * old data is served again; while a load is under way (the state lists pending
 * graphs) there is no name, and nothing is cached.
 *
 * The file is read again only when its identity (inode, size, mtime) changed:
 * one stat per query.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { STATE_FILE, type LoadState } from './load.js';

export function loadedBuild(dbDir: string): () => string | undefined {
  const file = path.join(dbDir, STATE_FILE);
  let seen = '';
  let build: string | undefined;
  return () => {
    let id: string;
    try {
      const s = statSync(file, { bigint: true });
      id = `${s.ino}:${s.size}:${s.mtimeNs}`;
    } catch {
      seen = '';
      return (build = undefined);
    }
    if (id === seen) return build;
    seen = id;
    try {
      const text = readFileSync(file);
      const state = JSON.parse(text.toString('utf8')) as LoadState;
      build = state.pending === undefined && state.dump !== undefined ? `virtuoso:${createHash('sha256').update(text).digest('hex')}` : undefined;
    } catch {
      build = undefined; // being replaced: the next query reads it again
      seen = '';
    }
    return build;
  };
}
