// Radar reads the API batches or aggregates: the latest volume of many sites in one statement,
// sites inside a lon/lat box, counts per time bucket, and the latest precipitation products.
import { RadomeError } from '../../../core/errors.js';
import type { PrecipitationSummary } from '../products.js';
import type { LonLatBox, RadarBucketCount, RadarCountQuery, RadarSiteRow, VolumeRow } from '../radar.js';
import { checkNumber } from './keyset.js';
import { PRODUCT_COLUMN_COUNT, PRODUCT_COLUMNS, productFromValues } from './product-rows.js';
import { precipitationSummaries } from './precipitation-summary.js';
import { SITE_COLUMNS, VOLUME_COLUMNS, volumeFromValues } from './rows.js';
import type { StatementCache } from './statements.js';

function idsJson(name: string, ids: readonly string[]): string {
  if (!Array.isArray(ids) || ids.some((id) => typeof id !== 'string')) throw new RadomeError('BAD_INPUT', `${name}: expected a list of ids`);
  return JSON.stringify(ids);
}

/**
 * The newest volume (by scan start) of each site, in the order of `siteIds`, null for a site
 * without volumes: one statement, one index probe (volumes_by_site_time) per site.
 */
export function latestVolumes(statements: StatementCache, siteIds: readonly string[]): (VolumeRow | null)[] {
  const sql = `SELECT ${VOLUME_COLUMNS} FROM volumes WHERE id IN (
    SELECT (SELECT id FROM volumes WHERE site = s.value ORDER BY scan_start DESC, id DESC LIMIT 1) FROM json_each(?) s)`;
  const rows = (statements.prepareRaw(sql).all(idsJson('siteIds', siteIds)) as unknown[][]).map(volumeFromValues);
  const bySite = new Map(rows.map((r) => [r.site, r]));
  return siteIds.map((id) => bySite.get(id) ?? null);
}

/** Sites whose location lies in the box (edges included), by id. */
export function radarSitesInBox(statements: StatementCache, box: LonLatBox): RadarSiteRow[] {
  const [west, south, east, north] = (['west', 'south', 'east', 'north'] as const).map((k) => checkNumber(`bbox.${k}`, box[k])!);
  if (south! > north!) throw new RadomeError('BAD_INPUT', `bbox: south (${south}) must not exceed north (${north})`);
  // west > east: the box crosses the antimeridian (e.g. 170 to -170).
  const lon = west! <= east! ? 'longitude BETWEEN ? AND ?' : '(longitude >= ? OR longitude <= ?)';
  return statements.prepare(`SELECT ${SITE_COLUMNS} FROM radar_sites WHERE ${lon} AND latitude BETWEEN ? AND ? ORDER BY id`).all(west, east, south, north) as RadarSiteRow[];
}

const MINUTE_MS = 60_000;

/**
 * Volumes, sweeps and products started in [from, to) per site and bucket. Only buckets with
 * something in them are returned, by site then start. With whole-minute widths (what radarCoverage
 * asks) the window's whole minutes sum radar_minute_counts: a day of 160 sites is 230,000 small
 * rows, not 4 million sweep rows; only the part-minutes at its edges count rows (grouped index
 * range scans), as does any other width.
 */
