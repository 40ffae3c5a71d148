// planArchiveII renders each cut as soon as it ends and lends its grids to the next cuts: its plan
// must equal, to the byte, the plan of the whole decoded volume (planLevel2Volume), which is what
// real-time ingest commits when it closes a volume.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeArchiveII, GridPool } from '../../ingest/decode/level2/index.js';
import { planArchiveII, planLevel2Volume } from '../../ingest/level2/plan.js';
import { encodeArchiveII, type EncodeOptions } from '../fixtures/archive2-encoder.js';
import { sampleFile, skipReason } from '../sample-data.js';
import { moment, sweep31, T0, volume1, volume31, wideningVolume31 } from './synthetic-volumes.js';
import { typedArrayDigest } from './volume-digest.js';

const options = { renderSize: 64, ingestedAt: 5 };
const fileOf = (bytes: Uint8Array) => ({ source: 'test', key: 'v', size: bytes.length, fingerprint: 'f' });
const wholePlan = (bytes: Uint8Array) => planLevel2Volume(decodeArchiveII(bytes), fileOf(bytes), options);

/** A pool whose memory is full of stale codes, as a thread's is after earlier volumes. */
function dirtyPool(): GridPool {
  const pool = new GridPool();
  for (let i = 0; i < 6; i++) pool.bytes(64 << 10).fill(0xab);
  for (let i = 0; i < 6; i++) pool.words(32 << 10).fill(0xabcd);
  pool.releaseAll();
  return pool;
}

/** Four cuts of the same size, one after the other. */
const fourCuts = volume31({
  radialsPerRecord: 10,
  sweeps31: [1, 2, 3, 4].map((n) => sweep31(n, 0.5 * n, 1, 30, T0 + n * 20_000, { REF: moment('REF', 30, 200, n), VEL: moment('VEL', 30, 200, 10 + n) })),
});

const cases: [string, EncodeOptions][] = [
  ['split cuts, every moment, 8 and 16 bits', volume31()],
  ['one record per cut end', volume31({ radialsPerRecord: 1 })],
  ['the whole volume in one record', volume31({ radialsPerRecord: 1000 })],
  ['uncompressed records', volume31({ compression: 'none' })],
  ["no location in the volume (the site table's)", volume31({ location: undefined })],
  ['legacy message 1', volume1()],
  ['four cuts in turn', fourCuts],
];

describe('planArchiveII', () => {
  for (const [name, volume] of cases) {
    it(`plans like the whole decoded volume: ${name}`, () => {
      const bytes = encodeArchiveII(volume);
      expect(planArchiveII(bytes, fileOf(bytes), options)).toEqual(wholePlan(bytes));
      expect(planArchiveII(bytes, fileOf(bytes), options, dirtyPool())).toEqual(wholePlan(bytes));
    });
  }

  it('plans a cut that gets radials after its end radial from the whole volume', () => {
    // Elevation 1 ends, then goes on (a second stretch): taken too early, so decoded again whole.
    const bytes = encodeArchiveII(wideningVolume31({ radialsPerRecord: 10 }));
    const plan = planArchiveII(bytes, fileOf(bytes), options, dirtyPool());
    expect(plan).toEqual(wholePlan(bytes));
    expect(plan.sweeps.find((s) => s.elevationNumber === 1)!.radialCount).toBe(40);
  });

  it('holds the grids of a cut or two, not of the volume', () => {
    const bytes = encodeArchiveII(fourCuts);
    const whole = new GridPool();
    decodeArchiveII(bytes, { grids: whole });
    const byCut = new GridPool();
    planArchiveII(bytes, fileOf(bytes), options, byCut);
    // Four cuts of two equal grids: the whole volume holds eight, cut by cut at most four.
    expect(byCut.size).toBeGreaterThan(0);
    expect(byCut.size).toBeLessThanOrEqual(whole.size / 2);
  });

  it('fails as decoding the volume fails', () => {
    const bytes = encodeArchiveII(volume31());
    const cut = bytes.subarray(0, bytes.length - 100);
    expect(() => planArchiveII(cut, fileOf(cut), options)).toThrow(expect.objectContaining({ code: 'TRUNCATED' }));
    expect(() => decodeArchiveII(cut)).toThrow(expect.objectContaining({ code: 'TRUNCATED' }));
  });

  const sample = 'nexrad/level2/KLOT20220317_000842_V06';
  const path = sampleFile(sample);
  if (!path) console.warn(skipReason(sample));
  it.skipIf(!path)("plans the real volume like the whole decoded volume, holding a cut's grids", () => {
    const bytes = readFileSync(path!);
    const pool = new GridPool();
    const streamed = planArchiveII(bytes, fileOf(bytes), { ...options, renderSize: 256 }, pool);
    expect(typedArrayDigest(streamed)).toEqual(typedArrayDigest(planLevel2Volume(decodeArchiveII(bytes), fileOf(bytes), { ...options, renderSize: 256 })));
    // 51 MB for the whole volume's grids.
    expect(pool.size).toBeLessThan(12e6);
  });
});
