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

function checkMaxVolumes(maxVolumes: number): void {
  if (!Number.isSafeInteger(maxVolumes) || maxVolumes < 1) throw new RadomeError('BAD_INPUT', `retention batch: maxVolumes ${maxVolumes} is not a whole number >= 1`);
}

/** A batch's rows (the oldest volumes and products before a cutoff) and the object keys they point at. */
interface Batch {
  volumes: { id: string; site: string; z: string | null }[];
  /** The volumes' ids, then the products', as JSON arrays (bound to json_each). */
  volumeIds: string;
  productIds: string;
  keys: string[];
}

/** The oldest `maxVolumes` volumes and `maxVolumes` × 20 products before `cutoff`, and their object keys: reads only. */
function batchOlderThan(statements: StatementCache, cutoff: number, maxVolumes: number): Batch | null {
  const volumes = statements.prepare('SELECT id, site, zarr_key AS z FROM volumes WHERE scan_start < ? ORDER BY scan_start LIMIT ?').all(cutoff, maxVolumes) as Batch['volumes'];
  const products = statements
    .prepare('SELECT id FROM products WHERE scan_time < ? ORDER BY scan_time LIMIT ?')
    .pluck()
    .all(cutoff, maxVolumes * PRODUCTS_PER_VOLUME) as string[];
  if (volumes.length === 0 && products.length === 0) return null;
  const volumeIds = JSON.stringify(volumes.map((v) => v.id));
  const productIds = JSON.stringify(products);
  const sweepKeys = statements.prepare(`SELECT image_key AS a, metadata_key AS b FROM sweeps WHERE volume_id IN (${IDS})`).all(volumeIds) as { a: string; b: string }[];
  const productKeys = statements.prepare(`SELECT image_key AS a, metadata_key AS b, raw_key AS c, ${STORM_CELLS_KEY} AS d FROM products WHERE id IN (${IDS})`).all(productIds) as {
    a: string | null;
    b: string;
    c: string;
    d: string | null;
  }[];
  const keys = [
    ...sweepKeys.flatMap((r) => [r.a, r.b]),
    ...volumes.flatMap((v) => (v.z ? [`${v.z}/`] : [])),
    ...productKeys.flatMap((r) => [r.a, r.b, r.c, r.d].filter((k): k is string => k !== null)),
  ];
  return { volumes, volumeIds, productIds, keys };
}

/**
 * One bounded step of retention: the oldest `maxVolumes` volumes whose scan started, and the
 * oldest `maxVolumes` × 20 products scanned, before `cutoff`, with their sweeps and source-file
 * records, removed in one transaction that records their object keys as doomed. Returns zeros once
 * nothing older is left. Batches keep each write lock short (a day of national data is ~46,000
 * volumes and 4 million sweep rows: one transaction would hold writers back for minutes); a
 * warmBatchOlderThan just before keeps the lock off the disk.
 */
