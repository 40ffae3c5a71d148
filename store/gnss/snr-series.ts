import { type GnssStationId, parseGnssStationId } from '../../core/vocabulary/index.js';
import { RadomeError } from '../../core/errors.js';
import { parseIsoDuration } from '../../core/iso-duration.js';
import type { GnssReader } from '../catalog/index.js';
import type { ObjectStore } from '../types.js';
import { azimuthBinsOf, elevationBinRange, inAzimuths } from './elevation-bins.js';
import { DAY_MS, rollupLevel, SNR_SCALE } from './rollup-levels.js';
import { parseConstellation, parseSatellite, CONSTELLATIONS } from './satellites.js';
import { bandOf, SnrAccumulator, type Grouping, type SnrPoint } from './snr-accumulator.js';
import { dayOf, dayString } from './snr-keys.js';
import { decodeSnrParquet, type SnrObservations } from './snr-parquet.js';
import { splitRange, widthsFor } from './snr-series-plan.js';

export type SnrGroupBy = 'SATELLITE' | 'CONSTELLATION' | 'OBS_CODE' | 'BAND';

export interface SnrSelection {
  station: string;
  /** ms, [from, to), in the station's time system (GPS time). */
  from: number;
  to: number;
  /** Empty or null = all the station has. */
  obsCodes?: readonly string[] | null;
  /** Frequency bands (1 for S1, S1C, S1W …; 2, 5, 6, 7, 8, 9); empty or null = all. */
  bands?: readonly number[] | null;
  constellations?: readonly string[] | null;
  satellites?: readonly string[] | null;
  groupBy?: readonly SnrGroupBy[] | null;
  /**
   * Satellite elevation window [min, max), degrees; with azimuths, only observations with geometry
   * count. Edges on 5° (elevation) and 10° (azimuth) bin edges with whole-day intervals are read
   * from elevation rollups, others from Parquet.
   */
  minElevation?: number | null;
  maxElevation?: number | null;
  /** Azimuth ranges [from, to), degrees (from > to wraps through north). */
  azimuths?: readonly (readonly number[])[] | null;
}

export interface SnrSeriesResult {
  station: string;
  intervalMs: number;
  points: SnrPoint[];
}

export interface SnrSummaryResult {
  station: string;
  from: number;
  to: number;
  /** Over everything selected. */
  total: SnrPoint | null;
  /** One per group (one in all when not grouped); `start` is `from`. */
  groups: SnrPoint[];
}

/** Most points one answer may have. */
export const MAX_SNR_POINTS = 100_000;
/** Most days read from raw observations for one answer (intervals that no rollup width divides). */
export const MAX_RAW_DAYS = 7;

interface Resolved {
  station: GnssStationId;
  codeIds: Map<number, string>;
  codeNames: Set<string>;
  satellites: number[] | null;
  constellations: number[] | null;
  grouping: Grouping;
  perSatellite: boolean;
  /** Set when the selection filters by satellite geometry: every row is then read from Parquet. */
  geometry: { minElevation: number; maxElevation: number; azimuths: [number, number][] } | null;
}

const list = (xs: readonly string[] | null | undefined): string[] => (xs ?? []).map((x) => x.trim()).filter(Boolean);

