import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
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

/**
 * Volumes a retention batch starts with: ~500 sweep rows, a transaction of ~100 ms of CPU with their
 * products and doomed keys (at load 14 on 2 cores, 10 volumes held the lock up to 2.2 s).
 */
const RETENTION_BATCH_VOLUMES = 5;
/**
 * How long one retention transaction should hold the write lock: a batch taking longer halves the
 * next, one taking under a quarter of it grows the next by a volume (up to 20). At a national
 * week the same 5 volumes cost more (index pages no longer cached, other processes' load), and
 * a writer waiting behind them waited up to 1.27 s.
 */
const BATCH_TARGET_MS = 200;
/**
 * The shortest pause between batches: longer than SQLite's busy handler sleeps between two tries
 * (at most 100 ms), so a writer in another process waiting for the lock tries at least once in
 * every pause. With shorter pauses its tries could fall in step with the batches and miss every
 * pause: a writer beside retention waited 2.8 s once while no batch held the lock over 343 ms.
 */
const WRITER_POLL_MS = 110;
const MAX_BATCH_VOLUMES = 20;

/** The next batch's volumes after one of `volumes` that held the lock `ms`. */
export function nextBatchVolumes(volumes: number, ms: number): number {
  if (ms > BATCH_TARGET_MS) return Math.max(1, Math.floor(volumes / 2));
  if (ms < BATCH_TARGET_MS / 4) return Math.min(MAX_BATCH_VOLUMES, volumes + 1);
  return volumes;
}

/** How removeRowsOlderThan tells time and waits: real by default, a test's own to see the batches' sizes react. */
export interface RetentionPacing {
  now(): number;
  sleep(ms: number): Promise<unknown>;
}

const REAL_PACING: RetentionPacing = { now: () => performance.now(), sleep };

/**
 * Removes catalog rows older than `cutoff` in short transactions (sized by nextBatchVolumes on the
 * time each held the write lock), pausing after each as long as it took (WRITER_POLL_MS at least):
 * other writers (this process's ingest, other processes) get the catalog at least half the time,
 * so a day of national data (~46,000 volumes) never holds them back for long. Before each batch,
 * warmBatchOlderThan does what it can without the lock (SQLite: reads the batch's pages), so the
 * time the batch holds the lock is its own work, not the disk's.
 */
export async function removeRowsOlderThan(
  catalog: Catalog,
  cutoff: number,
  now: number,
  signal?: AbortSignal,
  pacing: RetentionPacing = REAL_PACING,
): Promise<RetentionResult & { batches: number; longestBatchMs: number; warmMs: number }> {
  const total = { volumes: 0, products: 0, objects: 0, batches: 0, longestBatchMs: 0, warmMs: 0 };
  const warm = async (maxVolumes: number) => {
    const t0 = pacing.now();
    await retention.warmBatchOlderThan(cutoff, maxVolumes);
    total.warmMs += pacing.now() - t0;
  };
  const retention = catalog.writer.retention;
  let volumes = RETENTION_BATCH_VOLUMES;
  await warm(volumes);
  while (!signal?.aborted) {
    const t0 = pacing.now();
    const step = await retention.doomBatchOlderThan(cutoff, now, volumes);
    const ms = pacing.now() - t0;
    if (step.volumes === 0 && step.products === 0) break;
    total.volumes += step.volumes;
    total.products += step.products;
    total.objects += step.objects;
    total.batches++;
    total.longestBatchMs = Math.max(total.longestBatchMs, ms);
    volumes = nextBatchVolumes(volumes, ms);
    // At once, before the pause: the batch's pages leave the WAL now (SQLite), not in another
    // writer's commit that finds the WAL long.
    await warm(volumes);
    await pacing.sleep(Math.max(WRITER_POLL_MS, ms));
  }
  return total;
}

/** Retention: rows older than `olderThanMs` go (in short batches), then their objects. */
export async function applyRetention(
  catalog: Catalog,
  objects: ObjectStore,
  olderThanMs: number,
  log: Logger,
  now = Date.now(),
  signal?: AbortSignal,
): Promise<RetentionResult & { batches: number; longestBatchMs: number; warmMs: number; deletedObjects: number }> {
  const cutoff = now - olderThanMs;
  const t0 = performance.now();
  const result = await removeRowsOlderThan(catalog, cutoff, now, signal);
  log.info(
    { ...result, passMs: Math.round(performance.now() - t0), cutoff: new Date(cutoff).toISOString() },
    `retention removed ${result.volumes} volumes and ${result.products} products older than ${new Date(cutoff).toISOString()}`,
  );
  const deletedObjects = await purgeDoomedObjects(catalog, objects, log, signal);
  return { ...result, deletedObjects };
}
