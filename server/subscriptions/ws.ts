// GraphQL subscriptions over WebSocket (graphql-ws protocol) on the HTTP server's port and the
// /graphql path. Documents pass the same limits as HTTP queries: token count, depth, aliases, cost.
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { GraphQLError, parse, specifiedRules, validate, type DocumentNode, type GraphQLSchema, type ValidationRule } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { codedError } from '../errors.js';
import { costError } from '../limits/cost.js';
import type { RadomeContext } from '../context.js';

export interface SubscriptionServerOptions {
  schema: GraphQLSchema;
  path: string;
  maxTokens: number;
  maxCost: number;
  maxPayloadBytes: number;
  validationRules: ValidationRule[];
  /** Refuses an upgrade (origin not allowed, rate limited): the HTTP status and message, or null to accept. */
  admit(req: IncomingMessage): { status: number; message: string } | null;
  context(req: IncomingMessage): RadomeContext;
}

export interface SubscriptionServer {
  close(): Promise<void>;
}

function refuse(socket: Duplex, status: number, message: string): void {
  const body = `${message}\n`;
  socket.end(`HTTP/1.1 ${status} ${status === 404 ? 'Not Found' : status === 429 ? 'Too Many Requests' : 'Forbidden'}\r\ncontent-type: text/plain; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
}

export function attachSubscriptions(httpServer: Server, options: SubscriptionServerOptions): SubscriptionServer {
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxPayloadBytes });
  const rules = [...specifiedRules, ...options.validationRules];

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path !== options.path) return refuse(socket, 404, `no WebSocket endpoint at ${path}; subscriptions are at ${options.path}`);
    const refusal = options.admit(req);
    if (refusal) return refuse(socket, refusal.status, refusal.message);
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  };
  httpServer.on('upgrade', onUpgrade);

  const disposable = useServer(
    {
      schema: options.schema,
      onSubscribe(ctx, _id, payload) {
        let document: DocumentNode;
        try {
          document = parse(payload.query, { maxTokens: options.maxTokens });
        } catch (e) {
          const message = e instanceof Error ? e.message : String(e);
          return [/more tha[nt] \d+ tokens/.test(message) ? codedError('QUERY_TOO_COMPLEX', `the query has more than ${options.maxTokens} tokens (the limit); send a smaller document`) : new GraphQLError(message, { extensions: { code: 'GRAPHQL_PARSE_FAILED' } })];
        }
        const errors = validate(options.schema, document, rules);
        if (errors.length > 0) return errors;
        const tooCostly = costError(options.schema, document, payload.variables ?? undefined, payload.operationName ?? undefined, options.maxCost);
        if (tooCostly) return [codedError('QUERY_TOO_COMPLEX', tooCostly.message, tooCostly.extensions)];
        return {
          schema: options.schema,
          document,
          variableValues: payload.variables,
          operationName: payload.operationName,
          contextValue: options.context(ctx.extra.request),
        };
      },
    },
    wss,
  );

  return {
    async close() {
      httpServer.off('upgrade', onUpgrade);
      await disposable.dispose();
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
