// The route table and its middleware over a real node:http server: plain requests with fetch,
// WebSocket upgrades as raw HTTP/1.1 over a TCP socket (what a browser sends, minus the frames).
import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { bearerAuth } from './bearer-auth.js';
import { cors } from './cors.js';
import { RateLimiter, rateLimit } from './rate-limit.js';
import { sendText } from './respond.js';
import { createRouter, type Middleware, type Route, type RouterOptions } from './router.js';

type Label = 'exact' | 'prefix' | 'both' | 'catchall' | 'guarded' | 'ws' | 'other';

let server: Server | undefined;
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

/** Serves `options` on a free port; returns its base URL. */
async function serve(options: Partial<RouterOptions<Label>> & { routes: Route<Label>[] }): Promise<string> {
  const router = createRouter<Label>({
    notFound: ({ rawPath, upgrade }) => ({ status: 404, text: `${upgrade ? 'no upgrade' : 'nothing'} at ${rawPath}\n` }),
    otherLabel: 'other',
    onError: () => {},
    ...options,
  });
  server = createServer(router.handleRequest);
  server.on('upgrade', router.handleUpgrade);
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A route answering its label and the path it saw. */
const echo = (label: Label, paths: string[], extra: Partial<Route<Label>> = {}): Route<Label> => ({
  paths,
  label,
  serve: ({ res, rawPath, search }) => sendText(res, 200, `${label} ${rawPath}${search}`),
  ...extra,
});

/** GET with the path sent as written (fetch would resolve `%2e%2e`). */
function rawGet(base: string, path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(base);
    request({ hostname, port, path }, (res) => {
      let text = '';
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve(`${res.statusCode} ${text}`));
    })
      .on('error', reject)
      .end();
  });
}

/** Sends a WebSocket upgrade request; resolves with the raw response text once the server ends it. */
function upgradeRequest(base: string, path: string, headers: Record<string, string> = {}): Promise<string> {
  const { port } = new URL(base);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1');
    let text = '';
    socket.on('data', (chunk) => (text += chunk.toString('latin1')));
    socket.on('end', () => resolve(text));
    socket.on('error', reject);
    const lines = Object.entries({
      host: `127.0.0.1:${port}`,
      connection: 'Upgrade',
      upgrade: 'websocket',
      'sec-websocket-version': '13',
      'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
      ...headers,
    });
    socket.write(`GET ${path} HTTP/1.1\r\n${lines.map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`);
  });
}

/** A route that takes upgrades by answering 101 and closing (the test needs no frames). */
const upgradable = (taken: string[]): Route<Label> =>
  echo('ws', ['/ws'], {
    upgrade(req, socket) {
      taken.push(req.url ?? '');
      socket.end('HTTP/1.1 101 Switching Protocols\r\nconnection: Upgrade\r\nupgrade: websocket\r\n\r\n');
    },
  });

