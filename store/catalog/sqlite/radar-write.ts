import { RadomeError } from '../../../core/errors.js';
import type { CommitLevel2VolumeInput, CommitResult, SweepRow } from '../radar.js';
import { appendCatalogEvent } from './events.js';
import { sweepParams, volumeParams } from '../rows/radar-rows.js';
import { sourceFileParams } from './rows.js';
import type { StatementCache } from './statements.js';

const UPSERT_SITE = `
  INSERT INTO radar_sites (id, latitude, longitude, height_m) VALUES (@id, @latitude, @longitude, @heightM)
  ON CONFLICT (id) DO UPDATE SET latitude = excluded.latitude, longitude = excluded.longitude, height_m = excluded.height_m`;

const UPSERT_VOLUME = `
  INSERT INTO volumes (id, site, scan_start, scan_end, vcp, sweep_count, source, source_key, source_size, source_fingerprint, ingested_at, zarr_key)
  VALUES (@id, @site, @scanStart, @scanEnd, @vcp, @sweepCount, @source, @sourceKey, @sourceSize, @sourceFingerprint, @ingestedAt, @zarrKey)
  ON CONFLICT (id) DO UPDATE SET site = excluded.site, scan_start = excluded.scan_start, scan_end = excluded.scan_end,
    vcp = excluded.vcp, sweep_count = excluded.sweep_count, source = excluded.source, source_key = excluded.source_key,
    source_size = excluded.source_size, source_fingerprint = excluded.source_fingerprint, ingested_at = excluded.ingested_at,
    zarr_key = excluded.zarr_key`;

const INSERT_SWEEP = `
  INSERT INTO sweeps (id, volume_id, site, elevation_number, elevation_angle, moment, start_time, end_time, radial_count,
    gate_count, first_gate_km, gate_spacing_km, image_key, metadata_key, west, south, east, north, corners, sweep_index)
  VALUES (@id, @volumeId, @site, @elevationNumber, @elevationAngle, @moment, @startTime, @endTime, @radialCount,
    @gateCount, @firstGateKm, @gateSpacingKm, @imageKey, @metadataKey, @west, @south, @east, @north, @corners, @sweepIndex)`;

/** A re-ingested file keeps its first ingest time; it now points at this volume. */
const UPSERT_SOURCE_FILE = `
  INSERT INTO source_files (source, key, fingerprint, size, ingested_at, volume_id)
  VALUES (@source, @key, @fingerprint, @size, @ingestedAt, @volumeId)
  ON CONFLICT (source, key, fingerprint) DO UPDATE SET size = excluded.size, volume_id = excluded.volume_id`;

const UPDATE_SITE_RANGE = `
  UPDATE radar_sites SET
    first_volume_at = (SELECT MIN(scan_start) FROM volumes WHERE site = @site),
    last_volume_at = (SELECT MAX(scan_start) FROM volumes WHERE site = @site)
  WHERE id = @site`;

const GROW_DURATION_BOUND = `
  INSERT INTO duration_bounds (kind, max_ms) VALUES (?, ?)
  ON CONFLICT (kind) DO UPDATE SET max_ms = MAX(max_ms, excluded.max_ms)`;

export function isIngested(statements: StatementCache, source: string, key: string, fingerprint: string): boolean {
  return statements.prepare('SELECT 1 FROM source_files WHERE source = ? AND key = ? AND fingerprint = ?').get(source, key, fingerprint) !== undefined;
}

function bad(message: string): RadomeError {
  return new RadomeError('BAD_INPUT', `commitLevel2Volume: ${message}`);
}

function checkTime(what: string, value: number): void {
  if (!Number.isSafeInteger(value)) throw bad(`${what} ${value} is not a whole number of epoch milliseconds`);
}

