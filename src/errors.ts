/**
 * Typed errors that say where: the file (or URL), and the place within it. Every error the tool raises on
 * purpose extends KldError, whose kind decides the exit code in one place (exitCodeFor): 2 for usage, 1 for
 * everything else; any other exception is a bug and keeps its stack.
 */

export interface SourceLocation {
  /** A path, or the URL of a fetched resource. */
  file: string;
  /** 1-based line, when known. */
  line?: number;
  /** Character offset, when known. */
  offset?: number;
}

function where(loc: SourceLocation): string {
  let s = loc.file;
  if (loc.line !== undefined) s += `:${loc.line}`;
  else if (loc.offset !== undefined) s += ` @${loc.offset}`;
  return s;
}

/** What went wrong: `usage` is the caller's mistake on the command line; the rest are problems of input, data, output, network or query. */
export type ErrorKind = 'usage' | 'input' | 'data' | 'output' | 'network' | 'query';

/** The base of every error the tool raises on purpose. */
export class KldError extends Error {
  readonly kind: ErrorKind;
  /** Where, when known; the message already names it. */
  readonly location: SourceLocation | undefined;
  constructor(kind: ErrorKind, message: string, options: { location?: SourceLocation; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.kind = kind;
    this.location = options.location;
  }
}

/** The exit code for an error: 2 for usage errors, 1 for every other failure. */
export function exitCodeFor(err: unknown): 1 | 2 {
  return err instanceof KldError && err.kind === 'usage' ? 2 : 1;
}

/** A source document that cannot be read as one of the supported genres. */
export class IngestError extends KldError {
  declare readonly location: SourceLocation;
  constructor(location: SourceLocation, reason: string, options: { cause?: unknown } = {}) {
    super('input', `${where(location)}: ${reason}`, { location, ...options });
  }
}

/**
 * An input the command cannot use: a file or folder that is missing or cannot
 * be read. Exit status 1 (an input or data problem), not 2 (usage): the command
 * line was well formed, the world did not match it.
 */
export class InputError extends KldError {
  constructor(message: string) {
    super('input', message);
  }
}

/** A usage error on the command line. */
export class UsageError extends KldError {
  constructor(message: string) {
    super('usage', message);
  }
}

/** 1-based line number of an offset in a text. */
export function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** What an errno code means, for people (the bare code alone says little). */
const ERRNO_MEANING: Record<string, string> = {
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  EISDIR: 'is a folder',
  ENOENT: 'no such file or folder',
  EMFILE: 'too many open files',
  EIO: 'input/output error',
};

/** An errno code and its meaning ("ENOSPC, no space left on the device"), or the error's message. */
export function describeErrno(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  if (typeof code === 'string') return ERRNO_MEANING[code] !== undefined ? `${code}, ${ERRNO_MEANING[code]}` : code;
  return err instanceof Error ? err.message : String(err);
}

/** Writing an output or cache file failed (full disk, permissions, …); names the file. */
export class WriteError extends KldError {
  readonly file: string;
  readonly code: string | undefined;
  constructor(file: string, cause: unknown) {
    super('output', `cannot write ${file}: ${describeErrno(cause)}`, { location: { file }, cause });
    this.file = file;
    const code = (cause as NodeJS.ErrnoException | null)?.code;
    this.code = typeof code === 'string' ? code : undefined;
  }
}

/**
 * An invariant of the code itself broke (an index the surrounding logic guarantees turned out empty): a bug,
 * not bad input. Raised by `present`, the checked alternative to a non-null assertion.
 */
export class InvariantError extends KldError {
  constructor(what: string) {
    super('data', `internal error: ${what} is missing (a bug, please report it)`);
  }
}

/**
 * The value, or an InvariantError naming `what` when it is undefined. For indexing that the logic around it
 * guarantees (a regex group that always takes part, `xs[i]` with `i < xs.length`), so that a broken guarantee
 * fails loudly at the place rather than as a TypeError further on.
 */
export function present<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new InvariantError(what);
  return value;
}
