import { gaussianRadiusKm } from './geodesic.js';

/**
 * The standard 4/3 effective Earth radius beam model (Doviak & Zrnić, Doppler Radar and Weather
 * Observations, 2nd ed., 1993, eqs. 2.28b–c): refraction is folded into an Earth of radius
 * ke·a with straight rays. The antenna sits at height h0 above that sphere; ground distance is the
 * arc at sea level. Elevation exactly 0 marks ranges that are already ground distances.
 */
export const EFFECTIVE_RADIUS_FACTOR = 4 / 3;
export const BEAM_MODEL_NAME = '4/3 effective Earth radius (Doviak & Zrnić 1993, eqs. 2.28b-c)';

export interface BeamModel {
  /** Slant range along the beam → ground distance, km (monotonic, so gate edges map to ground edges). */
  groundKm(slantKm: number): number;
  /** null when the ranges are already ground distances (elevation 0). */
  description: { elevationAngle: number; antennaHeightM: number; earthRadiusKm: number } | null;
}

/** The beam model for a radar at `latitudeDeg`, antenna `antennaHeightM` above sea level. */
export function beamModel(latitudeDeg: number, elevationDeg: number, antennaHeightM: number): BeamModel {
  if (elevationDeg === 0) {
    return { groundKm: (s) => s, description: null };
  }
  const earthRadiusKm = gaussianRadiusKm(latitudeDeg);
  const re = EFFECTIVE_RADIUS_FACTOR * earthRadiusKm;
  const r0 = re + antennaHeightM / 1000;
  const sinT = Math.sin((elevationDeg * Math.PI) / 180);
  const cosT = Math.cos((elevationDeg * Math.PI) / 180);
  return {
    groundKm(slant) {
      // Distance from the effective Earth's centre to the target, then the arc it subtends.
      const centreToTarget = Math.sqrt(slant * slant + r0 * r0 + 2 * slant * r0 * sinT);
      return re * Math.asin((slant * cosT) / centreToTarget);
    },
    description: { elevationAngle: elevationDeg, antennaHeightM, earthRadiusKm },
  };
}
