// The catalog_events feed (migration 5): commits append one row per committed item in their own
// transaction; servers follow it with a cursor on seq.
import type { CatalogEventKind, CatalogEventRow } from '../catalog-events.js';
import type { StatementCache } from './statements.js';

const COLUMNS = 'seq, at, kind, site, subject_id AS subjectId, code';

export interface CatalogEventInput {
  kind: CatalogEventKind;
  site: string;
  subjectId: string;
  code?: number;
}

/** Call inside the commit's transaction, so the event exists exactly when the rows do. */
export function appendCatalogEvent(statements: StatementCache, event: CatalogEventInput): void {
  statements.prepare('INSERT INTO catalog_events (at, kind, site, subject_id, code) VALUES (?, ?, ?, ?, ?)').run(Date.now(), event.kind, event.site, event.subjectId, event.code ?? null);
}

/** Events after `seq`, oldest first, at most `limit` (a range scan of the rowid). */
export function catalogEventsAfter(statements: StatementCache, seq: number, limit: number): CatalogEventRow[] {
  return statements.prepare(`SELECT ${COLUMNS} FROM catalog_events WHERE seq > ? ORDER BY seq LIMIT ?`).all(seq, limit) as CatalogEventRow[];
}

/** The newest event, or null before the first commit. */
export function latestCatalogEvent(statements: StatementCache): CatalogEventRow | null {
  return (statements.prepare(`SELECT ${COLUMNS} FROM catalog_events ORDER BY seq DESC LIMIT 1`).get() as CatalogEventRow | undefined) ?? null;
}

/**
 * Deletes events committed before `before` (ms since 1970); returns how many. Events are in
 * commit order, so this is one range of the rowid: the scan stops at the first newer event.
 */
export function pruneCatalogEvents(statements: StatementCache, before: number): number {
  const keepFrom = statements.prepare('SELECT seq FROM catalog_events WHERE at >= ? ORDER BY seq LIMIT 1').pluck().get(before) as number | undefined;
  const del = keepFrom === undefined ? statements.prepare('DELETE FROM catalog_events') : statements.prepare('DELETE FROM catalog_events WHERE seq < ?');
  return (keepFrom === undefined ? del.run() : del.run(keepFrom)).changes;
}
