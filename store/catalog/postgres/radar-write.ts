import type { CommitLevel2VolumeInput, CommitResult, SweepRow } from '../radar.js';
import { checkLevel2Volume, maxSweepDuration } from '../sqlite/radar-write.js';
import { SWEEP_COLUMN_COUNT, SWEEP_COLUMNS, sweepParams, VOLUME_COLUMN_COUNT, VOLUME_COLUMNS, volumeParams } from '../rows/radar-rows.js';
import { appendCatalogEvent } from './events.js';
import { ensurePartitions, SWEEPS } from './partitions.js';
import type { PgSession } from './session.js';

/** `(?, ?, …)` for `n` values. */
export const placeholders = (n: number) => `(${Array(n).fill('?').join(', ')})`;

/** Every column of `columns` (a SELECT list of plain names) set from `excluded`, for an upsert. */
export function updateAll(columns: string, except: string[]): string {
  return columns
    .split(',')
    .map((c) => c.trim())
    .filter((c) => !except.includes(c))
    .map((c) => `${c} = excluded.${c}`)
    .join(', ');
}

const UPSERT_SITE = `
  INSERT INTO radar_sites (id, latitude, longitude, height_m) VALUES (?, ?, ?, ?)
  ON CONFLICT (id) DO UPDATE SET latitude = excluded.latitude, longitude = excluded.longitude, height_m = excluded.height_m`;

const UPSERT_VOLUME = `INSERT INTO volumes (${VOLUME_COLUMNS}) VALUES ${placeholders(VOLUME_COLUMN_COUNT)}
  ON CONFLICT (id) DO UPDATE SET ${updateAll(VOLUME_COLUMNS, ['id'])}`;

const UPSERT_SOURCE_FILE = `
  INSERT INTO source_files (source, key, fingerprint, size, ingested_at, volume_id) VALUES (?, ?, ?, ?, ?, ?)
  ON CONFLICT (source, key, fingerprint) DO UPDATE SET size = excluded.size, volume_id = excluded.volume_id`;

const UPDATE_SITE_RANGE = `
  UPDATE radar_sites SET (first_volume_at, last_volume_at) = (SELECT MIN(scan_start), MAX(scan_start) FROM volumes WHERE site = ?)
  WHERE id = ?`;

const GROW_DURATION_BOUNDS = `
  INSERT INTO duration_bounds (kind, max_ms) VALUES (?, ?), (?, ?)
  ON CONFLICT (kind) DO UPDATE SET max_ms = GREATEST(duration_bounds.max_ms, excluded.max_ms)`;

export const CLEAR_FAILURE = 'DELETE FROM ingest_failures WHERE source = ? AND key = ? AND fingerprint = ?';

export async function isIngested(db: PgSession, source: string, key: string, fingerprint: string): Promise<boolean> {
  return (await db.row('SELECT 1 FROM source_files WHERE source = ? AND key = ? AND fingerprint = ?', [source, key, fingerprint])) !== null;
}

async function insertSweeps(db: PgSession, sweeps: SweepRow[]): Promise<void> {
  // One statement per 500 sweeps (10,000 parameters; PostgreSQL allows 65,535).
  for (let i = 0; i < sweeps.length; i += 500) {
    const batch = sweeps.slice(i, i + 500);
    const values = batch.flatMap((s) => Object.values(sweepParams(s)));
    await db.exec(`INSERT INTO sweeps (${SWEEP_COLUMNS}) VALUES ${batch.map(() => placeholders(SWEEP_COLUMN_COUNT)).join(', ')}`, values);
  }
}

/** Records one ingested Level 2 file in ONE transaction, as the SQLite engine does (same checks, same result). */
export async function commitLevel2Volume(db: PgSession, input: CommitLevel2VolumeInput): Promise<CommitResult> {
  checkLevel2Volume(input);
  const { file, site, volume, sweeps } = input;
  return db.transaction(async () => {
    await ensurePartitions(
      db,
      SWEEPS,
      sweeps.map((s) => s.startTime),
    );
    await db.exec(UPSERT_SITE, [site.id, site.latitude, site.longitude, site.heightM]);
    // The volume's row lock, taken before its sweeps are read: two commits of one volume (two
    // workers, two files) run one after the other, the second seeing the first's sweeps.
    await db.exec(UPSERT_VOLUME, Object.values(volumeParams(volume)));
    const previous = await db.rows<{ imageKey: string; metadataKey: string }>('DELETE FROM sweeps WHERE volume_id = ? RETURNING image_key AS "imageKey", metadata_key AS "metadataKey"', [volume.id]);
    await insertSweeps(db, sweeps);
    await db.exec(UPSERT_SOURCE_FILE, [file.source, file.key, file.fingerprint, file.size, file.ingestedAt, volume.id]);
    await db.exec(UPDATE_SITE_RANGE, [site.id, site.id]);
    await db.exec(GROW_DURATION_BOUNDS, ['volume', volume.scanEnd - volume.scanStart, 'sweep', maxSweepDuration(sweeps)]);
    await db.exec(CLEAR_FAILURE, [file.source, file.key, file.fingerprint]);
    await appendCatalogEvent(db, { kind: 'LEVEL2_VOLUME', site: site.id, subjectId: volume.id });

    const kept = new Set(sweeps.flatMap((s) => [s.imageKey, s.metadataKey]));
    const stale = new Set(previous.flatMap((p) => [p.imageKey, p.metadataKey]).filter((k) => !kept.has(k)));
    return { staleObjectKeys: [...stale].sort() };
  });
}
