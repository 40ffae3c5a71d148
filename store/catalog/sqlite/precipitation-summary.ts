import type { PrecipitationSummary, ProductRow } from '../products.js';
import { PRODUCT_COLUMN_COUNT, PRODUCT_COLUMNS, productFromValues } from '../rows/product-rows.js';
import { splitByHours } from './product-hours.js';
import type { StatementCache } from './statements.js';

/**
 * latestPrecipitation for [from, to) of non-negative times, in ONE statement: the window's whole
 * hours from precipitation_hours (migration 12) and its part-hour edges from the product rows give
 * each site and code its count, its largest accumulation and the newest part holding it; then the
 * newest and the wettest product of each are found by seeks on products_by_site_category_code,
 * inside SQLite. One statement, not a statement per site and code: at 160 sites that was ~1,900
 * calls from JS (~150 ms of CPU, the call overhead, not the seeks); in SQL it is ~4 ms.
 */
export function precipitationByHours(statements: StatementCache, sitesJson: string, from: number, to: number): PrecipitationSummary[] {
  const split = splitByHours(from, to);
  const parts: string[] = [];
  const params: unknown[] = [];
  const inSites = 'site IN (SELECT value FROM json_each(?))';
  if (split.firstHour < split.endHour) {
    // The whole hours, summed per site and code first (a row each, not one per hour): the part
    // between the edges, its newest hour holding the largest accumulation found below by a seek.
    // Groups come from precipitation_latest (every group with a product has its row), each one's
    // hours by a covering seek on precipitation_hours_by_group (migration 16), already in group order.
    parts.push(`SELECT l.site, l.code, l.mnemonic, SUM(h.products), MAX(h.max_accumulation_in), ? * 3600000, ? * 3600000, 1
      FROM precipitation_latest l CROSS JOIN precipitation_hours h INDEXED BY precipitation_hours_by_group
        ON h.site = l.site AND h.code = l.code AND h.mnemonic = l.mnemonic AND h.hour >= ? AND h.hour < ?
      WHERE l.${inSites} GROUP BY l.site, l.code, l.mnemonic`);
    params.push(split.firstHour, split.endHour, split.firstHour, split.endHour, sitesJson);
  }
  // The part-hour edges, the same way: a covering seek per group on products_precipitation_by_time
  // (migration 15). Scanning the edges' rows by time read every site's precipitation products
  // there and each one's row for its site (~9,600 an hour at national size): 45 ms of CPU at p99
  // for one site's day, where its own groups' seeks read a few dozen index entries.
  for (const edge of split.edges) {
    parts.push(`SELECT l.site, l.code, l.mnemonic, COUNT(*), MAX(p.max_accumulation_in), ?, ?, 0
      FROM precipitation_latest l CROSS JOIN products p INDEXED BY products_precipitation_by_time
        ON p.site = l.site AND p.category = 'PRECIPITATION' AND p.code = l.code AND p.mnemonic = l.mnemonic AND p.scan_time >= ? AND p.scan_time < ?
      WHERE l.${inSites} GROUP BY l.site, l.code, l.mnemonic`);
    params.push(edge.from, edge.to, edge.from, edge.to, sitesJson);
  }
  if (parts.length === 0) return [];
  const group = `site = r.site AND category = 'PRECIPITATION' AND code = r.code AND mnemonic = r.mnemonic`;
  // Per site and code (up to three parts: left edge, whole hours, right edge): the total, and the
  // newest part holding the largest accumulation, narrowed to its newest such hour when it is the
  // whole hours (precipitation_hours_by_accumulation). picks is materialised once, then its rows
  // fetched by rowid. The newest product and the wettest (inside its part) are one seek each on
  // products_precipitation_by_time (migration 15), which holds the id and the accumulation: a seek
  // for the time, another for the largest id at it, and the product rows read for their
  // accumulation cost 14 of 22 ms of CPU at 160 sites before it. The newest is first read from
  // precipitation_latest (migration 16: the group's newest overall, right whenever it falls in
  // the window, as it does for a window ending now); the seek answers only the other groups.
  const sql = `WITH parts(site, code, mnemonic, n, mx, f, t, whole) AS (${parts.join(' UNION ALL ')}),
    ranked AS (SELECT site, code, mnemonic, mx, f, t, whole, SUM(n) OVER g AS total,
        ROW_NUMBER() OVER (g ORDER BY mx DESC NULLS LAST, f DESC) AS wet
      FROM parts WINDOW g AS (PARTITION BY site, code, mnemonic)),
    chosen AS MATERIALIZED (SELECT ROW_NUMBER() OVER (ORDER BY site, code, mnemonic) AS k, site, code, mnemonic, mx, total, wf, CASE WHEN whole = 1 THEN wf + 3600000 ELSE t END AS wt FROM (
      SELECT r.*, CASE WHEN whole = 1 AND mx IS NOT NULL THEN (SELECT hour * 3600000 FROM precipitation_hours INDEXED BY precipitation_hours_by_accumulation
          WHERE site = r.site AND code = r.code AND mnemonic = r.mnemonic AND max_accumulation_in = r.mx AND hour >= ? AND hour < ? ORDER BY hour DESC LIMIT 1) ELSE f END AS wf
      FROM ranked r WHERE wet = 1)),
    picks AS MATERIALIZED (SELECT k, total,
        COALESCE((SELECT products.rowid FROM precipitation_latest l CROSS JOIN products ON products.id = l.newest_id
            WHERE l.site = r.site AND l.code = r.code AND l.mnemonic = r.mnemonic AND l.newest_time >= ? AND l.newest_time < ?),
          (SELECT rowid FROM products INDEXED BY products_precipitation_by_time WHERE ${group} AND scan_time >= ? AND scan_time < ?
            ORDER BY scan_time DESC, id DESC LIMIT 1)) AS newest,
        CASE WHEN mx IS NOT NULL THEN (SELECT rowid FROM products INDEXED BY products_precipitation_by_time WHERE ${group}
          AND scan_time >= r.wf AND scan_time < r.wt AND max_accumulation_in = r.mx ORDER BY scan_time DESC, id DESC LIMIT 1) END AS wettest
      FROM chosen r)
    SELECT ${PRODUCT_COLUMNS}, total, 1, wettest IS newest, k FROM picks CROSS JOIN products ON products.rowid = picks.newest
    UNION ALL
    SELECT ${PRODUCT_COLUMNS}, total, 0, 1, k FROM picks CROSS JOIN products ON products.rowid = picks.wettest WHERE picks.wettest IS NOT picks.newest`;
  const rows = statements.prepareRaw(sql).all(...params, split.firstHour, split.endHour, from, to, from, to) as unknown[][];
  return summariesFromRows(rows);
}

