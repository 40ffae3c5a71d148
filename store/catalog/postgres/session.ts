// One pool of connections to the catalog database, and the transaction every catalog call joins.
//
// Driver: node-postgres (`pg`), not postgres.js: it is the most used PostgreSQL client for Node,
// and gives what this engine needs in one well-kept package: a connection pool, LISTEN/NOTIFY on
// a dedicated client (cross-process event wake-ups), COPY streams (pg-copy-streams) for bulk loads,
// and array row mode (rows read by position, as the SQLite engine reads them).
import { AsyncLocalStorage } from 'node:async_hooks';
import pg from 'pg';
import { RadomeError } from '../../../core/errors.js';

/** What a catalog call runs its SQL on: the pool, or the client of the transaction it is in. */
interface TransactionState {
  readonly client: pg.PoolClient;
  savepoints: number;
}

// bigint (epoch ms, counts) and numeric (SUM of bigint) come back as JS numbers: every value the
// catalog stores is a safe integer or a double, as on SQLite.
const INT8_OID = 20;
/** SQLSTATE of a transaction PostgreSQL ended to break a deadlock: run again, it goes through. */
const DEADLOCK_DETECTED = '40P01';
/** Times a transaction ended by a deadlock is run again before its error is the caller's. */
const DEADLOCK_RETRIES = 4;
/** Times a transaction is run again after creating partitions it found missing. */
const PARTITION_RETRIES = 3;
/** SQLSTATE of an insert whose row falls in no partition (a CHECK violation too, which names its constraint). */
const NO_PARTITION_FOR_ROW = '23514';

/** An insert found no partition for its row: one this process knew was dropped by another. */
function isNoPartitionForRow(e: unknown): boolean {
  const { code, constraint } = e as { code?: string; constraint?: string };
  return code === NO_PARTITION_FOR_ROW && !constraint;
}
const NUMERIC_OID = 1700;
const TYPES = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8_OID || oid === NUMERIC_OID) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

/** `?` placeholders (as the SQLite modules and Conditions write them) numbered `$1`, `$2`… for PostgreSQL. */
export function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

/**
 * Ends a transaction that needs day partitions which do not exist yet (partitions.ts): the
 * outermost PgSession.transaction runs `create` outside any transaction, then runs it again.
 */
export class PartitionsNeeded extends Error {
  constructor(
    /** The missing partitions' names (`sweeps_d19068`) and their days, for the message if retries run out. */
    readonly partitions: readonly { name: string; day: string }[],
    readonly create: () => Promise<void>,
  ) {
    super(`day partitions ${partitions.map((p) => p.name).join(', ')} are missing; they are created before the transaction runs again`);
  }
}

/**
 * A commit that still found its partitions missing after creating them PARTITION_RETRIES times:
 * something drops them as fast as they are made. Nothing was written; the caller (an ingest
 * worker) records the failure and tries the file again later.
 */
function partitionsKeptVanishing(url: string, e: unknown): RadomeError {
  const which = e instanceof PartitionsNeeded ? e.partitions.map((p) => `${p.name} (${p.day})`).join(', ') : `of ${(e as { table?: string }).table ?? 'a partitioned table'}`;
  return new RadomeError(
    'SOURCE_UNAVAILABLE',
    `catalog ${redactUrl(url)}: the day partition(s) ${which} this commit writes into were created ${PARTITION_RETRIES} times and were dropped again each time before the commit could use them, so nothing was written. ` +
      'Another process of this catalog is dropping them: usually retention (retention.olderThan) in another ingest worker while files older than its window are ingested, or a maintenance job. ' +
      'Ingest only days inside the retention window (or widen it on every worker), then ingest the file again.',
    { cause: e },
  );
}

/** Where a catalog URL points, without its password (for messages). */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://(unparsable URL)';
  }
}

/**
 * The pool and the ambient transaction. A catalog call made inside `transaction(fn)` (in `fn`'s
 * async context, however deep) runs on that transaction's client, as every call on a SQLite
 * connection runs in its open transaction: so a plan's commit passed to commitDoomingReplaced, or
 * writer calls inside writer.transaction, land together. Nested transactions become savepoints.
 */
export class PgSession {
  readonly pool: pg.Pool;
  /**
   * Day partitions this process has seen exist (partitions.ts), so most commits skip the check.
   * Retention in another process may drop one: an insert then finds no partition (23514), and the
   * set is cleared and the transaction runs again, checking them.
   */
  readonly knownPartitions = new Set<string>();
  private readonly current = new AsyncLocalStorage<TransactionState>();

