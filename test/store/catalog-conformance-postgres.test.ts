// The catalog conformance suite on the PostgreSQL engine: a real server from Debian's postgresql
// package, a fresh database per catalog. Skips (with the reason) only where no server binaries
// exist, and never in CI.
import pg from 'pg';
import { describe, it } from 'vitest';
import { openPostgresCatalog } from '../../store/catalog/postgres/postgres-catalog.js';
import { postgresSkipReason, usePostgres } from '../support/postgres-server.js';
import { describeCatalogConformance } from './catalog-conformance.js';

const skip = postgresSkipReason();

/** Runs `fn` with a plain client on `url` (the suite's look inside the catalog). */
async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

if (skip) {
  describe.skip(`catalog conformance: PostgreSQL (skipped: ${skip})`, () => {
    it('needs PostgreSQL', () => {});
  });
} else {
  describe('catalog conformance: PostgreSQL', () => {
    const server = usePostgres();

    describeCatalogConformance({
      name: 'PostgreSQL',
      async open() {
        const url = await server().createDatabase('conformance');
        const catalog = await openPostgresCatalog(url);
        return {
          catalog,
          connect: () => openPostgresCatalog(url),
          dump: () =>
            withClient(url, async (client) => {
              const tables = await client.query<{ t: string }>(
                "SELECT relname AS t FROM pg_class WHERE relkind IN ('r', 'p') AND relnamespace = 'public'::regnamespace AND NOT relispartition AND relname <> 'catalog_events' ORDER BY 1",
              );
              const out: Record<string, unknown[]> = {};
              for (const { t } of tables.rows) out[t] = (await client.query(`SELECT * FROM ${t} ORDER BY 1, 2`)).rows;
              return out;
            }),
          partitions: () =>
            withClient(url, async (client) => {
              const rows = await client.query<{ t: string; n: string }>(
                `SELECT p.relname AS t, COUNT(*) AS n FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhparent WHERE p.relkind = 'p' GROUP BY p.relname`,
              );
              return Object.fromEntries(rows.rows.map((r) => [r.t, Number(r.n)]));
            }),
        };
      },
    });
  });
}
