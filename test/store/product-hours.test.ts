// productCodes of all sites and latestPrecipitation read per-hour tables (migration 12) for whole
// hours and the product rows for part-hours: their answers equal the brute-force ones computed
// from the rows, for aligned, unaligned, sub-hour and open windows, after commits (triggers), a
// bulk load (fill), an upgrade of a schema-11 catalog with data, re-ingests that move products and
// retention.
import type { RadarSiteId } from '../../core/vocabulary/index.js';
import { describe, expect, it } from 'vitest';
import { NATIONAL_WEEK, weekItems, type WeekItem, type WeekShape } from '../../bench/_catalog-week-rows.js';
import { removeRowsOlderThan } from '../../ingest/retention.js';
import { CATALOG_SCHEMA_VERSION, type Catalog, type CommitLevel3ProductInput, type PrecipitationSummary, type ProductCodeCount, type ProductRow } from '../../store/catalog/index.js';
import { bulkAndCommitted, commitWeekItems, siteIdsOf, upgradedCatalog } from '../support/week-catalogs.js';

const HOUR = 3_600_000;
const START = NATIONAL_WEEK.start;
const shape = (hours: number, sites: number): WeekShape => ({ ...NATIONAL_WEEK, days: hours / 24, sites });

/** Ties of the largest accumulation, so "the newest of equals" is exercised. */
function withTies(items: WeekItem[]): WeekItem[] {
  items.forEach((item, i) => {
    for (const p of item.products) if (p.product.maxAccumulationIn !== null && i % 3 === 0) p.product.maxAccumulationIn = 2.5;
  });
  return items;
}

const inWindow = (p: ProductRow, from?: number, to?: number) => (from === undefined || p.scanTime >= from) && (to === undefined || p.scanTime < to);
const cmp = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);

function bruteCodeCounts(products: ProductRow[], category?: string, from?: number, to?: number): ProductCodeCount[] {
  const counts = new Map<string, ProductCodeCount>();
  for (const p of products) {
    if (!inWindow(p, from, to) || (category !== undefined && p.category !== category)) continue;
    const key = `${p.code} ${p.mnemonic}`;
    const c = counts.get(key) ?? { code: p.code, mnemonic: p.mnemonic, name: p.name, category: p.category, units: p.units, count: 0 };
    c.count++;
    counts.set(key, c);
  }
  return [...counts.values()].sort((a, b) => a.code - b.code || cmp(a.mnemonic, b.mnemonic));
}

