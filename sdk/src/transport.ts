import { RadomeClientError, type GraphQLErrorInfo, type RadomeResult } from './errors.js';
import { parseRetryAfter } from './retry.js';

/** One GraphQL-over-HTTP POST (application/json), as the server's answer or a typed error. */
export interface HttpRequest {
  url: string;
  fetch: typeof fetch;
  query: string;
  variables: unknown;
  operationName: string | undefined;
  headers: Record<string, string>;
  signal: AbortSignal | undefined;
}

interface GraphQLResponse {
  data?: unknown;
  errors?: { message?: unknown; path?: unknown; extensions?: { code?: unknown; [key: string]: unknown } }[];
}

function errorInfo(e: NonNullable<GraphQLResponse['errors']>[number]): GraphQLErrorInfo {
  const info: GraphQLErrorInfo = {
    message: typeof e?.message === 'string' ? e.message : JSON.stringify(e),
    code: typeof e?.extensions?.code === 'string' ? e.extensions.code : null,
  };
  if (Array.isArray(e?.path)) info.path = e.path as (string | number)[];
  const { code: _, ...extensions } = e?.extensions ?? {};
  if (Object.keys(extensions).length) info.extensions = extensions;
  return info;
}

/** The caller's abort (including AbortSignal.timeout), else the network. */
export function transportError(e: unknown, signal: AbortSignal | undefined): RadomeClientError {
  if (signal?.aborted || (e instanceof Error && e.name === 'AbortError')) return abortError(signal, e);
  return new RadomeClientError('network', `request failed: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
}

export function abortError(signal: AbortSignal | undefined, cause?: unknown): RadomeClientError {
  const reason = signal?.reason instanceof Error ? signal.reason.message : 'the request was aborted';
  return new RadomeClientError('abort', reason, { cause: cause ?? signal?.reason });
}

export async function postGraphql<R>(request: HttpRequest): Promise<RadomeResult<R>> {
  const { url, signal } = request;
  let response: Response;
  let text: string;
  try {
    response = await request.fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...request.headers },
      body: JSON.stringify({ query: request.query, variables: request.variables ?? {}, operationName: request.operationName }),
      signal,
    });
    text = await response.text();
  } catch (e) {
    return { error: transportError(e, signal) };
  }

  let body: GraphQLResponse | undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object' && ('data' in parsed || 'errors' in parsed)) body = parsed as GraphQLResponse;
  } catch {
    // Not JSON: reported below as an HTTP error.
  }
  const status = response.status;
  const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
  const details = retryAfterMs === undefined ? { status } : { status, retryAfterMs };
  if (Array.isArray(body?.errors) && body.errors.length) {
    const errors = body.errors.map(errorInfo);
    return { error: new RadomeClientError('graphql', errors.map((e) => e.message).join('; '), { ...details, errors }) };
  }
  if (!response.ok || !body || body.data == null) {
    const what = response.ok ? 'a response that is not a GraphQL result' : `HTTP ${status} ${response.statusText}`.trim();
    return { error: new RadomeClientError('http', `${url} answered with ${what}: ${text.slice(0, 200)}`, details) };
  }
  return { data: body.data as R };
}
