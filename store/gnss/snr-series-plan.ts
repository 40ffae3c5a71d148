import { ROLLUP_WIDTHS_SECONDS } from './rollup-levels.js';

/** A part of a query range answered one way: from one rollup width, or from raw observations. */
export type RangePiece = { kind: 'rollup'; widthSeconds: number; from: number; to: number } | { kind: 'raw'; from: number; to: number };

/**
 * Splits [from, to) (ms) into pieces: as much as possible from the coarsest rollup width whose
 * buckets fit whole inside the range, the rest (the edges) from finer widths, and what no bucket
 * fits (sub-15-minute edges) from the raw observations. `widths` must divide the output interval,
 * so no output bucket is split between a rollup bucket and another.
 */
export function splitRange(from: number, to: number, widthsSeconds: readonly number[]): RangePiece[] {
  if (from >= to) return [];
  const [first, ...rest] = widthsSeconds;
  if (first === undefined) return [{ kind: 'raw', from, to }];
  const w = first * 1000;
  const a = Math.ceil(from / w) * w;
  const b = Math.floor(to / w) * w;
  if (a >= b) return splitRange(from, to, rest);
  return [...splitRange(from, a, rest), { kind: 'rollup', widthSeconds: first, from: a, to: b }, ...splitRange(b, to, rest)];
}

/** Rollup widths usable for an output interval (ms): those dividing it; all of them for a summary (null). */
export function widthsFor(intervalMs: number | null): number[] {
  return ROLLUP_WIDTHS_SECONDS.filter((w) => intervalMs === null || intervalMs % (w * 1000) === 0);
}
