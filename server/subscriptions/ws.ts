// GraphQL subscriptions over WebSocket (graphql-ws protocol) on the HTTP server's port and the
// /graphql path. Documents pass the same limits as HTTP queries: token count, depth, aliases, cost.
// A connection may hold a bounded number of subscriptions, and its client's messages are rate
// limited, so one socket cannot keep the event loop busy.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { GraphQLError, parse, specifiedRules, validate, type DocumentNode, type GraphQLFormattedError, type GraphQLSchema, type ValidationRule } from 'graphql';
import { CloseCode, handleProtocols, makeServer, type Context } from 'graphql-ws';
import { WebSocketServer, type WebSocket } from 'ws';
import { apiErrorFormatter, codedError } from '../errors.js';
import type { RateLimiter } from '../http/rate-limit.js';
import { cachedCostError } from '../limits/cost.js';
import type { RadomeContext } from '../context.js';

export interface SubscriptionServerOptions {
  schema: GraphQLSchema;
  maxTokens: number;
  maxCost: number;
  maxPayloadBytes: number;
  validationRules: ValidationRule[];
  /** Subscriptions one connection may hold open at once. */
  maxSubscriptionsPerSocket: number;
  /** Allowance of messages per client (shared by its connections); null: no limit. */
  messageLimiter: RateLimiter | null;
  /** The client a connection's messages count against. */
  clientOf(req: IncomingMessage): string;
  /** Stack traces are never sent; with this false, absolute server paths are cut from error messages too. */
  debugErrors: boolean;
  context(req: IncomingMessage): RadomeContext;
}

export interface SubscriptionServer {
  /** Takes an upgrade the route table has routed here and its middleware has let through. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  close(): Promise<void>;
}

/** Close code of a connection whose client sent messages faster than its allowance (as HTTP's 429). */
export const TOO_MANY_MESSAGES_CLOSE_CODE = 4429;
/** Seconds between pings; a connection that has not answered the previous one is dropped. */
const KEEP_ALIVE_MS = 12_000;
/** Parsed and validated documents kept, by query text: subscribing again costs a map lookup. */
const DOCUMENTS_KEPT = 256;
/** Longer query texts are checked each time, so the cache stays a few MB whatever clients send. */
const MAX_KEPT_QUERY_CHARS = 16 * 1024;

type Checked = { document: DocumentNode } | { errors: readonly GraphQLError[] };

/**
 * Parse and validation of a query text, remembered for the most recent texts. A client that
 * subscribes with one heavy document again and again is answered from here instead of
 * re-validating it every time (Apollo keeps the same kind of cache for HTTP).
 */
function documentChecker(options: SubscriptionServerOptions): (query: string) => Checked {
  const rules = [...specifiedRules, ...options.validationRules];
  const kept = new Map<string, Checked>();
  return (query) => {
    const known = kept.get(query);
    if (known) {
      kept.delete(query);
      kept.set(query, known);
      return known;
    }
    let checked: Checked;
    try {
      const document = parse(query, { maxTokens: options.maxTokens });
      const errors = validate(options.schema, document, rules);
      checked = errors.length ? { errors } : { document };
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      checked = {
        errors: [
          /more tha[nt] \d+ tokens/.test(message)
            ? codedError('QUERY_TOO_COMPLEX', `the query has more than ${options.maxTokens} tokens (the limit); send a smaller document`)
            : new GraphQLError(message, { extensions: { code: 'GRAPHQL_PARSE_FAILED' } }),
        ],
      };
    }
    if (query.length > MAX_KEPT_QUERY_CHARS) return checked;
    kept.set(query, checked);
    if (kept.size > DOCUMENTS_KEPT) kept.delete(kept.keys().next().value!);
    return checked;
  };
}

export function createSubscriptionServer(options: SubscriptionServerOptions): SubscriptionServer {
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxPayloadBytes, handleProtocols });
  const check = documentChecker(options);
  const costOf = cachedCostError(options.maxCost);
  // The same codes and redaction as over HTTP (a RadomeError BAD_INPUT is BAD_USER_INPUT here too).
  const format = apiErrorFormatter({ debug: options.debugErrors });
  const present = (errors: readonly GraphQLError[]): GraphQLFormattedError[] => errors.map((e) => format(e.toJSON(), e));

  const protocol = makeServer<Record<string, unknown> | undefined, { socket: WebSocket; request: IncomingMessage }>({
    schema: options.schema,
    onSubscribe(ctx: Context<Record<string, unknown> | undefined, { request: IncomingMessage }>, _id, payload) {
      // graphql-ws has already entered this subscription in ctx.subscriptions.
      if (Object.keys(ctx.subscriptions).length > options.maxSubscriptionsPerSocket) {
        return [
          codedError(
            'TOO_MANY_SUBSCRIPTIONS',
            `this connection already has ${options.maxSubscriptionsPerSocket} subscriptions (the limit, RADOME_MAX_SUBSCRIPTIONS_PER_SOCKET); complete some, or open another connection`,
          ),
        ];
      }
      const checked = check(payload.query);
      if ('errors' in checked) return [...checked.errors];
      const verdict = costOf(options.schema, checked.document, payload.variables, payload.operationName);
      if (verdict) return [codedError(verdict.code, verdict.message, verdict.extensions)];
      return {
        schema: options.schema,
        document: checked.document,
        variableValues: payload.variables,
        operationName: payload.operationName,
        contextValue: options.context(ctx.extra.request),
      };
    },
    onNext: (_ctx, _id, _payload, _args, result) => (result.errors ? { ...result, errors: present(result.errors) } : undefined),
    onError: (_ctx, _id, _payload, errors) => present(errors),
  });

  // useServer (graphql-ws/use/ws) hands every message to the protocol, with no hook before it;
  // this wiring is its equivalent with the message allowance checked first.
  wss.on('connection', (socket: WebSocket, request: IncomingMessage) => {
    const client = options.clientOf(request);
    // Invalid frames and oversized messages end the connection (ws closes it); never the process.
    socket.on('error', () => socket.terminate());
    let alive = true;
    socket.on('pong', () => (alive = true));
    const keepAlive = setInterval(() => {
      if (!alive) return socket.terminate();
      alive = false;
      socket.ping();
    }, KEEP_ALIVE_MS);
    const closed = protocol.opened(
      {
        protocol: socket.protocol,
        send: (data) =>
          new Promise<void>((resolve, reject) => {
            if (socket.readyState !== socket.OPEN) return resolve();
            socket.send(data, (err) => (err ? reject(err) : resolve()));
          }),
        close: (code, reason) => socket.close(code, reason),
        onMessage: (handle) =>
          socket.on('message', (data) => {
            if (socket.readyState !== socket.OPEN) return;
            if (options.messageLimiter && !options.messageLimiter.take(client).allowed) {
              return socket.close(TOO_MANY_MESSAGES_CLOSE_CODE, 'Too many messages; slow down and reconnect later');
            }
            handle(String(data)).catch(() => socket.close(CloseCode.InternalServerError, 'Internal server error'));
          }),
      },
      { socket, request },
    );
    socket.once('close', (code, reason) => {
      clearInterval(keepAlive);
      closed(code, String(reason)).catch(() => undefined);
    });
  });

  return {
    handleUpgrade(req, socket, head) {
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
    },
    async close() {
      for (const client of wss.clients) client.close(1001, 'Going away');
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
