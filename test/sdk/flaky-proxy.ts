// A node:http proxy (with CORS) in front of a radome server that answers chosen requests itself (503 with
// Retry-After, 429, a dropped connection) and forwards the rest: real retries over real sockets.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What to do with request number n (from 0): forward it, or answer it like this. */
export type ProxyAnswer = 'forward' | 'drop' | { status: number; headers?: Record<string, string>; body?: string };

export interface FlakyProxy {
  graphqlUrl: string;
  /** Times (ms since epoch) requests arrived, in order. */
  arrivals: number[];
  close(): Promise<void>;
}

export async function startFlakyProxy(target: string, answer: (n: number) => ProxyAnswer): Promise<FlakyProxy> {
  const arrivals: number[] = [];
  // CORS as the radome server does it, Retry-After exposed, so browser pages can use the proxy too.
  const cors = { 'access-control-allow-origin': '*', 'access-control-expose-headers': 'Retry-After' };
  const server = createServer(async (req, res) => {
    if (req.method === 'OPTIONS') {
      return void res.writeHead(204, { ...cors, 'access-control-allow-methods': 'POST', 'access-control-allow-headers': 'content-type, accept' }).end();
    }
    const n = arrivals.push(Date.now()) - 1;
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const a = answer(n);
    if (a === 'drop') return void req.socket.destroy();
    if (a !== 'forward') {
      res.writeHead(a.status, { 'content-type': 'application/json', ...cors, ...a.headers });
      return void res.end(a.body ?? JSON.stringify({ errors: [{ message: `answered ${a.status} by the test proxy` }] }));
    }
    const upstream = await fetch(target, { method: 'POST', headers: { 'content-type': 'application/json' }, body: Buffer.concat(chunks) });
    res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json', ...cors });
    res.end(Buffer.from(await upstream.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    graphqlUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    arrivals,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
