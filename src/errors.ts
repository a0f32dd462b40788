/** Typed errors that say where: the file, and the place within it. */

export interface SourceLocation {
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

/** A source document that cannot be read as one of the supported genres. */
export class IngestError extends Error {
  readonly location: SourceLocation;
  constructor(location: SourceLocation, reason: string) {
    super(`${where(location)}: ${reason}`);
    this.name = 'IngestError';
    this.location = location;
  }
}

/** A usage error on the command line. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
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
export class WriteError extends Error {
  readonly file: string;
  readonly code: string | undefined;
  constructor(file: string, cause: unknown) {
    super(`cannot write ${file}: ${describeErrno(cause)}`, { cause });
    this.name = 'WriteError';
    this.file = file;
    const code = (cause as NodeJS.ErrnoException | null)?.code;
    this.code = typeof code === 'string' ? code : undefined;
  }
}
