// The catalog conformance suite on the SQLite engine (a fresh file per catalog).
import Database from 'better-sqlite3';
import { describe } from 'vitest';
import { openCatalog } from '../../store/catalog/index.js';
import { describeCatalogConformance } from './catalog-conformance.js';
import { tempDbPath } from './catalog-fixtures.js';

/** Every user table's rows. */
function dump(path: string): Record<string, unknown[]> {
  const db = new Database(path, { readonly: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'catalog_events' ORDER BY name").pluck().all() as string[];
    return Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT * FROM ${t} ORDER BY 1, 2`).all()]));
  } finally {
    db.close();
  }
}

describe('catalog conformance: SQLite', () => {
  describeCatalogConformance({
    name: 'SQLite',
    async open() {
      const path = tempDbPath();
      const catalog = await openCatalog(path);
      return { catalog, dump: async () => dump(path), connect: () => openCatalog(path) };
    },
  });
});
