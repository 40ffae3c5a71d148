import { RadomeError } from '../../../core/errors.js';
import type { Page, PageArgs, SortOrder } from '../paging.js';
import type { LonLatBox, NearestSweepQuery, RadarBucketCount, RadarCountQuery, RadarSiteRow, SweepFilter, SweepRow, VolumeFilter, VolumeRow, VolumeSweepFilter } from '../radar.js';
import { SWEEP_COLUMNS, sweepFromValues, VOLUME_COLUMNS, volumeFromValues } from '../sqlite/rows.js';
import { checkNumber, Conditions, keysetPage, overlapConditions, type Overlap, timeBound } from './keyset.js';
import type { PgSession } from './session.js';

export const SITE_COLUMNS = 'id, latitude, longitude, height_m AS "heightM", first_volume_at AS "firstVolumeAt", last_volume_at AS "lastVolumeAt"';

/** Ids bound as one text[] parameter (`= ANY(?)`), after the same check SQLite's engine makes. */
export function idArray(name: string, ids: readonly string[]): string[] {
  if (!Array.isArray(ids) || ids.some((id) => typeof id !== 'string')) throw new RadomeError('BAD_INPUT', `${name}: expected a list of ids`);
  return [...ids];
}

/** Rows in the order of `ids`, null where an id matched nothing (what a DataLoader expects). */
export function inIdOrder<T extends { id: string }>(ids: readonly string[], rows: T[]): (T | null)[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id) ?? null);
}

export function listRadarSites(db: PgSession): Promise<RadarSiteRow[]> {
  return db.rows<RadarSiteRow>(`SELECT ${SITE_COLUMNS} FROM radar_sites ORDER BY id`);
}

export async function getRadarSites(db: PgSession, ids: readonly string[]): Promise<(RadarSiteRow | null)[]> {
  return inIdOrder(ids, await db.rows<RadarSiteRow>(`SELECT ${SITE_COLUMNS} FROM radar_sites WHERE id = ANY(?)`, [idArray('ids', ids)]));
}

/** Sites whose location lies in the box (edges included), by id; west > east crosses the antimeridian. */
export function radarSitesInBox(db: PgSession, box: LonLatBox): Promise<RadarSiteRow[]> {
  const [west, south, east, north] = (['west', 'south', 'east', 'north'] as const).map((k) => checkNumber(`bbox.${k}`, box[k])!);
  if (south! > north!) throw new RadomeError('BAD_INPUT', `bbox: south (${south}) must not exceed north (${north})`);
  const lon = west! <= east! ? 'longitude BETWEEN ? AND ?' : '(longitude >= ? OR longitude <= ?)';
  return db.rows<RadarSiteRow>(`SELECT ${SITE_COLUMNS} FROM radar_sites WHERE ${lon} AND latitude BETWEEN ? AND ? ORDER BY id`, [west, east, south, north]);
}

function volumeOverlap(filter: VolumeFilter): Overlap {
  return { startColumn: 'scan_start', endColumn: 'scan_end', durationKind: 'volume', from: timeBound('from', filter.from), to: timeBound('to', filter.to) };
}

export function listVolumes(db: PgSession, filter: VolumeFilter, page: PageArgs): Promise<Page<VolumeRow>> {
  return keysetPage(
    db,
    {
      kind: 'volume',
      table: 'volumes',
      columns: VOLUME_COLUMNS,
      where: filter.site != null ? new Conditions().add('site = ?', filter.site) : new Conditions(),
      overlap: volumeOverlap(filter),
      order: filter.order,
      map: volumeFromValues,
      keyOf: (r) => ({ time: r.scanStart, id: r.id }),
    },
    page,
  );
}

export async function getVolumes(db: PgSession, ids: readonly string[]): Promise<(VolumeRow | null)[]> {
  const records = await db.arrays(`SELECT ${VOLUME_COLUMNS} FROM volumes WHERE id = ANY(?)`, [idArray('ids', ids)]);
  return inIdOrder(ids, records.map(volumeFromValues));
}

