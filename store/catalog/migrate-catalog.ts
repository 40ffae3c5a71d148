// Moving a catalog between engines (`radome catalog migrate`). The PostgreSQL driver loads only
// when a copy runs, not with every import of the catalog.
import type { CatalogCopyReport } from './postgres/copy-from-sqlite.js';

export type { CatalogCopyReport, TableCopy } from './postgres/copy-from-sqlite.js';

/** Copies the SQLite catalog at `sqlitePath` into the new PostgreSQL catalog at `url`, and verifies the copy. */
export async function migrateSqliteCatalogToPostgres(sqlitePath: string, url: string): Promise<CatalogCopyReport> {
  const { copySqliteCatalogToPostgres } = await import('./postgres/copy-from-sqlite.js');
  return copySqliteCatalogToPostgres(sqlitePath, url);
}
