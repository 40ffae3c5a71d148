import type { SnrElevationAggregate, SnrElevationQuery } from '../gnss.js';
import { snrElevationStatement } from '../query/gnss.js';
import { sqliteDialect } from './dialect.js';
import type { StatementCache } from './statements.js';

/** Elevation rollups of a station's days summed into the requested groups (query/gnss.ts); empty groups dropped. */
export function snrElevationAggregates(statements: StatementCache, q: SnrElevationQuery): SnrElevationAggregate[] {
  const { sql, params } = snrElevationStatement(sqliteDialect, q);
  return (statements.prepareRaw(sql).all(...params) as SnrElevationAggregate[]).filter((row) => row[4] !== null);
}
