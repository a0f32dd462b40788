/**
 * A handler answers one kind of request. It gets the parsed URL (path already
 * checked by the router) and the shared ServerContext it was built with.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

export type Handler = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void> | void;
