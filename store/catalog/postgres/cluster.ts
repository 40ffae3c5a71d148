// The cluster side of a PostgreSQL catalog (../cluster.ts): the scheduler role and the ingest queue.
//
// The scheduler role is a session-level advisory lock (pg_try_advisory_lock) held on a connection
// of its own, rather than a lease row that must be renewed: the lock lives exactly as long as the
// holder's connection. A process killed with kill -9 closes its socket, its backend ends and the
// lock is free at once; a machine that vanishes is noticed by TCP keepalives (set tight on that
// connection), so another process takes the role within about 20 s.
import pg from 'pg';
import type { QueuedFile } from '../cluster.js';
import type { PgSession } from './session.js';

const SCHEDULER_LOCK = 0x73636864; // "schd"
/** Seconds of silence before the server probes the holder's connection, between probes, and probes lost before it drops it. */
const KEEPALIVE = '-c tcp_keepalives_idle=10 -c tcp_keepalives_interval=3 -c tcp_keepalives_count=3';

export class SchedulerLock {
  private client: pg.Client | null = null;
  private held = false;
  private pending: Promise<boolean> | null = null;

  constructor(private readonly url: string) {}

  /** See ClusterCatalog.holdScheduler. A lost connection loses the role; the next call tries to take it again. */
  hold(): Promise<boolean> {
    // Callers at once (one per scheduled source) share one check, so one connection is ever opened.
    this.pending ??= this.check().finally(() => {
      this.pending = null;
    });
    return this.pending;
  }

  private async check(): Promise<boolean> {
    try {
      if (!this.client) {
        const client = new pg.Client({ connectionString: this.url, keepAlive: true, options: KEEPALIVE });
        client.on('error', () => this.drop(client));
        client.on('end', () => this.drop(client));
        await client.connect();
        this.client = client;
      }
      if (this.held) {
        // The lock is this session's while the session lives: one round trip proves it does.
        await this.client.query('SELECT 1');
        return true;
      }
      const { rows } = await this.client.query<{ held: boolean }>('SELECT pg_try_advisory_lock($1) AS held', [SCHEDULER_LOCK]);
      this.held = rows[0]!.held;
      return this.held;
    } catch {
      if (this.client) this.drop(this.client);
      return false;
    }
  }

  async release(): Promise<void> {
    const client = this.client;
    this.client = null;
    this.held = false;
    // Ending the session frees its advisory locks.
    await client?.end().catch(() => {});
  }

  private drop(client: pg.Client): void {
    if (this.client !== client) return;
    this.client = null;
    this.held = false;
    client.end().catch(() => {});
  }
}

/** The database server's clock in epoch ms: one clock for every worker, whatever machine it runs on. */
const NOW_MS = '(extract(epoch FROM clock_timestamp()) * 1000)::bigint';

/** See ClusterCatalog.enqueueFiles. */
export async function enqueueFiles(db: PgSession, sourceName: string, files: readonly QueuedFile[], at: number): Promise<number> {
  // One statement per few hundred files: a national listing is thousands.
  for (let i = 0; i < files.length; i += 500) {
    const batch = files.slice(i, i + 500);
    await db.exec(
      `INSERT INTO ingest_queue (source, key, fingerprint, source_name, size, time, listed_at, ready_at)
       SELECT f.*, ${NOW_MS} FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::bigint[], ?::bigint[], ?::bigint[]) AS f
       ON CONFLICT (source, key, fingerprint) DO NOTHING`,
      [
        batch.map((f) => f.source),
        batch.map((f) => f.key),
        batch.map((f) => f.fingerprint),
        batch.map(() => sourceName),
        batch.map((f) => f.size),
        batch.map((f) => f.time ?? null),
        batch.map((_, j) => at + i + j),
      ],
    );
  }
  return queuedCount(db, sourceName);
}

/**
 * See ClusterCatalog.takeQueuedFiles. One statement: ready rows no live claim holds, locked with
 * SKIP LOCKED so concurrent takers pass over each other's picks, claimed for `worker` by the same
 * conditional upsert as claimFile; only the files whose claim it got come back.
 */
export async function takeQueuedFiles(db: PgSession, sourceName: string, limit: number, worker: string, leaseMs: number): Promise<QueuedFile[]> {
  const rows = await db.rows<{ source: string; key: string; fingerprint: string; size: number; time: number | null }>(
    `WITH picked AS (
       SELECT q.source, q.key, q.fingerprint, q.size, q.time, q.listed_at FROM ingest_queue q
       WHERE q.source_name = ? AND q.ready_at <= ${NOW_MS}
         AND NOT EXISTS (SELECT 1 FROM file_claims c WHERE c.source = q.source AND c.key = q.key AND c.fingerprint = q.fingerprint AND c.expires_at > ${NOW_MS})
       ORDER BY q.listed_at LIMIT ? FOR UPDATE OF q SKIP LOCKED
     ), claimed AS (
       INSERT INTO file_claims (source, key, fingerprint, worker, expires_at)
       SELECT source, key, fingerprint, ?, ${NOW_MS} + ?::bigint FROM picked
       ON CONFLICT (source, key, fingerprint) DO UPDATE SET worker = excluded.worker, expires_at = excluded.expires_at
       WHERE file_claims.expires_at <= ${NOW_MS} OR file_claims.worker = excluded.worker
       RETURNING source, key, fingerprint
     )
     SELECT p.source, p.key, p.fingerprint, p.size, p.time FROM picked p JOIN claimed c USING (source, key, fingerprint) ORDER BY p.listed_at`,
    [sourceName, limit, worker, Math.round(leaseMs)],
  );
  return rows.map(({ source, key, fingerprint, size, time }) => (time === null ? { source, key, fingerprint, size } : { source, key, fingerprint, size, time }));
}

/** See ClusterCatalog.finishQueuedFile. */
export async function finishQueuedFile(db: PgSession, file: QueuedFile, retryInMs: number | null): Promise<void> {
  const id = [file.source, file.key, file.fingerprint];
  if (retryInMs === null) await db.exec('DELETE FROM ingest_queue WHERE source = ? AND key = ? AND fingerprint = ?', id);
  else await db.exec(`UPDATE ingest_queue SET ready_at = ${NOW_MS} + ?::bigint WHERE source = ? AND key = ? AND fingerprint = ?`, [Math.round(retryInMs), ...id]);
}

export async function queuedCount(db: PgSession, sourceName: string): Promise<number> {
  return (await db.row<{ n: number }>('SELECT COUNT(*) AS n FROM ingest_queue WHERE source_name = ?', [sourceName]))?.n ?? 0;
}
