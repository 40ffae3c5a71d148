import { RadomeError } from '../../core/errors.js';
import { migrateSqliteCatalogToPostgres } from '../../store/catalog/index.js';
import type { CommandArgs } from '../args.js';

/** `radome catalog migrate --from sqlite:<path> --to postgres://…`. */
export async function migrateCatalog({ values }: CommandArgs): Promise<number> {
  const from = values.from;
  const to = values.to;
  if (typeof from !== 'string' || !from.startsWith('sqlite:') || from.length === 'sqlite:'.length) {
    throw new RadomeError('BAD_INPUT', '--from must be sqlite:<path to the catalog file>, e.g. --from sqlite:var/catalog.db');
  }
  if (typeof to !== 'string' || !/^postgres(ql)?:\/\//.test(to)) {
    throw new RadomeError('BAD_INPUT', '--to must be a postgres:// URL, e.g. --to postgres://radome@127.0.0.1:5432/radome');
  }
  const report = await migrateSqliteCatalogToPostgres(from.slice('sqlite:'.length), to);
  const rows = report.tables.reduce((n, t) => n + t.postgresRows, 0);
  for (const t of report.tables) console.log(`${t.table.padEnd(22)} ${String(t.postgresRows).padStart(10)} rows`);
  console.log(`copied ${rows} rows in ${report.tables.length} tables; row counts match, and ${report.sampledRows} sampled rows read the same on both engines`);
  const queued = report.tables.find((t) => t.table === 'ingest_queue')?.postgresRows ?? 0;
  const { all, live } = report.claimsDropped;
  console.log(
    `ingest queue: ${queued} queued file(s) copied unclaimed; workers on PostgreSQL take them. ${all} file claim(s) not copied` +
      (live
        ? `; ${live} still leased: a worker on the SQLite catalog is ingesting. Stop it: what it commits now stays in SQLite (files from sources are listed and ingested again on PostgreSQL)`
        : ''),
  );
  return 0;
}
