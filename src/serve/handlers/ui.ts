/** The query UI at "/" and the YASGUI files it loads from /yasgui/. */
import { createReadStream } from 'node:fs';
import type { ServerContext } from '../context.js';
import { CORS, send, sendError } from '../http.js';
import type { Handler } from './types.js';

export function homeHandler(ctx: ServerContext): Handler {
  return async (req, res) => {
    await ctx.ready;
    const { timeoutMs, maxResults } = ctx.config;
    const info = { quads: ctx.pool.status().quads, timeoutS: timeoutMs / 1000, maxResults };
    send(res, 200, 'text/html; charset=utf-8', ctx.pages.home(ctx.examples, info), {}, req.method === 'HEAD');
  };
}

export function assetsHandler(ctx: ServerContext): Handler {
  return (req, res, url) => {
    const p = url.pathname;
    const asset = ctx.assets.get(p.slice('/yasgui/'.length));
    if (!asset) return sendError(res, 404, `no such file: ${p}`);
    res.writeHead(200, { ...CORS, 'content-type': asset.type, 'cache-control': 'public, max-age=86400' });
    if (req.method === 'HEAD') return void res.end();
    createReadStream(asset.file).pipe(res);
  };
}
