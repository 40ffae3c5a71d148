import type { Page, PageArgs } from '../paging.js';
import { checkNumber, checkStrings, inIdOrder } from '../query/dialect.js';
import {
  bucketCounts,
  bucketCountStatements,
  bySite,
  groupByVolume,
  MAX_VOLUME_SCAN_MS,
  rowsById,
  siteColumns,
  sitesById,
  sitesInBox,
  sweepListing,
  volumeListing,
  volumesSweeps,
} from '../query/radar.js';
import type { LonLatBox, NearestSweepQuery, RadarBucketCount, RadarCountQuery, RadarSiteRow, SweepFilter, SweepRow, VolumeFilter, VolumeRow, VolumeSweepFilter } from '../radar.js';
import { SWEEP_COLUMNS, sweepFromValues, VOLUME_COLUMNS, volumeFromValues } from '../rows/radar-rows.js';
import { postgresDialect as d } from './dialect.js';
import { keysetPage, withOverlap } from './keyset.js';
import type { PgSession } from './session.js';

export async function listRadarSites(db: PgSession): Promise<RadarSiteRow[]> {
  return db.rows<RadarSiteRow>(`SELECT ${siteColumns(d)} FROM radar_sites ORDER BY id`);
}

export async function getRadarSites(db: PgSession, ids: readonly string[]): Promise<(RadarSiteRow | null)[]> {
  const { sql, params } = sitesById(d, ids);
  return inIdOrder(ids, await db.rows<RadarSiteRow>(sql, params));
}

export async function radarSitesInBox(db: PgSession, box: LonLatBox): Promise<RadarSiteRow[]> {
  const { sql, params } = sitesInBox(d, box);
  return db.rows<RadarSiteRow>(sql, params);
}

export async function listVolumes(db: PgSession, filter: VolumeFilter, page: PageArgs): Promise<Page<VolumeRow>> {
  return keysetPage(db, volumeListing(d, filter), page);
}

export async function getVolumes(db: PgSession, ids: readonly string[]): Promise<(VolumeRow | null)[]> {
  const { sql, params } = rowsById(d, 'volumes', VOLUME_COLUMNS, ids);
  return inIdOrder(ids, (await db.arrays(sql, params)).map(volumeFromValues));
}

/** The newest volume (by scan start, then id) of each site, in the order of `siteIds`: one index probe per site. */
export async function latestVolumes(db: PgSession, siteIds: readonly string[]): Promise<(VolumeRow | null)[]> {
  const sql = `SELECT v.* FROM unnest(?::text[]) s(site) CROSS JOIN LATERAL (
      SELECT ${VOLUME_COLUMNS} FROM volumes WHERE volumes.site = s.site ORDER BY scan_start DESC, id DESC LIMIT 1) v`;
  return bySite(siteIds, await db.arrays(sql, [[...checkStrings('siteIds', siteIds)]]));
}

export async function listSweeps(db: PgSession, filter: SweepFilter, page: PageArgs): Promise<Page<SweepRow>> {
  return keysetPage(db, sweepListing(d, filter), page);
}

export async function getSweeps(db: PgSession, ids: readonly string[]): Promise<(SweepRow | null)[]> {
  const { sql, params } = rowsById(d, 'sweeps', SWEEP_COLUMNS, ids);
  return inIdOrder(ids, (await db.arrays(sql, params)).map(sweepFromValues));
}

/** The sweeps of several volumes (query/radar.ts volumesSweeps), grouped in the order of `volumeIds`. */
export async function sweepsForVolumes(db: PgSession, volumeIds: readonly string[], filter: VolumeSweepFilter = {}): Promise<SweepRow[][]> {
  const q = volumesSweeps(d, volumeIds, filter);
  const records = await db.transaction(
    async () => {
      const where = await withOverlap(db, q.where, q.overlap);
      return db.arrays(q.sql(where), where.params);
    },
    { readOnly: true },
  );
  return groupByVolume(volumeIds, records);
}

/** Per volume of `site` starting in [from, to), its sweep of `moment` nearest `elevation` (the earliest of equally near ones), in time order. */
export async function nearestSweeps(db: PgSession, q: NearestSweepQuery): Promise<SweepRow[]> {
  const elevation = checkNumber('elevation', q.elevation)!;
  const [from, to] = [d.timeBound('from', q.from)!, d.timeBound('to', q.to)!];
  const sql = `SELECT * FROM (
      SELECT DISTINCT ON (volume_id) ${SWEEP_COLUMNS} FROM sweeps
      WHERE site = ? AND moment = ? AND start_time >= ? AND start_time < ?
        AND volume_id IN (SELECT id FROM volumes WHERE site = ? AND scan_start >= ? AND scan_start < ?)
      ORDER BY volume_id, abs(elevation_angle - ?), start_time, id
    ) nearest ORDER BY start_time, id`;
  const records = await db.arrays(sql, [q.site, q.moment, from, to + MAX_VOLUME_SCAN_MS, q.site, from, to, elevation]);
  return records.map(sweepFromValues);
}

/** Counts per site and bucket (query/radar.ts bucketCountStatements), read from one snapshot. */
export async function radarBucketCounts(db: PgSession, q: RadarCountQuery): Promise<RadarBucketCount[]> {
  const planned = bucketCountStatements(d, q);
  const results = await db.transaction(
    async () => {
      const read = [];
      for (const { field, sql, params } of planned) read.push({ field, records: await db.arrays(sql, params) });
      return read;
    },
    { readOnly: true },
  );
  return bucketCounts(results);
}
