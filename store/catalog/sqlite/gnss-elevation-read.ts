import type { SnrElevationAggregate, SnrElevationQuery } from '../gnss.js';
import type { StatementCache } from './statements.js';

/**
 * Elevation rollups of a station's days summed into the requested groups by SQLite, over one
 * primary-key range per code (station, code, day…).
 */
export function snrElevationAggregates(statements: StatementCache, q: SnrElevationQuery): SnrElevationAggregate[] {
  const satExpr = q.groupBySatellite ? 'r.satellite' : q.groupByConstellation ? '(r.satellite / 100) * 100' : '0';
  const group: string[] = [];
  if (q.groupByDay) group.push('r.day');
  if (q.groupByElevation) group.push('r.elevation_bin');
  if (q.groupBySatellite || q.groupByConstellation) group.push('sat');
  if (q.groupByCode) group.push('r.code');
  const where = ['r.station = (SELECT num FROM gnss_stations WHERE id = ?)', 'r.code IN (SELECT value FROM json_each(?))', 'r.day BETWEEN ? AND ?', 'r.elevation_bin >= ?', 'r.elevation_bin < ?'];
  const params: unknown[] = [q.station, JSON.stringify(q.codeIds), q.fromDay, q.toDay, q.elevationBins[0], q.elevationBins[1]];
  if (q.satellites) {
    where.push('r.satellite IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(q.satellites));
  }
  if (q.constellations) {
    where.push('r.satellite / 100 IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(q.constellations));
  }
  if (q.azimuthBins) {
    where.push('r.azimuth_bin IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(q.azimuthBins));
  }
  const sql = `
    SELECT ${q.groupByDay ? 'r.day' : '0'}, ${q.groupByElevation ? 'r.elevation_bin' : '0'}, ${satExpr} AS sat, ${q.groupByCode ? 'r.code' : '0'},
      SUM(r.n), TOTAL(r.sum), TOTAL(r.sum_squares), MIN(r.min), MAX(r.max)
    FROM snr_elevation_rollups r WHERE ${where.join(' AND ')}
    ${group.length ? `GROUP BY ${group.join(', ')}` : ''}`;
  return (
    statements
      .prepare(sql)
      .raw()
      .all(...params) as SnrElevationAggregate[]
  ).filter((row) => row[4] !== null);
}
