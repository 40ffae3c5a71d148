import { describe, expect, it } from 'vitest';
import { postGraphql, startTestServer, SWEEPS_PER_VOLUME, VOLUME_COUNTS, useFixtureServer } from '../support/radar-fixture.js';
import { recordSelects } from '../support/sql-counter.js';
import { expectPngAt } from '../support/png-response.js';

const ctx = useFixtureServer();

async function query(q: string, variables: Record<string, unknown> = {}) {
  return postGraphql(ctx.server.graphqlUrl, q, variables);
}

/** Data of a query that must succeed. */
async function data(q: string, variables: Record<string, unknown> = {}) {
  const { status, body } = await query(q, variables);
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  expect(status).toBe(200);
  return body.data;
}

/** The single error of a query that must fail. */
async function error(q: string, variables: Record<string, unknown> = {}) {
  const { body } = await query(q, variables);
  expect(body.errors, 'expected an error').toHaveLength(1);
  return { message: body.errors![0]!.message, code: body.errors![0]!.extensions?.code };
}

const byTimeDesc = (a: { startTime: number; id: string }, b: { startTime: number; id: string }) => b.startTime - a.startTime || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

describe('radar sites', () => {
  it('lists sites with their latest volume', async () => {
    const d = await data('{ radarSites { id latitude longitude heightM latestVolume { id scanStart } } }');
    expect(d.radarSites.map((s: { id: string }) => s.id)).toEqual(['KILX', 'KLOT']);
    const klot = d.radarSites.find((s: { id: string }) => s.id === 'KLOT');
    expect(klot).toMatchObject({ latitude: 41.6045, longitude: -88.0847, heightM: 202 });
    const newest = ctx.fixture.volumes.filter((v) => v.site === 'KLOT').sort((a, b) => b.scanStart - a.scanStart)[0]!;
    expect(klot.latestVolume).toEqual({ id: newest.id, scanStart: new Date(newest.scanStart).toISOString() });
  });

  it('looks a site up case-insensitively and returns null for an unknown one', async () => {
    expect((await data('{ radarSite(id: "klot") { id } }')).radarSite).toEqual({ id: 'KLOT' });
    expect((await data('{ radarSite(id: "KDVN") { id } }')).radarSite).toBeNull();
  });

  it('rejects a site id that is not 4 letters, saying so', async () => {
    const e = await error('{ radarSite(id: "KL0T") { id } }');
    expect(e.code).toBe('BAD_USER_INPUT');
    expect(e.message).toMatch(/4-letter ICAO/);
    const f = await error('{ volumes(filter: { site: "Chicago" }) { totalCount } }');
    expect(f.code).toBe('BAD_USER_INPUT');
    expect(f.message).toMatch(/filter\.site: .* is not a 4-letter ICAO/);
  });

  it("pages a site's volumes", async () => {
    const d = await data('{ radarSite(id: "KILX") { volumes(first: 3, order: ASC) { totalCount edges { node { id } } pageInfo { hasNextPage } } } }');
    const ilx = ctx.fixture.volumes.filter((v) => v.site === 'KILX').sort((a, b) => a.scanStart - b.scanStart);
    expect(d.radarSite.volumes.totalCount).toBe(VOLUME_COUNTS.KILX);
    expect(d.radarSite.volumes.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual(ilx.slice(0, 3).map((v) => v.id));
    expect(d.radarSite.volumes.pageInfo.hasNextPage).toBe(true);
  });
});

describe('volumes', () => {
  it("returns a connection of a site's volumes, newest first by default", async () => {
    const d = await data(`{ volumes(filter: { site: "KLOT" }, first: 5) {
      totalCount edges { cursor node { id scanStart scanEnd vcp sweepCount sourceKey site { id } } } pageInfo { hasNextPage endCursor } } }`);
    const klot = ctx.fixture.volumes.filter((v) => v.site === 'KLOT').sort((a, b) => b.scanStart - a.scanStart);
    expect(d.volumes.totalCount).toBe(VOLUME_COUNTS.KLOT);
    expect(d.volumes.edges).toHaveLength(5);
    const first = d.volumes.edges[0].node;
    expect(first).toEqual({
      id: klot[0]!.id,
      scanStart: new Date(klot[0]!.scanStart).toISOString(),
      scanEnd: new Date(klot[0]!.scanEnd).toISOString(),
      vcp: 212,
      sweepCount: SWEEPS_PER_VOLUME,
      sourceKey: klot[0]!.sourceKey,
      site: { id: 'KLOT' },
    });
    expect(d.volumes.pageInfo).toEqual({ hasNextPage: true, endCursor: d.volumes.edges[4].cursor });
  });

  it('filters by time overlap', async () => {
    const klot = ctx.fixture.volumes.filter((v) => v.site === 'KLOT').sort((a, b) => a.scanStart - b.scanStart);
    // [start of the 3rd, start of the 5th) overlaps only the 3rd and 4th: scans last 270 s of each 300 s.
    const from = new Date(klot[2]!.scanStart).toISOString();
    const to = new Date(klot[4]!.scanStart).toISOString();
    const d = await data('query($from: DateTimeISO, $to: DateTimeISO) { volumes(filter: { site: "KLOT", from: $from, to: $to }, order: ASC) { totalCount edges { node { id } } } }', { from, to });
    expect(d.volumes.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([klot[2]!.id, klot[3]!.id]);
    expect(d.volumes.totalCount).toBe(2);
  });

  it('rejects an empty or reversed time range', async () => {
    const e = await error('{ volumes(filter: { from: "2022-03-17T01:00:00Z", to: "2022-03-17T00:00:00Z" }) { totalCount } }');
    expect(e.code).toBe('BAD_USER_INPUT');
    expect(e.message).toMatch(/from must be earlier than to/);
  });

  it('looks a volume up with its sweeps, filtered by moment and elevation', async () => {
    const v = ctx.fixture.volumes[3]!;
    const d = await data(
      `query($id: ID!) { volume(id: $id) { id
      all: sweeps { id elevationNumber moment }
      ref: sweeps(moment: REF) { id }
      high: sweeps(minElevation: 1.0) { id elevationAngle }
      some: sweeps(moments: [VEL, ZDR], maxElevation: 0.5) { id moment } } }`,
      { id: v.id },
    );
    const own = ctx.fixture.sweeps.filter((s) => s.volumeId === v.id);
    expect(d.volume.id).toBe(v.id);
    expect(d.volume.all.map((s: { id: string }) => s.id)).toEqual([...own].sort((a, b) => a.elevationNumber - b.elevationNumber || a.moment.localeCompare(b.moment)).map((s) => s.id));
    expect(d.volume.ref.map((s: { id: string }) => s.id)).toEqual(own.filter((s) => s.moment === 'REF').map((s) => s.id));
    expect(d.volume.high.every((s: { elevationAngle: number }) => s.elevationAngle === 1.5)).toBe(true);
    expect(d.volume.high).toHaveLength(2);
    expect(d.volume.some.map((s: { moment: string }) => s.moment).sort()).toEqual(['VEL', 'ZDR']);
  });

  it('returns null for an unknown volume', async () => {
    expect((await data('{ volume(id: "KLOT19990101_000000") { id } }')).volume).toBeNull();
  });
});

describe('sweeps', () => {
  const SWEEP_FIELDS = 'id site { id } volume { id } elevationNumber elevationAngle moment startTime endTime radialCount gateCount firstGateKm gateSpacingKm bbox corners imageUrl metadataUrl';

  it('returns every field of a sweep, with absolute object URLs', async () => {
    const s = ctx.fixture.sweeps.find((x) => x.site === 'KLOT' && x.moment === 'REF' && x.elevationNumber === 1)!;
    const d = await data(`query($id: ID!) { sweep(id: $id) { ${SWEEP_FIELDS} } }`, { id: s.id });
    expect(d.sweep).toEqual({
      id: s.id,
      site: { id: 'KLOT' },
      volume: { id: s.volumeId },
      elevationNumber: 1,
      elevationAngle: 0.5,
      moment: 'REF',
      startTime: new Date(s.startTime).toISOString(),
      endTime: new Date(s.endTime).toISOString(),
      radialCount: 720,
      gateCount: 1832,
      firstGateKm: 2.125,
      gateSpacingKm: 0.25,
      bbox: s.bbox,
      corners: s.corners,
      imageUrl: `${ctx.server.url}/objects/${s.imageKey}`,
      metadataUrl: `${ctx.server.url}/objects/${s.metadataKey}`,
    });
    await expectPngAt(d.sweep.imageUrl);
    expect(await (await fetch(d.sweep.metadataUrl)).json()).toMatchObject({ id: s.id });
  });

  it("walks every page of a site's sweeps in order, without gaps or repeats", async () => {
    const expected = ctx.fixture.sweeps
      .filter((s) => s.site === 'KLOT')
      .sort(byTimeDesc)
      .map((s) => s.id);
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const d: any = await data('query($after: String) { sweeps(filter: { site: "KLOT" }, first: 7, after: $after) { totalCount edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }', {
        after,
      });
      pages++;
      expect(d.sweeps.totalCount).toBe(expected.length);
      seen.push(...d.sweeps.edges.map((e: { node: { id: string } }) => e.node.id));
      if (!d.sweeps.pageInfo.hasNextPage) break;
      after = d.sweeps.pageInfo.endCursor;
      expect(pages).toBeLessThan(50);
    }
    expect(pages).toBe(Math.ceil(expected.length / 7));
    expect(seen).toEqual(expected);
  });

  it('walks pages in ascending order too', async () => {
    const expected = ctx.fixture.sweeps
      .filter((s) => s.site === 'KILX')
      .sort(byTimeDesc)
      .reverse()
      .map((s) => s.id);
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const d: any = await data('query($after: String) { sweeps(filter: { site: "kilx" }, first: 6, after: $after, order: ASC) { edges { node { id } } pageInfo { hasNextPage endCursor } } }', {
        after,
      });
      seen.push(...d.sweeps.edges.map((e: { node: { id: string } }) => e.node.id));
      after = d.sweeps.pageInfo.hasNextPage ? d.sweeps.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toEqual(expected);
  });

  it('filters by moment, moments, elevation, volume and time', async () => {
    const count = async (filter: string) => (await data(`{ sweeps(filter: ${filter}, first: 500) { totalCount edges { node { id } } } }`)).sweeps;
    const klot = ctx.fixture.sweeps.filter((s) => s.site === 'KLOT');
    expect((await count('{ site: "KLOT", moment: VEL }')).totalCount).toBe(klot.filter((s) => s.moment === 'VEL').length);
    expect((await count('{ site: "KLOT", moments: [REF, ZDR] }')).totalCount).toBe(klot.filter((s) => s.moment !== 'VEL').length);
    expect((await count('{ site: "KLOT", moment: ZDR, moments: [VEL] }')).totalCount).toBe(klot.filter((s) => s.moment !== 'REF').length);
    expect((await count('{ minElevation: 1, maxElevation: 2 }')).totalCount).toBe(ctx.fixture.sweeps.filter((s) => s.elevationAngle === 1.5).length);
    const v = ctx.fixture.volumes[5]!;
    const ofVolume = await count(`{ volumeId: "${v.id}" }`);
    expect(ofVolume.edges.map((e: { node: { id: string } }) => e.node.id).sort()).toEqual(
      ctx.fixture.sweeps
        .filter((s) => s.volumeId === v.id)
        .map((s) => s.id)
        .sort(),
    );
    // The first cut of one volume: [start, start + 1 ms) overlaps only sweeps starting at `start`.
    const from = new Date(v.scanStart).toISOString();
    const to = new Date(v.scanStart + 1).toISOString();
    const cut = await count(`{ site: "${v.site}", from: "${from}", to: "${to}" }`);
    expect(cut.edges.map((e: { node: { id: string } }) => e.node.id).sort()).toEqual(
      ctx.fixture.sweeps
        .filter((s) => s.volumeId === v.id && s.elevationNumber === 1)
        .map((s) => s.id)
        .sort(),
    );
  });

  it('refuses a page size over the maximum, naming it', async () => {
    const e = await error('{ sweeps(first: 501) { totalCount } }');
    expect(e.code).toBe('BAD_USER_INPUT');
    expect(e.message).toMatch(/first must be between 1 and 500/);
    expect((await error('{ volumes(first: 0) { totalCount } }')).code).toBe('BAD_USER_INPUT');
    expect((await data('{ sweeps(first: 500) { totalCount } }')).sweeps.totalCount).toBe(ctx.fixture.sweeps.length);
  });

  it('turns a bad cursor into BAD_USER_INPUT', async () => {
    const e = await error('{ sweeps(after: "not-a-cursor!") { totalCount } }');
    expect(e.code).toBe('BAD_USER_INPUT');
    expect(e.message).toMatch(/after/);
    // A volume cursor is no sweep cursor.
    const v = await data('{ volumes(first: 1) { pageInfo { endCursor } } }');
    expect((await error(`{ sweeps(after: "${v.volumes.pageInfo.endCursor}") { totalCount } }`)).code).toBe('BAD_USER_INPUT');
  });

  it('rejects minElevation above maxElevation', async () => {
    const e = await error('{ sweeps(filter: { minElevation: 3, maxElevation: 1 }) { totalCount } }');
    expect(e).toEqual({ code: 'BAD_USER_INPUT', message: 'minElevation (3) must not exceed maxElevation (1)' });
  });

  it('returns null for an unknown sweep', async () => {
    expect((await data('{ sweep(id: "nope") { id } }')).sweep).toBeNull();
  });
});

describe('nested fields are batched', () => {
  const NESTED = `query($first: Int) { sweeps(filter: { site: "KLOT" }, first: $first) { edges { node {
    id site { id latitude } volume { id site { id } sweeps(moment: REF) { id } } } } } }`;

  async function selectsFor(first: number): Promise<string[]> {
    const log = recordSelects();
    try {
      const d = await data(NESTED, { first });
      expect(d.sweeps.edges).toHaveLength(first);
      for (const e of d.sweeps.edges) expect(e.node.volume.sweeps.length).toBe(2);
    } finally {
      log.stop();
    }
    return log.statements;
  }

  it('runs the same few statements for 5 rows as for 50', async () => {
    const few = await selectsFor(5);
    const many = await selectsFor(50);
    expect(many.length).toBe(few.length);
    // page + count, sites (sweep.site and volume.site, maybe in two ticks), volumes, sweeps of volumes.
    expect(many.length).toBeLessThanOrEqual(6);
    expect(many.filter((sql) => sql.includes('FROM volumes WHERE id IN'))).toHaveLength(1);
    expect(many.filter((sql) => sql.includes('volume_id IN'))).toHaveLength(1);
    expect(many.filter((sql) => sql.includes('FROM radar_sites')).length).toBeLessThanOrEqual(2);
  });

  it('batches volume.sweeps over a page of volumes', async () => {
    const log = recordSelects();
    try {
      const d = await data('{ volumes(first: 16) { edges { node { id sweeps { id } } } } }');
      expect(d.volumes.edges.every((e: { node: { sweeps: unknown[] } }) => e.node.sweeps.length === SWEEPS_PER_VOLUME)).toBe(true);
    } finally {
      log.stop();
    }
    expect(log.statements.filter((sql) => sql.includes('volume_id IN'))).toHaveLength(1);
    expect(log.statements).toHaveLength(3);
  });
});

describe('GraphQL over HTTP', () => {
  it('answers GET queries that carry a CSRF-safe header, and blocks simple GETs', async () => {
    const url = `${ctx.server.graphqlUrl}?query=${encodeURIComponent('{ radarSite(id: "KLOT") { id } }')}`;
    const ok = await fetch(url, { headers: { 'apollo-require-preflight': 'true' } });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ data: { radarSite: { id: 'KLOT' } } });
    const blocked = await fetch(url);
    expect(blocked.status).toBe(400);
    expect(await blocked.text()).toMatch(/Cross-Site Request Forgery/);
  });

  it('answers CORS preflights with 204 and reflects the origin', async () => {
    const res = await fetch(ctx.server.graphqlUrl, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(res.headers.get('access-control-allow-methods')).toMatch(/POST/);
    expect(res.headers.get('access-control-allow-headers')).toBe('content-type');
    const post = await fetch(ctx.server.graphqlUrl, {
      method: 'POST',
      headers: { origin: 'http://localhost:5173', 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ radarSites { id } }' }),
    });
    expect(post.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
  });

  it('rejects invalid JSON with 400', async () => {
    const res = await fetch(ctx.server.graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":' });
    expect(res.status).toBe(400);
    expect((await res.json()).errors[0].message).toMatch(/not valid JSON/);
  });

  it('builds object URLs from the configured public URL', async () => {
    const proxied = await startTestServer(ctx.fixture, { publicUrl: 'https://radar.example.org/api' });
    try {
      const { body } = await postGraphql(proxied.graphqlUrl, '{ sweeps(first: 1) { edges { node { imageUrl } } } }');
      expect(body.data.sweeps.edges[0].node.imageUrl).toMatch(/^https:\/\/radar\.example\.org\/api\/objects\/radar\/level2\/.+\.png$/);
    } finally {
      await proxied.close();
    }
  });

  it('refuses a public URL that is not an absolute http(s) URL', async () => {
    await expect(startTestServer(ctx.fixture, { publicUrl: 'radar.example.org' })).rejects.toMatchObject({ code: 'CONFIG' });
    await expect(startTestServer(ctx.fixture, { publicUrl: 'ftp://radar.example.org/' })).rejects.toThrow(/http: or https:/);
  });
});
