// Abuse and security: every attack is refused with its own code and a message saying what to
// change, never with a 5xx.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRadomeServer } from '../../server/index.js';
import { openReadOnlyCatalog } from '../../store/catalog/index.js';
import { createRadarFixture, postGraphql, startTestServer, type RadarFixture, type TestServer } from '../support/radar-fixture.js';

let fixture: RadarFixture;
let server: TestServer;

beforeAll(async () => {
  fixture = await createRadarFixture();
  server = await startTestServer(fixture, { config: { maxDepth: 8, maxAliases: 20, maxTokens: 3000, maxCost: 20_000, maxBodyBytes: 64 * 1024 } });
});

afterAll(async () => {
  await server?.close();
  fixture?.remove();
});

async function rejected(query: string, variables: Record<string, unknown> = {}) {
  const { status, body } = await postGraphql(server.graphqlUrl, query, variables);
  expect(status).toBeLessThan(500);
  expect(body.errors, JSON.stringify(body)).toBeDefined();
  return { status, code: body.errors![0]!.extensions?.code, message: body.errors![0]!.message, data: body.data };
}

describe('query limits', () => {
  it('refuses a depth bomb', async () => {
    let inner = 'id';
    for (let i = 0; i < 20; i++) inner = `volume { sweeps { ${inner} } }`;
    const r = await rejected(`{ sweeps(first: 1) { edges { node { ${inner} } } } }`);
    expect(r.status).toBe(400);
    expect(r.code).toBe('QUERY_TOO_COMPLEX');
    expect(r.message).toMatch(/more than 8 deep/);
  });

  it('refuses an alias bomb by its aliases, and a huge one by its size before validating it', async () => {
    const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: radarSites { id }`).join(' ')} }`;
    const some = await rejected(aliases(50));
    expect(some.code).toBe('QUERY_TOO_COMPLEX');
    expect(some.message).toMatch(/more than 20 aliased fields/);
    const huge = await rejected(aliases(1_500));
    expect(huge.status).toBe(400);
    expect(huge.code).toBe('QUERY_TOO_COMPLEX');
    expect(huge.message).toMatch(/more than 3000 tokens/);
  });

  it('refuses a cost bomb (nested pages) before running it', async () => {
    const r = await rejected(`{ volumes(first: 500) { edges { node { id sweeps { id site { id } volume { id sweeps { id imageUrl } } } } } } }`);
    expect(r.status).toBe(400);
    expect(r.code).toBe('QUERY_TOO_COMPLEX');
    expect(r.message).toMatch(/estimated cost is \d+, over the limit of 20000; ask for smaller pages/);
  });

  it('costs each request with its own variables (one document, cached verdicts)', async () => {
    const query = `query($n: Int!) { volumes(first: $n) { edges { node { id sweeps { id site { id } volume { id sweeps { id imageUrl } } } } } } }`;
    const small = await postGraphql(server.graphqlUrl, query, { n: 1 });
    expect(small.body.errors).toBeUndefined();
    const big = await rejected(query, { n: 500 });
    expect(big.code).toBe('QUERY_TOO_COMPLEX');
    expect(big.message).toMatch(/estimated cost is \d+, over the limit of 20000/);
    expect((await postGraphql(server.graphqlUrl, query, { n: 1 })).body).toEqual(small.body);
  });

  it('stops a query that runs past the execution timeout, and gives the next request its own time', async () => {
    // A real catalog whose site list takes 250 ms, as a read over a huge table would; the timeout is
    // 100 ms: room for a first execution's cold code paths (over 20 ms on Node 24 on a busy machine).
    const catalog = await openReadOnlyCatalog(fixture.catalogPath);
    const sites = catalog.reader.radar.sites;
    catalog.reader.radar.sites = () => {
      const until = performance.now() + 250;
      while (performance.now() < until);
      return sites();
    };
    const slow = await createRadomeServer({ catalog: catalog.reader, objects: fixture.objects, config: { executionTimeoutMs: 100 } }).listen(0, '127.0.0.1');
    try {
      const { status, body } = await postGraphql(`${slow.url}/graphql`, '{ radarSites { id } sweeps(first: 1) { edges { node { id volume { id } } } } }');
      expect(status).toBeLessThan(500);
      expect(body.errors).toHaveLength(1);
      expect(body.errors![0]!.extensions?.code).toBe('QUERY_TOO_COMPLEX');
      expect(body.errors![0]!.message).toMatch(/ran longer than 100 ms \(the limit\) and was stopped/);
      expect((body.errors![0] as { path?: string[] }).path).toEqual(['sweeps']);
      // Reads through DataLoaders are stopped too: the volume batch runs after radarSites, past the deadline.
      const nested = await postGraphql(`${slow.url}/graphql`, '{ sweeps(first: 1) { edges { node { volume { id } } } } radarSites { id } }');
      expect(nested.body.errors?.map((e) => [e.extensions?.code, (e as { path?: (string | number)[] }).path])).toEqual([['QUERY_TOO_COMPLEX', ['sweeps', 'edges', 0, 'node', 'volume']]]);
      const fast = await postGraphql(`${slow.url}/graphql`, '{ sweeps(first: 1) { totalCount } }');
      expect(fast.body.errors).toBeUndefined();
      expect(fast.body.data.sweeps.totalCount).toBeGreaterThan(0);
    } finally {
      await slow.close();
      await catalog.close();
    }
  });

  it('refuses a 100-year hourly radar coverage by its bucket count', async () => {
    const r = await rejected(`{ radarCoverage(sites: ["KLOT"], from: "1925-01-01T00:00:00Z", to: "2025-01-01T00:00:00Z", interval: "PT1H") { volumes } }`);
    expect(r.code).toBe('BAD_USER_INPUT');
    expect(r.message).toMatch(/876\d+ buckets .* more than 100000; use a longer interval, a shorter range or fewer sites/);
  });

  it('refuses a page of a million with the maximum page size', async () => {
    const r = await rejected(`{ sweeps(first: 1000000) { totalCount } }`);
    expect(r.code).toBe('BAD_USER_INPUT');
    expect(r.message).toMatch(/first must be between 1 and 500/);
  });

  it('refuses batched requests (one operation per request)', async () => {
    const res = await fetch(server.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ query: '{ radarSites { id } }' }, { query: '{ radarSites { id } }' }]),
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/batching/i);
  });
});

