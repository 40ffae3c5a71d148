// The catalog's contract, engine-neutral: a reader and a writer, each namespaced by domain, every
// member asynchronous (Promise-returning) so an engine behind a network connection (PostgreSQL)
// implements the same interfaces as the embedded SQLite one (sqlite/). Servers are handed only a
// CatalogReader, so the type system keeps them read-only.
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
  /**
   * Runs `fn` in one transaction: writes made through `tx` (commits included) land together when
   * `fn` resolves, or not at all when it throws. Writes through the catalog's own writer wait
   * until the transaction ends, so none slips into it: inside `fn`, write through `tx` only.
   */
  transaction<T>(fn: (tx: CatalogTransaction) => Promise<T>): Promise<T>;
}

/** The writer of an open transaction: every member but `transaction` (nested commits become part of it). */
export type TransactionWriter = Omit<CatalogWriter, 'transaction'>;

/** An open transaction: its reader sees the transaction's own writes. */
export interface CatalogTransaction {
  readonly reader: CatalogReader;
  readonly writer: TransactionWriter;
}

/** A connection that only reads (API servers): it has no writer at all. */
export interface ReadOnlyCatalog {
  /** Where the catalog is (a file path or a database URL), for messages. */
  readonly path: string;
  readonly schemaVersion: number;
  readonly reader: CatalogReader;
  close(): Promise<void>;
}

/** A connection that writes (ingest); its reader reads in the writer's transactions. */
export interface Catalog extends ReadOnlyCatalog {
  readonly writer: CatalogWriter;
}
