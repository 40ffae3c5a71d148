// Bad input through the real `radome ingest files`: each bad file gets a typed error naming it,
// is recorded and quarantined, nothing of it reaches the catalog or the store, the good files
// beside it are ingested, and nothing crashes or hangs.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openReadOnlyCatalog } from '../../store/catalog/index.js';
import { FileObjectStore } from '../../store/objects/index.js';
import { encodeArchiveII } from '../fixtures/archive2-encoder.js';
import { random, volume1, volume31 } from '../level2/synthetic-volumes.js';
import { sampleFile } from '../sample-data.js';
import { type BadFile, expectQuarantined, ingestAmongBad, writeInputs } from './bad-files.js';
import { runRadome } from './radome-process.js';

describe('radome ingest files with bad input among good', () => {
  let dir: string;
  let dataDir: string;
  const env = () => ({ RADOME_DATA_DIR: dataDir, RADOME_RENDER_SIZE: '256' });
  const good = { 'klot-volume': encodeArchiveII(volume31()), 'legacy-message1': encodeArchiveII(volume1()) };
  const bad: Record<string, BadFile> = {};

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'radome-bad-'));
    dataDir = join(dir, 'var');
    const volume = good['klot-volume'];
    const flipped = volume.slice();
    const rand = random(7);
    // Scramble a stretch in the middle of the first compressed record.
    for (let i = 200; i < 600; i++) flipped[i] = Math.floor(rand() * 256);
    bad['truncated-volume'] = { bytes: volume.subarray(0, Math.floor(volume.length * 0.6)), code: 'TRUNCATED' };
    bad['corrupted-volume'] = { bytes: flipped, code: 'CORRUPT' };
    bad['notes.txt'] = { bytes: new TextEncoder().encode('these are not radar data\n'.repeat(20)), code: 'UNRECOGNIZED' };
    bad['random.bin'] = { bytes: Uint8Array.from({ length: 5000 }, () => Math.floor(rand() * 256)), code: 'UNRECOGNIZED' };
    bad.empty = { bytes: new Uint8Array(0), code: 'TRUNCATED' };
    const real = sampleFile('nexrad/level2/KLOT20220317_000842_V06');
    if (real) bad['real-truncated_V06'] = { bytes: readFileSync(real).subarray(0, 1_000_000), code: 'TRUNCATED' };
    writeInputs(dir, good, bad);
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('ingests the good, reports, records and quarantines the bad, and leaves no trace of them', async () => {
    await ingestAmongBad(dir, env(), 2, bad);

    const catalog = await openReadOnlyCatalog(join(dataDir, 'catalog.db'));
    try {
      expect((await catalog.reader.radar.volumes({}, { first: 10 })).rows.map((v) => v.site).sort()).toEqual(['KLOT', 'KTLX']);
      const store = new FileObjectStore(join(dataDir, 'objects'));
      await expectQuarantined(catalog.reader, store, dir, bad);
      // Every other object belongs to a catalogued sweep or volume's sweep store: nothing half-written.
      const sweeps = (await catalog.reader.radar.sweeps({}, { first: 1000 })).rows;
      const owned = new Set(sweeps.flatMap((s) => [s.imageKey, s.metadataKey]));
      const stores = (await catalog.reader.radar.volumes({}, { first: 10 })).rows.map((v) => `${v.zarrKey}/`);
      const stored: string[] = [];
      for await (const o of store.list('radar/')) stored.push(o.key);
      expect(stored.filter((k) => !stores.some((p) => k.startsWith(p))).sort()).toEqual([...owned].sort());
      for (const p of stores) expect(stored).toContain(`${p}.zmetadata`);
    } finally {
      await catalog.close();
    }
  });

  it('running again re-tries nothing that succeeded and counts the attempts of what failed', async () => {
    const run = await runRadome(['ingest', 'files', join(dir, 'in')], env(), 120_000);
    expect(run.stdout).toContain(`0 ingested, 2 unchanged, ${Object.keys(bad).length} failed`);
    const catalog = await openReadOnlyCatalog(join(dataDir, 'catalog.db'));
    try {
      expect((await catalog.reader.ingest.failures()).every((f) => f.attempts === 2)).toBe(true);
    } finally {
      await catalog.close();
    }
  });
});
