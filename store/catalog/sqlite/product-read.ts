import { RadomeError } from '../../../core/errors.js';
import type { Page, PageArgs } from '../paging.js';
import type { ProductCodeCount, ProductCodeFilter, ProductFilter, ProductRow } from '../products.js';
import { checkNumber, Conditions, keysetPage, type Overlap } from './keyset.js';
import { allSitesCodeCounts } from './product-hours.js';
import { PRODUCT_COLUMNS, productFromValues } from './product-rows.js';
import { PRODUCT_CATEGORIES } from '../../../core/vocabulary/index.js';
import type { StatementCache } from './statements.js';

/** Values bound as one JSON array, so any number of them uses one cached statement. */
const LIST = 'SELECT value FROM json_each(?)';

function stringList(name: string, values: readonly string[]): string {
  if (!Array.isArray(values) || values.some((v) => typeof v !== 'string')) throw new RadomeError('BAD_INPUT', `${name}: expected a list of strings`);
  return JSON.stringify(values);
}

function codeList(codes: readonly number[]): string {
  if (!Array.isArray(codes) || codes.some((c) => !Number.isInteger(c))) throw new RadomeError('BAD_INPUT', 'codes: expected a list of whole numbers');
  return JSON.stringify(codes);
}

function checkCategory(category: string | undefined): void {
  if (category !== undefined && !PRODUCT_CATEGORIES.includes(category as never)) {
    throw new RadomeError('BAD_INPUT', `category: ${String(category)} is not one of ${PRODUCT_CATEGORIES.join(', ')}`);
  }
}

/** Site / code / mnemonic / category conditions shared by listings and counts (not time). */
function productConditions(filter: Omit<ProductFilter, 'order' | 'from' | 'to'>): Conditions {
  const where = new Conditions();
  checkCategory(filter.category);
  if (filter.site != null) where.add('site = ?', filter.site);
  if (filter.category != null) where.add('category = ?', filter.category);
  if (filter.codes != null && filter.codes.length > 0) where.add(`code IN (${LIST})`, codeList(filter.codes));
  if (filter.mnemonics != null && filter.mnemonics.length > 0) where.add(`mnemonic IN (${LIST})`, stringList('mnemonics', filter.mnemonics));
  return where;
}

/** Products are instants: "overlap" of [scan_time, scan_time] with [from, to) is from ≤ scan_time < to. */
function productWindow(filter: { from?: number; to?: number }): Overlap {
  return { startColumn: 'scan_time', endColumn: 'scan_time', durationKind: 'product', from: checkNumber('from', filter.from), to: checkNumber('to', filter.to) };
}

export function listProducts(statements: StatementCache, filter: ProductFilter, page: PageArgs): Page<ProductRow> {
  return keysetPage(
    statements,
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

export function getProducts(statements: StatementCache, ids: readonly string[]): (ProductRow | null)[] {
  const records = statements.prepareRaw(`SELECT ${PRODUCT_COLUMNS} FROM products WHERE id IN (${LIST})`).all(stringList('ids', ids)) as unknown[][];
  const byId = new Map(records.map(productFromValues).map((p) => [p.id, p]));
  return ids.map((id) => byId.get(id) ?? null);
}

/** Each (code, mnemonic) with products under the filter, and how many: what a product picker lists. */
export function productCodeCounts(statements: StatementCache, filter: ProductCodeFilter): ProductCodeCount[] {
  const where = productConditions({ site: filter.site, category: filter.category });
  const from = checkNumber('from', filter.from);
  const to = checkNumber('to', filter.to);
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

/** The newest product of each (code, mnemonic) at `site`, optionally only of `codes`; by code, mnemonic. */
export function latestProducts(statements: StatementCache, site: string, codes?: readonly number[]): ProductRow[] {
  const where = productConditions({ site, codes: codes ? [...codes] : undefined });
  const latest = `SELECT code, mnemonic, MAX(scan_time) FROM products ${where.sql} GROUP BY code, mnemonic`;
  const sql = `SELECT ${PRODUCT_COLUMNS} FROM products WHERE site = ? AND (code, mnemonic, scan_time) IN (${latest}) ORDER BY code, mnemonic, id`;
  const records = statements.prepareRaw(sql).all(site, ...where.params) as unknown[][];
  return records.map(productFromValues);
}
