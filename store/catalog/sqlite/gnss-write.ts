import { RadomeError } from '../../../core/errors.js';
import { isGnssStationId } from '../../../core/vocabulary/index.js';
import { DAY_SECONDS, ROLLUP_LEVELS, rollupLevel } from '../../gnss/rollup-levels.js';
import type { CommitGnssDaysInput, CommitGnssOrbitsInput, CommitGnssStationSettingsInput, GnssDayCommit, SnrElevationRollupRows, SnrRollupRows } from '../gnss.js';
import type { StatementCache } from './statements.js';

const UPSERT_STATION = `
  INSERT INTO gnss_stations (id, name, long_name, latitude, longitude, height_m, receiver_type, antenna_type)
  VALUES (@id, @name, @longName, @latitude, @longitude, @heightM, @receiverType, @antennaType)
  ON CONFLICT (id) DO UPDATE SET name = COALESCE(excluded.name, name), long_name = COALESCE(excluded.long_name, long_name),
    latitude = COALESCE(excluded.latitude, latitude), longitude = COALESCE(excluded.longitude, longitude),
    height_m = COALESCE(excluded.height_m, height_m), receiver_type = COALESCE(excluded.receiver_type, receiver_type),
    antenna_type = COALESCE(excluded.antenna_type, antenna_type)
  RETURNING num`;

const UPSERT_DAY = `
  INSERT INTO gnss_days (station, day, object_key, source, source_key, source_fingerprint, first_time, last_time,
    epoch_count, observation_count, satellite_count, time_system, ingested_at, geometry)
  VALUES (@station, @day, @objectKey, @source, @sourceKey, @fingerprint, @firstTime, @lastTime,
    @epochCount, @observationCount, @satelliteCount, @timeSystem, @ingestedAt, @geometry)
  ON CONFLICT (station, day) DO UPDATE SET object_key = excluded.object_key, source = excluded.source,
    source_key = excluded.source_key, source_fingerprint = excluded.source_fingerprint, first_time = excluded.first_time,
    last_time = excluded.last_time, epoch_count = excluded.epoch_count, observation_count = excluded.observation_count,
    satellite_count = excluded.satellite_count, time_system = excluded.time_system, ingested_at = excluded.ingested_at,
    geometry = excluded.geometry`;

/** Rollup rows per INSERT: one statement step for many rows (a day has a couple of thousand). */
const ROLLUP_BATCH = 64;

/** A table rows go into ROLLUP_BATCH an INSERT, with that INSERT's text made once. */
interface BatchedTable {
  columns: number;
  batch: string;
  insert(rows: number): string;
}

function batchedTable(name: string, columns: readonly string[]): BatchedTable {
  const row = `(${columns.map(() => '?').join(', ')})`;
  const insert = (rows: number) => `INSERT INTO ${name} (${columns.join(', ')}) VALUES ${Array(rows).fill(row).join(', ')}`;
  return { columns: columns.length, batch: insert(ROLLUP_BATCH), insert };
}

/** Both rollup tables end their rows with a cell's statistics: putStatistics writes them. */
const STATISTIC_COLUMNS = ['n', 'sum', 'sum_squares', 'min', 'max'];
const ROLLUPS = batchedTable('snr_rollups', ['station', 'level', 'code', 'bucket', 'satellite', ...STATISTIC_COLUMNS]);
const ELEVATION_ROLLUPS = batchedTable('snr_elevation_rollups', ['station', 'code', 'day', 'satellite', 'elevation_bin', 'azimuth_bin', ...STATISTIC_COLUMNS]);

/** Row i's STATISTIC_COLUMNS into params[p…]. */
function putStatistics(params: number[], p: number, rows: Pick<SnrRollupRows, 'n' | 'sum' | 'sumSquares' | 'min' | 'max'>, i: number): void {
  params[p] = rows.n[i]!;
  params[p + 1] = rows.sum[i]!;
  params[p + 2] = rows.sumSquares[i]!;
  params[p + 3] = rows.min[i]!;
  params[p + 4] = rows.max[i]!;
}

/** Inserts `count` rows into `table`; `fill` writes row i's values from params[p] on, in the table's column order. */
function insertBatched(statements: StatementCache, table: BatchedTable, count: number, fill: (params: number[], p: number, i: number) => void): void {
  const batch = statements.prepare(table.batch);
  const params: number[] = new Array(ROLLUP_BATCH * table.columns);
  for (let from = 0; from < count; from += ROLLUP_BATCH) {
    const rows = Math.min(ROLLUP_BATCH, count - from);
    for (let r = 0; r < rows; r++) fill(params, r * table.columns, from + r);
    if (rows === ROLLUP_BATCH) batch.run(params);
    else statements.prepare(table.insert(rows)).run(params.slice(0, rows * table.columns));
  }
}

