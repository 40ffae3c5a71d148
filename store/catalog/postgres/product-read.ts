import type { RadarSiteId } from '../../../core/vocabulary/index.js';
import type { Page, PageArgs } from '../paging.js';
import type { PrecipitationSummary, ProductCodeCount, ProductCodeFilter, ProductFilter, ProductRow } from '../products.js';
import { checkStrings, inIdOrder } from '../query/dialect.js';
import { latestProductsStatement, precipitationStatement, precipitationSummaries, productConditions, productListing } from '../query/products.js';
import { rowsById } from '../query/radar.js';
import { PRODUCT_COLUMNS, productFromValues } from '../rows/product-rows.js';
import { postgresDialect as d } from './dialect.js';
import { keysetPage } from './keyset.js';
import { allSitesCodeCounts, precipitationByHours } from './product-hours.js';
import type { PgSession } from './session.js';

export async function listProducts(db: PgSession, filter: ProductFilter, page: PageArgs): Promise<Page<ProductRow>> {
  return keysetPage(db, productListing(d, filter), page);
}

export async function getProducts(db: PgSession, ids: readonly string[]): Promise<(ProductRow | null)[]> {
  const { sql, params } = rowsById(d, 'products', PRODUCT_COLUMNS, ids);
  return inIdOrder(ids, (await db.arrays(sql, params)).map(productFromValues));
}

export async function productCodeCounts(db: PgSession, filter: ProductCodeFilter): Promise<ProductCodeCount[]> {
  const where = productConditions(d, { site: filter.site, category: filter.category });
  const from = d.timeBound('from', filter.from);
  const to = d.timeBound('to', filter.to);
  // All sites: per-hour counts (step 5), not every product row of the window.
  if (filter.site == null && (from ?? 0) >= 0 && (to ?? 0) >= 0) return allSitesCodeCounts(db, filter.category, from, to);
  if (from !== undefined) where.add('scan_time >= ?', from);
  if (to !== undefined) where.add('scan_time < ?', to);
  // Counted from products_by_site_category_code; name, category and units follow from the code, so
  // they are read from one row of each group, not from every row (SQLite joins on rowid instead).
  const sql = `SELECT c.code, c.mnemonic, p.name, p.category, p.units, c.count FROM (
      SELECT code, mnemonic, COUNT(*)::integer AS count, MAX(scan_time) AS t FROM products ${where.sql} GROUP BY code, mnemonic) c
    CROSS JOIN LATERAL (SELECT name, category, units FROM products WHERE code = c.code AND mnemonic = c.mnemonic AND scan_time = c.t LIMIT 1) p
    ORDER BY c.code, c.mnemonic`;
  return db.rows<ProductCodeCount>(sql, where.params);
}

export async function latestProducts(db: PgSession, site: RadarSiteId, codes?: readonly number[]): Promise<ProductRow[]> {
  const { sql, params } = latestProductsStatement(d, site, codes);
  return (await db.arrays(sql, params)).map(productFromValues);
}

export async function latestPrecipitation(db: PgSession, sites: readonly string[], from: number, to: number): Promise<PrecipitationSummary[]> {
  // Per-hour counts and maxima (step 5) for windows of non-negative times; the rows otherwise.
  const [lo, hi] = [d.timeBound('from', from), d.timeBound('to', to)];
  if ((lo ?? -1) >= 0 && (hi ?? -1) >= 0) return precipitationByHours(db, checkStrings('sites', sites), lo!, hi!);
  const { sql, params } = precipitationStatement(d, 'products', sites, from, to);
  return precipitationSummaries(await db.arrays(sql, params));
}
