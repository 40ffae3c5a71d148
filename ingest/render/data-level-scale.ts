import { RadomeError } from '../../core/errors.js';
import { thresholdColorScale, type ColorScale, type ThresholdStep } from './color-scale.js';

/** Most legend steps: data levels beyond this are grouped into evenly spaced steps. */
const MAX_STEPS = 16;

/** Anchors of a perceptually ordered ramp (dark blue → green → yellow → red → magenta). */
const RAMP = ['#2c3e9c', '#1f78d1', '#22b0c8', '#2cc36b', '#9bd93c', '#f2e03a', '#f5a623', '#e8532d', '#c0166b', '#9b2fae'];

function rampColor(f: number): string {
  const x = Math.min(Math.max(f, 0), 1) * (RAMP.length - 1);
  const i = Math.min(Math.floor(x), RAMP.length - 2);
  const t = x - i;
  const a = parseInt(RAMP[i]!.slice(1), 16);
  const b = parseInt(RAMP[i + 1]!.slice(1), 16);
  let hex = '#';
  for (const shift of [16, 8, 0]) {
    const c = Math.round(((a >> shift) & 255) * (1 - t) + ((b >> shift) & 255) * t);
    hex += c.toString(16).padStart(2, '0');
  }
  return hex;
}

/** float32-decoded values shown as people wrote them (0.1, not 0.10000000149). */
const tidy = (v: number): number => Number(v.toPrecision(6));

/** A step for 1, 2, 2.5 or 5 × 10^n, at least `raw`. */
function niceStep(raw: number): number {
  const p = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= raw) return tidy(m * p);
  return tidy(10 * p);
}

/**
 * A colour scale for products without a dedicated table, from the physical value of each data
 * level (`levelValues`, NaN for flag levels): one step per distinct value when there are at most
 * 16 (the 8/16-level products, whose thresholds then label the legend), else up to 16 evenly
 * spaced steps over the levels' range.
 */
export function dataLevelColorScale(units: string, levelValues: Float32Array): ColorScale {
  let min = Infinity;
  let max = -Infinity;
  const distinct = new Set<number>();
  for (const v of levelValues) {
    if (v !== v) continue;
    if (v < min) min = v;
    if (v > max) max = v;
    if (distinct.size <= MAX_STEPS) distinct.add(tidy(v));
  }
  if (min === Infinity) throw new RadomeError('BAD_INPUT', 'data-level colour scale: no data level has a value');
  let mins: number[];
  if (distinct.size <= MAX_STEPS) {
    mins = [...distinct].sort((a, b) => a - b);
  } else {
    const step = niceStep((max - min) / (MAX_STEPS - 1));
    const first = Math.floor(min / step) * step;
    mins = [];
    for (let k = 0; first + k * step <= max && mins.length < MAX_STEPS + 1; k++) mins.push(tidy(first + k * step));
  }
  const steps: ThresholdStep[] = mins.map((m, i) => ({ min: m, color: rampColor(mins.length === 1 ? 1 : i / (mins.length - 1)) }));
  return thresholdColorScale(units, steps);
}
