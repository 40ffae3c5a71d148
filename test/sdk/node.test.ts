import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { createRadomeClient, RadomeClientError, SweepsDocument, type RadarMoment, type RadomeResult, type SweepsQuery } from '../../sdk/src/index.js';
import { VOLUME_COUNTS, useFixtureServer } from '../support/radar-fixture.js';

const ctx = useFixtureServer();

/** A ctx.server that accepts requests and never answers, to abort against. */
async function silentServer(): Promise<{ url: string; close(): Promise<void> }> {
  const silent: Server = createServer(() => {});
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(silent.address() as AddressInfo).port}/graphql`,
    close: () =>
      new Promise((resolve) => {
        silent.closeAllConnections();
        silent.close(() => resolve());
      }),
  };
}

describe('SDK against a running ctx.server (Node)', () => {
  it('returns typed sweeps', async () => {
    const client = createRadomeClient({ url: ctx.server.graphqlUrl });
    const result = await client.sweeps({ filter: { site: 'KLOT', moment: 'REF' }, first: 5 });
    expectTypeOf(result).toEqualTypeOf<RadomeResult<SweepsQuery>>();
    if (result.error) throw result.error;
    expectTypeOf(result.data.sweeps.edges[0]!.node.moment).toEqualTypeOf<RadarMoment>();
    expectTypeOf(result.data.sweeps.edges[0]!.node.startTime).toEqualTypeOf<string>();
    expectTypeOf(result.data.sweeps.edges[0]!.node.bbox).toEqualTypeOf<number[]>();
    const { sweeps } = result.data;
    expect(sweeps.totalCount).toBe(ctx.fixture.sweeps.filter((s) => s.site === 'KLOT' && s.moment === 'REF').length);
    expect(sweeps.edges).toHaveLength(5);
    for (const { node } of sweeps.edges) {
      expect(node.moment).toBe('REF');
      expect(node.site.id).toBe('KLOT');
      expect(node.imageUrl.startsWith(`${ctx.server.url}/objects/`)).toBe(true);
      expect(Date.parse(node.startTime)).toBe(ctx.fixture.sweeps.find((s) => s.id === node.id)!.startTime);
    }
  });

  it('has one method per operation, variables optional where none are required', async () => {
    const client = createRadomeClient({ url: new URL(ctx.server.graphqlUrl) });
    const sites = await client.radarSites();
    expect(sites.data?.radarSites.map((s) => s.id)).toEqual(['KILX', 'KLOT']);

    const volumes = await client.volumes({ filter: { site: 'KILX' }, order: 'ASC' });
    expect(volumes.data?.volumes.totalCount).toBe(VOLUME_COUNTS.KILX);
    const firstId = volumes.data!.volumes.edges[0]!.node.id;

    const volume = await client.volume({ id: firstId, moment: 'VEL' });
    expect(volume.data?.volume?.sweeps.map((s) => s.moment)).toEqual(['VEL', 'VEL']);

    const sweepId = volume.data!.volume!.sweeps[0]!.id;
    const sweep = await client.sweep({ id: sweepId });
    expect(sweep.data?.sweep?.volume.id).toBe(firstId);
    expect((await client.sweep({ id: 'missing' })).data).toEqual({ sweep: null });

    // @ts-expect-error `id` is required
    await client.sweep({});
  });

  it('pages with the connection cursors', async () => {
    const client = createRadomeClient({ url: ctx.server.graphqlUrl });
    const ids: string[] = [];
    let after: string | null = null;
    do {
      const page = await client.volumes({ filter: { site: 'KLOT' }, first: 5, after });
      if (page.error) throw page.error;
      ids.push(...page.data.volumes.edges.map((e) => e.node.id));
      after = page.data.volumes.pageInfo.hasNextPage ? page.data.volumes.pageInfo.endCursor : null;
    } while (after);
    expect(new Set(ids).size).toBe(VOLUME_COUNTS.KLOT);
  });

  it('returns GraphQL errors as a typed value with codes', async () => {
    const client = createRadomeClient({ url: ctx.server.graphqlUrl });
    const result = await client.sweeps({ first: 0 });
    expect(result.data).toBeUndefined();
    expect(result.error).toBeInstanceOf(RadomeClientError);
    expect(result.error?.kind).toBe('graphql');
    // No data, only the client's own error: answered with its status (README, Security and limits).
    expect(result.error?.status).toBe(400);
    expect(result.error?.errors?.[0]).toMatchObject({ code: 'BAD_USER_INPUT', path: ['sweeps'] });
    expect(result.error?.message).toMatch(/first must be between 1 and 500/);

    // Refused before it runs: too costly (the server's limits), with its code and figures.
    const costly = await client.sweeps({ first: 1000 });
    expect(costly.error).toMatchObject({ kind: 'graphql', status: 400, code: 'QUERY_TOO_COMPLEX' });
    expect(costly.error?.errors?.[0]?.extensions).toMatchObject({ cost: expect.any(Number), maxCost: expect.any(Number) });

    const invalid = await client.execute(`{ nope }` as unknown as typeof SweepsDocument, {});
    expect(invalid.error?.kind).toBe('graphql');
    expect(invalid.error?.status).toBe(400);
    expect(invalid.error?.errors?.[0]?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('reports HTTP and network failures as their kinds', async () => {
    const notGraphql = await createRadomeClient({ url: `${ctx.server.url}/nope` }).radarSites();
    expect(notGraphql.error?.kind).toBe('http');
    expect(notGraphql.error?.status).toBe(404);

    const closed = await silentServer();
    await closed.close();
    const network = await createRadomeClient({ url: closed.url }).radarSites();
    expect(network.error?.kind).toBe('network');
    expect(network.error?.status).toBeUndefined();
  });

  it("aborts with the caller's signal, as kind abort", async () => {
    const silent = await silentServer();
    try {
      const client = createRadomeClient({ url: silent.url });
      const controller = new AbortController();
      const pending = client.sweeps({}, { signal: controller.signal });
      setTimeout(() => controller.abort(), 50);
      const aborted = await pending;
      expect(aborted.error?.kind).toBe('abort');

      const timedOut = await client.radarSites({}, { signal: AbortSignal.timeout(50) });
      expect(timedOut.error?.kind).toBe('abort');
      expect(timedOut.error?.message).toMatch(/timed out|timeout/i);

      const already = await client.radarSites({}, { signal: AbortSignal.abort() });
      expect(already.error?.kind).toBe('abort');
    } finally {
      await silent.close();
    }
  });

  it('sends configured and per-request headers through the given fetch', async () => {
    const seen: Headers[] = [];
    const recordingFetch: typeof fetch = (input, init) => {
      seen.push(new Headers(init?.headers));
      return fetch(input, init);
    };
    const client = createRadomeClient({ url: ctx.server.graphqlUrl, fetch: recordingFetch, headers: { 'x-radome-app': 'tests' } });
    const result = await client.radarSites(undefined, { headers: { 'x-request': 'one' } });
    expect(result.error).toBeUndefined();
    expect(seen[0]!.get('x-radome-app')).toBe('tests');
    expect(seen[0]!.get('x-request')).toBe('one');
    expect(seen[0]!.get('content-type')).toBe('application/json');
  });
});
