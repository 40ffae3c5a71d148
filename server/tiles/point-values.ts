import type { Moment, RadarSiteId, SweepId } from '../../core/vocabulary/index.js';
import { RadomeError } from '../../core/errors.js';
import { beamModel } from '../../ingest/render/beam-model.js';
import { geodesicInverse } from '../../ingest/render/geodesic.js';
import type { RadarSiteRow, SweepRow, VolumeRow } from '../../store/catalog/index.js';
import type { RadarLayers } from './radar-layers.js';

/** Sites farther than this from a point are not asked whether they cover it (no NEXRAD reaches farther). */
const MAX_SITE_DISTANCE_KM = 500;
/** An elevation asked for matches sweeps within this many degrees. */
const ELEVATION_TOLERANCE_DEG = 0.3;
/** Most volumes one point series reads. */
export const MAX_SERIES_VOLUMES = 1000;

/** The gate under a point: its value and where it is. */
export interface PointValue {
  /** null: the radar covers the point and measured nothing there (below threshold or range folded). */
  value: number | null;
  units: string;
  site: RadarSiteId;
  sweep: SweepRow;
  /** Slant range along the beam, km; ground distance, km; azimuth from the radar, degrees. */
  rangeKm: number;
  groundRangeKm: number;
  azimuth: number;
  beamHeightM: number;
  /** Time of the gate's radial, epoch ms. */
  time: number;
  radial: number;
  gate: number;
}

export interface PointQuery {
  lon: number;
  lat: number;
  moment: Moment;
  time?: number;
  site?: RadarSiteId;
  elevation?: number;
  sweep?: SweepId;
}

/** Why a point has no value (sent in the errors' extensions). */
export class OutsideCoverage extends Error {}

export function checkPoint(lon: number, lat: number): void {
  if (!(Math.abs(lat) <= 90)) throw new RadomeError('BAD_INPUT', `lat ${lat} is not a latitude in [-90, 90]`);
  if (!(Math.abs(lon) <= 180)) throw new RadomeError('BAD_INPUT', `lon ${lon} is not a longitude in [-180, 180]`);
}

const inverse = new Float64Array(2);
function distanceKm(site: Pick<RadarSiteRow, 'latitude' | 'longitude'>, lat: number, lon: number): number {
  geodesicInverse(site.latitude, site.longitude, lat, lon, inverse);
  return inverse[0]! / 1000;
}

/** Farthest ground distance a sweep's gates reach, from its row alone. */
function sweepReachKm(row: SweepRow, site: RadarSiteRow): number {
  return beamModel(site.latitude, row.elevationAngle, site.heightM).groundKm(row.firstGateKm + (row.gateCount - 0.5) * row.gateSpacingKm);
}

/** Cuts whose angles differ by less than this are one elevation (split cuts: 0.44° and 0.45°). */
const SAME_ELEVATION_DEG = 0.2;

/**
 * The volume's sweeps of `moment` at `elevation` (within tolerance, nearest first), else at its
 * lowest elevation; cuts of one elevation by elevation number (the long-range surveillance cut first).
 */
export async function sweepsOfVolume(layers: RadarLayers, volume: VolumeRow, moment: Moment, elevation?: number): Promise<SweepRow[]> {
  const rows = ((await layers.catalog.radar.sweepsForVolumes([volume.id]))[0] ?? []).filter((s) => s.moment === moment);
  if (rows.length === 0) return [];
  const target = elevation ?? Math.min(...rows.map((s) => s.elevationAngle));
  const tolerance = elevation === undefined ? SAME_ELEVATION_DEG : ELEVATION_TOLERANCE_DEG;
  return rows
    .filter((s) => Math.abs(s.elevationAngle - target) <= tolerance)
    .sort((a, b) => Math.round((Math.abs(a.elevationAngle - target) - Math.abs(b.elevationAngle - target)) / SAME_ELEVATION_DEG) || a.elevationNumber - b.elevationNumber);
}

/** The gate of `row` under the point, or the reason there is none. */
export async function valueInSweep(layers: RadarLayers, row: SweepRow, lon: number, lat: number): Promise<PointValue> {
  const layer = await layers.sweepLayer(row);
  const polar = layer.polar!;
  const at = polar.points.lookup(lat, lon);
  if ('outside' in at) throw new OutsideCoverage(`${row.site} sweep ${row.id}: ${at.outside}`);
  const code = polar.grid.codes[at.radial * polar.grid.gateCount + at.gate]!;
  const value = layer.codeValues[code]!;
  return {
    value: value !== value ? null : value,
    units: layer.units,
    site: row.site,
    sweep: row,
    rangeKm: at.slantKm,
    groundRangeKm: at.groundKm,
    azimuth: at.azimuth,
    beamHeightM: at.beamHeightM,
    time: polar.radialTimes ? polar.radialTimes[at.radial]! : row.startTime,
    radial: at.radial,
    gate: at.gate,
  };
}

