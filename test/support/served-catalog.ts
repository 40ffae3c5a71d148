// A catalog opened read-only and served by a radome server on a free port of 127.0.0.1, as the
// suites that ingest files and then query them over HTTP set it up.
import { createRadomeServer } from '../../server/index.js';
import { openReadOnlyCatalog, type ReadOnlyCatalog } from '../../store/catalog/index.js';
import type { ObjectStore } from '../../store/types.js';

export interface ServedCatalog {
  /** Base URL of the server (no trailing "/"). */
  url: string;
  catalog: ReadOnlyCatalog;
  /** Stops the server, then closes the catalog. */
  close(): Promise<void>;
}

export async function serveCatalog(location: string, objects: ObjectStore): Promise<ServedCatalog> {
  const catalog = await openReadOnlyCatalog(location);
  const listening = await createRadomeServer({ catalog: catalog.reader, objects, onError: () => {} }).listen(0, '127.0.0.1');
  return {
    url: listening.url,
    catalog,
    close: async () => {
      await listening.close();
      await catalog.close();
    },
  };
}
