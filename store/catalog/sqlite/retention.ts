import type { CommitKind, RetentionResult } from '../data-retention.js';
import type { StatementCache } from './statements.js';

// Retention's two steps (see ../data-retention.ts) on SQLite: the rows' object keys are recorded in
// doomed_objects in the transaction that deletes the rows, and forgotten once the objects are gone.
//
// A doomed key ending in "/" stands for every object under it: a volume's sweep store (Zarr) is
// hundreds of objects the catalog does not list one by one.

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

/**
 * Removes every volume whose scan started and every product scanned before `cutoff`, with their
 * sweeps and source-file records, in one transaction that records their object keys as doomed.
 */
export function doomOlderThan(statements: StatementCache, cutoff: number, at: number): RetentionResult {
  return statements.db
    .transaction((): RetentionResult => {
      const volumeKeys = statements.prepare('SELECT s.image_key AS a, s.metadata_key AS b FROM sweeps s JOIN volumes v ON v.id = s.volume_id WHERE v.scan_start < ?').all(cutoff) as {
        a: string;
        b: string;
      }[];
      const stores = statements.prepare('SELECT zarr_key AS z FROM volumes WHERE scan_start < ? AND zarr_key IS NOT NULL').all(cutoff) as { z: string }[];
      const productKeys = statements.prepare(`SELECT image_key AS a, metadata_key AS b, raw_key AS c, ${STORM_CELLS_KEY} AS d FROM products WHERE scan_time < ?`).all(cutoff) as {
        a: string | null;
        b: string;
        c: string;
        d: string | null;
      }[];
      const reason = `retention before ${new Date(cutoff).toISOString()}`;
      const objects =
        doom(
          statements,
          volumeKeys.flatMap((r) => [r.a, r.b]),
          reason,
          at,
        ) +
        doom(
          statements,
          stores.map((r) => `${r.z}/`),
          reason,
          at,
        ) +
        doom(
          statements,
          productKeys.flatMap((r) => [r.a, r.b, r.c, r.d].filter((k): k is string => k !== null)),
          reason,
          at,
        );
      statements.prepare('DELETE FROM source_files WHERE volume_id IN (SELECT id FROM volumes WHERE scan_start < ?)').run(cutoff);
      statements.prepare('DELETE FROM source_files WHERE product_id IN (SELECT id FROM products WHERE scan_time < ?)').run(cutoff);
      const volumes = statements.prepare('DELETE FROM volumes WHERE scan_start < ?').run(cutoff).changes;
      const products = statements.prepare('DELETE FROM products WHERE scan_time < ?').run(cutoff).changes;
      statements
        .prepare(
          `UPDATE radar_sites SET first_volume_at = (SELECT MIN(scan_start) FROM volumes WHERE site = radar_sites.id),
          last_volume_at = (SELECT MAX(scan_start) FROM volumes WHERE site = radar_sites.id)`,
        )
        .run();
      return { volumes, products, objects };
    })
    .immediate();
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
