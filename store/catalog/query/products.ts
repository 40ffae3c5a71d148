// The product read queries' shapes, once for both engines: filters, the listing, the latest of
// each code and the precipitation ranking. Counting per code stays with the engines (their plans differ).
import { RadomeError } from '../../../core/errors.js';
import { PRODUCT_CATEGORIES, type RadarSiteId } from '../../../core/vocabulary/index.js';
import type { PrecipitationSummary, ProductFilter, ProductRow } from '../products.js';
import { PRODUCT_COLUMN_COUNT, PRODUCT_COLUMNS, productFromValues } from '../rows/product-rows.js';
import { checkCodes, checkStrings, type Dialect, type Statement } from './dialect.js';
import { Conditions, type KeysetQuery } from './keyset.js';

/** Site / code / mnemonic / category conditions shared by listings and counts (not time). */
export function productConditions(d: Dialect, filter: Omit<ProductFilter, 'order' | 'from' | 'to'>): Conditions {
  if (filter.category !== undefined && !PRODUCT_CATEGORIES.includes(filter.category as never)) {
    throw new RadomeError('BAD_INPUT', `category: ${String(filter.category)} is not one of ${PRODUCT_CATEGORIES.join(', ')}`);
  }
  const where = new Conditions();
  if (filter.site != null) where.add('site = ?', filter.site);
  if (filter.category != null) where.add('category = ?', filter.category);
  if (filter.codes != null && filter.codes.length > 0) where.add(...d.oneOf('code', checkCodes(filter.codes), 'integer'));
  if (filter.mnemonics != null && filter.mnemonics.length > 0) where.add(...d.oneOf('mnemonic', checkStrings('mnemonics', filter.mnemonics, 'strings'), 'text'));
  return where;
}

/** Products are instants: "overlap" of [scan_time, scan_time] with [from, to) is from ≤ scan_time < to. */
export function productListing(d: Dialect, filter: ProductFilter): KeysetQuery<ProductRow> {
  return {
    kind: 'product',
    table: 'products',
    columns: PRODUCT_COLUMNS,
    where: productConditions(d, filter),
    overlap: { startColumn: 'scan_time', endColumn: 'scan_time', durationKind: 'product', from: d.timeBound('from', filter.from), to: d.timeBound('to', filter.to) },
    order: filter.order,
    map: productFromValues,
    keyOf: (r) => ({ time: r.scanTime, id: r.id }),
  };
}

/** The newest product of each (code, mnemonic) at `site`, optionally only of `codes`; by code, mnemonic. */
export function latestProductsStatement(d: Dialect, site: RadarSiteId, codes?: readonly number[]): Statement {
  const where = productConditions(d, { site, codes: codes ? [...codes] : undefined });
  const latest = `SELECT code, mnemonic, MAX(scan_time) FROM products ${where.sql} GROUP BY code, mnemonic`;
  return { sql: `SELECT ${PRODUCT_COLUMNS} FROM products WHERE site = ? AND (code, mnemonic, scan_time) IN (${latest}) ORDER BY code, mnemonic, id`, params: [site, ...where.params] };
}

/**
 * Per site and product (code, mnemonic), PRECIPITATION products scanned in [from, to): the newest,
 * how many there are, and the one stating the largest accumulation (ties: the newest of them; null
 * when none states one). One statement: two rankings over the same range scan; `products` is the
 * FROM item (an engine may name the index to use).
 */
export function precipitationStatement(d: Dialect, products: string, sites: readonly string[], from: number, to: number): Statement {
  const partition = 'PARTITION BY site, code, mnemonic';
  const [inSites, siteList] = d.oneOf('site', checkStrings('sites', sites), 'text');
  const sql = `SELECT ${PRODUCT_COLUMNS}, count, rn = 1, max_rn = 1 AND max_accumulation_in IS NOT NULL FROM (
      SELECT ${PRODUCT_COLUMNS},
        ROW_NUMBER() OVER (${partition} ORDER BY scan_time DESC, id DESC) AS rn,
        ROW_NUMBER() OVER (${partition} ORDER BY max_accumulation_in DESC NULLS LAST, scan_time DESC, id DESC) AS max_rn,
        COUNT(*) OVER (${partition}) AS count
      FROM ${products}
      WHERE category = 'PRECIPITATION' AND ${inSites} AND scan_time >= ? AND scan_time < ?) ranked
    WHERE rn = 1 OR (max_rn = 1 AND max_accumulation_in IS NOT NULL) ORDER BY site, code, mnemonic, rn`;
  return { sql, params: [siteList, d.timeBound('from', from), d.timeBound('to', to)] };
}

/** The summaries of precipitationStatement's rows: groups of one or two, the newest first, a second row the wettest. */
export function precipitationSummaries(records: unknown[][]): PrecipitationSummary[] {
  const summaries: PrecipitationSummary[] = [];
  // The flags are 0/1 on SQLite, false/true on PostgreSQL.
  for (const values of records) {
    const product = productFromValues(values);
    const isMax = Boolean(values[PRODUCT_COLUMN_COUNT + 2]);
    if (values[PRODUCT_COLUMN_COUNT + 1]) {
      summaries.push({ product, count: values[PRODUCT_COLUMN_COUNT] as number, maxProduct: isMax ? product : null });
    } else {
      summaries.at(-1)!.maxProduct = product;
    }
  }
  return summaries;
}
