// Copies a SQLite catalog into an empty PostgreSQL one, table by table in one PostgreSQL
// transaction, then verifies it: every table's row count, and a sample of rows read back through
// both engines' readers. What `radome catalog migrate` runs.
import type { ProductId, SweepId, VolumeId } from '../../../core/vocabulary/index.js';
import type Database from 'better-sqlite3';
import { RadomeError } from '../../../core/errors.js';
import { checkSchema } from '../sqlite/migrations.js';
import { openDatabase } from '../sqlite/open.js';
import { openSqliteReadOnlyCatalog } from '../sqlite/sqlite-catalog.js';
import { ensurePartitions, PRODUCTS, SNR_ROLLUPS, SWEEPS, type PartitionedTable } from './partitions.js';
import { openPostgresCatalog } from './postgres-catalog.js';
import { PgSession, redactUrl } from './session.js';

/** Tables in an order that satisfies foreign keys; each copied with every column. */
// radar_minute_counts is not copied: PostgreSQL's triggers count the copied rows. Nor is
// file_claims: its leases belong to workers on the SQLite catalog, which write there, not here;
// the queued files (ingest_queue) come over unclaimed, so workers on PostgreSQL take them at once.
const TABLES: readonly { name: string; partitioned?: { by: PartitionedTable; column: string }; booleans?: string[]; identity?: string }[] = [
  { name: 'radar_sites' },
  { name: 'volumes' },
  { name: 'sweeps', partitioned: { by: SWEEPS, column: 'start_time' } },
  { name: 'products', partitioned: { by: PRODUCTS, column: 'scan_time' } },
  { name: 'source_files' },
  { name: 'ingest_failures' },
  { name: 'duration_bounds' },
  { name: 'gnss_stations', identity: 'num' },
  { name: 'gnss_codes', identity: 'id' },
  { name: 'gnss_station_signals' },
  { name: 'gnss_days', booleans: ['elevation_rollups'] },
  { name: 'snr_rollups', partitioned: { by: SNR_ROLLUPS, column: 'bucket' } },
  { name: 'snr_elevation_rollups' },
  { name: 'gnss_orbits' },
  { name: 'gnss_station_settings' },
  { name: 'ingest_sources', booleans: ['paused', 'running'] },
  { name: 'ingest_flags' },
  { name: 'backfill_requests', identity: 'id' },
  { name: 'doomed_objects' },
  { name: 'ingest_queue' },
  { name: 'catalog_events', identity: 'seq' },
];

/** Rows per INSERT: below PostgreSQL's 65,535 parameters for the widest table. */
const MAX_PARAMETERS = 60_000;

export interface TableCopy {
  table: string;
  sqliteRows: number;
  postgresRows: number;
}

export interface CatalogCopyReport {
  tables: TableCopy[];
  /** Rows compared field by field through both readers (volumes, sweeps, products, stations, days). */
  sampledRows: number;
  /** File claims of the SQLite catalog left behind, and how many of them had a lease still running (a worker was on the file). */
  claimsDropped: { all: number; live: number };
}

function columnsOf(db: Database.Database, table: string): string[] {
  return (db.prepare(`SELECT name FROM pragma_table_info(?) ORDER BY cid`).all(table) as { name: string }[]).map((c) => c.name);
}

async function copyTable(sqlite: Database.Database, pgdb: PgSession, spec: (typeof TABLES)[number]): Promise<number> {
  const columns = columnsOf(sqlite, spec.name);
  if (spec.partitioned) {
    const { by, column } = spec.partitioned;
    const days = sqlite
      .prepare(`SELECT DISTINCT ${column} - (${column} % ${by.perDay}) - CASE WHEN ${column} % ${by.perDay} < 0 THEN ${by.perDay} ELSE 0 END FROM ${spec.name}`)
      .pluck()
      .all() as number[];
    await ensurePartitions(pgdb, by, days);
  }
  const batch = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
  const booleans = new Set(spec.booleans ?? []);
  const overriding = spec.name === 'catalog_events' ? ' OVERRIDING SYSTEM VALUE' : '';
  const insert = (rows: number) => `INSERT INTO ${spec.name} (${columns.join(', ')})${overriding} VALUES ${Array.from({ length: rows }, () => `(${columns.map(() => '?').join(', ')})`).join(', ')}`;
  let copied = 0;
  let values: unknown[] = [];
  const flush = async () => {
    if (values.length === 0) return;
    await pgdb.exec(insert(values.length / columns.length), values);
    values = [];
  };
  for (const row of sqlite
    .prepare(`SELECT ${columns.join(', ')} FROM ${spec.name}`)
    .raw(true)
    .iterate() as IterableIterator<unknown[]>) {
    for (let i = 0; i < columns.length; i++) values.push(booleans.has(columns[i]!) ? row[i] === 1 : row[i]);
    copied++;
    if (copied % batch === 0) await flush();
  }
  await flush();
  if (spec.identity) {
    await pgdb.exec(
      `SELECT setval(pg_get_serial_sequence('${spec.name}', '${spec.identity}'), GREATEST((SELECT MAX(${spec.identity}) FROM ${spec.name}), 1), (SELECT COUNT(*) > 0 FROM ${spec.name}))`,
    );
  }
  return copied;
}

