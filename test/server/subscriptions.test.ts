// Live updates: a graphql-ws client on the server's own port and /graphql path receives sweeps
// of a volume ingested through the real ingest path by a separate writer connection, as when
// the ingest daemon runs in another process (the server only polls catalog_events).
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIngestedServer, VOLUME_COUNT, type IngestedServer } from '../sdk/ingested-server.js';

let server: IngestedServer;
let client: Client;

beforeAll(async () => {
  server = await startIngestedServer({ config: { eventsPollMs: 50, maxDepth: 6 } });
  client = createClient({ url: server.graphqlUrl.replace(/^http/, 'ws'), webSocketImpl: WebSocket, retryAttempts: 0, lazy: true });
});

afterAll(async () => {
  await client?.dispose();
  await server?.close();
});

/** Collects `count` results of a subscription (or its error), with a deadline. */
function collect<T>(query: string, count: number, timeoutMs = 20_000): { done: Promise<T[]>; ready: Promise<void> } {
  const results: T[] = [];
  let stop = () => {};
  const done = new Promise<T[]>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`got ${results.length} of ${count} results in ${timeoutMs} ms`)), timeoutMs);
    stop = client.subscribe<T>(
      { query },
      {
        next(value) {
          if (value.errors) return reject(new Error(JSON.stringify(value.errors)));
          results.push(value.data as T);
          if (results.length === count) {
            clearTimeout(timer);
            stop();
            resolve(results);
          }
        },
        error(error) {
          clearTimeout(timer);
          reject(error instanceof Error ? error : new Error(JSON.stringify(error)));
        },
        complete() {},
      },
    );
  });
  // The server starts its cursor when the subscription arrives; give the socket time to open.
  const ready = new Promise<void>((resolve) => setTimeout(resolve, 500));
  return { done, ready };
}

describe('subscriptions over graphql-ws', () => {
  it('sends sweepAdded and ingestEvents when a volume is ingested', async () => {
    // The synthetic volume has REF in each of its 3 cuts.
    const sweeps = collect<{ sweepAdded: { id: string; moment: string; site: { id: string }; imageUrl: string } }>(
      'subscription { sweepAdded(site: "klot", moment: REF) { id moment elevationAngle site { id } imageUrl } }',
      3,
    );
    const events = collect<{ ingestEvents: { seq: number; kind: string; site: string; subjectId: string } }>('subscription { ingestEvents(sites: ["KLOT"]) { seq at kind site subjectId } }', 1);
    await Promise.all([sweeps.ready, events.ready]);
    await server.ingestVolume(VOLUME_COUNT);

    const got = await sweeps.done;
    expect(got.map((r) => r.sweepAdded.moment)).toEqual(['REF', 'REF', 'REF']);
    const volumeId = got[0]!.sweepAdded.id.split('/')[0]!;
    expect(got.every((r) => r.sweepAdded.id.startsWith(`${volumeId}/`) && r.sweepAdded.site.id === 'KLOT')).toBe(true);
    expect(got[0]!.sweepAdded.imageUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/objects\/.+\.png$/);
    const [event] = await events.done;
    expect(event!.ingestEvents).toMatchObject({ kind: 'LEVEL2_VOLUME', site: 'KLOT', subjectId: volumeId });
    // The subscriptions ended, so the feed stops polling.
    await new Promise((r) => setTimeout(r, 100));
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(/^radome_subscriptions_active 0$/m);
  });

  it('applies the query limits to subscriptions', async () => {
    let inner = 'id';
    for (let i = 0; i < 8; i++) inner = `volume { sweeps { ${inner} } }`;
    const { done } = collect(`subscription { sweepAdded(site: "KLOT") { ${inner} } }`, 1, 5_000);
    await expect(done).rejects.toThrow(/QUERY_TOO_COMPLEX/);
  });

  it('refuses bad arguments with BAD_USER_INPUT', async () => {
    const { done } = collect('subscription { productAdded(site: "Chicago") { id } }', 1, 5_000);
    await expect(done).rejects.toThrow(/4-letter ICAO/);
  });
});