/** Catches a planner's mistakes with a clear message before SQLite would with a vague one. */
export function checkLevel2Volume({ file, site, volume, sweeps }: CommitLevel2VolumeInput): void {
  if (site.id !== volume.site) throw bad(`volume ${volume.id} is at ${volume.site} but the site row is ${site.id}`);
  if (file.source !== volume.source || file.key !== volume.sourceKey || file.fingerprint !== volume.sourceFingerprint) {
    throw bad(`volume ${volume.id} names source file ${volume.source}:${volume.sourceKey} (${volume.sourceFingerprint}), not the committed ${file.source}:${file.key} (${file.fingerprint})`);
  }
  checkTime(`volume ${volume.id} scanStart`, volume.scanStart);
  checkTime(`volume ${volume.id} scanEnd`, volume.scanEnd);
  checkTime('file ingestedAt', file.ingestedAt);
  checkTime(`volume ${volume.id} ingestedAt`, volume.ingestedAt);
  if (volume.scanEnd < volume.scanStart) throw bad(`volume ${volume.id} ends before it starts`);
  const ids = new Set<string>();
  for (const s of sweeps) {
    if (s.volumeId !== volume.id || s.site !== volume.site) throw bad(`sweep ${s.id} belongs to ${s.site} ${s.volumeId}, not ${volume.site} ${volume.id}`);
    if (ids.has(s.id)) throw bad(`sweep id ${s.id} appears twice`);
    ids.add(s.id);
    checkTime(`sweep ${s.id} startTime`, s.startTime);
    checkTime(`sweep ${s.id} endTime`, s.endTime);
    if (s.endTime < s.startTime) throw bad(`sweep ${s.id} ends before it starts`);
    if (!Array.isArray(s.bbox) || s.bbox.length !== 4 || !s.bbox.every(Number.isFinite)) throw bad(`sweep ${s.id} bbox is not 4 finite numbers`);
    if (!Array.isArray(s.corners) || s.corners.length !== 4) throw bad(`sweep ${s.id} corners is not 4 [lon, lat] pairs`);
  }
}

export function maxSweepDuration(sweeps: SweepRow[]): number {
  let max = 0;
  for (const s of sweeps) max = Math.max(max, s.endTime - s.startTime);
  return max;
}

/**
 * Records one ingested Level 2 file in ONE transaction: site (upserted), volume, its sweeps and the
 * source file. Committing the same input again changes nothing; a volume that arrives again from
 * another file has its sweeps replaced. A failure recorded for this file is cleared.
 */
export function commitLevel2Volume(statements: StatementCache, input: CommitLevel2VolumeInput): CommitResult {
  checkLevel2Volume(input);
  const { file, site, volume, sweeps } = input;
  return statements.db
    .transaction((): CommitResult => {
      const previous = statements.prepare('SELECT image_key AS imageKey, metadata_key AS metadataKey FROM sweeps WHERE volume_id = ?').all(volume.id) as {
        imageKey: string;
        metadataKey: string;
      }[];
      statements.prepare(UPSERT_SITE).run({ id: site.id, latitude: site.latitude, longitude: site.longitude, heightM: site.heightM });
      statements.prepare('DELETE FROM sweeps WHERE volume_id = ?').run(volume.id);
      statements.prepare(UPSERT_VOLUME).run(volumeParams(volume));
      const insertSweep = statements.prepare(INSERT_SWEEP);
      for (const s of sweeps) insertSweep.run(sweepParams(s));
      statements.prepare(UPSERT_SOURCE_FILE).run(sourceFileParams(file, { volumeId: volume.id }));
      statements.prepare(UPDATE_SITE_RANGE).run({ site: site.id });
      statements.prepare(GROW_DURATION_BOUND).run('volume', volume.scanEnd - volume.scanStart);
      statements.prepare(GROW_DURATION_BOUND).run('sweep', maxSweepDuration(sweeps));
      statements.prepare('DELETE FROM ingest_failures WHERE source = ? AND key = ? AND fingerprint = ?').run(file.source, file.key, file.fingerprint);
      appendCatalogEvent(statements, { kind: 'LEVEL2_VOLUME', site: site.id, subjectId: volume.id });

      const kept = new Set(sweeps.flatMap((s) => [s.imageKey, s.metadataKey]));
      const stale = new Set(previous.flatMap((p) => [p.imageKey, p.metadataKey]).filter((k) => !kept.has(k)));
      return { staleObjectKeys: [...stale].sort() };
    })
    .immediate();
}
