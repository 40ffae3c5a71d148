// The pure parts of rainfall and swaths: trapezoid weights, the Z-R relation with its hail cap,
// per-gate accumulation and maximum over polar grids of different geometries.
import { describe, expect, it } from 'vitest';
import { accumulateRates, accumulationCodes, accumulationCodeValues, maxCodes, resampleMaps } from './polar-stack.js';
import { HAIL_CAP_DBZ, zrRateMmPerHour, zrRateTable } from './rain-rate.js';
import { trapezoidWeights } from './time-weights.js';
import type { PolarGeometry } from '../render/types.js';

const MIN = 60_000;
const HOUR = 3_600_000;

function geometry(radials: number, gates: number, firstGateKm = 2.125, gateSpacingKm = 0.25): PolarGeometry {
  return {
    latitude: 41.6,
    longitude: -88.1,
    heightM: 200,
    elevationAngle: 0.5,
    radialCount: radials,
    gateCount: gates,
    azimuths: Float32Array.from({ length: radials }, (_, r) => (r + 0.5) * (360 / radials)),
    azimuthWidth: 360 / radials,
    firstGateKm,
    gateSpacingKm,
  };
}

describe('trapezoid weights', () => {
  it('a constant rate over 2 h integrates to rate × 2 h within 0.5 %, with volume times off the window edges', () => {
    const t0 = Date.UTC(2024, 4, 20, 12);
    // Volumes every 4.6 min starting 3 min before the window: the edges fall between volumes.
    const times = Array.from({ length: 30 }, (_, k) => t0 - 3 * MIN + k * 4.6 * MIN);
    const rate = 12.5;
    const { weights, gaps, coveredMs } = trapezoidWeights(times, t0, t0 + 2 * HOUR, 20 * MIN);
    const g = geometry(360, 10);
    const acc = new Float32Array(360 * 10);
    const rates = new Float32Array(256).fill(rate);
    const codes = new Uint8Array(360 * 10).fill(100);
    const maps = resampleMaps(g, g);
    weights.forEach((w, _k) => w > 0 && accumulateRates(acc, g, maps, codes, rates, w));
    expect(gaps).toEqual([]);
    expect(coveredMs).toBe(2 * HOUR);
    for (const v of acc) expect(Math.abs(v - rate * 2) / (rate * 2)).toBeLessThan(0.005);
  });

  it('a linear rate integrates exactly (trapezoids are exact for linear fields)', () => {
    const times = [0, 5 * MIN, 10 * MIN, 15 * MIN];
    const rateAt = (t: number) => 2 + t / MIN; // mm/h
    const { weights } = trapezoidWeights(times, 2 * MIN, 13 * MIN, 20 * MIN);
    const got = times.reduce((s, t, k) => s + weights[k]! * rateAt(t), 0);
    // ∫ from 2 to 13 min of (2 + t) mm/h dt = (2·11 + (13² − 2²)/2) mm·min/h
    expect(got).toBeCloseTo((2 * 11 + (169 - 4) / 2) / 60, 10);
  });

  it('a gap longer than the limit is reported and not integrated; the edges before the first and after the last volume are gaps', () => {
    const times = [5 * MIN, 10 * MIN, 15 * MIN, 50 * MIN, 55 * MIN];
    const { weights, gaps, coveredMs } = trapezoidWeights(times, 0, 60 * MIN, 20 * MIN);
    expect(gaps).toEqual([
      { from: 0, to: 5 * MIN },
      { from: 15 * MIN, to: 50 * MIN },
      { from: 55 * MIN, to: 60 * MIN },
    ]);
    expect(coveredMs).toBe(15 * MIN);
    expect(weights.reduce((a, b) => a + b, 0)).toBeCloseTo(0.25, 12);
    // A limit of 40 min fills nothing but integrates the 35 min pair.
    expect(trapezoidWeights(times, 0, 60 * MIN, 40 * MIN).gaps).toEqual([
      { from: 0, to: 5 * MIN },
      { from: 55 * MIN, to: 60 * MIN },
    ]);
  });

  it('no instants: the whole window is a gap', () => {
    expect(trapezoidWeights([], 0, HOUR, 20 * MIN)).toMatchObject({ gaps: [{ from: 0, to: HOUR }], coveredMs: 0 });
  });
});

describe('Z = 300 R^1.4 with the 53 dBZ hail cap', () => {
  it('gives the textbook rates and caps at 103.8 mm/h', () => {
    // Independent: R = (Z / 300)^(1/1.4), Z = 10^(dBZ/10).
    for (const dbz of [10, 20, 30, 40, 50]) expect(zrRateMmPerHour(dbz)).toBeCloseTo((10 ** (dbz / 10) / 300) ** (1 / 1.4), 10);
    expect(zrRateMmPerHour(HAIL_CAP_DBZ)).toBeCloseTo(103.8, 1);
    expect(zrRateMmPerHour(65)).toBe(zrRateMmPerHour(53));
  });

  it('codes without a value rain 0', () => {
    const table = zrRateTable(Float32Array.from([NaN, NaN, -32, 20]));
    expect(Array.from(table.slice(0, 2))).toEqual([0, 0]);
    expect(table[3]).toBeCloseTo((100 / 300) ** (1 / 1.4), 5);
  });
});

describe('per-gate reductions across geometries', () => {
  it('maximum: per cell max of the inputs; a 360-radial grid read onto a 720-radial target by place', () => {
    const target = geometry(720, 8);
    const coarse = geometry(360, 8);
    const a = Uint8Array.from({ length: 720 * 8 }, (_, i) => (i * 7) % 200);
    const b = Uint8Array.from({ length: 360 * 8 }, (_, i) => (i * 13) % 250);
    const max = new Uint8Array(720 * 8);
    const identity = Uint8Array.from({ length: 256 }, (_, c) => c);
    maxCodes(max, target, resampleMaps(target, target), a, identity);
    maxCodes(max, target, resampleMaps(target, coarse), b, identity);
    for (let r = 0; r < 720; r++) {
      for (let g = 0; g < 8; g++) {
        // Target radial r (centre (r + 0.5)·0.5°) lies in coarse radial ⌊r / 2⌋.
        expect(max[r * 8 + g]).toBe(Math.max(a[r * 8 + g]!, b[Math.floor(r / 2) * 8 + g]!));
      }
    }
  });

  it('gates are matched by range: a grid with a different first gate and spacing lands on the gates at the same range', () => {
    const target = geometry(4, 6, 1, 0.5); // 1, 1.5, … 3.5 km
    const source = geometry(4, 4, 1, 1); // 1, 2, 3, 4 km
    const maps = resampleMaps(target, source);
    expect(Array.from(maps.gates)).toEqual([0, 1, 1, 2, 2, 3]);
  });
});

describe('accumulation codes', () => {
  it('keep 0 … 10 000 mm within 0.01 % or 0.0001 mm (and 0 exactly)', () => {
    const values = accumulationCodeValues();
    const mm = Float32Array.from([0, 0.01, 0.3, 1.138, 24.5, 400, 9999]);
    const codes = accumulationCodes(mm);
    expect(values[codes[0]!]).toBe(0);
    for (let i = 1; i < mm.length; i++) expect(Math.abs(values[codes[i]!]! - mm[i]!)).toBeLessThan(Math.max(1e-4 * mm[i]!, 1e-4));
  });
});
