// Decoding with a GridPool gives the same volumes as fresh arrays, reuses its memory from volume
// to volume, and, though the pool hands out memory as an earlier volume left it, every element a
// radial does not write (rows a moment lacks, the tail of a short radial) reads BELOW_THRESHOLD.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeArchiveII, GridPool } from './index.js';
import { encodeArchiveII } from '../../../test/fixtures/archive2-encoder.js';
import { sampleFile } from '../../../test/sample-data.js';
import { moment, sweep31, T0, volume31, wideningVolume31 } from '../../../test/level2/synthetic-volumes.js';
import { volumeDigest } from '../../../test/level2/volume-digest.js';

/** CFP starts halfway through elevation 1: its first rows must decode as zeros from reused memory. */
const gappy = encodeArchiveII(wideningVolume31());
const full = encodeArchiveII(volume31());
/** Elevation 1's radials get shorter halfway (160 then 120 gates): the short rows' tails must be zeros. */
const narrowing = encodeArchiveII(
  volume31({
    sweeps31: [
      sweep31(1, 0.48, 0.5, 20, T0, { REF: moment('REF', 20, 160, 7), CFP: moment('CFP', 20, 160, 8) }),
      sweep31(1, 0.48, 0.5, 20, T0 + 10_000, { REF: moment('REF', 20, 120, 9) }),
      sweep31(2, 0.88, 1, 30, T0 + 20_000, { VEL: moment('VEL', 30, 70, 10) }),
    ],
  }),
);

describe('GridPool', () => {
  it('decodes volume after volume like fresh arrays, zeroing reused memory', () => {
    const pool = new GridPool();
    for (const bytes of [full, gappy, full, gappy]) {
      expect(volumeDigest(decodeArchiveII(bytes, { grids: pool }))).toEqual(volumeDigest(decodeArchiveII(bytes)));
      pool.releaseAll();
    }
  });

  it('decodes into memory full of stale codes like fresh arrays', () => {
    const pool = new GridPool();
    // Stale codes everywhere: every buffer the decodes below will take is dirty.
    for (let i = 0; i < 8; i++) pool.bytes(1 << 20).fill(0xab);
    for (let i = 0; i < 8; i++) pool.words(1 << 19).fill(0xabcd);
    pool.releaseAll();
    for (const bytes of [gappy, narrowing, full, narrowing]) {
      expect(volumeDigest(decodeArchiveII(bytes, { grids: pool }))).toEqual(volumeDigest(decodeArchiveII(bytes)));
      pool.releaseAll();
    }
  });

  it('reuses its buffers: a second pass over the same volumes takes no new memory', () => {
    const pool = new GridPool();
    const pass = () => [full, gappy].forEach((bytes) => (decodeArchiveII(bytes, { grids: pool }), pool.releaseAll()));
    pass();
    const size = pool.size;
    expect(size).toBeGreaterThan(0);
    pass();
    expect(pool.size).toBe(size);
  });

  it('lends a grid given back before releaseAll to the next taker', () => {
    const pool = new GridPool();
    const a = pool.bytes(100 << 10);
    pool.words(10);
    pool.release(a.buffer);
    pool.release(new ArrayBuffer(8)); // not the pool's: ignored
    const size = pool.size;
    expect(pool.bytes(90 << 10).buffer).toBe(a.buffer);
    expect(pool.size).toBe(size);
  });

  it('keeps no more free memory than asked', () => {
    const pool = new GridPool(100 << 10);
    pool.bytes(90 << 10);
    pool.bytes(90 << 10);
    pool.releaseAll();
    expect(pool.size).toBeLessThanOrEqual(128 << 10);
  });

  const sample = sampleFile('nexrad/level2/KLOT20220317_000842_V06');
  it.skipIf(!sample)('decodes the real sample twice from one pool like fresh arrays', () => {
    const bytes = readFileSync(sample!);
    const want = volumeDigest(decodeArchiveII(bytes));
    const pool = new GridPool();
    for (let i = 0; i < 2; i++) {
      expect(volumeDigest(decodeArchiveII(bytes, { grids: pool }))).toEqual(want);
      pool.releaseAll();
    }
  });
});
