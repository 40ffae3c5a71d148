// /graphql over plain node:http: Apollo does the GraphQL-over-HTTP protocol (GET and POST, CSRF
// prevention, status codes); this only moves bytes in and out.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer } from '@apollo/server';
import type { RadomeContext } from '../context.js';
import { sendJson, sendMethodNotAllowed } from './respond.js';

export const GRAPHQL_PATH = '/graphql';

/** Queries are small; anything bigger is a mistake or abuse. */
const MAX_BODY_BYTES = 1 << 20;

class BodyTooLarge extends Error {}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.byteLength;
    if (size > MAX_BODY_BYTES) throw new BodyTooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
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
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'POST') return sendMethodNotAllowed(res, 'GET, POST');
  const headers = headerMap(req);
  let body: unknown;
  if (req.method === 'POST') {
    let text: string;
    try {
      text = await readBody(req);
    } catch (e) {
      if (e instanceof BodyTooLarge) return sendJson(res, 413, { errors: [{ message: `request body is over ${MAX_BODY_BYTES} bytes` }] });
      throw e;
    }
    body = text;
    if ((headers.get('content-type') ?? '').includes('json') && text !== '') {
      try {
        body = JSON.parse(text);
      } catch {
        return sendJson(res, 400, { errors: [{ message: 'request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }] });
      }
    }
  }
  const response = await apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: req.method, headers, search, body },
    context,
  });
  for (const [name, value] of response.headers) res.setHeader(name, value);
  res.statusCode = response.status ?? 200;
  if (response.body.kind === 'complete') return void res.end(response.body.string);
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}
