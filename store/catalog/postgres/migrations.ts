// The catalog schema on PostgreSQL: its own versioned steps, the same logical tables as the SQLite
// engine's version 9 (../sqlite/migrations.ts).
//
// Times stay bigint epoch milliseconds (not timestamptz): the interfaces, cursors and SQLite all
// speak epoch ms, so rows copy between engines unchanged, keyset comparisons are integer
// comparisons, and partition bounds are plain numbers; nothing converts time zones.
// Text is COLLATE "C" (byte order) so ORDER BY id/key and keyset ties sort as on SQLite, whatever
// the database's default collation.
// sweeps, products and snr_rollups are RANGE-partitioned by day (partitions.ts creates a day's
// partition when its first row arrives), so retention drops whole days. A partitioned table's
// unique keys must contain the partition column, so their primary keys are (id, time); the code
// keeps ids unique (a product arriving again is deleted and re-inserted), and source_files.product_id
// is not a foreign key (nothing could reference products(id) alone).
import { RadomeError } from '../../../core/errors.js';
import { redactUrl, type PgSession } from './session.js';
import * as ddl from '../table-ddl.js';

export interface PgMigration {
  version: number;
  name: string;
  sql: string;
}

const T = 'text COLLATE "C"';

/** Fills radar_minute_counts from the rows (step 3 on an existing catalog; bulk loads). Part of released step 3: do not edit. */
export const PG_FILL_RADAR_MINUTE_COUNTS = `
      INSERT INTO radar_minute_counts (site, minute, volumes, sweeps, products)
      SELECT site, minute, SUM(v), SUM(s), SUM(p) FROM (
        SELECT site, scan_start / 60000 AS minute, COUNT(*) AS v, 0 AS s, 0 AS p FROM volumes GROUP BY 1, 2
        UNION ALL SELECT site, start_time / 60000, 0, COUNT(*), 0 FROM sweeps GROUP BY 1, 2
        UNION ALL SELECT site, scan_time / 60000, 0, 0, COUNT(*) FROM products GROUP BY 1, 2) c
      GROUP BY site, minute`;

/** Fills product_hour_counts and precipitation_hours from the product rows (step 5 on an existing catalog; bulk loads). Part of released step 5: do not edit. */
export const PG_FILL_PRODUCT_HOURS = `
  INSERT INTO product_hour_counts (hour, code, mnemonic, category, products)
  SELECT scan_time / 3600000, code, mnemonic, MAX(category), COUNT(*) FROM products GROUP BY 1, 2, 3;
  INSERT INTO precipitation_hours (hour, site, code, mnemonic, products, max_accumulation_in)
  SELECT scan_time / 3600000, site, code, mnemonic, COUNT(*), MAX(max_accumulation_in) FROM products
  WHERE category = 'PRECIPITATION' GROUP BY 1, 2, 3, 4`;

/** Fills precipitation_latest from the product rows (step 7 on an existing catalog; bulk loads): each group's newest by (scan_time, id). */
export const PG_FILL_PRECIPITATION_LATEST = `
  INSERT INTO precipitation_latest (site, code, mnemonic, newest_time, newest_id)
  SELECT DISTINCT ON (site, code, mnemonic) site, code, mnemonic, scan_time, id FROM products
  WHERE category = 'PRECIPITATION' ORDER BY site, code, mnemonic, scan_time DESC, id DESC`;

/**
 * The row trigger keeping radar_minute_counts (step 3): the rows of `table` (volumes, sweeps or
 * products, each a column of the counts) by site and minute of `time`.
 */
