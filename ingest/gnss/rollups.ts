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
  // Columns in locals: `obs` comes with and without geometry (two shapes; see plan-day.ts).
  const { count, times, values, codeIndex, satellites } = obs;
  for (let i = 0; i < count; i++) {
    const q = Math.floor((times[i]! / 1000 - dayStartS) / QUARTER_HOUR_SECONDS);
    if (q < 0 || q >= QUARTERS_PER_DAY) continue;
    const v = Math.round(values[i]! * SNR_SCALE);
    merge(fine, (codeIndex[i]! * QUARTERS_PER_DAY + q) * SAT_SPAN + satellites[i]!, 1, v, v * v, v, v);
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
  const rowCount = levels.reduce((s, l) => s + l.slots.keys.length, 0);
  const rows: SnrRollupRows = {
    count: rowCount,
    level: new Uint8Array(rowCount),
    codeIndex: new Uint8Array(rowCount),
    bucket: new Float64Array(rowCount),
    satellite: new Uint16Array(rowCount),
    n: new Float64Array(rowCount),
    sum: new Float64Array(rowCount),
    sumSquares: new Float64Array(rowCount),
    min: new Float64Array(rowCount),
    max: new Float64Array(rowCount),
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

/** The cell of an elevation and azimuth (degrees, as stored: float32), or -1 outside [-90, 90] × [0, 360] (NaN: no position). */
function cellOf(e: number, a: number): number {
  return e >= -90 && e <= 90 && a >= 0 && a <= 360 ? (elevationBinOf(Math.fround(e)) + ELEVATION_BIN_OFFSET) * AZIMUTH_BINS + azimuthBinOf(Math.fround(a)) : -1;
}

/** Sums per slot in CellSlots.sums. */
const SUMS = 5;

/**
 * The slots of (code, satellite, cell) triples in order of first appearance, with their sums. A
 * code and satellite (a pair) stays in one 5° × 10° cell for many epochs, so each pair's current
 * cell and slot are kept in dense tables (the per-row check); only a change of cell looks the
 * triple up, in an open-addressing table of typed arrays (a Map's lookup and boxing cost more
 * than the sums of all rows).
 */
class CellSlots {
  /** Key (pair × CELLS + cell) of each slot. */
  keys = new Int32Array(1 << 12);
  size = 0;
  /**
   * Per-slot sums, in thousandths of a dB-Hz (SNR_SCALE), interleaved: n, sum, sum of squares,
   * min, max of slot k at k × SUMS … k × SUMS + 4. A row updates all five, so one slot's sums
   * share a cache line instead of five arrays' lines.
   */
  sums = new Float64Array((1 << 12) * SUMS);
  /** Slot + 1 of each key by its hash (0: empty), at most half full. */
  private table = new Int32Array(1 << 13);
  private shift = 32 - 13;
  /** Per pair (code × SAT_SPAN + satellite): its last cell (-1: none yet) and that cell's slot. */
  readonly lastCell: Int32Array;
  readonly lastSlot: Int32Array;

  constructor(codes: number) {
    this.lastCell = new Int32Array(codes * SAT_SPAN).fill(-1);
    this.lastSlot = new Int32Array(codes * SAT_SPAN);
  }

  /** The slot of the pair's cell, a new one (sums zero, min +∞, max −∞) when it has none yet. */
  slotOf(pair: number, cell: number): number {
    const key = pair * CELLS + cell;
    const { table, keys } = this;
    const mask = table.length - 1;
    let h = Math.imul(key, 0x9e3779b1) >>> this.shift;
    let slot: number;
    for (;;) {
      const entry = table[h]!;
      if (entry === 0) {
        slot = this.add(key, h);
        break;
      }
      if (keys[entry - 1] === key) {
        slot = entry - 1;
        break;
      }
      h = (h + 1) & mask;
    }
    this.lastCell[pair] = cell;
    this.lastSlot[pair] = slot;
    return slot;
  }

  private add(key: number, h: number): number {
    const slot = this.size++;
    if (slot === this.keys.length) {
      const keys = new Int32Array(slot * 2);
      keys.set(this.keys);
      this.keys = keys;
      const sums = new Float64Array(slot * 2 * SUMS);
      sums.set(this.sums);
      this.sums = sums;
    }
    this.keys[slot] = key;
    this.sums[slot * SUMS + 3] = Infinity;
    this.sums[slot * SUMS + 4] = -Infinity;
    this.table[h] = slot + 1;
    if (this.size * 2 > this.table.length) this.rehash();
    return slot;
  }

  private rehash(): void {
    const table = new Int32Array(this.table.length * 2);
    const mask = table.length - 1;
    this.shift--;
    for (let slot = 0; slot < this.size; slot++) {
      let h = Math.imul(this.keys[slot]!, 0x9e3779b1) >>> this.shift;
      while (table[h] !== 0) h = (h + 1) & mask;
      table[h] = slot + 1;
    }
    this.table = table;
  }
}

/**
 * Sums rows from `from` on into their slots; returns the row where a new slot grew the slots'
 * sums (the caller resumes there with the grown array), or the row count when done. The arrays
 * are this function's locals, never reassigned in its loop, so V8 keeps them in registers.
 */
function sumRowsIntoCells(obs: SnrObservations, geometry: NonNullable<SnrObservations['geometry']>, dayStart: number, checkDay: boolean, slots: CellSlots, from: number): number {
  const dayEnd = dayStart + DAY_SECONDS * 1000;
  const { count, times, codeIndex, satellites, values } = obs;
  const { elevation, azimuth } = geometry;
  const { lastCell, lastSlot, sums } = slots;
  const size = sums.length / SUMS;
  // Rows of one satellite and epoch (one per code) share their geometry: its cell is found once.
  let lastE = NaN;
  let lastA = NaN;
  let cell = -1;
  for (let i = from; i < count; i++) {
    if (checkDay) {
      const t = times[i]!;
      if (t < dayStart || t >= dayEnd) continue;
    }
    const e = elevation[i]!;
    const a = azimuth[i]!;
    if (e !== lastE || a !== lastA) {
      lastE = e;
      lastA = a;
      cell = cellOf(e, a);
    }
    if (cell < 0) continue;
    const pair = codeIndex[i]! * SAT_SPAN + satellites[i]!;
    let slot = lastSlot[pair]!;
    if (lastCell[pair] !== cell) {
      slot = slots.slotOf(pair, cell);
      if (slot >= size) return i;
    }
    const v = Math.round(values[i]! * SNR_SCALE);
    const at = slot * SUMS;
    sums[at]! += 1;
    sums[at + 1]! += v;
    sums[at + 2]! += v * v;
    if (v < sums[at + 3]!) sums[at + 3] = v;
    if (v > sums[at + 4]!) sums[at + 4] = v;
  }
  return count;
}

/**
 * Sums one GPS day of observations with geometry into elevation rollups: per code, satellite, 5°
 * elevation bin and 10° azimuth bin (store/gnss/elevation-bins.ts). Observations without a position
 * (NaN geometry) or outside the day are left out, as the raw-observation queries leave them out.
 * Bins come from the stored float32 values, so rollups and Parquet agree on every edge. One pass
 * over the rows (this runs over every observation of every day ingested with geometry): the cell
 * once per satellite-epoch, the slot from the pair's last cell, the sums in place. `timeRange`, the
 * rows' first and last time as the catalog row has them (whole ms, floor and ceiling), spares the
 * per-row day test when it shows every row inside the day (as a planned station-day's rows are).
 */
export function buildSnrElevationRollups(obs: SnrObservations, day: number, timeRange?: readonly [number, number]): SnrElevationRollupRows | undefined {
  const g = obs.geometry;
  if (!g) return undefined;
  const dayStart = day * DAY_SECONDS * 1000;
  const checkDay = !timeRange || timeRange[0] < dayStart || timeRange[1] >= dayStart + DAY_SECONDS * 1000;
  const slots = new CellSlots(obs.codes.length);
  for (let i = 0; (i = sumRowsIntoCells(obs, g, dayStart, checkDay, slots, i)) < obs.count; );
  const { size, keys, sums } = slots;
  const rows: SnrElevationRollupRows = {
    count: size,
    codeIndex: new Uint8Array(size),
    satellite: new Uint16Array(size),
    elevationBin: new Int8Array(size),
    azimuthBin: new Uint8Array(size),
    n: new Float64Array(size),
    sum: new Float64Array(size),
    sumSquares: new Float64Array(size),
    min: new Float64Array(size),
    max: new Float64Array(size),
  };
  for (let k = 0; k < size; k++) {
    const key = keys[k]!;
    const cell = key % CELLS;
    const pairKey = (key - cell) / CELLS;
    rows.azimuthBin[k] = cell % AZIMUTH_BINS;
    rows.elevationBin[k] = (cell - rows.azimuthBin[k]!) / AZIMUTH_BINS - ELEVATION_BIN_OFFSET;
    rows.satellite[k] = pairKey % SAT_SPAN;
    rows.codeIndex[k] = (pairKey - rows.satellite[k]!) / SAT_SPAN;
    const at = k * SUMS;
    rows.n[k] = sums[at]!;
    rows.sum[k] = sums[at + 1]!;
    rows.sumSquares[k] = sums[at + 2]!;
    rows.min[k] = sums[at + 3]!;
    rows.max[k] = sums[at + 4]!;
  }
  return rows;
}
