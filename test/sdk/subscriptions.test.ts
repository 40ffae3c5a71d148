// @radome/sdk/subscriptions in Node (ws as the WebSocket) against the server's graphql-ws endpoint,
// with volumes ingested while subscribed; reconnect through a TCP proxy that drops connections.
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, connect, type Socket } from 'node:net';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import type { RadomeResult, SweepAddedSubscription } from '../../sdk/src/index.js';
import { createRadomeSubscriptions, webSocketUrl, type SubscriptionIterator } from '../../sdk/src/subscriptions.js';
import { repoRoot } from '../sample-data.js';
import { startIngestedServer, VOLUME_COUNT, type IngestedServer } from './ingested-server.js';

let server: IngestedServer;
let nextVolume = VOLUME_COUNT;

beforeAll(async () => {
  server = await startIngestedServer({ config: { eventsPollMs: 20 } });
});

afterAll(async () => {
  await server?.close();
});

/** Resolves when the server counts `n` active subscriptions (its /metrics gauge). */
async function subscribersReach(n: number): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const text = await (await fetch(`${server.url}/metrics`)).text();
    if (Number(/^radome_subscriptions_active (\d+)/m.exec(text)?.[1]) === n) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`the server never counted ${n} active subscriptions`);
}

/** The next `n` items of an iterator, failing after `ms`. */
async function take<T>(it: AsyncIterator<T>, n: number, ms = 10_000): Promise<T[]> {
  const out: T[] = [];
  const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`only ${out.length} of ${n} events in ${ms} ms`)), ms));
  while (out.length < n) {
    const next = await Promise.race([it.next(), timeout]);
    if (next.done) break;
    out.push(next.value);
  }
  return out;
}

