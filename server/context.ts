import type { ObjectStore } from '../store/types.js';
import type { CatalogReader } from './catalog-reader.js';
import { createLoaders, type Loaders } from './loaders.js';
import type { CatalogEventFeed } from './subscriptions/feed.js';

export interface RadomeContext {
  catalog: CatalogReader;
  loaders: Loaders;
  /** Absolute URL of an object served at /objects/<key>. */
  objectUrl(key: string): string;
  /** The object store, for answers read from stored objects (GNSS SNR edges from Parquet). */
  objects: ObjectStore;
  /** Catalog events as they are committed, for subscriptions. */
  events: CatalogEventFeed;
  /** The request's `Authorization` header (the ingest admin mutations check it). */
  authorization?: string;
}

/** `baseUrl` ends with "/"; each key segment is percent-encoded so the URL round-trips to the key. */
export function createContext(catalog: CatalogReader, baseUrl: string, objects: ObjectStore, events: CatalogEventFeed): RadomeContext {
  return {
    catalog,
    objects,
    events,
    loaders: createLoaders(catalog),
    objectUrl: (key) => `${baseUrl}objects/${key.split('/').map(encodeURIComponent).join('/')}`,
  };
}
