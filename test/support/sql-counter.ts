// Counts SELECT statements the catalog executes in this process, on either engine: better-sqlite3's
// (shared, native) Statement prototype and pg's Client.prototype.query are wrapped. The server runs
// in the test's process, so this sees every catalog read a request causes. Texts are normalised so
// tests match both engines: PostgreSQL's `= ANY($1)` reads as SQLite's `IN (…)`.
import Database from 'better-sqlite3';
import pg from 'pg';

type Method = 'all' | 'get' | 'iterate';

export interface SelectLog {
  /** SQL text of each SELECT executed since start, in order. */
  readonly statements: string[];
  stop(): void;
}

export function recordSelects(): SelectLog {
  const db = new Database(':memory:');
  const proto = Object.getPrototypeOf(db.prepare('SELECT 1')) as Record<Method, (...args: unknown[]) => unknown>;
  db.close();
  const statements: string[] = [];
  const originals = new Map<Method, (...args: unknown[]) => unknown>();
  for (const method of ['all', 'get', 'iterate'] as const) {
    const original = proto[method];
    originals.set(method, original);
    proto[method] = function (this: { source: string }, ...args: unknown[]) {
      if (/^\s*(SELECT|WITH)\b/i.test(this.source)) statements.push(this.source.replace(/\s+/g, ' ').trim());
      return original.apply(this, args);
    };
  }
  const pgQuery = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: pg.Client, config: unknown, ...rest: unknown[]) {
    const text = typeof config === 'string' ? config : (config as { text?: string } | null)?.text;
    if (text && /^\s*(SELECT|WITH)\b/i.test(text))
      statements.push(
        text
          .replace(/\s+/g, ' ')
          .trim()
          .replace(/ = ANY\(\$\d+\)/g, ' IN (…)'),
      );
    return (pgQuery as (...args: unknown[]) => unknown).call(this, config, ...rest);
  } as typeof pgQuery;
  return {
    statements,
    stop() {
      for (const [method, original] of originals) proto[method] = original;
      pg.Client.prototype.query = pgQuery;
    },
  };
}
