// The reads warmBatchOlderThan makes before a retention batch reach every index the batch's
// deletes change: an index they missed would leave the write transaction waiting for the disk.
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDbPath } from '../../../test/store/catalog-fixtures.js';
import { openCatalog } from '../index.js';
import { warmSql } from './retention.js';
import { StatementCache } from './statements.js';

describe('retention warm-up reads (SQLite)', () => {
  let db: Database.Database;
  beforeAll(async () => {
    const path = tempDbPath();
    await (await openCatalog(path)).close();
    db = new Database(path, { readonly: true });
  });
  afterAll(() => db.close());

  for (const table of ['volumes', 'sweeps', 'products', 'source_files', 'radar_minute_counts', 'product_hour_counts', 'precipitation_hours']) {
    it(`seeks each index of ${table}, the partial ones too`, () => {
      const statements = new StatementCache(db);
      const plan = (db.prepare(`EXPLAIN QUERY PLAN ${warmSql(statements, table, `${table} t WHERE ? > 0`)}`).all(1) as { detail: string }[]).map((r) => r.detail);
      const indexes = db.pragma(`index_list(${table})`) as { name: string; origin: string }[];
      expect(indexes.length).toBeGreaterThan(0);
      for (const index of indexes) {
        // A seek on every key column (an equality each, then the entry's rowid or primary key), not a scan.
        const keys = (db.pragma(`index_xinfo(${index.name})`) as { name: string; key: number }[]).filter((c) => c.key === 1).map((c) => `${c.name}=?`);
        const seek = plan.find((d) => d.includes(` INDEX ${index.name} (`) || (index.origin === 'pk' && d.includes(`USING PRIMARY KEY (`)));
        expect(seek, `${table}: ${index.name} in ${JSON.stringify(plan)}`).toContain(`(${keys.join(' AND ')}`);
      }
    });
  }
});
