// Fills a new PostgreSQL catalog with many commits at once (benches' week-sized catalogs), shaped
// like ../sqlite/bulk-load.ts: the rows and events the writer's commits would leave, streamed in
// by COPY (pg-copy-streams) in batches, the secondary indexes built once at the end, the count
// tables the triggers would keep filled in grouped passes. Triggers (the counts and the foreign
// keys' checks) are off while rows go in (session_replication_role = replica: the loader needs a
// superuser, as benches' own servers give), and commits do not wait for the WAL flush.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import { RadomeError } from '../../../core/errors.js';
import { type BulkCatalogItem, BulkLoadTally, type BulkLoadResult } from '../bulk-rows.js';
import { migratePg, PG_FILL_PRECIPITATION_LATEST, PG_FILL_PRODUCT_HOURS, PG_FILL_RADAR_MINUTE_COUNTS } from './migrations.js';
import { dayOf, partitionName, PRODUCTS, SWEEPS } from './partitions.js';
import { PgSession } from './session.js';

const TABLES = ['volumes', 'sweeps', 'products', 'source_files', 'catalog_events'];
/** Volumes per COPY batch: ~25k sweep rows, a few MB of COPY text per table. */
const ITEMS_PER_BATCH = 250;

/** One COPY text field: \N for null, backslash escapes for what would end a field or a row. */
function field(v: unknown): string {
  if (v === null || v === undefined) return '\\N';
  if (typeof v === 'number') return String(v);
  return String(v).replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** A table's COPY: its column list and its rows as COPY text lines. */
class CopyBuffer {
  private lines: string[] = [];
  constructor(
    readonly table: string,
    private columns: string[] | null = null,
  ) {}
  /** A row as the SQLite writer's named parameters (their order is the column order) or values. */
  add(row: Record<string, unknown> | unknown[]): void {
    const values = Array.isArray(row) ? row : Object.values(row);
    if (!Array.isArray(row)) this.columns ??= Object.keys(row).map(snake);
    this.lines.push(`${values.map(field).join('\t')}\n`);
  }
  /** The rows added so far, as a COPY to run, leaving this buffer empty. */
  take(): { copy: (session: PgSession) => Promise<void> } {
    const lines = this.lines;
    this.lines = [];
    const sql = `COPY ${this.table} (${this.columns?.join(', ')}) FROM STDIN`;
    return {
      copy: async (session) => {
        if (lines.length === 0) return;
        const client = await session.pool.connect();
        try {
          // Rows joined into ~1 MB chunks: each chunk is one CopyData message.
          const chunks: string[] = [];
          for (let i = 0; i < lines.length; i += 2_000) chunks.push(lines.slice(i, i + 2_000).join(''));
          await pipeline(Readable.from(chunks), client.query(copyFrom(sql)));
        } finally {
          client.release();
        }
      },
    };
  }
}

/**
 * Migrates the database at `url` (which must hold no radar rows yet) and commits `items` into it.
 * Batches commit as they go: a build that fails leaves a database to drop, so callers build into a
 * new database and use it only when this returns.
 */
export async function bulkLoadPostgresCatalog(url: string, items: Iterable<BulkCatalogItem>): Promise<BulkLoadResult> {
  const session = new PgSession(url, false);
  try {
    await migratePg(session);
    if (await session.row('SELECT 1 FROM volumes LIMIT 1')) throw new RadomeError('CONFIG', `bulk load: catalog already has volumes; bulk loads fill new catalogs only`);
    // Every pooled connection skips triggers and the WAL flush at commit: set for the database,
    // for connections opened from now on, and reset at the end.
    const database = (await session.row<{ d: string }>('SELECT current_database() AS d'))!.d;
    await session.exec(`ALTER DATABASE "${database}" SET session_replication_role = replica`);
    await session.exec(`ALTER DATABASE "${database}" SET synchronous_commit = off`);
    await session.pool.end();
    const db = new PgSession(url, false);
    try {
      const derived = await db.rows<{ name: string; def: string }>(
        `SELECT i.indexname AS name, i.indexdef AS def FROM pg_indexes i JOIN pg_class c ON c.relname = i.indexname
         WHERE i.schemaname = current_schema() AND i.tablename = ANY(?) AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = c.oid)`,
        [TABLES],
      );
      for (const d of derived) await db.exec(`DROP INDEX ${d.name}`);

      const copies = {
        volume: new CopyBuffer('volumes'),
        sweep: new CopyBuffer('sweeps'),
        product: new CopyBuffer('products'),
        file: new CopyBuffer('source_files', ['source', 'key', 'fingerprint', 'size', 'ingested_at', 'volume_id', 'product_id']),
        event: new CopyBuffer('catalog_events', ['at', 'kind', 'site', 'subject_id', 'code']),
      };
      const tally = new BulkLoadTally();
      const days = new Set<string>();
      /** The day partition `value` falls in, when this load has not made it yet (else null). */
      const newPartition = (t: typeof SWEEPS, value: number): string | null => {
        const day = dayOf(t, value);
        const name = partitionName(t, day);
        if (days.has(name)) return null;
        days.add(name);
        return `CREATE TABLE IF NOT EXISTS ${name} PARTITION OF ${t.table} FOR VALUES FROM (${day * t.perDay}) TO (${(day + 1) * t.perDay})`;
      };
      let batch = 0;
      // A batch's five COPYs run at once on five pooled connections (triggers and foreign-key
      // checks are off, so their order does not matter), while the next batch's rows are made:
      // PostgreSQL parses and writes on its own processes meanwhile.
      let copying: Promise<unknown> = Promise.resolve();
      const flush = async () => {
        await copying;
        copying = Promise.all(
          Object.values(copies)
            .map((c) => c.take())
            .map((rows) => rows.copy(db)),
        );
        // Handled here so a failing COPY is not an unhandled rejection while rows are made; the
        // next flush's await (or the last one) throws it.
        copying.catch(() => undefined);
        batch = 0;
      };
      for (const item of items) {
        for (const site of tally.newSites(item)) {
          await db.exec('INSERT INTO radar_sites (id, latitude, longitude, height_m) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO NOTHING', [site.id, site.latitude, site.longitude, site.heightM]);
        }
        // A row's day partition exists before its COPY runs.
        const partitions = [...item.volume.sweeps.map((s) => newPartition(SWEEPS, s.startTime)), ...item.products.map((p) => newPartition(PRODUCTS, p.product.scanTime))];
        for (const create of partitions) if (create) await db.exec(create);
        tally.add(item, copies);
        if (++batch >= ITEMS_PER_BATCH) await flush();
      }
      await flush();
      await copying;

      await db.exec("SET maintenance_work_mem = '512MB'");
      // pg_indexes gives a partitioned table's index as "ON ONLY": made so, it stays invalid and
      // no partition gets it (every read of the week then scanned whole partitions). Without ONLY
      // it is built on each partition and attached.
      for (const d of derived) await db.exec(d.def.replace(/ ON ONLY /, ' ON '));
      await db.transaction(async () => {
        await db.exec(PG_FILL_RADAR_MINUTE_COUNTS);
        await db.exec(PG_FILL_PRODUCT_HOURS);
        await db.exec(PG_FILL_PRECIPITATION_LATEST);
        const grow = 'INSERT INTO duration_bounds (kind, max_ms) VALUES (?, ?) ON CONFLICT (kind) DO UPDATE SET max_ms = GREATEST(duration_bounds.max_ms, excluded.max_ms)';
        await db.exec(grow, ['volume', tally.longestMs.volume]);
        await db.exec(grow, ['sweep', tally.longestMs.sweep]);
        await db.exec('UPDATE radar_sites SET (first_volume_at, last_volume_at) = (SELECT MIN(scan_start), MAX(scan_start) FROM volumes WHERE site = radar_sites.id)');
      });
      await db.exec('ANALYZE');
      return tally.counts;
    } finally {
      await db.exec(`ALTER DATABASE "${database}" RESET session_replication_role`);
      await db.exec(`ALTER DATABASE "${database}" RESET synchronous_commit`);
      await db.pool.end();
    }
  } finally {
    if (!session.pool.ended) await session.pool.end();
  }
}