function minuteCountTrigger(table: 'volumes' | 'sweeps' | 'products', time: string): string {
  return `CREATE FUNCTION ${table}_minute_count() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP IN ('DELETE', 'UPDATE') THEN
          UPDATE radar_minute_counts SET ${table} = ${table} - 1 WHERE site = OLD.site AND minute = OLD.${time} / 60000;
          DELETE FROM radar_minute_counts WHERE site = OLD.site AND minute = OLD.${time} / 60000 AND volumes = 0 AND sweeps = 0 AND products = 0;
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
          INSERT INTO radar_minute_counts (site, minute, ${table}) VALUES (NEW.site, NEW.${time} / 60000, 1)
          ON CONFLICT (site, minute) DO UPDATE SET ${table} = radar_minute_counts.${table} + 1;
        END IF;
        RETURN NULL;
      END $$;
      CREATE TRIGGER ${table}_count_insert_delete AFTER INSERT OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION ${table}_minute_count();
      CREATE TRIGGER ${table}_count_update AFTER UPDATE OF site, ${time} ON ${table} FOR EACH ROW
        WHEN (OLD.site IS DISTINCT FROM NEW.site OR OLD.${time} / 60000 IS DISTINCT FROM NEW.${time} / 60000) EXECUTE FUNCTION ${table}_minute_count();`;
}

/**
 * A step whose tables a plpgsql row trigger on products keeps (steps 5 and 7): it creates `tables`,
 * runs `before`, defines `fn` of `body` and fires it after every insert and delete, and after updates
 * that change a `watched` column (one line of the WHEN clause per group, as the steps were applied),
 * then fills the tables from the rows already there.
 */
function productsTriggerStep(
  version: number,
  name: string,
  step: { tables: readonly ddl.TableDescription[]; before?: string; trigger: string; fn: string; body: string; watched: readonly (readonly string[])[]; fill: string },
): PgMigration {
  const { tables, before, trigger, fn, body, watched, fill } = step;
  const changed = watched.map((group) => group.map((c) => `OLD.${c} IS DISTINCT FROM NEW.${c}`).join(' OR ')).join('\n          OR ');
  const sql = `
      ${tables.map((t) => ddl.createTable('postgres', t)).join('\n      ')}${before ? `\n      ${before}` : ''}
      CREATE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN${body}
        RETURN NULL;
      END $$;
      CREATE TRIGGER ${trigger}_insert_delete AFTER INSERT OR DELETE ON products FOR EACH ROW EXECUTE FUNCTION ${fn}();
      CREATE TRIGGER ${trigger}_update AFTER UPDATE OF ${watched.flat().join(', ')} ON products FOR EACH ROW
        WHEN (${changed})
        EXECUTE FUNCTION ${fn}();
      ${fill};
      `;
  return { version, name, sql };
}

/**
 * PostgreSQL's steps. Parts of their SQL are built (../table-ddl.ts, the trigger helpers above), yet
 * a released step's SQL never changes (../migrations-applied.test.ts pins its hash): a new shape is a new step.
 */
