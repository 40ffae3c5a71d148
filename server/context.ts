import type { ObjectStore } from '../store/types.js';
import type { CatalogReader } from '../store/catalog/index.js';
import type { IngestAdmin } from './ingest-admin.js';
import { withDeadline, type ExecutionDeadline } from './limits/deadline.js';
import { createLoaders, type Loaders } from './loaders.js';
import type { CatalogEventFeed } from './subscriptions/feed.js';
import type { RadarLayers } from './tiles/radar-layers.js';
import type { MosaicService } from './tiles/mosaic.js';
import type { DerivedFields } from './radar-time/derived-fields.js';

export interface RadomeContext {
  catalog: CatalogReader;
  loaders: Loaders;
  /** Absolute URL of an object served at /objects/<key>. */
  objectUrl(key: string): string;
  /** Base URL of this server as the client reached it, ending in "/" (route and tile URLs hang below it). */
  baseUrl: string;
  /** The object store, for answers read from stored objects (GNSS SNR edges from Parquet). */
  objects: ObjectStore;
  /** Catalog events as they are committed, for subscriptions. */
  events: CatalogEventFeed;
  /** The request's `Authorization` header (the ingest admin mutations check it). */
  authorization?: string;
  /** Ingest status and control, when the server was given a catalog path for them. */
  ingestAdmin?: IngestAdmin;
  /** The execution timeout of an HTTP request; `catalog`, `objects` and `loaders` read through it. */
  deadline?: ExecutionDeadline;
  /** Decoded sweeps and products (shared cache) for point values and the mosaic; absent: those answer CONFIG. */
  radar?: RadarLayers;
  /** The national mosaic (the `mosaic` query). */
  mosaics?: MosaicService;
  /** Rainfall accumulations and reflectivity swaths (the rainfall and reflectivitySwath queries). */
  derived?: DerivedFields;
}

/** Keys made only of these characters need no percent-encoding (the catalog's keys are). */
const URL_SAFE_KEY = /^[A-Za-z0-9._~/-]*$/;

/** `baseUrl` ends with "/"; each key segment is percent-encoded so the URL round-trips to the key. */
export function objectUrlOf(baseUrl: string, key: string): string {
  return `${baseUrl}objects/${URL_SAFE_KEY.test(key) ? key : key.split('/').map(encodeURIComponent).join('/')}`;
}

/** The reader with every domain's reads checking `deadline` before they run. */
function readerWithDeadline(reader: CatalogReader, deadline: ExecutionDeadline): CatalogReader {
  return {
    radar: withDeadline(reader.radar, deadline),
    products: withDeadline(reader.products, deadline),
    gnss: withDeadline(reader.gnss, deadline),
    ingest: withDeadline(reader.ingest, deadline),
    events: withDeadline(reader.events, deadline),
  };
}

export function createContext(
  catalog: CatalogReader,
  baseUrl: string,
  objects: ObjectStore,
  events: CatalogEventFeed,
  deadline?: ExecutionDeadline,
  radar?: RadarLayers,
  mosaics?: MosaicService,
): RadomeContext {
  const reader = deadline ? readerWithDeadline(catalog, deadline) : catalog;
  return {
    catalog: reader,
    objects: deadline ? withDeadline(objects, deadline) : objects,
    events,
    deadline,
    loaders: createLoaders(reader),
    objectUrl: (key) => objectUrlOf(baseUrl, key),
    baseUrl,
    radar,
    mosaics,
  };
}
