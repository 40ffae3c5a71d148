// Retention on PostgreSQL (see ../data-retention.ts): the same doomed-object bookkeeping as on
// SQLite, but whole days of sweeps and products older than the cutoff go by DETACH + DROP of their
// partitions (no row-by-row delete, no dead tuples to vacuum); only the boundary day's rows and
// the (unpartitioned) volumes are deleted as rows.
import { RadomeError } from '../../../core/errors.js';
import type { CommitKind, RetentionResult } from '../data-retention.js';
import { dropPartition, partitionsBefore, PRODUCTS, SWEEPS } from './partitions.js';
import type { PgSession } from './session.js';

/** The storm cells object beside a storm product (level3StormCellsKey: `<stem>.raw` → `<stem>.cells.json`). */
const STORM_CELLS_KEY = `CASE WHEN code IN (58, 59, 61, 62, 141) THEN substr(raw_key, 1, length(raw_key) - 4) || '.cells.json' END`;

/** Records keys as doomed; returns how many were not already. */
async function doom(db: PgSession, keys: Iterable<string>, reason: string, at: number): Promise<number> {
  const list = [...new Set(keys)];
  if (list.length === 0) return 0;
  return db.exec('INSERT INTO doomed_objects (key, reason, doomed_at) SELECT k, ?, ? FROM unnest(?::text[]) k ON CONFLICT (key) DO NOTHING', [reason, at, list]);
}

export async function objectKeysOf(db: PgSession, kind: CommitKind, id: string): Promise<string[]> {
  if (kind === 'level2') {
    const rows = await db.rows<{ a: string; b: string }>('SELECT image_key AS a, metadata_key AS b FROM sweeps WHERE volume_id = ?', [id]);
    const store = await db.row<{ z: string | null }>('SELECT zarr_key AS z FROM volumes WHERE id = ?', [id]);
    return [...rows.flatMap((r) => [r.a, r.b]), ...(store?.z ? [`${store.z}/`] : [])];
  }
  if (kind === 'level3') {
    const r = await db.row<{ a: string | null; b: string; c: string; d: string | null }>(`SELECT image_key AS a, metadata_key AS b, raw_key AS c, ${STORM_CELLS_KEY} AS d FROM products WHERE id = ?`, [
      id,
    ]);
    return r ? [r.a, r.b, r.c, r.d].filter((k): k is string => k !== null) : [];
  }
  return [];
}

/**
 * Runs `commit` in one transaction with the bookkeeping of its objects, as on SQLite. `commit`'s
 * catalog calls join this transaction (PgSession's ambient transaction).
 */
export function commitDoomingReplaced(db: PgSession, kind: CommitKind, id: string, at: number, commit: () => unknown): Promise<number> {
  return db.transaction(async () => {
    const before = await objectKeysOf(db, kind, id);
    await commit();
    const after = new Set(await objectKeysOf(db, kind, id));
    if (after.size > 0) await db.exec('DELETE FROM doomed_objects WHERE key = ANY(?)', [[...after]]);
    return doom(
      db,
      before.filter((k) => !after.has(k)),
      `replaced in ${id}`,
      at,
    );
  });
}

/**
 * Takes a partition's rows out of radar_minute_counts before it is dropped (a drop fires no row
 * trigger); returns how many rows it had.
 */
async function uncountPartition(db: PgSession, name: string, column: string, field: 'sweeps' | 'products'): Promise<number> {
  const rows = await db.rows<{ n: number }>(
    `WITH d AS (SELECT site, ${column} / 60000 AS minute, COUNT(*)::integer AS n FROM ${name} GROUP BY 1, 2),
       u AS (UPDATE radar_minute_counts m SET ${field} = m.${field} - d.n FROM d WHERE m.site = d.site AND m.minute = d.minute)
     SELECT COALESCE(SUM(n), 0)::integer AS n FROM d`,
  );
  return rows[0]!.n;
}

/**
 * Takes a products partition's rows out of product_hour_counts and precipitation_hours (step 5)
 * before it is dropped. A day partition holds whole hours, so its hours go to zero and are deleted
 * (no maximum is left to recount).
 */