function brutePrecipitation(products: ProductRow[], sites: string[], from: number, to: number): PrecipitationSummary[] {
  const groups = new Map<string, ProductRow[]>();
  for (const p of products) {
    if (p.category !== 'PRECIPITATION' || !sites.includes(p.site) || !inWindow(p, from, to)) continue;
    const key = `${p.site} ${p.code} ${p.mnemonic}`;
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  const newestFirst = (a: ProductRow, b: ProductRow) => b.scanTime - a.scanTime || cmp(b.id, a.id);
  return [...groups.values()]
    .map((rows) => {
      const sorted = [...rows].sort(newestFirst);
      const stated = rows.filter((r) => r.maxAccumulationIn !== null).sort((a, b) => b.maxAccumulationIn! - a.maxAccumulationIn! || newestFirst(a, b));
      return { product: sorted[0]!, count: rows.length, maxProduct: stated[0] ?? null };
    })
    .sort((a, b) => cmp(a.product.site, b.product.site) || a.product.code - b.product.code || cmp(a.product.mnemonic, b.product.mnemonic));
}

/** The windows checked: aligned, part-hours at both ends, inside one hour, across one boundary, open. */
const WINDOWS: [number | undefined, number | undefined][] = [
  [START, START + 6 * HOUR],
  [START + 1_812_345, START + 5 * HOUR + 1_234],
  [START + HOUR + 60_000, START + HOUR + 1_900_000],
  [START + 2 * HOUR - 700_000, START + 2 * HOUR + 400_000],
  [START + 2 * HOUR + 5, undefined],
  [undefined, START + 3 * HOUR - 5],
  [undefined, undefined],
  [START + 3 * HOUR, START + 3 * HOUR],
];

async function expectBruteForce(catalog: Catalog, products: ProductRow[], sites: RadarSiteId[]): Promise<void> {
  for (const [from, to] of WINDOWS) {
    for (const category of [undefined, 'PRECIPITATION', 'REFLECTIVITY'] as const) {
      expect(await catalog.reader.products.codeCounts({ category, from, to }), `codeCounts ${category} [${from}, ${to})`).toEqual(bruteCodeCounts(products, category, from, to));
    }
    if (from === undefined || to === undefined) continue;
    for (const some of [sites, sites.slice(1, 2)]) {
      expect(await catalog.reader.products.latestPrecipitation(some, from, to), `latestPrecipitation [${from}, ${to})`).toEqual(brutePrecipitation(products, some, from, to));
    }
  }
}

async function allProducts(catalog: Catalog): Promise<ProductRow[]> {
  return (await catalog.reader.products.list({}, { first: 10_000 })).rows;
}

describe('per-hour product counts (migration 12)', () => {
  it('equal the brute-force answers after commits and after a bulk load', async () => {
    const items = withTies([...weekItems(shape(6, 3))]);
    const sites = siteIdsOf(items);
    const { bulk, committed } = await bulkAndCommitted(items);
    try {
      const products = items.flatMap((i) => i.products.map((p) => p.product));
      expect(products.some((p) => p.maxAccumulationIn === 2.5)).toBe(true);
      await expectBruteForce(committed, await allProducts(committed), sites);
      await expectBruteForce(bulk, await allProducts(bulk), sites);
      expect(await allProducts(bulk)).toHaveLength(products.length);
    } finally {
      await committed.close();
      await bulk.close();
    }
  });

  it('a schema-11 catalog with data upgrades, and the counts stay exact through moves, re-ingests and retention', async () => {
    const items = withTies([...weekItems(shape(6, 3))]);
    const sites = siteIdsOf(items);
    const [before, after] = [items.slice(0, 100), items.slice(100)];
    const catalog = await upgradedCatalog(11, before);
    try {
      expect(catalog.schemaVersion).toBe(CATALOG_SCHEMA_VERSION);
      await expectBruteForce(catalog, await allProducts(catalog), sites);
      await commitWeekItems(catalog.writer, after);
      // Re-ingests that move a product to another hour, drop its wettest value, or make it the wettest.
      const precipitation = items.flatMap((i) => i.products).filter((p) => p.product.category === 'PRECIPITATION' && p.product.maxAccumulationIn !== null);
      const moved: CommitLevel3ProductInput = structuredClone(precipitation[7]!);
      moved.product.scanTime += 2 * HOUR + 17;
      const dried: CommitLevel3ProductInput = structuredClone(precipitation.find((p) => p.product.maxAccumulationIn === 2.5)!);
      dried.product.maxAccumulationIn = null;
      const soaked: CommitLevel3ProductInput = structuredClone(precipitation[40]!);
      soaked.product.maxAccumulationIn = 9.75;
      for (const p of [moved, dried, soaked]) await catalog.writer.products.commit(p);
      await expectBruteForce(catalog, await allProducts(catalog), sites);
      await removeRowsOlderThan(catalog, START + HOUR + 1_000_000, Date.now());
      await expectBruteForce(catalog, await allProducts(catalog), sites);
      // Retention up to just after a site's newest precipitation product: the newest goes, the next newest takes its place.
      const newest = Math.max(...(await allProducts(catalog)).filter((p) => p.category === 'PRECIPITATION' && p.site === sites[0]).map((p) => p.scanTime));
      await removeRowsOlderThan(catalog, newest + 1, Date.now());
      await expectBruteForce(catalog, await allProducts(catalog), sites);
    } finally {
      await catalog.close();
    }
  });
});
