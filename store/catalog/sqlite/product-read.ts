import type { RadarSiteId } from '../../../core/vocabulary/index.js';
import type { Page, PageArgs } from '../paging.js';
import type { ProductCodeCount, ProductCodeFilter, ProductFilter, ProductRow } from '../products.js';
import { inIdOrder } from '../query/dialect.js';
import { latestProductsStatement, productConditions, productListing } from '../query/products.js';
import { rowsById } from '../query/radar.js';
import { sqliteDialect as d } from './dialect.js';
import { keysetPage } from './keyset.js';
import { allSitesCodeCounts } from './product-hours.js';
import { PRODUCT_COLUMNS, productFromValues } from '../rows/product-rows.js';
import type { StatementCache } from './statements.js';

export function listProducts(statements: StatementCache, filter: ProductFilter, page: PageArgs): Page<ProductRow> {
  return keysetPage(statements, productListing(d, filter), page);
}

export function getProducts(statements: StatementCache, ids: readonly string[]): (ProductRow | null)[] {
  const { sql, params } = rowsById(d, 'products', PRODUCT_COLUMNS, ids);
  return inIdOrder(ids, (statements.prepareRaw(sql).all(...params) as unknown[][]).map(productFromValues));
}

/** Each (code, mnemonic) with products under the filter, and how many: what a product picker lists. */
export function productCodeCounts(statements: StatementCache, filter: ProductCodeFilter): ProductCodeCount[] {
  const where = productConditions(d, { site: filter.site, category: filter.category });
  const from = d.timeBound('from', filter.from);
  const to = d.timeBound('to', filter.to);
  // All sites: per-hour counts (migration 12), not every product row of the window.
  if (filter.site == null && (from ?? 0) >= 0 && (to ?? 0) >= 0) return allSitesCodeCounts(statements, filter.category, from, to);
  if (from !== undefined) where.add('scan_time >= ?', from);
  if (to !== undefined) where.add('scan_time < ?', to);
  // Counted from a covering index (an index entry carries its rowid); name, category and units
  // follow from the code, so they are read from one row of each group, not from every row.
  const sql = `SELECT p.code, p.mnemonic, p.name, p.category, p.units, c.count FROM (
      SELECT code, mnemonic, COUNT(*) AS count, MAX(rowid) AS r FROM products ${where.sql} GROUP BY code, mnemonic) c
    JOIN products p ON p.rowid = c.r ORDER BY p.code, p.mnemonic`;
  return statements.prepare(sql).all(...where.params) as ProductCodeCount[];
}

export function latestProducts(statements: StatementCache, site: RadarSiteId, codes?: readonly number[]): ProductRow[] {
  const { sql, params } = latestProductsStatement(d, site, codes);
  return (statements.prepareRaw(sql).all(...params) as unknown[][]).map(productFromValues);
}
