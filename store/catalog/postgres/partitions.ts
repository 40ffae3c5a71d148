// Day partitions of the time-partitioned tables: created when a day's first row arrives, dropped
// whole by retention (retention.ts).
import { PartitionsNeeded, type PgSession } from './session.js';

export const DAY_MS = 86_400_000;
const DAY_S = 86_400;

/** A partitioned table, the unit of its partition column, and the prefix of its partitions' names. */
export interface PartitionedTable {
  table: 'sweeps' | 'products' | 'snr_rollups';
  /** Partition column values per day: ms for sweeps and products, seconds for rollup buckets. */
  perDay: number;
}

export const SWEEPS: PartitionedTable = { table: 'sweeps', perDay: DAY_MS };
export const PRODUCTS: PartitionedTable = { table: 'products', perDay: DAY_MS };
export const SNR_ROLLUPS: PartitionedTable = { table: 'snr_rollups', perDay: DAY_S };

/** Same key for every process: partition creation is serialised across the cluster. */
const PARTITION_LOCK = 0x70617274; // "part"

/** `sweeps_d19068`: the table and the day number (days since 1970), which gives its bounds. */
export function partitionName(t: PartitionedTable, day: number): string {
  return `${t.table}_d${day < 0 ? `m${-day}` : day}`;
}

function dayOfName(t: PartitionedTable, name: string): number | null {
  const m = new RegExp(`^${t.table}_d(m?)(\\d+)$`).exec(name);
  return m ? (m[1] ? -Number(m[2]) : Number(m[2])) : null;
}

/** The day (since 1970) a partition column value falls in. */
export function dayOf(t: PartitionedTable, value: number): number {
  return Math.floor(value / t.perDay);
}

/**
 * Makes sure the partitions of the days `values` fall in exist. Creating one locks its parent table
 * exclusively, so it never happens inside a commit's transaction: a commit holds locks on the table
 * already (it read the volume's sweeps to doom replaced objects), and two such commits, one waiting
 * for the other's share lock and that one for the creation lock, deadlocked again on every retry
 * while several workers ingested a new day. Inside a transaction a missing partition ends it with
 * `PartitionsNeeded`; PgSession.transaction creates them in a transaction of their own, which holds
 * nothing else, and runs the commit again.
 */
export async function ensurePartitions(db: PgSession, t: PartitionedTable, values: Iterable<number>): Promise<void> {
  const missing: number[] = [];
  for (const day of new Set(Array.from(values, (v) => dayOf(t, v)))) {
    const name = partitionName(t, day);
    if (db.knownPartitions.has(name)) continue;
    if (await partitionExists(db, name)) db.knownPartitions.add(name);
    else missing.push(day);
  }
  if (missing.length === 0) return;
  const create = () => createPartitions(db, t, missing);
  if (db.inTransaction) {
    throw new PartitionsNeeded(
      missing.map((day) => ({ name: partitionName(t, day), day: new Date(day * DAY_MS).toISOString().slice(0, 10) })),
      create,
    );
  }
  await create();
}

// A scan of pg_class under the statement's snapshot, not to_regclass: that reads the session's
// catalog cache, which an advisory lock does not refresh, so it can miss a partition another
// session created while this one waited for the lock.
async function partitionExists(db: PgSession, name: string): Promise<boolean> {
  return (await db.row('SELECT 1 FROM pg_class WHERE relname = ? AND relnamespace = current_schema()::regnamespace', [name])) !== null;
}

/** Creates the days' partitions in one transaction of its own, serialised across the cluster. */
function createPartitions(db: PgSession, t: PartitionedTable, days: readonly number[]): Promise<void> {
  return db.transaction(async () => {
    await db.exec('SELECT pg_advisory_xact_lock(?)', [PARTITION_LOCK]);
    for (const day of days) {
      const name = partitionName(t, day);
      if (!(await partitionExists(db, name))) await db.exec(`CREATE TABLE ${name} PARTITION OF ${t.table} FOR VALUES FROM (${day * t.perDay}) TO (${(day + 1) * t.perDay})`);
    }
  });
}

/** Partitions of `t` whose whole day lies before `cutoff` (in the partition column's unit), oldest first. */
export async function partitionsBefore(db: PgSession, t: PartitionedTable, cutoff: number): Promise<string[]> {
  const rows = await db.rows<{ name: string }>(
    `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
     WHERE i.inhparent = ?::regclass`,
    [t.table],
  );
  return rows
    .map((r) => ({ name: r.name, day: dayOfName(t, r.name) }))
    .filter((p): p is { name: string; day: number } => p.day !== null && (p.day + 1) * t.perDay <= cutoff)
    .sort((a, b) => a.day - b.day)
    .map((p) => p.name);
}

/** Detaches and drops one partition (in the caller's transaction). */
export async function dropPartition(db: PgSession, t: PartitionedTable, name: string): Promise<void> {
  db.knownPartitions.delete(name);
  await db.exec(`ALTER TABLE ${t.table} DETACH PARTITION ${name}`);
  await db.exec(`DROP TABLE ${name}`);
}
