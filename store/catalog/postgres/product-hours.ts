// Reads over all sites answered from the per-hour tables of step 5 (SQLite's migration 12:
// product_hour_counts, precipitation_hours): the window's whole hours from the tables, the
// part-hours at its edges from the product rows, one statement each. Hours are scan_time / 3600000
// (integer division, as on SQLite), so these paths serve windows of non-negative times only;
// callers fall back to the rows otherwise.
import type { PrecipitationSummary, ProductCodeCount } from '../products.js';
import { summariesFromRows } from '../sqlite/precipitation-summary.js';
import { splitByHours } from '../sqlite/product-hours.js';
import { PRODUCT_COLUMNS } from '../rows/product-rows.js';
import type { PgSession } from './session.js';

/** productCodes of all sites in [from, to) (either end open), optionally of one category. */
export function allSitesCodeCounts(db: PgSession, category: string | undefined, from: number | undefined, to: number | undefined): Promise<ProductCodeCount[]> {
  const split = splitByHours(from, to);
  const byCategory = category === undefined ? '' : ' AND category = ?';
  const catParams = category === undefined ? [] : [category];
  const parts: string[] = [];
  const params: unknown[] = [];
  if (split.firstHour < split.endHour) {
    parts.push(`SELECT code, mnemonic, category, products AS n FROM product_hour_counts WHERE hour >= ? AND hour < ?${byCategory}`);
    params.push(split.firstHour, split.endHour, ...catParams);
  }
  for (const edge of split.edges) {
    parts.push(`SELECT code, mnemonic, category, COUNT(*)::integer FROM products WHERE scan_time >= ? AND scan_time < ?${byCategory} GROUP BY code, mnemonic, category`);
    params.push(edge.from, edge.to, ...catParams);
  }
  if (parts.length === 0) return Promise.resolve([]);
  // name and units follow from the code: read from the newest product of each (products_by_category_code).
  const sql = `SELECT c.code, c.mnemonic, p.name, c.category, p.units, c.count FROM (
      SELECT code, mnemonic, MAX(category) AS category, SUM(n)::integer AS count FROM (${parts.join(' UNION ALL ')}) u(code, mnemonic, category, n) GROUP BY code, mnemonic) c
    CROSS JOIN LATERAL (SELECT name, units FROM products WHERE category = c.category AND code = c.code AND mnemonic = c.mnemonic ORDER BY scan_time DESC LIMIT 1) p
    WHERE c.count > 0 ORDER BY c.code, c.mnemonic`;
  return db.rows<ProductCodeCount>(sql, params);
}

/**
 * latestPrecipitation for [from, to) of non-negative times in one statement, as on SQLite
 * (../sqlite/precipitation-summary.ts): per site and code the count, the largest accumulation and
 * the newest part (hour or edge) holding it from precipitation_hours and the edges' rows; then the
 * newest and the wettest product by LATERAL seeks on products_by_site_category_code. The newest is
 * read from precipitation_latest (step 7) when the group's newest overall is in the window; the
 * seek serves only the other groups, in two steps: the newest time (backward on
 * products_by_site_category_code), then the largest id at it. Ordered by (scan_time, id) in one
 * step, the index (which ends at scan_time) made PostgreSQL sort the group's whole window: 0.7 ms
 * a group, 110 of 150 ms for 160 groups.
 */
export async function precipitationByHours(db: PgSession, sites: readonly string[], from: number, to: number): Promise<PrecipitationSummary[]> {
  const split = splitByHours(from, to);
  const parts: string[] = [];
  const params: unknown[] = [];
  if (split.firstHour < split.endHour) {
    parts.push('SELECT site, code, mnemonic, products, max_accumulation_in, hour * 3600000, (hour + 1) * 3600000 FROM precipitation_hours WHERE hour >= ? AND hour < ? AND site = ANY(?)');
    params.push(split.firstHour, split.endHour, sites);
  }
  for (const edge of split.edges) {
    parts.push(`SELECT site, code, mnemonic, COUNT(*)::integer, MAX(max_accumulation_in), ?::bigint, ?::bigint FROM products
      WHERE category = 'PRECIPITATION' AND scan_time >= ? AND scan_time < ? AND site = ANY(?) GROUP BY site, code, mnemonic`);
    params.push(edge.from, edge.to, edge.from, edge.to, sites);
  }
  if (parts.length === 0) return [];
  const group = `p.site = r.site AND p.category = 'PRECIPITATION' AND p.code = r.code AND p.mnemonic = r.mnemonic`;
  const sql = `WITH parts(site, code, mnemonic, n, mx, f, t) AS (${parts.join(' UNION ALL ')}),
    ranked AS (SELECT site, code, mnemonic, mx, f, t, (SUM(n) OVER g)::integer AS total,
        ROW_NUMBER() OVER (g ORDER BY mx DESC NULLS LAST, f DESC) AS wet
      FROM parts WINDOW g AS (PARTITION BY site, code, mnemonic)),
    picks AS MATERIALIZED (SELECT ROW_NUMBER() OVER (ORDER BY r.site, r.code, r.mnemonic) AS k, r.total, nw.id AS newest_id, nw.scan_time AS newest_time, wt.id AS wettest_id, wt.scan_time AS wettest_time FROM ranked r
      LEFT JOIN LATERAL (SELECT l.newest_id AS id, l.newest_time AS scan_time FROM precipitation_latest l
        WHERE l.site = r.site AND l.code = r.code AND l.mnemonic = r.mnemonic AND l.newest_time >= ? AND l.newest_time < ?) lt ON true
      LEFT JOIN LATERAL (SELECT p.scan_time FROM products p WHERE lt.id IS NULL AND ${group} AND p.scan_time >= ? AND p.scan_time < ? ORDER BY p.scan_time DESC LIMIT 1) skt ON true
      LEFT JOIN LATERAL (SELECT MAX(p.id) AS id, skt.scan_time FROM products p WHERE ${group} AND p.scan_time = skt.scan_time) sk ON true
      CROSS JOIN LATERAL (SELECT COALESCE(lt.id, sk.id) AS id, COALESCE(lt.scan_time, sk.scan_time) AS scan_time) nw
      LEFT JOIN LATERAL (SELECT p.id, p.scan_time FROM products p WHERE ${group} AND p.scan_time >= r.f AND p.scan_time < r.t AND p.max_accumulation_in = r.mx
        ORDER BY p.scan_time DESC, p.id DESC LIMIT 1) wt ON true
      WHERE r.wet = 1)
    SELECT ${PRODUCT_COLUMNS}, total, true, wettest_id IS NOT DISTINCT FROM newest_id, k FROM picks JOIN products ON id = newest_id AND scan_time = newest_time
    UNION ALL
    SELECT ${PRODUCT_COLUMNS}, total, false, true, k FROM picks JOIN products ON id = wettest_id AND scan_time = wettest_time WHERE wettest_id IS DISTINCT FROM newest_id`;
  return summariesFromRows(await db.arrays(sql, [...params, from, to, from, to]));
}
