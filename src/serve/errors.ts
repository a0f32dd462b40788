import { KldError } from '../errors.js';
/** Errors the server answers with an HTTP status (kept apart from the engine so the HTTP thread need not load Comunica). */
export class QueryError extends KldError {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
    /** The worker that raised it cannot be trusted any more (store panic): replace it. */
    readonly fatal = false,
  ) {
    super('query', message);
  }
}
