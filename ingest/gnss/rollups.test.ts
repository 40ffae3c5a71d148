// Elevation rollups (buildSnrElevationRollups: a cell per satellite-epoch, slots from each pair's
// last cell) must equal a plain per-row sum exactly: on a synthetic day with more slots than the
// sums start with, and on the real SLAC 2021-118 file with its geometry from the SP3 and from the
// broadcast orbits.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { SnrElevationRollupRows } from '../../store/catalog/index.js';
import { azimuthBinOf, elevationBinOf } from '../../store/gnss/elevation-bins.js';
import { SNR_SCALE } from '../../store/gnss/rollup-levels.js';
import { constellationIndex, satelliteKey } from '../../store/gnss/satellites.js';
import type { SnrObservations } from '../../store/gnss/snr-parquet.js';
import { sampleFile, skipReason } from '../../test/sample-data.js';
import { ecefToGeodetic } from '../decode/rinex/geodetic.js';
import { readRinex } from '../decode/rinex/index.js';
import { orbitSourceOf, stationDayGeometry } from './day-orbits.js';
import { buildSnrElevationRollups } from './rollups.js';

const O = 'gnss/orbits';
const FILES = [sampleFile(`${O}/slac1180.21o`), sampleFile(`${O}/COD0MGXFIN_20211180000_01D_05M_ORB.SP3`), sampleFile(`${O}/brdc1180.21n`)];
if (!FILES.every(Boolean)) console.warn(skipReason(`${O}/slac1180.21o, COD0MGXFIN_20211180000_01D_05M_ORB.SP3, brdc1180.21n`));
const DAY = Date.UTC(2021, 3, 28) / 86400e3;

/** Rollups as a plain per-row sum: one Map entry per (code, satellite, elevation bin, azimuth bin), in order of first appearance. */
function perRow(obs: SnrObservations, day: number): SnrElevationRollupRows {
  const { elevation, azimuth } = obs.geometry!;
  const cells = new Map<string, { c: number; s: number; e: number; a: number; n: number; sum: number; sq: number; min: number; max: number }>();
  for (let i = 0; i < obs.count; i++) {
    const e = elevation[i]!;
    const a = azimuth[i]!;
    if (Math.floor(obs.times[i]! / 86400e3) !== day || !(e >= -90 && e <= 90 && a >= 0 && a <= 360)) continue;
    const k = { c: obs.codeIndex[i]!, s: obs.satellites[i]!, e: elevationBinOf(e), a: azimuthBinOf(a) };
    const key = `${k.c}/${k.s}/${k.e}/${k.a}`;
    const v = Math.round(obs.values[i]! * SNR_SCALE);
    const cell = cells.get(key) ?? { ...k, n: 0, sum: 0, sq: 0, min: Infinity, max: -Infinity };
    cells.set(key, cell);
    cell.n++;
    cell.sum += v;
    cell.sq += v * v;
    cell.min = Math.min(cell.min, v);
    cell.max = Math.max(cell.max, v);
  }
  const all = [...cells.values()];
  return {
    count: all.length,
    codeIndex: Uint8Array.from(all, (r) => r.c),
    satellite: Uint16Array.from(all, (r) => r.s),
    elevationBin: Int8Array.from(all, (r) => r.e),
    azimuthBin: Uint8Array.from(all, (r) => r.a),
    n: Float64Array.from(all, (r) => r.n),
    sum: Float64Array.from(all, (r) => r.sum),
    sumSquares: Float64Array.from(all, (r) => r.sq),
    min: Float64Array.from(all, (r) => r.min),
    max: Float64Array.from(all, (r) => r.max),
  };
}

