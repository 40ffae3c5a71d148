// The catalog: its engine-neutral contract (reader and writer by domain, row types) and how to
// open one. The engine's own modules (sqlite/) are not imported from outside store/catalog/.
export type { Catalog, CatalogReader, CatalogTransaction, CatalogWriter, ReadOnlyCatalog, TransactionWriter } from './catalog.js';
export { openCatalog, openReadOnlyCatalog } from './open-catalog.js';
export { decodeCursor, encodeCursor, type CursorKind, type SortKey } from './cursor.js';
export type * from './catalog-events.js';
export type * from './gnss.js';
export type * from './ingest.js';
export type * from './paging.js';
export type * from './products.js';
export type * from './radar.js';
export type * from './data-retention.js';
export { CATALOG_SCHEMA_VERSION, MIGRATIONS, type Migration } from './sqlite/migrations.js';
export type { BulkCatalogItem, BulkLoadResult } from './bulk-rows.js';
export { bulkLoadSqliteCatalog } from './sqlite/bulk-load.js';
export { migrateSqliteCatalogToPostgres, type CatalogCopyReport, type TableCopy } from './migrate-catalog.js';
export type { ListeningCatalog } from './postgres/postgres-catalog.js';
export { clusterOf, type ClusterCatalog } from './cluster.js';
