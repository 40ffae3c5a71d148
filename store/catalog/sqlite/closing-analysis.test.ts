// A closing writer refreshes the statistics its writes made stale, but never by an ANALYZE whose
// work grows with the catalog: doomed_objects (millions of keys after a day's retention at national
// size, and STAT4 builds count every key whatever the analysis limit) is left alone, and the tables
// it does analyse are sampled under the analysis limit (no STAT4 samples, which only an unlimited
// ANALYZE takes).
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { NATIONAL_WEEK, weekItems } from '../../../bench/_catalog-week-rows.js';
import { makeVolume, tempDbPath } from '../../../test/store/catalog-fixtures.js';
import { bulkLoadSqliteCatalog, openCatalog } from '../index.js';
import { analyseBeforeClose } from './closing-analysis.js';

const HOUR = 3_600_000;

/** sqlite_stat1's rows per table, and sqlite_stat4's count, of the catalog at `path`. */
function statistics(path: string): { stat1: Record<string, number>; stat4: number } {
  const db = new Database(path, { readonly: true });
  try {
    const rows = db.prepare('SELECT tbl, count(*) AS n FROM sqlite_stat1 GROUP BY tbl').all() as { tbl: string; n: number }[];
    const stat4 = (db.prepare('SELECT count(*) AS n FROM sqlite_stat4').get() as { n: number }).n;
    return { stat1: Object.fromEntries(rows.map((r) => [r.tbl, r.n])), stat4 };
  } finally {
    db.close();
  }
}

describe('analysis before a SQLite catalog closes', () => {
  it('leaves doomed_objects unanalysed after a retention pass, as the one-shot retention process closes', async () => {
    const path = tempDbPath();
    bulkLoadSqliteCatalog(path, weekItems({ ...NATIONAL_WEEK, days: 2 / 24, sites: 3 }));
    const catalog = await openCatalog(path);
    const doomed = await catalog.writer.retention.doomBatchOlderThan(NATIONAL_WEEK.start + HOUR, Date.now(), 1000);
    expect(doomed.objects).toBeGreaterThan(0);
    // What PRAGMA optimize would analyse now: the table that was empty when the catalog was built.
    const listed = new Database(path);
    expect(listed.pragma('optimize(0xffff)')).toEqual([{ optimize: 'ANALYZE "main"."doomed_objects"' }]);
    listed.close();
    await catalog.close();
    const { stat1, stat4 } = statistics(path);
    expect(stat1.doomed_objects).toBeUndefined();
    expect(stat1.sweeps).toBeGreaterThan(0);
    expect(stat4).toBe(0);
  });

  it('analyses the tables a writer filled, each under the analysis limit', async () => {
    const path = tempDbPath();
    const catalog = await openCatalog(path);
    for (let i = 0; i < 3; i++) await catalog.writer.radar.commitVolume(makeVolume({ site: 'KLOT', start: Date.UTC(2022, 2, 17) + i * 300_000 }));
    await catalog.close();
    const { stat1, stat4 } = statistics(path);
    for (const table of ['volumes', 'sweeps', 'source_files']) expect(stat1[table], table).toBeGreaterThan(0);
    expect(stat4).toBe(0);
  });

  it('returns the tables it analysed and leaves nothing due but doomed_objects', async () => {
    const path = tempDbPath();
    const catalog = await openCatalog(path);
    await catalog.writer.radar.commitVolume(makeVolume({ site: 'KLOT', start: Date.UTC(2022, 2, 17) }));
    await catalog.writer.retention.doomBatchOlderThan(Date.UTC(2022, 2, 18), Date.now(), 10);
    await catalog.close();
    const db = new Database(path);
    try {
      // Everything was analysed at close but doomed_objects; a second close finds only it due, and skips it.
      expect(db.pragma('optimize(0xffff)')).toEqual([{ optimize: 'ANALYZE "main"."doomed_objects"' }]);
      expect(analyseBeforeClose(db)).toEqual([]);
    } finally {
      db.close();
    }
  });
});
