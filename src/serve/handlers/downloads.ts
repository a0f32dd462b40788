/** The published files: /download/… (the dcat:downloadURLs) and /context.jsonld. */
import type { ServerContext } from '../context.js';
import { sendFile } from '../downloads.js';
import { CORS, sendError } from '../http.js';
import type { Handler } from './types.js';

export function downloadsHandler(ctx: ServerContext): Handler {
  return async (req, res, url) => {
    const p = url.pathname;
    // The router's unsafePath check has refused "..", ".", encoded slashes and backslashes.
    const file = await ctx.published.open(decodeURIComponent(p.slice('/download/'.length)));
    if (!file) return sendError(res, 404, `no published file at ${p}`);
    return sendFile(req, res, file, CORS);
  };
}

export function contextHandler(ctx: ServerContext): Handler {
  return async (req, res) => {
    const file = await ctx.published.open('context.jsonld');
    if (!file) return sendError(res, 404, 'output/context.jsonld has not been built');
    return sendFile(req, res, file, CORS);
  };
}
