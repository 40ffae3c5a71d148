// addDayGeometry (geometry found at reconcile, added to a day planned without it) must give
// exactly what planning the day with its geometry gives: the same Parquet bytes (the SNR columns
// kept, the three geometry columns appended) and the same catalog rows and rollups.
import { describe, expect, it } from 'vitest';
import { decodeSnrParquet, type SnrObservations } from '../../store/gnss/snr-parquet.js';
import { objectBytes, objectParts } from '../../store/objects/object-body.js';
import { addDayGeometry, planGnssDay } from './plan-day.js';

const DAY = 18745;

/** A station-day of three codes on a few satellites every `step` 30-s epochs, with angles that cross bins; `gaps` rows have no position (NaN). */
function stationDay(gaps: boolean, step = 7): SnrObservations & { geometry: NonNullable<SnrObservations['geometry']> } {
  const times: number[] = [];
  const satellites: number[] = [];
  const codeIndex: number[] = [];
  const values: number[] = [];
  const elevation: number[] = [];
  const azimuth: number[] = [];
  const edot: number[] = [];
  for (let e = 0; e < 2880; e += step) {
    for (const sat of [103, 117, 211, 305]) {
      const angle = (e / 2880) * 2 * Math.PI + sat;
      const el = 45 + 44 * Math.sin(angle);
      const az = ((((angle * 180) / Math.PI) % 360) + 360) % 360;
      const missing = gaps && sat === 211 && e % 5 === 0;
      for (let c = 0; c < (sat > 300 ? 2 : 3); c++) {
        times.push(DAY * 86400e3 + e * 30e3);
        satellites.push(sat);
        codeIndex.push(c);
        values.push(30 + ((e + c * 7 + sat) % 23) * 0.25);
        elevation.push(missing ? NaN : el);
        azimuth.push(missing ? NaN : az);
        edot.push(missing ? NaN : 0.01 * Math.cos(angle));
      }
    }
  }
  return {
    count: times.length,
    times: Float64Array.from(times),
    satellites: Uint16Array.from(satellites),
    codeIndex: Uint8Array.from(codeIndex),
    codes: ['S1C', 'S2W', 'S5Q'],
    values: Float32Array.from(values),
    geometry: { elevation: Float32Array.from(elevation), azimuth: Float32Array.from(azimuth), edot: Float32Array.from(edot) },
  };
}

const from = { source: 'test', sourceKey: 'slac1180.21o', timeSystem: 'GPS', ingestedAt: 5 };

describe('addDayGeometry', () => {
  for (const gaps of [false, true]) {
    it(`gives the plan of the day with its geometry${gaps ? ' (rows without a position: OPTIONAL columns)' : ''}`, async () => {
      const withGeometry = stationDay(gaps);
      const { geometry: _, ...without } = withGeometry;
      const direct = planGnssDay('SLAC', DAY, withGeometry, { ...from, geometry: 'precise' });
      const added = addDayGeometry(planGnssDay('SLAC', DAY, without, from), withGeometry, 'precise');
      expect(Buffer.from(objectBytes(added.object.body)).equals(Buffer.from(objectBytes(direct.object.body)))).toBe(true);
      expect(added.object.key).toBe(direct.object.key);
      expect(added.commit).toEqual(direct.commit);
      expect(added.commit.elevationRollups!.count).toBeGreaterThan(0);
      const read = await decodeSnrParquet(objectBytes(added.object.body), 'added');
      expect(read.geometry!.elevation).toEqual(withGeometry.geometry.elevation);
      expect(read.geometry!.azimuth).toEqual(withGeometry.geometry.azimuth);
      expect(read.geometry!.edot).toEqual(withGeometry.geometry.edot);
      expect(read.values).toEqual(withGeometry.values);
    });
  }

  it('writes the same file when the geometry says it is complete (no look for nulls)', () => {
    const withGeometry = stationDay(false);
    const complete = { ...withGeometry, geometry: { ...withGeometry.geometry, complete: true } };
    const { geometry: _, ...without } = withGeometry;
    const looked = planGnssDay('SLAC', DAY, withGeometry, { ...from, geometry: 'precise' });
    const told = addDayGeometry(planGnssDay('SLAC', DAY, without, from), complete, 'precise');
    expect(Buffer.from(objectBytes(told.object.body)).equals(Buffer.from(objectBytes(looked.object.body)))).toBe(true);
  });

  it("keeps a whole day's geometry columns as parts of the body, not copied into one array", () => {
    const withGeometry = stationDay(false, 1);
    const complete = { ...withGeometry, geometry: { ...withGeometry.geometry, complete: true } };
    const { geometry: _, ...without } = withGeometry;
    const planned = planGnssDay('SLAC', DAY, without, from);
    const told = addDayGeometry(planned, complete, 'precise');
    const parts = objectParts(told.object.body);
    for (const name of ['elevation', 'azimuth', 'edot'] as const) expect(parts.some((p) => p.buffer === complete.geometry[name].buffer)).toBe(true);
    expect(Buffer.from(objectBytes(told.object.body)).equals(Buffer.from(objectBytes(planGnssDay('SLAC', DAY, complete, { ...from, geometry: 'precise' }).object.body)))).toBe(true);
  });

  it('refuses observations other than those the day was planned from', () => {
    const withGeometry = stationDay(false);
    const planned = planGnssDay('SLAC', DAY, { ...withGeometry, count: withGeometry.count - 1, geometry: undefined }, from);
    expect(() => addDayGeometry(planned, withGeometry, 'broadcast')).toThrow(/planned from other observations/);
  });
});
