import { RadomeError } from '../../../core/errors.js';
import type { Page, PageArgs, SortOrder } from '../paging.js';
import type { NearestSweepQuery, RadarSiteRow, SweepFilter, SweepRow, VolumeFilter, VolumeRow, VolumeSweepFilter } from '../radar.js';
import { checkNumber, Conditions, keysetPage, overlapConditions, type Overlap } from './keyset.js';
import { SITE_COLUMNS, SWEEP_COLUMNS, sweepFromValues, VOLUME_COLUMNS, volumeFromValues } from './rows.js';
import type { StatementCache } from './statements.js';

/** Ids bound as one JSON array, so any number of them uses one cached statement. */
const IDS = 'SELECT value FROM json_each(?)';

function idList(name: string, ids: readonly string[]): string {
  if (!Array.isArray(ids) || ids.some((id) => typeof id !== 'string')) throw new RadomeError('BAD_INPUT', `${name}: expected a list of ids`);
  return JSON.stringify(ids);
}

/** Rows in the order of `ids`, null where an id matched nothing (what a DataLoader expects). */
function inIdOrder<T extends { id: string }>(ids: readonly string[], rows: T[]): (T | null)[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id) ?? null);
}

export function listRadarSites(statements: StatementCache): RadarSiteRow[] {
  return statements.prepare(`SELECT ${SITE_COLUMNS} FROM radar_sites ORDER BY id`).all() as RadarSiteRow[];
}

export function getRadarSites(statements: StatementCache, ids: readonly string[]): (RadarSiteRow | null)[] {
  const rows = statements.prepare(`SELECT ${SITE_COLUMNS} FROM radar_sites WHERE id IN (${IDS})`).all(idList('ids', ids)) as RadarSiteRow[];
  return inIdOrder(ids, rows);
}

function volumeOverlap(filter: VolumeFilter): Overlap {
  return { startColumn: 'scan_start', endColumn: 'scan_end', durationKind: 'volume', from: checkNumber('from', filter.from), to: checkNumber('to', filter.to) };
}

export function listVolumes(statements: StatementCache, filter: VolumeFilter, page: PageArgs): Page<VolumeRow> {
  return keysetPage(
    statements,
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

export function getVolumes(statements: StatementCache, ids: readonly string[]): (VolumeRow | null)[] {
  const records = statements.prepareRaw(`SELECT ${VOLUME_COLUMNS} FROM volumes WHERE id IN (${IDS})`).all(idList('ids', ids)) as unknown[][];
  return inIdOrder(ids, records.map(volumeFromValues));
}

/** Conditions shared by sweep listings other than time; an empty `moments` list means all. */
function sweepConditions(filter: Omit<SweepFilter, 'order'>): Conditions {
  const where = new Conditions();
  if (filter.site != null) where.add('site = ?', filter.site);
  if (filter.volumeId != null) where.add('volume_id = ?', filter.volumeId);
  if (filter.moments != null && filter.moments.length > 0) where.add(`moment IN (${IDS})`, idList('moments', filter.moments));
  const min = checkNumber('minElevation', filter.minElevation);
  const max = checkNumber('maxElevation', filter.maxElevation);
  if (min !== undefined) where.add('elevation_angle >= ?', min);
  if (max !== undefined) where.add('elevation_angle <= ?', max);
  return where;
}

function sweepOverlap(filter: Omit<SweepFilter, 'order'>): Overlap {
  return { startColumn: 'start_time', endColumn: 'end_time', durationKind: 'sweep', from: checkNumber('from', filter.from), to: checkNumber('to', filter.to) };
}

export function listSweeps(statements: StatementCache, filter: SweepFilter, page: PageArgs): Page<SweepRow> {
  return keysetPage(
    statements,
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

export function getSweeps(statements: StatementCache, ids: readonly string[]): (SweepRow | null)[] {
  const records = statements.prepareRaw(`SELECT ${SWEEP_COLUMNS} FROM sweeps WHERE id IN (${IDS})`).all(idList('ids', ids)) as unknown[][];
  return inIdOrder(ids, records.map(sweepFromValues));
}

/**
 * The sweeps of several volumes in one statement, grouped in the order of `volumeIds`. Within a
 * volume: by elevation number (`order`, default ASC), then moment.
 */
export function sweepsForVolumes(statements: StatementCache, volumeIds: readonly string[], filter: VolumeSweepFilter = {}): SweepRow[][] {
  const order: SortOrder = filter.order ?? 'ASC';
  if (order !== 'ASC' && order !== 'DESC') throw new RadomeError('BAD_INPUT', `order: ${String(order)} is not ASC or DESC`);
  const where = sweepConditions(filter).add(`volume_id IN (${IDS})`, idList('volumeIds', volumeIds));
  const overlap = sweepOverlap(filter);
  const records = statements.db.transaction(() => {
    overlapConditions(statements, where, overlap);
    const sql = `SELECT ${SWEEP_COLUMNS} FROM sweeps ${where.sql} ORDER BY volume_id, elevation_number ${order}, moment, id`;
    return statements.prepareRaw(sql).all(...where.params) as unknown[][];
  })();
  const groups = new Map<string, SweepRow[]>(volumeIds.map((id) => [id, []]));
  for (const values of records) {
    const sweep = sweepFromValues(values);
    groups.get(sweep.volumeId)?.push(sweep);
  }
  return volumeIds.map((id) => groups.get(id)!);
}

/** Longest a volume scan takes: its sweeps start before scan_start + this. */
const MAX_VOLUME_SCAN_MS = 30 * 60_000;

/**
 * Per volume of `site` starting in [from, to), its sweep of `moment` nearest `elevation` (the
 * earliest among equally near cuts), in time order. One statement: the candidates (a day holds
 * ~20 cuts × 288 volumes) are ranked from the covering index sweeps_by_site_moment_time_angle
 * alone, and only the chosen rows are read from the table.
 */
export function nearestSweeps(statements: StatementCache, q: NearestSweepQuery): SweepRow[] {
  const elevation = checkNumber('elevation', q.elevation)!;
  const [from, to] = [checkNumber('from', q.from)!, checkNumber('to', q.to)!];
  const sql = `SELECT ${SWEEP_COLUMNS} FROM sweeps WHERE rowid IN (
      SELECT r FROM (
        SELECT rowid AS r, ROW_NUMBER() OVER (PARTITION BY volume_id ORDER BY abs(elevation_angle - ?), start_time, rowid) AS nearness
        FROM sweeps INDEXED BY sweeps_by_site_moment_time_angle
        WHERE site = ? AND moment = ? AND start_time >= ? AND start_time < ?
          AND volume_id IN (SELECT id FROM volumes WHERE site = ? AND scan_start >= ? AND scan_start < ?)
      ) WHERE nearness = 1
    ) ORDER BY start_time, id`;
  const records = statements.prepareRaw(sql).all(elevation, q.site, q.moment, from, to + MAX_VOLUME_SCAN_MS, q.site, from, to) as unknown[][];
  return records.map(sweepFromValues);
}
