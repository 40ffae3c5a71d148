// Frames of a mosaic loop: one mosaic every `interval` over [from, to), kept where some site has a
// volume within the tolerance (a time without any would be an empty map).
import { RadomeError } from '../../core/errors.js';
import type { CatalogReader } from '../../store/catalog/index.js';

export const MOSAIC_FRAMES_MAX_HOURS = 7 * 24;
const MAX_MOSAIC_FRAMES = 2_016;
const MIN_INTERVAL_MS = 60_000;

/** Frame times (whole seconds) of [from, to) every `intervalMs`, each with how many sites have a volume within ±tolerance. */
export async function mosaicFrameTimes(
  catalog: Pick<CatalogReader, 'radar'>,
  from: number,
  to: number,
  intervalMs: number,
  toleranceMinutes: number,
): Promise<Array<{ time: number; siteCount: number }>> {
  if (intervalMs < MIN_INTERVAL_MS || intervalMs % 1000 !== 0) throw new RadomeError('BAD_INPUT', `interval must be whole seconds of at least a minute, such as PT5M`);
  const count = Math.ceil((to - from) / intervalMs);
  if (count > MAX_MOSAIC_FRAMES) throw new RadomeError('BAD_INPUT', `from, to and interval give ${count} frames; ask for at most ${MAX_MOSAIC_FRAMES} (a longer interval or a shorter window)`);
  const tol = toleranceMinutes * 60_000;
  const start = Math.ceil(from / 1000) * 1000;
  const frames: Array<{ time: number; siteCount: number }> = [];
  for (let time = start; time < to; time += intervalMs) {
    const page = await catalog.radar.volumes({ from: time - tol, to: time + tol + 1, order: 'ASC' }, { first: 10_000 });
    const sites = new Set(page.rows.filter((v) => Math.abs(v.scanStart - time) <= tol).map((v) => v.site));
    if (sites.size > 0) frames.push({ time, siteCount: sites.size });
  }
  return frames;
}
