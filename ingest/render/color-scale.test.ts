import { describe, expect, it } from 'vitest';
import { RadomeError } from '../../core/errors.js';
import { MOMENTS } from '../decode/level2/types.js';
import { classColorScale, lutColor, packRgba, parseColor, thresholdColorScale, type ColorScale } from './color-scale.js';
import { colorScaleForMoment, hydrometeorClassScale, precipitationInchesScale } from './color-tables.js';

/** Every threshold scale the project ships. */
const THRESHOLD_SCALES: [string, ColorScale][] = [
  ...MOMENTS.map((m): [string, ColorScale] => [m, colorScaleForMoment(m)]),
  ['REF clear air', colorScaleForMoment('REF', { clearAir: true })],
  ['precipitation', precipitationInchesScale()],
];

describe('threshold colour scales', () => {
  it('packs colours as RGBA bytes in memory', () => {
    const bytes = new Uint8Array(Uint32Array.of(parseColor('#0a141e80')).buffer);
    expect([...bytes]).toEqual([10, 20, 30, 128]);
    expect(parseColor('#ffffff')).toBe(packRgba(255, 255, 255, 255));
    expect(() => parseColor('red')).toThrow(RadomeError);
  });

  it('NWS reflectivity: 5 dBZ steps from 5 to ≥ 75, transparent below 5', () => {
    const scale = colorScaleForMoment('REF');
    expect(scale.units).toBe('dBZ');
    const entries = scale.legend.entries;
    expect(entries.map((e) => e.min)).toEqual([5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65, 70, 75]);
    expect(entries[0]).toEqual({ color: '#04e9e7', label: '5 to 10', min: 5, max: 10 });
    expect(entries.at(-1)).toEqual({ color: '#fdfdfd', label: '≥ 75', min: 75 });
    expect(scale.colorOf(4.99)).toBe(0);
    expect(scale.colorOf(5)).toBe(parseColor('#04e9e7'));
    expect(scale.colorOf(52)).toBe(parseColor('#fd0000'));
    expect(scale.colorOf(90)).toBe(parseColor('#fdfdfd'));
    expect(scale.colorOf(NaN)).toBe(0);
    const clearAir = colorScaleForMoment('REF', { clearAir: true });
    expect(clearAir.legend.entries[0]!.min).toBe(-30);
    expect(clearAir.colorOf(-12)).not.toBe(0);
    expect(clearAir.colorOf(-31)).toBe(0);
  });

  it('velocity: inbound greens, outbound reds, open-ended at both ends', () => {
    const scale = colorScaleForMoment('VEL');
    expect(scale.units).toBe('m/s');
    const green = (c: number): boolean => {
      const [r, g, b] = new Uint8Array(Uint32Array.of(c).buffer);
      return g! > r! && g! > b!;
    };
    const red = (c: number): boolean => {
      const [r, g, b] = new Uint8Array(Uint32Array.of(c).buffer);
      return r! > g! && r! > b!;
    };
    for (const v of [-80, -30, -12, -5]) expect(green(scale.colorOf(v)), `${v} m/s`).toBe(true);
    for (const v of [5, 12, 30, 80]) expect(red(scale.colorOf(v)), `${v} m/s`).toBe(true);
    expect(scale.legend.entries[0]).toEqual({ color: '#02fc02', label: '< -30', max: -30 });
  });

  it('units per moment match the Level 2 decoder and every scale has a legend', () => {
    expect(Object.fromEntries(MOMENTS.map((m) => [m, colorScaleForMoment(m).units]))).toEqual({
      REF: 'dBZ',
      VEL: 'm/s',
      SW: 'm/s',
      ZDR: 'dB',
      PHI: 'deg',
      RHO: 'unitless',
      CFP: 'dB',
    });
    const rho = colorScaleForMoment('RHO');
    expect(rho.legend.entries[0]!.min).toBe(0.2);
    expect(rho.legend.entries.at(-1)!.min).toBe(1.05);
    expect(precipitationInchesScale().units).toBe('in');
  });

  for (const [name, scale] of THRESHOLD_SCALES) {
    it(`${name}: legend entries are the table, and the quantised LUT gives the exact colours`, () => {
      const entries = scale.legend.entries;
      expect(scale.legend.units).toBe(scale.units);
      for (let i = 0; i < entries.length; i++) {
        const e = entries[i]!;
        expect(e.color).toMatch(/^#[0-9a-f]{6}$/);
        if (i > 0) expect(e.min).toBe(entries[i - 1]!.max);
        if (e.min === undefined) continue;
        // At each threshold, also as float32 would store it, the colour switches to this entry's.
        for (const v of [e.min, Math.fround(e.min), e.min + 1e-9]) {
          expect(scale.colorOf(v), `${name} ${v}`).toBe(parseColor(e.color));
          expect(lutColor(scale.lut, v), `${name} LUT ${v}`).toBe(parseColor(e.color));
        }
        const below = i > 0 ? parseColor(entries[i - 1]!.color) : 0;
        expect(scale.colorOf(e.min - 1e-3)).toBe(below);
        expect(lutColor(scale.lut, e.min - 1e-3)).toBe(below);
      }
      const lo = entries.find((e) => e.min !== undefined)!.min!;
      const hi = entries.at(-1)!.min!;
      for (let k = 0; k <= 5000; k++) {
        const v = Math.fround(lo - 5 + ((hi - lo + 10) * k) / 5000);
        expect(lutColor(scale.lut, v)).toBe(scale.colorOf(v));
      }
      expect(lutColor(scale.lut, Infinity)).toBe(parseColor(entries.at(-1)!.color));
    });
  }

  it('thresholds off any common grid still quantise closely (fallback LUT)', () => {
    const scale = thresholdColorScale('x', [
      { min: 0.1, color: '#000001' },
      { min: 1 / 3, color: '#000002' },
      { min: Math.PI, color: '#000003' },
    ]);
    expect(scale.lut.bins).toBe(4096);
    let mismatches = 0;
    for (let k = 0; k < 10_000; k++) {
      const v = (4 * k) / 10_000;
      if (lutColor(scale.lut, v) !== scale.colorOf(v)) mismatches++;
    }
    expect(mismatches).toBeLessThan(5); // only values within one 1/4096 bin of 1/3
  });

  it('rejects unsorted or empty tables', () => {
    expect(() => thresholdColorScale('x', [])).toThrow(RadomeError);
    expect(() =>
      thresholdColorScale('x', [
        { min: 2, color: '#000000' },
        { min: 1, color: '#000000' },
      ]),
    ).toThrow(RadomeError);
    expect(() =>
      thresholdColorScale('x', [
        { min: 1, color: '#000000' },
        { min: -Infinity, color: '#000000' },
      ]),
    ).toThrow(RadomeError);
  });
});

describe('class colour scales', () => {
  it('Level 3 hydrometeor classes: each code its colour and label, other codes transparent', () => {
    const scale = hydrometeorClassScale();
    const labels = scale.legend.entries.map((e) => e.label.slice(0, 2));
    expect(labels).toEqual(['BI', 'GC', 'IC', 'DS', 'WS', 'RA', 'HR', 'BD', 'GR', 'HA', 'LH', 'GH', 'UK', 'RF']);
    expect(scale.legend.entries.map((e) => e.value)).toEqual([10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120, 140, 150]);
    expect(new Set(scale.legend.entries.map((e) => e.color)).size).toBe(14);
    for (const e of scale.legend.entries) {
      expect(scale.colorOf(e.value!)).toBe(parseColor(e.color));
      expect(lutColor(scale.lut, Math.fround(e.value!))).toBe(parseColor(e.color));
    }
    for (const v of [0, 5, 15, 130, 160, -10, NaN]) {
      expect(scale.colorOf(v), `${v}`).toBe(0);
      expect(lutColor(scale.lut, v), `LUT ${v}`).toBe(0);
    }
  });

  it('rejects non-integer or repeated codes', () => {
    expect(() => classColorScale('c', [{ value: 1.5, color: '#000000', label: 'a' }])).toThrow(RadomeError);
    expect(() =>
      classColorScale('c', [
        { value: 1, color: '#000000', label: 'a' },
        { value: 1, color: '#ffffff', label: 'b' },
      ]),
    ).toThrow(RadomeError);
  });
});
