// The radar read queries' shapes, once for both engines: site columns, volume and sweep listings
// (filters, window, order, cursor), sweeps of several volumes, sites in a box, bucket counts.
// Engine-specific plans (the latest volume per site, the nearest sweep per volume) stay with the engines.
import { RadomeError } from '../../../core/errors.js';
import type { SortOrder } from '../paging.js';
import type { LonLatBox, RadarBucketCount, RadarCountQuery, SweepFilter, SweepRow, VolumeFilter, VolumeRow, VolumeSweepFilter } from '../radar.js';
import { SWEEP_COLUMNS, sweepFromValues, VOLUME_COLUMNS, volumeFromValues } from '../rows/radar-rows.js';
import { checkNumber, checkStrings, type Dialect, type Statement } from './dialect.js';
import { Conditions, type KeysetQuery, type Overlap } from './keyset.js';

/** SELECT list whose aliases give RadarSiteRow's field names. */
export function siteColumns(d: Dialect): string {
  return `id, latitude, longitude, height_m AS ${d.alias('heightM')}, first_volume_at AS ${d.alias('firstVolumeAt')}, last_volume_at AS ${d.alias('lastVolumeAt')}`;
}

/** Rows of `table` (read by position) whose id is one of `ids`, in no particular order. */
export function rowsById(d: Dialect, table: string, columns: string, ids: readonly string[]): Statement {
  const [condition, param] = d.oneOf('id', checkStrings('ids', ids), 'text');
  return { sql: `SELECT ${columns} FROM ${table} WHERE ${condition}`, params: [param] };
}

export function sitesById(d: Dialect, ids: readonly string[]): Statement {
  return rowsById(d, 'radar_sites', siteColumns(d), ids);
}

/** Sites whose location lies in the box (edges included), by id; west > east crosses the antimeridian (e.g. 170 to -170). */
export function sitesInBox(d: Dialect, box: LonLatBox): Statement {
  const [west, south, east, north] = (['west', 'south', 'east', 'north'] as const).map((k) => checkNumber(`bbox.${k}`, box[k])!);
  if (south! > north!) throw new RadomeError('BAD_INPUT', `bbox: south (${south}) must not exceed north (${north})`);
  const lon = west! <= east! ? 'longitude BETWEEN ? AND ?' : '(longitude >= ? OR longitude <= ?)';
  return { sql: `SELECT ${siteColumns(d)} FROM radar_sites WHERE ${lon} AND latitude BETWEEN ? AND ? ORDER BY id`, params: [west, east, south, north] };
}

export function volumeListing(d: Dialect, filter: VolumeFilter): KeysetQuery<VolumeRow> {
  return {
    kind: 'volume',
    table: 'volumes',
    columns: VOLUME_COLUMNS,
    where: filter.site != null ? new Conditions().add('site = ?', filter.site) : new Conditions(),
    overlap: { startColumn: 'scan_start', endColumn: 'scan_end', durationKind: 'volume', from: d.timeBound('from', filter.from), to: d.timeBound('to', filter.to) },
    order: filter.order,
    map: volumeFromValues,
    keyOf: (r) => ({ time: r.scanStart, id: r.id }),
  };
}

/** Conditions shared by sweep listings other than time; an empty `moments` list means all. */
function sweepConditions(d: Dialect, filter: Omit<SweepFilter, 'order'>): Conditions {
  const where = new Conditions();
  if (filter.site != null) where.add('site = ?', filter.site);
  if (filter.volumeId != null) where.add('volume_id = ?', filter.volumeId);
  if (filter.moments != null && filter.moments.length > 0) where.add(...d.oneOf('moment', checkStrings('moments', filter.moments), 'text'));
  const min = checkNumber('minElevation', filter.minElevation);
  const max = checkNumber('maxElevation', filter.maxElevation);
  if (min !== undefined) where.add('elevation_angle >= ?', min);
  if (max !== undefined) where.add('elevation_angle <= ?', max);
  return where;
}

function sweepOverlap(d: Dialect, filter: Omit<SweepFilter, 'order'>): Overlap {
  return { startColumn: 'start_time', endColumn: 'end_time', durationKind: 'sweep', from: d.timeBound('from', filter.from), to: d.timeBound('to', filter.to) };
}

