import type { SnrObservations } from '../../store/gnss/snr-parquet.js';
import type { SnrElevationRollupRows, SnrRollupRows } from '../../store/catalog/index.js';
import { AZIMUTH_BINS, azimuthBinOf, elevationBinOf } from '../../store/gnss/elevation-bins.js';
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

/** Elevation bins run from floor(-90 / 5) = -18 to 18 (90° itself); offset so cells stay non-negative. */
const ELEVATION_BIN_OFFSET = 18;
const ELEVATION_BIN_SPAN = 37;
/** Elevation × azimuth cells of one code and satellite. */
const CELLS = ELEVATION_BIN_SPAN * AZIMUTH_BINS;

/**
 * Sums one GPS day of observations with geometry into elevation rollups: per code, satellite, 5°
 * elevation bin and 10° azimuth bin (store/gnss/elevation-bins.ts). Observations without a position
 * (NaN geometry) or outside the day are left out, as the raw-observation queries leave them out.
 * Bins come from the stored float32 values, so rollups and Parquet agree on every edge. Slots are
 * found through two dense tables (code × satellite → pair, pair × cell → slot), not a hash: this
 * runs over every observation of every day ingested with geometry.
 */
export function buildSnrElevationRollups(obs: SnrObservations, day: number): SnrElevationRollupRows | undefined {
  const g = obs.geometry;
  if (!g) return undefined;
  const dayStart = day * DAY_SECONDS * 1000;
  const dayEnd = dayStart + DAY_SECONDS * 1000;
  const pairOf = new Int32Array(obs.codes.length * SAT_SPAN).fill(-1);
  const pairKeys: number[] = [];
  let slotOf = new Int32Array(64 * CELLS).fill(-1);
  const cells: number[] = [];
  // Two passes: each row's slot first, then the sums into arrays of the final size. One pass with
  // growing sum arrays ran ~4× slower: V8 cannot keep reassigned arrays in registers.
  const count = obs.count;
  const rowSlot = new Int32Array(count);
  // The columns in locals: V8 does not hoist property loads past the typed-array stores.
  const { times, codeIndex, satellites, values } = obs;
  const { elevation, azimuth } = g;
  // Rows of one satellite and epoch (one per code) share their geometry: its cell is found once.
  let lastE = NaN;
  let lastA = NaN;
  let lastCell = -1;
  for (let i = 0; i < count; i++) {
    rowSlot[i] = -1;
    const t = times[i]!;
    if (t < dayStart || t >= dayEnd) continue;
    const e = elevation[i]!;
    const a = azimuth[i]!;
    if (e !== lastE || a !== lastA) {
      lastE = e;
      lastA = a;
      lastCell = e >= -90 && e <= 90 && a >= 0 && a <= 360 ? (elevationBinOf(Math.fround(e)) + ELEVATION_BIN_OFFSET) * AZIMUTH_BINS + azimuthBinOf(Math.fround(a)) : -1;
    }
    if (lastCell < 0) continue;
    const pairKey = codeIndex[i]! * SAT_SPAN + satellites[i]!;
    let pair = pairOf[pairKey]!;
    if (pair < 0) {
      pair = pairOf[pairKey] = pairKeys.push(pairKey) - 1;
      if (pairKeys.length * CELLS > slotOf.length) {
        const grown = new Int32Array(slotOf.length * 2).fill(-1);
        grown.set(slotOf);
        slotOf = grown;
      }
    }
    const cell = pair * CELLS + lastCell;
    let slot = slotOf[cell]!;
    if (slot < 0) slot = slotOf[cell] = cells.push(cell) - 1;
    rowSlot[i] = slot;
  }
  const size = cells.length;
  const n = new Float64Array(size);
  const sum = new Float64Array(size);
  const sumSquares = new Float64Array(size);
  const min = new Float64Array(size).fill(Infinity);
  const max = new Float64Array(size).fill(-Infinity);
  for (let i = 0; i < count; i++) {
    const slot = rowSlot[i]!;
    if (slot < 0) continue;
    const v = Math.round(values[i]! * SNR_SCALE);
    n[slot]! += 1;
    sum[slot]! += v;
    sumSquares[slot]! += v * v;
    if (v < min[slot]!) min[slot] = v;
    if (v > max[slot]!) max[slot] = v;
  }
  const rows: SnrElevationRollupRows = {
    count: size,
    codeIndex: new Uint8Array(size),
    satellite: new Uint16Array(size),
    elevationBin: new Int8Array(size),
    azimuthBin: new Uint8Array(size),
    n,
    sum,
    sumSquares,
    min,
    max,
  };
  for (let k = 0; k < size; k++) {
    const cell = cells[k]! % CELLS;
    const pairKey = pairKeys[(cells[k]! - cell) / CELLS]!;
    rows.azimuthBin[k] = cell % AZIMUTH_BINS;
    rows.elevationBin[k] = (cell - rows.azimuthBin[k]!) / AZIMUTH_BINS - ELEVATION_BIN_OFFSET;
    rows.satellite[k] = pairKey % SAT_SPAN;
    rows.codeIndex[k] = (pairKey - rows.satellite[k]!) / SAT_SPAN;
  }
  return rows;
}