/** Checks the selection against the catalog; BAD_INPUT says what to change. */
async function resolve(reader: GnssReader, sel: SnrSelection): Promise<Resolved> {
  const station = parseGnssStationId(sel.station, 'station');
  if (!(await reader.stationsByIds([station]))[0]) {
    const known = (await reader.stations()).map((s) => s.id);
    throw new RadomeError(
      'BAD_INPUT',
      `station: no GNSS station "${sel.station}" in the catalog; ${known.length ? `it has ${known.slice(0, 30).join(', ')}${known.length > 30 ? ', …' : ''}` : 'none has been ingested yet'}`,
    );
  }
  if (!Number.isFinite(sel.from) || !Number.isFinite(sel.to) || sel.from >= sel.to) {
    throw new RadomeError('BAD_INPUT', `from must be before to (got ${iso(sel.from)} and ${iso(sel.to)})`);
  }
  const signals = await reader.signals(station);
  const constellations = list(sel.constellations).map((c) => parseConstellation(c, 'constellations'));
  const has = new Set(signals.map((s) => s.constellation));
  for (const c of constellations) {
    const letter = CONSTELLATIONS[c - 1]!;
    if (!has.has(letter)) throw new RadomeError('BAD_INPUT', `constellations: station ${station} has no ${letter} data; it has ${[...has].join(', ')}`);
  }
  const satellites = list(sel.satellites).map((s) => parseSatellite(s, 'satellites'));
  const wanted = list(sel.obsCodes);
  const codes = new Map<string, number>();
  for (const s of signals) codes.set(s.code, s.codeId);
  for (const code of wanted) {
    if (!codes.has(code)) {
      throw new RadomeError('BAD_INPUT', `obsCodes: station ${station} has no SNR code "${code}"; it has ${[...codes.keys()].join(', ')} (codes as the RINEX files name them)`);
    }
  }
  const bands = [...new Set(sel.bands ?? [])];
  const hasBands = new Set([...codes.keys()].map(bandOf));
  for (const band of bands) {
    if (!hasBands.has(band)) {
      throw new RadomeError('BAD_INPUT', `bands: station ${station} has no SNR in band ${band}; it has bands ${[...hasBands].sort().join(', ')} (the digit of S1, S1C, S2W …)`);
    }
  }
  const chosen = (wanted.length ? wanted : [...codes.keys()]).filter((c) => bands.length === 0 || bands.includes(bandOf(c)));
  if (chosen.length === 0) throw new RadomeError('BAD_INPUT', `obsCodes ${wanted.join(', ')} lie outside bands ${bands.join(', ')}; nothing is selected`);
  const groupBy = new Set(sel.groupBy ?? []);
  const grouping = { satellite: groupBy.has('SATELLITE'), constellation: groupBy.has('CONSTELLATION'), code: groupBy.has('OBS_CODE'), band: groupBy.has('BAND') };
  let geometry: Resolved['geometry'] = null;
  if (sel.minElevation != null || sel.maxElevation != null || sel.azimuths?.length) {
    const minElevation = sel.minElevation ?? -90;
    const maxElevation = sel.maxElevation ?? 90;
    if (!(minElevation < maxElevation)) throw new RadomeError('BAD_INPUT', `minElevation must be below maxElevation (got ${minElevation}, ${maxElevation})`);
    const azimuths = (sel.azimuths ?? []).map((a, i) => {
      if (a.length !== 2 || a.some((v) => !(v >= 0 && v <= 360))) throw new RadomeError('BAD_INPUT', `azimuths[${i}]: each range is [from, to], 0–360 degrees`);
      return [a[0]!, a[1]!] as [number, number];
    });
    geometry = { minElevation, maxElevation, azimuths };
  }
  return {
    geometry,
    station,
    codeIds: new Map(chosen.map((c) => [codes.get(c)!, c])),
    codeNames: new Set(chosen),
    satellites: satellites.length ? satellites : null,
    constellations: constellations.length ? constellations : null,
    grouping,
    perSatellite: grouping.satellite || satellites.length > 0,
  };
}

function iso(ms: number): string {
  return Number.isFinite(ms) ? new Date(ms).toISOString() : String(ms);
}

/** Reads [from, to) into `acc` from rollups where whole buckets fit and from Parquet for the edges. */
async function accumulate(reader: GnssReader, objects: ObjectStore, r: Resolved, from: number, to: number, intervalMs: number | null, acc: SnrAccumulator): Promise<void> {
  if (r.geometry) return accumulateGeometry(reader, objects, r, r.geometry, from, to, intervalMs, acc);
  const pieces = splitRange(from, to, widthsFor(intervalMs));
  const raw = pieces.filter((p) => p.kind === 'raw');
  const rawDays = new Set(raw.flatMap((p) => Array.from({ length: dayOf(p.to - 1) - dayOf(p.from) + 1 }, (_, i) => dayOf(p.from) + i)));
  if (rawDays.size > MAX_RAW_DAYS) {
    throw new RadomeError(
      'BAD_INPUT',
      `interval: an interval that is not a multiple of 15 minutes (PT15M) is computed from raw observations, for at most ${MAX_RAW_DAYS} days (this range touches ${rawDays.size}); use PT15M, PT30M, PT1H, P1D … or a shorter range`,
    );
  }
  for (const p of pieces) {
    if (p.kind !== 'rollup') continue;
    const level = rollupLevel(p.widthSeconds, r.perSatellite);
    const rows = await reader.snrRollupAggregates({
      station: r.station,
      level: level.id,
      codeIds: [...r.codeIds.keys()],
      fromS: p.from / 1000,
      toS: p.to / 1000,
      intervalS: intervalMs === null ? 2 ** 40 : intervalMs / 1000,
      satellites: r.perSatellite ? r.satellites : (r.constellations?.map((c) => c * 100) ?? null),
      constellations: r.perSatellite ? r.constellations : null,
      groupByCode: r.grouping.code || r.grouping.band,
      groupBySatellite: r.grouping.satellite,
      groupByConstellation: r.grouping.constellation,
    });
    for (const [b, sat, code, n, sum, ss, min, max] of rows) {
      // Rows come summed per output bucket (b: its start, seconds); the accumulator clips it to `from`.
      acc.add(b * 1000, sat, r.codeIds.get(code) ?? '', n, sum, ss, min, max);
    }
  }
  if (raw.length) await accumulateRaw(reader, objects, r, raw, acc);
}

