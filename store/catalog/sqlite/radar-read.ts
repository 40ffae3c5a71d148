import type { Page, PageArgs } from '../paging.js';
import { checkNumber, inIdOrder } from '../query/dialect.js';
import { groupByVolume, MAX_VOLUME_SCAN_MS, rowsById, siteColumns, sitesById, sweepListing, volumeListing, volumesSweeps } from '../query/radar.js';
import type { NearestSweepQuery, RadarSiteRow, SweepFilter, SweepRow, VolumeFilter, VolumeRow, VolumeSweepFilter } from '../radar.js';
import { sqliteDialect as d } from './dialect.js';
import { keysetPage, withOverlap } from './keyset.js';
import { SWEEP_COLUMNS, sweepFromValues, VOLUME_COLUMNS, volumeFromValues } from '../rows/radar-rows.js';
import type { StatementCache } from './statements.js';

export function listRadarSites(statements: StatementCache): RadarSiteRow[] {
  return statements.prepare(`SELECT ${siteColumns(d)} FROM radar_sites ORDER BY id`).all() as RadarSiteRow[];
}

export function getRadarSites(statements: StatementCache, ids: readonly string[]): (RadarSiteRow | null)[] {
  const { sql, params } = sitesById(d, ids);
  return inIdOrder(ids, statements.prepare(sql).all(...params) as RadarSiteRow[]);
}

export function listVolumes(statements: StatementCache, filter: VolumeFilter, page: PageArgs): Page<VolumeRow> {
  return keysetPage(statements, volumeListing(d, filter), page);
}

export function getVolumes(statements: StatementCache, ids: readonly string[]): (VolumeRow | null)[] {
  const { sql, params } = rowsById(d, 'volumes', VOLUME_COLUMNS, ids);
  return inIdOrder(ids, (statements.prepareRaw(sql).all(...params) as unknown[][]).map(volumeFromValues));
}

export function listSweeps(statements: StatementCache, filter: SweepFilter, page: PageArgs): Page<SweepRow> {
  return keysetPage(statements, sweepListing(d, filter), page);
}

export function getSweeps(statements: StatementCache, ids: readonly string[]): (SweepRow | null)[] {
  const { sql, params } = rowsById(d, 'sweeps', SWEEP_COLUMNS, ids);
  return inIdOrder(ids, (statements.prepareRaw(sql).all(...params) as unknown[][]).map(sweepFromValues));
}

/** The sweeps of several volumes in one statement (query/radar.ts volumesSweeps), grouped in the order of `volumeIds`. */
export function sweepsForVolumes(statements: StatementCache, volumeIds: readonly string[], filter: VolumeSweepFilter = {}): SweepRow[][] {
  const q = volumesSweeps(d, volumeIds, filter);
  const records = statements.db.transaction(() => {
    const where = withOverlap(statements, q.where, q.overlap);
    return statements.prepareRaw(q.sql(where)).all(...where.params) as unknown[][];
  })();
  return groupByVolume(volumeIds, records);
}

/**
 * Per volume of `site` starting in [from, to), its sweep of `moment` nearest `elevation` (the
 * earliest among equally near cuts), in time order. One statement: the candidates (a day holds
 * ~20 cuts × 288 volumes) are ranked from the covering index sweeps_by_site_moment_time_angle
 * alone, and only the chosen rows are read from the table (PostgreSQL's plan differs: DISTINCT ON).
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
