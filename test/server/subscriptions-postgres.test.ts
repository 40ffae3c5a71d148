// Several API servers on one PostgreSQL catalog: two servers on different ports serve the same
// rows, and a subscription on one receives a volume another connection (as an ingest worker in
// another process) commits, woken by LISTEN/NOTIFY: the servers' poll timer is set far beyond
// the test's deadline, so only the notification can deliver it in time.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRadomeServer } from '../../server/index.js';
import { openCatalog, openReadOnlyCatalog, type ListeningCatalog, type ReadOnlyCatalog } from '../../store/catalog/index.js';
import { FileObjectStore } from '../../store/objects/file-store.js';
import { postgresSkipReason, startPostgres, type PostgresServer } from '../support/postgres-server.js';
import { postGraphql } from '../support/radar-fixture.js';
import { makeVolume } from '../store/catalog-fixtures.js';

const skip = postgresSkipReason();
if (skip) console.warn(`skipping the PostgreSQL API server tests: ${skip}`);

describe.skipIf(skip !== null)('two API servers on one PostgreSQL catalog', () => {
  let pgServer: PostgresServer;
  let dir: string;
  const closers: (() => Promise<unknown>)[] = [];
  const urls: string[] = [];
  let url: string;

  beforeAll(async () => {
    pgServer = await startPostgres();
    url = await pgServer.createDatabase('api');
    await (await openCatalog(url)).close();
    dir = mkdtempSync(join(tmpdir(), 'radome-pg-api-'));
    const objects = new FileObjectStore(join(dir, 'objects'), { durable: false });
    for (let i = 0; i < 2; i++) {
      const catalog = (await openReadOnlyCatalog(url)) as ReadOnlyCatalog & ListeningCatalog;
      const listening = await createRadomeServer({
        catalog: catalog.reader,
        objects,
        listen: (onEvent) => catalog.listen(() => onEvent()),
        config: { eventsPollMs: 600_000 },
        onError: () => {},
      }).listen(0, '127.0.0.1');
      urls.push(`${listening.url}/graphql`);
      closers.push(
        () => listening.close(),
        () => catalog.close(),
      );
    }
  }, 120_000);

  afterAll(async () => {
    for (const close of closers) await close();
    await pgServer?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('serve the same data on two ports, and a subscription on one receives a volume committed elsewhere', async () => {
    expect(new Set(urls).size).toBe(2);
    const client = createClient({ url: urls[1]!.replace(/^http/, 'ws'), webSocketImpl: WebSocket, retryAttempts: 0, lazy: true });
    const writer = await openCatalog(url);
    try {
      const received = new Promise<{ kind: string; site: string; subjectId: string }>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no ingestEvents result within 10 s')), 10_000);
        client.subscribe<{ ingestEvents: { kind: string; site: string; subjectId: string } }>(
          { query: 'subscription { ingestEvents(sites: ["KLOT"]) { kind site subjectId } }' },
          {
            next(value) {
              clearTimeout(timer);
              if (value.errors) reject(new Error(JSON.stringify(value.errors)));
              else resolve(value.data!.ingestEvents);
            },
            error: (e) => reject(e instanceof Error ? e : new Error(JSON.stringify(e))),
            complete() {},
          },
        );
      });
      // The server reads its starting cursor when the subscription arrives.
      await new Promise((r) => setTimeout(r, 1000));
      const volume = makeVolume({ site: 'KLOT', start: Date.UTC(2022, 2, 17) });
      await writer.writer.radar.commitVolume(volume);
      expect(await received).toEqual({ kind: 'LEVEL2_VOLUME', site: 'KLOT', subjectId: volume.volume.id });

      const query = '{ volumes(first: 5) { totalCount edges { node { id site { id } } } } }';
      const [a, b] = await Promise.all(urls.map((u) => postGraphql(u, query)));
      expect(a!.body.errors).toBeUndefined();
      expect(a!.body.data.volumes.totalCount).toBe(1);
      expect(a!.body).toEqual(b!.body);
    } finally {
      await client.dispose();
      await writer.close();
    }
  });
});
