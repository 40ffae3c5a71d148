/**
 * Every failure radome reports is a RadomeError: a stable machine-readable `code`, a message a
 * user can act on, and (once known) the file it concerns. Pure decoders do not know file names,
 * so they throw without one and the caller attaches it with `inFile`.
 */
export type RadomeErrorCode =
  /** Input ends before a structure it announces is complete. */
  | 'TRUNCATED'
  /** Input has the right shape but invalid content (bad block, impossible value, checksum). */
  | 'CORRUPT'
  /** Input is recognised but uses a variant radome does not decode. */
  | 'UNSUPPORTED'
  /** Input is not any format radome knows. */
  | 'UNRECOGNIZED'
  /** Input would decompress or decode to more than a limit allows (a bomb, or a budget set too low). */
  | 'TOO_LARGE'
  /** An object key, path or argument is invalid. */
  | 'BAD_INPUT'
  /** Configuration is missing or invalid. */
  | 'CONFIG'
  /** A thing asked for does not exist. */
  | 'NOT_FOUND'
  /** A remote source, object store or the catalog database could not be reached or could not serve the request (try again later). */
  | 'SOURCE_UNAVAILABLE'
  /** Handling one input took longer than its configured limit (e.g. ingest.fileTimeout) and was stopped. */
  | 'TIMEOUT';

export class RadomeError extends Error {
  override readonly name = 'RadomeError';
  readonly code: RadomeErrorCode;
  /** The file (path, bucket key or URL) the error concerns, when known. */
  readonly file: string | undefined;

  constructor(code: RadomeErrorCode, message: string, options: { file?: string; cause?: unknown } = {}) {
    super(options.file ? `${options.file}: ${message}` : message, { cause: options.cause });
    this.code = code;
    this.file = options.file;
  }

  /** The message without the file prefix. */
  get reason(): string {
    return this.file ? this.message.slice(this.file.length + 2) : this.message;
  }

  /** The same error, naming `file` (keeps an already-known file). */
  inFile(file: string): RadomeError {
    if (this.file) return this;
    return new RadomeError(this.code, this.message, { file, cause: this.cause });
  }

  toJSON(): { code: RadomeErrorCode; message: string; file?: string } {
    return { code: this.code, message: this.message, ...(this.file ? { file: this.file } : {}) };
  }
}

export function isRadomeError(e: unknown): e is RadomeError {
  return e instanceof RadomeError;
}

/** Wraps anything thrown while handling `file` into a RadomeError naming it. */
export function asRadomeError(e: unknown, file: string, fallback: RadomeErrorCode = 'CORRUPT'): RadomeError {
  if (e instanceof RadomeError) return e.inFile(file);
  const message = e instanceof Error ? e.message : String(e);
  return new RadomeError(fallback, message, { file, cause: e });
}
