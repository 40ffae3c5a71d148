// Catalogs of week-shaped rows (bench/_catalog-week-rows.ts) for the store tests: the same rows
// bulk-loaded and committed through the writer, or left at an older schema version for upgrades.
import type { WeekItem } from '../../bench/_catalog-week-rows.js';
import type { RadarSiteId } from '../../core/vocabulary/index.js';
import { type BulkLoadResult, bulkLoadSqliteCatalog, type Catalog, type CatalogWriter, openCatalog } from '../../store/catalog/index.js';
import { MIGRATIONS, migrate } from '../../store/catalog/sqlite/migrations.js';
import { openDatabase } from '../../store/catalog/sqlite/open.js';
import { commitLevel3Product } from '../../store/catalog/sqlite/product-write.js';
import { commitLevel2Volume } from '../../store/catalog/sqlite/radar-write.js';
import { StatementCache } from '../../store/catalog/sqlite/statements.js';
import { tempDbPath } from '../store/catalog-fixtures.js';

/** The items' site ids, once each, sorted. */
export function siteIdsOf(items: readonly WeekItem[]): RadarSiteId[] {
  return [...new Set(items.map((i) => i.volume.site.id))].sort();
}

/** Commits each item's volume, then its products, through `writer`, as ingest does. */
export async function commitWeekItems(writer: CatalogWriter, items: readonly WeekItem[]): Promise<void> {
  for (const { volume, products } of items) {
    await writer.radar.commitVolume(volume);
    for (const p of products) await writer.products.commit(p);
  }
}

/** Two new catalogs of the same items: one bulk-loaded (`loaded`: its counts), one committed. */
export async function bulkAndCommitted(items: readonly WeekItem[]): Promise<{ loaded: BulkLoadResult; bulk: Catalog; committed: Catalog }> {
  const bulkPath = tempDbPath('bulk.db');
  const loaded = bulkLoadSqliteCatalog(bulkPath, items);
  const committed = await openCatalog(tempDbPath('committed.db'));
  try {
    await commitWeekItems(committed.writer, items);
  } catch (e) {
    await committed.close();
    throw e;
  }
  return { loaded, bulk: await openCatalog(bulkPath), committed };
}

/**
 * A new catalog that was at schema `version` holding `items`, opened (so upgraded to the current
 * schema): its rows were migrated only up to `version`, then written by the engine's own commit
 * functions of that time.
 */
export async function upgradedCatalog(version: number, items: readonly WeekItem[]): Promise<Catalog> {
  const path = tempDbPath();
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
  return openCatalog(path);
}
