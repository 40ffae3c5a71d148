import { type GnssStationId, parseGnssStationId } from '../../core/vocabulary/index.js';
import { RadomeError } from '../../core/errors.js';
import { GNSSIR_FREQUENCIES } from '../../ingest/derive/gnssir/gnssir-frequencies.js';
import { dayArcs } from '../../ingest/derive/gnssir/day-arcs.js';
import { PARALLEL_MIN_DAYS, parallelDayArcs, reflectorHeightThreads } from '../../ingest/derive/gnssir/parallel-reflector-heights.js';
import type { ReflectorHeightArc, ReflectorHeightSettings } from '../../ingest/derive/gnssir/reflector-heights.js';
import { standardAtmosphere } from '../../ingest/derive/gnssir/refraction.js';
import { GNSSIR_DEFAULTS, stationSettingsFromJson } from '../../ingest/derive/gnssir/station-settings.js';
import type { CatalogReader } from '../../store/catalog/index.js';
import { dayOf, dayString } from '../../store/gnss/snr-keys.js';
import { decodeSnrParquet, type SnrObservations } from '../../store/gnss/snr-parquet.js';
import type { GnssDayRow } from '../../store/catalog/index.js';
import type { ObjectStore } from '../../store/types.js';

export type ReflectorHeightReader = Pick<CatalogReader, 'gnss'>;

/** A query's overrides of the station's settings (null/undefined = the station's, else gnssrefl's defaults). */
export interface ReflectorHeightQuery {
  station: string;
  /** ms, [from, to), GPS time. */
  from: number;
  to: number;
  frequencies?: readonly number[] | null;
  minElevation?: number | null;
  maxElevation?: number | null;
  azimuths?: readonly (readonly number[])[] | null;
  minHeight?: number | null;
  maxHeight?: number | null;
  peakToNoise?: number | null;
  requiredAmplitude?: number | null;
}

/** Most days one answer may span (a year and a bit). */
export const MAX_REFLECTOR_HEIGHT_DAYS = 400;
/** The station's settings (ingested json and refraction file, else defaults) with the query's overrides; BAD_INPUT naming a bad one. */
export async function settingsFor(reader: ReflectorHeightReader, q: ReflectorHeightQuery): Promise<{ station: GnssStationId; settings: ReflectorHeightSettings }> {
  const station = parseGnssStationId(q.station, 'station');
  const row = (await reader.gnss.stationsByIds([station]))[0];
  if (!row) {
    const known = (await reader.gnss.stations()).map((s) => s.id);
    throw new RadomeError('BAD_INPUT', `station: no GNSS station "${q.station}" in the catalog; ${known.length ? `it has ${known.slice(0, 30).join(', ')}` : 'none has been ingested yet'}`);
  }
  const stored = await reader.gnss.stationSettings(station);
  let base: ReflectorHeightSettings;
  if (stored?.settingsJson) base = stationSettingsFromJson(stored.settingsJson, stored.refractionText ?? undefined).reflectorHeights;
  else base = { ...GNSSIR_DEFAULTS, requiredAmplitude: GNSSIR_DEFAULTS.frequencies.map(() => GNSSIR_DEFAULTS.requiredAmplitude[0]!), refraction: standardAtmosphere(row.heightM ?? 0) };
  const s: ReflectorHeightSettings = { ...base };
  if (q.frequencies?.length) {
    const unknown = q.frequencies.filter((f) => !GNSSIR_FREQUENCIES.includes(f));
    if (unknown.length)
      throw new RadomeError('BAD_INPUT', `frequencies: ${unknown.join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not a gnssrefl frequency code; radome knows ${GNSSIR_FREQUENCIES.join(', ')}`);
    s.requiredAmplitude = q.frequencies.map((f) => base.requiredAmplitude[base.frequencies.indexOf(f)] ?? base.requiredAmplitude[0] ?? GNSSIR_DEFAULTS.requiredAmplitude[0]!);
    s.frequencies = [...q.frequencies];
  }
  if (q.requiredAmplitude != null) s.requiredAmplitude = s.frequencies.map(() => q.requiredAmplitude!);
  s.minElevation = q.minElevation ?? s.minElevation;
  s.maxElevation = q.maxElevation ?? s.maxElevation;
  s.minHeight = q.minHeight ?? s.minHeight;
  s.maxHeight = q.maxHeight ?? s.maxHeight;
  if (q.minHeight != null || q.maxHeight != null) s.noiseRegion = [s.minHeight, s.maxHeight];
  s.peakToNoise = q.peakToNoise ?? s.peakToNoise;
  if (q.azimuths?.length) {
    s.azimuths = q.azimuths.map((r, i) => {
      if (r.length !== 2 || r.some((v) => !(v >= -360 && v <= 360))) throw new RadomeError('BAD_INPUT', `azimuths[${i}]: each range is [from, to] in degrees, e.g. [[0, 90], [270, 360]]`);
      return [((r[0]! % 360) + 360) % 360, r[1]! === 360 ? 360 : ((r[1]! % 360) + 360) % 360];
    });
  }
  if (!(s.minElevation >= 0 && s.minElevation < s.maxElevation && s.maxElevation <= 90))
    throw new RadomeError('BAD_INPUT', `minElevation and maxElevation: need 0 ≤ min < max ≤ 90 (got ${s.minElevation}, ${s.maxElevation})`);
  if (!(s.minHeight >= 0 && s.maxHeight > s.minHeight && s.maxHeight <= 500))
    throw new RadomeError('BAD_INPUT', `minHeight and maxHeight: need 0 ≤ min < max ≤ 500 m (got ${s.minHeight}, ${s.maxHeight})`);
  if (s.polynomialElevations[0] > s.minElevation || s.polynomialElevations[1] < s.maxElevation) {
    s.polynomialElevations = [Math.min(s.polynomialElevations[0], s.minElevation), Math.max(s.polynomialElevations[1], s.maxElevation)];
  }
  return { station, settings: s };
}

