export { Catalog, type CatalogOpenOptions } from './catalog.js';
export { decodeCursor, encodeCursor, type CursorKind, type SortKey } from './cursor.js';
export type { RecordFailureInput } from './failures.js';
export { CATALOG_SCHEMA_VERSION, MIGRATIONS, type Migration } from './migrations.js';
export type { VolumeSweepFilter } from './radar-read.js';
