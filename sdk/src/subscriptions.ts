// `@radome/sdk/subscriptions`: GraphQL subscriptions over graphql-ws, the SDK's only runtime
// dependency, kept out of the core entry so apps that only query stay small.
import { createClient, type Client, type ClientOptions } from 'graphql-ws/client';
import { operationOf } from './operation.js';
import { RadomeClientError, type GraphQLErrorInfo, type RadomeResult } from './errors.js';
import type { DocumentTypeDecoration } from './gql/graphql.js';

export interface RadomeSubscriptionsOptions {
  /** The GraphQL endpoint: http(s) URLs become ws(s) on the same host and path. */
  url: string | URL;
  /** A WebSocket class where there is no global one (Node 20): e.g. the default export of the ws package. */
  webSocketImpl?: unknown;
  /** Sent in connection_init, e.g. a token. */
  connectionParams?: ClientOptions['connectionParams'];
  /** Reconnects in a row before a subscription fails; active subscriptions resume after each. Default 10. */
  retryAttempts?: number;
  /** Wait before reconnect number `retries` (from 0); default graphql-ws's randomised exponential backoff. */
  retryWait?: ClientOptions['retryWait'];
  /** graphql-ws events (connecting, connected, closed …), e.g. for a connection indicator. */
  on?: ClientOptions['on'];
}

export interface SubscribeOptions {
  /** Ends the subscription (the iterator returns). */
  signal?: AbortSignal;
}

export interface RadomeSubscriptions {
  /**
   * Events of a subscription as `{ data }` or `{ error }`. The iterator ends when the server
   * completes it, the signal aborts, or after an error that ends it (GraphQL errors of the
   * subscribe request, or a connection that could not be re-established).
   */
  subscribe<R, V>(document: DocumentTypeDecoration<R, V>, variables: V, options?: SubscribeOptions): AsyncGenerator<RadomeResult<R>, void, undefined>;
  /** The underlying graphql-ws client. */
  client: Client;
  /** Closes the connection and ends every subscription. */
  dispose(): Promise<void>;
}

/** ws(s):// for an http(s):// endpoint. */
export function webSocketUrl(url: string | URL): string {
  const u = new URL(String(url));
  if (u.protocol === 'http:') u.protocol = 'ws:';
  else if (u.protocol === 'https:') u.protocol = 'wss:';
  return u.href;
}

function graphqlErrors(errors: readonly { message: string; path?: readonly (string | number)[]; extensions?: Record<string, unknown> }[]): RadomeClientError {
  const infos: GraphQLErrorInfo[] = errors.map((e) => {
    const info: GraphQLErrorInfo = { message: e.message, code: typeof e.extensions?.code === 'string' ? e.extensions.code : null };
    if (e.path) info.path = [...e.path];
    return info;
  });
  return new RadomeClientError('graphql', infos.map((e) => e.message).join('; '), { errors: infos });
}

/** What graphql-ws hands to `sink.error`: GraphQL errors, a close event, or an Error. */
function subscriptionError(e: unknown): RadomeClientError {
  if (Array.isArray(e)) return graphqlErrors(e);
  if (e && typeof e === 'object' && 'code' in e && typeof e.code === 'number') {
    const reason = 'reason' in e && e.reason ? `: ${String(e.reason)}` : '';
    return new RadomeClientError('network', `the subscription connection closed with code ${e.code}${reason}`, { cause: e });
  }
  return new RadomeClientError('network', `the subscription connection failed: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
}

export function createRadomeSubscriptions(options: RadomeSubscriptionsOptions): RadomeSubscriptions {
  const webSocketImpl = options.webSocketImpl ?? (globalThis as { WebSocket?: unknown }).WebSocket;
  if (!webSocketImpl) throw new TypeError('there is no global WebSocket here (Node 20): pass webSocketImpl, e.g. the default export of the ws package');
  const client = createClient({
    url: webSocketUrl(options.url),
    webSocketImpl,
    connectionParams: options.connectionParams,
    retryAttempts: options.retryAttempts ?? 10,
    // A dropped connection (network, server restart) is worth retrying whatever the close code.
    shouldRetry: () => true,
    ...(options.retryWait ? { retryWait: options.retryWait } : {}),
    ...(options.on ? { on: options.on } : {}),
  });

  async function* subscribe<R, V>(document: DocumentTypeDecoration<R, V>, variables: V, call: SubscribeOptions = {}): AsyncGenerator<RadomeResult<R>, void, undefined> {
    const { signal } = call;
    if (signal?.aborted) return;
    const queue: RadomeResult<R>[] = [];
    let ended = false;
    let wake: (() => void) | undefined;
    const push = (item: RadomeResult<R> | 'end') => {
      if (item === 'end') ended = true;
      else queue.push(item);
      wake?.();
    };
    const query = String(document);
    const unsubscribe = client.subscribe(
      { query, variables: (variables ?? {}) as Record<string, unknown>, operationName: operationOf(query).name ?? null },
      {
        next: (result) => push(result.errors?.length ? { error: graphqlErrors(result.errors) } : { data: result.data as R }),
        error: (e) => {
          push({ error: subscriptionError(e) });
          push('end');
        },
        complete: () => push('end'),
      },
    );
    const onAbort = () => push('end');
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      for (;;) {
        const item = queue.shift();
        if (item) yield item;
        else if (ended) return;
        else await new Promise<void>((resolve) => (wake = resolve));
      }
    } finally {
      signal?.removeEventListener('abort', onAbort);
      unsubscribe();
    }
  }

  return { subscribe, client, dispose: async () => client.dispose() };
}