export function radarBucketCounts(statements: StatementCache, q: RadarCountQuery): RadarBucketCount[] {
  const from = checkNumber('from', q.from)!;
  const to = checkNumber('to', q.to)!;
  const width = checkNumber('bucketMs', q.bucketMs)!;
  if (!(width >= 1) || !Number.isSafeInteger(width)) throw new RadomeError('BAD_INPUT', `bucketMs: ${width} is not a whole number of milliseconds >= 1`);
  const sites = idsJson('sites', q.sites);
  const counts = new Map<string, RadarBucketCount>();
  const add = (site: string, start: number, field: 'volumes' | 'sweeps' | 'products', n: number) => {
    const key = `${site}\u0000${start}`;
    let c = counts.get(key);
    if (!c) counts.set(key, (c = { site, start, volumes: 0, sweeps: 0, products: 0 }));
    c[field] += n;
  };
  const tally = (lower: number, upper: number) => {
    for (const [table, column, field] of [
      ['volumes', 'scan_start', 'volumes'],
      ['sweeps', 'start_time', 'sweeps'],
      ['products', 'scan_time', 'products'],
    ] as const) {
      // Integer division: better-sqlite3 binds JS numbers as REAL, so the width is cast.
      const sql = `SELECT site, (${column} / CAST(? AS INTEGER)) * CAST(? AS INTEGER) AS start, COUNT(*) AS n FROM ${table}
        WHERE site IN (SELECT value FROM json_each(?)) AND ${column} >= ? AND ${column} < ? GROUP BY site, start`;
      for (const r of statements.prepare(sql).all(width, width, sites, lower, upper) as { site: string; start: number; n: number }[]) add(r.site, r.start, field, r.n);
    }
  };
  // Minutes are whole buckets when the width is whole minutes; integer division truncates toward
  // zero, so only from 1970 on.
  const inner = { from: Math.ceil(from / MINUTE_MS) * MINUTE_MS, to: Math.floor(to / MINUTE_MS) * MINUTE_MS };
  if (width % MINUTE_MS === 0 && inner.from >= 0 && inner.from < inner.to) {
    statements.db.transaction(() => {
      const sql = `SELECT site, (minute / CAST(? AS INTEGER)) * CAST(? AS INTEGER) AS start, SUM(volumes) AS v, SUM(sweeps) AS s, SUM(products) AS p
        FROM radar_minute_counts WHERE site IN (SELECT value FROM json_each(?)) AND minute >= CAST(? AS INTEGER) AND minute < CAST(? AS INTEGER) GROUP BY site, start`;
      for (const r of statements.prepare(sql).all(width / MINUTE_MS, width, sites, inner.from / MINUTE_MS, inner.to / MINUTE_MS) as {
        site: string;
        start: number;
        v: number;
        s: number;
        p: number;
      }[]) {
        add(r.site, r.start, 'volumes', r.v);
        add(r.site, r.start, 'sweeps', r.s);
        add(r.site, r.start, 'products', r.p);
      }
      if (from < inner.from) tally(from, inner.from);
      if (inner.to < to) tally(inner.to, to);
    })();
  } else {
    tally(from, to);
  }
  return [...counts.values()].filter((c) => c.volumes + c.sweeps + c.products > 0).sort((a, b) => (a.site < b.site ? -1 : a.site > b.site ? 1 : a.start - b.start));
}

/**
 * Per site and product (code, mnemonic), PRECIPITATION products scanned in [from, to): the newest,
 * how many there are, and the one stating the largest accumulation (ties: the newest of them; null
 * when none states one). One statement: two rankings over the same range scan, site by site
 * (products_by_site_category_code: the planner's own pick, category and time over all sites, read
 * every site's products of the day to answer one site: 250 ms instead of 8 at national size).
 */
export function latestPrecipitation(statements: StatementCache, sites: readonly string[], from: number, to: number): PrecipitationSummary[] {
  // Per-hour counts and maxima (migration 12) for windows of non-negative times; the rows otherwise.
  if ((checkNumber('from', from) ?? -1) >= 0 && (checkNumber('to', to) ?? -1) >= 0) return precipitationSummaries(statements, idsJson('sites', sites), from, to);
  const partition = 'PARTITION BY site, code, mnemonic';
  const sql = `SELECT ${PRODUCT_COLUMNS}, count, rn = 1, max_rn = 1 AND max_accumulation_in IS NOT NULL FROM (
      SELECT ${PRODUCT_COLUMNS},
        ROW_NUMBER() OVER (${partition} ORDER BY scan_time DESC, id DESC) AS rn,
        ROW_NUMBER() OVER (${partition} ORDER BY max_accumulation_in DESC NULLS LAST, scan_time DESC, id DESC) AS max_rn,
        COUNT(*) OVER (${partition}) AS count
      FROM products INDEXED BY products_by_site_category_code
      WHERE category = 'PRECIPITATION' AND site IN (SELECT value FROM json_each(?)) AND scan_time >= ? AND scan_time < ?)
    WHERE rn = 1 OR (max_rn = 1 AND max_accumulation_in IS NOT NULL) ORDER BY site, code, mnemonic, rn`;
  const rows = statements.prepareRaw(sql).all(idsJson('sites', sites), checkNumber('from', from), checkNumber('to', to)) as unknown[][];
  const summaries: PrecipitationSummary[] = [];
  // Rows come in groups of one or two, the newest first: a second row is the wettest product.
  for (const values of rows) {
    const product = productFromValues(values);
    const isMax = values[PRODUCT_COLUMN_COUNT + 2] === 1;
    if (values[PRODUCT_COLUMN_COUNT + 1] === 1) {
      summaries.push({ product, count: values[PRODUCT_COLUMN_COUNT] as number, maxProduct: isMax ? product : null });
    } else {
      summaries.at(-1)!.maxProduct = product;
    }
  }
  return summaries;
}