/** Arcs per station-day and settings: a day's arcs depend on it and its neighbours as ingested. */
const cache = new Map<string, ReflectorHeightArc[]>();
const CACHE_DAYS = 4000;

/** Forgets every cached day (benches measure a cold cache). */
export function clearReflectorHeightCache(): void {
  cache.clear();
}

/** Per day of the range: its arcs, or why it has none (no observations, or no geometry). */
export interface DayArcs {
  day: number;
  arcs: ReflectorHeightArc[];
  /** Null when the day was computed. */
  missing: string | null;
}

/**
 * Reflector heights of a station's days in [from, to): each day computed (or taken from the cache)
 * from its stored observations with geometry and ±2 h of its neighbours.
 */
export async function reflectorHeightDays(reader: ReflectorHeightReader, objects: Pick<ObjectStore, 'get'>, q: ReflectorHeightQuery): Promise<{ station: string; days: DayArcs[] }> {
  if (!Number.isFinite(q.from) || !Number.isFinite(q.to) || q.from >= q.to) throw new RadomeError('BAD_INPUT', 'from must be before to');
  const { station, settings } = await settingsFor(reader, q);
  const first = dayOf(q.from);
  const last = dayOf(q.to - 1);
  if (last - first + 1 > MAX_REFLECTOR_HEIGHT_DAYS) throw new RadomeError('BAD_INPUT', `from/to span ${last - first + 1} days; ask for at most ${MAX_REFLECTOR_HEIGHT_DAYS} at a time`);
  const rows = new Map<number, GnssDayRow>((await reader.gnss.days(station, first - 1, last + 1)).map((r) => [r.day, r]));
  const settingsKey = JSON.stringify(settings);
  const keyOf = (day: number) => `${station}/${day}/${[day - 1, day, day + 1].map((d) => `${rows.get(d)?.ingestedAt ?? 0}:${rows.get(d)?.geometry ?? ''}`).join(',')}/${settingsKey}`;
  const remember = (day: number, arcs: ReflectorHeightArc[]) => {
    if (cache.size >= CACHE_DAYS) cache.delete(cache.keys().next().value!);
    cache.set(keyOf(day), arcs);
  };
  const bodyOf = async (day: number): Promise<{ key: string; body: Uint8Array } | null> => {
    const row = rows.get(day);
    const body = row?.geometry ? (await objects.get(row.objectKey))?.body : null;
    return body ? { key: row!.objectKey, body } : null;
  };
  const todo: number[] = [];
  for (let day = first; day <= last; day++) if (rows.get(day)?.geometry && !cache.has(keyOf(day))) todo.push(day);
  if (todo.length >= PARALLEL_MIN_DAYS && reflectorHeightThreads() >= 2) {
    // Many days (a year of daily heights): over worker threads, a run of days each.
    for (const [day, arcs] of await parallelDayArcs(todo, bodyOf, settings)) remember(day, arcs);
  } else {
    const decoded = new Map<number, SnrObservations | null>();
    for (const day of todo) {
      for (const d of [day - 1, day, day + 1]) {
        if (decoded.has(d)) continue;
        const found = await bodyOf(d);
        decoded.set(d, found ? await decodeSnrParquet(found.body, found.key) : null);
      }
      // Only the day before is needed again (as the next day's neighbour).
      decoded.delete(day - 2);
      remember(
        day,
        dayArcs(day, (d) => decoded.get(d) ?? null, settings),
      );
    }
  }
  const days: DayArcs[] = [];
  for (let day = first; day <= last; day++) {
    const row = rows.get(day);
    if (!row) {
      days.push({ day, arcs: [], missing: `no SNR observations stored for ${station} on ${dayString(day)}` });
      continue;
    }
    if (!row.geometry) {
      days.push({
        day,
        arcs: [],
        missing: `${station} ${dayString(day)} has no satellite geometry: no orbits (RINEX navigation or SP3) were ingested for that day, and its SNR file had no elevations`,
      });
      continue;
    }
    days.push({ day, arcs: cache.get(keyOf(day)) ?? [], missing: null });
  }
  return { station, days };
}