export function sweepListing(d: Dialect, filter: SweepFilter): KeysetQuery<SweepRow> {
  return {
    kind: 'sweep',
    table: 'sweeps',
    columns: SWEEP_COLUMNS,
    where: sweepConditions(d, filter),
    overlap: sweepOverlap(d, filter),
    order: filter.order,
    map: sweepFromValues,
    keyOf: (r) => ({ time: r.startTime, id: r.id }),
  };
}

/**
 * The sweeps of several volumes: the conditions and window (the engine adds the window with
 * overlapConditions, in a read transaction), then `sql(where)`. Within a volume: by elevation
 * number (`order`, default ASC), then moment.
 */
export function volumesSweeps(d: Dialect, volumeIds: readonly string[], filter: VolumeSweepFilter) {
  const order: SortOrder = filter.order ?? 'ASC';
  if (order !== 'ASC' && order !== 'DESC') throw new RadomeError('BAD_INPUT', `order: ${String(order)} is not ASC or DESC`);
  return {
    where: sweepConditions(d, filter).add(...d.oneOf('volume_id', checkStrings('volumeIds', volumeIds), 'text')),
    overlap: sweepOverlap(d, filter),
    sql: (where: Conditions) => `SELECT ${SWEEP_COLUMNS} FROM sweeps ${where.sql} ORDER BY volume_id, elevation_number ${order}, moment, id`,
  };
}

/** Sweep records grouped in the order of `volumeIds`. */
export function groupByVolume(volumeIds: readonly string[], records: unknown[][]): SweepRow[][] {
  const groups = new Map<string, SweepRow[]>(volumeIds.map((id) => [id, []]));
  for (const values of records) {
    const sweep = sweepFromValues(values);
    groups.get(sweep.volumeId)?.push(sweep);
  }
  return volumeIds.map((id) => groups.get(id)!);
}

/** Volume records (at most one a site) in the order of `siteIds`, null for a site without one. */
export function bySite(siteIds: readonly string[], records: unknown[][]): (VolumeRow | null)[] {
  const rows = records.map(volumeFromValues);
  const found = new Map<string, VolumeRow>(rows.map((r) => [r.site, r]));
  return siteIds.map((id) => found.get(id) ?? null);
}

/** Longest a volume scan takes: its sweeps start before scan_start + this. */
export const MAX_VOLUME_SCAN_MS = 30 * 60_000;

const MINUTE_MS = 60_000;
/**
 * Buckets at least this many minutes wide sum radar_minute_counts by a seek per site and bucket;
 * narrower ones by one grouped scan (a seek per bucket costs about what sorting a few minutes' rows does).
 */
const SEEK_PER_BUCKET_MINUTES = 10;

/** A statement of radarBucketCounts, and which table's counts its rows hold. */
export interface BucketStatement extends Statement {
  /**
   * 'minutes': rows (site, start, volumes, sweeps, products); 'packedMinutes': rows (site, start,
   * 'volumes,sweeps,products' or null for none); else rows (site, start, n) of that field.
   */
  field: 'minutes' | 'packedMinutes' | 'volumes' | 'sweeps' | 'products';
}

/**
 * Volumes, sweeps and products started in [from, to) per site and bucket: the statements, which the
 * engine reads in one transaction (bucketCounts sums them). With whole-minute widths (what
 * radarCoverage asks) the window's whole minutes sum radar_minute_counts: a day of 160 sites is
 * 230,000 small rows, not 4 million sweep rows; only the part-minutes at its edges count rows
 * (grouped index range scans), as does any other width.
 */