/** Most whole days one elevation-filtered answer sums from elevation rollups. */
export const MAX_ELEVATION_ROLLUP_DAYS = 400;

/**
 * Geometry-filtered statistics: whole days from the elevation rollups when the window's edges lie
 * on bin edges and the interval is whole days (or a summary); the rest (cut days, other windows,
 * days whose geometry predates elevation rollups) from the days' Parquet objects.
 */
async function accumulateGeometry(
  reader: GnssReader,
  objects: ObjectStore,
  r: Resolved,
  geo: NonNullable<Resolved['geometry']>,
  from: number,
  to: number,
  intervalMs: number | null,
  acc: SnrAccumulator,
): Promise<void> {
  const days = await reader.days(r.station, dayOf(from), dayOf(to - 1));
  if (days.length && days.every((d) => !d.geometry)) throw noGeometry(r.station, days);
  const elevationBins = elevationBinRange(geo.minElevation, geo.maxElevation);
  const azimuthBins = geo.azimuths.length ? azimuthBinsOf(geo.azimuths) : null;
  const binned = elevationBins !== null && (geo.azimuths.length === 0 || azimuthBins !== null) && (intervalMs === null || intervalMs % DAY_MS === 0);
  const whole = (day: number) => day * DAY_MS >= from && (day + 1) * DAY_MS <= to;
  const rolled = binned ? days.filter((d) => d.geometry && d.elevationRollups && whole(d.day)) : [];
  const rolledDays = new Set(rolled.map((d) => d.day));
  const raw = days.filter((d) => d.geometry && !rolledDays.has(d.day)).map((d) => ({ from: Math.max(from, d.day * DAY_MS), to: Math.min(to, (d.day + 1) * DAY_MS) }));
  if (raw.length > MAX_RAW_DAYS) {
    throw new RadomeError(
      'BAD_INPUT',
      `minElevation, maxElevation and azimuths are applied to raw observations for ${raw.length} days of this range, at most ${MAX_RAW_DAYS} are; with edges on multiples of 5° (elevation) and 10° (azimuth) and a whole-day interval (P1D …) or a summary, whole days are read from elevation rollups`,
    );
  }
  if (rolled.length > MAX_ELEVATION_ROLLUP_DAYS) throw new RadomeError('BAD_INPUT', `from/to: ${rolled.length} days, at most ${MAX_ELEVATION_ROLLUP_DAYS} days per elevation-filtered answer`);
  if (rolled.length && elevationBins) {
    const rows = await reader.snrElevationAggregates({
      station: r.station,
      codeIds: [...r.codeIds.keys()],
      fromDay: rolled[0]!.day,
      toDay: rolled[rolled.length - 1]!.day,
      satellites: r.satellites,
      constellations: r.constellations,
      elevationBins,
      azimuthBins,
      groupByDay: intervalMs !== null,
      groupByElevation: false,
      groupByCode: r.grouping.code || r.grouping.band,
      groupBySatellite: r.grouping.satellite,
      groupByConstellation: r.grouping.constellation,
    });
    for (const [day, , sat, code, n, sum, ss, min, max] of rows) acc.add(intervalMs === null ? from : day * DAY_MS, sat, r.codeIds.get(code) ?? '', n, sum, ss, min, max);
  }
  if (raw.length) await accumulateRaw(reader, objects, r, raw, acc);
}

