// Fills a new SQLite catalog with many commits at once (benches' week-sized catalogs): the rows
// and events the writer's commits would leave, written with plain INSERTs in large transactions,
// the secondary indexes built once at the end (a sort instead of millions of b-tree inserts), and
// the per-minute counts the triggers would keep filled in one grouped pass.
import { RadomeError } from '../../../core/errors.js';
import type { CommitLevel3ProductInput } from '../products.js';
import type { CommitLevel2VolumeInput } from '../radar.js';
import { FILL_PRODUCT_HOURS, FILL_RADAR_MINUTE_COUNTS, migrate } from './migrations.js';
import { openDatabase } from './open.js';
import { productParams } from './product-rows.js';
import { sweepParams, volumeParams } from './rows.js';

/** One volume and the products made from it, as ingest commits them (in that order). */
export interface BulkCatalogItem {
  volume: CommitLevel2VolumeInput;
  products: CommitLevel3ProductInput[];
}

export interface BulkLoadResult {
  volumes: number;
  sweeps: number;
  products: number;
}

const TABLES = ['volumes', 'sweeps', 'products', 'source_files', 'catalog_events'];
const ITEMS_PER_TRANSACTION = 2_000;

const INSERT_VOLUME = `INSERT INTO volumes (id, site, scan_start, scan_end, vcp, sweep_count, source, source_key, source_size, source_fingerprint, ingested_at, zarr_key)
  VALUES (@id, @site, @scanStart, @scanEnd, @vcp, @sweepCount, @source, @sourceKey, @sourceSize, @sourceFingerprint, @ingestedAt, @zarrKey)`;
const INSERT_SWEEP = `INSERT INTO sweeps (id, volume_id, site, elevation_number, elevation_angle, moment, start_time, end_time, radial_count,
    gate_count, first_gate_km, gate_spacing_km, image_key, metadata_key, west, south, east, north, corners, sweep_index)
  VALUES (@id, @volumeId, @site, @elevationNumber, @elevationAngle, @moment, @startTime, @endTime, @radialCount,
    @gateCount, @firstGateKm, @gateSpacingKm, @imageKey, @metadataKey, @west, @south, @east, @north, @corners, @sweepIndex)`;
const INSERT_PRODUCT = `INSERT INTO products (id, site, code, mnemonic, name, category, scan_time, elevation_angle, units, image_key,
    metadata_key, raw_key, west, south, east, north, corners, source, source_key, source_size, source_fingerprint, ingested_at, max_accumulation_in)
  VALUES (@id, @site, @code, @mnemonic, @name, @category, @scanTime, @elevationAngle, @units, @imageKey,
    @metadataKey, @rawKey, @west, @south, @east, @north, @corners, @source, @sourceKey, @sourceSize, @sourceFingerprint, @ingestedAt, @maxAccumulationIn)`;
const INSERT_FILE = `INSERT INTO source_files (source, key, fingerprint, size, ingested_at, volume_id, product_id) VALUES (?, ?, ?, ?, ?, ?, ?)`;
const INSERT_EVENT = `INSERT INTO catalog_events (at, kind, site, subject_id, code) VALUES (?, ?, ?, ?, ?)`;
const UPSERT_SITE = `INSERT INTO radar_sites (id, latitude, longitude, height_m) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`;

/**
 * Creates the catalog at `path` (which must not hold radar rows yet) and commits `items` into it.
 * The file is written with its journal in memory: a crash leaves a file to delete, never a half-good one
 * that looks finished, because callers build under a temporary name and rename when this returns.
 */
export function bulkLoadSqliteCatalog(path: string, items: Iterable<BulkCatalogItem>): BulkLoadResult {
  const db = openDatabase(path, false);
  try {
    migrate(db, path);
    if (db.prepare('SELECT 1 FROM volumes LIMIT 1').get()) throw new RadomeError('CONFIG', `bulk load: catalog ${path} already has volumes; bulk loads fill new catalogs only`);
    // MEMORY, not OFF: better-sqlite3 opens connections in defensive mode, which refuses OFF.
    db.pragma('journal_mode = MEMORY');
    db.pragma('synchronous = OFF');
    db.pragma('cache_size = -1000000');
    // Indexes and the count triggers are dropped while rows go in, and made again at the end.
    const derived = db
      .prepare(`SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') AND sql IS NOT NULL AND tbl_name IN (${TABLES.map(() => '?').join(', ')})`)
      .all(...TABLES) as { type: 'index' | 'trigger'; name: string; sql: string }[];
    for (const d of derived) db.exec(`DROP ${d.type.toUpperCase()} ${d.name}`);

    const statements = {
      site: db.prepare(UPSERT_SITE),
      volume: db.prepare(INSERT_VOLUME),
      sweep: db.prepare(INSERT_SWEEP),
      product: db.prepare(INSERT_PRODUCT),
      file: db.prepare(INSERT_FILE),
      event: db.prepare(INSERT_EVENT),
    };
    const counts: BulkLoadResult = { volumes: 0, sweeps: 0, products: 0 };
    const bounds = { volume: 0, sweep: 0 };
    const write = db.transaction((batch: BulkCatalogItem[]) => {
      for (const { volume: v, products } of batch) {
        statements.site.run(v.site.id, v.site.latitude, v.site.longitude, v.site.heightM);
        statements.volume.run(volumeParams(v.volume));
        for (const s of v.sweeps) {
          statements.sweep.run(sweepParams(s));
          bounds.sweep = Math.max(bounds.sweep, s.endTime - s.startTime);
        }
        bounds.volume = Math.max(bounds.volume, v.volume.scanEnd - v.volume.scanStart);
        statements.file.run(v.file.source, v.file.key, v.file.fingerprint, v.file.size, v.file.ingestedAt, v.volume.id, null);
        statements.event.run(v.volume.ingestedAt, 'LEVEL2_VOLUME', v.site.id, v.volume.id, null);
        counts.volumes++;
        counts.sweeps += v.sweeps.length;
        for (const p of products) {
          statements.site.run(p.site.id, p.site.latitude, p.site.longitude, p.site.heightM);
          statements.product.run(productParams(p.product));
          statements.file.run(p.file.source, p.file.key, p.file.fingerprint, p.file.size, p.file.ingestedAt, null, p.product.id);
          statements.event.run(p.product.ingestedAt, 'LEVEL3_PRODUCT', p.site.id, p.product.id, p.product.code);
          counts.products++;
        }
      }
    });
    let batch: BulkCatalogItem[] = [];
    for (const item of items) {
      batch.push(item);
      if (batch.length >= ITEMS_PER_TRANSACTION) {
        write(batch);
        batch = [];
      }
    }
    write(batch);

    db.transaction(() => {
      for (const d of derived) db.exec(d.sql);
      db.exec(FILL_RADAR_MINUTE_COUNTS);
      db.exec(FILL_PRODUCT_HOURS);
      const grow = db.prepare('INSERT INTO duration_bounds (kind, max_ms) VALUES (?, ?) ON CONFLICT (kind) DO UPDATE SET max_ms = MAX(max_ms, excluded.max_ms)');
      grow.run('volume', bounds.volume);
      grow.run('sweep', bounds.sweep);
      db.exec(`UPDATE radar_sites SET first_volume_at = (SELECT MIN(scan_start) FROM volumes WHERE site = radar_sites.id),
        last_volume_at = (SELECT MAX(scan_start) FROM volumes WHERE site = radar_sites.id)`);
    })();
    db.pragma('optimize'); // as a catalog's close does, so plans are those of a catalog in use
    db.pragma('journal_mode = WAL');
    return counts;
  } finally {
    db.close();
  }
}