export const PG_MIGRATIONS: readonly PgMigration[] = [
  {
    version: 1,
    name: 'catalog (SQLite schema 9), sweeps, products and rollups partitioned by day',
    sql: `
      CREATE TABLE radar_sites (
        id ${T} PRIMARY KEY,
        latitude double precision NOT NULL,
        longitude double precision NOT NULL,
        height_m double precision NOT NULL,
        first_volume_at bigint,
        last_volume_at bigint
      );

      CREATE TABLE volumes (
        id ${T} PRIMARY KEY,
        site ${T} NOT NULL REFERENCES radar_sites(id),
        scan_start bigint NOT NULL,
        scan_end bigint NOT NULL,
        vcp integer,
        sweep_count integer NOT NULL,
        ${ddl.columnLines('postgres', ddl.PROVENANCE_COLUMNS)},
        zarr_key ${T}
      );
      CREATE INDEX volumes_by_site_time ON volumes(site, scan_start, id);
      CREATE INDEX volumes_by_time ON volumes(scan_start, id);

      CREATE TABLE sweeps (
        id ${T} NOT NULL,
        volume_id ${T} NOT NULL REFERENCES volumes(id) ON DELETE CASCADE,
        site ${T} NOT NULL,
        elevation_number integer NOT NULL,
        elevation_angle double precision NOT NULL,
        moment ${T} NOT NULL,
        start_time bigint NOT NULL,
        end_time bigint NOT NULL,
        radial_count integer NOT NULL,
        gate_count integer NOT NULL,
        first_gate_km double precision NOT NULL,
        gate_spacing_km double precision NOT NULL,
        image_key ${T} NOT NULL,
        metadata_key ${T} NOT NULL,
        west double precision NOT NULL,
        south double precision NOT NULL,
        east double precision NOT NULL,
        north double precision NOT NULL,
        corners ${T} NOT NULL,
        sweep_index integer,
        PRIMARY KEY (id, start_time)
      ) PARTITION BY RANGE (start_time);
      CREATE INDEX sweeps_by_id ON sweeps(id);
      CREATE INDEX sweeps_by_site_time ON sweeps(site, start_time, id);
      CREATE INDEX sweeps_by_volume ON sweeps(volume_id, elevation_number, moment);
      CREATE INDEX sweeps_by_site_moment_time_angle ON sweeps(site, moment, start_time, volume_id, elevation_angle);
      CREATE INDEX sweeps_by_time ON sweeps(start_time, id);

      CREATE TABLE products (
        id ${T} NOT NULL,
        site ${T} NOT NULL REFERENCES radar_sites(id),
        code integer NOT NULL,
        mnemonic ${T} NOT NULL,
        name ${T} NOT NULL,
        category ${T} NOT NULL,
        scan_time bigint NOT NULL,
        elevation_angle double precision,
        units ${T} NOT NULL,
        image_key ${T},
        metadata_key ${T} NOT NULL,
        raw_key ${T} NOT NULL,
        west double precision,
        south double precision,
        east double precision,
        north double precision,
        corners ${T},
        ${ddl.columnLines('postgres', ddl.PROVENANCE_COLUMNS)},
        max_accumulation_in double precision,
        PRIMARY KEY (id, scan_time)
      ) PARTITION BY RANGE (scan_time);
      CREATE INDEX products_by_id ON products(id);
      ${ddl.PRODUCT_INDEXES}

      CREATE TABLE source_files (
        source ${T} NOT NULL,
        key ${T} NOT NULL,
        fingerprint ${T} NOT NULL,
        size bigint NOT NULL,
        ingested_at bigint NOT NULL,
        volume_id ${T} REFERENCES volumes(id) ON DELETE SET NULL,
        product_id ${T},
        PRIMARY KEY (source, key, fingerprint)
      );
      CREATE INDEX source_files_by_volume ON source_files(volume_id);
      CREATE INDEX source_files_by_product ON source_files(product_id);

      ${ddl.createTable('postgres', ddl.INGEST_FAILURES)}

      CREATE TABLE duration_bounds (
        kind ${T} PRIMARY KEY,
        max_ms bigint NOT NULL
      );

      CREATE TABLE gnss_stations (
        num integer GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        id ${T} NOT NULL UNIQUE,
        name ${T},
        long_name ${T},
        latitude double precision,
        longitude double precision,
        height_m double precision,
        receiver_type ${T},
        antenna_type ${T},
        first_day integer,
        last_day integer,
        day_count integer NOT NULL DEFAULT 0
      );

      CREATE TABLE gnss_codes (
        id integer GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        code ${T} NOT NULL UNIQUE
      );

      ${ddl.createTable('postgres', ddl.GNSS_STATION_SIGNALS)}

      ${ddl.createTable('postgres', { ...ddl.GNSS_DAYS, columns: [...ddl.GNSS_DAYS.columns, ['geometry', 'text', '']] })}

      ${ddl.createTable('postgres', ddl.SNR_ROLLUPS)}

      ${ddl.createTable('postgres', ddl.GNSS_ORBITS)}

      CREATE TABLE gnss_station_settings (
        station ${T} PRIMARY KEY,
        settings_json ${T},
        refraction_text ${T},
        updated_at bigint NOT NULL
      );

      CREATE TABLE ingest_sources (
        name ${T} PRIMARY KEY,
        paused boolean NOT NULL DEFAULT false,
        running boolean NOT NULL DEFAULT false,
        last_run_at bigint,
        last_success_at bigint,
        last_error ${T},
        last_error_at bigint,
        backlog bigint NOT NULL DEFAULT 0,
        ingested_count bigint NOT NULL DEFAULT 0,
        skipped_count bigint NOT NULL DEFAULT 0,
        failed_count bigint NOT NULL DEFAULT 0
      );

      CREATE TABLE ingest_flags (
        name ${T} PRIMARY KEY,
        value ${T} NOT NULL,
        updated_at bigint NOT NULL
      );

      CREATE TABLE backfill_requests (
        id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        source ${T} NOT NULL,
        from_time bigint NOT NULL,
        to_time bigint NOT NULL,
        requested_at bigint NOT NULL,
        started_at bigint,
        finished_at bigint,
        error ${T}
      );
      CREATE INDEX backfill_requests_pending ON backfill_requests(source, finished_at, id);

      CREATE TABLE doomed_objects (
        key ${T} PRIMARY KEY,
        reason ${T} NOT NULL,
        doomed_at bigint NOT NULL
      );

      -- seq is never reused (identity); appends are serialised by an advisory lock held to commit
      -- (events.ts), so seq order is commit order and a follower never skips a late-committing event.
      CREATE TABLE catalog_events (
        seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at bigint NOT NULL,
        kind ${T} NOT NULL,
        site ${T},
        subject_id ${T} NOT NULL,
        code integer
      );
    `,
  },
  {
    version: 2,
    name: 'gnss elevation rollups',
    // SQLite's step 10: SNR sums per station-day, code, satellite, 5° elevation bin and 10° azimuth
    // bin; gnss_days.elevation_rollups says a day has them.
    sql: `
      ${ddl.createTable('postgres', ddl.SNR_ELEVATION_ROLLUPS)}
      ALTER TABLE gnss_days ADD COLUMN elevation_rollups boolean NOT NULL DEFAULT false;
    `,
  },
  {
    version: 3,
    name: 'radar minute counts and product code index',
    // SQLite's step 11: per-site, per-minute counts kept exact by row triggers (on the partitioned
    // tables they apply to every partition), so bucketCounts sums minutes instead of counting
    // sweeps. Retention's partition drops fire no row trigger: retention.ts subtracts a dropped
    // partition's counts itself. productCodes of a site and category reads one index.
    sql: `
      ${ddl.createTable('postgres', ddl.RADAR_MINUTE_COUNTS)}
      ${ddl.MINUTE_COUNTED.map(([table, time]) => minuteCountTrigger(table, time)).join('\n      ')}
      CREATE INDEX products_by_site_category_code ON products (site, category, code, mnemonic, scan_time);
      ${PG_FILL_RADAR_MINUTE_COUNTS};
    `,
  },
  // SQLite's step 13: ingest workers claim a file with a lease (see ingest-status.ts).
  ddl.tableStep('postgres', 4, 'file claims', ddl.FILE_CLAIMS),
  productsTriggerStep(5, 'product hour counts and precipitation hours', {
    // SQLite's step 12: productCodes of all sites sums per-hour counts, latestPrecipitation sums
    // per-site hours (count, largest accumulation), both kept by row triggers. An insert adds to its
    // hour (concurrency-safe upserts: writers in several processes); a delete or move recounts its
    // precipitation hour from the rows after locking that hour's row, so a deleted wettest product
    // leaves the right maximum and a concurrent insert is never lost. Partition drops fire no row
    // trigger: retention.ts subtracts a dropped day (whole hours) itself.
    tables: [ddl.PRODUCT_HOUR_COUNTS, ddl.PRECIPITATION_HOURS],
    before: 'CREATE INDEX precipitation_hours_by_accumulation ON precipitation_hours(site, code, mnemonic, max_accumulation_in, hour);',
    trigger: 'product_hours',
    fn: 'product_hour_count',
    body: `
        IF TG_OP IN ('DELETE', 'UPDATE') THEN
          UPDATE product_hour_counts SET products = products - 1 WHERE hour = OLD.scan_time / 3600000 AND code = OLD.code AND mnemonic = OLD.mnemonic;
          DELETE FROM product_hour_counts WHERE hour = OLD.scan_time / 3600000 AND code = OLD.code AND mnemonic = OLD.mnemonic AND products = 0;
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
          INSERT INTO product_hour_counts (hour, code, mnemonic, category, products) VALUES (NEW.scan_time / 3600000, NEW.code, NEW.mnemonic, NEW.category, 1)
          ON CONFLICT (hour, code, mnemonic) DO UPDATE SET products = product_hour_counts.products + 1, category = excluded.category;
          IF NEW.category = 'PRECIPITATION' THEN
            INSERT INTO precipitation_hours (hour, site, code, mnemonic, products, max_accumulation_in)
            VALUES (NEW.scan_time / 3600000, NEW.site, NEW.code, NEW.mnemonic, 1, NEW.max_accumulation_in)
            ON CONFLICT (hour, site, code, mnemonic) DO UPDATE SET products = precipitation_hours.products + 1,
              max_accumulation_in = GREATEST(precipitation_hours.max_accumulation_in, excluded.max_accumulation_in);
          END IF;
        END IF;
        -- After the NEW row's upsert: a move within one hour is then recounted exactly.
        IF TG_OP IN ('DELETE', 'UPDATE') AND OLD.category = 'PRECIPITATION' THEN
          PERFORM 1 FROM precipitation_hours WHERE hour = OLD.scan_time / 3600000 AND site = OLD.site AND code = OLD.code AND mnemonic = OLD.mnemonic FOR UPDATE;
          UPDATE precipitation_hours h SET products = r.n, max_accumulation_in = r.mx FROM (
              SELECT COUNT(*)::integer AS n, MAX(max_accumulation_in) AS mx FROM products
              WHERE site = OLD.site AND category = 'PRECIPITATION' AND code = OLD.code AND mnemonic = OLD.mnemonic
                AND scan_time >= OLD.scan_time / 3600000 * 3600000 AND scan_time < (OLD.scan_time / 3600000 + 1) * 3600000) r
            WHERE h.hour = OLD.scan_time / 3600000 AND h.site = OLD.site AND h.code = OLD.code AND h.mnemonic = OLD.mnemonic;
          DELETE FROM precipitation_hours WHERE hour = OLD.scan_time / 3600000 AND site = OLD.site AND code = OLD.code AND mnemonic = OLD.mnemonic AND products = 0;
        END IF;`,
    watched: [['site', 'code', 'mnemonic'], ['category', 'scan_time'], ['max_accumulation_in']],
    fill: PG_FILL_PRODUCT_HOURS,
  }),
  // The cluster's one scheduler lists sources into this queue; ingest workers in every process
  // take files from it under a claim and remove them once done (ingest-queue.ts). SQLite's step 14.
  ddl.tableStep('postgres', 6, 'ingest queue', ddl.INGEST_QUEUE),
  productsTriggerStep(7, 'newest precipitation product per site and code', {
    // SQLite's step 16: each site and code's newest precipitation product, so latestPrecipitation of
    // all sites reads it instead of seeking it (for every window holding it). An insert advances
    // it (a concurrency-safe upsert); a delete or move of the newest recomputes its one group in
    // place (UPDATE, so a concurrent insert's upsert waits on the row and compares with the result).
    // Partition drops fire no trigger: retention.ts deletes the groups left wholly before the cutoff.
    tables: [ddl.PRECIPITATION_LATEST],
    trigger: 'precipitation_latest',
    fn: 'precipitation_latest_refresh',
    body: `
        IF TG_OP IN ('DELETE', 'UPDATE') AND OLD.category = 'PRECIPITATION' THEN
          UPDATE precipitation_latest l SET newest_time = r.scan_time, newest_id = r.id FROM (
              SELECT scan_time, id FROM products WHERE site = OLD.site AND category = 'PRECIPITATION' AND code = OLD.code AND mnemonic = OLD.mnemonic
              ORDER BY scan_time DESC, id DESC LIMIT 1) r
            WHERE l.site = OLD.site AND l.code = OLD.code AND l.mnemonic = OLD.mnemonic AND l.newest_id = OLD.id;
          -- Still naming the gone row: its group is empty.
          DELETE FROM precipitation_latest WHERE site = OLD.site AND code = OLD.code AND mnemonic = OLD.mnemonic AND newest_id = OLD.id
            AND NOT EXISTS (SELECT 1 FROM products WHERE id = OLD.id AND site = OLD.site AND category = 'PRECIPITATION' AND code = OLD.code AND mnemonic = OLD.mnemonic);
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.category = 'PRECIPITATION' THEN
          INSERT INTO precipitation_latest (site, code, mnemonic, newest_time, newest_id) VALUES (NEW.site, NEW.code, NEW.mnemonic, NEW.scan_time, NEW.id)
          ON CONFLICT (site, code, mnemonic) DO UPDATE SET newest_time = excluded.newest_time, newest_id = excluded.newest_id
          WHERE (excluded.newest_time, excluded.newest_id) > (precipitation_latest.newest_time, precipitation_latest.newest_id);
        END IF;`,
    watched: [
      ['id', 'site', 'code', 'mnemonic'],
      ['category', 'scan_time'],
    ],
    fill: PG_FILL_PRECIPITATION_LATEST,
  }),
];

