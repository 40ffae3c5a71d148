import type Database from 'better-sqlite3';
import { RadomeError } from '../../../core/errors.js';
import * as ddl from '../table-ddl.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/**
 * Fills radar_minute_counts from the rows (migration 11 on an existing catalog; bulk loads, which
 * write with the triggers dropped). Part of released step 10: do not edit.
 */
export const FILL_RADAR_MINUTE_COUNTS = `
  INSERT INTO radar_minute_counts (site, minute, volumes, sweeps, products)
  SELECT site, minute, SUM(v), SUM(s), SUM(p) FROM (
    SELECT site, scan_start / 60000 AS minute, COUNT(*) AS v, 0 AS s, 0 AS p FROM volumes GROUP BY site, minute
    UNION ALL SELECT site, start_time / 60000, 0, COUNT(*), 0 FROM sweeps GROUP BY site, start_time / 60000
    UNION ALL SELECT site, scan_time / 60000, 0, 0, COUNT(*) FROM products GROUP BY site, scan_time / 60000)
  GROUP BY site, minute`;

/**
 * Fills product_hour_counts and precipitation_hours from the product rows (migration 12 on an
 * existing catalog; bulk loads). Part of released step 12: do not edit.
 */
export const FILL_PRODUCT_HOURS = `
  INSERT INTO product_hour_counts (hour, code, mnemonic, category, products)
  SELECT scan_time / 3600000, code, mnemonic, MAX(category), COUNT(*) FROM products GROUP BY scan_time / 3600000, code, mnemonic;
  INSERT INTO precipitation_hours (hour, site, code, mnemonic, products, max_accumulation_in)
  SELECT scan_time / 3600000, site, code, mnemonic, COUNT(*), MAX(max_accumulation_in) FROM products
  WHERE category = 'PRECIPITATION' GROUP BY scan_time / 3600000, site, code, mnemonic`;

/**
 * Fills precipitation_latest from the product rows (migration 16 on an existing catalog; bulk
 * loads): each site, code and mnemonic's newest precipitation product by (scan_time, id).
 */
export const FILL_PRECIPITATION_LATEST = `
  INSERT INTO precipitation_latest (site, code, mnemonic, newest_time, newest_id)
  SELECT site, code, mnemonic, newest_time, newest_id FROM (
    SELECT site, code, mnemonic, scan_time AS newest_time, id AS newest_id,
      ROW_NUMBER() OVER (PARTITION BY site, code, mnemonic ORDER BY scan_time DESC, id DESC) AS n
    FROM products WHERE category = 'PRECIPITATION') WHERE n = 1`;

/** precipitation_latest after a row leaves its group: the group's newest recomputed when it was that row (triggers of step 16). */
function recomputePrecipitationLatest(): string {
  const key = 'site = OLD.site AND code = OLD.code AND mnemonic = OLD.mnemonic';
  return `
        DELETE FROM precipitation_latest WHERE ${key} AND newest_id = OLD.id;
        INSERT INTO precipitation_latest (site, code, mnemonic, newest_time, newest_id)
        SELECT site, code, mnemonic, scan_time, id FROM products
        WHERE ${key} AND category = 'PRECIPITATION' AND NOT EXISTS (SELECT 1 FROM precipitation_latest WHERE ${key})
        ORDER BY scan_time DESC, id DESC LIMIT 1;`;
}

/** A group's newest precipitation product (one seek from the newest end), into precipitation_latest (triggers of step 17). */
function insertNewestPrecipitation(row: 'OLD' | 'NEW'): string {
  return `
        INSERT INTO precipitation_latest (site, code, mnemonic, newest_time, newest_id)
        SELECT site, code, mnemonic, scan_time, id FROM products
        WHERE site = ${row}.site AND category = 'PRECIPITATION' AND code = ${row}.code AND mnemonic = ${row}.mnemonic
        ORDER BY scan_time DESC, id DESC LIMIT 1;`;
}

/** The trigger condition "OLD was its group's newest precipitation product" (step 17). */
const OLD_WAS_NEWEST = `OLD.category = 'PRECIPITATION' AND OLD.id IS (SELECT newest_id FROM precipitation_latest WHERE site = OLD.site AND code = OLD.code AND mnemonic = OLD.mnemonic)`;

