/**
 * The Virtuoso store as `serve --store virtuoso` and `load` use it: start the
 * project's Virtuoso on its database directory, bring it up to date with the
 * build's dump, and say how the query workers reach it.
 */
import path from 'node:path';
import { VirtuosoInstance, type VirtuosoOptions } from './instance.js';
import type { LoadReport } from './load.js';
import type { VirtuosoEndpoint } from './store.js';

/** The database directory unless --db says otherwise: beside output/, where the build keeps its cache (.tmp/). */
export function defaultDbDir(outputDir: string): string {
  return path.join(path.dirname(path.resolve(outputDir)), '.tmp', 'virtuoso');
}

export interface OpenedVirtuoso {
  instance: VirtuosoInstance;
  report: LoadReport;
  endpoint: VirtuosoEndpoint;
  /** Resolves when Virtuoso answers (already so unless `early` returned before it did). */
  online: Promise<void>;
}

/**
 * Start Virtuoso on `options.dir` and load what changed in outputDir's dump.
 * Stops Virtuoso again if that fails. With `early`, a database that already
 * holds the build (load.ts loadedAlready: two small files read) is returned as
 * soon as Virtuoso is started, before it answers: the endpoint then starts
 * beside it (its workers wait for Virtuoso to answer), and the caller awaits
 * `online` (and stops the instance if it rejects).
 */
export async function openVirtuoso(outputDir: string, options: VirtuosoOptions & { progress?: (line: string) => void; early?: boolean }): Promise<OpenedVirtuoso> {
  // Virtuoso first: its start (about 2 s, mostly its own CPU) is the longest step; the loader's
  // modules are read while it runs, not before.
  const instance = await VirtuosoInstance.launch(options);
  try {
    const { loadDump, loadedAlready, readState } = await import('./load.js');
    const current = options.early && !instance.created ? loadedAlready(instance.dir, outputDir) : undefined;
    const systemGraphs = () => readState(instance.dir)?.systemGraphs ?? [];
    const endpoint = (quads: number): VirtuosoEndpoint => ({ url: instance.sparqlUrl, systemGraphs: systemGraphs(), quads, dir: instance.dir, online: instance.online });
    if (current) return { instance, report: current, endpoint: endpoint(current.quads), online: instance.online };
    await instance.online;
    const report = await loadDump(instance, outputDir, { progress: options.progress });
    return { instance, report, endpoint: endpoint(report.quads), online: instance.online };
  } catch (err) {
    await instance.stop();
    throw err;
  }
}

/** 1,000,742: without Intl, whose first use (ICU) is on the way to the first answer otherwise. */
export const thousands = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** One line for people: what a load did. */
export function describeLoad(report: LoadReport): string {
  const seconds = (report.ms / 1000).toFixed(1);
  if (report.sameDump) return `virtuoso: the build is the one loaded last (${report.graphs} graphs, ${thousands(report.quads)} quads): nothing to load (${seconds} s)`;
  return (
    `virtuoso: ${report.loaded.length} graph${report.loaded.length === 1 ? '' : 's'} loaded (${thousands(report.loadedQuads)} quads), ` +
    `${report.removed.length} dropped, ${report.unchanged} unchanged; ${thousands(report.quads)} quads in ${report.graphs} graphs (${seconds} s)`
  );
}
