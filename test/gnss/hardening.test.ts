// Issue 18: a stored station-day naming satellite G00 killed the process from inside hyparquet's
// onChunk callback (item 1); a 16 Hz epoch could not be written (item 10).
import { describe, expect, it } from 'vitest';
import { readRinex } from '../../ingest/decode/rinex/index.js';
import { planGnssFile } from '../../ingest/gnss/plan.js';
import { decodeSnrParquet, encodeSnrParquet } from '../../store/gnss/snr-parquet.js';
import { objectBytes } from '../../store/objects/object-body.js';
import { writeRinexObs } from '../fixtures/rinex-writer.js';
import { legacySnrParquet as storedDay } from './legacy-snr-parquet.js';

const T0 = Date.UTC(2024, 0, 1);
const file = { source: 'test', key: 'high-rate.24o', size: 0, fingerprint: 'f' };

describe('stored station-days (issue 18, item 1)', () => {
  it('a stored day naming satellite G00 rejects its own read with CORRUPT, and nothing escapes as an unhandled rejection', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const body = storedDay(['G05', 'G00', 'G05'], [T0, T0, T0 + 1000]);
      await expect(decodeSnrParquet(body, 'gnss/snr/station=TEST/year=2024/doy=001/part-0.parquet')).rejects.toMatchObject({
        code: 'CORRUPT',
        file: 'gnss/snr/station=TEST/year=2024/doy=001/part-0.parquet',
        message: expect.stringMatching(/satellite "G00", which is no satellite/),
      });
      // Give a stray rejection from hyparquet's callbacks the turns it needs to surface.
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('a day written with millisecond times (before microseconds) still reads', async () => {
    const obs = await decodeSnrParquet(storedDay(['G05', 'E11'], [T0 + 1000, T0 + 2000]), 'old');
    expect([...obs.times]).toEqual([T0 + 1000, T0 + 2000]);
    expect([...obs.satellites]).toEqual([105, 311]);
  });

  it('a corrupt Parquet body is CORRUPT naming the object', async () => {
    const body = storedDay(['G05'], [T0]);
    body.fill(0, 4, 40); // the first column's pages
    await expect(decodeSnrParquet(body, 'the-object')).rejects.toMatchObject({ code: 'CORRUPT', file: 'the-object' });
  });

  it('radome never writes satellite key constellation × 100 + 0', () => {
    const obs = { count: 1, times: Float64Array.of(T0), satellites: Uint16Array.of(100), codeIndex: Uint8Array.of(0), codes: ['S1C'], values: Float32Array.of(40) };
    expect(() => encodeSnrParquet(obs)).toThrow(/not constellation × 100 \+ PRN 01-99/);
  });
});

describe('high-rate epochs (issue 18, item 10)', () => {
  it('16 Hz epochs (30.0625 s) are stored and read back exactly, and the catalog keeps whole-ms bounds around them', async () => {
    const times = [0, 1, 2, 3, 17].map((k) => T0 + 30_000 + k * 62.5);
    const rinex = readRinex(
      writeRinexObs({
        version: 3,
        satSystem: 'G',
        obsTypes: { G: ['S1C'] },
        body: times.map((time, k) => ({ kind: 'epoch' as const, time, satellites: [{ id: 'G07', values: [40 + k] }] })),
      }),
    );
    expect([...rinex.snr.times]).toEqual(times);
    const plan = planGnssFile(rinex, file, { ingestedAt: 1 });
    const obs = await decodeSnrParquet(objectBytes(plan.objects[0]!.body), 'day');
    expect([...obs.times]).toEqual(times);
    expect(plan.days[0]!.row).toMatchObject({ firstTime: T0 + 30_000, lastTime: Math.ceil(times[4]!), epochCount: 5 });
    expect(Number.isInteger(plan.days[0]!.row.lastTime)).toBe(true);
  });
});
