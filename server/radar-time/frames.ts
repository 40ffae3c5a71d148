// Animation frames: one sweep per volume, the cut nearest a requested elevation angle whatever the
// volume's VCP (a 0.5° loop takes 0.48° from one VCP and 0.53° from another). The catalog picks
// the cut (reader.radar.nearestSweeps); this checks the arguments and applies the limit.
import { type Moment } from '../../core/vocabulary/index.js';
import { RadomeError } from '../../core/errors.js';
import type { CatalogReader, SweepRow } from '../../store/catalog/index.js';
import type { TimeWindow } from './window.js';

export const FRAMES_MAX_HOURS = 7 * 24;
/** A week of one-minute volumes: the most frames a request can get. */
const MAX_FRAMES = 10_080;

/** Frames of the volumes starting in `window`, in time order; with `limit`, the latest `limit`. */
export async function radarFrameSweeps(catalog: Pick<CatalogReader, 'radar'>, window: TimeWindow, moment: Moment, elevation: number, limit: number | null): Promise<SweepRow[]> {
  if (!Number.isFinite(elevation) || elevation < -1 || elevation > 90) {
    throw new RadomeError('BAD_INPUT', `elevation must be an angle in degrees between -1 and 90, such as 0.5; got ${elevation}`);
  }
  if (limit !== null && (!Number.isInteger(limit) || limit < 1 || limit > MAX_FRAMES)) {
    throw new RadomeError('BAD_INPUT', `limit must be between 1 and ${MAX_FRAMES}; got ${limit}`);
  }
  const frames = await catalog.radar.nearestSweeps({ site: window.site, moment, elevation, from: window.from, to: window.to });
  return limit === null ? frames : frames.slice(-limit);
}
