import { parseGnssStationId } from '../../core/vocabulary/index.js';
import { RadomeError } from '../../core/errors.js';
import type { CatalogReader } from '../../store/catalog/index.js';
import { parseConstellation, parseSatellite, satelliteName } from '../../store/gnss/satellites.js';
import { azimuthBinsOf, ELEVATION_BIN_DEGREES, elevationBinRange, inAzimuths } from '../../store/gnss/elevation-bins.js';
import { DAY_MS, SNR_SCALE } from '../../store/gnss/rollup-levels.js';
import type { SnrSums } from '../../store/gnss/snr-accumulator.js';
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

/** Most days one curve reads from Parquet objects (days not answered from elevation rollups). */
export const MAX_ELEVATION_DAYS = 31;
/** Most days one curve spans. */
export const MAX_ELEVATION_SPAN_DAYS = 400;

/** Sums in thousandths of a dB-Hz, as the rollups keep them, so both paths give the same numbers. */
interface Bin extends SnrSums {
  elevation: number;
  sat: number;
  code: string;
}

/**
 * Mean SNR per elevation bin (antenna and receiver quality curves), per satellite, constellation
 * or code as asked. Whole days come from the elevation rollups when the bins and the window lie on
 * their 5° (elevation) and 10° (azimuth) edges; other days and windows from the stored
 * observations' geometry columns. Days without geometry are named in a BAD_INPUT when no day of
 * the range has any. `raw` forces the Parquet path (tests compare the two).
 */
