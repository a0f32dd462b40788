/**
 * The router: checks the request target, answers CORS preflight, and hands
 * each path to its handler. Handlers are built from one ServerContext; any of
 * them can be replaced (tests, other page designs) through `overrides`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CachingRunner, cachedPages } from './cache.js';
import type { ServerContext } from './context.js';
import { IriMapper, unsafePath } from './deref.js';
import { CORS, sendError } from './http.js';
import { isContextFile } from '../output-layout.js';
import { datasetHandler, derefHandler } from './handlers/deref.js';
import { defHandler } from './handlers/def.js';
import { GRAPH_PATH, graphHandler } from './handlers/graph.js';
import { contextHandler, downloadsHandler } from './handlers/downloads.js';
import { healthHandler, sparqlHandler } from './handlers/sparql.js';
import type { Handler } from './handlers/types.js';
import { assetsHandler, homeHandler } from './handlers/ui.js';
import { pagesHandler } from './pages/handler.js';
import { homePageHandler } from './pages/home.js';
import { defaultRenderer } from './render.js';

export interface Handlers {
  sparql: Handler;
  health: Handler;
  home: Handler;
  assets: Handler;
  context: Handler;
  downloads: Handler;
  def: Handler;
  /** The dataset description at `iri` (the dataset or one of its parts). */
  dataset: (req: IncomingMessage, res: ServerResponse, url: URL, iri: string) => Promise<void>;
  /** /graph/{id}: a named graph's description (triples, the paper it holds, its download). */
  graph: Handler;
  /** Every other path: the IRI under the base that it stands for. */
  deref: Handler;
}

export function defaultHandlers(ctx: ServerContext): Handlers {
  // The built-in pages (src/serve/pages: SPARQL-driven, bilingual) unless another PageRenderer was given.
  const builtInPages = ctx.pages === defaultRenderer;
  return {
    sparql: sparqlHandler(ctx),
    health: healthHandler(ctx),
    home: builtInPages ? homePageHandler(ctx) : homeHandler(ctx),
    assets: assetsHandler(ctx),
    context: contextHandler(ctx),
    downloads: downloadsHandler(ctx),
    def: defHandler(ctx),
    dataset: datasetHandler(ctx),
    graph: graphHandler(ctx),
    // Browsers get the pages of src/serve/pages (papers, resources, /id/ index); RDF formats the description.
    deref: withPageCache(ctx, builtInPages ? pagesHandler(ctx, derefHandler(ctx)) : derefHandler(ctx)),
  };
}

/** Pages and resources through the result cache (cache.ts), when the server has one. */
function withPageCache(ctx: ServerContext, handler: Handler): Handler {
  return ctx.pool instanceof CachingRunner ? cachedPages(ctx.pool, handler, ctx.ready) : handler;
}

export type Router = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export function createRouter(ctx: ServerContext, overrides: Partial<Handlers> = {}): Router {
  const h: Handlers = { ...defaultHandlers(ctx), ...overrides };
  const datasetIri = ctx.datasetIri;
  const paths = new IriMapper(ctx.config.base, '/');
  return async (req, res) => {
    const raw = req.url ?? '/';
    const reason = unsafePath(raw.split('?')[0] ?? '');
    if (reason) return sendError(res, 400, reason);
    let url: URL;
    try {
      url = new URL(raw, 'http://localhost');
    } catch {
      return sendError(res, 400, 'malformed request target');
    }
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        ...CORS,
        'access-control-allow-methods': 'GET, HEAD, POST, OPTIONS',
        'access-control-allow-headers': 'content-type, accept',
        'access-control-max-age': '86400',
        allow: 'GET, HEAD, POST, OPTIONS',
      });
      return void res.end();
    }
    const p = url.pathname;
    if (p === '/sparql') return h.sparql(req, res, url);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return sendError(res, 405, `method ${req.method} is not allowed here`, { allow: 'GET, HEAD, OPTIONS' });
    }
    if (p === '/' || p === '/index.html') return h.home(req, res, url);
    if (p.startsWith('/yasgui/')) return h.assets(req, res, url);
    if (p === '/health') return h.health(req, res, url);
    if (isContextFile(p.slice(1))) return h.context(req, res, url);
    if (p.startsWith('/download/')) return h.downloads(req, res, url);
    if (p === '/def' || p === '/def/') return h.def(req, res, url);
    // The dataset description: at its IRI, and where people and VoID tools look for it.
    if (p === '/dataset' || p === '/.well-known/void') return h.dataset(req, res, url, datasetIri);
    if (p.startsWith(GRAPH_PATH)) return h.graph(req, res, url);
    const iri = paths.toIri(p);
    if (iri === datasetIri || iri.startsWith(`${datasetIri}/`)) return h.dataset(req, res, url, iri);
    return h.deref(req, res, url);
  };
}