function noGeometry(station: string, days: { day: number }[]): RadomeError {
  return new RadomeError(
    'BAD_INPUT',
    `minElevation/maxElevation/azimuths: ${days.map((d) => dayString(d.day)).join(', ')} of ${station} ${days.length === 1 ? 'has' : 'have'} no satellite geometry (no orbits ingested for ${days.length === 1 ? 'it' : 'them'})`,
  );
}

async function accumulateRaw(reader: GnssReader, objects: ObjectStore, r: Resolved, pieces: { from: number; to: number }[], acc: SnrAccumulator): Promise<void> {
  const cache = new Map<string, SnrObservations>();
  const sats = r.satellites && new Set(r.satellites);
  const cons = r.constellations && new Set(r.constellations);
  const geo = r.geometry;
  for (const p of pieces) {
    const days = await reader.days(r.station, dayOf(p.from), dayOf(p.to - 1));
    for (const day of days) {
      if (geo && !day.geometry) continue;
      let obs = cache.get(day.objectKey);
      if (!obs) {
        const object = await objects.get(day.objectKey);
        if (!object) throw new RadomeError('NOT_FOUND', `the SNR observations of ${r.station} on day ${day.day} are missing from the object store`, { file: day.objectKey });
        obs = await decodeSnrParquet(object.body, day.objectKey);
        cache.set(day.objectKey, obs);
      }
      const codeOk = obs.codes.map((c) => r.codeNames.has(c));
      for (let i = 0; i < obs.count; i++) {
        const t = obs.times[i]!;
        if (t < p.from || t >= p.to || !codeOk[obs.codeIndex[i]!]) continue;
        const sat = obs.satellites[i]!;
        if (sats && !sats.has(sat)) continue;
        if (cons && !cons.has(Math.floor(sat / 100))) continue;
        if (geo) {
          const e = obs.geometry?.elevation[i] ?? NaN;
          const a = obs.geometry?.azimuth[i] ?? NaN;
          if (!(e >= geo.minElevation && e < geo.maxElevation) || !inAzimuths(a, geo.azimuths)) continue;
        }
        const v = Math.round(obs.values[i]! * SNR_SCALE);
        acc.add(t, sat, obs.codes[obs.codeIndex[i]!]!, 1, v, v * v, v, v);
      }
    }
  }
}

function tooManyPoints(count: number): RadomeError {
  return new RadomeError('BAD_INPUT', `the answer would have ${count} points, more than ${MAX_SNR_POINTS}; use a longer interval, a shorter range, fewer groupBy fields or filter satellites`);
}

/**
 * SNR statistics of a station per `interval` (ISO 8601 duration) over [from, to). Buckets are
 * aligned to multiples of the interval since 1970-01-01 (so PT1H buckets start on the hour, P1D on
 * GPS midnight); a range that cuts a bucket counts only what lies inside it, read exactly.
 */
export async function snrSeries(reader: GnssReader, objects: ObjectStore, sel: SnrSelection & { interval: string }): Promise<SnrSeriesResult> {
  const intervalMs = parseIsoDuration(sel.interval, 'interval');
  const r = await resolve(reader, sel);
  const buckets = Math.floor((sel.to - 1) / intervalMs) - Math.floor(sel.from / intervalMs) + 1;
  if (buckets > MAX_SNR_POINTS) throw tooManyPoints(buckets);
  const acc = new SnrAccumulator(r.grouping, (t) => Math.max(Math.floor(t / intervalMs) * intervalMs, sel.from));
  await accumulate(reader, objects, r, sel.from, sel.to, intervalMs, acc);
  if (acc.size > MAX_SNR_POINTS) throw tooManyPoints(acc.size);
  return { station: r.station, intervalMs, points: acc.points() };
}

/** SNR statistics of a station over [from, to), in total and per group. */
export async function snrSummary(reader: GnssReader, objects: ObjectStore, sel: SnrSelection): Promise<SnrSummaryResult> {
  const r = await resolve(reader, sel);
  const groups = new SnrAccumulator(r.grouping, () => sel.from);
  await accumulate(reader, objects, r, sel.from, sel.to, null, groups);
  return { station: r.station, from: sel.from, to: sel.to, total: groups.total(), groups: groups.points() };
}