/** The newest volume (by scan start, then id) of each site, in the order of `siteIds`. */
export async function latestVolumes(db: PgSession, siteIds: readonly string[]): Promise<(VolumeRow | null)[]> {
  const sql = `SELECT v.* FROM unnest(?::text[]) s(site) CROSS JOIN LATERAL (
      SELECT ${VOLUME_COLUMNS} FROM volumes WHERE volumes.site = s.site ORDER BY scan_start DESC, id DESC LIMIT 1) v`;
  const rows = (await db.arrays(sql, [idArray('siteIds', siteIds)])).map(volumeFromValues);
  const bySite = new Map(rows.map((r) => [r.site, r]));
  return siteIds.map((id) => bySite.get(id) ?? null);
}

function sweepConditions(filter: Omit<SweepFilter, 'order'>): Conditions {
  const where = new Conditions();
  if (filter.site != null) where.add('site = ?', filter.site);
  if (filter.volumeId != null) where.add('volume_id = ?', filter.volumeId);
  if (filter.moments != null && filter.moments.length > 0) where.add('moment = ANY(?)', idArray('moments', filter.moments));
  const min = checkNumber('minElevation', filter.minElevation);
  const max = checkNumber('maxElevation', filter.maxElevation);
  if (min !== undefined) where.add('elevation_angle >= ?', min);
  if (max !== undefined) where.add('elevation_angle <= ?', max);
  return where;
}

function sweepOverlap(filter: Omit<SweepFilter, 'order'>): Overlap {
  return { startColumn: 'start_time', endColumn: 'end_time', durationKind: 'sweep', from: timeBound('from', filter.from), to: timeBound('to', filter.to) };
}

export function listSweeps(db: PgSession, filter: SweepFilter, page: PageArgs): Promise<Page<SweepRow>> {
  return keysetPage(
    db,
    {
      kind: 'sweep',
      table: 'sweeps',
      columns: SWEEP_COLUMNS,
      where: sweepConditions(filter),
      overlap: sweepOverlap(filter),
      order: filter.order,
      map: sweepFromValues,
      keyOf: (r) => ({ time: r.startTime, id: r.id }),
    },
    page,
  );
}

export async function getSweeps(db: PgSession, ids: readonly string[]): Promise<(SweepRow | null)[]> {
  const records = await db.arrays(`SELECT ${SWEEP_COLUMNS} FROM sweeps WHERE id = ANY(?)`, [idArray('ids', ids)]);
  return inIdOrder(ids, records.map(sweepFromValues));
}

/** The sweeps of several volumes, grouped in the order of `volumeIds`; within one, by elevation number then moment. */
export async function sweepsForVolumes(db: PgSession, volumeIds: readonly string[], filter: VolumeSweepFilter = {}): Promise<SweepRow[][]> {
  const order: SortOrder = filter.order ?? 'ASC';
  if (order !== 'ASC' && order !== 'DESC') throw new RadomeError('BAD_INPUT', `order: ${String(order)} is not ASC or DESC`);
  const where = sweepConditions(filter).add('volume_id = ANY(?)', idArray('volumeIds', volumeIds));
  const overlap = sweepOverlap(filter);
  const records = await db.transaction(
    async () => {
      await overlapConditions(db, where, overlap);
      return db.arrays(`SELECT ${SWEEP_COLUMNS} FROM sweeps ${where.sql} ORDER BY volume_id, elevation_number ${order}, moment, id`, where.params);
    },
    { readOnly: true },
  );
  const groups = new Map<string, SweepRow[]>(volumeIds.map((id) => [id, []]));
  for (const values of records) {
    const sweep = sweepFromValues(values);
    groups.get(sweep.volumeId)?.push(sweep);
  }
  return volumeIds.map((id) => groups.get(id)!);
}

/** Longest a volume scan takes: its sweeps start before scan_start + this. */
const MAX_VOLUME_SCAN_MS = 30 * 60_000;