/** A TCP proxy to the server that can cut every connection through it. */
async function startCuttableProxy(target: string) {
  const port = Number(new URL(target).port);
  const sockets = new Set<Socket>();
  let connections = 0;
  const proxy = createServer((client) => {
    connections++;
    const upstream = connect(port, '127.0.0.1');
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => {});
    }
    client.pipe(upstream).pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}/graphql`,
    connections: () => connections,
    cut: () => sockets.forEach((s) => s.destroy()),
    close: () => new Promise<void>((resolve) => proxy.close(() => resolve())),
  };
}

describe('subscriptions over graphql-ws', () => {
  it('has a method for each subscription in schema/operations', () => {
    const text = readdirSync(join(repoRoot, 'schema', 'operations'))
      .map((f) => readFileSync(join(repoRoot, 'schema', 'operations', f), 'utf8'))
      .join('\n');
    const names = [...text.matchAll(/^subscription\s+(\w+)/gm)].map((m) => m[1]![0]!.toLowerCase() + m[1]!.slice(1));
    expect(names.length).toBeGreaterThanOrEqual(3);
    const live = createRadomeSubscriptions({ url: server.graphqlUrl, webSocketImpl: WebSocket }) as unknown as Record<string, unknown>;
    expect(names.filter((n) => typeof live[n] !== 'function')).toEqual([]);
  });

  it('turns http(s) endpoints into ws(s) ones', () => {
    expect(webSocketUrl('http://127.0.0.1:4000/graphql')).toBe('ws://127.0.0.1:4000/graphql');
    expect(webSocketUrl(new URL('https://radar.example.org/api/graphql'))).toBe('wss://radar.example.org/api/graphql');
    expect(webSocketUrl('ws://h/graphql')).toBe('ws://h/graphql');
  });

  it('asks for a WebSocket implementation where there is no global one', () => {
    if ('WebSocket' in globalThis) return;
    expect(() => createRadomeSubscriptions({ url: server.graphqlUrl })).toThrow(/webSocketImpl/);
  });

  it('receives the sweeps and the ingest event of a volume ingested while subscribed', async () => {
    const live = createRadomeSubscriptions({ url: server.graphqlUrl, webSocketImpl: WebSocket });
    try {
      const sweeps = live.sweepAdded({ site: 'klot', moment: 'REF' });
      expectTypeOf(sweeps).toEqualTypeOf<SubscriptionIterator<SweepAddedSubscription>>();
      expectTypeOf<Awaited<ReturnType<typeof sweeps.next>>>().toEqualTypeOf<IteratorResult<RadomeResult<SweepAddedSubscription>, void>>();
      const events = live.ingestEvents();
      const pendingSweeps = take(sweeps, 3);
      const pendingEvents = take(events, 1);
      await subscribersReach(2);
      await server.ingestVolume(nextVolume++);

      const got = await pendingSweeps;
      for (const event of got) if (event.error) throw event.error;
      const added = got.map((e) => e.data!.sweepAdded);
      expect(added.map((s) => s.moment)).toEqual(['REF', 'REF', 'REF']);
      expect(added.map((s) => s.elevationNumber)).toEqual([1, 2, 3]);
      expect(new Set(added.map((s) => s.id.split('/')[0])).size).toBe(1);
      expect(added[0]!.imageUrl).toMatch(/\/objects\/radar\/level2\/KLOT\//);

      const [event] = await pendingEvents;
      expect(event?.data?.ingestEvents).toMatchObject({ kind: 'LEVEL2_VOLUME', site: 'KLOT', subjectId: added[0]!.id.split('/')[0] });
      await sweeps.return();
      await events.return();
      await subscribersReach(0);
    } finally {
      await live.dispose();
    }
  });

  it('returns GraphQL errors of the subscribe request as a typed error and ends', async () => {
    const live = createRadomeSubscriptions({ url: server.graphqlUrl, webSocketImpl: WebSocket });
    try {
      const events = await take(live.sweepAdded({ site: 'Chicago' }), 5);
      expect(events).toHaveLength(1);
      expect(events[0]!.error).toMatchObject({ kind: 'graphql', code: 'BAD_USER_INPUT' });
    } finally {
      await live.dispose();
    }
  });

  it('an aborted signal ends the subscription', async () => {
    const live = createRadomeSubscriptions({ url: server.graphqlUrl, webSocketImpl: WebSocket });
    try {
      const controller = new AbortController();
      const sweeps = live.sweepAdded({ site: 'KLOT' }, { signal: controller.signal });
      const first = sweeps.next();
      await subscribersReach(1);
      controller.abort();
      expect(await first).toEqual({ done: true, value: undefined });
      await subscribersReach(0);
      // return() also ends a subscription whose next() is pending (a waiting `for await`).
      const products = live.productAdded({ site: 'KLOT' });
      const pending = products.next();
      await subscribersReach(1);
      await products.return();
      expect(await pending).toEqual({ done: true, value: undefined });
      await subscribersReach(0);
    } finally {
      await live.dispose();
    }
  });

  it('reconnects after the connection drops and the subscription goes on', async () => {
    const proxy = await startCuttableProxy(server.graphqlUrl);
    const states: string[] = [];
    const live = createRadomeSubscriptions({
      url: proxy.url,
      webSocketImpl: WebSocket,
      retryWait: () => new Promise((r) => setTimeout(r, 100)),
      on: { connected: () => states.push('connected'), closed: () => states.push('closed') },
    });
    try {
      const sweeps = live.sweepAdded({ site: 'KLOT', moment: 'VEL' });
      const firstTwo = take(sweeps, 2, 20_000);
      await subscribersReach(1);
      proxy.cut();
      for (let i = 0; i < 200 && states.length < 3; i++) await new Promise((r) => setTimeout(r, 25));
      expect(states).toEqual(['connected', 'closed', 'connected']);
      // Resubscribed on the new connection: a volume ingested now arrives (the server may still
      // be dropping the old subscription, so ingest again until it does).
      let received = false;
      void firstTwo.then(
        () => (received = true),
        () => {},
      );
      for (let i = 0; i < 5 && !received; i++) {
        await server.ingestVolume(nextVolume++);
        for (let j = 0; j < 40 && !received; j++) await new Promise((r) => setTimeout(r, 25));
      }
      const got = await firstTwo;
      expect(got.map((e) => e.data?.sweepAdded.moment)).toEqual(['VEL', 'VEL']);
      expect(proxy.connections()).toBe(2);
      await sweeps.return();
    } finally {
      await live.dispose();
      await proxy.close();
    }
  });
});
