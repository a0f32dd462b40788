/**
 * Says once, before any test runs, why tests that read the reference materials
 * beside the clone (../shared: corpus, gold, samples) are skipped when they are
 * absent (a fresh clone without them). CI has ../shared and runs them all.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export function setup(): void {
  const shared = resolve(import.meta.dirname, '../../shared');
  const missing = ['corpus', 'gold', 'corpus-extra', 'samples'].filter((d) => !existsSync(resolve(shared, d)));
  if (missing.length === 0) return;
  process.stderr.write(
    `\nnote: ${shared}/{${missing.join(',')}} not found: the tests that check the reference corpus and its gold files ` +
      `(ingest, citations, mentions, motions, gazetteer, XML, queries) are skipped. ` +
      `Put the reference materials beside the clone as ../shared to run them (CI does).\n\n`,
  );
}