async function uncountProductHours(db: PgSession, name: string, cutoff: number): Promise<void> {
  const hours = Math.ceil(cutoff / 3_600_000);
  await db.exec(
    `WITH d AS (SELECT scan_time / 3600000 AS hour, code, mnemonic, COUNT(*)::integer AS n FROM ${name} GROUP BY 1, 2, 3)
     UPDATE product_hour_counts h SET products = h.products - d.n FROM d WHERE h.hour = d.hour AND h.code = d.code AND h.mnemonic = d.mnemonic`,
  );
  await db.exec('DELETE FROM product_hour_counts WHERE hour < ? AND products <= 0', [hours]);
  await db.exec(
    `WITH d AS (SELECT scan_time / 3600000 AS hour, site, code, mnemonic, COUNT(*)::integer AS n FROM ${name} WHERE category = 'PRECIPITATION' GROUP BY 1, 2, 3, 4)
     UPDATE precipitation_hours h SET products = h.products - d.n FROM d WHERE h.hour = d.hour AND h.site = d.site AND h.code = d.code AND h.mnemonic = d.mnemonic`,
  );
  await db.exec('DELETE FROM precipitation_hours WHERE hour < ? AND products <= 0', [hours]);
}

/**
 * Removes every volume whose scan started and every product scanned before `cutoff`, in one
 * transaction that records their object keys as doomed: whole days by partition drop, the rest
 * by DELETE.
 */
export function doomOlderThan(db: PgSession, cutoff: number, at: number): Promise<RetentionResult> {
  return db.transaction(async (): Promise<RetentionResult> => {
    const reason = `retention before ${new Date(cutoff).toISOString()}`;
    const volumeKeys = await db.rows<{ a: string; b: string }>('SELECT s.image_key AS a, s.metadata_key AS b FROM sweeps s JOIN volumes v ON v.id = s.volume_id WHERE v.scan_start < ?', [cutoff]);
    const stores = await db.rows<{ z: string }>('SELECT zarr_key AS z FROM volumes WHERE scan_start < ? AND zarr_key IS NOT NULL', [cutoff]);
    const productKeys = await db.rows<{ a: string | null; b: string; c: string; d: string | null }>(
      `SELECT image_key AS a, metadata_key AS b, raw_key AS c, ${STORM_CELLS_KEY} AS d FROM products WHERE scan_time < ?`,
      [cutoff],
    );
    const objects =
      (await doom(
        db,
        volumeKeys.flatMap((r) => [r.a, r.b]),
        reason,
        at,
      )) +
      (await doom(
        db,
        stores.map((r) => `${r.z}/`),
        reason,
        at,
      )) +
      (await doom(
        db,
        productKeys.flatMap((r) => [r.a, r.b, r.c, r.d].filter((k): k is string => k !== null)),
        reason,
        at,
      ));
    await db.exec('DELETE FROM source_files WHERE volume_id IN (SELECT id FROM volumes WHERE scan_start < ?)', [cutoff]);
    await db.exec('DELETE FROM source_files WHERE product_id IN (SELECT id FROM products WHERE scan_time < ?)', [cutoff]);
    // A sweep starts at or after its volume, so a whole day of sweeps before the cutoff belongs to
    // volumes that go too.
    for (const name of await partitionsBefore(db, SWEEPS, cutoff)) {
      await uncountPartition(db, name, 'start_time', 'sweeps');
      await dropPartition(db, SWEEPS, name);
    }
    let products = 0;
    for (const name of await partitionsBefore(db, PRODUCTS, cutoff)) {
      products += await uncountPartition(db, name, 'scan_time', 'products');
      await uncountProductHours(db, name, cutoff);
      await dropPartition(db, PRODUCTS, name);
    }
    await db.exec('DELETE FROM radar_minute_counts WHERE volumes = 0 AND sweeps = 0 AND products = 0');
    const volumes = await db.exec('DELETE FROM volumes WHERE scan_start < ?', [cutoff]);
    products += await db.exec('DELETE FROM products WHERE scan_time < ?', [cutoff]);
    // A group whose newest went with a dropped partition had every row before the cutoff (step 7).
    await db.exec('DELETE FROM precipitation_latest WHERE newest_time < ?', [cutoff]);
    await db.exec(`UPDATE radar_sites SET (first_volume_at, last_volume_at) = (SELECT MIN(scan_start), MAX(scan_start) FROM volumes WHERE site = radar_sites.id)`);
    return { volumes, products, objects };
  });
}

