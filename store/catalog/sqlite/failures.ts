import { RadomeError } from '../../../core/errors.js';
import type { IngestFailureRow, RecordFailureInput } from '../ingest.js';
import { FAILURE_COLUMNS } from './rows.js';
import type { StatementCache } from './statements.js';

/** Error messages are kept short enough for a log line; the full text is in the ingest log. */
const MAX_MESSAGE_CHARS = 2000;

const UPSERT_FAILURE = `
  INSERT INTO ingest_failures (source, key, fingerprint, attempts, first_failed_at, last_failed_at, error_code, error_message, quarantine_key)
  VALUES (@source, @key, @fingerprint, 1, @at, @at, @code, @message, @quarantineKey)
  ON CONFLICT (source, key, fingerprint) DO UPDATE SET
    attempts = attempts + 1,
    last_failed_at = MAX(last_failed_at, excluded.last_failed_at),
    error_code = excluded.error_code,
    error_message = excluded.error_message,
    quarantine_key = COALESCE(excluded.quarantine_key, quarantine_key)
  RETURNING attempts`;

/** Counts one more failed attempt at a source file; returns how many there have been. */
export function recordFailure(statements: StatementCache, input: RecordFailureInput): { attempts: number } {
  if (!Number.isSafeInteger(input.at)) throw new RadomeError('BAD_INPUT', `recordFailure: at ${input.at} is not a whole number of epoch milliseconds`);
  const row = statements.db
    .transaction(() =>
      statements.prepare(UPSERT_FAILURE).get({
        source: input.source,
        key: input.key,
        fingerprint: input.fingerprint,
        at: input.at,
        code: input.code,
        message: input.message.length > MAX_MESSAGE_CHARS ? `${input.message.slice(0, MAX_MESSAGE_CHARS)}…` : input.message,
        quarantineKey: input.quarantineKey ?? null,
      }),
    )
    .immediate() as { attempts: number };
  return { attempts: row.attempts };
}

/** Most recent failures first. */
export function listFailures(statements: StatementCache): IngestFailureRow[] {
  return statements.prepare(`SELECT ${FAILURE_COLUMNS} FROM ingest_failures ORDER BY last_failed_at DESC, source, key, fingerprint`).all() as IngestFailureRow[];
}

/** Files failed (retried or not) and, of them, those quarantined: what anyone may know of failures. */
export function countFailures(statements: StatementCache): { failed: number; quarantined: number } {
  return statements.prepare('SELECT COUNT(*) AS failed, COUNT(quarantine_key) AS quarantined FROM ingest_failures').get() as { failed: number; quarantined: number };
}

/** Forgets a file's failures (e.g. to retry it from scratch); true when there were any. */
export function clearFailure(statements: StatementCache, source: string, key: string, fingerprint: string): boolean {
  return statements.prepare('DELETE FROM ingest_failures WHERE source = ? AND key = ? AND fingerprint = ?').run(source, key, fingerprint).changes > 0;
}
