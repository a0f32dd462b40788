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
  return async (req, res, url) => {
    // /context.jsonld (version 1) or /context/vN.jsonld: each version lies in output/ under its IRI's path.
    const name = url.pathname.slice(1);
    const file = await ctx.published.open(name);
    if (!file) return sendError(res, 404, `output/${name} has not been built`);
    return sendFile(req, res, file, CORS);
  };
}
