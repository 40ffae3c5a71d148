// An HTTP proxy in front of s3rver that records every ListObjectsV2 call (bucket, prefix,
// start-after, keys returned), so tests and benches can check how hard a client lists a bucket.
// Requests pass through unchanged: the client signs for the proxy's host, which s3rver checks.
// One upstream connection a request: s3rver closes idle kept-alive sockets, which would fail reused ones.
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ListCall {
  bucket: string;
  prefix: string;
  /** The StartAfter the call gave, or null (a listing from the prefix's start). */
  startAfter: string | null;
  /** Keys in the response page. */
  keys: number;
  at: number;
}

export interface CountingProxy {
  endpoint: string;
  lists: ListCall[];
  /** Requests of any kind passed through. */
  requests(): number;
  close(): Promise<void>;
}

export async function startCountingProxy(target: { host: string; port: number }): Promise<CountingProxy> {
  const lists: ListCall[] = [];
  let requests = 0;
  const server: Server = createServer((req, res) => {
    requests++;
    const url = new URL(req.url ?? '/', 'http://proxy');
    const isList = req.method === 'GET' && url.searchParams.get('list-type') === '2';
    const upstream = request({ host: target.host, port: target.port, method: req.method, path: req.url, headers: req.headers, agent: false }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      if (!isList) {
        up.pipe(res);
        return;
      }
      const parts: Buffer[] = [];
      up.on('data', (d: Buffer) => {
        parts.push(d);
        res.write(d);
      });
      up.on('end', () => {
        res.end();
        const body = Buffer.concat(parts).toString();
        lists.push({
          bucket: url.pathname.split('/')[1] ?? '',
          prefix: url.searchParams.get('prefix') ?? '',
          startAfter: url.searchParams.get('start-after'),
          keys: body.split('<Key>').length - 1,
          at: Date.now(),
        });
      });
    });
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    lists,
    requests: () => requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
