// Fills a new SQLite catalog with many commits at once (benches' week-sized catalogs): the rows
// and events the writer's commits would leave, written with plain INSERTs in large transactions,
// the secondary indexes built once at the end (a sort instead of millions of b-tree inserts), and
// the per-minute counts the triggers would keep filled in one grouped pass.
import type Database from 'better-sqlite3';
import { RadomeError } from '../../../core/errors.js';
import { type BulkCatalogItem, BulkLoadTally, type BulkLoadResult } from '../bulk-rows.js';
import { analyseBeforeClose } from './closing-analysis.js';
import { FILL_PRECIPITATION_LATEST, FILL_PRODUCT_HOURS, FILL_RADAR_MINUTE_COUNTS, migrate } from './migrations.js';
import { openDatabase } from './open.js';
import { PRODUCT_COLUMNS } from '../rows/product-rows.js';
import { SWEEP_COLUMNS, VOLUME_COLUMNS } from '../rows/radar-rows.js';

const TABLES = ['volumes', 'sweeps', 'products', 'source_files', 'catalog_events'];
const ITEMS_PER_TRANSACTION = 2_000;
/** Rows per INSERT statement: one call into SQLite per 64 rows, not per row (~2× less CPU per row). */
const ROWS_PER_INSERT = 64;

const FILE_COLUMNS = 'source, key, fingerprint, size, ingested_at, volume_id, product_id';
const EVENT_COLUMNS = 'at, kind, site, subject_id, code';
const UPSERT_SITE = `INSERT INTO radar_sites (id, latitude, longitude, height_m) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`;

/**
 * Rows of one table bound by position and inserted ROWS_PER_INSERT at a time by one multi-row
 * INSERT (the rest, at flush, one by one).
 */
class RowInserter {
  private values: unknown[] = [];
  private rows = 0;
  private readonly many: Database.Statement;
  private readonly one: Database.Statement;
  constructor(db: Database.Database, table: string, columns: string) {
    const row = `(${columns
      .split(',')
      .map(() => '?')
      .join(', ')})`;
    this.many = db.prepare(`INSERT INTO ${table} (${columns}) VALUES ${Array(ROWS_PER_INSERT).fill(row).join(', ')}`);
    this.one = db.prepare(`INSERT INTO ${table} (${columns}) VALUES ${row}`);
  }
  /** A row as values, or as the writer's named parameters (their order is the column order). */
  add(row: readonly unknown[] | Record<string, unknown>): void {
    for (const v of Array.isArray(row) ? row : Object.values(row)) this.values.push(v);
    if (++this.rows === ROWS_PER_INSERT) {
      this.many.run(this.values);
      this.values = [];
      this.rows = 0;
    }
  }
  flush(): void {
    const width = this.values.length / this.rows;
    for (let i = 0; i < this.rows; i++) this.one.run(this.values.slice(i * width, (i + 1) * width));
    this.values = [];
    this.rows = 0;
  }
}

/**
 * Creates the catalog at `path` (which must not hold radar rows yet) and commits `items` into it.
 * The file is written with its journal in memory: a crash leaves a file to delete, never a half-good one
 * that looks finished, because callers build under a temporary name and rename when this returns.
 */
export function bulkLoadSqliteCatalog(path: string, items: Iterable<BulkCatalogItem>): BulkLoadResult {
  const db = openDatabase(path, false);
  try {
    migrate(db, path);
    if (db.prepare('SELECT 1 FROM volumes LIMIT 1').get()) throw new RadomeError('CONFIG', `bulk load: catalog ${path} already has volumes; bulk loads fill new catalogs only`);
    // MEMORY, not OFF: better-sqlite3 opens connections in defensive mode, which refuses OFF.
    db.pragma('journal_mode = MEMORY');
    db.pragma('synchronous = OFF');
    db.pragma('cache_size = -1000000');
    // Indexes and the count triggers are dropped while rows go in, and made again at the end.
    const derived = db
      .prepare(`SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') AND sql IS NOT NULL AND tbl_name IN (${TABLES.map(() => '?').join(', ')})`)
      .all(...TABLES) as { type: 'index' | 'trigger'; name: string; sql: string }[];
    for (const d of derived) db.exec(`DROP ${d.type.toUpperCase()} ${d.name}`);

    // Rows go in by table in batches, so a sweep may precede its volume's row inside a
    // transaction: the foreign keys' checks are off (the rows are whole by construction).
    db.pragma('foreign_keys = OFF');
    // The index builds at the end sort on up to two threads.
    db.pragma('threads = 2');

    const site = db.prepare(UPSERT_SITE);
    const inserts = {
      volume: new RowInserter(db, 'volumes', VOLUME_COLUMNS),
      sweep: new RowInserter(db, 'sweeps', SWEEP_COLUMNS),
      product: new RowInserter(db, 'products', PRODUCT_COLUMNS),
      file: new RowInserter(db, 'source_files', FILE_COLUMNS),
      event: new RowInserter(db, 'catalog_events', EVENT_COLUMNS),
    };
    const tally = new BulkLoadTally();
    const write = db.transaction((batch: BulkCatalogItem[]) => {
      for (const item of batch) {
        for (const s of tally.newSites(item)) site.run(s.id, s.latitude, s.longitude, s.heightM);
        tally.add(item, inserts);
      }
      for (const insert of Object.values(inserts)) insert.flush();
    });
    let batch: BulkCatalogItem[] = [];
    for (const item of items) {
      batch.push(item);
      if (batch.length >= ITEMS_PER_TRANSACTION) {
        write(batch);
        batch = [];
      }
    }
    write(batch);

    db.transaction(() => {
      for (const d of derived) db.exec(d.sql);
      db.exec(FILL_RADAR_MINUTE_COUNTS);
      db.exec(FILL_PRODUCT_HOURS);
      db.exec(FILL_PRECIPITATION_LATEST);
      const grow = db.prepare('INSERT INTO duration_bounds (kind, max_ms) VALUES (?, ?) ON CONFLICT (kind) DO UPDATE SET max_ms = MAX(max_ms, excluded.max_ms)');
      grow.run('volume', tally.longestMs.volume);
      grow.run('sweep', tally.longestMs.sweep);
      db.exec(`UPDATE radar_sites SET first_volume_at = (SELECT MIN(scan_start) FROM volumes WHERE site = radar_sites.id),
        last_volume_at = (SELECT MAX(scan_start) FROM volumes WHERE site = radar_sites.id)`);
    })();
    db.pragma('foreign_keys = ON');
    analyseBeforeClose(db); // as a catalog's close does, so plans are those of a catalog in use
    db.pragma('journal_mode = WAL');
    return tally.counts;
  } finally {
    db.close();
  }
}
