// The one place that picks the engine for a catalog location: a postgres:// (or postgresql://) URL
// goes to PostgreSQL, anything else is a SQLite file.
import { isPostgresLocation } from '../../core/catalog-location.js';
import { RadomeError } from '../../core/errors.js';
import type { Catalog, ReadOnlyCatalog } from './catalog.js';
import { openSqliteCatalog, openSqliteReadOnlyCatalog } from './sqlite/sqlite-catalog.js';

/** Opens (creating and migrating) the catalog at `location` to write it. */
export async function openCatalog(location: string): Promise<Catalog> {
  if (isPostgresLocation(location)) return openPostgresCatalog(location, { readOnly: false });
  return openSqliteCatalog(location);
}

/** Opens the existing catalog at `location` to read it only (servers); its schema must be current. */
export async function openReadOnlyCatalog(location: string): Promise<ReadOnlyCatalog> {
  if (isPostgresLocation(location)) return openPostgresCatalog(location, { readOnly: true });
  return openSqliteReadOnlyCatalog(location);
}

// Stands in for the PostgreSQL engine (store/catalog/postgres/) until it lands: its own
// openPostgresCatalog(url, { readOnly }) replaces this function.
function openPostgresCatalog(url: string, _options: { readOnly: boolean }): Promise<Catalog> {
  const shown = url.replace(/\/\/[^@/]*@/, '//…@');
  throw new RadomeError('CATALOG_ENGINE_UNAVAILABLE', `catalog ${shown}: this build has no PostgreSQL catalog engine; set RADOME_CATALOG to a SQLite file path`);
}
