import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeArchiveII, MOMENTS, type Level2Sweep, type Level2Volume, type Moment } from '../../ingest/decode/level2/index.js';
import { locationOf } from '../../ingest/level2/plan.js';
import { encodeSweepStore } from '../../ingest/level2/sweep-store.js';
import { level2ZarrPrefix } from '../../ingest/level2/volume-id.js';
import { level2VolumeId, parseRadarSiteId } from '../../core/vocabulary/index.js';
import { FileObjectStore } from '../../store/objects/index.js';
import { readStoredSweep } from '../../store/radar/sweep-store-read.js';
import { RadomeError } from '../../core/errors.js';
import { encodeArchiveII } from '../fixtures/archive2-encoder.js';
import { sampleFile, skipReason } from '../sample-data.js';
import { volume1, volume31 } from '../level2/synthetic-volumes.js';

const SAMPLE = 'nexrad/level2/KLOT20220317_000842_V06';
const samplePath = sampleFile(SAMPLE);
if (!samplePath) console.warn(skipReason(SAMPLE));

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'radome-sweep-store-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes the volume's sweep store into a fresh file object store; gives the store and prefix. */
async function store(volume: Level2Volume, name: string): Promise<{ objects: FileObjectStore; prefix: string }> {
  const objects = new FileObjectStore(join(dir, name), { durable: false });
  const id = level2VolumeId(parseRadarSiteId(volume.site, 'the test volume'), volume.volumeStart);
  const prefix = level2ZarrPrefix(volume.site, volume.volumeStart, id);
  await objects.putMany(encodeSweepStore(prefix, volume, id, locationOf(volume)));
  return { objects, prefix };
}

/** Every sweep read back with every moment equals the decoded sweep, field for field. */
async function expectRoundTrip(volume: Level2Volume, name: string): Promise<void> {
  const { objects, prefix } = await store(volume, name);
  for (const [i, sweep] of volume.sweeps.entries()) {
    const read = await readStoredSweep(objects, prefix, i, MOMENTS);
    expect(read.site).toBe(volume.site);
    expect(read.location).toEqual(locationOf(volume));
    expectSameSweep(read.sweep, sweep);
  }
}

/** Bytes of a typed array, to compare millions of gates at once (toEqual goes element by element). */
function bytesOf(a: ArrayBufferView): Buffer {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength);
}

/** Field for field, typed arrays by type and bytes. */
function expectSameSweep(got: Level2Sweep, want: Level2Sweep): void {
  const { azimuths, elevations, times, moments, ...facts } = got;
  const { azimuths: a, elevations: e, times: t, moments: m, ...wantFacts } = want;
  expect(facts).toEqual(wantFacts);
  for (const [x, y] of [
    [azimuths, a],
    [elevations, e],
    [times, t],
  ] as const) {
    expect(x.constructor).toBe(y.constructor);
    expect(bytesOf(x).equals(bytesOf(y))).toBe(true);
  }
  expect(Object.keys(moments).sort()).toEqual(Object.keys(m).sort());
  for (const [name, grid] of Object.entries(m)) {
    const { codes, ...gridFacts } = moments[name as Moment]!;
    const { codes: wantCodes, ...wantGridFacts } = grid;
    expect(gridFacts, name).toEqual(wantGridFacts);
    expect(codes.constructor, name).toBe(wantCodes.constructor);
    expect(bytesOf(codes).equals(bytesOf(wantCodes)), `${name} codes`).toBe(true);
  }
}

describe('sweep store round trip (encoder-made volumes)', () => {
  it('message 31: split cuts, 8- and 16-bit moments, differing gate counts and geometry', async () => {
    const volume = decodeArchiveII(encodeArchiveII(volume31()));
    // The fixture has a cut whose VEL is on another range axis and moments of unequal gate counts.
    expect(volume.sweeps.some((s) => s.moments.VEL && s.moments.REF && s.moments.VEL.gateSpacingKm !== s.moments.REF.gateSpacingKm)).toBe(true);
    await expectRoundTrip(volume, 'm31');
  });

  it('message 1: legacy volume without a stated location (site table)', async () => {
    const volume = decodeArchiveII(encodeArchiveII(volume1()));
    await expectRoundTrip(volume, 'm1');
  });

  it('reads only the moments asked for', async () => {
    const volume = decodeArchiveII(encodeArchiveII(volume31()));
    const { objects, prefix } = await store(volume, 'subset');
    const read = await readStoredSweep(objects, prefix, 0, ['ZDR', 'VEL']);
    expect(Object.keys(read.sweep.moments)).toEqual(['ZDR']);
    expect(read.sweep.moments.ZDR).toEqual(volume.sweeps[0]!.moments.ZDR);
  });

  it('a missing store, sweep or chunk, or a corrupt chunk, is a typed error', async () => {
    const volume = decodeArchiveII(encodeArchiveII(volume31()));
    const { objects, prefix } = await store(volume, 'damaged');
    await expect(readStoredSweep(objects, 'radar/level2/KXXX/none.zarr', 0, ['REF'])).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(readStoredSweep(objects, prefix, volume.sweeps.length, ['REF'])).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await objects.delete([`${prefix}/sweep_0/DBZH/0.0`]);
    await expect(readStoredSweep(objects, prefix, 0, ['REF'])).rejects.toMatchObject({ code: 'CORRUPT', message: expect.stringContaining('sweep_0/DBZH/0.0 is missing') });
    await objects.put(`${prefix}/sweep_1/DBZH/0.0`, new Uint8Array([1, 2, 3, 4]), 'application/octet-stream');
    const err = await readStoredSweep(objects, prefix, 1, ['REF']).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RadomeError);
    expect(err).toMatchObject({ code: 'CORRUPT', message: expect.stringContaining('sweep_1/DBZH') });
  });
});

describe('sweep store metadata kept per version', () => {
  it('reads a store again when its version changes, and only then', async () => {
    const volume = decodeArchiveII(encodeArchiveII(volume31()));
    const { objects, prefix } = await store(volume, 'versions');
    const first = await readStoredSweep(objects, prefix, 0, ['REF'], 1);
    expect(first.location).toEqual(locationOf(volume));
    // The volume ingested again from a file that states another location: a new version of the store.
    const moved = { ...volume, location: { ...locationOf(volume), latitude: 35.3 } };
    const id = level2VolumeId(parseRadarSiteId(volume.site, 'the test volume'), volume.volumeStart);
    await objects.putMany(encodeSweepStore(prefix, moved, id, moved.location));
    expect((await readStoredSweep(objects, prefix, 1, ['REF'], 1)).location.latitude).toBe(first.location.latitude);
    expect((await readStoredSweep(objects, prefix, 1, ['REF'], 2)).location.latitude).toBeCloseTo(35.3, 5);
    expect((await readStoredSweep(objects, prefix, 0, ['REF'])).location.latitude).toBeCloseTo(35.3, 5);
    // A store that fails to open is not kept: once written, it reads.
    const missing = `${prefix.slice(0, -5)}-later.zarr`;
    await expect(readStoredSweep(objects, missing, 0, ['REF'], 1)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await objects.putMany(encodeSweepStore(missing, volume, id, locationOf(volume)));
    expect((await readStoredSweep(objects, missing, 0, ['REF'], 1)).site).toBe(volume.site);
  });
});

describe.skipIf(!samplePath)('sweep store round trip (real KLOT volume)', () => {
  it('every sweep and moment reads back as decoded', async () => {
    await expectRoundTrip(decodeArchiveII(new Uint8Array(readFileSync(samplePath!))), 'klot');
  }, 120_000);
});
