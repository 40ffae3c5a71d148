// The ingest queue on PostgreSQL (IngestWriter.enqueueFiles/takeQueuedFiles/finishQueuedFile,
// IngestReader.queuedCount; SQLite's counterpart is ../sqlite/ingest-queue.ts). Taking is SELECT … FOR
// UPDATE SKIP LOCKED and the claim upsert in one statement, so concurrent takers in any process
// pass over each other's picks instead of waiting on them. Times are the database server's clock.
import type { QueuedFile } from '../ingest.js';
import { NOW_MS } from './ingest-status.js';
import type { PgSession } from './session.js';

/** See IngestWriter.enqueueFiles. */
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
 * See IngestWriter.takeQueuedFiles. One statement: ready rows no live claim holds, locked with
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

/** See IngestWriter.finishQueuedFile. */
export async function finishQueuedFile(db: PgSession, file: QueuedFile, retryInMs: number | null): Promise<void> {
  const id = [file.source, file.key, file.fingerprint];
  if (retryInMs === null) await db.exec('DELETE FROM ingest_queue WHERE source = ? AND key = ? AND fingerprint = ?', id);
  else await db.exec(`UPDATE ingest_queue SET ready_at = ${NOW_MS} + ?::bigint WHERE source = ? AND key = ? AND fingerprint = ?`, [Math.round(retryInMs), ...id]);
}

export async function queuedCount(db: PgSession, sourceName: string): Promise<number> {
  return (await db.row<{ n: number }>('SELECT COUNT(*) AS n FROM ingest_queue WHERE source_name = ?', [sourceName]))?.n ?? 0;
}