export function doomBatchOlderThan(statements: StatementCache, cutoff: number, at: number, maxVolumes: number): RetentionResult {
  checkMaxVolumes(maxVolumes);
  return statements.db
    .transaction((): RetentionResult => {
      const batch = batchOlderThan(statements, cutoff, maxVolumes);
      if (!batch) return { volumes: 0, products: 0, objects: 0 };
      const { volumes, volumeIds, productIds } = batch;
      const objects = doom(statements, batch.keys, `retention before ${new Date(cutoff).toISOString()}`, at);
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

/**
 * The statement reading the pages a change of some rows of `table` writes: the rows themselves
 * (`from`: a FROM clause naming the table `t`, e.g. `sweeps t WHERE t.volume_id = ?`), and each
 * row's entry in every index of the table, by a seek on that index (INDEXED BY) to that very entry: every key column equal, then the rowid (or a WITHOUT ROWID
 * table's primary key) an index entry ends with, so the seek lands on the entry's page even among
 * many equal keys (the source files of volumes all have a null product_id). A partial index gets
 * its own condition. Built from the schema, so an index added later is read too; expression
 * indexes are left out. Exported for its test.
 */
export function warmSql(statements: StatementCache, table: string, from: string): string {
  const { db } = statements;
  const seeks: string[] = [];
  for (const index of db.pragma(`index_list(${table})`) as { name: string; origin: string; partial: number }[]) {
    const columns = db.pragma(`index_xinfo(${index.name})`) as { cid: number; name: string | null; key: number }[];
    if (columns.some((c) => c.cid === -2)) continue;
    // A WITHOUT ROWID table's primary key index holds the whole row after its key: the key is enough.
    const entry = columns.filter((c) => c.key === 1 || c.cid === -1 || index.origin !== 'pk').map((c) => (c.cid === -1 ? 'rowid IS r.warm_rowid' : `${c.name} IS r.${c.name}`));
    if (index.partial) {
      const sql = (db.prepare('SELECT sql FROM sqlite_schema WHERE type = ? AND name = ?').pluck().get('index', index.name) as string).replace(/\s+/g, ' ');
      entry.push(`(${sql.slice(sql.search(/ WHERE /i) + 7)})`);
    }
    seeks.push(`EXISTS (SELECT 1 FROM ${table} INDEXED BY ${index.name} WHERE ${entry.join(' AND ')})`);
  }
  const withoutRowid = (db.prepare('SELECT wr FROM pragma_table_list WHERE name = ?').pluck().get(table) as number) === 1;
  return `SELECT count(*), sum(${seeks.join(' + ') || '0'}) FROM (SELECT ${withoutRowid ? '' : 't.rowid AS warm_rowid, '}t.* FROM ${from}) r`;
}

/** The pages of the rows of `table` in `from` and of their index entries, read: see warmSql. */
function warmRows(statements: StatementCache, table: string, from: string, ...params: unknown[]): void {
  const key = `${table}\n${from}`;
  let sql = warmStatements.get(statements)?.get(key);
  if (!sql) {
    sql = warmSql(statements, table, from);
    if (!warmStatements.has(statements)) warmStatements.set(statements, new Map());
    warmStatements.get(statements)!.set(key, sql);
  }
  statements.prepare(sql).get(...params);
}

const warmStatements = new WeakMap<StatementCache, Map<string, string>>();

/**
 * What to do before doomBatchOlderThan(cutoff, at, maxVolumes), without the write lock: the last
 * batch's pages copied from the WAL into the file (PASSIVE: writers go on meanwhile), then
 * the next batch's pages read (its rows, their index entries, their source-file records, where
 * their doomed keys go), in a read transaction. At a national week (a 22 GB file) the deletes
 * reached index pages not in memory and one batch of a single volume held writers back for
 * seconds waiting for the disk; read here first, the batch finds its pages in the OS's cache.
 */
export function warmBatchOlderThan(statements: StatementCache, cutoff: number, maxVolumes: number): void {
  checkMaxVolumes(maxVolumes);
  const { db } = statements;
  if (db.inTransaction) return;
  // The last batch's pages copied into the file by retention (called right after a batch), not by
  // whichever commit next finds the WAL past its 1,000-page mark: at a national day that was an
  // ingest commit copying several batches' worth of scattered index pages, and a writer beside
  // retention waited 2.8 s once (its other waits: 140 ms at p99).
  db.pragma('wal_checkpoint(PASSIVE)');
  db.transaction(() => {
    const batch = batchOlderThan(statements, cutoff, maxVolumes);
    if (!batch) return;
    const { volumeIds, productIds } = batch;
    warmRows(statements, 'volumes', `volumes t WHERE t.id IN (${IDS})`, volumeIds);
    warmRows(statements, 'sweeps', `sweeps t WHERE t.volume_id IN (${IDS})`, volumeIds);
    warmRows(statements, 'products', `products t WHERE t.id IN (${IDS})`, productIds);
    warmRows(statements, 'source_files', `source_files t WHERE t.volume_id IN (${IDS}) OR t.product_id IN (${IDS})`, volumeIds, productIds);
    // What the rows' delete triggers change (migrations 11 and 12), and the precipitation rows they recount.
    warmRows(
      statements,
      'radar_minute_counts',
      `(SELECT site, scan_start / 60000 AS minute FROM volumes WHERE id IN (${IDS}) UNION SELECT site, start_time / 60000 FROM sweeps WHERE volume_id IN (${IDS})
        UNION SELECT site, scan_time / 60000 FROM products WHERE id IN (${IDS})) k CROSS JOIN radar_minute_counts t ON t.site = k.site AND t.minute = k.minute`,
      volumeIds,
      volumeIds,
      productIds,
    );
    const productGroups = `SELECT DISTINCT scan_time / 3600000 AS hour, site, code, mnemonic, category FROM products WHERE id IN (${IDS})`;
    warmRows(statements, 'product_hour_counts', `(${productGroups}) k CROSS JOIN product_hour_counts t ON t.hour = k.hour AND t.code = k.code AND t.mnemonic = k.mnemonic`, productIds);
    warmRows(
      statements,
      'precipitation_hours',
      `(${productGroups}) k CROSS JOIN precipitation_hours t ON t.hour = k.hour AND t.site = k.site AND t.code = k.code AND t.mnemonic = k.mnemonic`,
      productIds,
    );
    statements
      .prepare(
        `SELECT sum((SELECT count(*) FROM products INDEXED BY products_precipitation_by_time WHERE site = k.site AND category = 'PRECIPITATION' AND code = k.code
          AND mnemonic = k.mnemonic AND scan_time >= k.hour * 3600000 AND scan_time < (k.hour + 1) * 3600000)) FROM (${productGroups}) k WHERE k.category = 'PRECIPITATION'`,
      )
      .get(productIds);
    statements.prepare(`SELECT count(*) FROM json_each(?) j WHERE EXISTS (SELECT 1 FROM doomed_objects WHERE key = j.value)`).get(JSON.stringify(batch.keys));
  }).deferred();
}

/** Batches of retention a whole pass runs (each its own transaction). */
const RETENTION_BATCH_VOLUMES = 50;

/** Removes everything older than `cutoff`, batch by batch (see doomBatchOlderThan). */
export function doomOlderThan(statements: StatementCache, cutoff: number, at: number): RetentionResult {
  const total: RetentionResult = { volumes: 0, products: 0, objects: 0 };
  for (;;) {
    warmBatchOlderThan(statements, cutoff, RETENTION_BATCH_VOLUMES);
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