/** precipitation_latest after a row joins its group: it becomes the newest when newer by (scan_time, id). */
const ADVANCE_PRECIPITATION_LATEST = `
        INSERT INTO precipitation_latest (site, code, mnemonic, newest_time, newest_id) VALUES (NEW.site, NEW.code, NEW.mnemonic, NEW.scan_time, NEW.id)
        ON CONFLICT (site, code, mnemonic) DO UPDATE SET newest_time = excluded.newest_time, newest_id = excluded.newest_id
        WHERE (excluded.newest_time, excluded.newest_id) > (precipitation_latest.newest_time, precipitation_latest.newest_id);`;

/** Recounts one (hour, site, code, mnemonic) of precipitation_hours from the rows (triggers of step 12). */
function refreshPrecipitationHour(row: 'OLD' | 'NEW'): string {
  const key = `site = ${row}.site AND code = ${row}.code AND mnemonic = ${row}.mnemonic`;
  const hour = `${row}.scan_time / 3600000`;
  return `
        INSERT INTO precipitation_hours (hour, site, code, mnemonic, products, max_accumulation_in)
        SELECT ${hour}, ${row}.site, ${row}.code, ${row}.mnemonic, COUNT(*), MAX(max_accumulation_in) FROM products
        WHERE ${key} AND category = 'PRECIPITATION' AND scan_time >= ${hour} * 3600000 AND scan_time < (${hour} + 1) * 3600000
        ON CONFLICT (hour, site, code, mnemonic) DO UPDATE SET products = excluded.products, max_accumulation_in = excluded.max_accumulation_in;
        DELETE FROM precipitation_hours WHERE hour = ${hour} AND ${key} AND products = 0;`;
}

/**
 * Row triggers keeping radar_minute_counts (migration 11): the rows of `table` (volumes, sweeps or
 * products, each a column of the counts) by site and minute of `time`.
 */
function minuteCountTriggers(table: 'volumes' | 'sweeps' | 'products', time: string): string {
  const minus = `UPDATE radar_minute_counts SET ${table} = ${table} - 1 WHERE site = OLD.site AND minute = OLD.${time} / 60000;
        DELETE FROM radar_minute_counts WHERE site = OLD.site AND minute = OLD.${time} / 60000 AND volumes = 0 AND sweeps = 0 AND products = 0;`;
  const plus = `INSERT INTO radar_minute_counts (site, minute, ${table}) VALUES (NEW.site, NEW.${time} / 60000, 1)
        ON CONFLICT (site, minute) DO UPDATE SET ${table} = ${table} + 1;`;
  return `CREATE TRIGGER ${table}_count_insert AFTER INSERT ON ${table} BEGIN
        ${plus}
      END;
      CREATE TRIGGER ${table}_count_delete AFTER DELETE ON ${table} BEGIN
        ${minus}
      END;
      CREATE TRIGGER ${table}_count_update AFTER UPDATE OF site, ${time} ON ${table}
        WHEN OLD.site IS NOT NEW.site OR OLD.${time} / 60000 IS NOT NEW.${time} / 60000 BEGIN
        ${minus}
        ${plus}
      END;`;
}

