/**
 * A served build for the page tests: the seed (corpus/kst-26150-187.txt) and,
 * when the reference corpus is beside the clone, the Kamervragen paper
 * ah-tk-20232024-2129 (../shared/corpus), built by the real pipeline into a
 * temporary output folder and served from it.
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildCorpus } from '../src/publish/build.js';
import { startServer, type RunningServer } from '../src/serve/server.js';
import { seedFile, sharedCorpus } from './helpers.js';
import { ensureCompiled } from './serve-fixture.js';

export const KAMERVRAGEN_ID = 'ah-tk-20232024-2129';
export const kamervragenFile = path.join(sharedCorpus, `${KAMERVRAGEN_ID}.txt`);
export const hasKamervragen = existsSync(kamervragenFile);
if (!hasKamervragen) console.warn(`pages: ${kamervragenFile} not found (../shared is not beside the clone): the Kamervragen page tests are skipped`);

export async function servePapers(): Promise<RunningServer> {
  ensureCompiled();
  const output = path.join(mkdtempSync(path.join(os.tmpdir(), 'kld-pages-')), 'output');
  const files = [seedFile, ...(hasKamervragen ? [kamervragenFile] : [])];
  const result = await buildCorpus({ files, output, progress: false });
  if (!result.published_output) throw new Error(`the test build published nothing: ${result.line}`);
  const server = await startServer({ port: 0, outputDir: output, workers: 1 });
  await server.ready;
  return server;
}

export const BASE = 'https://w3id.org/kamerstukken-ld/';
const KLD = `${BASE}def#`;

/** A treaty named by `links` mentions (vermelding/1…links) in one paper: more than one page of "links here". */
export function writeManyLinks(links: number): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kld-links-'));
  const file = path.join(dir, 'links.nq');
  const doc = `${BASE}id/kst-99999-1`;
  const graph = `<${BASE}graph/kst-99999-1>`;
  const treaty = `<${BASE}id/verdrag/testverdrag>`;
  const lines = [
    `${treaty} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <${KLD}Treaty> <${BASE}graph/gazetteer> .`,
    `${treaty} <http://www.w3.org/2004/02/skos/core#prefLabel> "Testverdrag"@nl <${BASE}graph/gazetteer> .`,
    `<${doc}> <${KLD}genre> <${KLD}Kamervragen> ${graph} .`,
    `<${doc}> <http://purl.org/dc/terms/identifier> "kst-99999-1" ${graph} .`,
  ];
  for (let i = 1; i <= links; i++) {
    const m = `<${doc}/vermelding/${i}>`;
    lines.push(`${m} <${KLD}mentions> ${treaty} ${graph} .`, `${m} <${KLD}printedText> "TV ${i}"@nl ${graph} .`, `${m} <${KLD}partOf> <${doc}> ${graph} .`);
  }
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}
