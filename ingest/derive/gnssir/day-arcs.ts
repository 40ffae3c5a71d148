import { DAY_MS } from '../../../store/gnss/rollup-levels.js';
import { concatSnrObservations } from '../../../store/gnss/snr-merge.js';
import type { SnrObservations } from '../../../store/gnss/snr-parquet.js';
import { dayReflectorHeights, type ReflectorHeightArc, type ReflectorHeightSettings } from './reflector-heights.js';

/** gnssir takes this much of the neighbouring days, so arcs crossing midnight are whole. */
export const NEIGHBOUR_S = 7200;

/**
 * The arcs of `day` (days since 1970) from its observations and ±NEIGHBOUR_S of its neighbours'
 * (`observationsOf` gives null for a day not stored; days without geometry are left out). Pure:
 * the query's single-thread path and the worker threads both run it.
 */
export function dayArcs(day: number, observationsOf: (day: number) => SnrObservations | null, settings: ReflectorHeightSettings): ReflectorHeightArc[] {
  const start = day * DAY_MS;
  const parts = [day - 1, day, day + 1].map(observationsOf).filter((o): o is SnrObservations => o !== null && o.geometry !== undefined);
  const obs = concatSnrObservations(parts, (t) => t >= start - NEIGHBOUR_S * 1000 && t < start + DAY_MS + NEIGHBOUR_S * 1000);
  return dayReflectorHeights(obs, start, settings, NEIGHBOUR_S);
}
