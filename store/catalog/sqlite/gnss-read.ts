import type { GnssDayRow, GnssOrbitRow, GnssStationSettingsRow, GnssSignalRow, GnssStationRow, SnrRollupAggregate, SnrRollupQuery } from '../gnss.js';
export { snrElevationAggregates } from './gnss-elevation-read.js';
import { CONSTELLATIONS } from '../../gnss/satellites.js';
import type { StatementCache } from './statements.js';

const STATION_COLUMNS = `id, name, long_name AS longName, latitude, longitude, height_m AS heightM,
  receiver_type AS receiverType, antenna_type AS antennaType, first_day AS firstDay, last_day AS lastDay, day_count AS dayCount`;

const DAY_COLUMNS = `s.id AS station, d.day, d.object_key AS objectKey, d.source, d.source_key AS sourceKey,
  d.first_time AS firstTime, d.last_time AS lastTime, d.epoch_count AS epochCount, d.observation_count AS observationCount,
  d.satellite_count AS satelliteCount, d.time_system AS timeSystem, d.ingested_at AS ingestedAt, d.geometry, d.elevation_rollups = 1 AS elevationRollups`;

/** SQLite answers 0/1 for the elevation_rollups test. */
const dayRow = (r: GnssDayRow): GnssDayRow => ({ ...r, elevationRollups: Boolean(r.elevationRollups) });

export function listGnssStations(statements: StatementCache): GnssStationRow[] {
  return statements.prepare(`SELECT ${STATION_COLUMNS} FROM gnss_stations ORDER BY id`).all() as GnssStationRow[];
}

export function getGnssStations(statements: StatementCache, ids: readonly string[]): (GnssStationRow | null)[] {
  const rows = statements.prepare(`SELECT ${STATION_COLUMNS} FROM gnss_stations WHERE id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids)) as GnssStationRow[];
  const byId = new Map<string, GnssStationRow>(rows.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id) ?? null);
}

/** Constellation × code pairs the station has data for, by constellation then code. */
export function gnssSignals(statements: StatementCache, station: string): GnssSignalRow[] {
  const rows = statements
    .prepare(
      `SELECT g.constellation AS c, c.code, c.id AS codeId FROM gnss_station_signals g
       JOIN gnss_stations s ON s.num = g.station JOIN gnss_codes c ON c.id = g.code
       WHERE s.id = ? ORDER BY g.constellation, c.code`,
    )
    .all(station) as { c: number; code: string; codeId: number }[];
  return rows.map((r) => ({ constellation: CONSTELLATIONS[r.c - 1] ?? '?', code: r.code, codeId: r.codeId }));
}

/** Days of a station in [fromDay, toDay], oldest first. */
export function gnssDays(statements: StatementCache, station: string, fromDay: number, toDay: number): GnssDayRow[] {
  return statements
    .prepare(`SELECT ${DAY_COLUMNS} FROM gnss_days d JOIN gnss_stations s ON s.num = d.station WHERE s.id = ? AND d.day BETWEEN ? AND ? ORDER BY d.day`)
    .all(station, fromDay, toDay)
    .map((r) => dayRow(r as GnssDayRow));
}

/** Every station's row for one day (the station-days an orbit file arriving later fills in). */
export function gnssDaysOn(statements: StatementCache, day: number): GnssDayRow[] {
  return statements
    .prepare(`SELECT ${DAY_COLUMNS} FROM gnss_days d JOIN gnss_stations s ON s.num = d.station WHERE d.day = ? ORDER BY s.id`)
    .all(day)
    .map((r) => dayRow(r as GnssDayRow));
}

/** Orbit files stored for days in [fromDay, toDay], by day, precise first, then oldest ingest first. */
export function gnssOrbits(statements: StatementCache, fromDay: number, toDay: number): GnssOrbitRow[] {
  return statements
    .prepare(
      `SELECT day, kind, object_key AS objectKey, source, source_key AS sourceKey, satellite_count AS satelliteCount,
         first_time AS firstTime, last_time AS lastTime, ingested_at AS ingestedAt
       FROM gnss_orbits WHERE day BETWEEN ? AND ? ORDER BY day, kind DESC, ingested_at, object_key`,
    )
    .all(fromDay, toDay) as GnssOrbitRow[];
}

/**
 * Rollup rows of one level summed into `intervalS` buckets and the requested groups, by SQLite in
 * one pass over one primary-key range per code (station, level, code, bucket…).
 */
export function snrRollupAggregates(statements: StatementCache, q: SnrRollupQuery): SnrRollupAggregate[] {
  const group = ['b'];
  const satExpr = q.groupBySatellite ? 'r.satellite' : q.groupByConstellation ? '(r.satellite / 100) * 100' : '0';
  if (q.groupBySatellite || q.groupByConstellation) group.push('sat');
  if (q.groupByCode) group.push('code');
  const where = ['r.station = (SELECT num FROM gnss_stations WHERE id = ?)', 'r.level = ?', 'r.code IN (SELECT value FROM json_each(?))', 'r.bucket >= ?', 'r.bucket < ?'];
  const params: unknown[] = [q.station, q.level, JSON.stringify(q.codeIds), q.fromS, q.toS];
  if (q.satellites) {
    where.push('r.satellite IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(q.satellites));
  }
  if (q.constellations) {
    where.push('r.satellite / 100 IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(q.constellations));
  }
  const sql = `
    SELECT r.bucket - (r.bucket % ${Math.trunc(q.intervalS)}) AS b, ${satExpr} AS sat, ${q.groupByCode ? 'r.code' : '0'} AS code,
      SUM(r.n), TOTAL(r.sum), TOTAL(r.sum_squares), MIN(r.min), MAX(r.max)
    FROM snr_rollups r WHERE ${where.join(' AND ')}
    GROUP BY ${group.join(', ')}`;
  return statements
    .prepare(sql)
    .raw()
    .all(...params) as SnrRollupAggregate[];
}

/** A station's ingested gnssir settings, or null. */
export function gnssStationSettings(statements: StatementCache, station: string): GnssStationSettingsRow | null {
  const row = statements
    .prepare('SELECT station, settings_json AS settingsJson, refraction_text AS refractionText, updated_at AS updatedAt FROM gnss_station_settings WHERE station = ?')
    .get(station) as GnssStationSettingsRow | undefined;
  return row ?? null;
}
