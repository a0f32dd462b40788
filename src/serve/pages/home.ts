/** The query UI at "/" in the visitor's language, with result IRIs linked to this server's pages. */
import type { ServerContext } from '../context.js';
import type { Handler } from '../handlers/types.js';
import { send } from '../http.js';
import { uiPage } from '../ui.js';
import { chooseLang } from './i18n.js';

export function homePageHandler(ctx: ServerContext): Handler {
  return async (req, res, url) => {
    await ctx.ready;
    const { timeoutMs, maxResults, base } = ctx.config;
    const info = {
      quads: ctx.pool.status().quads,
      timeoutS: timeoutMs / 1000,
      maxResults,
    };
    const lang = chooseLang(url, req.headers['accept-language']);
    // The ontology's prefixes for autocompletion, and id: for compact result IRIs.
    const prefixes = { ...ctx.prefixes, id: `${base}id/` };
    const body = uiPage(ctx.examples, info, { lang, base, prefixes });
    send(res, 200, 'text/html; charset=utf-8', body, { vary: 'accept-language', 'content-language': lang }, req.method === 'HEAD');
  };
}
