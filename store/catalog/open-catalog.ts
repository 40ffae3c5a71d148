// The one place that picks the engine for a catalog location: a postgres:// (or postgresql://) URL
// goes to PostgreSQL, anything else is a SQLite file.
import { isPostgresLocation } from '../../core/catalog-location.js';
import type { Catalog, ReadOnlyCatalog } from './catalog.js';
import { openSqliteCatalog, openSqliteReadOnlyCatalog } from './sqlite/sqlite-catalog.js';

/**
 * The PostgreSQL engine, loaded only for a postgres:// location: pg and its ~30 modules cost a
 * SQLite user's `radome ingest files` ~30 ms of start-up CPU otherwise.
 */
const postgresEngine = () => import('./postgres/postgres-catalog.js');

/** Opens (creating and migrating) the catalog at `location` to write it. */
export async function openCatalog(location: string): Promise<Catalog> {
  if (isPostgresLocation(location)) return (await postgresEngine()).openPostgresCatalog(location, { readOnly: false });
  return openSqliteCatalog(location);
}

/** Opens the existing catalog at `location` to read it only (servers); its schema must be current. */
export async function openReadOnlyCatalog(location: string): Promise<ReadOnlyCatalog> {
  if (isPostgresLocation(location)) return (await postgresEngine()).openPostgresCatalog(location, { readOnly: true });
  return openSqliteReadOnlyCatalog(location);
}
