import type { SnrObservations } from '../../store/gnss/snr-parquet.js';
import type { SnrRollupRows } from '../../store/catalog/index.js';
import { DAY_SECONDS, QUARTER_HOUR_SECONDS, rollupLevel, SNR_SCALE } from '../../store/gnss/rollup-levels.js';

const QUARTERS_PER_DAY = DAY_SECONDS / QUARTER_HOUR_SECONDS;
/** satelliteKey() is below 800 (7 constellations × 100). */
const SAT_SPAN = 800;

interface Slots {
  keys: number[];
  n: number[];
  sum: number[];
  sumSquares: number[];
  min: number[];
  max: number[];
  index: Map<number, number>;
}

const newSlots = (): Slots => ({ keys: [], n: [], sum: [], sumSquares: [], min: [], max: [], index: new Map() });

function merge(into: Slots, key: number, n: number, sum: number, sumSquares: number, min: number, max: number): void {
  const at = into.index.get(key);
  if (at === undefined) {
    into.index.set(key, into.keys.length);
    into.keys.push(key);
    into.n.push(n);
    into.sum.push(sum);
    into.sumSquares.push(sumSquares);
    into.min.push(min);
    into.max.push(max);
    return;
  }
  into.n[at]! += n;
  into.sum[at]! += sum;
  into.sumSquares[at]! += sumSquares;
  if (min < into.min[at]!) into.min[at] = min;
  if (max > into.max[at]!) into.max[at] = max;
}

/**
 * Sums one GPS day of observations (`day`: days since 1970; observations outside it are a caller
 * bug and ignored) into the four rollup levels: 15 min and 1 day, per satellite and per
 * constellation. One hash lookup per observation (into 15-min × satellite slots); the coarser
 * levels are summed from those slots.
 */
export function buildSnrRollups(obs: SnrObservations, day: number): SnrRollupRows {
  const dayStartS = day * DAY_SECONDS;
  const fine = newSlots();
  for (let i = 0; i < obs.count; i++) {
    const q = Math.floor((obs.times[i]! / 1000 - dayStartS) / QUARTER_HOUR_SECONDS);
    if (q < 0 || q >= QUARTERS_PER_DAY) continue;
    const v = Math.round(obs.values[i]! * SNR_SCALE);
    merge(fine, (obs.codeIndex[i]! * QUARTERS_PER_DAY + q) * SAT_SPAN + obs.satellites[i]!, 1, v, v * v, v, v);
  }
  const levels = [
    { level: rollupLevel(QUARTER_HOUR_SECONDS, true).id, slots: fine },
    { level: rollupLevel(QUARTER_HOUR_SECONDS, false).id, slots: newSlots() },
    { level: rollupLevel(DAY_SECONDS, true).id, slots: newSlots() },
    { level: rollupLevel(DAY_SECONDS, false).id, slots: newSlots() },
  ];
  for (let k = 0; k < fine.keys.length; k++) {
    const key = fine.keys[k]!;
    const sat = key % SAT_SPAN;
    const codeQuarter = (key - sat) / SAT_SPAN;
    const code = Math.floor(codeQuarter / QUARTERS_PER_DAY);
    const constellationTotal = sat - (sat % 100);
    const args = [fine.n[k]!, fine.sum[k]!, fine.sumSquares[k]!, fine.min[k]!, fine.max[k]!] as const;
    merge(levels[1]!.slots, codeQuarter * SAT_SPAN + constellationTotal, ...args);
    merge(levels[2]!.slots, code * QUARTERS_PER_DAY * SAT_SPAN + sat, ...args);
    merge(levels[3]!.slots, code * QUARTERS_PER_DAY * SAT_SPAN + constellationTotal, ...args);
  }
  const count = levels.reduce((s, l) => s + l.slots.keys.length, 0);
  const rows: SnrRollupRows = {
    count,
    level: new Uint8Array(count),
    codeIndex: new Uint8Array(count),
    bucket: new Float64Array(count),
    satellite: new Uint16Array(count),
    n: new Float64Array(count),
    sum: new Float64Array(count),
    sumSquares: new Float64Array(count),
    min: new Float64Array(count),
    max: new Float64Array(count),
  };
  let r = 0;
  for (const { level, slots } of levels) {
    for (let k = 0; k < slots.keys.length; k++, r++) {
      const key = slots.keys[k]!;
      const sat = key % SAT_SPAN;
      const codeQuarter = (key - sat) / SAT_SPAN;
      rows.level[r] = level;
      rows.codeIndex[r] = Math.floor(codeQuarter / QUARTERS_PER_DAY);
      rows.bucket[r] = dayStartS + (codeQuarter % QUARTERS_PER_DAY) * QUARTER_HOUR_SECONDS;
      rows.satellite[r] = sat;
      rows.n[r] = slots.n[k]!;
      rows.sum[r] = slots.sum[k]!;
      rows.sumSquares[r] = slots.sumSquares[k]!;
      rows.min[r] = slots.min[k]!;
      rows.max[r] = slots.max[k]!;
    }
  }
  return rows;
}
