// The one place that picks the engine for a catalog location: today every location is a SQLite
// file (issue 24 adds postgres:// URLs here).
import type { Catalog, ReadOnlyCatalog } from './catalog.js';
import { openSqliteCatalog, openSqliteReadOnlyCatalog } from './sqlite/sqlite-catalog.js';

/** Opens (creating and migrating) the catalog at `path` to write it. */
export function openCatalog(path: string): Catalog {
  return openSqliteCatalog(path);
}

/** Opens the existing catalog at `path` to read it only (servers); its schema must be current. */
export function openReadOnlyCatalog(path: string): ReadOnlyCatalog {
  return openSqliteReadOnlyCatalog(path);
}
