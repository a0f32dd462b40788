/**
 * `kamerstukken-ld start` (and `npm start`): build the bundled corpus when
 * output/ is missing or stale, then serve it.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { buildCorpus, isOutputStale } from '../publish/build.js';
import { DEFAULT_BASE } from '../rdf/iris.js';
import { readStoreManifest, storeDumpFile } from '../output-layout.js';
import { parseServeArgs, serve, usage as serveUsage } from './serve.js';

export const summary = 'build the bundled corpus if output/ is missing or stale, then serve it';
export const usage = `Usage: kamerstukken-ld start [serve options]

Builds corpus/ into output/ when output/ is missing or out of date (sources,
pipeline version or base changed), then starts the server. Options are those
of \`serve\`:

${serveUsage.split('\n').slice(2).join('\n')}`;

export async function run(args: string[]): Promise<number> {
  const options = parseServeArgs(args);
  const output = path.resolve(options.outputDir);
  const base = options.base ?? DEFAULT_BASE;
  // The build writes the server's snapshot manifest (store.json) itself (snapshotOutput).
  const buildOptions = { corpus: 'corpus', output, base };
  const store = readStoreManifest(output);
  const missingSnapshot = store === undefined || !existsSync(storeDumpFile(output, store));
  if (missingSnapshot || (await isOutputStale(buildOptions))) {
    console.error(`building corpus/ into ${options.outputDir}/ …`);
    const result = await buildCorpus(buildOptions);
    console.error(result.line);
    if (!result.published_output) {
      if (result.reportText) console.error(result.reportText);
      console.error('the build published nothing; not starting the server');
      return 1;
    }
    // A partial build (some documents left out) still serves what conforms; the report says what is missing.
    if (result.exitCode !== 0 && result.reportText) console.error(result.reportText);
  }
  return serve(options);
}
