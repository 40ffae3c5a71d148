// The catalog interfaces as the async conversion (issue 24) makes them: every member of a domain
// reader/writer returns a Promise of today's result, with the same names and parameters. Until
// that lands these mapped types say it; afterwards they coincide with CatalogReader/CatalogWriter
// and the PostgreSQL engine implements those directly.
import type { CatalogEventRow } from '../catalog-events.js';
import type { CatalogReader, CatalogWriter } from '../catalog.js';

/** Each method of a domain object returning a Promise of what it returns now. */
export type PromisedDomain<D> = {
  readonly [M in keyof D]: D[M] extends (...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : D[M];
};

/** Each domain of a reader or writer, promised. */
export type Promised<T> = { readonly [K in keyof T]: PromisedDomain<T[K]> };

export type AsyncCatalogReader = Promised<CatalogReader>;

export interface AsyncCatalogTransaction {
  readonly reader: AsyncCatalogReader;
  readonly writer: Omit<AsyncCatalogWriter, 'transaction'>;
}

export type AsyncCatalogWriter = Promised<Omit<CatalogWriter, 'transaction'>> & {
  /** Runs `fn` in one transaction: writes made through `tx` (or any catalog call in `fn`) land together or not at all. */
  transaction<T>(fn: (tx: AsyncCatalogTransaction) => Promise<T>): Promise<T>;
};

export interface AsyncReadOnlyCatalog {
  readonly path: string;
  readonly schemaVersion: number;
  readonly reader: AsyncCatalogReader;
  close(): Promise<void>;
  /**
   * Calls `onEvent` with each catalog event committed from now on by any process (PostgreSQL
   * LISTEN/NOTIFY), until the returned function is called.
   */
  listen(onEvent: (event: CatalogEventRow) => void): Promise<() => Promise<void>>;
}

export interface AsyncCatalog extends AsyncReadOnlyCatalog {
  readonly writer: AsyncCatalogWriter;
}
