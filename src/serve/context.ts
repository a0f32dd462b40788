/**
 * What the handlers share: the configuration, the query pool (behind the
 * QueryRunner interface, so a handler can be tested with a stand-in), the
 * published files, the ontology and the page renderer. Built once per server.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Parser as N3Parser, type Quad } from 'n3';
import { CONTEXT_VERSION, DEFAULT_BASE, IriMinter, ONTOLOGY_PATH } from '../rdf/iris.js';
import { contextFile } from '../output-layout.js';
import { packageRoot } from '../package.js';
import { PREFIXES } from '../rdf/vocab.js';
import type { QueryRequest } from './engine.js';
import type { PoolStatus, QueryHandlers } from './pool.js';
import { PublishedFiles } from './downloads.js';
import { PublishedContext } from './jsonld.js';
import { defaultRenderer, type PageRenderer } from './render.js';
import { loadExampleQueries, yasguiAssets, type ExampleQuery } from './ui.js';

/** The part of QueryPool the handlers use. */
export interface QueryRunner {
  /** Queue a query; returns a function that cancels it. */
  run(request: QueryRequest, handlers: QueryHandlers): () => void;
  status(): PoolStatus;
}

export interface ServerConfig {
  base: string;
  timeoutMs: number;
  maxResults: number;
  bodyLimit: number;
  /** A client that reads nothing for this long is cut off and its query cancelled. */
  stallMs: number;
  federate: string[];
  /** SERVICE targets allowed besides the federated endpoints. */
  allowedServices: string[];
  outputDir: string;
  queriesDir: string;
  ontologyFile: string;
}

export interface ServerContext {
  config: ServerConfig;
  pool: QueryRunner;
  /** Resolves when the store can answer (never rejects: failures are reported per request). */
  ready: Promise<void>;
  minter: IriMinter;
  datasetIri: string;
  /** Prefixes for Turtle written by the server. */
  prefixes: Record<string, string>;
  published: PublishedFiles;
  jsonldContext: PublishedContext;
  examples: ExampleQuery[];
  assets: Map<string, { file: string; type: string }>;
  /** The ontology's quads, parsed on first use; undefined when the file is missing. */
  ontology(): Quad[] | undefined;
  pages: PageRenderer;
}

export const repoRoot = packageRoot();

export interface ContextOptions {
  base?: string;
  timeoutMs: number;
  maxResults: number;
  bodyLimit: number;
  stallMs?: number;
  federate?: string[];
  allowedServices?: string[];
  outputDir: string;
  queriesDir?: string;
  ontologyFile?: string;
  pages?: PageRenderer;
}

export function createContext(options: ContextOptions, pool: QueryRunner, ready: Promise<void>): ServerContext {
  const base = options.base ?? DEFAULT_BASE;
  const config: ServerConfig = {
    base,
    timeoutMs: options.timeoutMs,
    maxResults: options.maxResults,
    bodyLimit: options.bodyLimit,
    stallMs: options.stallMs ?? options.timeoutMs,
    federate: options.federate ?? [],
    allowedServices: options.allowedServices ?? [],
    outputDir: options.outputDir,
    queriesDir: options.queriesDir ?? path.join(repoRoot, 'queries'),
    ontologyFile: options.ontologyFile ?? path.join(repoRoot, 'ontology', 'kamerstukken.ttl'),
  };
  const minter = new IriMinter(base);
  let ontology: Quad[] | undefined;
  return {
    config,
    pool,
    ready: ready.catch(() => {}),
    minter,
    datasetIri: minter.dataset().value,
    prefixes: { kld: base + ONTOLOGY_PATH, ...PREFIXES },
    published: new PublishedFiles(options.outputDir, base),
    jsonldContext: new PublishedContext(path.join(options.outputDir, ...contextFile(CONTEXT_VERSION).split('/')), minter.context().value),
    examples: loadExampleQueries(config.queriesDir),
    assets: yasguiAssets(),
    ontology() {
      if (!ontology && existsSync(config.ontologyFile)) {
        ontology = new N3Parser({ baseIRI: base }).parse(readFileSync(config.ontologyFile, 'utf8'));
      }
      return ontology;
    },
    pages: options.pages ?? defaultRenderer,
  };
}

export interface Collected {
  status: number;
  mediaType?: string;
  body: string;
  message?: string;
}

/** Run a query and collect the whole answer (dereferencing, service pages). */
export function collect(pool: QueryRunner, query: string, accept: string): Promise<Collected> {
  return new Promise((resolve) => {
    let mediaType: string | undefined;
    const parts: string[] = [];
    pool.run(
      { query, accept },
      {
        head: (mt) => {
          mediaType = mt;
        },
        chunk: (d) => parts.push(d),
        end: () => resolve({ status: 200, mediaType, body: parts.join('') }),
        error: (status, message) => resolve({ status, body: '', message }),
      },
    );
  });
}
