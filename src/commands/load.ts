/**
 * `kamerstukken-ld load`: load the build's N-Quads into the project's Virtuoso
 * database (created on first use) with Virtuoso's bulk loader, only the graphs
 * whose content changed since the last load; then stop Virtuoso again.
 * `serve --store virtuoso` does the same before serving, so `load` is for
 * loading ahead of time (a large first load, a cron job after `build`).
 */
import { readArgs } from './args.js';
import { defaultDbDir, describeLoad, openVirtuoso } from '../serve/virtuoso/open.js';
import { stopOnSignal } from '../serve/virtuoso/instance.js';

export const summary = 'load output/ into the Virtuoso store (only graphs changed since the last load)';
export const usage = `Usage: kamerstukken-ld load [--output DIR] [--db DIR] [--virtuoso-memory MB] [--quiet]

Starts Virtuoso (Debian package virtuoso-opensource: virtuoso-t, isql-vt) on its
own database directory, loopback only, on free ports; loads the graphs of the
build's N-Quads dump that are new or changed since the last load (by each
graph's SHA-256), drops graphs the dump no longer holds, checkpoints, and stops
Virtuoso. An unchanged build (same dump SHA-256 in store.json) loads nothing.
Then: kamerstukken-ld serve --store virtuoso [--db DIR].

  --output DIR          what build wrote (default output)
  --db DIR              the database directory (default .tmp/virtuoso beside --output)
  --virtuoso-memory MB  Virtuoso's page cache (default 1024)
  --quiet               only errors`;

export async function run(args: string[]): Promise<number> {
  const opts: { outputDir: string; db?: string; memoryMb?: number; quiet: boolean } = { outputDir: 'output', quiet: false };
  readArgs(
    args,
    {
      '--output': (o) => (opts.outputDir = o.value()),
      '--db': (o) => (opts.db = o.value()),
      '--virtuoso-memory': (o) => (opts.memoryMb = o.number(64)),
      '--quiet': () => (opts.quiet = true),
    },
    { positional: false },
  );
  const { outputDir, db, memoryMb, quiet } = opts;
  // Ctrl-C during a load stops Virtuoso too (the next load completes what this one left pending).
  stopOnSignal();
  const opened = await openVirtuoso(outputDir, {
    dir: db ?? defaultDbDir(outputDir),
    memoryMb,
    progress: quiet ? undefined : (line) => console.error(`virtuoso: ${line}`),
  });
  try {
    if (!quiet) console.error(describeLoad(opened.report));
  } finally {
    await opened.instance.stop();
  }
  return 0;
}
