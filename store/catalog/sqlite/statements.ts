import type Database from 'better-sqlite3';

/** Prepares each distinct SQL text once per connection. */
export class StatementCache {
  private readonly cache = new Map<string, Database.Statement>();
  private readonly rawCache = new Map<string, Database.Statement>();

  constructor(readonly db: Database.Database) {}

  prepare(sql: string): Database.Statement {
    let statement = this.cache.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.cache.set(sql, statement);
    }
    return statement;
  }

  /**
   * As `prepare`, but the statement returns each row as an array of column values: hot list reads
   * map those by position into fixed-shape objects, with no per-row named-column object to build.
   */
  prepareRaw(sql: string): Database.Statement {
    let statement = this.rawCache.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql).raw(true);
      this.rawCache.set(sql, statement);
    }
    return statement;
  }
}
