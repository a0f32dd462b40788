/**
 * Pages for people: a browser (Accept: text/html, or ?format=html) asking for
 * an IRI under the base gets the paper's page or the resource's page, rendered
 * from SPARQL over the store; /id/ (and /documenten) is the index of papers and
 * /sparql/features describes the endpoint. Every other request goes to the
 * handler this wraps (the RDF formats of dereferencing).
 */
import type { ServerContext } from '../context.js';
import { IriMapper } from '../deref.js';
import { formatFor } from '../handlers/deref.js';
import type { Handler } from '../handlers/types.js';
import { localOrigin, send, sendError } from '../http.js';
import { kldIris, type PageContext } from './context.js';
import { renderFeatures } from './features.js';
import { chooseLang, TermLabels, WORDS } from './i18n.js';
import { loadPaper, renderPaper } from './paper.js';
import { loadPapers, renderPapers } from './papers.js';
import { loadOwn, loadResource, renderResource } from './resource.js';
import { PageQueryError } from './sparql.js';

const INDEX_PATHS = new Set(['/id', '/id/', '/documenten', '/documenten/']);
export const FEATURES_PATH = '/sparql/features';

export function pagesHandler(ctx: ServerContext, fallback: Handler): Handler {
  let terms: TermLabels | undefined;
  const kld = ctx.minter.ontology;
  const k = kldIris(ctx.minter);
  return async (req, res, url) => {
    const p = url.pathname;
    const special = INDEX_PATHS.has(p) || p === FEATURES_PATH;
    if (formatFor(req, url) !== 'text/html') return fallback(req, res, url);
    await ctx.ready;
    terms ??= new TermLabels(ctx.ontology() ?? [], kld);
    const lang = chooseLang(url, req.headers['accept-language']);
    const pc: PageContext = {
      pool: ctx.pool,
      base: ctx.config.base,
      kld,
      k,
      lang,
      words: WORDS[lang],
      terms,
      mapper: new IriMapper(ctx.config.base, localOrigin(req) + '/'),
      here: url,
    };
    const headers = {
      vary: 'accept, accept-language',
      'content-language': lang,
    };
    const html = (body: string, status = 200) => send(res, status, 'text/html; charset=utf-8', body, headers, req.method === 'HEAD');
    try {
      if (INDEX_PATHS.has(p)) {
        const filters = {
          genre: url.searchParams.get('genre') || undefined,
          year: url.searchParams.get('year') || undefined,
          faction: url.searchParams.get('faction') || undefined,
        };
        return html(renderPapers(pc, await loadPapers(pc, filters), filters));
      }
      if (special) {
        const { timeoutMs, maxResults, federate } = ctx.config;
        return html(
          await renderFeatures(pc, {
            endpoint: `${localOrigin(req)}/sparql`,
            quads: ctx.pool.status().quads,
            timeoutS: timeoutMs / 1000,
            maxResults,
            federate,
          }),
        );
      }
      const iri = pc.mapper.toIri(p);
      const own = await loadOwn(pc, iri);
      if (own.some((q) => q.subject.value === iri && q.predicate.value === k.genre)) {
        return html(renderPaper(pc, await loadPaper(pc, iri), iri));
      }
      const page = Number(url.searchParams.get('page') ?? '1');
      const data = await loadResource(pc, iri, own, Number.isInteger(page) ? page : 1);
      if (own.length === 0 && data.incomingTotal === 0) {
        return sendError(res, 404, `nothing is known about <${iri}>`, headers, ctx.pages.error);
      }
      return html(renderResource(pc, iri, data));
    } catch (err) {
      if (err instanceof PageQueryError) return sendError(res, err.status, err.message, headers, ctx.pages.error);
      throw err;
    }
  };
}
