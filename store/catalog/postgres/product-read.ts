import { RadomeError } from '../../../core/errors.js';
import { PRODUCT_CATEGORIES } from '../../../core/vocabulary/index.js';
import type { Page, PageArgs } from '../paging.js';
import type { PrecipitationSummary, ProductCodeCount, ProductCodeFilter, ProductFilter, ProductRow } from '../products.js';
import { PRODUCT_COLUMN_COUNT, PRODUCT_COLUMNS, productFromValues } from '../sqlite/product-rows.js';
import { Conditions, keysetPage, type Overlap, timeBound } from './keyset.js';
import { allSitesCodeCounts, precipitationSummaries } from './product-hours.js';
import { idArray } from './radar-read.js';
import type { PgSession } from './session.js';

function stringList(name: string, values: readonly string[]): string[] {
  if (!Array.isArray(values) || values.some((v) => typeof v !== 'string')) throw new RadomeError('BAD_INPUT', `${name}: expected a list of strings`);
  return [...values];
}

function codeList(codes: readonly number[]): number[] {
  if (!Array.isArray(codes) || codes.some((c) => !Number.isInteger(c))) throw new RadomeError('BAD_INPUT', 'codes: expected a list of whole numbers');
  return [...codes];
}

function productConditions(filter: Omit<ProductFilter, 'order' | 'from' | 'to'>): Conditions {
  if (filter.category !== undefined && !PRODUCT_CATEGORIES.includes(filter.category as never)) {
    throw new RadomeError('BAD_INPUT', `category: ${String(filter.category)} is not one of ${PRODUCT_CATEGORIES.join(', ')}`);
  }
  const where = new Conditions();
  if (filter.site != null) where.add('site = ?', filter.site);
  if (filter.category != null) where.add('category = ?', filter.category);
  if (filter.codes != null && filter.codes.length > 0) where.add('code = ANY(?::integer[])', codeList(filter.codes));
  if (filter.mnemonics != null && filter.mnemonics.length > 0) where.add('mnemonic = ANY(?)', stringList('mnemonics', filter.mnemonics));
  return where;
}

function productWindow(filter: { from?: number; to?: number }): Overlap {
  return { startColumn: 'scan_time', endColumn: 'scan_time', durationKind: 'product', from: timeBound('from', filter.from), to: timeBound('to', filter.to) };
}

export function listProducts(db: PgSession, filter: ProductFilter, page: PageArgs): Promise<Page<ProductRow>> {
  return keysetPage(
    db,
    {
      kind: 'product',
      table: 'products',
      columns: PRODUCT_COLUMNS,
      where: productConditions(filter),
      overlap: productWindow(filter),
      order: filter.order,
      map: productFromValues,
      keyOf: (r) => ({ time: r.scanTime, id: r.id }),
    },
    page,
  );
}

export async function getProducts(db: PgSession, ids: readonly string[]): Promise<(ProductRow | null)[]> {
  const records = await db.arrays(`SELECT ${PRODUCT_COLUMNS} FROM products WHERE id = ANY(?)`, [stringList('ids', ids)]);
  const byId = new Map(records.map(productFromValues).map((p) => [p.id, p]));
  return ids.map((id) => byId.get(id) ?? null);
}

export function productCodeCounts(db: PgSession, filter: ProductCodeFilter): Promise<ProductCodeCount[]> {
  const where = productConditions({ site: filter.site, category: filter.category });
  const from = timeBound('from', filter.from);
  const to = timeBound('to', filter.to);
  // All sites: per-hour counts (step 5), not every product row of the window.
  if (filter.site == null && (from ?? 0) >= 0 && (to ?? 0) >= 0) return allSitesCodeCounts(db, filter.category, from, to);
  if (from !== undefined) where.add('scan_time >= ?', from);
  if (to !== undefined) where.add('scan_time < ?', to);
  // Counted from products_by_site_category_code; name, category and units follow from the code, so
  // they are read from one row of each group, not from every row (as on SQLite).
  const sql = `SELECT c.code, c.mnemonic, p.name, p.category, p.units, c.count FROM (
      SELECT code, mnemonic, COUNT(*)::integer AS count, MAX(scan_time) AS t FROM products ${where.sql} GROUP BY code, mnemonic) c
    CROSS JOIN LATERAL (SELECT name, category, units FROM products WHERE code = c.code AND mnemonic = c.mnemonic AND scan_time = c.t LIMIT 1) p
    ORDER BY c.code, c.mnemonic`;
  return db.rows<ProductCodeCount>(sql, where.params);
}

export async function latestProducts(db: PgSession, site: string, codes?: readonly number[]): Promise<ProductRow[]> {
  const where = productConditions({ site, codes: codes ? [...codes] : undefined });
  const latest = `SELECT code, mnemonic, MAX(scan_time) FROM products ${where.sql} GROUP BY code, mnemonic`;
  const sql = `SELECT ${PRODUCT_COLUMNS} FROM products WHERE site = ? AND (code, mnemonic, scan_time) IN (${latest}) ORDER BY code, mnemonic, id`;
  return (await db.arrays(sql, [site, ...where.params])).map(productFromValues);
}

/** Per site and (code, mnemonic), PRECIPITATION products scanned in [from, to): newest, count and wettest (as on SQLite). */
export async function latestPrecipitation(db: PgSession, sites: readonly string[], from: number, to: number): Promise<PrecipitationSummary[]> {
  // Per-hour counts and maxima (step 5) for windows of non-negative times; the rows otherwise.
  const [lo, hi] = [timeBound('from', from), timeBound('to', to)];
  if ((lo ?? -1) >= 0 && (hi ?? -1) >= 0) return precipitationSummaries(db, idArray('sites', sites), lo!, hi!);
  const partition = 'PARTITION BY site, code, mnemonic';
  const sql = `SELECT ${PRODUCT_COLUMNS}, count, rn = 1, max_rn = 1 AND max_accumulation_in IS NOT NULL FROM (
      SELECT ${PRODUCT_COLUMNS},
        ROW_NUMBER() OVER (${partition} ORDER BY scan_time DESC, id DESC) AS rn,
        ROW_NUMBER() OVER (${partition} ORDER BY max_accumulation_in DESC NULLS LAST, scan_time DESC, id DESC) AS max_rn,
        COUNT(*) OVER (${partition}) AS count
      FROM products
      WHERE category = 'PRECIPITATION' AND site = ANY(?) AND scan_time >= ? AND scan_time < ?) ranked
    WHERE rn = 1 OR (max_rn = 1 AND max_accumulation_in IS NOT NULL) ORDER BY site, code, mnemonic, rn`;
  const rows = await db.arrays(sql, [idArray('sites', sites), timeBound('from', from), timeBound('to', to)]);
  const summaries: PrecipitationSummary[] = [];
  for (const values of rows) {
    const product = productFromValues(values);
    const isMax = values[PRODUCT_COLUMN_COUNT + 2] === true;
    if (values[PRODUCT_COLUMN_COUNT + 1] === true) {
      summaries.push({ product, count: values[PRODUCT_COLUMN_COUNT] as number, maxProduct: isMax ? product : null });
    } else {
      summaries.at(-1)!.maxProduct = product;
    }
  }
  return summaries;
}
