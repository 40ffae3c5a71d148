import type { ProductCodeCount } from '../products.js';
import type { StatementCache } from './statements.js';

/**
 * Reads over all sites answered from the per-hour tables of migration 12 (product_hour_counts,
 * precipitation_hours): the window's whole hours from the tables, the part-hours at its edges from
 * the product rows. Hours are scan_time / 3600000 as SQLite's integer division computes them, so
 * these paths serve windows of non-negative times only (callers fall back to the rows otherwise).
 */
const HOUR_MS = 3_600_000;

/** [from, to) split into whole hours [firstHour, endHour) and part-hour edges, each inside one hour. */
export interface HourSplit {
  firstHour: number;
  endHour: number;
  edges: { from: number; to: number; hour: number }[];
}

export function splitByHours(from: number | undefined, to: number | undefined): HourSplit {
  const lo = from ?? 0;
  const hi = to ?? Number.MAX_SAFE_INTEGER;
  if (hi <= lo) return { firstHour: 0, endHour: 0, edges: [] };
  const firstHour = Math.ceil(lo / HOUR_MS);
  const endHour = to === undefined ? Math.ceil(Number.MAX_SAFE_INTEGER / HOUR_MS) : Math.floor(hi / HOUR_MS);
  const edges: HourSplit['edges'] = [];
  if (firstHour < endHour) {
    if (lo < firstHour * HOUR_MS) edges.push({ from: lo, to: firstHour * HOUR_MS, hour: firstHour - 1 });
    if (hi > endHour * HOUR_MS) edges.push({ from: endHour * HOUR_MS, to: hi, hour: endHour });
    return { firstHour, endHour, edges };
  }
  // No whole hour: at most two part-hours, split at the hour boundary between them.
  const boundary = Math.floor(hi / HOUR_MS) * HOUR_MS;
  if (boundary > lo && boundary < hi) edges.push({ from: lo, to: boundary, hour: boundary / HOUR_MS - 1 }, { from: boundary, to: hi, hour: boundary / HOUR_MS });
  else edges.push({ from: lo, to: hi, hour: Math.floor(lo / HOUR_MS) });
  return { firstHour: 0, endHour: 0, edges };
}

const byCode = (a: { code: number; mnemonic: string }, b: { code: number; mnemonic: string }): number => a.code - b.code || (a.mnemonic < b.mnemonic ? -1 : a.mnemonic > b.mnemonic ? 1 : 0);

/** productCodes of all sites in [from, to) (either end open), optionally of one category. */
export function allSitesCodeCounts(statements: StatementCache, category: string | undefined, from: number | undefined, to: number | undefined): ProductCodeCount[] {
  const split = splitByHours(from, to);
  // The category condition is in the SQL only when given: one cached statement each way.
  const byCategory = category === undefined ? '' : ' AND category = ?';
  const catParams = category === undefined ? [] : [category];
  const counts = new Map<string, { code: number; mnemonic: string; category: string; count: number }>();
  const add = (code: number, mnemonic: string, cat: string, n: number): void => {
    const key = `${code} ${mnemonic}`;
    const c = counts.get(key);
    if (c) c.count += n;
    else counts.set(key, { code, mnemonic, category: cat, count: n });
  };
  if (split.firstHour < split.endHour) {
    const whole = statements
      .prepare(`SELECT code, mnemonic, MAX(category) AS category, SUM(products) AS n FROM product_hour_counts
        WHERE hour >= ? AND hour < ?${byCategory} GROUP BY code, mnemonic`)
      .all(split.firstHour, split.endHour, ...catParams) as { code: number; mnemonic: string; category: string; n: number }[];
    for (const r of whole) add(r.code, r.mnemonic, r.category, r.n);
  }
  const combos = statements.prepare(`SELECT code, mnemonic, category FROM product_hour_counts WHERE hour = ?${byCategory}`);
  const countRows = statements.prepare('SELECT COUNT(*) AS n FROM products INDEXED BY products_by_category_code WHERE category = ? AND code = ? AND mnemonic = ? AND scan_time >= ? AND scan_time < ?');
  for (const edge of split.edges) {
    for (const c of combos.all(edge.hour, ...catParams) as { code: number; mnemonic: string; category: string }[]) {
      const { n } = countRows.get(c.category, c.code, c.mnemonic, edge.from, edge.to) as { n: number };
      if (n > 0) add(c.code, c.mnemonic, c.category, n);
    }
  }
  // name and units follow from the code: read from the newest product of each.
  const describe = statements.prepare('SELECT name, units FROM products INDEXED BY products_by_category_code WHERE category = ? AND code = ? AND mnemonic = ? ORDER BY scan_time DESC LIMIT 1');
  return [...counts.values()]
    .filter((c) => c.count > 0)
    .sort(byCode)
    .map((c) => {
      const { name, units } = describe.get(c.category, c.code, c.mnemonic) as { name: string; units: string };
      return { code: c.code, mnemonic: c.mnemonic, name, category: c.category, units, count: c.count } as ProductCodeCount;
    });
}
