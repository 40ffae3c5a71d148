import { DAY_SECONDS } from '../../gnss/rollup-levels.js';
import type { CommitGnssDaysInput, CommitGnssOrbitsInput, CommitGnssStationSettingsInput, GnssDayCommit, SnrElevationRollupRows } from '../gnss.js';
import { checkGnssDays, SIGNAL_LEVEL } from '../sqlite/gnss-write.js';
import { ensurePartitions, SNR_ROLLUPS } from './partitions.js';
import { CLEAR_FAILURE } from './radar-write.js';
import type { PgSession } from './session.js';

// Identity values are drawn by every INSERT, even one ON CONFLICT does not apply; code ids are
// visible (gnssSignals), so rows are inserted only when missing, and ids run 1, 2, 3 as on SQLite.
const INSERT_STATION = `
  INSERT INTO gnss_stations (id, name, long_name, latitude, longitude, height_m, receiver_type, antenna_type)
  SELECT ?, ?, ?, ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM gnss_stations WHERE id = ?)
  ON CONFLICT (id) DO NOTHING`;

const UPDATE_STATION = `
  UPDATE gnss_stations SET name = COALESCE(?, name), long_name = COALESCE(?, long_name), latitude = COALESCE(?, latitude),
    longitude = COALESCE(?, longitude), height_m = COALESCE(?, height_m), receiver_type = COALESCE(?, receiver_type),
    antenna_type = COALESCE(?, antenna_type)
  WHERE id = ? RETURNING num`;

const DAY_FIELDS = ['objectKey', 'source', 'sourceKey', 'firstTime', 'lastTime', 'epochCount', 'observationCount', 'satelliteCount', 'timeSystem', 'ingestedAt'] as const;

const UPSERT_DAY = `
  INSERT INTO gnss_days (station, day, source_fingerprint, geometry, object_key, source, source_key, first_time, last_time,
    epoch_count, observation_count, satellite_count, time_system, ingested_at)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (station, day) DO UPDATE SET object_key = excluded.object_key, source = excluded.source,
    source_key = excluded.source_key, source_fingerprint = excluded.source_fingerprint, first_time = excluded.first_time,
    last_time = excluded.last_time, epoch_count = excluded.epoch_count, observation_count = excluded.observation_count,
    satellite_count = excluded.satellite_count, time_system = excluded.time_system, ingested_at = excluded.ingested_at,
    geometry = excluded.geometry`;

const UPSERT_SOURCE_FILE = `
  INSERT INTO source_files (source, key, fingerprint, size, ingested_at) VALUES (?, ?, ?, ?, ?)
  ON CONFLICT (source, key, fingerprint) DO UPDATE SET size = excluded.size`;

const UPDATE_COVERAGE = `
  UPDATE gnss_stations SET (first_day, last_day, day_count) = (SELECT MIN(day), MAX(day), COUNT(*) FROM gnss_days WHERE station = ?)
  WHERE num = ?`;

async function codeId(db: PgSession, code: string): Promise<number> {
  await db.exec('INSERT INTO gnss_codes (code) SELECT ? WHERE NOT EXISTS (SELECT 1 FROM gnss_codes WHERE code = ?) ON CONFLICT (code) DO NOTHING', [code, code]);
  return (await db.row<{ id: number }>('SELECT id FROM gnss_codes WHERE code = ?', [code]))!.id;
}

/**
 * Replaces a station-day's elevation rollups and records whether it has them: `rows` null (a day
 * without geometry) only clears them. Column arrays through unnest, as the rollups.
 */
async function writeElevationRollups(db: PgSession, num: number, day: number, codes: string[], rows: SnrElevationRollupRows | null): Promise<void> {
  await db.exec('DELETE FROM snr_elevation_rollups WHERE station = ? AND day = ?', [num, day]);
  await db.exec('UPDATE gnss_days SET elevation_rollups = ? WHERE station = ? AND day = ?', [rows !== null, num, day]);
  if (!rows) return;
  const ids: number[] = [];
  for (const c of codes) ids.push(await codeId(db, c));
  const n = rows.count;
  const column = <T extends ArrayLike<number>>(a: T) => Array.from(a).slice(0, n);
  await db.exec(
    `INSERT INTO snr_elevation_rollups (station, day, code, satellite, elevation_bin, azimuth_bin, n, sum, sum_squares, min, max)
     SELECT ?, ?, * FROM unnest(?::integer[], ?::integer[], ?::integer[], ?::integer[], ?::bigint[], ?::bigint[], ?::float8[], ?::bigint[], ?::bigint[])`,
    [
      num,
      day,
      Array.from(rows.codeIndex.subarray(0, n), (i) => ids[i]!),
      column(rows.satellite),
      column(rows.elevationBin),
      column(rows.azimuthBin),
      column(rows.n),
      column(rows.sum),
      column(rows.sumSquares),
      column(rows.min),
      column(rows.max),
    ],
  );
}

/**
 * One day's row and rollups. Rollups go in as column arrays through unnest (one statement per
 * day, whatever its row count): a day has a couple of thousand rows.
 */