/** Per volume of `site` starting in [from, to), its sweep of `moment` nearest `elevation` (the earliest of equally near ones), in time order. */
export async function nearestSweeps(db: PgSession, q: NearestSweepQuery): Promise<SweepRow[]> {
  const elevation = checkNumber('elevation', q.elevation)!;
  const [from, to] = [timeBound('from', q.from)!, timeBound('to', q.to)!];
  const sql = `SELECT * FROM (
      SELECT DISTINCT ON (volume_id) ${SWEEP_COLUMNS} FROM sweeps
      WHERE site = ? AND moment = ? AND start_time >= ? AND start_time < ?
        AND volume_id IN (SELECT id FROM volumes WHERE site = ? AND scan_start >= ? AND scan_start < ?)
      ORDER BY volume_id, abs(elevation_angle - ?), start_time, id
    ) nearest ORDER BY start_time, id`;
  const records = await db.arrays(sql, [q.site, q.moment, from, to + MAX_VOLUME_SCAN_MS, q.site, from, to, elevation]);
  return records.map(sweepFromValues);
}

/** Volumes, sweeps and products started in [from, to) per site and bucket; only non-empty buckets, by site then start. */
const MINUTE_MS = 60_000;

export async function radarBucketCounts(db: PgSession, q: RadarCountQuery): Promise<RadarBucketCount[]> {
  const from = timeBound('from', q.from)!;
  const to = timeBound('to', q.to)!;
  const width = checkNumber('bucketMs', q.bucketMs)!;
  if (!(width >= 1) || !Number.isSafeInteger(width)) throw new RadomeError('BAD_INPUT', `bucketMs: ${width} is not a whole number of milliseconds >= 1`);
  const sites = idArray('sites', q.sites);
  const counts = new Map<string, RadarBucketCount>();
  const add = (site: string, start: number, field: 'volumes' | 'sweeps' | 'products', n: number) => {
    const key = `${site}\u0000${start}`;
    let c = counts.get(key);
    if (!c) counts.set(key, (c = { site, start, volumes: 0, sweeps: 0, products: 0 }));
    c[field] += n;
  };
  const tally = async (lower: number, upper: number) => {
    for (const [table, column, field] of [
      ['volumes', 'scan_start', 'volumes'],
      ['sweeps', 'start_time', 'sweeps'],
      ['products', 'scan_time', 'products'],
    ] as const) {
      // Integer division as on SQLite (truncating toward zero).
      const sql = `SELECT site, (${column} / ?::bigint) * ?::bigint AS start, COUNT(*)::integer AS n FROM ${table}
        WHERE site = ANY(?) AND ${column} >= ? AND ${column} < ? GROUP BY 1, 2`;
      for (const r of await db.rows<{ site: string; start: number; n: number }>(sql, [width, width, sites, lower, upper])) add(r.site, r.start, field, r.n);
    }
  };
  // Whole minutes come from radar_minute_counts (as on SQLite), the partial minutes at either end from the rows.
  const inner = { from: Math.ceil(from / MINUTE_MS) * MINUTE_MS, to: Math.floor(to / MINUTE_MS) * MINUTE_MS };
  await db.transaction(
    async () => {
      if (width % MINUTE_MS === 0 && inner.from >= 0 && inner.from < inner.to) {
        const sql = `SELECT site, (minute / ?::bigint) * ?::bigint AS start, SUM(volumes)::integer AS v, SUM(sweeps)::integer AS s, SUM(products)::integer AS p
          FROM radar_minute_counts WHERE site = ANY(?) AND minute >= ? AND minute < ? GROUP BY 1, 2`;
        for (const r of await db.rows<{ site: string; start: number; v: number; s: number; p: number }>(sql, [width / MINUTE_MS, width, sites, inner.from / MINUTE_MS, inner.to / MINUTE_MS])) {
          add(r.site, r.start, 'volumes', r.v);
          add(r.site, r.start, 'sweeps', r.s);
          add(r.site, r.start, 'products', r.p);
        }
        if (from < inner.from) await tally(from, inner.from);
        if (inner.to < to) await tally(inner.to, to);
      } else {
        await tally(from, to);
      }
    },
    { readOnly: true },
  );
  return [...counts.values()].filter((c) => c.volumes + c.sweeps + c.products > 0).sort((a, b) => (a.site < b.site ? -1 : a.site > b.site ? 1 : a.start - b.start));
}
