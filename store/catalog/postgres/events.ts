// The catalog_events feed on PostgreSQL, as on SQLite, plus a NOTIFY per event: delivered at
// commit to every session LISTENing on CATALOG_EVENTS_CHANNEL, so servers in other processes and
// on other machines wake up at once instead of polling.
import type { CatalogEventKind, CatalogEventRow } from '../catalog-events.js';
import type { PgSession } from './session.js';

export const CATALOG_EVENTS_CHANNEL = 'radome_catalog_events';

/**
 * Held from an event's append to its commit: identity values are drawn at insert time, so without
 * it two writers could commit seq 8 after seq 9, and a follower already past 9 would never see 8.
 */
const EVENT_APPEND_LOCK = 0x65766e74; // "evnt"

const COLUMNS = 'seq, at, kind, site, subject_id AS "subjectId", code';

export interface CatalogEventInput {
  kind: CatalogEventKind;
  site: string;
  subjectId: string;
  code?: number;
}

/** Call inside the commit's transaction, so the event (and its notification) exists exactly when the rows do. */
export async function appendCatalogEvent(db: PgSession, event: CatalogEventInput): Promise<void> {
  await db.exec('SELECT pg_advisory_xact_lock(?)', [EVENT_APPEND_LOCK]);
  const row = await db.row<CatalogEventRow>(`INSERT INTO catalog_events (at, kind, site, subject_id, code) VALUES (?, ?, ?, ?, ?) RETURNING ${COLUMNS}`, [
    Date.now(),
    event.kind,
    event.site,
    event.subjectId,
    event.code ?? null,
  ]);
  await db.exec('SELECT pg_notify(?, ?)', [CATALOG_EVENTS_CHANNEL, JSON.stringify(row)]);
}

export function catalogEventsAfter(db: PgSession, seq: number, limit: number): Promise<CatalogEventRow[]> {
  return db.rows<CatalogEventRow>(`SELECT ${COLUMNS} FROM catalog_events WHERE seq > ? ORDER BY seq LIMIT ?`, [seq, limit]);
}

export function latestCatalogEvent(db: PgSession): Promise<CatalogEventRow | null> {
  return db.row<CatalogEventRow>(`SELECT ${COLUMNS} FROM catalog_events ORDER BY seq DESC LIMIT 1`);
}

/** Deletes events committed before `before` (the oldest run of them, as on SQLite); returns how many. */
export async function pruneCatalogEvents(db: PgSession, before: number): Promise<number> {
  return db.transaction(async () => {
    const keep = await db.row<{ seq: number }>('SELECT seq FROM catalog_events WHERE at >= ? ORDER BY seq LIMIT 1', [before]);
    return keep ? db.exec('DELETE FROM catalog_events WHERE seq < ?', [keep.seq]) : db.exec('DELETE FROM catalog_events');
  });
}

/**
 * Calls `onEvent` with each event committed from now on, by any process, until the returned stop
 * is called. A dedicated connection LISTENs; each notification carries the event row.
 */
export async function listenCatalogEvents(db: PgSession, onEvent: (event: CatalogEventRow) => void): Promise<() => Promise<void>> {
  const client = await db.connect();
  const handler = (message: { channel: string; payload?: string }) => {
    if (message.channel === CATALOG_EVENTS_CHANNEL && message.payload) onEvent(JSON.parse(message.payload) as CatalogEventRow);
  };
  client.on('notification', handler);
  await client.query(`LISTEN ${CATALOG_EVENTS_CHANNEL}`);
  let stopped = false;
  return async () => {
    if (stopped) return;
    stopped = true;
    client.off('notification', handler);
    try {
      await client.query(`UNLISTEN ${CATALOG_EVENTS_CHANNEL}`);
    } finally {
      client.release();
    }
  };
}
