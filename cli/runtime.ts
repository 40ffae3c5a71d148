import type { RadomeConfig } from '../core/config.js';
import { createLogger } from '../core/log.js';
import { Catalog } from '../store/catalog/index.js';
import { createS3Client, openObjectStore } from '../store/objects/index.js';
import type { IngestContext } from '../ingest/ingest-object.js';
import { Level2BucketSource } from '../ingest/sources/level2-bucket.js';
import { Level3BucketSource } from '../ingest/sources/level3-bucket.js';

/** What the ingest commands need: the writer's catalog, the object store and a logger. */
export function openIngestContext(config: RadomeConfig): IngestContext & { close(): void } {
  const catalog = Catalog.open(config.catalogPath);
  return {
    catalog,
    objects: openObjectStore(config.objectsUrl),
    renderSize: config.renderSize,
    log: createLogger('radome-ingest'),
    close: () => catalog.close(),
  };
}

export function level2Source(config: RadomeConfig): Level2BucketSource {
  const { bucket, region, endpoint, forcePathStyle, anonymous } = config.level2;
  return new Level2BucketSource(createS3Client({ region, endpoint, forcePathStyle, anonymous }), bucket);
}

export function level3Source(config: RadomeConfig): Level3BucketSource {
  const { bucket, region, endpoint, forcePathStyle, anonymous } = config.level3;
  return new Level3BucketSource(createS3Client({ region, endpoint, forcePathStyle, anonymous }), bucket);
}