export function bucketCountStatements(d: Dialect, q: RadarCountQuery): BucketStatement[] {
  const from = d.timeBound('from', q.from)!;
  const to = d.timeBound('to', q.to)!;
  const width = checkNumber('bucketMs', q.bucketMs)!;
  if (!(width >= 1) || !Number.isSafeInteger(width)) throw new RadomeError('BAD_INPUT', `bucketMs: ${width} is not a whole number of milliseconds >= 1`);
  const [inSites, sites] = d.oneOf('site', checkStrings('sites', q.sites), 'text');
  const bucket = (column: string) => `(${column} / ${d.integer}) * ${d.integer}`;
  const rows = (lower: number, upper: number): BucketStatement[] =>
    (
      [
        ['volumes', 'scan_start', 'volumes'],
        ['sweeps', 'start_time', 'sweeps'],
        ['products', 'scan_time', 'products'],
      ] as const
    ).map(([table, column, field]) => ({
      field,
      sql: `SELECT site, ${bucket(column)} AS start, ${d.wholeSum('COUNT(*)')} AS n FROM ${table}
        WHERE ${inSites} AND ${column} >= ? AND ${column} < ? GROUP BY 1, 2`,
      params: [width, width, sites, lower, upper],
    }));
  // Minutes are whole buckets when the width is whole minutes; integer division truncates toward
  // zero, so only from 1970 on.
  const inner = { from: Math.ceil(from / MINUTE_MS) * MINUTE_MS, to: Math.floor(to / MINUTE_MS) * MINUTE_MS };
  if (!(width % MINUTE_MS === 0 && inner.from >= 0 && inner.from < inner.to)) return rows(from, to);
  const widthMinutes = width / MINUTE_MS;
  const [first, end] = [inner.from / MINUTE_MS, inner.to / MINUTE_MS];
  const firstStart = Math.floor(first / widthMinutes) * widthMinutes;
  const minutes: BucketStatement =
    d.seekPerBucket && widthMinutes >= SEEK_PER_BUCKET_MINUTES
      ? {
          // A seek per site and bucket summing its minutes: no sort of the window's minute rows by
          // bucket (a day of 160 sites is 230,000 rows: most of radarCoverage's ~100 ms in SQLite's
          // GROUP BY sorter; the seeks' sums ~4-7× less CPU). SQLite has no LATERAL and a scalar
          // subquery returns one value, so the three sums come back as one 'volumes,sweeps,products' text.
          field: 'packedMinutes',
          sql: `WITH RECURSIVE buckets(start, lo, hi) AS (
              SELECT ${d.integer}, ${d.integer}, ${d.integer}
              UNION ALL SELECT start + ${d.integer}, start + ${d.integer}, CASE WHEN start + ${d.integer} < ${d.integer} THEN start + ${d.integer} ELSE ${d.integer} END
              FROM buckets WHERE hi < ${d.integer})
            SELECT r.id, b.start * ${d.integer}, (SELECT SUM(m.volumes) || ',' || SUM(m.sweeps) || ',' || SUM(m.products) FROM radar_minute_counts m
              WHERE m.site = r.id AND m.minute >= b.lo AND m.minute < b.hi)
            FROM radar_sites r CROSS JOIN buckets b WHERE ${d.oneOf('r.id', [], 'text')[0]}`,
          params: [firstStart, first, Math.min(firstStart + widthMinutes, end), widthMinutes, widthMinutes, 2 * widthMinutes, end, 2 * widthMinutes, end, end, MINUTE_MS, sites],
        }
      : {
          field: 'minutes',
          sql: `SELECT site, ${bucket('minute')} AS start, ${d.wholeSum('SUM(volumes)')}, ${d.wholeSum('SUM(sweeps)')}, ${d.wholeSum('SUM(products)')}
      FROM radar_minute_counts WHERE ${inSites} AND minute >= ${d.integer} AND minute < ${d.integer} GROUP BY 1, 2`,
          params: [widthMinutes, width, sites, first, end],
        };
  return [minutes, ...(from < inner.from ? rows(from, inner.from) : []), ...(inner.to < to ? rows(inner.to, to) : [])];
}

/** The non-empty buckets of the statements' results (rows as arrays), by site then start. */
export function bucketCounts(results: { field: BucketStatement['field']; records: unknown[][] }[]): RadarBucketCount[] {
  const counts = new Map<string, RadarBucketCount>();
  const add = (site: string, start: number, field: 'volumes' | 'sweeps' | 'products', n: number) => {
    const key = `${site}\u0000${start}`;
    let c = counts.get(key);
    if (!c) counts.set(key, (c = { site, start, volumes: 0, sweeps: 0, products: 0 }));
    c[field] += n;
  };
  for (const { field, records } of results) {
    for (const r of records) {
      const [site, start] = r as [string, number];
      if (field === 'packedMinutes') {
        if (r[2] === null) continue;
        const [v, sw, p] = String(r[2]).split(',');
        add(site, Number(start), 'volumes', Number(v));
        add(site, Number(start), 'sweeps', Number(sw));
        add(site, Number(start), 'products', Number(p));
      } else if (field === 'minutes') {
        add(site, start, 'volumes', r[2] as number);
        add(site, start, 'sweeps', r[3] as number);
        add(site, start, 'products', r[4] as number);
      } else {
        add(site, start, field, r[2] as number);
      }
    }
  }
  return [...counts.values()].filter((c) => c.volumes + c.sweeps + c.products > 0).sort((a, b) => (a.site < b.site ? -1 : a.site > b.site ? 1 : a.start - b.start));
}
