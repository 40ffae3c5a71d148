import { SNR_SCALE } from './rollup-levels.js';
import { constellationOfKey, satelliteName } from './satellites.js';

/** One output point; a grouping field is null unless the series is grouped by it. */
export interface SnrPoint {
  /** ms, in the stations' time system (GPS time): the bucket start, or `from` for a cut first bucket. */
  start: number;
  constellation: string | null;
  satellite: string | null;
  obsCode: string | null;
  /** Frequency band of the code (1 for S1, S1C, S1W …) when grouped by BAND or OBS_CODE. */
  band: number | null;
  count: number;
  /** dB-Hz. */
  mean: number;
  min: number;
  max: number;
  /** Population standard deviation, dB-Hz. */
  stddev: number;
}

export interface Grouping {
  satellite: boolean;
  constellation: boolean;
  code: boolean;
  band: boolean;
}

/**
 * The frequency band of an SNR observable: its digit (S1 and S1C → 1, S2W → 2, S5Q → 5), so that
 * a series can follow one signal band across a station's move from RINEX 2 to RINEX 3 codes.
 */
export function bandOf(code: string): number {
  const digit = code.charCodeAt(1) - 48;
  return digit >= 0 && digit <= 9 ? digit : 0;
}

/** Running SNR sums of one group, in thousandths of a dB-Hz (as the rollups keep them). */
export interface SnrSums {
  n: number;
  sum: number;
  sumSquares: number;
  min: number;
  max: number;
}

interface Cell extends SnrSums {
  start: number;
  sat: number;
  code: string;
}

/**
 * Sums rollup aggregates and raw observations (both in integer thousandths of a dB-Hz) into
 * output points keyed by (bucket, group). Pure.
 */
export class SnrAccumulator {
  private readonly cells = new Map<string, Cell>();

  constructor(
    private readonly grouping: Grouping,
    /** Output bucket start (ms) of a time (ms). */
    private readonly bucketOf: (timeMs: number) => number,
  ) {}

  get size(): number {
    return this.cells.size;
  }

  /** `sat` is a satellite key (or constellation × 100); `code` the observable. */
  add(timeMs: number, sat: number, code: string, n: number, sum: number, sumSquares: number, min: number, max: number): void {
    const start = this.bucketOf(timeMs);
    const g = this.grouping;
    const s = g.satellite ? sat : g.constellation ? sat - (sat % 100) : 0;
    const c = g.code ? code : g.band ? code.slice(0, 2) : '';
    const key = `${start}|${s}|${c}`;
    const cell = this.cells.get(key);
    if (!cell) {
      this.cells.set(key, { start, sat: s, code: c, n, sum, sumSquares, min, max });
      return;
    }
    cell.n += n;
    cell.sum += sum;
    cell.sumSquares += sumSquares;
    if (min < cell.min) cell.min = min;
    if (max > cell.max) cell.max = max;
  }

  /** Points by start, then constellation, satellite and code. */
  points(): SnrPoint[] {
    const cells = [...this.cells.values()].filter((c) => c.n > 0);
    cells.sort((a, b) => a.start - b.start || a.sat - b.sat || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
    return cells.map((c) => this.pointOf(c));
  }

  /** Everything added, as one ungrouped point starting at the earliest bucket; null when empty. */
  total(): SnrPoint | null {
    let all: Cell | null = null;
    for (const c of this.cells.values()) {
      if (c.n === 0) continue;
      if (!all) all = { ...c, sat: 0, code: '' };
      else {
        all.start = Math.min(all.start, c.start);
        all.n += c.n;
        all.sum += c.sum;
        all.sumSquares += c.sumSquares;
        all.min = Math.min(all.min, c.min);
        all.max = Math.max(all.max, c.max);
      }
    }
    return all && { ...this.pointOf(all), constellation: null, satellite: null, obsCode: null, band: null };
  }

  private pointOf(c: Cell): SnrPoint {
    const g = this.grouping;
    const mean = c.sum / c.n;
    const variance = Math.max(0, c.sumSquares / c.n - mean * mean);
    return {
      start: c.start,
      constellation: g.constellation ? constellationOfKey(c.sat) : null,
      satellite: g.satellite ? satelliteName(c.sat) : null,
      obsCode: g.code ? c.code : null,
      band: g.code || g.band ? bandOf(c.code) : null,
      count: c.n,
      mean: mean / SNR_SCALE,
      min: c.min / SNR_SCALE,
      max: c.max / SNR_SCALE,
      stddev: Math.sqrt(variance) / SNR_SCALE,
    };
  }
}