export const PG_SCHEMA_VERSION = PG_MIGRATIONS[PG_MIGRATIONS.length - 1]!.version;

/** Key of the advisory lock that serialises migrations across processes. */
const MIGRATION_LOCK = 0x7261646f; // "rado"

const CREATE_MIGRATIONS_TABLE = `
  CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer PRIMARY KEY,
    name text NOT NULL,
    applied_at bigint NOT NULL
  )`;

/** The database's catalog schema version; 0 where no radome has initialised it. */
export async function pgSchemaVersion(db: PgSession): Promise<number> {
  const table = await db.row<{ t: string | null }>("SELECT to_regclass('schema_migrations')::text AS t");
  if (!table?.t) return 0;
  return (await db.row<{ v: number | null }>('SELECT MAX(version) AS v FROM schema_migrations'))?.v ?? 0;
}

function tooNew(db: PgSession, version: number): RadomeError {
  return new RadomeError(
    'CONFIG',
    `catalog ${redactUrl(db.url)} has schema version ${version}, newer than the ${PG_SCHEMA_VERSION} this radome knows; upgrade radome (or point it at another catalog)`,
  );
}

/**
 * Brings the schema up to date, each step in its own transaction under an advisory lock that
 * re-reads the version first, so two processes opening a new database cannot both apply a step.
 */
