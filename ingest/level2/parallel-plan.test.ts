// planArchiveIIParallel shares a file's bzip2 and its cuts' rendering between the calling thread
// and a pool's threads (with one pool thread: the calling thread decompresses, the pool renders):
// its plan must equal planArchiveII's to the byte, and it must fail as planArchiveII fails,
// whichever thread meets the failure. Both ways are tested: one pool thread and two.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RadomeError } from '../../core/errors.js';
import { splitArchiveIIRecords } from '../decode/level2/index.js';
import { createLevel2Pool, type Level2Pool } from './level2-pool.js';
import { planArchiveIIParallel } from './parallel-plan.js';
import { planArchiveII } from './plan.js';
import { encodeArchiveII, type EncodeOptions } from '../../test/fixtures/archive2-encoder.js';
import { sampleFile, skipReason } from '../../test/sample-data.js';
import { failure } from '../../test/support/radome-failure.js';
import { moment, sweep31, T0, volume1, volume31, wideningVolume31 } from '../../test/level2/synthetic-volumes.js';
import { typedArrayDigest } from '../../test/level2/volume-digest.js';

const options = { renderSize: 64, ingestedAt: 5 };
const fileOf = (bytes: Uint8Array) => ({ source: 'test', key: 'KLOT20220317_000842_V06', size: bytes.length, fingerprint: 'f' });

async function parallelError(bytes: Uint8Array, pool: Level2Pool): Promise<RadomeError> {
  const e = await planArchiveIIParallel(bytes, fileOf(bytes), options, pool).then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(RadomeError);
  return e as RadomeError;
}

const eightCuts = volume31({
  radialsPerRecord: 10,
  sweeps31: [1, 2, 3, 4, 5, 6, 7, 8].map((n) => sweep31(n, 0.5 * n, 1, 30, T0 + n * 20_000, { REF: moment('REF', 30, 200, n), VEL: moment('VEL', 30, 200, 10 + n) })),
});

const cases: [string, EncodeOptions][] = [
  ['split cuts, every moment, 8 and 16 bits', volume31()],
  ['one record per cut end', volume31({ radialsPerRecord: 1 })],
  ['the whole volume in one record', volume31({ radialsPerRecord: 1000 })],
  ['uncompressed records', volume31({ compression: 'none' })],
  ['gzip-wrapped', volume31({ gzip: true })],
  ["no location in the volume (the site table's)", volume31({ location: undefined })],
  ['legacy message 1', volume1()],
  ['eight cuts in turn', eightCuts],
  ['a cut that gets radials after its end radial', wideningVolume31({ radialsPerRecord: 10 })],
];

describe.each([1, 2])('planArchiveIIParallel with %i pool thread(s)', (threads) => {
  let pool: Level2Pool;
  beforeAll(() => {
    pool = createLevel2Pool(threads);
  });
  afterAll(() => pool.close());

  for (const [name, volume] of cases) {
    it(`plans as planArchiveII does: ${name}`, async () => {
      const bytes = encodeArchiveII(volume);
      const want = typedArrayDigest(planArchiveII(bytes, fileOf(bytes), options));
      expect(typedArrayDigest(await planArchiveIIParallel(bytes, fileOf(bytes), options, pool))).toEqual(want);
    });
  }

  it('fails as planArchiveII fails, whichever record fails', async () => {
    const good = encodeArchiveII(eightCuts);
    const { offsets } = splitArchiveIIRecords(good);
    expect(offsets.length).toBeGreaterThan(10);
    const cases = offsets.map((offset) => {
      const bad = good.slice();
      bad[offset + 300] ^= 0xff;
      return bad;
    });
    cases.push(good.slice(0, good.length - 1));
    for (const [k, bad] of cases.entries()) {
      const sync = failure(() => planArchiveII(bad, fileOf(bad), options));
      const e = await parallelError(bad, pool);
      expect([e.code, e.message], `case ${k}`).toEqual([sync.code, sync.message]);
    }
  });

  it("fails with a cut's render failure when that cut ended first, whichever thread rendered it", async () => {
    // A radar height the renderer refuses: every cut fails to render; the first cut's failure is thrown.
    const bytes = encodeArchiveII(volume31({ location: { latitude: 41.6, longitude: -88.08, heightM: 20_000 } }));
    const sync = failure(() => planArchiveII(bytes, fileOf(bytes), options));
    const e = await parallelError(bytes, pool);
    expect([e.code, e.message]).toEqual([sync.code, sync.message]);
    // The pool still plans afterwards.
    const good = encodeArchiveII(volume31());
    expect(typedArrayDigest(await planArchiveIIParallel(good, fileOf(good), options, pool))).toEqual(typedArrayDigest(planArchiveII(good, fileOf(good), options)));
  });

  it("rejects with the pool's error when a pool thread dies in a cut (no hang), and the pool plans afterwards", async () => {
    // What piscina does with the tasks of a thread that exits: rejects them (here the first cut's).
    let calls = 0;
    const dying: Level2Pool = { ...pool, renderCut: (task) => (calls++ === 0 ? Promise.reject(new Error('worker thread exited')) : pool.renderCut(task)) };
    const bytes = encodeArchiveII(eightCuts);
    await expect(planArchiveIIParallel(bytes, fileOf(bytes), options, dying)).rejects.toThrow('worker thread exited');
    expect(calls).toBeGreaterThan(1);
    // The pool still plans afterwards.
    expect(typedArrayDigest(await planArchiveIIParallel(bytes, fileOf(bytes), options, pool))).toEqual(typedArrayDigest(planArchiveII(bytes, fileOf(bytes), options)));
  });

  const sample = 'nexrad/level2/KLOT20220317_000842_V06';
  const path = sampleFile(sample);
  if (!path) console.warn(skipReason(sample));
  it.skipIf(!path)('plans the real volume as planArchiveII does', async () => {
    const bytes = readFileSync(path!);
    const opts = { ...options, renderSize: 256 };
    const want = typedArrayDigest(planArchiveII(bytes, fileOf(bytes), opts));
    expect(typedArrayDigest(await planArchiveIIParallel(bytes, fileOf(bytes), opts, pool))).toEqual(want);
  });
});