/** The arcs of [from, to), by time; BAD_INPUT naming the days when none of them has geometry. */
export async function reflectorHeights(reader: ReflectorHeightReader, objects: Pick<ObjectStore, 'get'>, q: ReflectorHeightQuery): Promise<ReflectorHeightArc[]> {
  const { days } = await reflectorHeightDays(reader, objects, q);
  const computed = days.filter((d) => d.missing === null);
  if (computed.length === 0) {
    throw new RadomeError(
      'BAD_INPUT',
      `no day of the range can give reflector heights: ${days
        .slice(0, 10)
        .map((d) => d.missing)
        .join('; ')}${days.length > 10 ? '; …' : ''}`,
    );
  }
  return computed.flatMap((d) => d.arcs).filter((a) => a.time >= q.from && a.time < q.to);
}

/** One day's reflector height after gnssrefl's daily_avg median filter. */
export interface DailyReflectorHeightRow {
  day: number;
  /** Median of all the day's arcs (gnssrefl's medRH), m; null without arcs. */
  median: number | null;
  /** Mean and population standard deviation of the arcs within `medianFilter` of the median, m. */
  mean: number | null;
  stddev: number | null;
  /** Arcs kept. */
  count: number;
  /** Why the day has no value: no data, no geometry, or too few arcs. */
  reason: string | null;
}

/**
 * Per day: gnssrefl's daily_avg on the day's arcs (whole days of the range): arcs farther than
 * `medianFilter` (m) from the day's median are dropped, and a day needs `requiredTracks` arcs left.
 */
export async function dailyReflectorHeights(
  reader: ReflectorHeightReader,
  objects: Pick<ObjectStore, 'get'>,
  q: ReflectorHeightQuery & { medianFilter?: number | null; requiredTracks?: number | null },
): Promise<DailyReflectorHeightRow[]> {
  const medianFilter = q.medianFilter ?? 0.25;
  const requiredTracks = q.requiredTracks ?? 10;
  if (!(medianFilter > 0)) throw new RadomeError('BAD_INPUT', `medianFilter must be a positive distance in metres (got ${medianFilter})`);
  if (!(requiredTracks >= 1)) throw new RadomeError('BAD_INPUT', `requiredTracks must be at least 1 (got ${requiredTracks})`);
  const { days } = await reflectorHeightDays(reader, objects, q);
  return days.map(({ day, arcs, missing }) => {
    if (missing) return { day, median: null, mean: null, stddev: null, count: 0, reason: missing };
    const rh = arcs.map((a) => a.height).sort((a, b) => a - b);
    if (rh.length === 0) return { day, median: null, mean: null, stddev: null, count: 0, reason: 'no arc passed the quality checks' };
    const median = rh.length % 2 ? rh[(rh.length - 1) / 2]! : (rh[rh.length / 2 - 1]! + rh[rh.length / 2]!) / 2;
    const kept = rh.filter((h) => h < median + medianFilter && h > median - medianFilter);
    if (kept.length < requiredTracks)
      return { day, median, mean: null, stddev: null, count: kept.length, reason: `${kept.length} arcs within ${medianFilter} m of the median, fewer than requiredTracks ${requiredTracks}` };
    const mean = kept.reduce((a, b) => a + b, 0) / kept.length;
    const stddev = Math.sqrt(kept.reduce((a, b) => a + (b - mean) ** 2, 0) / kept.length);
    return { day, median, mean, stddev, count: kept.length, reason: null };
  });
}