/**
 * The catalog schema, as an ordered list of steps. Parts of their SQL are built (../table-ddl.ts,
 * the trigger helpers above), yet a released step's SQL never changes (../migrations-applied.test.ts
 * pins its hash): a new shape is a new step.
 * Times are INTEGER epoch milliseconds UTC.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'radar catalog',
    sql: `
      CREATE TABLE radar_sites (
        id TEXT PRIMARY KEY,
        latitude REAL NOT NULL,
        longitude REAL NOT NULL,
        height_m REAL NOT NULL,
        first_volume_at INTEGER,
        last_volume_at INTEGER
      ) STRICT;

      CREATE TABLE volumes (
        id TEXT PRIMARY KEY,
        site TEXT NOT NULL REFERENCES radar_sites(id),
        scan_start INTEGER NOT NULL,
        scan_end INTEGER NOT NULL,
        vcp INTEGER,
        sweep_count INTEGER NOT NULL,
        ${ddl.columnLines('sqlite', ddl.PROVENANCE_COLUMNS)}
      ) STRICT;
      CREATE INDEX volumes_by_site_time ON volumes(site, scan_start, id);
      CREATE INDEX volumes_by_time ON volumes(scan_start, id);

      CREATE TABLE source_files (
        source TEXT NOT NULL,
        key TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        size INTEGER NOT NULL,
        ingested_at INTEGER NOT NULL,
        volume_id TEXT REFERENCES volumes(id) ON DELETE SET NULL,
        PRIMARY KEY (source, key, fingerprint)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX source_files_by_volume ON source_files(volume_id);

      CREATE TABLE sweeps (
        id TEXT PRIMARY KEY,
        volume_id TEXT NOT NULL REFERENCES volumes(id) ON DELETE CASCADE,
        site TEXT NOT NULL,
        elevation_number INTEGER NOT NULL,
        elevation_angle REAL NOT NULL,
        moment TEXT NOT NULL,
        start_time INTEGER NOT NULL,
        end_time INTEGER NOT NULL,
        radial_count INTEGER NOT NULL,
        gate_count INTEGER NOT NULL,
        first_gate_km REAL NOT NULL,
        gate_spacing_km REAL NOT NULL,
        image_key TEXT NOT NULL,
        metadata_key TEXT NOT NULL,
        west REAL NOT NULL,
        south REAL NOT NULL,
        east REAL NOT NULL,
        north REAL NOT NULL,
        corners TEXT NOT NULL
      ) STRICT;
      CREATE INDEX sweeps_by_site_time ON sweeps(site, start_time, id);
      CREATE INDEX sweeps_by_volume ON sweeps(volume_id, elevation_number, moment);
      CREATE INDEX sweeps_by_site_moment_time ON sweeps(site, moment, start_time);
      CREATE INDEX sweeps_by_time ON sweeps(start_time, id);

      ${ddl.createTable('sqlite', ddl.INGEST_FAILURES)}

      -- Longest volume / sweep ever committed (only grows). Lets an overlap query
      -- "end >= from AND start < to" bound start from below too, and so use the time indexes.
      CREATE TABLE duration_bounds (
        kind TEXT PRIMARY KEY,
        max_ms INTEGER NOT NULL
      ) STRICT;
    `,
  },
  {
    version: 2,
    name: 'level 3 products',
    sql: `
      CREATE TABLE products (
        id TEXT PRIMARY KEY,
        site TEXT NOT NULL REFERENCES radar_sites(id),
        code INTEGER NOT NULL,
        mnemonic TEXT NOT NULL,
        name TEXT NOT NULL,
        category TEXT NOT NULL,
        scan_time INTEGER NOT NULL,
        elevation_angle REAL,
        units TEXT NOT NULL,
        image_key TEXT,
        metadata_key TEXT NOT NULL,
        raw_key TEXT NOT NULL,
        west REAL,
        south REAL,
        east REAL,
        north REAL,
        corners TEXT,
        ${ddl.columnLines('sqlite', ddl.PROVENANCE_COLUMNS)}
      ) STRICT;
      -- Keyset pages by (scan_time, id) under each filter; counts and "latest" by site and code.
      ${ddl.PRODUCT_INDEXES}

      ALTER TABLE source_files ADD COLUMN product_id TEXT REFERENCES products(id) ON DELETE SET NULL;
      CREATE INDEX source_files_by_product ON source_files(product_id);
    `,
  },
  {
    version: 3,
    name: 'gnss stations, days and SNR rollups',
    // Integer keys keep rollup rows small (~30 bytes); the primary key order makes a station's
    // series of one code at one level a single range scan. Days are GPS days since 1970;
    // snr_rollups.bucket is seconds since 1970 in the file's time system; values are integer
    // thousandths of a dB-Hz (exact sums; squares as REAL, which junk values could overflow as
    // integers). Levels: store/gnss/rollup-levels.ts.
    sql: `
      CREATE TABLE gnss_stations (
        num INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        name TEXT,
        long_name TEXT,
        latitude REAL,
        longitude REAL,
        height_m REAL,
        receiver_type TEXT,
        antenna_type TEXT,
        first_day INTEGER,
        last_day INTEGER,
        day_count INTEGER NOT NULL DEFAULT 0
      ) STRICT;

      CREATE TABLE gnss_codes (
        id INTEGER PRIMARY KEY,
        code TEXT NOT NULL UNIQUE
      ) STRICT;

      -- Which constellation × SNR code pairs each station has data for (what filters may name).
      ${ddl.createTable('sqlite', ddl.GNSS_STATION_SIGNALS)}

      ${ddl.createTable('sqlite', ddl.GNSS_DAYS)}

      ${ddl.createTable('sqlite', ddl.SNR_ROLLUPS)}
    `,
  },
  {
    version: 4,
    name: 'ingest status, flags, backfills and doomed objects',
    // ingest_sources: one row per daemon source (level2, level2-chunks, level3, gnss), what
    // ingestStatus shows and pause/resume set. doomed_objects: object keys whose rows are already
    // gone (retention, replaced sweeps), deleted from the store afterwards; a crash in between
    // leaves them listed here, so the next sweep finishes the job.
    sql: `
      CREATE TABLE ingest_sources (
        name TEXT PRIMARY KEY,
        paused INTEGER NOT NULL DEFAULT 0,
        running INTEGER NOT NULL DEFAULT 0,
        last_run_at INTEGER,
        last_success_at INTEGER,
        last_error TEXT,
        last_error_at INTEGER,
        backlog INTEGER NOT NULL DEFAULT 0,
        ingested_count INTEGER NOT NULL DEFAULT 0,
        skipped_count INTEGER NOT NULL DEFAULT 0,
        failed_count INTEGER NOT NULL DEFAULT 0
      ) STRICT;

      CREATE TABLE ingest_flags (
        name TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE backfill_requests (
        id INTEGER PRIMARY KEY,
        source TEXT NOT NULL,
        from_time INTEGER NOT NULL,
        to_time INTEGER NOT NULL,
        requested_at INTEGER NOT NULL,
        started_at INTEGER,
        finished_at INTEGER,
        error TEXT
      ) STRICT;
      CREATE INDEX backfill_requests_pending ON backfill_requests(source, finished_at, id);

      CREATE TABLE doomed_objects (
        key TEXT PRIMARY KEY,
        reason TEXT NOT NULL,
        doomed_at INTEGER NOT NULL
      ) STRICT, WITHOUT ROWID;
    `,
  },
  {
    version: 5,
    name: 'catalog events',
    // Append-only feed of what each commit added, written in the commit's transaction, so a
    // server in another process can follow ingest by polling `seq > cursor` (a rowid range scan).
    // AUTOINCREMENT: a seq is never reused, even after old rows are pruned.
    sql: `
      CREATE TABLE catalog_events (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        at INTEGER NOT NULL,
        kind TEXT NOT NULL,
        site TEXT,
        subject_id TEXT NOT NULL,
        code INTEGER
      ) STRICT;
    `,
  },
  {
    version: 6,
    name: 'product maximum accumulation',
    // The largest accumulation a precipitation product states (inches, description block), so
    // "the wettest product per site in a range" is a query; null for every other product, and
    // for products ingested before this step.
    sql: `
      ALTER TABLE products ADD COLUMN max_accumulation_in REAL;
    `,
  },
  {
    version: 7,
    name: 'sweeps nearest cut',
    // Animation frames pick, per volume, the cut of a moment nearest an angle: with the volume
    // and angle in the index, a day's candidates (~20 cuts × 288 volumes) are read from the index
    // alone, and only the chosen rows from the table.
    sql: `
      CREATE INDEX sweeps_by_site_moment_time_angle ON sweeps(site, moment, start_time, volume_id, elevation_angle);
    `,
  },
  {
    version: 8,
    name: 'level 2 sweep stores',
    // Where a volume's analysis-ready sweep store (Zarr) lies, and which of its sweep_<i> groups
    // holds a sweep row's cut; null for volumes ingested before this step.
    sql: `
      ALTER TABLE volumes ADD COLUMN zarr_key TEXT;
      ALTER TABLE sweeps ADD COLUMN sweep_index INTEGER;
    `,
  },
  {
    version: 9,
    name: 'gnss orbits and geometry',
    // Orbit files (broadcast navigation, SP3) stored per GPS day: one row per file and day it
    // covers. A station-day's geometry names the orbits its elevation/azimuth/edot came from
    // ('precise', 'broadcast', or 'file' for a gnssrefl SNR file's own); null while the day has none.
    sql: `
      ${ddl.createTable('sqlite', ddl.GNSS_ORBITS)}
      ALTER TABLE gnss_days ADD COLUMN geometry TEXT;

      -- A station's gnssir settings as ingested: the gnssrefl station json and its GPT2w
      -- refraction file (either may come first, or alone).
      CREATE TABLE gnss_station_settings (
        station TEXT PRIMARY KEY,
        settings_json TEXT,
        refraction_text TEXT,
        updated_at INTEGER NOT NULL
      ) STRICT;
    `,
  },
  {
    version: 10,
    name: 'gnss elevation rollups',
    // SNR sums per station-day, code, satellite, 5° elevation bin and 10° azimuth bin
    // (store/gnss/elevation-bins.ts), so elevation-aware queries stay off the Parquet objects.
    // gnss_days.elevation_rollups says a day has them: days given geometry before this migration
    // have none and are read from Parquet until they are ingested again.
    sql: `
      ${ddl.createTable('sqlite', ddl.SNR_ELEVATION_ROLLUPS)}
      ALTER TABLE gnss_days ADD COLUMN elevation_rollups INTEGER NOT NULL DEFAULT 0;
    `,
  },
  {
    version: 11,
    name: 'radar minute counts and product code index',
    // radarCoverage of a day of all sites counted ~4 million sweep rows (seconds at national
    // size); it now sums per-minute counts (160 sites × 1440 minutes), kept exact by triggers on
    // every insert, delete (retention, replaced sweeps) and move of a row. minute = start ms / 60000
    // (SQLite integer division). productCodes of a site and category reads one covering index.
    // sweeps_by_site_moment_time goes: it is a prefix of sweeps_by_site_moment_time_angle (step 7).
    // Sweep rows written from now on store '' in corners for the bbox's own corners (rows.ts).
    sql: `
      DROP INDEX sweeps_by_site_moment_time;
      ${ddl.createTable('sqlite', ddl.RADAR_MINUTE_COUNTS)}
      ${ddl.MINUTE_COUNTED.map(([table, time]) => minuteCountTriggers(table, time)).join('\n      ')}

      CREATE INDEX products_by_site_category_code ON products(site, category, code, mnemonic, scan_time);
      ${FILL_RADAR_MINUTE_COUNTS};
    `,
  },
  {
    version: 12,
    name: 'product hour counts and precipitation hours',
    // productCodes over all sites for a day counted ~650k product rows (2 s at national size); it now
    // sums per-hour counts of all sites (24 × codes rows a day), the part-hours at the window's edges
    // counted from products_by_category_code. latestPrecipitation of all sites read every
    // precipitation product of the day through two window sorts (2 s); it now sums per-site hours
    // (count and largest accumulation), reads the edges' rows, and finds the newest and the wettest
    // product of each site and code by index seeks. Both tables are kept exact by triggers on every
    // insert, delete and move of a row; precipitation_hours recounts its (hour, site, code, mnemonic)
    // from the rows (a dozen index entries), so a deleted wettest product leaves the right maximum.
    sql: `
      ${ddl.createTable('sqlite', ddl.PRODUCT_HOUR_COUNTS)}
      ${ddl.createTable('sqlite', ddl.PRECIPITATION_HOURS)}
      -- The newest hour holding a site's largest accumulation (where to look for the wettest product).
      CREATE INDEX precipitation_hours_by_accumulation ON precipitation_hours(site, code, mnemonic, max_accumulation_in, hour);
      CREATE TRIGGER product_hours_insert AFTER INSERT ON products BEGIN
        INSERT INTO product_hour_counts (hour, code, mnemonic, category, products) VALUES (NEW.scan_time / 3600000, NEW.code, NEW.mnemonic, NEW.category, 1)
        ON CONFLICT (hour, code, mnemonic) DO UPDATE SET products = products + 1, category = excluded.category;
      END;
      CREATE TRIGGER product_hours_delete AFTER DELETE ON products BEGIN
        UPDATE product_hour_counts SET products = products - 1 WHERE hour = OLD.scan_time / 3600000 AND code = OLD.code AND mnemonic = OLD.mnemonic;
        DELETE FROM product_hour_counts WHERE hour = OLD.scan_time / 3600000 AND code = OLD.code AND mnemonic = OLD.mnemonic AND products = 0;
      END;
      CREATE TRIGGER product_hours_update AFTER UPDATE OF code, mnemonic, category, scan_time ON products
        WHEN OLD.code IS NOT NEW.code OR OLD.mnemonic IS NOT NEW.mnemonic OR OLD.category IS NOT NEW.category OR OLD.scan_time / 3600000 IS NOT NEW.scan_time / 3600000 BEGIN
        UPDATE product_hour_counts SET products = products - 1 WHERE hour = OLD.scan_time / 3600000 AND code = OLD.code AND mnemonic = OLD.mnemonic;
        DELETE FROM product_hour_counts WHERE hour = OLD.scan_time / 3600000 AND code = OLD.code AND mnemonic = OLD.mnemonic AND products = 0;
        INSERT INTO product_hour_counts (hour, code, mnemonic, category, products) VALUES (NEW.scan_time / 3600000, NEW.code, NEW.mnemonic, NEW.category, 1)
        ON CONFLICT (hour, code, mnemonic) DO UPDATE SET products = products + 1, category = excluded.category;
      END;
      CREATE TRIGGER precipitation_hours_insert AFTER INSERT ON products WHEN NEW.category = 'PRECIPITATION' BEGIN${refreshPrecipitationHour('NEW')}
      END;
      CREATE TRIGGER precipitation_hours_delete AFTER DELETE ON products WHEN OLD.category = 'PRECIPITATION' BEGIN${refreshPrecipitationHour('OLD')}
      END;
      CREATE TRIGGER precipitation_hours_update AFTER UPDATE OF site, code, mnemonic, category, scan_time, max_accumulation_in ON products
        WHEN OLD.category = 'PRECIPITATION' OR NEW.category = 'PRECIPITATION' BEGIN${refreshPrecipitationHour('OLD')}${refreshPrecipitationHour('NEW')}
      END;
      ${FILL_PRODUCT_HOURS};
    `,
  },
  // Ingest workers claim a source file with a lease before ingesting it (issue 24); a worker that
  // dies loses its claims when their leases run out.
  ddl.tableStep('sqlite', 13, 'file claims', ddl.FILE_CLAIMS),
  // PostgreSQL's step 6: files a scheduler listed, waiting for any worker (ingest-queue.ts), so
  // the queue has the same semantics on both engines.
  ddl.tableStep('sqlite', 14, 'ingest queue', ddl.INGEST_QUEUE),
  {
    version: 15,
    name: 'precipitation products by time',
    // latestPrecipitation's newest and wettest product of each site and code: one covering seek
    // each (precipitation-summary.ts). Partial: only PRECIPITATION products, ~a quarter of them.
    sql: `
      CREATE INDEX products_precipitation_by_time ON products(site, category, code, mnemonic, scan_time, id, max_accumulation_in)
        WHERE category = 'PRECIPITATION';
    `,
  },
  {
    version: 16,
    name: 'newest precipitation product per site and code',
    // latestPrecipitation of all sites sought each site and code's newest product in the window
    // (~1,000 seeks at national size); the newest overall, kept here by triggers, answers every
    // window that holds it (a window ending now: the usual question), the seek only the others.
    // A deleted newest (retention, a product moved) recomputes its one group by a seek.
    sql: `
      ${ddl.createTable('sqlite', ddl.PRECIPITATION_LATEST)}
      -- A group's hours in order: the window's whole hours summed by a seek per group, not a sort
      -- of every site's hours (15k rows a day at national size) by group.
      CREATE INDEX precipitation_hours_by_group ON precipitation_hours(site, code, mnemonic, hour, products, max_accumulation_in);
      CREATE TRIGGER precipitation_latest_insert AFTER INSERT ON products WHEN NEW.category = 'PRECIPITATION' BEGIN${ADVANCE_PRECIPITATION_LATEST}
      END;
      CREATE TRIGGER precipitation_latest_delete AFTER DELETE ON products WHEN OLD.category = 'PRECIPITATION' BEGIN${recomputePrecipitationLatest()}
      END;
      CREATE TRIGGER precipitation_latest_update AFTER UPDATE OF id, site, code, mnemonic, category, scan_time ON products
        WHEN OLD.category = 'PRECIPITATION' OR NEW.category = 'PRECIPITATION' BEGIN
        DELETE FROM precipitation_latest WHERE OLD.category = 'PRECIPITATION' AND site = OLD.site AND code = OLD.code AND mnemonic = OLD.mnemonic AND newest_id = OLD.id;
        INSERT INTO precipitation_latest (site, code, mnemonic, newest_time, newest_id)
        SELECT site, code, mnemonic, scan_time, id FROM products
        WHERE site = OLD.site AND code = OLD.code AND mnemonic = OLD.mnemonic AND category = 'PRECIPITATION'
          AND NOT EXISTS (SELECT 1 FROM precipitation_latest WHERE site = OLD.site AND code = OLD.code AND mnemonic = OLD.mnemonic)
        ORDER BY scan_time DESC, id DESC LIMIT 1;
        INSERT INTO precipitation_latest (site, code, mnemonic, newest_time, newest_id)
        SELECT NEW.site, NEW.code, NEW.mnemonic, NEW.scan_time, NEW.id WHERE NEW.category = 'PRECIPITATION'
        ON CONFLICT (site, code, mnemonic) DO UPDATE SET newest_time = excluded.newest_time, newest_id = excluded.newest_id
        WHERE (excluded.newest_time, excluded.newest_id) > (precipitation_latest.newest_time, precipitation_latest.newest_id);
      END;
      ${FILL_PRECIPITATION_LATEST};
    `,
  },
  {
    version: 17,
    name: 'newest precipitation product recomputed only when it goes',
    // Step 16's delete trigger recomputed a group's newest under NOT EXISTS (…), which SQLite
    // tested on each of the group's products in turn: every deleted precipitation product walked
    // its whole group (a week at a site: ~2,000 index entries, ~30 pages). Retention deletes the
    // oldest products, never the newest: at a national week a batch of 100 products read 6.5 MB
    // from disk for it while holding the write lock. The triggers now run only when the newest
    // goes (or moves), and find the next one by one seek.
    sql: `
      DROP TRIGGER precipitation_latest_delete;
      CREATE TRIGGER precipitation_latest_delete AFTER DELETE ON products WHEN ${OLD_WAS_NEWEST} BEGIN
        DELETE FROM precipitation_latest WHERE site = OLD.site AND code = OLD.code AND mnemonic = OLD.mnemonic;${insertNewestPrecipitation('OLD')}
      END;
      DROP TRIGGER precipitation_latest_update;
      CREATE TRIGGER precipitation_latest_update_old AFTER UPDATE OF id, site, code, mnemonic, category, scan_time ON products WHEN ${OLD_WAS_NEWEST} BEGIN
        DELETE FROM precipitation_latest WHERE site = OLD.site AND code = OLD.code AND mnemonic = OLD.mnemonic;${insertNewestPrecipitation('OLD')}
      END;
      CREATE TRIGGER precipitation_latest_update_new AFTER UPDATE OF id, site, code, mnemonic, category, scan_time ON products WHEN NEW.category = 'PRECIPITATION' BEGIN
        ${ADVANCE_PRECIPITATION_LATEST.trim()}
      END;
    `,
  },
];

export const CATALOG_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

const CREATE_MIGRATIONS_TABLE = `
  CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at INTEGER NOT NULL
  ) STRICT`;

/** The catalog's schema version; 0 for a file no radome has initialised. */
export function schemaVersion(db: Database.Database): number {
  const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get();
  if (!table) return 0;
  const row = db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null };
  return row.v ?? 0;
}

