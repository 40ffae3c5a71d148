import { RadomeError } from '../../../core/errors.js';
import type { CommitKind, RetentionResult } from '../data-retention.js';
import type { StatementCache } from './statements.js';

// Retention's two steps (see ../data-retention.ts) on SQLite: the rows' object keys are recorded in
// doomed_objects in the transaction that deletes the rows, and forgotten once the objects are gone.
//
// A doomed key ending in "/" stands for every object under it: a volume's sweep store (Zarr) is
// hundreds of objects the catalog does not list one by one.

/** Ids bound as one JSON array. */
const IDS = 'SELECT value FROM json_each(?)';

const INSERT_DOOMED = `INSERT INTO doomed_objects (key, reason, doomed_at) VALUES (?, ?, ?) ON CONFLICT (key) DO NOTHING`;

function doom(statements: StatementCache, keys: Iterable<string>, reason: string, at: number): number {
  const insert = statements.prepare(INSERT_DOOMED);
  let n = 0;
  for (const key of keys) n += insert.run(key, reason, at).changes;
  return n;
}

/** The storm cells object beside a storm product (level3StormCellsKey: `<stem>.raw` → `<stem>.cells.json`). */
const STORM_CELLS_KEY = `CASE WHEN code IN (58, 59, 61, 62, 141) THEN substr(raw_key, 1, length(raw_key) - 4) || '.cells.json' END`;

/** Object keys the catalog rows of a volume or product point at. */
export function objectKeysOf(statements: StatementCache, kind: CommitKind, id: string): string[] {
  if (kind === 'level2') {
    const rows = statements.prepare('SELECT image_key AS a, metadata_key AS b FROM sweeps WHERE volume_id = ?').all(id) as { a: string; b: string }[];
    const store = statements.prepare('SELECT zarr_key AS z FROM volumes WHERE id = ?').get(id) as { z: string | null } | undefined;
    return [...rows.flatMap((r) => [r.a, r.b]), ...(store?.z ? [`${store.z}/`] : [])];
  }
  if (kind === 'level3') {
    const r = statements.prepare(`SELECT image_key AS a, metadata_key AS b, raw_key AS c, ${STORM_CELLS_KEY} AS d FROM products WHERE id = ?`).get(id) as
      | { a: string | null; b: string; c: string; d: string | null }
      | undefined;
    return r ? [r.a, r.b, r.c, r.d].filter((k): k is string => k !== null) : [];
  }
  return [];
}

/**
 * Runs `commit` (a plan's commit of volume or product `id`) with the bookkeeping of its objects:
 * keys the new rows no longer use (replaced sweeps) become doomed, keys they use again are no
 * longer doomed. The caller holds the write transaction (sqlite-catalog.ts); this is a savepoint in
 * it, so a failing commit undoes its own writes only. Returns the number of keys doomed.
 */
export async function commitDoomingReplaced(statements: StatementCache, kind: CommitKind, id: string, at: number, commit: () => Promise<unknown>): Promise<number> {
  const { db } = statements;
  db.exec('SAVEPOINT commit_dooming_replaced');
  try {
    const before = objectKeysOf(statements, kind, id);
    await commit();
    const after = new Set(objectKeysOf(statements, kind, id));
    const rescue = statements.prepare('DELETE FROM doomed_objects WHERE key = ?');
    for (const key of after) rescue.run(key);
    const doomed = doom(
      statements,
      before.filter((k) => !after.has(k)),
      `replaced in ${id}`,
      at,
    );
    db.exec('RELEASE commit_dooming_replaced');
    return doomed;
  } catch (e) {
    // An error SQLite answers by ending the whole transaction (SQLITE_FULL…) leaves no savepoint.
    if (db.inTransaction) db.exec('ROLLBACK TO commit_dooming_replaced; RELEASE commit_dooming_replaced');
    throw e;
  }
}

/** Products per volume a batch may remove beside its volumes (a national feed has ~14-40 a volume). */
const PRODUCTS_PER_VOLUME = 20;

/**
 * One bounded step of retention: the oldest `maxVolumes` volumes whose scan started, and the
 * oldest `maxVolumes` × 20 products scanned, before `cutoff`, with their sweeps and source-file
 * records, removed in one transaction that records their object keys as doomed. Returns zeros once
 * nothing older is left. Batches keep each write lock short (a day of national data is ~46,000
 * volumes and 4 million sweep rows: one transaction would hold writers back for minutes).
 */
