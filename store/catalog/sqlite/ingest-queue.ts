// The ingest queue on SQLite (IngestWriter.enqueueFiles/takeQueuedFiles/finishQueuedFile,
// IngestReader.queuedCount), with PostgreSQL's semantics (../postgres/ingest-queue.ts). SQLite has
// no SKIP LOCKED: a take is one IMMEDIATE transaction instead (the file's write lock), so takers on
// other connections, in other processes too, wait for it and never see the same ready file unclaimed.
import type { QueuedFile } from '../ingest.js';
import { claimFile } from './ingest-status.js';
import type { StatementCache } from './statements.js';

/** See IngestWriter.enqueueFiles. */
export function enqueueFiles(statements: StatementCache, sourceName: string, files: readonly QueuedFile[], at: number): number {
  const insert = statements.prepare(
    `INSERT INTO ingest_queue (source, key, fingerprint, source_name, size, time, listed_at, ready_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (source, key, fingerprint) DO NOTHING`,
  );
  const now = Date.now();
  statements.db
    .transaction(() => {
      files.forEach((f, i) => insert.run(f.source, f.key, f.fingerprint, sourceName, f.size, f.time ?? null, at + i, now));
    })
    .immediate();
  return queuedCount(statements, sourceName);
}

/** See IngestWriter.takeQueuedFiles: ready files no live claim holds, oldest listed first, each claimed for `worker`. */
export function takeQueuedFiles(statements: StatementCache, sourceName: string, limit: number, worker: string, leaseMs: number): QueuedFile[] {
  return statements.db
    .transaction(() => {
      const now = Date.now();
      const ready = statements
        .prepare(
          `SELECT q.source, q.key, q.fingerprint, q.size, q.time FROM ingest_queue q
           WHERE q.source_name = ? AND q.ready_at <= ?
             AND NOT EXISTS (SELECT 1 FROM file_claims c WHERE c.source = q.source AND c.key = q.key AND c.fingerprint = q.fingerprint AND c.expires_at > ?)
           ORDER BY q.listed_at LIMIT ?`,
        )
        .all(sourceName, now, now, limit) as { source: string; key: string; fingerprint: string; size: number; time: number | null }[];
      return ready
        .filter((f) => claimFile(statements, f.source, f.key, f.fingerprint, worker, leaseMs))
        .map(({ source, key, fingerprint, size, time }) => (time === null ? { source, key, fingerprint, size } : { source, key, fingerprint, size, time }));
    })
    .immediate();
}

/** See IngestWriter.finishQueuedFile. */
export function finishQueuedFile(statements: StatementCache, file: QueuedFile, retryInMs: number | null): void {
  const id = [file.source, file.key, file.fingerprint];
  if (retryInMs === null) statements.prepare('DELETE FROM ingest_queue WHERE source = ? AND key = ? AND fingerprint = ?').run(...id);
  else statements.prepare('UPDATE ingest_queue SET ready_at = ? WHERE source = ? AND key = ? AND fingerprint = ?').run(Date.now() + Math.round(retryInMs), ...id);
}

export function queuedCount(statements: StatementCache, sourceName: string): number {
  return (statements.prepare('SELECT COUNT(*) AS n FROM ingest_queue WHERE source_name = ?').get(sourceName) as { n: number }).n;
}