/** The sites to ask, nearest first: the one named, else every catalogued site within reach. */
async function candidateSites(layers: RadarLayers, q: PointQuery): Promise<RadarSiteRow[]> {
  if (q.site) {
    const site = (await layers.catalog.radar.sitesByIds([q.site]))[0];
    if (!site) throw new RadomeError('NOT_FOUND', `the catalog has no radar site ${q.site}; radarSites lists them`);
    return [site];
  }
  return (await layers.catalog.radar.sites())
    .map((site) => ({ site, km: distanceKm(site, q.lat, q.lon) }))
    .filter((c) => c.km <= MAX_SITE_DISTANCE_KM)
    .sort((a, b) => a.km - b.km)
    .map((c) => c.site);
}

/**
 * The value under a point: in the sweep named, else in the newest volume (at or before `time`)
 * of the nearest site whose sweep (the elevation asked for, else the lowest) covers the point.
 * Throws OutsideCoverage with the reasons when no sweep does.
 */
export async function radarValueAt(layers: RadarLayers, q: PointQuery): Promise<PointValue> {
  checkPoint(q.lon, q.lat);
  if (q.sweep) {
    const row = (await layers.catalog.radar.sweepsByIds([q.sweep]))[0];
    if (!row) throw new RadomeError('NOT_FOUND', `the catalog has no sweep ${q.sweep}`);
    if (row.moment !== q.moment) throw new RadomeError('BAD_INPUT', `sweep ${q.sweep} is ${row.moment}, not ${q.moment}`);
    return valueInSweep(layers, row, q.lon, q.lat);
  }
  const reasons: string[] = [];
  for (const site of await candidateSites(layers, q)) {
    const volume = (await layers.catalog.radar.volumes({ site: site.id, ...(q.time !== undefined ? { to: q.time + 1 } : {}), order: 'DESC' }, { first: 1 })).rows[0];
    if (!volume) {
      reasons.push(`${site.id} has no volume${q.time !== undefined ? ` by ${new Date(q.time).toISOString()}` : ''}`);
      continue;
    }
    const rows = await sweepsOfVolume(layers, volume, q.moment, q.elevation);
    if (rows.length === 0) {
      reasons.push(`${site.id} volume ${volume.id} has no ${q.moment} sweep${q.elevation !== undefined ? ` within ${ELEVATION_TOLERANCE_DEG}° of ${q.elevation}°` : ''}`);
      continue;
    }
    const km = distanceKm(site, q.lat, q.lon);
    for (const row of rows) {
      const reach = sweepReachKm(row, site);
      if (km > reach) {
        reasons.push(`${site.id} is ${km.toFixed(1)} km away; its ${q.moment} sweep ${row.id} reaches ${reach.toFixed(1)} km`);
        continue;
      }
      try {
        return await valueInSweep(layers, row, q.lon, q.lat);
      } catch (e) {
        if (!(e instanceof OutsideCoverage)) throw e;
        reasons.push(e.message);
      }
    }
  }
  if (reasons.length === 0) reasons.push(`no catalogued radar site lies within ${MAX_SITE_DISTANCE_KM} km of (${q.lon}, ${q.lat})`);
  throw new OutsideCoverage(`no radar covers (${q.lon}, ${q.lat}) with ${q.moment}: ${reasons.join('; ')}`);
}

/** The value under a point in every volume of one site (named, else the nearest covering) in [from, to), oldest first. */
export async function radarPointSeriesAt(layers: RadarLayers, q: PointQuery & { from: number; to: number }): Promise<PointValue[]> {
  checkPoint(q.lon, q.lat);
  if (!(q.from < q.to)) throw new RadomeError('BAD_INPUT', `from must be earlier than to; got ${new Date(q.from).toISOString()} … ${new Date(q.to).toISOString()}`);
  const site = q.site ?? (await radarValueAt(layers, { ...q, time: q.to })).site;
  const page = await layers.catalog.radar.volumes({ site, from: q.from, to: q.to, order: 'ASC' }, { first: MAX_SERIES_VOLUMES });
  if (page.hasNextPage) throw new RadomeError('BAD_INPUT', `[from, to) holds more than ${MAX_SERIES_VOLUMES} volumes of ${site}; ask for a shorter range`);
  const out: PointValue[] = [];
  for (const volume of page.rows) {
    for (const row of await sweepsOfVolume(layers, volume, q.moment, q.elevation)) {
      try {
        out.push(await valueInSweep(layers, row, q.lon, q.lat));
        break;
      } catch (e) {
        if (!(e instanceof OutsideCoverage)) throw e;
      }
    }
  }
  return out;
}