describe('route table', () => {
  it('matches exact paths, prefixes in table order and several paths per route; the rest is notFound', async () => {
    const seen: [Label, string, number][] = [];
    const base = await serve({
      routes: [echo('exact', ['/exact']), echo('both', ['/both', '/both/*']), echo('prefix', ['/files/special/*']), echo('catchall', ['/files/*'])],
      observe: (label, req, status) => seen.push([label, req.url!, status]),
    });
    const get = async (path: string) => {
      const res = await fetch(base + path);
      return `${res.status} ${await res.text()}`;
    };
    expect(await get('/exact')).toBe('200 exact /exact');
    expect(await get('/exact?x=1')).toBe('200 exact /exact?x=1');
    expect(await get('/exactly')).toBe('404 nothing at /exactly\n');
    expect(await get('/both')).toBe('200 both /both');
    expect(await get('/both/a/b')).toBe('200 both /both/a/b');
    expect(await get('/files/special/x')).toBe('200 prefix /files/special/x');
    expect(await get('/files/x')).toBe('200 catchall /files/x');
    // The raw path reaches the handler: `..` is not resolved away before it can be refused.
    expect(await rawGet(base, '/files/%2e%2e/secret')).toBe('200 catchall /files/%2e%2e/secret');
    expect(seen).toContainEqual(['exact', '/exact', 200]);
    expect(seen).toContainEqual(['other', '/exactly', 404]);
    expect(seen).toContainEqual(['catchall', '/files/x', 200]);
  });

  it('runs global middleware, then the route’s; the first answer wins and headers set on the way are kept', async () => {
    const order: string[] = [];
    const mark =
      (name: string, answer?: number): Middleware =>
      ({ setHeader }) => {
        order.push(name);
        setHeader(`x-${name}`, 'yes');
        return answer ? { status: answer, json: { by: name } } : undefined;
      };
    const base = await serve({
      use: [mark('global')],
      routes: [echo('exact', ['/pass'], { use: [mark('route')] }), echo('guarded', ['/stop'], { use: [mark('guard', 418), mark('never')] })],
    });
    const pass = await fetch(`${base}/pass`);
    expect(pass.status).toBe(200);
    expect(pass.headers.get('x-global')).toBe('yes');
    expect(pass.headers.get('x-route')).toBe('yes');
    expect(order).toEqual(['global', 'route']);

    order.length = 0;
    const stop = await fetch(`${base}/stop`);
    expect(stop.status).toBe(418);
    expect(stop.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(stop.headers.get('x-global')).toBe('yes');
    expect(await stop.json()).toEqual({ by: 'guard' });
    expect(order).toEqual(['global', 'guard']);

    // Unmatched paths still pass the global middleware (CORS headers on 404s).
    order.length = 0;
    expect((await fetch(`${base}/nope`)).headers.get('x-global')).toBe('yes');
    expect(order).toEqual(['global']);
  });

  it('answers 500 (and reports the error) when a handler throws', async () => {
    const errors: unknown[] = [];
    const base = await serve({
      routes: [{ paths: ['/boom'], label: 'exact', serve: async () => Promise.reject(new Error('broken')) }],
      onError: (e) => errors.push(e),
    });
    const res = await fetch(`${base}/boom`);
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ error: 'internal server error' });
    expect(errors).toHaveLength(1);
  });

  it('routes upgrades through the same table and middleware, and refuses with the middleware’s answer', async () => {
    const taken: string[] = [];
    const refuseMarked: Middleware = ({ req }) => (req.headers['x-refuse'] ? { status: 429, headers: { 'retry-after': '7' }, json: { refused: true } } : undefined);
    let globalRan = 0;
    const base = await serve({
      use: [() => void globalRan++],
      routes: [upgradable(taken), echo('exact', ['/plain'])],
    });
    expect(await upgradeRequest(base, '/ws?x=1')).toMatch(/^HTTP\/1\.1 101 /);
    expect(taken).toEqual(['/ws?x=1']);
    expect(globalRan).toBe(1);

    // A path that takes no upgrade: 404 from notFound, before any middleware.
    const none = await upgradeRequest(base, '/plain');
    expect(none).toMatch(/^HTTP\/1\.1 404 Not Found\r\n/);
    expect(none).toMatch(/\r\nconnection: close\r\n/);
    expect(none.endsWith('\r\n\r\nno upgrade at /plain\n')).toBe(true);
    expect(globalRan).toBe(1);

    await new Promise<void>((resolve) => server!.close(() => resolve()));
    const guarded = await serve({ routes: [upgradable(taken)].map((r) => ({ ...r, use: [refuseMarked] })) });
    const refused = await upgradeRequest(guarded, '/ws', { 'x-refuse': '1' });
    expect(refused).toMatch(/^HTTP\/1\.1 429 Too Many Requests\r\n/);
    expect(refused).toMatch(/\r\nretry-after: 7\r\n/);
    expect(refused).toMatch(/\r\ncontent-type: application\/json; charset=utf-8\r\n/);
    expect(refused.endsWith('\r\n\r\n{"refused":true}')).toBe(true);
    expect(taken).toEqual(['/ws?x=1']);
  });
});

