import type { PrecipitationSummary, ProductCodeCount, ProductRow } from '../products.js';
import { PRODUCT_COLUMNS, productFromValues } from './product-rows.js';
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

interface PrecipitationGroup {
  site: string;
  code: number;
  mnemonic: string;
  count: number;
  max: number | null;
  /** The newest range [from, to) whose rows state `max`. */
  maxFrom: number;
  maxTo: number;
}

/**
 * latestPrecipitation for [from, to) of non-negative times: counts and largest accumulations from
 * precipitation_hours and the edges' rows, then the newest and the wettest product of each site and
 * code by seeks on products_by_site_category_code (a few rows each, not the day's).
 */
export function precipitationByHours(statements: StatementCache, sitesJson: string, from: number, to: number): PrecipitationSummary[] {
  const split = splitByHours(from, to);
  const groups = new Map<string, PrecipitationGroup>();
  const add = (site: string, code: number, mnemonic: string, n: number, max: number | null, rangeFrom: number, rangeTo: number): void => {
    const key = `${site} ${code} ${mnemonic}`;
    const g = groups.get(key);
    if (!g) {
      groups.set(key, { site, code, mnemonic, count: n, max, maxFrom: rangeFrom, maxTo: rangeTo });
      return;
    }
    g.count += n;
    if (max !== null && (g.max === null || max > g.max || (max === g.max && rangeFrom > g.maxFrom))) Object.assign(g, { max, maxFrom: rangeFrom, maxTo: rangeTo });
  };
  const wholeSites = 'SELECT value FROM json_each(?)';
  if (split.firstHour < split.endHour) {
    const rows = statements
      .prepare(`SELECT site, code, mnemonic, SUM(products) AS n, MAX(max_accumulation_in) AS max FROM precipitation_hours
        WHERE hour >= ? AND hour < ? AND site IN (${wholeSites}) GROUP BY site, code, mnemonic`)
      .all(split.firstHour, split.endHour, sitesJson) as { site: string; code: number; mnemonic: string; n: number; max: number | null }[];
    const maxHour = statements.prepare(
      `SELECT hour FROM precipitation_hours INDEXED BY precipitation_hours_by_accumulation
        WHERE site = ? AND code = ? AND mnemonic = ? AND max_accumulation_in = ? AND hour >= ? AND hour < ? ORDER BY hour DESC LIMIT 1`,
    );
    for (const r of rows) {
      let [maxFrom, maxTo] = [0, 0];
      if (r.max !== null) {
        const { hour } = maxHour.get(r.site, r.code, r.mnemonic, r.max, split.firstHour, split.endHour) as { hour: number };
        [maxFrom, maxTo] = [hour * HOUR_MS, (hour + 1) * HOUR_MS];
      }
      add(r.site, r.code, r.mnemonic, r.n, r.max, maxFrom, maxTo);
    }
  }
  const edgeRows = statements.prepare(`SELECT site, code, mnemonic, COUNT(*) AS n, MAX(max_accumulation_in) AS max FROM products INDEXED BY products_by_category_time
    WHERE category = 'PRECIPITATION' AND scan_time >= ? AND scan_time < ? AND site IN (${wholeSites}) GROUP BY site, code, mnemonic`);
  for (const edge of split.edges) {
    for (const r of edgeRows.all(edge.from, edge.to, sitesJson) as { site: string; code: number; mnemonic: string; n: number; max: number | null }[]) {
      add(r.site, r.code, r.mnemonic, r.n, r.max, edge.from, edge.to);
    }
  }
  const group = `site = ? AND category = 'PRECIPITATION' AND code = ? AND mnemonic = ? AND scan_time >= ? AND scan_time < ?`;
  // ORDER BY … LIMIT 1, not MAX(): with a range on the column, MAX() reads every index entry in it.
  const newest = statements.prepareRaw(
    `SELECT ${PRODUCT_COLUMNS} FROM products INDEXED BY products_by_site_category_code WHERE ${group}
      AND scan_time = (SELECT scan_time FROM products INDEXED BY products_by_site_category_code WHERE ${group} ORDER BY scan_time DESC LIMIT 1)
      ORDER BY id DESC LIMIT 1`,
  );
  const wettest = statements.prepareRaw(
    `SELECT ${PRODUCT_COLUMNS} FROM products INDEXED BY products_by_site_category_code WHERE ${group} AND max_accumulation_in = ? ORDER BY scan_time DESC, id DESC LIMIT 1`,
  );
  const sorted = [...groups.values()].sort((a, b) => (a.site < b.site ? -1 : a.site > b.site ? 1 : byCode(a, b)));
  return sorted.map((g) => {
    const key = [g.site, g.code, g.mnemonic];
    const product: ProductRow = productFromValues(newest.get(...key, from, to, ...key, from, to) as unknown[]);
    let maxProduct: ProductRow | null = null;
    if (g.max !== null) {
      maxProduct = product.maxAccumulationIn === g.max ? product : productFromValues(wettest.get(...key, g.maxFrom, g.maxTo, g.max) as unknown[]);
    }
    return { product, count: g.count, maxProduct };
  });
}
