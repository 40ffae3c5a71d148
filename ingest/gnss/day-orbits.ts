import { RadomeError } from '../../core/errors.js';
import type { SnrGeometry, SnrObservations } from '../../store/gnss/snr-parquet.js';
import type { GnssOrbitKind, GnssOrbitRow, GnssStationRow } from '../../store/catalog/index.js';
import { broadcastOrbits, positionVelocityOf, readRinexNav, readSp3, sp3Orbits, type OrbitSource } from '../decode/orbits/index.js';
import { geodeticToEcef } from '../decode/rinex/geodetic.js';
import { sniffFormat } from '../formats/registry.js';
import { satelliteGeometry, satelliteNumberOfKey } from './satellite-geometry.js';

/** The orbits of one GPS day: every stored file of the day, precise ones first. */
export interface DayOrbits {
  /** 'precise' when at least one SP3 file covers the day (broadcast then fills its gaps). */
  kind: GnssOrbitKind;
  orbits: OrbitSource;
}

/** An orbit file's plain bytes (SP3 or RINEX navigation, recognised by content) as an orbit source. */
export function orbitSourceOf(bytes: Uint8Array, where: string): OrbitSource {
  const format = sniffFormat(bytes)?.id;
  if (format === 'sp3') return sp3Orbits(readSp3(bytes));
  if (format === 'rinex-nav') return broadcastOrbits(readRinexNav(bytes));
  throw new RadomeError('CORRUPT', `stored orbit object ${where} is neither SP3 nor RINEX navigation data`, { file: where });
}

/** The first of `sources` with a position for the satellite and time. */
function firstOf(kind: string, sources: OrbitSource[]): OrbitSource {
  if (sources.length === 1) return sources[0]!;
  const states = sources.map(positionVelocityOf);
  return {
    kind,
    position: (sat, t, out, at = 0) => sources.some((s) => s.position(sat, t, out, at)),
    positionVelocity: (sat, t, out, at = 0) => states.some((pv) => pv(sat, t, out, at)),
  };
}

/**
 * Decoded orbit files by object key and ingest time: a day's SNR files and a backfill read the
 * same few files again and again (decoding an SP3 day takes tens of ms). A few days' worth.
 */
const decoded = new Map<string, OrbitSource>();
const DECODED_KEPT = 12;

async function sourceOfRow(row: GnssOrbitRow, getObject: (key: string) => Promise<Uint8Array | null>): Promise<OrbitSource | null> {
  const id = `${row.objectKey}@${row.ingestedAt}`;
  let source = decoded.get(id);
  if (!source) {
    const body = await getObject(row.objectKey);
    if (!body) return null;
    source = orbitSourceOf(body, row.objectKey);
    if (decoded.size >= DECODED_KEPT) decoded.delete(decoded.keys().next().value!);
  }
  decoded.delete(id);
  decoded.set(id, source);
  return source;
}

/**
 * The orbits for one day from its catalogued orbit files (`rows`, any order), plus `extra` ones
 * not catalogued yet (the file being ingested). Null when the day has none.
 */
export async function dayOrbits(
  rows: readonly GnssOrbitRow[],
  getObject: (key: string) => Promise<Uint8Array | null>,
  extra: { kind: GnssOrbitKind; orbits: OrbitSource }[] = [],
): Promise<DayOrbits | null> {
  const all = [...extra];
  for (const row of rows) {
    const orbits = await sourceOfRow(row, getObject);
    if (orbits) all.push({ kind: row.kind, orbits });
  }
  const precise = all.filter((o) => o.kind === 'precise').map((o) => o.orbits);
  const broadcast = all.filter((o) => o.kind === 'broadcast').map((o) => o.orbits);
  if (precise.length + broadcast.length === 0) return null;
  const kind: GnssOrbitKind = precise.length > 0 ? 'precise' : 'broadcast';
  return { kind, orbits: firstOf(precise.length && broadcast.length ? 'sp3+broadcast' : kind, [...precise, ...broadcast]) };
}

/**
 * Elevation, azimuth and edot of a station-day's stored observations, seen from the station's
 * catalogued position (the RINEX header's APPROX POSITION, as WGS84 latitude, longitude and
 * height). Null when the station has no position. Pure.
 */
export function stationDayGeometry(obs: SnrObservations, station: Pick<GnssStationRow, 'latitude' | 'longitude' | 'heightM'>, timeSystem: string, orbits: OrbitSource): SnrGeometry | null {
  if (station.latitude === null || station.longitude === null || station.heightM === null) return null;
  const { elevation, azimuth, edot, missing } = satelliteGeometry({
    station: geodeticToEcef(station.latitude, station.longitude, station.heightM),
    orbits,
    count: obs.count,
    times: obs.times,
    satellites: obs.satellites,
    satelliteNumberOf: satelliteNumberOfKey,
    timeSystem,
  });
  return { elevation, azimuth, edot, complete: missing === 0 };
}