const UPSERT_SOURCE_FILE = `
  INSERT INTO source_files (source, key, fingerprint, size, ingested_at) VALUES (?, ?, ?, ?, ?)
  ON CONFLICT (source, key, fingerprint) DO UPDATE SET size = excluded.size`;

const UPDATE_COVERAGE = `
  UPDATE gnss_stations SET (first_day, last_day, day_count) =
    (SELECT MIN(day), MAX(day), COUNT(*) FROM gnss_days WHERE station = @num)
  WHERE num = @num`;

function bad(message: string): RadomeError {
  return new RadomeError('BAD_INPUT', `commitGnssDays: ${message}`);
}

export function checkGnssDays({ station, days }: CommitGnssDaysInput): void {
  if (!isGnssStationId(station.id)) throw bad(`station id "${station.id}" is not 4 upper-case letters or digits`);
  const seen = new Set<number>();
  for (const { row, codes, rollups } of days) {
    if (row.station !== station.id) throw bad(`day ${row.day} belongs to ${row.station}, not ${station.id}`);
    if (!Number.isSafeInteger(row.day) || seen.has(row.day)) throw bad(`day ${row.day} is not a whole day number or appears twice`);
    seen.add(row.day);
    for (let i = 0; i < rollups.count; i++) {
      const b = rollups.bucket[i]!;
      if (b < row.day * DAY_SECONDS || b >= (row.day + 1) * DAY_SECONDS) throw bad(`a rollup bucket of day ${row.day} lies outside it`);
      if (rollups.codeIndex[i]! >= codes.length) throw bad(`a rollup of day ${row.day} names code index ${rollups.codeIndex[i]} of ${codes.length}`);
    }
  }
}

function codeId(statements: StatementCache, code: string): number {
  statements.prepare('INSERT INTO gnss_codes (code) VALUES (?) ON CONFLICT (code) DO NOTHING').run(code);
  return (statements.prepare('SELECT id FROM gnss_codes WHERE code = ?').get(code) as { id: number }).id;
}

/** Removes a day's rollups before it is written again (only when it was there already). */
function deleteDayRollups(statements: StatementCache, num: number, day: number): void {
  const codes = statements.prepare('SELECT DISTINCT code FROM gnss_station_signals WHERE station = ?').pluck().all(num) as number[];
  const del = statements.prepare('DELETE FROM snr_rollups WHERE station = ? AND level = ? AND code = ? AND bucket >= ? AND bucket < ?');
  for (const { id: level } of ROLLUP_LEVELS) for (const code of codes) del.run(num, level, code, day * DAY_SECONDS, (day + 1) * DAY_SECONDS);
}

/**
 * Replaces a station-day's elevation rollups (one primary-key range per code) and records whether
 * it has them: `rows` null (a day without geometry) only clears them.
 */
function writeElevationRollups(statements: StatementCache, num: number, day: number, codes: string[], rows: SnrElevationRollupRows | null): void {
  const del = statements.prepare('DELETE FROM snr_elevation_rollups WHERE station = ? AND code = ? AND day = ?');
  const stored = statements.prepare('SELECT DISTINCT code FROM gnss_station_signals WHERE station = ?').pluck().all(num) as number[];
  const ids = codes.map((c) => codeId(statements, c));
  for (const code of new Set([...stored, ...ids])) del.run(num, code, day);
  statements.prepare('UPDATE gnss_days SET elevation_rollups = ? WHERE station = ? AND day = ?').run(rows ? 1 : 0, num, day);
  if (!rows) return;
  insertBatched(statements, ELEVATION_ROLLUPS, rows.count, (params, p, i) => {
    params[p] = num;
    params[p + 1] = ids[rows.codeIndex[i]!]!;
    params[p + 2] = day;
    params[p + 3] = rows.satellite[i]!;
    params[p + 4] = rows.elevationBin[i]!;
    params[p + 5] = rows.azimuthBin[i]!;
    putStatistics(params, p + 6, rows, i);
  });
}

/** Day × constellation totals: one row per signal a station has on a day. */
export const SIGNAL_LEVEL = rollupLevel(DAY_SECONDS, false).id;

