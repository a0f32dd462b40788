/**
 * The Virtuoso store as `serve --store virtuoso` and `load` use it: start the
 * project's Virtuoso on its database directory, bring it up to date with the
 * build's dump, and say how the query workers reach it.
 */
import path from 'node:path';
import { VirtuosoInstance, type VirtuosoOptions } from './instance.js';
import { loadDump, readState, type LoadReport } from './load.js';
import type { VirtuosoEndpoint } from './store.js';

/** The database directory unless --db says otherwise: beside output/, where the build keeps its cache (.tmp/). */
export function defaultDbDir(outputDir: string): string {
  return path.join(path.dirname(path.resolve(outputDir)), '.tmp', 'virtuoso');
}

export interface OpenedVirtuoso {
  instance: VirtuosoInstance;
  report: LoadReport;
  endpoint: VirtuosoEndpoint;
}

/** Start Virtuoso on `options.dir` and load what changed in outputDir's dump. Stops Virtuoso again if that fails. */
export async function openVirtuoso(outputDir: string, options: VirtuosoOptions & { progress?: (line: string) => void }): Promise<OpenedVirtuoso> {
  const instance = await VirtuosoInstance.start(options);
  try {
    const report = await loadDump(instance, outputDir, { progress: options.progress });
    const state = readState(instance.dir);
    return { instance, report, endpoint: { url: instance.sparqlUrl, systemGraphs: state?.systemGraphs ?? [], quads: report.quads, dir: instance.dir } };
  } catch (err) {
    await instance.stop();
    throw err;
  }
}

/** One line for people: what a load did. */
export function describeLoad(report: LoadReport): string {
  const seconds = (report.ms / 1000).toFixed(1);
  if (report.sameDump) return `virtuoso: the build is the one loaded last (${report.graphs} graphs, ${report.quads.toLocaleString('en')} quads): nothing to load (${seconds} s)`;
  return (
    `virtuoso: ${report.loaded.length} graph${report.loaded.length === 1 ? '' : 's'} loaded (${report.loadedQuads.toLocaleString('en')} quads), ` +
    `${report.removed.length} dropped, ${report.unchanged} unchanged; ${report.quads.toLocaleString('en')} quads in ${report.graphs} graphs (${seconds} s)`
  );
}
