// The elevation-rollup aggregate's shape, once for both engines.
import type { SnrElevationQuery } from '../gnss.js';
import type { Dialect, Statement } from './dialect.js';

/**
 * Elevation rollups of a station's days summed into the requested groups, over one primary-key
 * range per code (station, code, day…). Rows: day, elevation bin, satellite, code, n, sum,
 * sum of squares, min, max (0 for what is not grouped by).
 */
export function snrElevationStatement(d: Dialect, q: SnrElevationQuery): Statement {
  const satExpr = q.groupBySatellite ? 'r.satellite' : q.groupByConstellation ? '(r.satellite / 100) * 100' : '0';
  const group: string[] = [];
  if (q.groupByDay) group.push('r.day');
  if (q.groupByElevation) group.push('r.elevation_bin');
  if (q.groupBySatellite || q.groupByConstellation) group.push('sat');
  if (q.groupByCode) group.push('r.code');
  // Days are whole numbers: BETWEEN the bounds rounded inwards selects what the bounds do.
  const where = ['r.station = (SELECT num FROM gnss_stations WHERE id = ?)', 'r.day BETWEEN ? AND ?', 'r.elevation_bin >= ?', 'r.elevation_bin < ?'];
  const params: unknown[] = [q.station, Math.ceil(q.fromDay), Math.floor(q.toDay), q.elevationBins[0], q.elevationBins[1]];
  const oneOf = (column: string, values: readonly number[]) => {
    const [sql, param] = d.oneOf(column, values, 'integer');
    where.push(sql);
    params.push(param);
  };
  oneOf('r.code', q.codeIds);
  if (q.satellites) oneOf('r.satellite', q.satellites);
  if (q.constellations) oneOf('r.satellite / 100', q.constellations);
  if (q.azimuthBins) oneOf('r.azimuth_bin', q.azimuthBins);
  const sql = `
    SELECT ${q.groupByDay ? 'r.day' : '0'}, ${q.groupByElevation ? 'r.elevation_bin' : '0'}, ${satExpr} AS sat, ${q.groupByCode ? 'r.code' : '0'},
      SUM(r.n), ${d.total('r.sum')}, ${d.total('r.sum_squares')}, MIN(r.min), MAX(r.max)
    FROM snr_elevation_rollups r WHERE ${where.join(' AND ')}
    ${group.length ? `GROUP BY ${group.join(', ')}` : ''}`;
  return { sql, params };
}