/** Tables of the target that already hold rows: a copy goes only into an empty catalog. */
async function nonEmpty(pgdb: PgSession): Promise<string[]> {
  const found: string[] = [];
  for (const { name } of TABLES) if (await pgdb.row(`SELECT 1 FROM ${name} LIMIT 1`)) found.push(name);
  return found;
}

/**
 * Up to `size` of the ids the query lists, evenly spaced through them so the sample spans the whole
 * catalog (ids the source catalog holds, so already of their kind).
 */
function sampleKeys<Id extends string>(db: Database.Database, sql: string, size: number): Id[] {
  const keys = db.prepare(sql).pluck().all() as Id[];
  const step = Math.max(1, Math.floor(keys.length / size));
  return keys.filter((_, i) => i % step === 0).slice(0, size);
}

/**
 * Copies the SQLite catalog at `sqlitePath` (at the current schema) into the PostgreSQL catalog at
 * `url` (created and migrated if new; it must hold no rows), in one transaction, and verifies it.
 */
export async function copySqliteCatalogToPostgres(sqlitePath: string, url: string, options: { sample?: number } = {}): Promise<CatalogCopyReport> {
  const sqlite = openDatabase(sqlitePath, true);
  try {
    checkSchema(sqlite, sqlitePath);
    // Migrates the target (a separate handle: the copy below is one transaction of its own).
    await (await openPostgresCatalog(url)).close();
    const pgdb = new PgSession(url, false);
    const tables: TableCopy[] = [];
    try {
      await pgdb.transaction(async () => {
        // The transaction runs again after creating the day partitions it needs (partitions.ts).
        tables.length = 0;
        const full = await nonEmpty(pgdb);
        if (full.length) throw new RadomeError('CONFIG', `catalog ${redactUrl(url)} is not empty (${full.join(', ')} hold rows); migrate into a new database`);
        for (const spec of TABLES) {
          const sqliteRows = await copyTable(sqlite, pgdb, spec);
          const postgresRows = (await pgdb.row<{ n: number }>(`SELECT COUNT(*) AS n FROM ${spec.name}`))!.n;
          tables.push({ table: spec.name, sqliteRows, postgresRows });
        }
        const wrong = tables.filter((t) => t.sqliteRows !== t.postgresRows);
        if (wrong.length) throw new RadomeError('CORRUPT', `catalog copy: row counts differ in ${wrong.map((t) => `${t.table} (${t.sqliteRows} → ${t.postgresRows})`).join(', ')}`);
      });
    } finally {
      await pgdb.end();
    }
    const sampledRows = await verifySample(sqlite, sqlitePath, url, options.sample ?? 200);
    const claimsDropped = sqlite.prepare('SELECT COUNT(*) AS "all", COALESCE(SUM(expires_at > ?), 0) AS live FROM file_claims').get(Date.now()) as { all: number; live: number };
    return { tables, sampledRows, claimsDropped };
  } finally {
    sqlite.close();
  }
}

/** Reads a sample of rows through both engines' readers; any difference is an INTERNAL error naming the row. */
async function verifySample(sqlite: Database.Database, sqlitePath: string, url: string, size: number): Promise<number> {
  const from = await openSqliteReadOnlyCatalog(sqlitePath);
  const to = await openPostgresCatalog(url, { readOnly: true });
  let compared = 0;
  const compare = (what: string, a: unknown[], b: unknown[]) => {
    for (let i = 0; i < a.length; i++) {
      if (JSON.stringify(a[i]) !== JSON.stringify(b[i])) throw new RadomeError('CORRUPT', `catalog copy: ${what} row ${i} differs after the copy: ${JSON.stringify(a[i])} vs ${JSON.stringify(b[i])}`);
    }
    compared += a.length;
  };
  try {
    const volumes = sampleKeys<VolumeId>(sqlite, 'SELECT id FROM volumes ORDER BY id', size);
    compare('volume', await from.reader.radar.volumesByIds(volumes), await to.reader.radar.volumesByIds(volumes));
    const sweeps = sampleKeys<SweepId>(sqlite, 'SELECT id FROM sweeps ORDER BY id', size);
    compare('sweep', await from.reader.radar.sweepsByIds(sweeps), await to.reader.radar.sweepsByIds(sweeps));
    const products = sampleKeys<ProductId>(sqlite, 'SELECT id FROM products ORDER BY id', size);
    compare('product', await from.reader.products.byIds(products), await to.reader.products.byIds(products));
    compare('site', await from.reader.radar.sites(), await to.reader.radar.sites());
    const stations = await from.reader.gnss.stations();
    compare('station', stations, await to.reader.gnss.stations());
    for (const s of stations.slice(0, size)) compare(`${s.id} day`, await from.reader.gnss.days(s.id, -1e9, 1e9), await to.reader.gnss.days(s.id, -1e9, 1e9));
    compare('failure', await from.reader.ingest.failures(), await to.reader.ingest.failures());
    compare('event', await from.reader.events.after(0, size), await to.reader.events.after(0, size));
    for (const name of sqlite.prepare('SELECT DISTINCT source_name FROM ingest_queue').pluck().all() as string[]) {
      compare(`${name} queue length`, [await from.reader.ingest.queuedCount(name)], [await to.reader.ingest.queuedCount(name)]);
    }
    return compared;
  } finally {
    await from.close();
    await to.close();
  }
}
