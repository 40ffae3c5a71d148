// node(id), the bbox filter, radar aggregations and their SQL statement counts, over a catalog
// filled through the real ingest path (synthetic Level 2, Level 3 and RINEX files).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postGraphql } from '../support/radar-fixture.js';
import { recordSelects } from '../support/sql-counter.js';
import { LEVEL2_T0, LEVEL3_T0, startIngestedServer, SWEEPS_PER_VOLUME, VOLUME_COUNT, VOLUME_EVERY_MS, type IngestedServer } from '../sdk/ingested-server.js';

let server: IngestedServer;

beforeAll(async () => {
  server = await startIngestedServer();
});

afterAll(async () => {
  await server?.close();
});

async function data(query: string, variables: Record<string, unknown> = {}) {
  const { status, body } = await postGraphql(server.graphqlUrl, query, variables);
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  expect(status).toBe(200);
  return body.data;
}

describe('global object identification', () => {
  it('refetches every Node type by its catalog id, and null for unknown ids', async () => {
    const ids = await data(`{
      radarSites { id latestVolume { id sweeps { id } } }
      products(first: 1) { edges { node { id } } }
      gnssStations { id }
    }`);
    const site = ids.radarSites[0];
    const volume = site.latestVolume;
    const sweep = volume.sweeps[0];
    const product = ids.products.edges[0].node;
    const station = ids.gnssStations[0];
    const q = `query($id: ID!) { node(id: $id) { __typename id } }`;
    expect((await data(q, { id: site.id })).node).toEqual({ __typename: 'RadarSite', id: site.id });
    expect((await data(q, { id: volume.id })).node).toEqual({ __typename: 'Volume', id: volume.id });
    expect((await data(q, { id: sweep.id })).node).toEqual({ __typename: 'Sweep', id: sweep.id });
    expect((await data(q, { id: product.id })).node).toEqual({ __typename: 'Product', id: product.id });
    expect((await data(q, { id: station.id })).node).toEqual({ __typename: 'GnssStation', id: station.id });
    for (const id of ['KXXX', 'KLOT20000101_000000', 'KLOT20000101_000000/e01-REF', 'KLOT_N0H_20000101_000000', 'nonsense', '']) {
      expect((await data(q, { id })).node, id).toBeNull();
    }
  });

  it('answers nodes(ids) in order with fragments per type, one statement per type', async () => {
    const { radarSites } = await data('{ radarSites { id latestVolume { id sweeps { id } } } }');
    const volume = radarSites[0].latestVolume;
    const log = recordSelects();
    let d;
    try {
      d = await data(`query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Sweep { moment } ... on Volume { scanStart } ... on RadarSite { latitude } } }`, {
        ids: [volume.sweeps[0].id, 'KXXX', volume.id, radarSites[0].id, volume.sweeps[1].id],
      });
    } finally {
      log.stop();
    }
    expect(d.nodes.map((n: { id: string } | null) => n?.id ?? null)).toEqual([volume.sweeps[0].id, null, volume.id, radarSites[0].id, volume.sweeps[1].id]);
    expect(d.nodes[0].moment).toMatch(/^[A-Z]+$/);
    expect(log.statements.filter((s) => s.includes('FROM sweeps WHERE id IN'))).toHaveLength(1);
    expect(log.statements.length).toBeLessThanOrEqual(4);
  });

  it('refuses more than 100 ids', async () => {
    const { body } = await postGraphql(server.graphqlUrl, 'query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: Array.from({ length: 101 }, (_, i) => `K${i}`) });
    expect(body.errors![0]!.extensions?.code).toBe('BAD_USER_INPUT');
    expect(body.errors![0]!.message).toMatch(/at most 100 ids/);
  });
});

describe('radar sites', () => {
  it('filters by a lon/lat box, also one crossing the antimeridian', async () => {
    const inside = await data('{ radarSites(bbox: { west: -89, south: 41, east: -87, north: 42 }) { id } }');
    expect(inside.radarSites).toEqual([{ id: 'KLOT' }]);
    expect((await data('{ radarSites(bbox: { west: -80, south: 41, east: -70, north: 42 }) { id } }')).radarSites).toEqual([]);
    expect((await data('{ radarSites(bbox: { west: 170, south: 30, east: -80, north: 50 }) { id } }')).radarSites).toEqual([{ id: 'KLOT' }]);
    const { body } = await postGraphql(server.graphqlUrl, '{ radarSites(bbox: { west: -89, south: 42, east: -87, north: 41 }) { id } }');
    expect(body.errors![0]!.extensions?.code).toBe('BAD_USER_INPUT');
    expect(body.errors![0]!.message).toMatch(/south \(42\) must not exceed north \(41\)/);
  });

  it("resolves every site's latest volume and its sweeps in a fixed number of statements", async () => {
    const log = recordSelects();
    let d;
    try {
      d = await data('{ radarSites { id latestVolume { id scanStart sweeps { id } } } }');
    } finally {
      log.stop();
    }
    const klot = d.radarSites.find((s: { id: string }) => s.id === 'KLOT');
    expect(new Date(klot.latestVolume.scanStart).getTime()).toBe(LEVEL2_T0 + (VOLUME_COUNT - 1) * VOLUME_EVERY_MS);
    expect(klot.latestVolume.sweeps).toHaveLength(SWEEPS_PER_VOLUME);
    // sites, latest volumes (one statement for all sites), sweeps of those volumes.
    expect(log.statements).toHaveLength(3);
    expect(log.statements.filter((s) => s.includes('FROM volumes'))).toHaveLength(1);
  });
});

describe('radar aggregations', () => {
  it('counts volumes, sweeps and products per interval and reports the gaps', async () => {
    const from = new Date(LEVEL2_T0 - 3_600_000).toISOString();
    const to = new Date(LEVEL2_T0 + 3_600_000).toISOString();
    const d = await data(
      `query($from: DateTimeISO!, $to: DateTimeISO!) { radarCoverage(sites: ["klot"], from: $from, to: $to, interval: "PT30M") {
      site { id } interval volumes sweeps products buckets { start volumes sweeps products } gaps { from to } } }`,
      { from, to },
    );
    const [c] = d.radarCoverage;
    expect(c.site.id).toBe('KLOT');
    expect(c.volumes).toBe(VOLUME_COUNT);
    expect(c.sweeps).toBe(VOLUME_COUNT * SWEEPS_PER_VOLUME);
    expect(c.buckets.reduce((n: number, b: { volumes: number }) => n + b.volumes, 0)).toBe(VOLUME_COUNT);
    // Buckets align to the half hour; the volumes (00:08 to 00:23) all fall in the 00:00 bucket.
    const full = c.buckets.filter((b: { volumes: number }) => b.volumes > 0);
    expect(full).toEqual([{ start: '2022-03-17T00:00:00.000Z', volumes: VOLUME_COUNT, sweeps: VOLUME_COUNT * SWEEPS_PER_VOLUME, products: expect.any(Number) }]);
    expect(c.gaps[0]).toEqual({ from, to: '2022-03-17T00:00:00.000Z' });
    expect(c.gaps.at(-1).to).toBe(to);
  });

  it('counts Level 3 products and gives the latest precipitation product per site', async () => {
    const from = new Date(LEVEL3_T0 - 86_400_000).toISOString();
    const to = new Date(LEVEL3_T0 + 86_400_000).toISOString();
    const d = await data(
      `query($from: DateTimeISO!, $to: DateTimeISO!) {
      radarCoverage(from: $from, to: $to, interval: "P1D") { site { id } products }
      latestPrecipitation(from: $from, to: $to) { site { id } count product { id mnemonic category scanTime } } }`,
      { from, to },
    );
    expect(d.radarCoverage.reduce((n: number, c: { products: number }) => n + c.products, 0)).toBeGreaterThanOrEqual(4);
    expect(d.latestPrecipitation.length).toBeGreaterThanOrEqual(1);
    for (const p of d.latestPrecipitation) {
      expect(p.product.category).toBe('PRECIPITATION');
      expect(p.count).toBeGreaterThanOrEqual(1);
      expect(p.product.id.startsWith(p.site.id)).toBe(true);
    }
  });

  it('refuses unknown sites, reversed ranges, bad intervals and too many buckets, saying what to change', async () => {
    const cases: [string, string, RegExp][] = [
      ['{ radarCoverage(sites: ["KXXX"], from: "2022-01-01T00:00:00Z", to: "2022-01-02T00:00:00Z") { volumes } }', 'NOT_FOUND', /no radar site KXXX/],
      ['{ radarCoverage(from: "2022-01-02T00:00:00Z", to: "2022-01-01T00:00:00Z") { volumes } }', 'BAD_USER_INPUT', /from must be earlier than to/],
      ['{ radarCoverage(from: "2022-01-01T00:00:00Z", to: "2022-01-02T00:00:00Z", interval: "P1M") { volumes } }', 'BAD_USER_INPUT', /fixed-length duration/],
      ['{ radarCoverage(from: "2000-01-01T00:00:00Z", to: "2022-01-02T00:00:00Z", interval: "PT10M") { volumes } }', 'BAD_USER_INPUT', /more than 100000; use a longer interval/],
      // The abuse case of issue 6: a 100-year hourly SNR series of a real station.
      [
        '{ snrSeries(station: "SYNT", from: "1925-01-01T00:00:00Z", to: "2025-01-01T00:00:00Z", interval: "PT1H") { points { start mean } } }',
        'BAD_USER_INPUT',
        /876\d+ points, more than 100000; use a longer interval/,
      ],
    ];
    for (const [query, code, message] of cases) {
      const { status, body } = await postGraphql(server.graphqlUrl, query);
      expect(status, query).toBeLessThan(500);
      expect(body.errors![0]!.extensions?.code, query).toBe(code);
      expect(body.errors![0]!.message, query).toMatch(message);
    }
  });
});
