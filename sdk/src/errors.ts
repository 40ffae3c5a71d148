/** What went wrong with a request, from the caller's point of view. */
export type RadomeClientErrorKind =
  /** fetch failed: no connection, DNS, CORS refusal, or the body could not be read. */
  | 'network'
  /** The server answered with a non-2xx status or something that is not a GraphQL response. */
  | 'http'
  /** The server ran (or refused) the operation and reported GraphQL errors. */
  | 'graphql'
  /** The caller's AbortSignal fired (including AbortSignal.timeout). */
  | 'abort';

export interface GraphQLErrorInfo {
  message: string;
  /** `extensions.code`, e.g. BAD_USER_INPUT, GRAPHQL_VALIDATION_FAILED; null when absent. */
  code: string | null;
  path?: (string | number)[];
  /** The error's other extensions, e.g. `cost` and `maxCost` of QUERY_TOO_COMPLEX. */
  extensions?: Record<string, unknown>;
}

export class RadomeClientError extends Error {
  override readonly name = 'RadomeClientError';
  readonly kind: RadomeClientErrorKind;
  /** HTTP status, when a response arrived. */
  readonly status?: number;
  /** GraphQL errors, for kind 'graphql'. */
  readonly errors?: GraphQLErrorInfo[];
  /** How long the server asked to wait before trying again (its Retry-After header), in ms. */
  readonly retryAfterMs?: number;

  constructor(kind: RadomeClientErrorKind, message: string, details: { status?: number; errors?: GraphQLErrorInfo[]; retryAfterMs?: number; cause?: unknown } = {}) {
    super(message, { cause: details.cause });
    this.kind = kind;
    if (details.status !== undefined) this.status = details.status;
    if (details.errors !== undefined) this.errors = details.errors;
    if (details.retryAfterMs !== undefined) this.retryAfterMs = details.retryAfterMs;
  }

  /** The first GraphQL error code (e.g. RATE_LIMITED, BAD_USER_INPUT), or null. */
  get code(): string | null {
    return this.errors?.find((e) => e.code !== null)?.code ?? null;
  }
}

/**
 * Every call resolves to one of these and never rejects: check `error` (or `data`) and
 * TypeScript narrows the other.
 */
export type RadomeResult<T> = { data: T; error?: undefined } | { data?: undefined; error: RadomeClientError };
