// A volume's sweep store is hundreds of objects the catalog does not list one by one: re-ingest
// keeps it, retention deletes all of it (its prefix is doomed with the volume's rows).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeArchiveII } from '../../ingest/decode/level2/index.js';
import { ingestObject } from '../../ingest/ingest-object.js';
import { applyRetention } from '../../ingest/retention.js';
import { level2ZarrPrefix } from '../../ingest/level2/volume-id.js';
import { level2VolumeId, parseRadarSiteId } from '../../core/vocabulary/index.js';
import { type Catalog, openCatalog } from '../../store/catalog/index.js';
import { FileObjectStore } from '../../store/objects/index.js';
import { encodeArchiveII } from '../fixtures/archive2-encoder.js';
import { volume31 } from '../level2/synthetic-volumes.js';
import { MemorySource } from '../support/memory-source.js';

async function keysUnder(objects: FileObjectStore, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  for await (const o of objects.list(prefix)) keys.push(o.key);
  return keys;
}

describe('sweep store lifetime', () => {
  const bytes = encodeArchiveII(volume31());
  const volume = decodeArchiveII(bytes);
  const prefix = level2ZarrPrefix(volume.site, volume.volumeStart, level2VolumeId(parseRadarSiteId(volume.site, 'the test volume'), volume.volumeStart));
  const log = pino({ level: 'silent' });
  let dir: string;
  let objects: FileObjectStore;
  let catalog: Catalog;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'radome-sweep-store-retention-'));
    objects = new FileObjectStore(join(dir, 'objects'), { durable: false });
    catalog = await openCatalog(join(dir, 'catalog.db'));
  });
  afterAll(async () => {
    await catalog?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('re-ingest keeps the store less stale leftovers; retention deletes every object of it', async () => {
    const source = new MemorySource();
    source.files.set('a', bytes);
    source.files.set('b', bytes.slice()); // the same volume from another file: replaces the rows
    const ctx = { catalog, objects, renderSize: 64, log };
    expect((await ingestObject(ctx, source, source.object('a'))).status).toBe('ingested');
    const stored = await keysUnder(objects, `${prefix}/`);
    expect(stored).toContain(`${prefix}/.zmetadata`);
    // A leftover of an earlier write of the store (an array its metadata no longer names) goes at re-ingest.
    await objects.put(`${prefix}/sweep_0/VRADH/0.0`, new Uint8Array([1]), 'application/octet-stream');
    expect((await ingestObject(ctx, source, source.object('b'))).status).toBe('ingested');
    expect(await catalog.reader.ingest.doomedCount()).toBe(0);
    expect(await keysUnder(objects, `${prefix}/`)).toEqual(stored);

    const result = await applyRetention(catalog, objects, 1, log, volume.volumeStart + 86_400_000);
    expect(result.volumes).toBe(1);
    expect(await keysUnder(objects, `${prefix}/`)).toEqual([]);
    expect(await keysUnder(objects, '')).toEqual([]);
    expect(result.deletedObjects).toBeGreaterThanOrEqual(stored.length);
    expect(await catalog.reader.ingest.doomedCount()).toBe(0);
  });
});
