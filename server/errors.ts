// The API's error codes (extensions.code) and how store errors, validation errors and limits map
// onto them. Clients switch on the code; the message says what to change.
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { isRadomeError } from '../core/errors.js';

export const API_ERROR_CODES = {
  /** An argument, variable or request body is wrong; the message names it and what is accepted. */
  BAD_USER_INPUT: 400,
  /** The thing asked for does not exist (also a stored object a catalog row names). */
  NOT_FOUND: 404,
  /** A protected endpoint (/metrics with RADOME_METRICS_TOKEN) was called without credentials. */
  UNAUTHENTICATED: 401,
  /** Credentials or origin not allowed. */
  FORBIDDEN: 403,
  /** Over a depth, alias, token, cost or time limit; the message says which and by how much. */
  QUERY_TOO_COMPLEX: 400,
  /** Over the per-client request rate; retry after `Retry-After` seconds. */
  RATE_LIMITED: 429,
} as const;

export type ApiErrorCode = keyof typeof API_ERROR_CODES;

/** A GraphQL error with one of the API codes; thrown before execution it sets the HTTP status too. */
export function apiError(code: ApiErrorCode, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { ...extensions, code, http: { status: API_ERROR_CODES[code] } } });
}

/** The same without an HTTP status, for transports that have none (WebSocket subscriptions). */
export function codedError(code: ApiErrorCode, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { ...extensions, code } });
}

/** The JSON body of an error answered outside GraphQL execution (HTTP layer). */
export function errorBody(code: ApiErrorCode, message: string, extensions: Record<string, unknown> = {}): { errors: GraphQLFormattedError[] } {
  return { errors: [{ message, extensions: { ...extensions, code } }] };
}

// graphql 16 spells it "more that N tokens".
const TOKEN_LIMIT = /Document contains more tha[nt] (\d+) tokens/;

/**
 * Apollo's formatError: RadomeErrors keep their code (BAD_INPUT is the user's), limit errors
 * raised by validation rules keep QUERY_TOO_COMPLEX (Apollo would relabel them
 * GRAPHQL_VALIDATION_FAILED), and the parser's token limit becomes QUERY_TOO_COMPLEX with a hint.
 */
export function formatApiError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  if (isRadomeError(original)) {
    const code = original.code === 'BAD_INPUT' ? 'BAD_USER_INPUT' : original.code;
    return { ...formatted, message: original.message, extensions: { ...formatted.extensions, code } };
  }
  const inner = original instanceof GraphQLError ? original.originalError : undefined;
  if (inner instanceof GraphQLError && inner.extensions.code === 'QUERY_TOO_COMPLEX') {
    return { ...formatted, extensions: { ...formatted.extensions, code: 'QUERY_TOO_COMPLEX' } };
  }
  const tokens = TOKEN_LIMIT.exec(formatted.message);
  if (tokens) {
    return {
      message: `the query has more than ${tokens[1]} tokens (the limit); send a smaller document: fewer fields and aliases, values as variables`,
      extensions: { code: 'QUERY_TOO_COMPLEX' },
    };
  }
  return formatted;
}
