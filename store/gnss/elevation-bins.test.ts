// The bin functions multiply by the bin width's reciprocal; rollups and queries agree on every edge
// only if that gives the division's bin for every float32 angle. Checked for every float32 within
// 2¹⁶ steps of each bin edge (where a product's rounding could cross an integer) and every 251st
// float32 elsewhere, for elevations in [-90, 90] and azimuths in [0, 360].
import { describe, expect, it } from 'vitest';
import { AZIMUTH_BIN_DEGREES, azimuthBinOf, ELEVATION_BIN_DEGREES, elevationBinOf } from './elevation-bins.js';

const bits = new Uint32Array(1);
const float = new Float32Array(bits.buffer);
const NEAR = 1 << 16;
const STRIDE = 251;

/** Float32 values of one sign from 0 to `limit` in magnitude: all within NEAR steps of a multiple of `width`, every STRIDE-th elsewhere. */
function* float32s(limit: number, width: number, negative: boolean): Generator<number> {
  const sign = negative ? 0x80000000 : 0;
  const at = (b: number): number => {
    bits[0] = (b | sign) >>> 0;
    return float[0]!;
  };
  const patternOf = (x: number): number => {
    float[0] = x;
    return bits[0]! & 0x7fffffff;
  };
  const last = patternOf(limit);
  for (let b = 0; b <= last; b += STRIDE) yield at(b);
  for (let edge = 0; edge <= limit; edge += width) {
    const p = patternOf(edge);
    for (let b = Math.max(0, p - NEAR); b <= Math.min(last, p + NEAR); b++) yield at(b);
  }
}

describe('elevation and azimuth bins', () => {
  it('give the bin of the division for float32 elevations in [-90, 90]', () => {
    let checked = 0;
    for (const negative of [false, true]) {
      for (const e of float32s(90, ELEVATION_BIN_DEGREES, negative)) {
        if (elevationBinOf(e) !== Math.floor(e / ELEVATION_BIN_DEGREES)) expect.fail(`elevation ${e}: bin ${elevationBinOf(e)}, division ${Math.floor(e / ELEVATION_BIN_DEGREES)}`);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(8_000_000);
    expect([elevationBinOf(-90), elevationBinOf(-5), elevationBinOf(Math.fround(-0.000001)), elevationBinOf(Math.fround(4.999999)), elevationBinOf(5), elevationBinOf(90)]).toEqual([
      -18, -1, -1, 0, 1, 18,
    ]);
  });

  it('give the bin of the division for float32 azimuths in [0, 360], 360° as north', () => {
    let checked = 0;
    for (const a of float32s(360, AZIMUTH_BIN_DEGREES, false)) {
      const division = Math.floor((a >= 360 ? a - 360 : a) / AZIMUTH_BIN_DEGREES);
      if (azimuthBinOf(a) !== division) expect.fail(`azimuth ${a}: bin ${azimuthBinOf(a)}, division ${division}`);
      checked++;
    }
    expect(checked).toBeGreaterThan(8_000_000);
    expect([azimuthBinOf(0), azimuthBinOf(Math.fround(9.999999)), azimuthBinOf(10), azimuthBinOf(Math.fround(359.99997)), azimuthBinOf(360)]).toEqual([0, 0, 1, 35, 0]);
  });
});