function tooNew(path: string, version: number): RadomeError {
  return new RadomeError('CONFIG', `catalog ${path} has schema version ${version}, newer than the ${CATALOG_SCHEMA_VERSION} this radome knows; upgrade radome (or point it at another catalog)`);
}

/**
 * Brings the schema up to date, each step in its own IMMEDIATE transaction that re-reads the
 * version first, so two processes opening the same new file cannot both apply a step.
 */
export function migrate(db: Database.Database, path: string, migrations: readonly Migration[] = MIGRATIONS): number {
  const latest = migrations[migrations.length - 1]!.version;
  const initial = schemaVersion(db);
  if (initial > latest) throw tooNew(path, initial);
  for (const migration of migrations) {
    if (migration.version <= initial) continue;
    db.transaction(() => {
      db.exec(CREATE_MIGRATIONS_TABLE);
      const current = schemaVersion(db);
      if (current > latest) throw tooNew(path, current);
      if (current >= migration.version) return;
      db.exec(migration.sql);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(migration.version, migration.name, Date.now());
    }).immediate();
  }
  return schemaVersion(db);
}

/** A read-only open cannot migrate: the schema must be exactly the one this radome knows. */
export function checkSchema(db: Database.Database, path: string): void {
  const version = schemaVersion(db);
  if (version > CATALOG_SCHEMA_VERSION) throw tooNew(path, version);
  if (version < CATALOG_SCHEMA_VERSION) {
    throw new RadomeError(
      'CONFIG',
      version === 0
        ? `catalog ${path} is not initialised; open it once for writing (e.g. run an ingest) first`
        : `catalog ${path} has schema version ${version}, older than ${CATALOG_SCHEMA_VERSION}; open it once for writing (e.g. run an ingest) to migrate it`,
    );
  }
}
