// What `radome catalog …` offers: names, usage and options only; each command's code loads when it runs.
import type { Command } from '../args.js';

const migrate: Command = {
  name: 'migrate',
  summary: 'copy a SQLite catalog into a new PostgreSQL one, and verify the copy',
  usage: `
Usage: radome catalog migrate --from sqlite:<path> --to postgres://user@host:port/database

Copies every table of the SQLite catalog (its schema must be current: open it once with this radome
first) into the PostgreSQL database, creating the schema there; the database must hold no catalog
rows yet. The copy is one transaction: it lands whole or not at all. Then it verifies the copy:
each table's row count, and a sample of volumes, sweeps, products, sites, stations, days, failures
and events read back through both engines. Objects (RADOME_OBJECTS) are not copied: point the
PostgreSQL-backed processes at the same object store. Stop the processes on the SQLite catalog
first. Files queued for ingest come over unclaimed, so workers on PostgreSQL take them at once;
file claims (the leases of workers on the SQLite catalog) stay behind.`,
  options: { from: { type: 'string' }, to: { type: 'string' } },
  run: async (args) => (await import('./catalog-migrate.js')).migrateCatalog(args),
};

export const catalogCommands: readonly Command[] = [migrate];
