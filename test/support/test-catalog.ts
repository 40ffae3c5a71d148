// Which engine the test fixtures' catalogs are on: SQLite files by default; with
// RADOME_TEST_CATALOG=postgres, a fresh database per catalog on the PostgreSQL server the global
// setup starts (global-setup.ts), so the GraphQL suites run unchanged on both engines.
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import pg from 'pg';
import { inject } from 'vitest';
import { isPostgresLocation } from '../../core/catalog-location.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** URL of the `postgres` database of the suite's PostgreSQL server, or null on SQLite. */
    postgresAdminUrl: string | null;
  }
}

let databases = 0;

/** The catalog location for a fixture: `sqlitePath` on SQLite, else a new PostgreSQL database's URL. */
export async function testCatalogLocation(sqlitePath: string): Promise<string> {
  const admin = inject('postgresAdminUrl');
  if (!admin) return sqlitePath;
  const name = `fixture_${process.pid}_${++databases}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  return admin.replace(/\/postgres$/, `/${name}`);
}

/** True when the fixtures' catalogs are on PostgreSQL (tests of SQLite-only internals skip then). */
export function fixturesOnPostgres(): boolean {
  return inject('postgresAdminUrl') !== null;
}

/**
 * Rows of one SQL query on a catalog of either engine, read beside the processes that write it
 * (tests compare what a run left). `?` placeholders on both; PostgreSQL's bigints (epoch ms,
 * counts) come back as numbers as on SQLite. A catalog not created yet, or without the table yet,
 * has no rows.
 */
export async function catalogRows<T>(location: string, sql: string, ...params: unknown[]): Promise<T[]> {
  if (isPostgresLocation(location)) {
    let n = 0;
    const client = new pg.Client({ connectionString: location, types: { getTypeParser: (oid, format) => (oid === INT8_OID ? Number : pg.types.getTypeParser(oid, format)) } as pg.CustomTypesConfig });
    await client.connect();
    try {
      return (
        await client.query(
          sql.replace(/\?/g, () => `$${++n}`),
          params,
        )
      ).rows as T[];
    } catch (e) {
      if ((e as { code?: string }).code === '42P01') return []; // undefined_table
      throw e;
    } finally {
      await client.end();
    }
  }
  if (!existsSync(location)) return [];
  // A read-only connection never blocks the daemon's writes (WAL).
  const db = new Database(location, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    return db.prepare(sql).all(...params) as T[];
  } catch (e) {
    if (/no such table/.test(String(e))) return [];
    throw e;
  } finally {
    db.close();
  }
}

const INT8_OID = 20;
