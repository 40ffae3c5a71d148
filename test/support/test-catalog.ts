// Which engine the test fixtures' catalogs are on: SQLite files by default; with
// RADOME_TEST_CATALOG=postgres, a fresh database per catalog on the PostgreSQL server the global
// setup starts (global-setup.ts), so the GraphQL suites run unchanged on both engines.
import pg from 'pg';
import { inject } from 'vitest';

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
