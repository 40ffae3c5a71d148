import type Database from 'better-sqlite3';

/**
 * Tables a closing writer never analyses. doomed_objects is read only by its primary key (a key,
 * or keys in order), so statistics change none of its plans, and its size swings from none to
 * millions with each retention pass (10.7 million keys after a day of the national week): it
 * would be re-analysed at nearly every close, by a count of every key under the write lock.
 */
const UNANALYSED_TABLES: ReadonlySet<string> = new Set(['doomed_objects']);

/** Rows of each index an ANALYZE samples: SQLite's own limit for PRAGMA optimize (SQLITE_DEFAULT_OPTIMIZE_LIMIT). */
export const CLOSING_ANALYSIS_LIMIT = 2000;

/** PRAGMA optimize's default mask (0xfffe) with its debug bit: lists the ANALYZE statements it would run, runs none. */
const LIST_ONLY = 0xffff;

/**
 * What PRAGMA optimize does before a writer closes (re-analyse the tables this connection planned
 * with whose size changed tenfold, and those with an index lacking statistics), but a table at a
 * time, each in its own write transaction, with the analysis limit set, and none of
 * UNANALYSED_TABLES. Not PRAGMA optimize itself: better-sqlite3's SQLite is built with STAT4, where
 * ANALYZE counts every entry of every index of the table whatever the analysis limit (the limit
 * bounds the sampling only), and optimize holds the write lock across all the tables it analyses.
 * At a national week that held writers back 2.2 s when the retention process closed (doomed_objects).
 * Returns the tables analysed.
 */
export function analyseBeforeClose(db: Database.Database): string[] {
  const due = (db.pragma(`optimize(${LIST_ONLY})`) as { optimize: string }[]).map((r) => r.optimize);
  const analysed: string[] = [];
  db.pragma(`analysis_limit = ${CLOSING_ANALYSIS_LIMIT}`);
  for (const statement of due) {
    // Statements read `ANALYZE "main"."<table>"`.
    const table = /"((?:[^"]|"")*)"$/.exec(statement)?.[1]?.replaceAll('""', '"');
    if (table !== undefined && UNANALYSED_TABLES.has(table)) continue;
    db.exec(statement);
    analysed.push(table ?? statement);
  }
  return analysed;
}