describe('shared middleware', () => {
  it('cors: reflects allowed origins, answers preflights, refuses other origins’ preflights and upgrades', async () => {
    const taken: string[] = [];
    const base = await serve({ use: [cors(['https://maps.example.org'])], routes: [upgradable(taken), echo('exact', ['/api'])] });
    const ok = await fetch(`${base}/api`, { headers: { origin: 'https://maps.example.org' } });
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://maps.example.org');
    expect(ok.headers.get('vary')).toBe('Origin');
    const other = await fetch(`${base}/api`, { headers: { origin: 'https://evil.example.com' } });
    expect(other.status).toBe(200);
    expect(other.headers.get('access-control-allow-origin')).toBeNull();

    const preflight = (origin: string) => fetch(`${base}/api`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST' } });
    const allowed = await preflight('https://maps.example.org');
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-methods')).toBe('GET, HEAD, POST, OPTIONS');
    expect(allowed.headers.get('content-length')).toBe('0');
    const refused = await preflight('https://evil.example.com');
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('FORBIDDEN');

    expect(await upgradeRequest(base, '/ws', { origin: 'https://evil.example.com' })).toMatch(/^HTTP\/1\.1 403 Forbidden\r\n[\s\S]*may not open subscriptions/);
    expect(await upgradeRequest(base, '/ws', { origin: 'https://maps.example.org' })).toMatch(/^HTTP\/1\.1 101 /);
    expect(await upgradeRequest(base, '/ws')).toMatch(/^HTTP\/1\.1 101 /);
    expect(taken).toHaveLength(2);
  });

  it('rateLimit: one bucket per client for requests and upgrades alike, 429 RATE_LIMITED with Retry-After', async () => {
    let now = 0;
    const limiter = new RateLimiter(1, 2, () => now);
    const limit = rateLimit(limiter, (req: IncomingMessage) => String(req.headers['x-client']), 1, 2);
    const taken: string[] = [];
    const base = await serve({ routes: [upgradable(taken), echo('exact', ['/api'])].map((r) => ({ ...r, use: [limit] })) });
    const as = (client: string) => ({ headers: { 'x-client': client } });
    expect((await fetch(`${base}/api`, as('a'))).status).toBe(200);
    expect(await upgradeRequest(base, '/ws', { 'x-client': 'a' })).toMatch(/^HTTP\/1\.1 101 /);
    const limited = await fetch(`${base}/api`, as('a'));
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    expect(((await limited.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('RATE_LIMITED');
    expect(await upgradeRequest(base, '/ws', { 'x-client': 'a' })).toMatch(/^HTTP\/1\.1 429 Too Many Requests\r\n[\s\S]*retry-after: 1\r\n/);
    expect((await fetch(`${base}/api`, as('b'))).status).toBe(200);
    now += 1000;
    expect((await fetch(`${base}/api`, as('a'))).status).toBe(200);
  });

  it('bearerAuth: 401 without a token, 403 with another, through with the right one or when none is set', async () => {
    const base = await serve({
      routes: [
        echo('guarded', ['/guarded'], { use: [bearerAuth('s3cret', '/guarded', 'RADOME_TEST_TOKEN')] }),
        echo('exact', ['/open'], { use: [bearerAuth(undefined, '/open', 'RADOME_TEST_TOKEN')] }),
      ],
    });
    const code = async (res: Response) => ((await res.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code;
    const none = await fetch(`${base}/guarded`);
    expect(none.status).toBe(401);
    expect(await code(none)).toBe('UNAUTHENTICATED');
    const wrong = await fetch(`${base}/guarded`, { headers: { authorization: 'Bearer nope' } });
    expect(wrong.status).toBe(403);
    expect(await code(wrong)).toBe('FORBIDDEN');
    expect((await fetch(`${base}/guarded`, { headers: { authorization: 'Bearer s3cret' } })).status).toBe(200);
    expect((await fetch(`${base}/open`)).status).toBe(200);
  });
});
