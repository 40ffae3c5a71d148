import { RadomeError } from '../../core/errors.js';
import type { ColorLegend, LegendEntry } from './types.js';

/**
 * A value → colour mapping shared by Level 2 moments and Level 3 products. Colours are packed
 * RGBA in this machine's byte order, so a Uint32Array view of an RGBA byte buffer takes them
 * directly; 0 is fully transparent.
 */
export interface ColorScale {
  readonly units: string;
  readonly legend: ColorLegend;
  readonly lut: ColorLut;
  /** The exact colour of a value (NaN → 0). The LUT gives the same colours (tested). */
  colorOf(value: number): number;
}

/**
 * Quantised form of a scale for hot loops: colors[0] is below the table, colors[bins + 1] above
 * it, and a value falls in bin floor((value − origin) · perUnit), colour colors[bin + 1].
 */
export interface ColorLut {
  origin: number;
  perUnit: number;
  bins: number;
  colors: Uint32Array;
}

/** The LUT entry of a value that is not NaN: 0 below the table, bins + 1 above it. */
export function lutIndex(lut: ColorLut, value: number): number {
  const x = (value - lut.origin) * lut.perUnit;
  return x < 0 ? 0 : x >= lut.bins ? lut.bins + 1 : (x | 0) + 1;
}

/** A value's colour through the LUT (NaN → 0). */
export function lutColor(lut: ColorLut, value: number): number {
  return value !== value ? 0 : lut.colors[lutIndex(lut, value)]!;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

export function packRgba(r: number, g: number, b: number, a: number): number {
  return (LITTLE_ENDIAN ? (a << 24) | (b << 16) | (g << 8) | r : (r << 24) | (g << 16) | (b << 8) | a) >>> 0;
}

/** #rrggbb or #rrggbbaa → packed RGBA. */
export function parseColor(hex: string): number {
  const m = /^#([0-9a-f]{6})([0-9a-f]{2})?$/i.exec(hex);
  if (!m) throw new RadomeError('BAD_INPUT', `colour ${JSON.stringify(hex)} is not #rrggbb or #rrggbbaa`);
  const rgb = parseInt(m[1]!, 16);
  return packRgba(rgb >>> 16, (rgb >>> 8) & 255, rgb & 255, m[2] ? parseInt(m[2], 16) : 255);
}

export interface ThresholdStep {
  /** Lower bound (inclusive) of the step; -Infinity for an open lowest step. */
  min: number;
  color: string;
  label?: string;
}

/** Most LUT bins a threshold table gets when its thresholds share no common step. */
const MAX_THRESHOLD_BINS = 4096;

/**
 * Colours by steps: a value takes the colour of the last step whose min it reaches; below the
 * first step it is transparent, above the last it keeps the last colour. Thresholds are compared
 * with a relative tolerance of 1e-6 so float32-rounded decoded values land on the intended side.
 */
export function thresholdColorScale(units: string, steps: readonly ThresholdStep[]): ColorScale {
  if (steps.length === 0) throw new RadomeError('BAD_INPUT', 'a threshold colour scale needs at least one step');
  const mins = steps.map((s) => s.min);
  for (let i = 0; i < mins.length; i++) {
    const bad = Number.isNaN(mins[i]) || mins[i] === Infinity || (i > 0 && !(mins[i]! > mins[i - 1]!)) || (i > 0 && mins[i] === -Infinity);
    if (bad) throw new RadomeError('BAD_INPUT', `threshold step ${i} (min ${mins[i]}) must be finite (or -Infinity first) and above the previous step`);
  }
  const colors = steps.map((s) => parseColor(s.color));
  const finite = mins.filter((m) => m !== -Infinity);
  const tolerance = 1e-6 * Math.max(1, ...finite.map(Math.abs));
  const colorOf = (value: number): number => {
    if (Number.isNaN(value)) return 0;
    for (let i = mins.length - 1; i >= 0; i--) if (value >= mins[i]! - tolerance) return colors[i]!;
    return 0;
  };

  let lut: ColorLut;
  if (finite.length === 0) {
    lut = { origin: 0, perUnit: 0, bins: 1, colors: Uint32Array.of(colors[0]!, colors[0]!, colors[0]!) };
  } else {
    const lo = finite[0]!;
    const hi = finite[finite.length - 1]!;
    const width = commonStep(finite.map((t) => t - lo)) ?? (hi - lo) / MAX_THRESHOLD_BINS;
    const bins = Math.max(1, Math.round((hi - lo) / width));
    const table = new Uint32Array(bins + 2);
    table[0] = mins[0] === -Infinity ? colors[0]! : 0;
    for (let k = 0; k < bins; k++) table[k + 1] = colorOf(lo + (k + 0.5) * width);
    table[bins + 1] = colors[colors.length - 1]!;
    lut = { origin: lo - tolerance, perUnit: 1 / width, bins, colors: table };
  }

  const entries: LegendEntry[] = steps.map((s, i) => {
    const max = steps[i + 1]?.min;
    const label = s.label ?? (s.min === -Infinity ? `< ${max}` : max === undefined ? `≥ ${s.min}` : `${s.min} to ${max}`);
    return { color: s.color, label, ...(s.min !== -Infinity ? { min: s.min } : {}), ...(max !== undefined ? { max } : {}) };
  });
  return { units, legend: { units, entries }, lut, colorOf };
}

/**
 * The largest step (to 1e-6) that every offset is a whole multiple of, when that makes at most
 * MAX_THRESHOLD_BINS bins: then LUT bin edges fall exactly on the thresholds.
 */
function commonStep(offsets: number[]): number | null {
  const micro = offsets.map((o) => Math.round(o * 1e6));
  if (micro.some((m, i) => Math.abs(m - offsets[i]! * 1e6) > 1e-3)) return null;
  let g = 0;
  for (const m of micro) {
    let a = g;
    let b = m;
    while (b) [a, b] = [b, a % b];
    g = a;
  }
  if (g === 0) return 1;
  return micro[micro.length - 1]! / g > MAX_THRESHOLD_BINS ? null : g / 1e6;
}

export interface ColorClass {
  /** Integer class code as the product stores it. */
  value: number;
  color: string;
  label: string;
}

/** Colours integer class codes (values are rounded to the nearest integer); other codes are transparent. */
export function classColorScale(units: string, classes: readonly ColorClass[]): ColorScale {
  if (classes.length === 0) throw new RadomeError('BAD_INPUT', 'a class colour scale needs at least one class');
  const codes = classes.map((c) => c.value);
  for (const code of codes) {
    if (!Number.isInteger(code)) throw new RadomeError('BAD_INPUT', `class code ${code} is not an integer`);
  }
  if (new Set(codes).size !== codes.length) throw new RadomeError('BAD_INPUT', 'class codes must be distinct');
  const low = Math.min(...codes);
  const bins = Math.max(...codes) - low + 1;
  if (bins > 65536) throw new RadomeError('BAD_INPUT', `class codes span ${bins} values; at most 65536 are supported`);
  const table = new Uint32Array(bins + 2);
  for (const c of classes) table[c.value - low + 1] = parseColor(c.color);
  const lut: ColorLut = { origin: low - 0.5, perUnit: 1, bins, colors: table };
  const colorOf = (value: number): number => {
    const code = Math.floor(value + 0.5);
    return code >= low && code < low + bins ? table[code - low + 1]! : 0;
  };
  const entries: LegendEntry[] = classes.map((c) => ({ color: c.color, label: c.label, value: c.value }));
  return { units, legend: { units, entries }, lut, colorOf };
}