function writeDay(statements: StatementCache, num: number, fingerprint: string, { row, codes, rollups, elevationRollups }: GnssDayCommit): void {
  const existed = statements.prepare('SELECT 1 FROM gnss_days WHERE station = ? AND day = ?').get(num, row.day) !== undefined;
  if (existed) deleteDayRollups(statements, num, row.day);
  statements.prepare(UPSERT_DAY).run({ ...row, station: num, fingerprint, geometry: row.geometry ?? null });
  const ids = codes.map((c) => codeId(statements, c));
  const signal = statements.prepare('INSERT INTO gnss_station_signals (station, constellation, code) VALUES (?, ?, ?) ON CONFLICT DO NOTHING');
  insertBatched(statements, ROLLUPS, rollups.count, (params, p, i) => {
    const code = ids[rollups.codeIndex[i]!]!;
    const sat = rollups.satellite[i]!;
    params[p] = num;
    params[p + 1] = rollups.level[i]!;
    params[p + 2] = code;
    params[p + 3] = rollups.bucket[i]!;
    params[p + 4] = sat;
    putStatistics(params, p + 5, rollups, i);
    if (rollups.level[i] === SIGNAL_LEVEL) signal.run(num, sat / 100, code);
  });
  if (existed || elevationRollups) writeElevationRollups(statements, num, row.day, codes, elevationRollups ?? null);
}

/**
 * Records one ingested RINEX file in ONE transaction: the station (upserted), each GPS day it
 * covers with its rollups, and the source file. Committing the same input again changes nothing;
 * a day that arrives again (from this or another file) has its row and rollups replaced.
 */
export function commitGnssDays(statements: StatementCache, input: CommitGnssDaysInput): void {
  checkGnssDays(input);
  const { file, station, days } = input;
  statements.db
    .transaction(() => {
      const { num } = statements.prepare(UPSERT_STATION).get(station) as { num: number };
      for (const day of days) writeDay(statements, num, file.fingerprint, day);
      statements.prepare(UPSERT_SOURCE_FILE).run(file.source, file.key, file.fingerprint, file.size, file.ingestedAt);
      statements.prepare(UPDATE_COVERAGE).run({ num });
      statements.prepare('DELETE FROM ingest_failures WHERE source = ? AND key = ? AND fingerprint = ?').run(file.source, file.key, file.fingerprint);
    })
    .immediate();
}

const UPSERT_ORBIT = `
  INSERT INTO gnss_orbits (day, kind, object_key, source, source_key, satellite_count, first_time, last_time, ingested_at)
  VALUES (@day, @kind, @objectKey, @source, @sourceKey, @satelliteCount, @firstTime, @lastTime, @ingestedAt)
  ON CONFLICT (day, kind, object_key) DO UPDATE SET source = excluded.source, source_key = excluded.source_key,
    satellite_count = excluded.satellite_count, first_time = excluded.first_time, last_time = excluded.last_time,
    ingested_at = excluded.ingested_at`;

/**
 * Records one ingested orbit file in ONE transaction: its row per GPS day, the geometry of the
 * station-days it filled in (their Parquet objects were rewritten before), and the source file.
 */
export function commitGnssOrbits(statements: StatementCache, { file, orbits, geometry }: CommitGnssOrbitsInput): void {
  statements.db
    .transaction(() => {
      for (const row of orbits) statements.prepare(UPSERT_ORBIT).run(row);
      const setGeometry = statements.prepare('UPDATE gnss_days SET geometry = ? WHERE station = ? AND day = ?');
      const stationNum = statements.prepare('SELECT num FROM gnss_stations WHERE id = ?').pluck();
      for (const g of geometry) {
        const num = stationNum.get(g.station) as number | undefined;
        if (num === undefined) continue;
        setGeometry.run(g.geometry, num, g.day);
        writeElevationRollups(statements, num, g.day, g.codes, g.elevationRollups);
      }
      statements.prepare(UPSERT_SOURCE_FILE).run(file.source, file.key, file.fingerprint, file.size, file.ingestedAt);
      statements.prepare('DELETE FROM ingest_failures WHERE source = ? AND key = ? AND fingerprint = ?').run(file.source, file.key, file.fingerprint);
    })
    .immediate();
}

/** Stores a station's gnssrefl json or refraction file (whichever the file is) and records the file, in one transaction. */
export function commitGnssStationSettings(statements: StatementCache, { file, station, settingsJson, refractionText }: CommitGnssStationSettingsInput): void {
  statements.db
    .transaction(() => {
      statements
        .prepare(
          `INSERT INTO gnss_station_settings (station, settings_json, refraction_text, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (station) DO UPDATE SET settings_json = COALESCE(excluded.settings_json, settings_json),
           refraction_text = COALESCE(excluded.refraction_text, refraction_text), updated_at = excluded.updated_at`,
        )
        .run(station, settingsJson ?? null, refractionText ?? null, file.ingestedAt);
      statements.prepare(UPSERT_SOURCE_FILE).run(file.source, file.key, file.fingerprint, file.size, file.ingestedAt);
      statements.prepare('DELETE FROM ingest_failures WHERE source = ? AND key = ? AND fingerprint = ?').run(file.source, file.key, file.fingerprint);
    })
    .immediate();
}
