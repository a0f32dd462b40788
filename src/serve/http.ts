/**
 * Small HTTP helpers shared by the router and the handlers: CORS headers,
 * whole-body answers, short error answers, the origin the client used.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';

export const CORS: Readonly<Record<string, string>> = {
  'access-control-allow-origin': '*',
  'access-control-expose-headers': 'content-type, content-location, x-result-truncated, x-max-results, retry-after, etag, x-cache',
};

/** A whole body at once, with Content-Length; HEAD gets the headers only. */
export function send(res: ServerResponse, status: number, type: string, body: string, headers: Record<string, string> = {}, headOnly = false): void {
  res.writeHead(status, { ...CORS, 'content-type': type, 'content-length': Buffer.byteLength(body), ...headers });
  res.end(headOnly ? undefined : body);
}

/** How an error page is rendered for people (handlers pass the renderer's `error`). */
export type HtmlError = (status: number, message: string) => string;

/**
 * A short error: "STATUS Reason: message" as text/plain, or an HTML page when
 * the client asked for HTML. After the status line has gone out, the only
 * honest thing left is to cut the connection.
 */
export function sendError(res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}, html?: HtmlError): void {
  if (res.headersSent) return void res.destroy();
  const body = html ? html(status, message) : `${status} ${http.STATUS_CODES[status] ?? ''}: ${message}\n`;
  // The request body may not have been read (413, 415): close rather than read on.
  const close: Record<string, string> = status === 413 ? { connection: 'close' } : {};
  send(res, status, html ? 'text/html; charset=utf-8' : 'text/plain; charset=utf-8', body, { ...headers, ...close });
}

/** The origin the client used (Host header, checked), for links that point back to this server. */
export function localOrigin(req: IncomingMessage): string {
  const host = req.headers.host && /^[A-Za-z0-9.:[\]-]+$/.test(req.headers.host) ? req.headers.host : 'localhost';
  return `http://${host}`;
}
