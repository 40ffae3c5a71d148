import type { GnssDayCommit, GnssGeometryKind } from '../../store/catalog/index.js';
import { addSnrGeometry, encodeSnrParquet, type SnrGeometry, type SnrObservations } from '../../store/gnss/snr-parquet.js';
import { dayString, snrParquetKey } from '../../store/gnss/snr-keys.js';
import { objectBytes } from '../../store/objects/object-body.js';
import type { PlannedObject } from '../plan-types.js';
import { buildSnrElevationRollups, buildSnrRollups } from './rollups.js';

function epochCount(obs: SnrObservations): number {
  const { count: n, times } = obs;
  let count = 0;
  let last = NaN;
  for (let i = 0; i < n; i++) {
    if (times[i] !== last) count++;
    last = times[i]!;
  }
  return count;
}

/** First and last epoch, whole ms (the catalog's unit): floor and ceiling, so sub-ms epochs stay inside. */
function timeRange(obs: SnrObservations): [number, number] {
  const { count, times } = obs;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < count; i++) {
    const t = times[i]!;
    if (t < min) min = t;
    if (t > max) max = t;
  }
  return [Math.floor(min), Math.ceil(max)];
}

/** Distinct satellites of the day: keys are 16-bit, so a table rather than a Set of 50,000 adds. */
function satelliteCount(obs: SnrObservations): number {
  const { count: n, satellites } = obs;
  const seen = new Uint8Array(1 << 16);
  let count = 0;
  for (let i = 0; i < n; i++) {
    const key = satellites[i]!;
    if (seen[key] === 0) {
      seen[key] = 1;
      count++;
    }
  }
  return count;
}

/** Where a station-day's observations came from (the latest file, for a merged day). */
export interface GnssDaySource {
  source: string;
  sourceKey: string;
  timeSystem: string;
  ingestedAt: number;
  /** Orbits the observations' geometry came from, when they have geometry. */
  geometry?: GnssGeometryKind | null;
}

/**
 * One station-day of observations → its Parquet object and its catalog rows. Pure. The passes over
 * the rows take the columns into locals first: `obs` comes with and without geometry (two object
 * shapes), and a property load per row through that polymorphic site would cost more than the
 * loops' own work.
 */
export function planGnssDay(station: string, day: number, obs: SnrObservations, from: GnssDaySource): { object: PlannedObject; commit: GnssDayCommit } {
  const [firstTime, lastTime] = timeRange(obs);
  return {
    object: snrObject(station, day, obs, from),
    commit: {
      row: {
        station,
        day,
        objectKey: snrParquetKey(station, day),
        source: from.source,
        sourceKey: from.sourceKey,
        firstTime,
        lastTime,
        epochCount: epochCount(obs),
        observationCount: obs.count,
        satelliteCount: satelliteCount(obs),
        timeSystem: from.timeSystem,
        ingestedAt: from.ingestedAt,
        geometry: obs.geometry ? (from.geometry ?? null) : null,
      },
      codes: obs.codes,
      rollups: buildSnrRollups(obs, day),
      elevationRollups: buildSnrElevationRollups(obs, day, [firstTime, lastTime]),
    },
  };
}

/**
 * A planned station-day (planGnssDay of these same observations without geometry) once its
 * geometry is known: its Parquet object with the elevation, azimuth and edot columns appended
 * (the SNR columns kept as encoded), and the elevation rollups. The row's counts and time range
 * and the SNR rollups do not depend on geometry and are kept, so geometry found at reconcile (the
 * day's orbits stored) costs the geometry's own work, not a second plan of the day. The object's
 * body becomes parts (addSnrGeometry), which hold `obs.geometry`'s arrays.
 */
export function addDayGeometry(
  { object, commit: planned }: { object: PlannedObject; commit: GnssDayCommit },
  obs: SnrObservations & { geometry: SnrGeometry },
  geometry: GnssGeometryKind,
): { object: PlannedObject; commit: GnssDayCommit } {
  const { row } = planned;
  // The rollups' code indices refer to the plan's codes: a caller's bug if they are other observations.
  if (obs.count !== row.observationCount || obs.codes.length !== planned.codes.length || obs.codes.some((c, k) => c !== planned.codes[k])) {
    throw new Error(`addDayGeometry: station-day ${row.station} ${row.day} was planned from other observations than those given`);
  }
  return {
    object: { ...object, body: addSnrGeometry(objectBytes(object.body), obs.geometry, obs.count) },
    commit: { ...planned, row: { ...row, geometry }, elevationRollups: buildSnrElevationRollups(obs, row.day, [row.firstTime, row.lastTime]) },
  };
}

function snrObject(station: string, day: number, obs: SnrObservations, from: Pick<GnssDaySource, 'timeSystem' | 'sourceKey'>): PlannedObject {
  const body = encodeSnrParquet(obs, { station, day: dayString(day), time_system: from.timeSystem, source: from.sourceKey });
  return { key: snrParquetKey(station, day), body, contentType: 'application/vnd.apache.parquet' };
}
