import type { BackfillRequestRow, IngestFlagRow, IngestSourceStatusRow, PassCounts } from '../ingest.js';
import type { StatementCache } from './statements.js';

const SOURCE_COLUMNS = `name, paused, running, last_run_at AS lastRunAt, last_success_at AS lastSuccessAt,
  last_error AS lastError, last_error_at AS lastErrorAt, backlog, ingested_count AS ingestedCount,
  skipped_count AS skippedCount, failed_count AS failedCount`;

const BACKFILL_COLUMNS = `id, source, from_time AS "from", to_time AS "to", requested_at AS requestedAt,
  started_at AS startedAt, finished_at AS finishedAt, error`;

type SourceRecord = Omit<IngestSourceStatusRow, 'paused' | 'running'> & { paused: number; running: number };

const fromRecord = (r: SourceRecord): IngestSourceStatusRow => ({ ...r, paused: r.paused === 1, running: r.running === 1 });

function ensure(statements: StatementCache, name: string): void {
  statements.prepare('INSERT INTO ingest_sources (name) VALUES (?) ON CONFLICT (name) DO NOTHING').run(name);
}

export function listSourceStatus(statements: StatementCache): IngestSourceStatusRow[] {
  return (statements.prepare(`SELECT ${SOURCE_COLUMNS} FROM ingest_sources ORDER BY name`).all() as SourceRecord[]).map(fromRecord);
}

export function sourceStatus(statements: StatementCache, name: string): IngestSourceStatusRow | null {
  const r = statements.prepare(`SELECT ${SOURCE_COLUMNS} FROM ingest_sources WHERE name = ?`).get(name) as SourceRecord | undefined;
  return r ? fromRecord(r) : null;
}

/** Registers the daemon's sources (keeping their state) and clears `running` a crash left set. */
export function registerSources(statements: StatementCache, names: readonly string[]): void {
  statements.db.transaction(() => {
    for (const name of names) ensure(statements, name);
    statements.prepare('UPDATE ingest_sources SET running = 0').run();
  })();
}

export function setSourcePaused(statements: StatementCache, name: string, paused: boolean): IngestSourceStatusRow {
  return statements.db
    .transaction(() => {
      ensure(statements, name);
      statements.prepare('UPDATE ingest_sources SET paused = ? WHERE name = ?').run(paused ? 1 : 0, name);
      return sourceStatus(statements, name)!;
    })
    .immediate();
}

export function markRunStarted(statements: StatementCache, name: string, at: number): void {
  statements.db.transaction(() => {
    ensure(statements, name);
    statements.prepare('UPDATE ingest_sources SET running = 1, last_run_at = ? WHERE name = ?').run(at, name);
  })();
}

export function setBacklog(statements: StatementCache, name: string, backlog: number): void {
  statements.prepare('UPDATE ingest_sources SET backlog = ? WHERE name = ?').run(backlog, name);
}

/** Adds a pass's counts; a pass without an error is a success, else its error is kept. */
export function markRunFinished(statements: StatementCache, name: string, at: number, counts: PassCounts, error: string | null): void {
  statements
    .prepare(
      `UPDATE ingest_sources SET running = 0, ingested_count = ingested_count + @ingested, skipped_count = skipped_count + @skipped,
        failed_count = failed_count + @failed,
        last_success_at = CASE WHEN @error IS NULL THEN @at ELSE last_success_at END,
        last_error = CASE WHEN @error IS NULL THEN last_error ELSE @error END,
        last_error_at = CASE WHEN @error IS NULL THEN last_error_at ELSE @at END
       WHERE name = @name`,
    )
    .run({ name, at, error, ...counts });
}

export function setFlag(statements: StatementCache, name: string, value: string | null, at: number): IngestFlagRow | null {
  if (value === null) {
    statements.prepare('DELETE FROM ingest_flags WHERE name = ?').run(name);
    return null;
  }
  statements
    .prepare('INSERT INTO ingest_flags (name, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at')
    .run(name, value, at);
  return { name, value, updatedAt: at };
}

export function listFlags(statements: StatementCache): IngestFlagRow[] {
  return statements.prepare('SELECT name, value, updated_at AS updatedAt FROM ingest_flags ORDER BY name').all() as IngestFlagRow[];
}

export function requestBackfill(statements: StatementCache, source: string, from: number, to: number, at: number): BackfillRequestRow {
  const { id } = statements.prepare('INSERT INTO backfill_requests (source, from_time, to_time, requested_at) VALUES (?, ?, ?, ?) RETURNING id').get(source, from, to, at) as { id: number };
  return { id, source, from, to, requestedAt: at, startedAt: null, finishedAt: null, error: null };
}

/** The oldest unfinished backfill of `source` (a crash mid-backfill leaves it to be run again). */
export function nextBackfill(statements: StatementCache, source: string): BackfillRequestRow | null {
  const row = statements.prepare(`SELECT ${BACKFILL_COLUMNS} FROM backfill_requests WHERE source = ? AND finished_at IS NULL ORDER BY id LIMIT 1`).get(source);
  return (row as BackfillRequestRow | undefined) ?? null;
}

export function markBackfill(statements: StatementCache, id: number, field: 'started' | 'finished', at: number, error: string | null = null): void {
  const column = field === 'started' ? 'started_at' : 'finished_at';
  statements.prepare(`UPDATE backfill_requests SET ${column} = ?, error = ? WHERE id = ?`).run(at, error, id);
}

/** Newest first. */
export function listBackfills(statements: StatementCache, limit: number): BackfillRequestRow[] {
  return statements.prepare(`SELECT ${BACKFILL_COLUMNS} FROM backfill_requests ORDER BY id DESC LIMIT ?`).all(limit) as BackfillRequestRow[];
}

/** A file's failure record: how often it failed and whether it was quarantined. */
export function failureOf(statements: StatementCache, source: string, key: string, fingerprint: string): { attempts: number; quarantined: boolean } | null {
  const r = statements.prepare('SELECT attempts, quarantine_key AS q FROM ingest_failures WHERE source = ? AND key = ? AND fingerprint = ?').get(source, key, fingerprint) as
    | { attempts: number; q: string | null }
    | undefined;
  return r ? { attempts: r.attempts, quarantined: r.q !== null } : null;
}

/** Forgets a source-file record (a real-time volume's "open" record once it is closed). */
export function forgetSourceFile(statements: StatementCache, source: string, key: string, fingerprint: string): void {
  statements.prepare('DELETE FROM source_files WHERE source = ? AND key = ? AND fingerprint = ?').run(source, key, fingerprint);
}

/** See IngestWriter.claimFile: an upsert that takes over only an expired claim or renews one's own. */
export function claimFile(statements: StatementCache, source: string, key: string, fingerprint: string, worker: string, leaseMs: number): boolean {
  const now = Date.now();
  return (
    statements
      .prepare(
        `INSERT INTO file_claims (source, key, fingerprint, worker, expires_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (source, key, fingerprint) DO UPDATE SET worker = excluded.worker, expires_at = excluded.expires_at
         WHERE file_claims.expires_at <= ? OR file_claims.worker = excluded.worker`,
      )
      .run(source, key, fingerprint, worker, now + leaseMs, now).changes === 1
  );
}

export function releaseClaim(statements: StatementCache, source: string, key: string, fingerprint: string, worker: string): void {
  statements.prepare('DELETE FROM file_claims WHERE source = ? AND key = ? AND fingerprint = ? AND worker = ?').run(source, key, fingerprint, worker);
}
