// The catalog's contract, engine-neutral: a reader and a writer, each namespaced by domain. The
// SQLite engine (sqlite/) implements it; a second engine implements the same interfaces. Servers
// are handed only a CatalogReader, so the type system keeps them read-only.
import type { EventReader, EventWriter } from './catalog-events.js';
import type { GnssReader, GnssWriter } from './gnss.js';
import type { IngestReader, IngestWriter } from './ingest.js';
import type { ProductReader, ProductWriter } from './products.js';
import type { RadarReader, RadarWriter } from './radar.js';
import type { RetentionWriter } from './data-retention.js';

/** Every read of the catalog, by domain. No method here changes anything. */
export interface CatalogReader {
  readonly radar: RadarReader;
  readonly products: ProductReader;
  readonly gnss: GnssReader;
  readonly ingest: IngestReader;
  readonly events: EventReader;
}

/** Every write of the catalog, by domain. Each commit is one transaction of its own. */
export interface CatalogWriter {
  readonly radar: RadarWriter;
  readonly products: ProductWriter;
  readonly gnss: GnssWriter;
  readonly ingest: IngestWriter;
  readonly events: EventWriter;
  readonly retention: RetentionWriter;
  /** Runs `fn` in one transaction: writes made in it (commits included) land together or not at all. */
  transaction<T>(fn: () => T): T;
}

/** A connection that only reads (API servers): it has no writer at all. */
export interface ReadOnlyCatalog {
  /** Where the catalog is, for messages. */
  readonly path: string;
  readonly schemaVersion: number;
  readonly reader: CatalogReader;
  close(): void;
}

/** A connection that writes (ingest); its reader reads in the writer's transactions. */
export interface Catalog extends ReadOnlyCatalog {
  readonly writer: CatalogWriter;
}
