// Counts SELECT statements better-sqlite3 executes in this process, by wrapping the methods of its
// (shared, native) Statement prototype. The server runs in the test's process, so this sees every
// catalog read a request causes.
import Database from 'better-sqlite3';

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
  return {
    statements,
    stop() {
      for (const [method, original] of originals) proto[method] = original;
    },
  };
}
