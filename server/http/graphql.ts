// /graphql over plain node:http: Apollo does the GraphQL-over-HTTP protocol (GET and POST, CSRF
// prevention, status codes); this moves bytes in and out and refuses bodies that are too large
// or not JSON before Apollo sees them.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer } from '@apollo/server';
import type { RadomeContext } from '../context.js';
import { errorBody } from '../errors.js';
import { sendJson, sendMethodNotAllowed } from './respond.js';

export const GRAPHQL_PATH = '/graphql';

/** Past this much a too-large body is cut off rather than read to its end. */
const DRAIN_LIMIT_BYTES = 64 * 1024 * 1024;

/**
 * The body as text, or null when it is over `maxBytes`. An oversized body is still read (and
 * dropped) so the client, still sending, sees the 413 instead of a reset connection.
 */
async function readBody(req: IncomingMessage, maxBytes: number): Promise<string | null> {
  const declared = Number(req.headers['content-length'] ?? 0);
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = declared > maxBytes;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.byteLength;
    if (size > maxBytes) tooLarge = true;
    if (size > DRAIN_LIMIT_BYTES) {
      req.destroy();
      break;
    }
    if (!tooLarge) chunks.push(chunk);
  }
  return tooLarge ? null : Buffer.concat(chunks).toString('utf8');
}

function headerMap(req: IncomingMessage): HeaderMap {
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  return headers;
}

export async function serveGraphql(
  req: IncomingMessage,
  res: ServerResponse,
  search: string,
  apollo: ApolloServer<RadomeContext>,
  context: () => Promise<RadomeContext>,
  maxBodyBytes: number,
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'POST') return sendMethodNotAllowed(res, 'GET, POST');
  const headers = headerMap(req);
  let body: unknown;
  if (req.method === 'POST') {
    const text = await readBody(req, maxBodyBytes);
    if (text === null) {
      return sendJson(res, 413, errorBody('BAD_USER_INPUT', `request body is over ${maxBodyBytes} bytes (the limit); send a smaller query, with values as variables, or use a persisted query`));
    }
    body = text;
    if ((headers.get('content-type') ?? '').includes('json') && text !== '') {
      try {
        body = JSON.parse(text);
      } catch (e) {
        const detail = e instanceof Error ? ` (${e.message})` : '';
        return sendJson(res, 400, errorBody('BAD_USER_INPUT', `request body is not valid JSON${detail}; send {"query": "…", "variables": {…}} as application/json`));
      }
    }
  }
  const response = await apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: req.method, headers, search, body },
    context,
  });
  // Answers depend on the live catalog: never cached (what Apollo's cache-control plugin, turned
  // off in server.ts, sent for answers without cache hints).
  res.setHeader('cache-control', 'no-store');
  for (const [name, value] of response.headers) res.setHeader(name, value);
  res.statusCode = response.status ?? 200;
  if (response.body.kind === 'complete') return void res.end(response.body.string);
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}
