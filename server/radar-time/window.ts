// Arguments of the time-range radar queries (frames, storm cells) and of the GeoJSON route, checked
// the same way for both: every rejection is a RadomeError BAD_INPUT (BAD_USER_INPUT in GraphQL, 400
// over HTTP) saying what to change.
import { RadomeError } from '../../core/errors.js';
import { parseRadarSiteId, type RadarSiteId } from '../../core/vocabulary/index.js';
import type { CatalogReader } from '../../store/catalog/index.js';

const HOUR_MS = 3_600_000;

export interface TimeWindow {
  site: RadarSiteId;
  from: number;
  to: number;
}

const bad = (message: string): RadomeError => new RadomeError('BAD_INPUT', message);

/** A 4-letter ICAO the catalog knows, upper-cased. */
export async function knownSite(catalog: Pick<CatalogReader, 'radar'>, raw: string): Promise<RadarSiteId> {
  const site = parseRadarSiteId(raw, 'site');
  if (!(await catalog.radar.sitesByIds([site]))[0]) throw bad(`site ${site} is not in the catalog; list known sites with the radarSites query`);
  return site;
}

/** [from, to) of at most `maxHours`, `from` before `to`. */
export function checkedWindow(from: Date, to: Date, maxHours: number): { from: number; to: number } {
  const [f, t] = [from.getTime(), to.getTime()];
  if (!Number.isFinite(f) || !Number.isFinite(t)) throw bad('from and to must be ISO 8601 date-times such as 2021-04-19T18:00:00Z');
  if (f >= t) throw bad(`from must be earlier than to; got from=${from.toISOString()} to=${to.toISOString()}: swap them`);
  if (t - f > maxHours * HOUR_MS) {
    throw bad(`the window from=${from.toISOString()} to=${to.toISOString()} is ${((t - f) / HOUR_MS).toFixed(1)} h long; ask for at most ${maxHours} h at a time`);
  }
  return { from: f, to: t };
}

/** [from, to) of at most `maxHours`, `from` before `to`, at a known site. */
export async function timeWindow(catalog: Pick<CatalogReader, 'radar'>, site: string, from: Date, to: Date, maxHours: number): Promise<TimeWindow> {
  const window = checkedWindow(from, to, maxHours);
  return { site: await knownSite(catalog, site), ...window };
}