export async function migratePg(db: PgSession, migrations: readonly PgMigration[] = PG_MIGRATIONS): Promise<number> {
  const latest = migrations[migrations.length - 1]!.version;
  const initial = await pgSchemaVersion(db);
  if (initial > latest) throw tooNew(db, initial);
  for (const migration of migrations) {
    if (migration.version <= initial) continue;
    await db.transaction(async () => {
      await db.exec('SELECT pg_advisory_xact_lock(?)', [MIGRATION_LOCK]);
      await db.exec(CREATE_MIGRATIONS_TABLE);
      const current = await pgSchemaVersion(db);
      if (current > latest) throw tooNew(db, current);
      if (current >= migration.version) return;
      await db.exec(migration.sql);
      await db.exec('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [migration.version, migration.name, Date.now()]);
    });
  }
  return pgSchemaVersion(db);
}

/** A read-only open cannot migrate: the schema must be exactly the one this radome knows. */
export async function checkPgSchema(db: PgSession): Promise<number> {
  const version = await pgSchemaVersion(db);
  if (version > PG_SCHEMA_VERSION) throw tooNew(db, version);
  if (version < PG_SCHEMA_VERSION) {
    const where = redactUrl(db.url);
    throw new RadomeError(
      'CONFIG',
      version === 0
        ? `catalog ${where} is not initialised; open it once for writing (e.g. run an ingest) first`
        : `catalog ${where} has schema version ${version}, older than ${PG_SCHEMA_VERSION}; open it once for writing to migrate it`,
    );
  }
  return version;
}