export async function snrByElevation(reader: Pick<CatalogReader, 'gnss'>, objects: Pick<ObjectStore, 'get'>, q: SnrByElevationQuery, raw = false): Promise<SnrElevationBinRow[]> {
  const station = parseGnssStationId(q.station, 'station');
  if (!(await reader.gnss.stationsByIds([station]))[0]) throw new RadomeError('BAD_INPUT', `station: no GNSS station "${q.station}" in the catalog`);
  if (!(q.from < q.to)) throw new RadomeError('BAD_INPUT', 'from must be before to');
  if (!(q.binWidth >= 0.1 && q.binWidth <= 90)) throw new RadomeError('BAD_INPUT', `binWidth must be 0.1–90 degrees (got ${q.binWidth})`);
  const lo = q.minElevation ?? -90;
  const hi = q.maxElevation ?? 90;
  if (!(lo < hi)) throw new RadomeError('BAD_INPUT', `minElevation must be below maxElevation (got ${lo}, ${hi})`);
  const azimuths = (q.azimuths ?? []).map((r, i) => {
    if (r.length !== 2 || r.some((v) => !(v >= 0 && v <= 360))) throw new RadomeError('BAD_INPUT', `azimuths[${i}]: each range is [from, to), 0–360 degrees`);
    return [r[0]!, r[1]!] as [number, number];
  });
  const first = dayOf(q.from);
  const last = dayOf(q.to - 1);
  if (last - first + 1 > MAX_ELEVATION_SPAN_DAYS) throw new RadomeError('BAD_INPUT', `from/to span ${last - first + 1} days; snrByElevation reads at most ${MAX_ELEVATION_SPAN_DAYS} days at a time`);
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
  const elevationBins = elevationBinRange(lo, hi);
  const azimuthBins = azimuths.length ? azimuthBinsOf(azimuths) : null;
  const binned = !raw && elevationBins !== null && (azimuths.length === 0 || azimuthBins !== null) && Number.isInteger(q.binWidth / ELEVATION_BIN_DEGREES);
  const whole = (day: number) => day * DAY_MS >= q.from && (day + 1) * DAY_MS <= q.to;
  const rolled = binned ? withGeometry.filter((d) => d.elevationRollups && whole(d.day)) : [];
  const rest = withGeometry.filter((d) => !rolled.includes(d));
  if (rest.length > MAX_ELEVATION_DAYS) {
    throw new RadomeError(
      'BAD_INPUT',
      `snrByElevation reads ${rest.length} days of this range from raw observations, at most ${MAX_ELEVATION_DAYS}; bins of a multiple of 5° with minElevation/maxElevation on multiples of 5° and azimuths on multiples of 10° are read from elevation rollups for whole days`,
    );
  }
  const acc = new Map<string, Bin>();
  const add = (elevation: number, satKey: number, code: string, n: number, sum: number, sumSquares: number, min: number, max: number) => {
    const sat = bySat ? satKey : byConst ? satKey - (satKey % 100) : 0;
    const c = byCode ? code : '';
    const key = `${elevation}|${sat}|${c}`;
    const bin = acc.get(key);
    if (!bin) acc.set(key, { elevation, sat, code: c, n, sum, sumSquares, min, max });
    else {
      bin.n += n;
      bin.sum += sum;
      bin.sumSquares += sumSquares;
      if (min < bin.min) bin.min = min;
      if (max > bin.max) bin.max = max;
    }
  };
  if (rolled.length && elevationBins) {
    const signals = await reader.gnss.signals(station);
    const codeNames = new Map(signals.map((s) => [s.codeId, s.code]));
    const perBin = q.binWidth / ELEVATION_BIN_DEGREES;
    const rows = await reader.gnss.snrElevationAggregates({
      station,
      codeIds: [...codeNames].filter(([, c]) => codes.size === 0 || codes.has(c)).map(([id]) => id),
      fromDay: rolled[0]!.day,
      toDay: rolled[rolled.length - 1]!.day,
      satellites: satellites.size ? [...satellites] : null,
      constellations: constellations.size ? [...constellations] : null,
      elevationBins,
      azimuthBins,
      groupByDay: false,
      groupByElevation: true,
      groupByCode: byCode,
      groupBySatellite: bySat,
      groupByConstellation: byConst,
    });
    // Days between the first and last rolled day that are read raw have no rollup rows.
    for (const [, bin, sat, code, n, sum, ss, min, max] of rows) add(Math.floor(bin / perBin) * q.binWidth, sat, codeNames.get(code) ?? '', n, sum, ss, min, max);
  }
  for (const d of rest) {
    const body = (await objects.get(d.objectKey))?.body;
    if (!body) continue;
    const obs = await decodeSnrParquet(body, d.objectKey);
    const g = obs.geometry;
    if (!g) continue;
    const codeOk = obs.codes.map((c) => codes.size === 0 || codes.has(c));
    for (let i = 0; i < obs.count; i++) {
      const t = obs.times[i]!;
      if (t < q.from || t >= q.to || !codeOk[obs.codeIndex[i]!]) continue;
      const e = g.elevation[i]!;
      if (!(e >= lo && e < hi) || !inAzimuths(g.azimuth[i]!, azimuths)) continue;
      const sat = obs.satellites[i]!;
      if (satellites.size && !satellites.has(sat)) continue;
      if (constellations.size && !constellations.has(Math.floor(sat / 100))) continue;
      const v = Math.round(obs.values[i]! * SNR_SCALE);
      add(Math.floor(e / q.binWidth) * q.binWidth, sat, obs.codes[obs.codeIndex[i]!]!, 1, v, v * v, v, v);
    }
  }
  return [...acc.values()]
    .map((b): SnrElevationBinRow => {
      const mean = b.sum / b.n;
      const name = satelliteName(b.sat);
      return {
        elevation: b.elevation,
        constellation: byConst ? name[0]! : null,
        satellite: bySat ? name : null,
        obsCode: byCode ? b.code : null,
        count: b.n,
        mean: mean / SNR_SCALE,
        min: b.min / SNR_SCALE,
        max: b.max / SNR_SCALE,
        stddev: Math.sqrt(Math.max(0, b.sumSquares / b.n - mean * mean)) / SNR_SCALE,
      };
    })
    .sort(
      (a, b) =>
        a.elevation - b.elevation ||
        (a.constellation ?? '').localeCompare(b.constellation ?? '') ||
        (a.satellite ?? '').localeCompare(b.satellite ?? '') ||
        (a.obsCode ?? '').localeCompare(b.obsCode ?? ''),
    );
}
