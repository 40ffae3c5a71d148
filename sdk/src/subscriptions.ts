// `@radome/sdk/subscriptions`: GraphQL subscriptions over graphql-ws, the SDK's only runtime
// dependency, kept out of the core entry so apps that only query stay small.
import { createClient, type Client, type ClientOptions } from 'graphql-ws/client';
import { operationOf } from './operation.js';
import { RadomeClientError, type GraphQLErrorInfo, type RadomeResult } from './errors.js';
import { IngestEventsDocument, ProductAddedDocument, SweepAddedDocument, type DocumentTypeDecoration } from './gql/graphql.js';

/** One method per subscription in schema/operations/. */
const subscriptionOperations = {
  /** Each sweep of every volume committed from now on at a site. */
  sweepAdded: SweepAddedDocument,
  /** Each Level 3 product committed from now on at a site. */
  productAdded: ProductAddedDocument,
  /** Every ingest commit from now on: a live ingest log. */
  ingestEvents: IngestEventsDocument,
} as const;

type ResultOf<D> = D extends DocumentTypeDecoration<infer R, any> ? R : never;
type VariablesOf<D> = D extends DocumentTypeDecoration<any, infer V> ? V : never;

/** Variables are optional when the subscription has no required ones. */
export type SubscriptionMethod<R, V> = {} extends V ? (variables?: V, options?: SubscribeOptions) => SubscriptionIterator<R> : (variables: V, options?: SubscribeOptions) => SubscriptionIterator<R>;

type SubscriptionOperations = typeof subscriptionOperations;

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

/** Events of one subscription; `return()` (or `break` in `for await`) unsubscribes at once. */
export interface SubscriptionIterator<R> extends AsyncIterator<RadomeResult<R>, void, undefined> {
  return(): Promise<IteratorResult<RadomeResult<R>, void>>;
  [Symbol.asyncIterator](): SubscriptionIterator<R>;
}

export interface SubscribeOptions {
  /** Ends the subscription (the iterator returns). */
  signal?: AbortSignal;
}

export type RadomeSubscriptions = {
  [K in keyof SubscriptionOperations]: SubscriptionMethod<ResultOf<SubscriptionOperations[K]>, VariablesOf<SubscriptionOperations[K]>>;
} & {
  /**
   * Events of a subscription as `{ data }` or `{ error }`. The iterator ends when the server
   * completes it, the signal aborts, or after an error that ends it (GraphQL errors of the
   * subscribe request, or a connection that could not be re-established).
   */
  subscribe<R, V>(document: DocumentTypeDecoration<R, V>, variables: V, options?: SubscribeOptions): SubscriptionIterator<R>;
  /** The underlying graphql-ws client. */
  client: Client;
  /** Closes the connection and ends every subscription. */
  dispose(): Promise<void>;
};

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

  function subscribe<R, V>(document: DocumentTypeDecoration<R, V>, variables: V, call: SubscribeOptions = {}): SubscriptionIterator<R> {
    const { signal } = call;
    const queue: RadomeResult<R>[] = [];
    const waiting: ((result: IteratorResult<RadomeResult<R>, void>) => void)[] = [];
    let ended = false;
    let unsubscribe = () => {};
    // Ends at once, also while a `for await` waits in next(): events still queued stay readable.
    const end = () => {
      if (ended) return;
      ended = true;
      signal?.removeEventListener('abort', end);
      unsubscribe();
      for (const resolve of waiting.splice(0)) resolve({ done: true, value: undefined });
    };
    const push = (item: RadomeResult<R>) => {
      if (ended) return;
      const resolve = waiting.shift();
      if (resolve) resolve({ done: false, value: item });
      else queue.push(item);
    };
    const iterator: SubscriptionIterator<R> = {
      next: () =>
        queue.length ? Promise.resolve({ done: false, value: queue.shift()! }) : ended ? Promise.resolve({ done: true, value: undefined }) : new Promise((resolve) => waiting.push(resolve)),
      return: () => {
        queue.length = 0;
        end();
        return Promise.resolve({ done: true, value: undefined });
      },
      [Symbol.asyncIterator]: () => iterator,
    };
    if (signal?.aborted) {
      end();
      return iterator;
    }
    signal?.addEventListener('abort', end, { once: true });
    const query = String(document);
    unsubscribe = client.subscribe(
      { query, variables: (variables ?? {}) as Record<string, unknown>, operationName: operationOf(query).name ?? null },
      {
        next: (result) => push(result.errors?.length ? { error: graphqlErrors(result.errors) } : { data: result.data as R }),
        error: (e) => {
          push({ error: subscriptionError(e) });
          end();
        },
        complete: end,
      },
    );
    return iterator;
  }

  const subscriptions = { subscribe, client, dispose: async () => client.dispose() } as RadomeSubscriptions;
  for (const [name, document] of Object.entries(subscriptionOperations)) {
    (subscriptions as unknown as Record<string, unknown>)[name] = (variables?: unknown, call?: SubscribeOptions) =>
      subscribe(document as DocumentTypeDecoration<unknown, unknown>, variables ?? {}, call);
  }
  return subscriptions;
}