describe('request bodies', () => {
  it('refuses malformed JSON with 400 BAD_USER_INPUT', async () => {
    for (const body of ['{"query":', 'not json', '{"query": "{ radarSites { id } }",}']) {
      const res = await fetch(server.graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      expect(res.status, body).toBe(400);
      const json = (await res.json()) as { errors: { message: string; extensions: { code: string } }[] };
      expect(json.errors[0]!.extensions.code).toBe('BAD_USER_INPUT');
      expect(json.errors[0]!.message).toMatch(/not valid JSON .*send \{"query"/);
    }
  });

  it('refuses a 10 MB body with 413 and reads no further than it must', async () => {
    const body = JSON.stringify({ query: `{ radarSites { id } }`, variables: { pad: 'x'.repeat(10 * 1024 * 1024) } });
    const res = await fetch(server.graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(res.status).toBe(413);
    const json = (await res.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(json.errors[0]!.extensions.code).toBe('BAD_USER_INPUT');
    expect(json.errors[0]!.message).toMatch(/over 65536 bytes/);
    // The server still answers afterwards.
    expect((await postGraphql(server.graphqlUrl, '{ radarSites { id } }')).status).toBe(200);
  });
});

describe('automatic persisted queries', () => {
  it('asks for the query once, then runs it by hash', async () => {
    const query = '{ radarSites { id } }';
    const sha256Hash = createHash('sha256').update(query).digest('hex');
    const extensions = { persistedQuery: { version: 1, sha256Hash } };
    const post = (body: unknown) => fetch(server.graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then((r) => r.json() as Promise<any>);
    expect((await post({ extensions })).errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect((await post({ query, extensions })).data.radarSites).toHaveLength(2);
    expect((await post({ extensions })).data.radarSites).toEqual([{ id: 'KILX' }, { id: 'KLOT' }]);
  });
});

describe('per-client rate limit', () => {
  it('answers 429 RATE_LIMITED with Retry-After once the burst is spent', async () => {
    const limited = await startTestServer(fixture, { config: { rateLimitPerSecond: 1, rateLimitBurst: 3 } });
    try {
      const statuses: number[] = [];
      let last: Response | undefined;
      for (let i = 0; i < 5; i++) {
        last = await fetch(limited.graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ radarSites { id } }' }) });
        statuses.push(last.status);
        if (last.status === 200) await last.arrayBuffer();
      }
      expect(statuses.slice(0, 3)).toEqual([200, 200, 200]);
      expect(statuses.at(-1)).toBe(429);
      expect(Number(last!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      const json = (await last!.json()) as any;
      expect(json.errors[0].extensions.code).toBe('RATE_LIMITED');
      expect(json.errors[0].message).toMatch(/retry after \d+ s/);
      // Objects are not rate limited (maps load many at once).
      expect((await fetch(`${limited.url}/objects/${fixture.sweeps[0]!.imageKey}`)).status).toBe(200);
    } finally {
      await limited.close();
    }
  });
});

describe('error answers', () => {
  it('carry no stack trace by default, and one only with RADOME_DEBUG_ERRORS (debugErrors)', async () => {
    const query = '{ sweeps(first: 1, after: "x") { totalCount } }';
    const plain = await postGraphql(server.graphqlUrl, query);
    expect(plain.status).toBe(400);
    expect(plain.body.errors![0]!.extensions).toEqual({ code: 'BAD_USER_INPUT' });
    const debug = await startTestServer(fixture, { config: { debugErrors: true } });
    try {
      const traced = await postGraphql(debug.graphqlUrl, query);
      expect(traced.body.errors![0]!.extensions?.code).toBe('BAD_USER_INPUT');
      expect(((traced.body.errors![0]!.extensions as { stacktrace?: string[] }).stacktrace ?? []).join('\n')).toMatch(/RadomeError: after: not a cursor/);
    } finally {
      await debug.close();
    }
  });
});

describe('production switches and CORS allowlist', () => {
  let prod: TestServer;
  beforeAll(async () => {
    prod = await startTestServer(fixture, { config: { introspection: false, graphiql: false, corsOrigins: ['https://maps.example.org'] } });
  });
  afterAll(() => prod?.close());

  it('turns introspection off', async () => {
    const { status, body } = await postGraphql(prod.graphqlUrl, '{ __schema { types { name } } }');
    expect(status).toBe(400);
    expect(body.errors![0]!.message).toMatch(/introspection/i);
    expect((await postGraphql(prod.graphqlUrl, '{ radarSites { id } }')).status).toBe(200);
  });

  it('turns GraphiQL off', async () => {
    const res = await fetch(`${prod.url}/graphiql/`);
    expect(res.status).toBe(404);
    expect(await res.text()).toMatch(/RADOME_GRAPHIQL/);
  });

  it('allows listed origins only', async () => {
    const preflight = (origin: string) => fetch(prod.graphqlUrl, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } });
    const ok = await preflight('https://maps.example.org');
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://maps.example.org');
    const refused = await preflight('https://evil.example.com');
    expect(refused.status).toBe(403);
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    expect(((await refused.json()) as any).errors[0].extensions.code).toBe('FORBIDDEN');
  });
});

describe('observability', () => {
  it('/readyz checks the catalog and the object store', async () => {
    const res = await fetch(`${server.url}/readyz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ready', catalog: { ok: true }, objects: { ok: true } });
  });

  it('/metrics counts requests, latencies and errors in Prometheus text', async () => {
    await postGraphql(server.graphqlUrl, '{ sweeps(first: 1000000) { totalCount } }');
    const text = await (await fetch(`${server.url}/metrics`)).text();
    expect(text).toMatch(/^radome_http_requests_total\{route="graphql",method="POST",status="200"\} \d+$/m);
    expect(text).toMatch(/^radome_http_request_duration_seconds_bucket\{route="graphql",le="0.025"\} \d+$/m);
    expect(text).toMatch(/^radome_http_request_duration_seconds_count\{route="graphql"\} \d+$/m);
    expect(text).toMatch(/^radome_graphql_errors_total\{code="BAD_USER_INPUT"\} \d+$/m);
    expect(text).toMatch(/^radome_ingest_lag_seconds \d+(\.\d+)?$/m);
    expect(text).toMatch(/^radome_subscriptions_active 0$/m);
  });

  it('/metrics can require a bearer token', async () => {
    const guarded = await startTestServer(fixture, { config: { metricsToken: 's3cret' } });
    try {
      const none = await fetch(`${guarded.url}/metrics`);
      expect(none.status).toBe(401);
      expect(((await none.json()) as any).errors[0].extensions.code).toBe('UNAUTHENTICATED');
      const wrong = await fetch(`${guarded.url}/metrics`, { headers: { authorization: 'Bearer nope' } });
      expect(wrong.status).toBe(403);
      expect(((await wrong.json()) as any).errors[0].extensions.code).toBe('FORBIDDEN');
      expect((await fetch(`${guarded.url}/metrics`, { headers: { authorization: 'Bearer s3cret' } })).status).toBe(200);
    } finally {
      await guarded.close();
    }
  });
});
