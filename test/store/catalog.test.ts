import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { expectRadomeError } from '../support/radome-failure.js';
import { type ReadOnlyCatalog, openCatalog, openReadOnlyCatalog, CATALOG_SCHEMA_VERSION } from '../../store/catalog/index.js';
import { migrate, MIGRATIONS } from '../../store/catalog/sqlite/migrations.js';
import { openDatabase } from '../../store/catalog/sqlite/open.js';
import { makeVolume, tempDbPath } from './catalog-fixtures.js';

const open: ReadOnlyCatalog[] = [];
function track<C extends ReadOnlyCatalog>(c: C): C {
  open.push(c);
  return c;
}
afterEach(async () => {
  for (const c of open.splice(0)) await c.close();
});

describe('catalog migrations', () => {
  it('creates a fresh catalog (and its folder) at the latest version, in WAL mode', async () => {
    const path = tempDbPath();
    const c = track(await openCatalog(path));
    expect(c.schemaVersion).toBe(CATALOG_SCHEMA_VERSION);
    await c.close();
    const db = new Database(path, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
    expect(tables).toEqual(expect.arrayContaining(['radar_sites', 'source_files', 'volumes', 'sweeps', 'ingest_failures', 'schema_migrations']));
    const indexes = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[]).map((r) => r.name);
    expect(indexes).toEqual(expect.arrayContaining(['sweeps_by_site_time', 'sweeps_by_volume', 'sweeps_by_site_moment_time_angle', 'volumes_by_site_time']));
    db.close();
  });

  it('keeps statement journals in memory, not in temp files', () => {
    const db = openDatabase(tempDbPath(), false);
    expect(db.pragma('temp_store', { simple: true })).toBe(2);
    db.close();
  });

  it('re-opening is a no-op, and a later migration step is applied once, in order', async () => {
    const path = tempDbPath();
    await (await openCatalog(path)).close();
    const before = new Database(path).prepare('SELECT * FROM schema_migrations').all();
    await (await openCatalog(path)).close();
    const db = new Database(path);
    expect(db.prepare('SELECT * FROM schema_migrations').all()).toEqual(before);

    const extra = [...MIGRATIONS, { version: CATALOG_SCHEMA_VERSION + 1, name: 'extra', sql: 'CREATE TABLE extra_step (x INTEGER) STRICT;' }];
    expect(migrate(db, path, extra)).toBe(CATALOG_SCHEMA_VERSION + 1);
    expect(migrate(db, path, extra)).toBe(CATALOG_SCHEMA_VERSION + 1);
    expect(db.prepare('SELECT version FROM schema_migrations ORDER BY version').all()).toEqual(extra.map((m) => ({ version: m.version })));
    db.close();
  });

  it('a failing migration step leaves the catalog at the previous version', async () => {
    const path = tempDbPath();
    await (await openCatalog(path)).close();
    const db = new Database(path);
    const broken = [...MIGRATIONS, { version: CATALOG_SCHEMA_VERSION + 1, name: 'broken', sql: 'CREATE TABLE half (x); SELECT no_such_function();' }];
    expect(() => migrate(db, path, broken)).toThrow(/no_such_function/);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half'").get()).toBeUndefined();
    expect(db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get()).toEqual({ v: CATALOG_SCHEMA_VERSION });
    db.close();
  });

  it('refuses a catalog newer than it knows, read-only or not, with a clear CONFIG error', async () => {
    const path = tempDbPath();
    await (await openCatalog(path)).close();
    const db = new Database(path);
    db.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?)').run(CATALOG_SCHEMA_VERSION + 5, 'future', Date.now());
    db.close();
    await expectRadomeError(() => openReadOnlyCatalog(path), 'CONFIG', /newer than the \d+ this radome knows; upgrade radome/);
    await expectRadomeError(() => openCatalog(path), 'CONFIG', /newer/);
  });

  it('read-only opens never create or migrate', async () => {
    const missing = tempDbPath();
    await expectRadomeError(() => openReadOnlyCatalog(missing), 'CONFIG', /run an ingest first/);
    const blank = tempDbPath();
    await (await openCatalog(blank)).close();
    const db = new Database(blank);
    db.exec('DELETE FROM schema_migrations');
    db.close();
    await expectRadomeError(() => openReadOnlyCatalog(blank), 'CONFIG', /not initialised/);
  });

  it('a read-only catalog reads, and has no writer', async () => {
    const path = tempDbPath();
    const writer = track(await openCatalog(path));
    await writer.writer.radar.commitVolume(makeVolume({ site: 'KLOT', start: Date.UTC(2022, 2, 17) }));
    await writer.close();
    const reader = track(await openReadOnlyCatalog(path));
    expect((await reader.reader.radar.sites()).map((s) => s.id)).toEqual(['KLOT']);
    expect('writer' in reader).toBe(false);
  });
});

// Commits, keyset pages, filters and ingest failures are engine-neutral: catalog-conformance.ts runs
// them on SQLite and PostgreSQL.