  constructor(
    readonly url: string,
    readonly readOnly: boolean,
  ) {
    this.pool = new pg.Pool({
      connectionString: url,
      types: TYPES,
      max: 8,
      // Servers never write: the database refuses it too.
      options: readOnly ? '-c default_transaction_read_only=on' : undefined,
    });
    // An idle client's error (server restart) must not crash the process; the next query reconnects.
    this.pool.on('error', () => {});
  }

  /** Rows as objects (quoted aliases give the row types' field names). */
  async rows<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    const result = await this.run({ text: numbered(sql), values: params as unknown[] });
    return result.rows as T[];
  }

  async row<T>(sql: string, params: readonly unknown[] = []): Promise<T | null> {
    return (await this.rows<T>(sql, params))[0] ?? null;
  }

  /** Rows as arrays of column values, read by position (the *FromValues mappers). */
  async arrays(sql: string, params: readonly unknown[] = []): Promise<unknown[][]> {
    const result = await this.run({ text: numbered(sql), values: params as unknown[], rowMode: 'array' });
    return result.rows as unknown[][];
  }

  /** Runs a statement; returns how many rows it changed. */
  async exec(sql: string, params: readonly unknown[] = []): Promise<number> {
    return (await this.run({ text: numbered(sql), values: params as unknown[] })).rowCount ?? 0;
  }

  get inTransaction(): boolean {
    return this.current.getStore() !== undefined;
  }

  /**
   * Runs `fn` in one transaction (a savepoint inside another): committed when it resolves, rolled
   * back when it throws. `readOnly` reads take a snapshot (REPEATABLE READ) so a page's rows and
   * count agree while writers commit.
   */
  async transaction<T>(fn: () => Promise<T>, options: { readOnly?: boolean } = {}): Promise<T> {
    if (this.current.getStore()) return this.once(fn, options);
    // Commits in several processes can still deadlock where no lock order is fixed: PostgreSQL
    // ends one of them, which nothing has seen yet, so it runs again.
    for (let deadlocks = 0, creations = 0; ; ) {
      try {
        return await this.once(fn, options);
      } catch (e) {
        // An insert that found no partition (one this process knew, dropped since by another) runs
        // again too: its known partitions were cleared, so that run checks and creates them.
        if (e instanceof PartitionsNeeded || isNoPartitionForRow(e)) {
          if (creations++ >= PARTITION_RETRIES) throw partitionsKeptVanishing(this.url, e);
          if (e instanceof PartitionsNeeded) await e.create();
          continue;
        }
        if ((e as { code?: string }).code !== DEADLOCK_DETECTED || deadlocks >= DEADLOCK_RETRIES) throw e;
        deadlocks++;
        await new Promise((r) => setTimeout(r, 20 + Math.random() * 80 * deadlocks));
      }
    }
  }

  private async once<T>(fn: () => Promise<T>, options: { readOnly?: boolean }): Promise<T> {
    const outer = this.current.getStore();
    if (outer) {
      const name = `radome_sp${++outer.savepoints}`;
      await outer.client.query(`SAVEPOINT ${name}`);
      try {
        const result = await fn();
        await outer.client.query(`RELEASE SAVEPOINT ${name}`);
        return result;
      } catch (e) {
        await outer.client.query(`ROLLBACK TO SAVEPOINT ${name}`);
        await outer.client.query(`RELEASE SAVEPOINT ${name}`);
        throw e;
      }
    }
    const client = await this.connect();
    let broken = false;
    try {
      await client.query(options.readOnly ? 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY' : 'BEGIN');
      const result = await this.current.run({ client, savepoints: 0 }, fn);
      await client.query('COMMIT');
      return result;
    } catch (e) {
      if (isNoPartitionForRow(e)) this.knownPartitions.clear();
      try {
        await client.query('ROLLBACK');
      } catch {
        broken = true;
      }
      throw e;
    } finally {
      client.release(broken);
    }
  }

  /** A client of its own (LISTEN). */
  async connect(): Promise<pg.PoolClient> {
    try {
      return await this.pool.connect();
    } catch (e) {
      throw new RadomeError('CONFIG', `cannot connect to catalog ${redactUrl(this.url)}: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
    }
  }

  async end(): Promise<void> {
    await this.pool.end();
  }

  private run(query: pg.QueryConfig & { rowMode?: 'array' }): Promise<pg.QueryResult> {
    const tx = this.current.getStore();
    return tx ? tx.client.query(query) : this.pool.query(query);
  }
}
