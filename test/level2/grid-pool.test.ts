// Decoding with a GridPool gives the same volumes as fresh arrays, reuses its memory from volume
// to volume, and hands out zeroed grids (rows a radial lacks stay BELOW_THRESHOLD).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeArchiveII, GridPool } from '../../ingest/decode/level2/index.js';
import { encodeArchiveII } from '../fixtures/archive2-encoder.js';
import { sampleFile } from '../sample-data.js';
import { volume31, wideningVolume31 } from './synthetic-volumes.js';
import { volumeDigest } from './volume-digest.js';

/** CFP starts halfway through elevation 1: its first rows must decode as zeros from reused memory. */
const gappy = encodeArchiveII(wideningVolume31());
const full = encodeArchiveII(volume31());

describe('GridPool', () => {
  it('decodes volume after volume like fresh arrays, zeroing reused memory', () => {
    const pool = new GridPool();
    for (const bytes of [full, gappy, full, gappy]) {
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
