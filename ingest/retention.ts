import type { Logger } from 'pino';
import { DEFAULT_RETRY, withRetry } from '../core/retry.js';
import type { Catalog, RetentionResult } from '../store/catalog/index.js';
import type { ObjectStore } from '../store/types.js';

const DELETE_BATCH = 500;

/** The object keys doomed `keys` stand for: a key ending in "/" is every object under it. */
async function objectKeysOf(objects: ObjectStore, keys: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const key of keys) {
    if (!key.endsWith('/')) {
      out.push(key);
      continue;
    }
    for await (const o of objects.list(key)) out.push(o.key);
  }
  return out;
}

/**
 * Deletes the objects the catalog lists as doomed (their rows are already gone), then forgets
 * them. Safe to run again after a crash at any point: deleting a missing object is not an error.
 */
export async function purgeDoomedObjects(catalog: Catalog, objects: ObjectStore, log: Logger, signal?: AbortSignal): Promise<number> {
  let deleted = 0;
  for (;;) {
    if (signal?.aborted) break;
    const keys = await catalog.writer.retention.doomedKeys(DELETE_BATCH);
    if (keys.length === 0) break;
    const objectKeys = await withRetry(() => objectKeysOf(objects, keys), DEFAULT_RETRY, { signal });
    await withRetry(() => objects.delete(objectKeys), DEFAULT_RETRY, { signal });
    await catalog.writer.retention.forgetDoomed(keys);
    deleted += objectKeys.length;
  }
  if (deleted) log.info({ deleted }, `deleted ${deleted} objects no row uses any more`);
  return deleted;
}

/**
 * How long the catalog's event feed keeps an event. Servers follow it within a second or two; one
 * that was away longer starts again from the newest event, so a day is plenty.
 */
export const CATALOG_EVENTS_KEPT_MS = 86_400_000;

/** Drops catalog events older than CATALOG_EVENTS_KEPT_MS: the feed would otherwise grow forever. */
export async function pruneEventFeed(catalog: Catalog, log: Logger, now = Date.now()): Promise<number> {
  const pruned = await catalog.writer.events.prune(now - CATALOG_EVENTS_KEPT_MS);
  if (pruned) log.info({ pruned }, `forgot ${pruned} catalog events older than a day`);
  return pruned;
}

/** Retention: rows older than `olderThanMs` go (one transaction), then their objects. */
export async function applyRetention(
  catalog: Catalog,
  objects: ObjectStore,
  olderThanMs: number,
  log: Logger,
  now = Date.now(),
  signal?: AbortSignal,
): Promise<RetentionResult & { deletedObjects: number }> {
  const cutoff = now - olderThanMs;
  const result = await catalog.writer.retention.doomOlderThan(cutoff, now);
  log.info({ ...result, cutoff: new Date(cutoff).toISOString() }, `retention removed ${result.volumes} volumes and ${result.products} products older than ${new Date(cutoff).toISOString()}`);
  const deletedObjects = await purgeDoomedObjects(catalog, objects, log, signal);
  return { ...result, deletedObjects };
}
