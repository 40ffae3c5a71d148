// The API's error codes (extensions.code) and how store errors, validation errors and limits map
// onto them. Clients switch on the code; the message says what to change.
import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { isRadomeError, type RadomeError } from '../core/errors.js';
import { redactServerPaths } from './redact.js';

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
  /** A WebSocket connection already holds RADOME_MAX_SUBSCRIPTIONS_PER_SOCKET subscriptions. */
  TOO_MANY_SUBSCRIPTIONS: 429,
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

/** A RadomeError's code as the API says it (BAD_INPUT is the user's). */
function radomeApiCode(error: RadomeError): string {
  return error.code === 'BAD_INPUT' ? 'BAD_USER_INPUT' : error.code;
}

/** The code an error will be answered with (for counting errors before they are formatted). */
export function apiCodeOf(error: GraphQLError): string {
  const original = unwrapResolverError(error);
  if (isRadomeError(original)) return radomeApiCode(original);
  if (isLimitRefusal(original)) return 'QUERY_TOO_COMPLEX';
  return String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR');
}

/** A limit refused by a validation rule, which Apollo wraps as GRAPHQL_VALIDATION_FAILED. */
function isLimitRefusal(error: unknown): boolean {
  const inner = error instanceof GraphQLError ? error.originalError : undefined;
  return inner instanceof GraphQLError && inner.extensions.code === 'QUERY_TOO_COMPLEX';
}

// graphql 16 spells it "more that N tokens".
const TOKEN_LIMIT = /Document contains more tha[nt] (\d+) tokens/;

/**
 * Apollo's formatError: RadomeErrors keep their code (BAD_INPUT is the user's), limit errors
 * raised by validation rules keep QUERY_TOO_COMPLEX (Apollo would relabel them
 * GRAPHQL_VALIDATION_FAILED), and the parser's token limit becomes QUERY_TOO_COMPLEX with a hint.
 */
function withApiCode(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  if (isRadomeError(original)) return { ...formatted, message: original.message, extensions: { ...formatted.extensions, code: radomeApiCode(original) } };
  if (isLimitRefusal(original)) {
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

/**
 * Errors as clients see them (withApiCode). Unless `debug` (RADOME_DEBUG_ERRORS), messages lose
 * absolute server paths; stack traces follow the same switch (Apollo's
 * includeStacktraceInErrorResponses, set in server.ts).
 */
export function apiErrorFormatter({ debug }: { debug: boolean }): (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError {
  return (formatted, error) => {
    const coded = withApiCode(formatted, error);
    return debug ? coded : { ...coded, message: redactServerPaths(coded.message) };
  };
}

/**
 * A request that produced no data at all, only errors of the client's making (a bad cursor, an
 * unknown source, a missing token), is answered with that error's 4xx status, as errors raised
 * before execution already are; answers with any data keep 200 (GraphQL over HTTP).
 */
export function clientErrorStatusPlugin<T extends object>(): ApolloServerPlugin<T> {
  return {
    requestDidStart: async () => ({
      willSendResponse: async ({ response }) => {
        if (response.body.kind !== 'single' || (response.http.status ?? 200) !== 200) return;
        const { data, errors } = response.body.singleResult;
        if (data != null || !errors?.length) return;
        // The API's codes are all of the client's making (bad input, missing things, credentials, limits).
        const statuses = errors.map((e) => String(e.extensions?.code)).map((c) => (Object.hasOwn(API_ERROR_CODES, c) ? API_ERROR_CODES[c as ApiErrorCode] : undefined));
        if (statuses.some((s) => s === undefined)) return;
        response.http.status = statuses.reduce((a, b) => (a === b ? a : 400));
      },
    }),
  };
}