/** Products a batch takes per volume it takes (as on SQLite: a site scans about that many per volume). */
const PRODUCTS_PER_VOLUME = 20;

/**
 * One bounded step of retention, as on SQLite: at most `maxVolumes` of the oldest volumes (and
 * proportionately many products) deleted as rows in one short transaction; all zeros once nothing
 * older is left. doomOlderThan's whole pass drops partitions instead.
 */
export function doomBatchOlderThan(db: PgSession, cutoff: number, at: number, maxVolumes: number): Promise<RetentionResult> {
  if (!Number.isSafeInteger(maxVolumes) || maxVolumes < 1) throw new RadomeError('BAD_INPUT', `retention batch: maxVolumes ${maxVolumes} is not a whole number >= 1`);
  return db.transaction(async (): Promise<RetentionResult> => {
    const volumes = await db.rows<{ id: string; site: string; z: string | null }>('SELECT id, site, zarr_key AS z FROM volumes WHERE scan_start < ? ORDER BY scan_start LIMIT ? FOR UPDATE', [
      cutoff,
      maxVolumes,
    ]);
    const products = await db.rows<{ a: string | null; b: string; c: string; d: string | null; id: string }>(
      `SELECT id, image_key AS a, metadata_key AS b, raw_key AS c, ${STORM_CELLS_KEY} AS d FROM products WHERE scan_time < ? ORDER BY scan_time LIMIT ?`,
      [cutoff, maxVolumes * PRODUCTS_PER_VOLUME],
    );
    if (volumes.length === 0 && products.length === 0) return { volumes: 0, products: 0, objects: 0 };
    const volumeIds = volumes.map((v) => v.id);
    const productIds = products.map((p) => p.id);
    const sweepKeys = await db.rows<{ a: string; b: string }>('SELECT image_key AS a, metadata_key AS b FROM sweeps WHERE volume_id = ANY(?)', [volumeIds]);
    const keys = [
      ...sweepKeys.flatMap((r) => [r.a, r.b]),
      ...volumes.flatMap((v) => (v.z ? [`${v.z}/`] : [])),
      ...products.flatMap((r) => [r.a, r.b, r.c, r.d].filter((k): k is string => k !== null)),
    ];
    const objects = await doom(db, keys, `retention before ${new Date(cutoff).toISOString()}`, at);
    await db.exec('DELETE FROM source_files WHERE volume_id = ANY(?)', [volumeIds]);
    await db.exec('DELETE FROM source_files WHERE product_id = ANY(?)', [productIds]);
    await db.exec('DELETE FROM sweeps WHERE volume_id = ANY(?)', [volumeIds]);
    const removedVolumes = await db.exec('DELETE FROM volumes WHERE id = ANY(?)', [volumeIds]);
    const removedProducts = await db.exec('DELETE FROM products WHERE id = ANY(?)', [productIds]);
    await db.exec('UPDATE radar_sites SET (first_volume_at, last_volume_at) = (SELECT MIN(scan_start), MAX(scan_start) FROM volumes WHERE site = radar_sites.id) WHERE id = ANY(?)', [
      [...new Set(volumes.map((v) => v.site))],
    ]);
    return { volumes: removedVolumes, products: removedProducts, objects };
  });
}

export async function doomedKeys(db: PgSession, limit: number): Promise<string[]> {
  return (await db.rows<{ key: string }>('SELECT key FROM doomed_objects ORDER BY key LIMIT ?', [limit])).map((r) => r.key);
}

export async function forgetDoomed(db: PgSession, keys: readonly string[]): Promise<void> {
  if (keys.length > 0) await db.exec('DELETE FROM doomed_objects WHERE key = ANY(?)', [[...keys]]);
}

export async function doomedCount(db: PgSession): Promise<number> {
  return (await db.row<{ n: number }>('SELECT COUNT(*) AS n FROM doomed_objects'))!.n;
}

/** How many partitions each partitioned table has (tests, benches: retention drops them). */
export async function partitionCounts(db: PgSession): Promise<Record<string, number>> {
  const rows = await db.rows<{ t: string; n: number }>(
    `SELECT p.relname AS t, COUNT(*) AS n FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhparent
     WHERE p.relname IN ('sweeps', 'products', 'snr_rollups') GROUP BY p.relname`,
  );
  return Object.fromEntries(rows.map((r) => [r.t, r.n]));
}