describe('elevation rollups of a synthetic day', () => {
  // ~20,000 (code, satellite, cell) slots, more than the sums start with (2^12), so they grow (and
  // the slots' hash table with them) and the row loop resumes mid-day; the same day summed again after another gives the same rows
  // (nothing of one call leaks into the next). NaN geometry and rows below the horizon included.
  const dayOf = (seed: number): SnrObservations => {
    const codes = Array.from({ length: 12 }, (_, c) => `S${c}X`);
    const rows: { t: number; s: number; c: number; e: number; a: number; v: number }[] = [];
    for (let epoch = 0; epoch < 40; epoch++) {
      for (let s = 0; s < 120; s++) {
        // Each satellite sweeps the sky at its own pace; some rows below the horizon, one without a position.
        const e = s === 7 && epoch % 50 === 0 ? Number.NaN : Math.fround(-10 + ((epoch * (1 + (s % 5)) + s * 13 + seed) % 100));
        const a = Math.fround((epoch * (2 + (s % 3)) + s * 29) % 360);
        for (let c = s % 3; c < codes.length; c += 1 + (s % 4)) rows.push({ t: DAY * 86400e3 + epoch * 30e3, s: 101 + (s % 6) * 100 + (s % 40), c, e, a, v: 20 + ((epoch * 7 + c * 3 + s) % 31) / 4 });
      }
    }
    return {
      count: rows.length,
      times: Float64Array.from(rows, (r) => r.t),
      satellites: Uint16Array.from(rows, (r) => r.s),
      codeIndex: Uint8Array.from(rows, (r) => r.c),
      codes,
      values: Float32Array.from(rows, (r) => r.v),
      geometry: { elevation: Float32Array.from(rows, (r) => r.e), azimuth: Float32Array.from(rows, (r) => r.a), edot: new Float32Array(rows.length), complete: false },
    };
  };

  it('equal a per-row sum exactly, day after day', () => {
    for (const seed of [0, 37, 0]) {
      const obs = dayOf(seed);
      const rollups = buildSnrElevationRollups(obs, DAY)!;
      const expected = perRow(obs, DAY);
      expect(rollups.count).toBeGreaterThan(1 << 14);
      expect(rollups.count).toBe(expected.count);
      // Byte for byte per column (toEqual walks tens of thousands of typed-array elements slowly).
      const columns = Object.keys(expected).filter((k) => k !== 'count') as Exclude<keyof SnrElevationRollupRows, 'count'>[];
      const bytes = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
      expect(columns.filter((k) => !bytes(rollups[k]).equals(bytes(expected[k])))).toEqual([]);
    }
  });

  it('leave rows outside the day out whatever time range they are given with, and skip none inside it', () => {
    const obs = dayOf(5);
    const inside = buildSnrElevationRollups(obs, DAY, rangeOf(obs))!;
    expect(inside).toEqual(perRow(obs, DAY));
    // The day's last rows moved past midnight and its first before it: the range shows it, so they are left out.
    const times = obs.times.slice();
    for (let i = 0; i < 500; i++) {
      times[i] = DAY * 86400e3 - 1_000;
      times[times.length - 1 - i] = (DAY + 1) * 86400e3;
    }
    const spilling = { ...obs, times };
    const expected = perRow(spilling, DAY);
    expect(expected.n.reduce((a, b) => a + b)).toBeLessThan(inside.n.reduce((a, b) => a + b));
    expect(buildSnrElevationRollups(spilling, DAY, rangeOf(spilling))).toEqual(expected);
    expect(buildSnrElevationRollups(spilling, DAY)).toEqual(expected);
  });
});

/** The rows' first and last time as a planned catalog row has them (whole ms, floor and ceiling). */
function rangeOf(obs: SnrObservations): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  for (const t of obs.times) {
    min = Math.min(min, t);
    max = Math.max(max, t);
  }
  return [Math.floor(min), Math.ceil(max)];
}

describe.skipIf(!FILES.every(Boolean))('elevation rollups of a real day', () => {
  const [obsPath, sp3Path, navPath] = FILES as string[];
  const rinex = readRinex(readFileSync(obsPath!));
  const { snr } = rinex;
  const obs: SnrObservations = {
    count: snr.count,
    times: snr.times,
    satellites: Uint16Array.from(snr.satSystem, (sys, i) => satelliteKey(constellationIndex(String.fromCharCode(sys)), snr.satPrn[i]!)),
    codeIndex: snr.codeIndex,
    codes: snr.codes,
    values: snr.values,
  };
  const station = ecefToGeodetic(...rinex.header.approxPositionXyz!);
  const position = { latitude: station.latitude, longitude: station.longitude, heightM: station.heightM };

  for (const [name, path] of [
    ['SP3', sp3Path!],
    ['broadcast', navPath!],
  ] as const) {
    it(`equal a per-row sum exactly (${name} orbits)`, () => {
      const orbits = orbitSourceOf(readFileSync(path), path);
      const withGeometry = { ...obs, geometry: stationDayGeometry(obs, position, 'GPS', orbits)! };
      const rollups = buildSnrElevationRollups(withGeometry, DAY)!;
      expect(rollups.count).toBeGreaterThan(100);
      expect(rollups).toEqual(perRow(withGeometry, DAY));
      expect(buildSnrElevationRollups(withGeometry, DAY, rangeOf(withGeometry))).toEqual(rollups);
    });
  }
});