export function doomBatchOlderThan(statements: StatementCache, cutoff: number, at: number, maxVolumes: number): RetentionResult {
  if (!Number.isSafeInteger(maxVolumes) || maxVolumes < 1) throw new RadomeError('BAD_INPUT', `retention batch: maxVolumes ${maxVolumes} is not a whole number >= 1`);
  const result = removeBatch(statements, cutoff, at, maxVolumes);
  // The batch's pages are copied from the WAL into the file here, after the write lock is let go
  // (PASSIVE: writers go on meanwhile), not by whichever commit next finds the WAL past its
  // 1,000-page mark: at a national day that was an ingest commit copying several batches' worth
  // of scattered index pages, and a writer beside retention waited 2.8 s once (its other waits: 140 ms at p99).
  if (result.volumes + result.products > 0 && !statements.db.inTransaction) statements.db.pragma('wal_checkpoint(PASSIVE)');
  return result;
}

function removeBatch(statements: StatementCache, cutoff: number, at: number, maxVolumes: number): RetentionResult {
  return statements.db
    .transaction((): RetentionResult => {
      const volumes = statements.prepare('SELECT id, site, zarr_key AS z FROM volumes WHERE scan_start < ? ORDER BY scan_start LIMIT ?').all(cutoff, maxVolumes) as {
        id: string;
        site: string;
        z: string | null;
      }[];
      const products = statements
        .prepare('SELECT id FROM products WHERE scan_time < ? ORDER BY scan_time LIMIT ?')
        .pluck()
        .all(cutoff, maxVolumes * PRODUCTS_PER_VOLUME) as string[];
      if (volumes.length === 0 && products.length === 0) return { volumes: 0, products: 0, objects: 0 };
      const volumeIds = JSON.stringify(volumes.map((v) => v.id));
      const productIds = JSON.stringify(products);
      const sweepKeys = statements.prepare(`SELECT image_key AS a, metadata_key AS b FROM sweeps WHERE volume_id IN (${IDS})`).all(volumeIds) as { a: string; b: string }[];
      const productKeys = statements.prepare(`SELECT image_key AS a, metadata_key AS b, raw_key AS c, ${STORM_CELLS_KEY} AS d FROM products WHERE id IN (${IDS})`).all(productIds) as {
        a: string | null;
        b: string;
        c: string;
        d: string | null;
      }[];
      const reason = `retention before ${new Date(cutoff).toISOString()}`;
      const keys = [
        ...sweepKeys.flatMap((r) => [r.a, r.b]),
        ...volumes.flatMap((v) => (v.z ? [`${v.z}/`] : [])),
        ...productKeys.flatMap((r) => [r.a, r.b, r.c, r.d].filter((k): k is string => k !== null)),
      ];
      const objects = doom(statements, keys, reason, at);
      statements.prepare(`DELETE FROM source_files WHERE volume_id IN (${IDS})`).run(volumeIds);
      statements.prepare(`DELETE FROM source_files WHERE product_id IN (${IDS})`).run(productIds);
      statements.prepare(`DELETE FROM sweeps WHERE volume_id IN (${IDS})`).run(volumeIds);
      const removedVolumes = statements.prepare(`DELETE FROM volumes WHERE id IN (${IDS})`).run(volumeIds).changes;
      const removedProducts = statements.prepare(`DELETE FROM products WHERE id IN (${IDS})`).run(productIds).changes;
      statements
        .prepare(
          `UPDATE radar_sites SET first_volume_at = (SELECT MIN(scan_start) FROM volumes WHERE site = radar_sites.id),
          last_volume_at = (SELECT MAX(scan_start) FROM volumes WHERE site = radar_sites.id) WHERE id IN (${IDS})`,
        )
        .run(JSON.stringify([...new Set(volumes.map((v) => v.site))]));
      return { volumes: removedVolumes, products: removedProducts, objects };
    })
    .immediate();
}

/** Batches of retention a whole pass runs (each its own transaction). */
const RETENTION_BATCH_VOLUMES = 50;

/** Removes everything older than `cutoff`, batch by batch (see doomBatchOlderThan). */
export function doomOlderThan(statements: StatementCache, cutoff: number, at: number): RetentionResult {
  const total: RetentionResult = { volumes: 0, products: 0, objects: 0 };
  for (;;) {
    const step = doomBatchOlderThan(statements, cutoff, at, RETENTION_BATCH_VOLUMES);
    if (step.volumes === 0 && step.products === 0) return total;
    total.volumes += step.volumes;
    total.products += step.products;
    total.objects += step.objects;
  }
}

/** Up to `limit` doomed object keys, to delete from the store. */
export function doomedKeys(statements: StatementCache, limit: number): string[] {
  return (statements.prepare('SELECT key FROM doomed_objects ORDER BY key LIMIT ?').all(limit) as { key: string }[]).map((r) => r.key);
}

/** Forgets doomed keys once their objects are gone. */
export function forgetDoomed(statements: StatementCache, keys: readonly string[]): void {
  const del = statements.prepare('DELETE FROM doomed_objects WHERE key = ?');
  statements.db.transaction(() => {
    for (const key of keys) del.run(key);
  })();
}

export function doomedCount(statements: StatementCache): number {
  return (statements.prepare('SELECT COUNT(*) AS n FROM doomed_objects').get() as { n: number }).n;
}
