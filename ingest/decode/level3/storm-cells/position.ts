import { geodesicDirect } from '../../../render/geodesic.js';
import type { StormCellPosition } from './types.js';

export const KM_PER_NM = 1.852;
export const KM_PER_KFT = 0.3048;

export interface RadarPoint {
  latitude: number;
  longitude: number;
}

/** Table values are rounded to a tenth at most: the rounding drops the float noise of the conversions. */
const round = (v: number, digits: number): number => Math.round(v * 10 ** digits) / 10 ** digits;

/** A cell at a stated azimuth (deg) and range (km) from the radar. */
export function positionAt(radar: RadarPoint, azimuthDeg: number, rangeKm: number): StormCellPosition {
  const [lon, lat] = geodesicDirect(radar.latitude, radar.longitude, azimuthDeg, rangeKm * 1000);
  return { azimuthDeg, rangeKm: round(rangeKm, 6), lon: round(lon, 6), lat: round(lat, 6) };
}

/**
 * A cell at a screen position: I east and J north of the radar in `unitsPerKm` (4 in the
 * symbology block, 8 in NSS cell trend packets 21).
 */
export function positionOnScreen(radar: RadarPoint, i: number, j: number, unitsPerKm: number): StormCellPosition {
  const azimuth = (Math.atan2(i, j) * 180) / Math.PI;
  return positionAt(radar, round(azimuth < 0 ? azimuth + 360 : azimuth, 3), Math.hypot(i, j) / unitsPerKm);
}

/** "053/ 75"-style azimuth/range (degrees / nautical miles) as a position. */
export function positionAtAzRanNm(radar: RadarPoint, azimuthDeg: number, rangeNm: number): StormCellPosition {
  return positionAt(radar, azimuthDeg, rangeNm * KM_PER_NM);
}

export const kftToKm = (kft: number): number => round(kft * KM_PER_KFT, 6);
