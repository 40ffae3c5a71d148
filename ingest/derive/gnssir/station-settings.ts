import { RadomeError } from '../../../core/errors.js';
import { isGnssStationId } from '../../../core/vocabulary/index.js';
import { GNSSIR_FREQUENCIES } from './gnssir-frequencies.js';
import type { ReflectorHeightSettings } from './reflector-heights.js';
import { atmosphereFromGpt2wFile, standardAtmosphere } from './refraction.js';

/** A station's gnssir settings, from a gnssrefl station json (gnssir_input's output). */
export interface GnssStationSettings {
  /** Upper case, 4 characters. */
  station: string;
  latitude: number;
  longitude: number;
  /** Ellipsoidal height, m. */
  heightM: number;
  reflectorHeights: ReflectorHeightSettings;
}

/** gnssrefl's gnssir defaults, for fields a json (or a query) leaves out. */
export const GNSSIR_DEFAULTS: Omit<ReflectorHeightSettings, 'refraction'> = {
  minElevation: 5,
  maxElevation: 25,
  minHeight: 0.5,
  maxHeight: 8,
  noiseRegion: [0.5, 8],
  peakToNoise: 2.8,
  requiredAmplitude: [5],
  polynomialOrder: 4,
  polynomialElevations: [5, 30],
  elevationTolerance: 2,
  heightPrecision: 0.005,
  azimuths: [[0, 360]],
  frequencies: [1, 20, 5],
  maxArcMinutes: 75,
};

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const pair = (v: unknown): [number, number] | undefined => (Array.isArray(v) && v.length >= 2 && v.every((x) => num(x) !== undefined) ? [v[0], v[1]] : undefined);

/**
 * A gnssrefl station json (e.g. mchl.json) as radome's station settings; `refractionFile` is the
 * station's GPT2w refraction file (mchl_refr.txt) when there is one, else refraction uses the
 * standard atmosphere at the station's orthometric height. BAD_INPUT naming the field that is wrong.
 */
export function stationSettingsFromJson(json: string, refractionFile?: string): GnssStationSettings {
  let j: Record<string, unknown>;
  try {
    j = JSON.parse(json) as Record<string, unknown>;
  } catch (e) {
    throw new RadomeError('BAD_INPUT', `not a gnssrefl station json: ${(e as Error).message}`);
  }
  const bad = (field: string, why: string) => new RadomeError('BAD_INPUT', `gnssrefl station json: "${field}" ${why}`);
  const station = typeof j.station === 'string' ? j.station.toUpperCase() : '';
  if (!isGnssStationId(station)) throw bad('station', 'must be a 4-character station name');
  const latitude = num(j.lat);
  const longitude = num(j.lon);
  const heightM = num(j.ht);
  if (latitude === undefined || Math.abs(latitude) > 90) throw bad('lat', 'must be a latitude in degrees');
  if (longitude === undefined || Math.abs(longitude) > 360) throw bad('lon', 'must be a longitude in degrees');
  if (heightM === undefined) throw bad('ht', 'must be the ellipsoidal height in metres');
  const freqs = Array.isArray(j.freqs) ? (j.freqs as unknown[]).map(Number) : GNSSIR_DEFAULTS.frequencies;
  const unknown = freqs.filter((f) => !GNSSIR_FREQUENCIES.includes(f));
  if (unknown.length) throw bad('freqs', `has frequencies radome does not know: ${unknown.join(', ')} (known: ${GNSSIR_FREQUENCIES.join(', ')})`);
  const az = Array.isArray(j.azval2) ? (j.azval2 as unknown[]).map(Number) : [0, 360];
  if (az.length % 2 !== 0 || az.some(Number.isNaN)) throw bad('azval2', 'must be pairs of azimuths');
  const azimuths: [number, number][] = [];
  for (let i = 0; i < az.length; i += 2) azimuths.push(az[i]! < 0 ? [az[i]! + 360, az[i + 1]!] : [az[i]!, az[i + 1]!]);
  const minHeight = num(j.minH) ?? GNSSIR_DEFAULTS.minHeight;
  const maxHeight = num(j.maxH) ?? GNSSIR_DEFAULTS.maxHeight;
  const refraction =
    j.refraction === false
      ? null
      : refractionFile
        ? atmosphereFromGpt2wFile(refractionFile, latitude, longitude, heightM)
        : standardAtmosphere(num(Array.isArray(j.Hortho) ? j.Hortho[0] : j.Hortho) ?? heightM);
  return {
    station,
    latitude,
    longitude,
    heightM,
    reflectorHeights: {
      minElevation: num(j.e1) ?? GNSSIR_DEFAULTS.minElevation,
      maxElevation: num(j.e2) ?? GNSSIR_DEFAULTS.maxElevation,
      minHeight,
      maxHeight,
      noiseRegion: pair(j.NReg) ?? [minHeight, maxHeight],
      peakToNoise: num(j.PkNoise) ?? GNSSIR_DEFAULTS.peakToNoise,
      requiredAmplitude: Array.isArray(j.reqAmp) ? (j.reqAmp as unknown[]).map(Number) : freqs.map(() => GNSSIR_DEFAULTS.requiredAmplitude[0]!),
      polynomialOrder: num(j.polyV) ?? GNSSIR_DEFAULTS.polynomialOrder,
      polynomialElevations: pair(j.pele) ?? GNSSIR_DEFAULTS.polynomialElevations,
      elevationTolerance: num(j.ediff) ?? GNSSIR_DEFAULTS.elevationTolerance,
      heightPrecision: num(j.desiredP) ?? GNSSIR_DEFAULTS.heightPrecision,
      azimuths,
      frequencies: freqs,
      maxArcMinutes: num(j.delTmax) ?? GNSSIR_DEFAULTS.maxArcMinutes,
      refraction,
    },
  };
}