async function writeDay(db: PgSession, num: number, fingerprint: string, { row, codes, rollups, elevationRollups }: GnssDayCommit): Promise<void> {
  const from = row.day * DAY_SECONDS;
  const existed = (await db.row('SELECT 1 FROM gnss_days WHERE station = ? AND day = ?', [num, row.day])) !== null;
  await db.exec('DELETE FROM snr_rollups WHERE station = ? AND bucket >= ? AND bucket < ?', [num, from, from + DAY_SECONDS]);
  await db.exec(UPSERT_DAY, [num, row.day, fingerprint, row.geometry ?? null, ...DAY_FIELDS.map((f) => row[f])]);
  const ids: number[] = [];
  for (const c of codes) ids.push(await codeId(db, c));
  const n = rollups.count;
  const codeIds = new Array<number>(n);
  const signals = new Set<string>();
  for (let i = 0; i < n; i++) {
    codeIds[i] = ids[rollups.codeIndex[i]!]!;
    if (rollups.level[i] === SIGNAL_LEVEL) signals.add(`${rollups.satellite[i]! / 100},${codeIds[i]}`);
  }
  const column = <T extends ArrayLike<number>>(a: T) => Array.from(a).slice(0, n);
  await db.exec(
    `INSERT INTO snr_rollups (station, level, code, bucket, satellite, n, sum, sum_squares, min, max)
     SELECT ?, * FROM unnest(?::integer[], ?::integer[], ?::bigint[], ?::integer[], ?::bigint[], ?::bigint[], ?::float8[], ?::bigint[], ?::bigint[])`,
    [
      num,
      column(rollups.level),
      codeIds,
      column(rollups.bucket),
      column(rollups.satellite),
      column(rollups.n),
      column(rollups.sum),
      column(rollups.sumSquares),
      column(rollups.min),
      column(rollups.max),
    ],
  );
  for (const signal of signals) {
    const [constellation, code] = signal.split(',').map(Number);
    await db.exec('INSERT INTO gnss_station_signals (station, constellation, code) VALUES (?, ?, ?) ON CONFLICT DO NOTHING', [num, constellation, code]);
  }
  if (existed || elevationRollups) await writeElevationRollups(db, num, row.day, codes, elevationRollups ?? null);
}

/** Records one ingested RINEX file in ONE transaction, as the SQLite engine does. */
export async function commitGnssDays(db: PgSession, input: CommitGnssDaysInput): Promise<void> {
  checkGnssDays(input);
  const { file, station: s, days } = input;
  await db.transaction(async () => {
    // Every day's partition first: a missing one is created outside this transaction (see ensurePartitions).
    await ensurePartitions(
      db,
      SNR_ROLLUPS,
      days.map((d) => d.row.day * DAY_SECONDS),
    );
    const values = [s.name, s.longName, s.latitude, s.longitude, s.heightM, s.receiverType, s.antennaType];
    await db.exec(INSERT_STATION, [s.id, ...values, s.id]);
    const { num } = (await db.row<{ num: number }>(UPDATE_STATION, [...values, s.id]))!;
    for (const day of days) await writeDay(db, num, file.fingerprint, day);
    await db.exec(UPSERT_SOURCE_FILE, [file.source, file.key, file.fingerprint, file.size, file.ingestedAt]);
    await db.exec(UPDATE_COVERAGE, [num, num]);
    await db.exec(CLEAR_FAILURE, [file.source, file.key, file.fingerprint]);
  });
}

const UPSERT_ORBIT = `
  INSERT INTO gnss_orbits (day, kind, object_key, source, source_key, satellite_count, first_time, last_time, ingested_at)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (day, kind, object_key) DO UPDATE SET source = excluded.source, source_key = excluded.source_key,
    satellite_count = excluded.satellite_count, first_time = excluded.first_time, last_time = excluded.last_time,
    ingested_at = excluded.ingested_at`;

export async function commitGnssOrbits(db: PgSession, { file, orbits, geometry }: CommitGnssOrbitsInput): Promise<void> {
  await db.transaction(async () => {
    for (const o of orbits) await db.exec(UPSERT_ORBIT, [o.day, o.kind, o.objectKey, o.source, o.sourceKey, o.satelliteCount, o.firstTime, o.lastTime, o.ingestedAt]);
    for (const g of geometry) {
      const station = await db.row<{ num: number }>('SELECT num FROM gnss_stations WHERE id = ?', [g.station]);
      if (!station) continue;
      await db.exec('UPDATE gnss_days SET geometry = ? WHERE station = ? AND day = ?', [g.geometry, station.num, g.day]);
      await writeElevationRollups(db, station.num, g.day, g.codes, g.elevationRollups);
    }
    await db.exec(UPSERT_SOURCE_FILE, [file.source, file.key, file.fingerprint, file.size, file.ingestedAt]);
    await db.exec(CLEAR_FAILURE, [file.source, file.key, file.fingerprint]);
  });
}

export async function commitGnssStationSettings(db: PgSession, { file, station, settingsJson, refractionText }: CommitGnssStationSettingsInput): Promise<void> {
  await db.transaction(async () => {
    await db.exec(
      `INSERT INTO gnss_station_settings (station, settings_json, refraction_text, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (station) DO UPDATE SET settings_json = COALESCE(excluded.settings_json, gnss_station_settings.settings_json),
         refraction_text = COALESCE(excluded.refraction_text, gnss_station_settings.refraction_text), updated_at = excluded.updated_at`,
      [station, settingsJson ?? null, refractionText ?? null, file.ingestedAt],
    );
    await db.exec(UPSERT_SOURCE_FILE, [file.source, file.key, file.fingerprint, file.size, file.ingestedAt]);
    await db.exec(CLEAR_FAILURE, [file.source, file.key, file.fingerprint]);
  });
}