/**
 * Rows of PRODUCT_COLUMNS then (count, is the newest, is the wettest, k): k numbers the site and
 * code groups in (site, code, mnemonic) order; a group's wettest row (when that is another product
 * than its newest) may come in any order. No ORDER BY in SQL: sorting a thousand whole product rows cost
 * more than the seeks. Shared with PostgreSQL's statement (booleans where SQLite gives 0/1).
 */
export function summariesFromRows(rows: unknown[][]): PrecipitationSummary[] {
  const byGroup: PrecipitationSummary[] = [];
  const wettest: ProductRow[] = [];
  for (const values of rows) {
    const product = productFromValues(values);
    const k = Number(values[PRODUCT_COLUMN_COUNT + 3]) - 1;
    const isNewest = values[PRODUCT_COLUMN_COUNT + 1];
    if (isNewest === 1 || isNewest === true) {
      const isMax = values[PRODUCT_COLUMN_COUNT + 2];
      byGroup[k] = { product, count: Number(values[PRODUCT_COLUMN_COUNT]), maxProduct: isMax === 1 || isMax === true ? product : null };
    } else {
      wettest[k] = product;
    }
  }
  for (const [k, product] of wettest.entries()) if (product) byGroup[k]!.maxProduct = product;
  return byGroup.filter((s) => s !== undefined);
}
