// The SDK in Node against a radome server over data ingested through the real ingest path.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, parse, type OperationDefinitionNode } from 'graphql';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import {
  createRadomeClient,
  imageOverlay,
  parseRetryAfter,
  RadomeClientError,
  type RadomeResult,
  type SnrSeriesQuery,
  type SweepFieldsFragment,
  type VolumeFieldsFragment,
} from '../../sdk/src/index.js';
import { repoRoot } from '../sample-data.js';
import { startFlakyProxy } from './flaky-proxy.js';
import { HYDROMETEOR_HOURS, LEVEL2_T0, startIngestedServer, SWEEPS_PER_VOLUME, VOLUME_COUNT, VOLUME_EVERY_MS, type IngestedServer } from './ingested-server.js';

let server: IngestedServer;

beforeAll(async () => {
  server = await startIngestedServer();
});

afterAll(async () => {
  await server?.close();
});

/** A fetch that counts requests and records their operation names. */
function countingFetch() {
  const operations: string[] = [];
  const fn: typeof fetch = (input, init) => {
    operations.push(JSON.parse(String(init?.body)).operationName);
    return fetch(input, init);
  };
  return { fetch: fn, operations };
}

const lowerFirst = (s: string) => s[0]!.toLowerCase() + s.slice(1);

describe('every operation the server offers has a typed method', () => {
  const schema = buildSchema(readFileSync(join(repoRoot, 'schema', 'schema.graphql'), 'utf8'));
  const dir = join(repoRoot, 'schema', 'operations');
  const definitions = readdirSync(dir)
    .filter((f) => f.endsWith('.graphql'))
    .flatMap((f) => parse(readFileSync(join(dir, f), 'utf8')).definitions)
    .filter((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition');

  it('each root field of Query, Mutation and Subscription is selected by an operation in schema/operations', () => {
    const covered = new Set(definitions.flatMap((d) => d.selectionSet.selections.map((s) => (s.kind === 'Field' ? `${d.operation}.${s.name.value}` : ''))));
    const roots = [
      ['query', schema.getQueryType()],
      ['mutation', schema.getMutationType()],
      ['subscription', schema.getSubscriptionType()],
    ] as const;
    const fields = roots.flatMap(([op, type]) => Object.keys(type?.getFields() ?? {}).map((f) => `${op}.${f}`));
    expect(fields.filter((f) => !covered.has(f))).toEqual([]);
  });

  it('each query and mutation operation is a client method', () => {
    const client = createRadomeClient({ url: server.graphqlUrl }) as unknown as Record<string, unknown>;
    const missing = definitions.filter((d) => d.operation !== 'subscription' && typeof client[lowerFirst(d.name!.value)] !== 'function');
    expect(missing.map((d) => d.name!.value)).toEqual([]);
  });
});

describe('methods against ingested data', () => {
  const client = () => createRadomeClient({ url: server.graphqlUrl });

  it('radar sites, volumes and sweeps', async () => {
    const c = client();
    const sites = await c.radarSites();
    if (sites.error) throw sites.error;
    expect(sites.data.radarSites.map((s) => s.id)).toEqual(['KLOT']);
    expect(sites.data.radarSites[0]!.latitude).toBeCloseTo(41.604, 2);

    const site = await c.radarSite({ id: 'KLOT' });
    const latestStart = LEVEL2_T0 + (VOLUME_COUNT - 1) * VOLUME_EVERY_MS;
    expect(Math.abs(Date.parse(site.data!.radarSite!.latestVolume!.scanStart) - latestStart)).toBeLessThan(1000);
    expect(site.data?.radarSite?.latestVolume?.vcp).toBe(35);
    expect((await c.radarSite({ id: 'KXXX' })).data).toEqual({ radarSite: null });

    const volumes = await c.volumes({ filter: { site: 'KLOT' }, order: 'ASC' });
    if (volumes.error) throw volumes.error;
    expect(volumes.data.volumes.totalCount).toBe(VOLUME_COUNT);
    const first = volumes.data.volumes.edges[0]!.node;
    expectTypeOf(first).toEqualTypeOf<VolumeFieldsFragment>();
    expect(first).toMatchObject({ site: { id: 'KLOT' }, vcp: 35, sweepCount: SWEEPS_PER_VOLUME, sourceKey: 'level2-0' });

    const volume = await c.volume({ id: first.id, moments: ['REF'] });
    expect(volume.data?.volume?.sweeps.map((s) => s.elevationNumber)).toEqual([1, 2, 3]);

    const sweeps = await c.sweeps({ filter: { volumeId: first.id, moment: 'VEL' } });
    if (sweeps.error) throw sweeps.error;
    const vel = sweeps.data.sweeps.edges.map((e) => e.node);
    expect(vel.map((s) => s.moment)).toEqual(['VEL', 'VEL']);
    const sweep = await c.sweep({ id: vel[0]!.id });
    expect(sweep.data?.sweep?.volume.id).toBe(first.id);
    const png = await fetch(sweep.data!.sweep!.imageUrl);
    expect(png.headers.get('content-type')).toBe('image/png');
    expect(new Uint8Array(await png.arrayBuffer()).subarray(1, 4)).toEqual(new TextEncoder().encode('PNG'));
  });

  it('products, product codes and the latest products', async () => {
    const c = client();
    const products = await c.products({ filter: { site: 'KLOT', mnemonics: ['N0H'] } });
    if (products.error) throw products.error;
    expect(products.data.products.totalCount).toBe(HYDROMETEOR_HOURS);
    const newest = products.data.products.edges[0]!.node;
    expect(newest).toMatchObject({ code: 165, mnemonic: 'N0H', category: 'HYDROMETEOR' });
    const product = await c.product({ id: newest.id });
    expect(product.data?.product?.rawUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/objects\//);

    const codes = await c.productCodes({ site: 'KLOT' });
    expect(codes.data?.productCodes.map((p) => [p.mnemonic, p.count])).toEqual([
      ['N0H', HYDROMETEOR_HOURS],
      ['DAA', 1],
    ]);
    const latest = await c.latestProducts({ site: 'KLOT', codes: [165] });
    expect(latest.data?.latestProducts.map((p) => p.id)).toEqual([newest.id]);
  });

  it('GNSS stations, SNR series and summary', async () => {
    const c = client();
    const stations = await c.gnssStations();
    expect(stations.data?.gnssStations.map((s) => s.id)).toEqual(['SYNT']);
    const station = await c.gnssStation({ id: 'SYNT' });
    expect(station.data?.gnssStation).toMatchObject({ id: 'SYNT', dayCount: 2, firstDay: '2024-02-29', lastDay: '2024-03-01' });

    const series = await c.snrSeries({ station: 'SYNT', from: '2024-02-29T00:00:00Z', to: '2024-03-02T00:00:00Z', interval: 'P1D' });
    expectTypeOf(series).toEqualTypeOf<RadomeResult<SnrSeriesQuery>>();
    if (series.error) throw series.error;
    expect(series.data.snrSeries.points.map((p) => p.start)).toEqual(['2024-02-29T00:00:00.000Z', '2024-03-01T00:00:00.000Z']);
    const summary = await c.snrSummary({ station: 'SYNT', from: '2024-02-29T00:00:00Z', to: '2024-03-02T00:00:00Z', groupBy: ['CONSTELLATION'] });
    if (summary.error) throw summary.error;
    const total = series.data.snrSeries.points.reduce((n, p) => n + p.count, 0);
    expect(summary.data.snrSummary.total?.count).toBe(total);
    expect(summary.data.snrSummary.groups.reduce((n, g) => n + g.count, 0)).toBe(total);
  });
});

describe('iterators follow cursors with a bounded page size', () => {
  it('walks every sweep over several pages, newest first', async () => {
    const counting = countingFetch();
    const c = createRadomeClient({ url: server.graphqlUrl, fetch: counting.fetch });
    const sweeps: SweepFieldsFragment[] = [];
    for await (const sweep of c.iterate.sweeps({ filter: { site: 'KLOT' } }, { pageSize: 7 })) {
      expectTypeOf(sweep).toEqualTypeOf<SweepFieldsFragment>();
      sweeps.push(sweep);
    }
    const total = VOLUME_COUNT * SWEEPS_PER_VOLUME;
    expect(sweeps).toHaveLength(total);
    expect(new Set(sweeps.map((s) => s.id)).size).toBe(total);
    expect(counting.operations).toEqual(Array(Math.ceil(total / 7)).fill('Sweeps'));
    const starts = sweeps.map((s) => Date.parse(s.startTime));
    expect(starts).toEqual([...starts].sort((a, b) => b - a));
  });

  it('walks volumes, site volumes and products; stops at a limit; shrinks pages the server finds too costly', async () => {
    const counting = countingFetch();
    const c = createRadomeClient({ url: server.graphqlUrl, fetch: counting.fetch });
    const collect = async <T>(it: AsyncIterable<T>) => {
      const out: T[] = [];
      for await (const x of it) out.push(x);
      return out;
    };
    const volumes = await collect(c.iterate.volumes({ filter: { site: 'KLOT' }, order: 'ASC' }, { pageSize: 3 }));
    expect(volumes.map((v) => v.sourceKey)).toEqual(['level2-0', 'level2-1', 'level2-2', 'level2-3']);
    const siteVolumes = await collect(c.iterate.siteVolumes({ id: 'KLOT', order: 'ASC' }, { pageSize: 1 }));
    expect(siteVolumes.map((v) => v.id)).toEqual(volumes.map((v) => v.id));
    const products = await collect(c.iterate.products({ filter: { site: 'KLOT' } }, { pageSize: 2 }));
    expect(products.map((p) => p.mnemonic).sort()).toEqual(['DAA', 'N0H', 'N0H', 'N0H']);
    expect(counting.operations).toEqual(['Volumes', 'Volumes', ...Array(4).fill('RadarSiteVolumes'), 'Products', 'Products']);

    counting.operations.length = 0;
    const limited = await collect(c.iterate.sweeps({}, { pageSize: 4, limit: 6 }));
    expect(limited).toHaveLength(6);
    expect(counting.operations).toHaveLength(2);
    // 10000 is clamped to 500, which the server refuses as too costly (QUERY_TOO_COMPLEX with
    // cost and maxCost): the iterator asks again with a page that fits.
    counting.operations.length = 0;
    expect((await collect(c.iterate.sweeps({}, { pageSize: 10_000 }))).length).toBe(VOLUME_COUNT * SWEEPS_PER_VOLUME);
    expect(counting.operations).toEqual(['Sweeps', 'Sweeps']);
    const refused = await c.sweeps({ first: 500 });
    expect(refused.error?.errors?.[0]).toMatchObject({ code: 'QUERY_TOO_COMPLEX', extensions: { maxCost: expect.any(Number), cost: expect.any(Number) } });
  });

  it('throws the typed error of a failed page', async () => {
    const c = createRadomeClient({ url: server.graphqlUrl });
    const walk = async () => {
      for await (const _ of c.iterate.sweeps({ filter: { site: 'Chicago' } })) void _;
    };
    const error = await walk().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RadomeClientError);
    expect((error as RadomeClientError).kind).toBe('graphql');
    expect((error as RadomeClientError).code).toBe('BAD_USER_INPUT');
  });
});

describe('retries of queries', () => {
  it('retries a 503 after the Retry-After seconds, then returns the data', async () => {
    const proxy = await startFlakyProxy(server.graphqlUrl, (n) => (n === 0 ? { status: 503, headers: { 'retry-after': '1' } } : 'forward'));
    try {
      const result = await createRadomeClient({ url: proxy.graphqlUrl }).radarSites();
      expect(result.error).toBeUndefined();
      expect(result.data?.radarSites[0]?.id).toBe('KLOT');
      expect(proxy.arrivals).toHaveLength(2);
      expect(proxy.arrivals[1]! - proxy.arrivals[0]!).toBeGreaterThanOrEqual(950);
    } finally {
      await proxy.close();
    }
  });

  it('retries a 429 RATE_LIMITED with an HTTP-date Retry-After, and a dropped connection with backoff', async () => {
    const limited = { status: 429, body: JSON.stringify({ errors: [{ message: 'slow down', extensions: { code: 'RATE_LIMITED' } }] }) };
    const proxy = await startFlakyProxy(server.graphqlUrl, (n) => (n === 0 ? { ...limited, headers: { 'retry-after': new Date(Date.now() + 2000).toUTCString() } } : n === 1 ? 'drop' : 'forward'));
    try {
      const result = await createRadomeClient({ url: proxy.graphqlUrl, retry: { baseDelayMs: 10 } }).gnssStations();
      expect(result.data?.gnssStations).toHaveLength(1);
      expect(proxy.arrivals).toHaveLength(3);
      // An HTTP date has one-second resolution.
      expect(proxy.arrivals[1]! - proxy.arrivals[0]!).toBeGreaterThanOrEqual(900);
    } finally {
      await proxy.close();
    }
  });

  it('gives up after the configured retries and returns the last error, with its code and Retry-After', async () => {
    const proxy = await startFlakyProxy(server.graphqlUrl, () => ({
      status: 429,
      headers: { 'retry-after': '0' },
      body: JSON.stringify({ errors: [{ message: 'slow down', extensions: { code: 'RATE_LIMITED' } }] }),
    }));
    try {
      const result = await createRadomeClient({ url: proxy.graphqlUrl, retry: { retries: 3 } }).radarSites();
      expect(result.error).toMatchObject({ kind: 'graphql', status: 429, code: 'RATE_LIMITED', retryAfterMs: 0 });
      expect(proxy.arrivals).toHaveLength(4);
      // A Retry-After longer than maxDelayMs is not waited for.
      const far = await startFlakyProxy(server.graphqlUrl, () => ({ status: 503, headers: { 'retry-after': '120' }, body: 'Service Unavailable' }));
      try {
        const started = Date.now();
        const r = await createRadomeClient({ url: far.graphqlUrl }).radarSites();
        expect(r.error).toMatchObject({ kind: 'http', status: 503, retryAfterMs: 120_000 });
        expect(far.arrivals).toHaveLength(1);
        expect(Date.now() - started).toBeLessThan(1000);
      } finally {
        await far.close();
      }
    } finally {
      await proxy.close();
    }
  });

  it('never retries a mutation, nor anything with retry: false, nor a 500', async () => {
    const proxy = await startFlakyProxy(server.graphqlUrl, (n) => (n < 2 ? { status: 503, headers: { 'retry-after': '0' } } : { status: 500 }));
    try {
      const c = createRadomeClient({ url: proxy.graphqlUrl });
      const mutation = `mutation Touch { touch }` as unknown as Parameters<typeof c.request<{ touch: boolean }, {}>>[0];
      expect((await c.request(mutation, {})).error?.status).toBe(503);
      expect(proxy.arrivals).toHaveLength(1);
      expect((await c.radarSites({}, { retry: false })).error?.status).toBe(503);
      expect(proxy.arrivals).toHaveLength(2);
      expect((await c.radarSites()).error?.status).toBe(500);
      expect(proxy.arrivals).toHaveLength(3);
    } finally {
      await proxy.close();
    }
  });

  it('an abort during the backoff wait returns the abort error at once', async () => {
    const proxy = await startFlakyProxy(server.graphqlUrl, () => ({ status: 503, headers: { 'retry-after': '10' } }));
    try {
      const controller = new AbortController();
      const c = createRadomeClient({ url: proxy.graphqlUrl, signal: controller.signal });
      const started = Date.now();
      setTimeout(() => controller.abort(), 200);
      const result = await c.radarSites();
      expect(result.error?.kind).toBe('abort');
      expect(Date.now() - started).toBeLessThan(2000);
      expect(proxy.arrivals).toHaveLength(1);
      // The client's signal stays aborted: later requests return at once.
      expect((await c.volumes()).error?.kind).toBe('abort');
    } finally {
      await proxy.close();
    }
  });

  it("waits out the server's own rate limit (429 RATE_LIMITED with Retry-After) and gets the data", async () => {
    const limited = await startIngestedServer({ config: { rateLimitPerSecond: 1, rateLimitBurst: 2 } });
    try {
      const counting = countingFetch();
      const c = createRadomeClient({ url: limited.graphqlUrl, fetch: counting.fetch });
      const started = Date.now();
      const results = await Promise.all([c.radarSites(), c.gnssStations(), c.volumes({ first: 1 })]);
      for (const r of results) expect(r.error).toBeUndefined();
      expect(results[2]!.data?.volumes.totalCount).toBe(VOLUME_COUNT);
      // Two pass at once, the third was refused with Retry-After and asked again a second later.
      expect(counting.operations.length).toBeGreaterThanOrEqual(4);
      expect(Date.now() - started).toBeGreaterThanOrEqual(900);
      const refused = await createRadomeClient({ url: limited.graphqlUrl, retry: false }).radarSites();
      expect(refused.error).toMatchObject({ kind: 'graphql', status: 429, code: 'RATE_LIMITED' });
      expect(refused.error!.retryAfterMs).toBeGreaterThanOrEqual(1000);
    } finally {
      await limited.close();
    }
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    const now = Date.UTC(2024, 0, 1, 12, 0, 0);
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter('Mon, 01 Jan 2024 12:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter('Mon, 01 Jan 2024 11:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});

describe('image overlays', () => {
  it('gives the PNG URL, MapLibre corners and Leaflet bounds of a sweep and a product', async () => {
    const c = createRadomeClient({ url: server.graphqlUrl });
    const sweep = (await c.sweeps({ first: 1 })).data!.sweeps.edges[0]!.node;
    const overlay = imageOverlay(sweep)!;
    const [west, south, east, north] = sweep.bbox;
    expect(overlay.url).toBe(sweep.imageUrl);
    expect(overlay.coordinates).toEqual(sweep.corners);
    expect(overlay.coordinates).toEqual([
      [west, north],
      [east, north],
      [east, south],
      [west, south],
    ]);
    expect(overlay.bounds).toEqual([
      [south, west],
      [north, east],
    ]);
    expect(west).toBeLessThan(-88.08);
    expect(east).toBeGreaterThan(-88.08);

    const product = (await c.latestProducts({ site: 'KLOT' })).data!.latestProducts[0]!;
    expect(imageOverlay(product)?.coordinates).toEqual(product.corners);
    expect(imageOverlay({ ...product, imageUrl: null, bbox: null })).toBeNull();
  });
});
