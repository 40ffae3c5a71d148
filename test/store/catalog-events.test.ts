// The catalog event feed is pruned by age (the daemon's retention pass, `radome ingest cleanup`):
// old events go, newer ones stay, and sequence numbers keep growing after a prune.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { CATALOG_EVENTS_KEPT_MS, pruneEventFeed } from '../../ingest/retention.js';
import { openCatalog } from '../../store/catalog/index.js';

const dir = mkdtempSync(join(tmpdir(), 'radome-events-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('catalog event feed pruning', () => {
  it('forgets events older than a day and keeps the rest, without reusing sequence numbers', async () => {
    const path = join(dir, 'catalog.db');
    await (await openCatalog(path)).close();
    const now = Date.UTC(2026, 10, 21, 12);
    const db = new Database(path);
    const add = db.prepare("INSERT INTO catalog_events (at, kind, site, subject_id) VALUES (?, 'sweep', 'KLOT', ?)");
    for (let i = 0; i < 5; i++) add.run(now - CATALOG_EVENTS_KEPT_MS - (5 - i) * 60_000, `old${i}`);
    for (let i = 0; i < 3; i++) add.run(now - 1000 * (3 - i), `new${i}`);
    db.close();

    const catalog = await openCatalog(path);
    try {
      expect(await pruneEventFeed(catalog, pino({ level: 'silent' }), now)).toBe(5);
      const left = await catalog.reader.events.after(0, 100);
      expect(left.map((e) => e.subjectId)).toEqual(['new0', 'new1', 'new2']);
      expect(await pruneEventFeed(catalog, pino({ level: 'silent' }), now)).toBe(0);
      // A day later everything goes; the next event still gets a higher number than any before.
      expect(await pruneEventFeed(catalog, pino({ level: 'silent' }), now + 2 * CATALOG_EVENTS_KEPT_MS)).toBe(3);
      expect(await catalog.reader.events.latest()).toBeNull();
    } finally {
      await catalog.close();
    }
    const again = new Database(path);
    const seq = again.prepare("INSERT INTO catalog_events (at, kind, site, subject_id) VALUES (?, 'sweep', 'KLOT', 'next') RETURNING seq").pluck().get(now) as number;
    again.close();
    expect(seq).toBe(9);
  });
});
