import { CONSTELLATIONS } from '../../gnss/satellites.js';
import type { GnssDayRow, GnssOrbitRow, GnssSignalRow, GnssStationRow, GnssStationSettingsRow, SnrElevationAggregate, SnrElevationQuery, SnrRollupAggregate, SnrRollupQuery } from '../gnss.js';
import type { PgSession } from './session.js';
import { snrElevationStatement } from '../query/gnss.js';
import { postgresDialect } from './dialect.js';

const STATION_COLUMNS = `id, name, long_name AS "longName", latitude, longitude, height_m AS "heightM",
  receiver_type AS "receiverType", antenna_type AS "antennaType", first_day AS "firstDay", last_day AS "lastDay", day_count AS "dayCount"`;

const DAY_COLUMNS = `s.id AS station, d.day, d.object_key AS "objectKey", d.source, d.source_key AS "sourceKey",
  d.first_time AS "firstTime", d.last_time AS "lastTime", d.epoch_count AS "epochCount", d.observation_count AS "observationCount",
  d.satellite_count AS "satelliteCount", d.time_system AS "timeSystem", d.ingested_at AS "ingestedAt", d.geometry, d.elevation_rollups AS "elevationRollups"`;

export function listGnssStations(db: PgSession): Promise<GnssStationRow[]> {
  return db.rows<GnssStationRow>(`SELECT ${STATION_COLUMNS} FROM gnss_stations ORDER BY id`);
}

export async function getGnssStations(db: PgSession, ids: readonly string[]): Promise<(GnssStationRow | null)[]> {
  const rows = await db.rows<GnssStationRow>(`SELECT ${STATION_COLUMNS} FROM gnss_stations WHERE id = ANY(?)`, [[...ids]]);
  const byId = new Map<string, GnssStationRow>(rows.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id) ?? null);
}

export async function gnssSignals(db: PgSession, station: string): Promise<GnssSignalRow[]> {
  const rows = await db.rows<{ c: number; code: string; codeId: number }>(
    `SELECT g.constellation AS c, c.code, c.id AS "codeId" FROM gnss_station_signals g
     JOIN gnss_stations s ON s.num = g.station JOIN gnss_codes c ON c.id = g.code
     WHERE s.id = ? ORDER BY g.constellation, c.code`,
    [station],
  );
  return rows.map((r) => ({ constellation: CONSTELLATIONS[r.c - 1] ?? '?', code: r.code, codeId: r.codeId }));
}

export function gnssDays(db: PgSession, station: string, fromDay: number, toDay: number): Promise<GnssDayRow[]> {
  return db.rows<GnssDayRow>(`SELECT ${DAY_COLUMNS} FROM gnss_days d JOIN gnss_stations s ON s.num = d.station WHERE s.id = ? AND d.day BETWEEN ? AND ? ORDER BY d.day`, [
    station,
    Math.ceil(fromDay),
    Math.floor(toDay),
  ]);
}

export function gnssDaysOn(db: PgSession, day: number): Promise<GnssDayRow[]> {
  return db.rows<GnssDayRow>(`SELECT ${DAY_COLUMNS} FROM gnss_days d JOIN gnss_stations s ON s.num = d.station WHERE d.day = ? ORDER BY s.id`, [day]);
}

export function gnssOrbits(db: PgSession, fromDay: number, toDay: number): Promise<GnssOrbitRow[]> {
  return db.rows<GnssOrbitRow>(
    `SELECT day, kind, object_key AS "objectKey", source, source_key AS "sourceKey", satellite_count AS "satelliteCount",
       first_time AS "firstTime", last_time AS "lastTime", ingested_at AS "ingestedAt"
     FROM gnss_orbits WHERE day BETWEEN ? AND ? ORDER BY day, kind DESC, ingested_at, object_key`,
    [Math.ceil(fromDay), Math.floor(toDay)],
  );
}

/** Rollup rows of one level summed into `intervalS` buckets and the requested groups (as on SQLite; groups by position). */
export async function snrRollupAggregates(db: PgSession, q: SnrRollupQuery): Promise<SnrRollupAggregate[]> {
  const group = ['1'];
  const satExpr = q.groupBySatellite ? 'r.satellite' : q.groupByConstellation ? '(r.satellite / 100) * 100' : '0';
  if (q.groupBySatellite || q.groupByConstellation) group.push('2');
  if (q.groupByCode) group.push('3');
  const where = ['r.station = (SELECT num FROM gnss_stations WHERE id = ?)', 'r.level = ?', 'r.code = ANY(?::integer[])', 'r.bucket >= ?', 'r.bucket < ?'];
  const params: unknown[] = [q.station, q.level, q.codeIds, Math.ceil(q.fromS), Math.ceil(q.toS)];
  if (q.satellites) {
    where.push('r.satellite = ANY(?::integer[])');
    params.push(q.satellites);
  }
  if (q.constellations) {
    where.push('r.satellite / 100 = ANY(?::integer[])');
    params.push(q.constellations);
  }
  const sql = `
    SELECT r.bucket - (r.bucket % ${Math.trunc(q.intervalS)}) AS b, ${satExpr} AS sat, ${q.groupByCode ? 'r.code' : '0'} AS code,
      SUM(r.n), COALESCE(SUM(r.sum), 0)::float8, COALESCE(SUM(r.sum_squares), 0)::float8, MIN(r.min), MAX(r.max)
    FROM snr_rollups r WHERE ${where.join(' AND ')}
    GROUP BY ${group.join(', ')}`;
  return (await db.arrays(sql, params)) as SnrRollupAggregate[];
}

/** Elevation rollups of a station's days summed into the requested groups (query/gnss.ts); empty groups dropped. */
export async function snrElevationAggregates(db: PgSession, q: SnrElevationQuery): Promise<SnrElevationAggregate[]> {
  const { sql, params } = snrElevationStatement(postgresDialect, q);
  return ((await db.arrays(sql, params)) as SnrElevationAggregate[]).filter((row) => row[4] !== null);
}

export function gnssStationSettings(db: PgSession, station: string): Promise<GnssStationSettingsRow | null> {
  return db.row<GnssStationSettingsRow>(
    'SELECT station, settings_json AS "settingsJson", refraction_text AS "refractionText", updated_at AS "updatedAt" FROM gnss_station_settings WHERE station = ?',
    [station],
  );
}
