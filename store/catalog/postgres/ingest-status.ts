// The ingest domain on PostgreSQL: failures, daemon source status, flags and backfill requests.
import { RadomeError } from '../../../core/errors.js';
import type { BackfillRequestRow, IngestFailureRow, IngestFlagRow, IngestSourceStatusRow, PassCounts, RecordFailureInput } from '../ingest.js';
import { CLEAR_FAILURE } from './radar-write.js';
import type { PgSession } from './session.js';

const FAILURE_COLUMNS = `source, key, fingerprint, attempts, first_failed_at AS "firstFailedAt",
  last_failed_at AS "lastFailedAt", error_code AS "errorCode", error_message AS "errorMessage", quarantine_key AS "quarantineKey"`;

const SOURCE_COLUMNS = `name, paused, running, last_run_at AS "lastRunAt", last_success_at AS "lastSuccessAt",
  last_error AS "lastError", last_error_at AS "lastErrorAt", backlog, ingested_count AS "ingestedCount",
  skipped_count AS "skippedCount", failed_count AS "failedCount"`;

const BACKFILL_COLUMNS = `id, source, from_time AS "from", to_time AS "to", requested_at AS "requestedAt",
  started_at AS "startedAt", finished_at AS "finishedAt", error`;

/** Error messages are kept short enough for a log line (as on SQLite). */
const MAX_MESSAGE_CHARS = 2000;

const UPSERT_FAILURE = `
  INSERT INTO ingest_failures (source, key, fingerprint, attempts, first_failed_at, last_failed_at, error_code, error_message, quarantine_key)
  VALUES (?, ?, ?, 1, ?, ?, ?, ?, ?)
  ON CONFLICT (source, key, fingerprint) DO UPDATE SET
    attempts = ingest_failures.attempts + 1,
    last_failed_at = GREATEST(ingest_failures.last_failed_at, excluded.last_failed_at),
    error_code = excluded.error_code,
    error_message = excluded.error_message,
    quarantine_key = COALESCE(excluded.quarantine_key, ingest_failures.quarantine_key)
  RETURNING attempts`;

export async function recordFailure(db: PgSession, input: RecordFailureInput): Promise<{ attempts: number }> {
  if (!Number.isSafeInteger(input.at)) throw new RadomeError('BAD_INPUT', `recordFailure: at ${input.at} is not a whole number of epoch milliseconds`);
  const message = input.message.length > MAX_MESSAGE_CHARS ? `${input.message.slice(0, MAX_MESSAGE_CHARS)}…` : input.message;
  const row = await db.row<{ attempts: number }>(UPSERT_FAILURE, [input.source, input.key, input.fingerprint, input.at, input.at, input.code, message, input.quarantineKey ?? null]);
  return { attempts: row!.attempts };
}

export function listFailures(db: PgSession): Promise<IngestFailureRow[]> {
  return db.rows<IngestFailureRow>(`SELECT ${FAILURE_COLUMNS} FROM ingest_failures ORDER BY last_failed_at DESC, source, key, fingerprint`);
}

export async function countFailures(db: PgSession): Promise<{ failed: number; quarantined: number }> {
  return (await db.row<{ failed: number; quarantined: number }>('SELECT COUNT(*) AS failed, COUNT(quarantine_key) AS quarantined FROM ingest_failures'))!;
}

export async function clearFailure(db: PgSession, source: string, key: string, fingerprint: string): Promise<boolean> {
  return (await db.exec(CLEAR_FAILURE, [source, key, fingerprint])) > 0;
}

export async function failureOf(db: PgSession, source: string, key: string, fingerprint: string): Promise<{ attempts: number; quarantined: boolean } | null> {
  const r = await db.row<{ attempts: number; q: string | null }>('SELECT attempts, quarantine_key AS q FROM ingest_failures WHERE source = ? AND key = ? AND fingerprint = ?', [
    source,
    key,
    fingerprint,
  ]);
  return r ? { attempts: r.attempts, quarantined: r.q !== null } : null;
}

export async function forgetSourceFile(db: PgSession, source: string, key: string, fingerprint: string): Promise<void> {
  await db.exec('DELETE FROM source_files WHERE source = ? AND key = ? AND fingerprint = ?', [source, key, fingerprint]);
}

async function ensure(db: PgSession, name: string): Promise<void> {
  await db.exec('INSERT INTO ingest_sources (name) VALUES (?) ON CONFLICT (name) DO NOTHING', [name]);
}

export function listSourceStatus(db: PgSession): Promise<IngestSourceStatusRow[]> {
  return db.rows<IngestSourceStatusRow>(`SELECT ${SOURCE_COLUMNS} FROM ingest_sources ORDER BY name`);
}

export function sourceStatus(db: PgSession, name: string): Promise<IngestSourceStatusRow | null> {
  return db.row<IngestSourceStatusRow>(`SELECT ${SOURCE_COLUMNS} FROM ingest_sources WHERE name = ?`, [name]);
}

