/** Errors the server answers with an HTTP status (kept apart from the engine so the HTTP thread need not load Comunica). */
export class QueryError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'QueryError';
  }
}
