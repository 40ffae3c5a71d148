import type { CatalogReader } from './catalog-reader.js';
import { createLoaders, type Loaders } from './loaders.js';

export interface RadomeContext {
  catalog: CatalogReader;
  loaders: Loaders;
  /** Absolute URL of an object served at /objects/<key>. */
  objectUrl(key: string): string;
}

/** `baseUrl` ends with "/"; each key segment is percent-encoded so the URL round-trips to the key. */
export function createContext(catalog: CatalogReader, baseUrl: string): RadomeContext {
  return {
    catalog,
    loaders: createLoaders(catalog),
    objectUrl: (key) => `${baseUrl}objects/${key.split('/').map(encodeURIComponent).join('/')}`,
  };
}
