// The sweep store end to end: an encoder-made volume through the real ingest path (decode → plan
// → objects → SQLite), then Volume.zarrUrl over GraphQL, and the store read over HTTP from the
// server's /objects by zarrita (a remote Zarr reader) and fetched key by key.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as zarr from 'zarrita';
import { decodeArchiveII } from '../../ingest/decode/level2/index.js';
import { ingestObject } from '../../ingest/ingest-object.js';
import { level2ZarrPrefix } from '../../ingest/level2/volume-id.js';
import { level2VolumeId, parseRadarSiteId } from '../../core/vocabulary/index.js';
import { createRadomeServer } from '../../server/index.js';
import { type ReadOnlyCatalog, openCatalog, openReadOnlyCatalog } from '../../store/catalog/index.js';
import { FileObjectStore } from '../../store/objects/index.js';
import { readStoredSweep } from '../../store/radar/sweep-store-read.js';
import { encodeArchiveII } from '../fixtures/archive2-encoder.js';
import { volume31 } from '../level2/synthetic-volumes.js';
import { postGraphql } from '../support/radar-fixture.js';
import { MemorySource } from '../support/memory-source.js';
import { makeVolume } from '../store/catalog-fixtures.js';

const OLDER = Date.UTC(2021, 0, 1);

describe('sweep store: written at ingest, found from the catalog, served under /objects', () => {
  const bytes = encodeArchiveII(volume31());
  const volume = decodeArchiveII(bytes);
  const id = level2VolumeId(parseRadarSiteId(volume.site, 'the test volume'), volume.volumeStart);
  const prefix = level2ZarrPrefix(volume.site, volume.volumeStart, id);
  let dir: string;
  let base: string;
  let objects: FileObjectStore;
  let catalog: ReadOnlyCatalog;
  let close: () => Promise<void>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'radome-sweep-store-served-'));
    objects = new FileObjectStore(join(dir, 'objects'), { durable: false });
    const source = new MemorySource();
    source.files.set('KLOT20220317_000842_V06', bytes);
    const writer = await openCatalog(join(dir, 'catalog.db'));
    try {
      const outcome = await ingestObject({ catalog: writer, objects, renderSize: 64, log: pino({ level: 'silent' }) }, source, source.object('KLOT20220317_000842_V06'));
      expect(outcome.status).toBe('ingested');
      // A volume from before sweep stores existed: its row has no zarr_key.
      await writer.writer.radar.commitVolume(makeVolume({ site: 'KLOT', start: OLDER }));
    } finally {
      await writer.close();
    }
    catalog = await openReadOnlyCatalog(join(dir, 'catalog.db'));
    const listening = await createRadomeServer({ catalog: catalog.reader, objects, onError: () => {} }).listen(0, '127.0.0.1');
    base = listening.url;
    close = () => listening.close();
  });

  afterAll(async () => {
    await close?.();
    await catalog?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('the catalog finds the store from the volume and each sweep row its sweep group', async () => {
    const [row] = await catalog.reader.radar.volumesByIds([id]);
    expect(row!.zarrKey).toBe(prefix);
    const [sweeps] = await catalog.reader.radar.sweepsForVolumes([id]);
    expect(sweeps!.length).toBeGreaterThan(0);
    for (const s of sweeps!) {
      const stored = await readStoredSweep(objects, row!.zarrKey!, s.sweepIndex!, [s.moment as 'REF']);
      expect(stored.sweep.elevationNumber).toBe(s.elevationNumber);
      expect(stored.sweep.moments[s.moment as 'REF']!.gateCount).toBe(s.gateCount);
    }
  });

  it('Volume.zarrUrl points at the store under /objects, and zarrita reads it over HTTP', async () => {
    const res = await postGraphql(`${base}/graphql`, 'query($id: ID!) { volume(id: $id) { zarrUrl } }', { id });
    expect(res.status).toBe(200);
    const zarrUrl: string = res.body.data.volume.zarrUrl;
    expect(zarrUrl).toBe(`${base}/objects/${prefix}`);
    const meta = await fetch(`${zarrUrl}/.zmetadata`);
    expect(meta.status).toBe(200);
    expect(meta.headers.get('content-type')).toContain('application/json');
    const consolidated = (await meta.json()) as { zarr_consolidated_format: number; metadata: Record<string, unknown> };
    expect(consolidated.zarr_consolidated_format).toBe(1);
    // Every node's metadata is an object of its own as well, equal to its entry in .zmetadata.
    for (const key of ['.zgroup', '.zattrs', 'sweep_0/.zgroup', 'sweep_0/.zattrs', 'sweep_0/DBZH/.zarray', 'sweep_0/DBZH/.zattrs']) {
      expect(consolidated.metadata[key], key).toBeDefined();
      const r = await fetch(`${zarrUrl}/${key}`);
      expect(r.status, key).toBe(200);
      expect(await r.json(), key).toEqual(consolidated.metadata[key]);
    }
    const store = await zarr.withConsolidatedMetadata(new zarr.FetchStore(zarrUrl), { format: 'v2' });
    const dbzh = await zarr.open.v2(zarr.root(store).resolve('sweep_0/DBZH'), { kind: 'array' });
    const chunk = await zarr.get(dbzh);
    const ref = volume.sweeps[0]!.moments.REF!;
    expect(chunk.shape).toEqual([volume.sweeps[0]!.radialCount, ref.gateCount]);
    expect(Buffer.from(chunk.data as Uint8Array).equals(Buffer.from(ref.codes as Uint8Array))).toBe(true);
  });

  it('an older volume without a store has zarrUrl null', async () => {
    const res = await postGraphql(`${base}/graphql`, '{ volumes(first: 5) { edges { node { id zarrUrl } } } }');
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.volumes.edges.map((e: { node: unknown }) => e.node)).toEqual([
      { id, zarrUrl: `${base}/objects/${prefix}` },
      { id: makeVolume({ site: 'KLOT', start: OLDER }).volume.id, zarrUrl: null },
    ]);
  });
});
