/**
 * corpus/harvest.json: when and from where the corpus was harvested (written
 * by a complete harvest run), read back for the dataset description and for
 * `harvest --modified-since last`.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { KldError } from '../errors.js';
import type { HarvestProvenance } from './harvest.js';
import { PROVENANCE_FILE } from './store.js';

export type { HarvestProvenance } from './harvest.js';

/** The provenance record of a harvested corpus folder; undefined for a corpus that was not harvested. */
export function loadHarvestProvenance(corpus: string): HarvestProvenance | undefined {
  const file = path.join(corpus, PROVENANCE_FILE);
  if (!existsSync(file)) return undefined;
  let p: Partial<HarvestProvenance>;
  try {
    p = JSON.parse(readFileSync(file, 'utf8')) as Partial<HarvestProvenance>;
  } catch (err) {
    throw new KldError('input', `${file}: not JSON (${(err as Error).message})`, { location: { file }, cause: err });
  }
  if (typeof p.source !== 'string' || typeof p.harvested !== 'string' || !/^\d{4}-\d{2}-\d{2}T/.test(p.harvested)) {
    throw new KldError('input', `${file}: a harvest record needs "source" (URL) and "harvested" (ISO time)`, { location: { file } });
  }
  return {
    source: p.source,
    harvested: p.harvested,
    query: typeof p.query === 'string' ? p.query : '',
    documents: typeof p.documents === 'number' ? p.documents : 0,
    ...(p.tweedekamer ? { tweedekamer: p.tweedekamer } : {}),
  };
}

/** The day (YYYY-MM-DD) of the last complete harvest, or null. */
export async function lastHarvestDate(corpus: string): Promise<string | null> {
  return loadHarvestProvenance(corpus)?.harvested.slice(0, 10) ?? null;
}
