// The PostgreSQL bulk loader (COPY) fills a catalog that reads back exactly as SQLite's bulk
// loader's from the same engine-neutral rows (bench/_catalog-week-rows.ts), per-hour and per-minute
// counts included, and leaves the triggers working for the commits that follow.
import pgDriver from 'pg';
import { describe, expect, it } from 'vitest';
import { NATIONAL_WEEK, weekItems, weekSites } from '../../bench/_catalog-week-rows.js';
import { bulkLoadSqliteCatalog, openCatalog } from '../../store/catalog/index.js';
import { bulkLoadPostgresCatalog } from '../../store/catalog/postgres/bulk-load.js';
import { openPostgresCatalog } from '../../store/catalog/postgres/postgres-catalog.js';
import { postgresSkipReason, usePostgres } from '../support/postgres-server.js';
import { tempDbPath } from './catalog-fixtures.js';
import { readBack } from './catalog-week-readback.js';
import { type ProductId } from '../../core/vocabulary/index.js';

const skip = postgresSkipReason();
const HOUR = 3_600_000;

if (skip) {
  describe.skip(`week catalog on PostgreSQL (skipped: ${skip})`, () => {
    it('needs PostgreSQL', () => {});
  });
} else {
  describe('week catalog on PostgreSQL', () => {
    const server = usePostgres();

    it("bulk loads by COPY what SQLite's bulk loader loads, and commits after it keep the counts", { timeout: 300_000 }, async () => {
      // 26 hours: two day partitions, and windows with part-hours at both ends.
      const shape = { ...NATIONAL_WEEK, days: 26 / 24, sites: 3 };
      const items = [...weekItems(shape)];
      const url = await server().createDatabase('week');
      const loaded = await bulkLoadPostgresCatalog(url, items);
      const path = tempDbPath('bulk.db');
      expect(loaded).toEqual(bulkLoadSqliteCatalog(path, items));
      // Every index the loader dropped is back, valid, on every day partition.
      const client = new pgDriver.Client({ connectionString: url });
      await client.connect();
      try {
        const invalid = await client.query('SELECT indexrelid::regclass::text AS name FROM pg_index WHERE NOT indisvalid');
        expect(invalid.rows).toEqual([]);
        const partitions = await client.query<{ child: string; own: string; parent: string }>(
          `SELECT c.relname AS child, (SELECT count(*) FROM pg_index WHERE indrelid = c.oid) AS own, (SELECT count(*) FROM pg_index WHERE indrelid = p.oid) AS parent
           FROM pg_inherits JOIN pg_class c ON c.oid = inhrelid JOIN pg_class p ON p.oid = inhparent`,
        );
        expect(partitions.rows.length).toBeGreaterThanOrEqual(4);
        for (const r of partitions.rows) expect({ partition: r.child, indexes: Number(r.own) }).toEqual({ partition: r.child, indexes: Number(r.parent) });
      } finally {
        await client.end();
      }
      const [pg, lite] = [await openPostgresCatalog(url), await openCatalog(path)];
      try {
        expect(await readBack(pg.reader, items)).toEqual(await readBack(lite.reader, items));
        const sites = weekSites(shape.sites).map((s) => s.id);
        const t = shape.start;
        for (const [from, to] of [
          [t, t + 26 * HOUR],
          [t + 1_812_345, t + 25 * HOUR + 5_401_234],
        ] as const) {
          expect(await pg.reader.products.latestPrecipitation(sites, from, to)).toEqual(await lite.reader.products.latestPrecipitation(sites, from, to));
          expect(await pg.reader.products.codeCounts({ from, to })).toEqual(await lite.reader.products.codeCounts({ from, to }));
        }
        // Triggers are back on: a product committed after the load is counted in its hour.
        const next = items.at(-1)!.products.find((p) => p.product.category === 'PRECIPITATION')!;
        const later = {
          ...next,
          product: { ...next.product, id: `${next.product.id}x` as ProductId, scanTime: next.product.scanTime + HOUR, sourceKey: 'later' },
          file: { ...next.file, key: 'later' },
        };
        for (const c of [pg, lite]) await c.writer.products.commit(later);
        const window = [t, t + 28 * HOUR] as const;
        expect(await pg.reader.products.codeCounts({ from: window[0], to: window[1] })).toEqual(await lite.reader.products.codeCounts({ from: window[0], to: window[1] }));
        expect(await pg.reader.products.latestPrecipitation(sites, ...window)).toEqual(await lite.reader.products.latestPrecipitation(sites, ...window));
      } finally {
        await pg.close();
        await lite.close();
      }
    });
  });
}