export async function registerSources(db: PgSession, names: readonly string[]): Promise<void> {
  await db.transaction(async () => {
    for (const name of names) await ensure(db, name);
    await db.exec('UPDATE ingest_sources SET running = false');
  });
}

export function setSourcePaused(db: PgSession, name: string, paused: boolean): Promise<IngestSourceStatusRow> {
  return db.transaction(async () => {
    await ensure(db, name);
    await db.exec('UPDATE ingest_sources SET paused = ? WHERE name = ?', [paused, name]);
    return (await sourceStatus(db, name))!;
  });
}

export async function markRunStarted(db: PgSession, name: string, at: number): Promise<void> {
  await db.transaction(async () => {
    await ensure(db, name);
    await db.exec('UPDATE ingest_sources SET running = true, last_run_at = ? WHERE name = ?', [at, name]);
  });
}

export async function setBacklog(db: PgSession, name: string, backlog: number): Promise<void> {
  await db.exec('UPDATE ingest_sources SET backlog = ? WHERE name = ?', [backlog, name]);
}

export async function markRunFinished(db: PgSession, name: string, at: number, counts: PassCounts, error: string | null): Promise<void> {
  await db.exec(
    `UPDATE ingest_sources SET running = false, ingested_count = ingested_count + ?, skipped_count = skipped_count + ?,
       failed_count = failed_count + ?,
       last_success_at = CASE WHEN ?::text IS NULL THEN ?::bigint ELSE last_success_at END,
       last_error = COALESCE(?::text, last_error),
       last_error_at = CASE WHEN ?::text IS NULL THEN last_error_at ELSE ?::bigint END
     WHERE name = ?`,
    [counts.ingested, counts.skipped, counts.failed, error, at, error, error, at, name],
  );
}

export async function setFlag(db: PgSession, name: string, value: string | null, at: number): Promise<IngestFlagRow | null> {
  if (value === null) {
    await db.exec('DELETE FROM ingest_flags WHERE name = ?', [name]);
    return null;
  }
  await db.exec('INSERT INTO ingest_flags (name, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at', [name, value, at]);
  return { name, value, updatedAt: at };
}

export function listFlags(db: PgSession): Promise<IngestFlagRow[]> {
  return db.rows<IngestFlagRow>('SELECT name, value, updated_at AS "updatedAt" FROM ingest_flags ORDER BY name');
}

export async function requestBackfill(db: PgSession, source: string, from: number, to: number, at: number): Promise<BackfillRequestRow> {
  const { id } = (await db.row<{ id: number }>('INSERT INTO backfill_requests (source, from_time, to_time, requested_at) VALUES (?, ?, ?, ?) RETURNING id', [source, from, to, at]))!;
  return { id, source, from, to, requestedAt: at, startedAt: null, finishedAt: null, error: null };
}

export function nextBackfill(db: PgSession, source: string): Promise<BackfillRequestRow | null> {
  return db.row<BackfillRequestRow>(`SELECT ${BACKFILL_COLUMNS} FROM backfill_requests WHERE source = ? AND finished_at IS NULL ORDER BY id LIMIT 1`, [source]);
}

export async function markBackfill(db: PgSession, id: number, field: 'started' | 'finished', at: number, error: string | null = null): Promise<void> {
  const column = field === 'started' ? 'started_at' : 'finished_at';
  await db.exec(`UPDATE backfill_requests SET ${column} = ?, error = ? WHERE id = ?`, [at, error, id]);
}

export function listBackfills(db: PgSession, limit: number): Promise<BackfillRequestRow[]> {
  return db.rows<BackfillRequestRow>(`SELECT ${BACKFILL_COLUMNS} FROM backfill_requests ORDER BY id DESC LIMIT ?`, [limit]);
}

/** The database server's clock in epoch ms: one clock for every worker, whatever machine it runs on. */
export const NOW_MS = '(extract(epoch FROM clock_timestamp()) * 1000)::bigint';

/**
 * See IngestWriter.claimFile. One INSERT … ON CONFLICT DO UPDATE … WHERE: PostgreSQL locks the
 * conflicting row, so of two workers racing for a file exactly one gets a row back; no queue
 * table to poll or job library needed, as the listing already says which files exist.
 */
export async function claimFile(db: PgSession, source: string, key: string, fingerprint: string, worker: string, leaseMs: number): Promise<boolean> {
  const changed = await db.exec(
    `INSERT INTO file_claims (source, key, fingerprint, worker, expires_at) VALUES (?, ?, ?, ?, ${NOW_MS} + ?::bigint)
     ON CONFLICT (source, key, fingerprint) DO UPDATE SET worker = excluded.worker, expires_at = excluded.expires_at
     WHERE file_claims.expires_at <= ${NOW_MS} OR file_claims.worker = excluded.worker`,
    [source, key, fingerprint, worker, Math.round(leaseMs)],
  );
  return changed === 1;
}

export async function releaseClaim(db: PgSession, source: string, key: string, fingerprint: string, worker: string): Promise<void> {
  await db.exec('DELETE FROM file_claims WHERE source = ? AND key = ? AND fingerprint = ? AND worker = ?', [source, key, fingerprint, worker]);
}
