// Animation frames: one sweep per volume, the cut nearest a requested elevation angle whatever the
// volume's VCP (a 0.5° loop takes 0.48° from one VCP and 0.5° from another).
import { RadomeError } from '../../core/errors.js';
import type { SweepRow } from '../../store/types.js';
import type { CatalogReader } from '../catalog-reader.js';
import type { TimeWindow } from './window.js';

export const FRAMES_MAX_HOURS = 7 * 24;
/** The catalog's largest page: more volumes than a week of one-minute scans at one site. */
const MAX_VOLUMES = 10_000;

/**
 * The sweep nearest `elevation` among one volume's sweeps of one moment; among equally near cuts
 * (SAILS repeats the lowest) the first scanned, so frames keep one cadence.
 */
export function nearestCut(sweeps: readonly SweepRow[], elevation: number): SweepRow | null {
  let best: SweepRow | null = null;
  for (const s of sweeps) {
    const d = Math.abs(s.elevationAngle - elevation);
    const bestD = best ? Math.abs(best.elevationAngle - elevation) : Infinity;
    if (d < bestD || (d === bestD && best !== null && s.startTime < best.startTime)) best = s;
  }
  return best;
}

/** Frames of `window` in time order; with `limit`, the latest `limit` of them. */
export function radarFrameSweeps(
  catalog: Pick<CatalogReader, 'listVolumes' | 'sweepsForVolumes'>,
  window: TimeWindow,
  moment: string,
  elevation: number,
  limit: number | null,
): SweepRow[] {
  if (!Number.isFinite(elevation) || elevation < -1 || elevation > 90) {
    throw new RadomeError('BAD_INPUT', `elevation must be an angle in degrees between -1 and 90, such as 0.5; got ${elevation}`);
  }
  if (limit !== null && (!Number.isInteger(limit) || limit < 1 || limit > MAX_VOLUMES)) {
    throw new RadomeError('BAD_INPUT', `limit must be between 1 and ${MAX_VOLUMES}; got ${limit}`);
  }
  const volumes = catalog.listVolumes({ site: window.site, from: window.from, to: window.to, order: 'ASC' }, { first: MAX_VOLUMES }).rows;
  const sweeps = catalog.sweepsForVolumes(
    volumes.map((v) => v.id),
    { moments: [moment] },
  );
  const frames: SweepRow[] = [];
  for (const ofVolume of sweeps) {
    const cut = nearestCut(ofVolume, elevation);
    if (cut) frames.push(cut);
  }
  frames.sort((a, b) => a.startTime - b.startTime || a.id.localeCompare(b.id));
  return limit === null ? frames : frames.slice(-limit);
}
