import { RadomeError } from '../../core/errors.js';
import type { CatalogReader } from '../../store/catalog/index.js';
import { parseConstellation, parseSatellite, satelliteName } from '../../store/gnss/satellites.js';
import { dayOf, dayString } from '../../store/gnss/snr-keys.js';
import { decodeSnrParquet } from '../../store/gnss/snr-parquet.js';
import type { ObjectStore } from '../../store/types.js';

export type SnrElevationGroupBy = 'SATELLITE' | 'CONSTELLATION' | 'OBS_CODE';

export interface SnrByElevationQuery {
  station: string;
  /** ms, [from, to), GPS time. */
  from: number;
  to: number;
  /** Degrees; bins start at multiples of it. */
  binWidth: number;
  minElevation?: number | null;
  maxElevation?: number | null;
  /** Azimuth ranges [from, to] in degrees (inclusive; from > to wraps through north). */
  azimuths?: readonly (readonly number[])[] | null;
  obsCodes?: readonly string[] | null;
  constellations?: readonly string[] | null;
  satellites?: readonly string[] | null;
  groupBy?: readonly SnrElevationGroupBy[] | null;
}

export interface SnrElevationBinRow {
  /** Lower edge of the bin, degrees. */
  elevation: number;
  constellation: string | null;
  satellite: string | null;
  obsCode: string | null;
  count: number;
  mean: number;
  min: number;
  max: number;
  stddev: number;
}

/** Most days one curve reads (each day is read from its Parquet object). */
export const MAX_ELEVATION_DAYS = 31;

/**
 * Mean SNR per elevation bin (antenna and receiver quality curves), per satellite, constellation
 * or code as asked, from the stored observations' geometry columns. Days without geometry are
 * named in a BAD_INPUT when no day of the range has any.
 */
export async function snrByElevation(reader: Pick<CatalogReader, 'gnss'>, objects: Pick<ObjectStore, 'get'>, q: SnrByElevationQuery): Promise<SnrElevationBinRow[]> {
  const station = q.station.trim().toUpperCase();
  if (!(await reader.gnss.stationsByIds([station]))[0]) throw new RadomeError('BAD_INPUT', `station: no GNSS station "${q.station}" in the catalog`);
  if (!(q.from < q.to)) throw new RadomeError('BAD_INPUT', 'from must be before to');
  if (!(q.binWidth >= 0.1 && q.binWidth <= 90)) throw new RadomeError('BAD_INPUT', `binWidth must be 0.1–90 degrees (got ${q.binWidth})`);
  const lo = q.minElevation ?? -90;
  const hi = q.maxElevation ?? 90;
  if (!(lo < hi)) throw new RadomeError('BAD_INPUT', `minElevation must be below maxElevation (got ${lo}, ${hi})`);
  const azimuths = (q.azimuths ?? []).map((r, i) => {
    if (r.length !== 2 || r.some((v) => !(v >= 0 && v <= 360))) throw new RadomeError('BAD_INPUT', `azimuths[${i}]: each range is [from, to], 0–360 degrees`);
    return r as [number, number];
  });
  const first = dayOf(q.from);
  const last = dayOf(q.to - 1);
  if (last - first + 1 > MAX_ELEVATION_DAYS) throw new RadomeError('BAD_INPUT', `from/to span ${last - first + 1} days; snrByElevation reads at most ${MAX_ELEVATION_DAYS} days at a time`);
  const codes = new Set((q.obsCodes ?? []).map((c) => c.trim()).filter(Boolean));
  const satellites = new Set((q.satellites ?? []).map((s) => parseSatellite(s, 'satellites')));
  const constellations = new Set((q.constellations ?? []).map((c) => parseConstellation(c, 'constellations')));
  const bySat = q.groupBy?.includes('SATELLITE') ?? false;
  const byConst = bySat || (q.groupBy?.includes('CONSTELLATION') ?? false);
  const byCode = q.groupBy?.includes('OBS_CODE') ?? false;
  const days = await reader.gnss.days(station, first, last);
  const withGeometry = days.filter((d) => d.geometry);
  if (withGeometry.length === 0) {
    const why =
      days.length === 0
        ? 'no SNR observations are stored in the range'
        : `${days.map((d) => dayString(d.day)).join(', ')} ${days.length === 1 ? 'has' : 'have'} no satellite geometry (no orbits were ingested for ${days.length === 1 ? 'it' : 'them'})`;
    throw new RadomeError('BAD_INPUT', `snrByElevation for ${station}: ${why}`);
  }
  const acc = new Map<string, { row: SnrElevationBinRow; sum: number; sum2: number }>();
  for (const d of withGeometry) {
    const body = (await objects.get(d.objectKey))?.body;
    if (!body) continue;
    const obs = await decodeSnrParquet(body, d.objectKey);
    const g = obs.geometry;
    if (!g) continue;
    for (let i = 0; i < obs.count; i++) {
      const t = obs.times[i]!;
      if (t < q.from || t >= q.to) continue;
      const e = g.elevation[i]!;
      if (!(e >= lo && e < hi)) continue;
      if (azimuths.length && !azimuths.some(([a, b]) => (a <= b ? g.azimuth[i]! >= a && g.azimuth[i]! <= b : g.azimuth[i]! >= a || g.azimuth[i]! <= b))) continue;
      const sat = obs.satellites[i]!;
      const code = obs.codes[obs.codeIndex[i]!]!;
      if (codes.size && !codes.has(code)) continue;
      if (satellites.size && !satellites.has(sat)) continue;
      if (constellations.size && !constellations.has(Math.floor(sat / 100))) continue;
      const bin = Math.floor(e / q.binWidth) * q.binWidth;
      const name = satelliteName(sat);
      const key = `${bin}|${bySat ? name : byConst ? name[0] : ''}|${byCode ? code : ''}`;
      let a = acc.get(key);
      const v = obs.values[i]!;
      if (!a) {
        a = {
          row: { elevation: bin, constellation: byConst ? name[0]! : null, satellite: bySat ? name : null, obsCode: byCode ? code : null, count: 0, mean: 0, min: v, max: v, stddev: 0 },
          sum: 0,
          sum2: 0,
        };
        acc.set(key, a);
      }
      a.row.count++;
      a.sum += v;
      a.sum2 += v * v;
      if (v < a.row.min) a.row.min = v;
      if (v > a.row.max) a.row.max = v;
    }
  }
  return [...acc.values()]
    .map(({ row, sum, sum2 }) => {
      const mean = sum / row.count;
      return { ...row, mean, stddev: Math.sqrt(Math.max(0, sum2 / row.count - mean * mean)) };
    })
    .sort(
      (a, b) =>
        a.elevation - b.elevation ||
        (a.constellation ?? '').localeCompare(b.constellation ?? '') ||
        (a.satellite ?? '').localeCompare(b.satellite ?? '') ||
        (a.obsCode ?? '').localeCompare(b.obsCode ?? ''),
    );
}
