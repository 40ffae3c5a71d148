// Radar reads the API batches or aggregates: the latest volume of many sites in one statement,
// sites inside a lon/lat box, counts per time bucket, and the latest precipitation products.
import type { PrecipitationSummary } from '../products.js';
import { checkNumber, checkStrings } from '../query/dialect.js';
import { precipitationStatement, precipitationSummaries } from '../query/products.js';
import { bucketCounts, bucketCountStatements, bySite, sitesInBox } from '../query/radar.js';
import type { LonLatBox, RadarBucketCount, RadarCountQuery, RadarSiteRow, VolumeRow } from '../radar.js';
import { sqliteDialect as d } from './dialect.js';
import { precipitationByHours } from './precipitation-summary.js';
import { VOLUME_COLUMNS } from '../rows/radar-rows.js';
import type { StatementCache } from './statements.js';

/**
 * The newest volume (by scan start) of each site, in the order of `siteIds`, null for a site
 * without volumes: one statement, one index probe (volumes_by_site_time) per site.
 */
export function latestVolumes(statements: StatementCache, siteIds: readonly string[]): (VolumeRow | null)[] {
  const sql = `SELECT ${VOLUME_COLUMNS} FROM volumes WHERE id IN (
    SELECT (SELECT id FROM volumes WHERE site = s.value ORDER BY scan_start DESC, id DESC LIMIT 1) FROM json_each(?) s)`;
  return bySite(siteIds, statements.prepareRaw(sql).all(JSON.stringify(checkStrings('siteIds', siteIds))) as unknown[][]);
}

export function radarSitesInBox(statements: StatementCache, box: LonLatBox): RadarSiteRow[] {
  const { sql, params } = sitesInBox(d, box);
  return statements.prepare(sql).all(...params) as RadarSiteRow[];
}

/** Counts per site and bucket (query/radar.ts bucketCountStatements), read in one transaction. */
export function radarBucketCounts(statements: StatementCache, q: RadarCountQuery): RadarBucketCount[] {
  const planned = bucketCountStatements(d, q);
  const results = statements.db.transaction(() => planned.map(({ field, sql, params }) => ({ field, records: statements.prepareRaw(sql).all(...params) as unknown[][] })))();
  return bucketCounts(results);
}

/**
 * Newest, count and wettest PRECIPITATION product per site and code (query/products.ts), ranked
 * site by site over products_by_site_category_code (the planner's own pick, category and time over
 * all sites, read every site's products of the day to answer one site: 250 ms instead of 8 at
 * national size).
 */
export function latestPrecipitation(statements: StatementCache, sites: readonly string[], from: number, to: number): PrecipitationSummary[] {
  // Per-hour counts and maxima (migration 12) for windows of non-negative times; the rows otherwise.
  if ((checkNumber('from', from) ?? -1) >= 0 && (checkNumber('to', to) ?? -1) >= 0) return precipitationByHours(statements, JSON.stringify(checkStrings('sites', sites)), from, to);
  const { sql, params } = precipitationStatement(d, 'products INDEXED BY products_by_site_category_code', sites, from, to);
  return precipitationSummaries(statements.prepareRaw(sql).all(...params) as unknown[][]);
}
