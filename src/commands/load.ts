/**
 * `kamerstukken-ld load`: load the build's N-Quads into the project's Virtuoso
 * database (created on first use) with Virtuoso's bulk loader, only the graphs
 * whose content changed since the last load; then stop Virtuoso again.
 * `serve --store virtuoso` does the same before serving, so `load` is for
 * loading ahead of time (a large first load, a cron job after `build`).
 */
import { UsageError } from '../errors.js';
import { defaultDbDir, describeLoad, openVirtuoso } from '../serve/virtuoso/open.js';

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
  let outputDir = 'output';
  let db: string | undefined;
  let memoryMb: number | undefined;
  let quiet = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const value = (): string => {
      const v = args[++i];
      if (v === undefined || v.startsWith('--')) throw new UsageError(`${a} needs a value`);
      return v;
    };
    if (a === '--output') outputDir = value();
    else if (a === '--db') db = value();
    else if (a === '--virtuoso-memory') {
      const v = value();
      memoryMb = Number(v);
      if (!Number.isFinite(memoryMb) || memoryMb < 64) throw new UsageError(`--virtuoso-memory must be a number ≥ 64: got "${v}"`);
    } else if (a === '--quiet') quiet = true;
    else throw new UsageError(`unknown option ${a}`);
  }
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
