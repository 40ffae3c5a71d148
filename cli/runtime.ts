import type { RadomeConfig } from '../core/config.js';
import { createLogger } from '../core/log.js';
// Not the catalog's index: it also exports the bulk loader and the PostgreSQL copy (pg's modules).
import { openCatalog } from '../store/catalog/open-catalog.js';
import { openObjectStore } from '../store/objects/open.js';
import type { IngestContext } from '../ingest/ingest-object.js';

/** What the ingest commands need: the writer's catalog, the object store and a logger. */
export async function openIngestContext(config: RadomeConfig): Promise<IngestContext & { close(): Promise<void> }> {
  const catalog = await openCatalog(config.catalogPath);
  return {
    catalog,
    objects: openObjectStore(config.objectsUrl),
    renderSize: config.renderSize,
    log: createLogger('radome-ingest'),
    close: () => catalog.close(),
  };
}
