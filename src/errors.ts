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
