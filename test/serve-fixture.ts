/**
 * Shared set-up for the server tests: a small domain-shaped fixture corpus
 * (bench/corpus.ts: papers, blocks of one faction each, questions, answers
 * with text, citations) and a fresh compiled worker (the query workers run
 * JavaScript from dist/).
 */
import { existsSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import { corpusString } from '../bench/corpus.js';

export const repoRoot = path.resolve(import.meta.dirname, '..');

/**
 * The query workers run compiled code (worker threads cannot load .ts); `npm test` compiles first (the pretest
 * script). Tests never compile: they fail here, saying so, when dist/ is missing or older than the sources.
 */
export function ensureCompiled(): void {
  const worker = path.join(repoRoot, 'dist/src/serve/worker.js');
  const newest = (dir: string): number =>
    Math.max(
      0,
      ...readdirSync(dir, { recursive: true, encoding: 'utf8' })
        .filter((f) => f.endsWith('.ts'))
        .map((f) => statSync(path.join(dir, f)).mtimeMs),
    );
  if (!existsSync(worker)) throw new Error('dist/src/serve/worker.js is missing: run `npm run build:ts` (npm test does)');
  if (statSync(worker).mtimeMs < newest(path.join(repoRoot, 'src'))) {
    throw new Error('dist/ is older than src/: run `npm run build:ts` (npm test does) before running the tests alone');
  }
}

/** Write the fixture corpus (N-Quads) to a fresh temporary directory; returns the file. */
export function writeFixture(papers = 3, first = 0): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kld-serve-'));
  const file = path.join(dir, 'fixture.nq');
  writeFileSync(file, corpusString({ papers, first }));
  return file;
}

export const BASE = 'https://w3id.org/kamerstukken-ld/';
export const KLD = `${BASE}def#`;

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A request exactly as given (fetch would normalise "..", and sets its own headers). */
export function raw(url: string, options: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer }): Promise<RawResponse> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: u.hostname, port: u.port, method: options.method ?? 'GET', path: options.path, headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

/**
 * The bundled corpus's build output: output/ when it is up to date, otherwise a
 * fresh build into a temporary directory. Returns the directory.
 */
export async function bundledOutput(): Promise<string> {
  const { buildCorpus, isOutputStale } = await import('../src/publish/build.js');
  const { readStoreManifest } = await import('../src/output-layout.js');
  let output = path.join(repoRoot, 'output');
  const options = { corpus: path.join(repoRoot, 'corpus'), output, progress: false as const };
  if ((await isOutputStale(options)) || !readStoreManifest(output)) {
    output = mkdtempSync(path.join(os.tmpdir(), 'kld-build-'));
    const summary = await buildCorpus({ ...options, output });
    if (!summary.published_output) throw new Error(`the bundled corpus did not build: ${summary.line}`);
  }
  return output;
}
