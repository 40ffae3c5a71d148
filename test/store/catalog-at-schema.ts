// A SQLite catalog left at an older schema version with rows in it, for upgrade tests: migrated
// only up to `version`, then filled through the engine's own commit functions of that time.
import type { WeekItem } from '../../bench/_catalog-week-rows.js';
import { MIGRATIONS, migrate } from '../../store/catalog/sqlite/migrations.js';
import { openDatabase } from '../../store/catalog/sqlite/open.js';
import { commitLevel3Product } from '../../store/catalog/sqlite/product-write.js';
import { commitLevel2Volume } from '../../store/catalog/sqlite/radar-write.js';
import { StatementCache } from '../../store/catalog/sqlite/statements.js';

/** Writes a catalog at `path` at schema `version` holding `items` (volumes with their products). */
export function catalogAtSchema(path: string, version: number, items: readonly WeekItem[]): void {
  const db = openDatabase(path, false);
  try {
    migrate(
      db,
      path,
      MIGRATIONS.filter((m) => m.version <= version),
    );
    const statements = new StatementCache(db);
    for (const { volume, products } of items) {
      commitLevel2Volume(statements, volume);
      for (const p of products) commitLevel3Product(statements, p);
    }
  } finally {
    db.close();
  }
}
