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
  /** Ground distance → slant range along the beam, km (the inverse of groundKm). */
  slantKm(groundKm: number): number;
  /** Height of the beam centre above the antenna at a slant range, km (0 for ground ranges). */
  heightKm(slantKm: number): number;
  /** null when the ranges are already ground distances (elevation 0). */
  description: { elevationAngle: number; antennaHeightM: number; earthRadiusKm: number } | null;
}

/** The beam model for a radar at `latitudeDeg`, antenna `antennaHeightM` above sea level. */
export function beamModel(latitudeDeg: number, elevationDeg: number, antennaHeightM: number): BeamModel {
  return elevationDeg === 0 ? GROUND_RANGES : new EffectiveEarthBeam(latitudeDeg, elevationDeg, antennaHeightM);
}

/** Ranges that are already ground distances. */
const GROUND_RANGES: BeamModel = { groundKm: (slantKm) => slantKm, slantKm: (groundKm) => groundKm, heightKm: () => 0, description: null };

// A class, not an object of closures per sweep: V8 keeps a method's optimised code, but kept
// dropping that of closures made per call and compiling them again (see RowPainter).
class EffectiveEarthBeam implements BeamModel {
  readonly description: { elevationAngle: number; antennaHeightM: number; earthRadiusKm: number };
  private readonly re: number;
  private readonly r0: number;
  private readonly sinT: number;
  private readonly cosT: number;

  constructor(latitudeDeg: number, elevationDeg: number, antennaHeightM: number) {
    const earthRadiusKm = gaussianRadiusKm(latitudeDeg);
    this.re = EFFECTIVE_RADIUS_FACTOR * earthRadiusKm;
    this.r0 = this.re + antennaHeightM / 1000;
    this.sinT = Math.sin((elevationDeg * Math.PI) / 180);
    this.cosT = Math.cos((elevationDeg * Math.PI) / 180);
    this.description = { elevationAngle: elevationDeg, antennaHeightM, earthRadiusKm };
  }

  groundKm(slant: number): number {
    // Distance from the effective Earth's centre to the target, then the arc it subtends.
    const { re, r0 } = this;
    const centreToTarget = Math.sqrt(slant * slant + r0 * r0 + 2 * slant * r0 * this.sinT);
    return re * Math.asin((slant * this.cosT) / centreToTarget);
  }

  slantKm(ground: number): number {
    // The triangle (Earth's centre, antenna, target): angle θ = ground / re at the centre, 90° + T
    // at the antenna, so the sine rule gives the side opposite θ.
    const theta = ground / this.re;
    return (this.r0 * Math.sin(theta)) / (this.cosT * Math.cos(theta) - this.sinT * Math.sin(theta));
  }

  heightKm(slant: number): number {
    const { r0 } = this;
    return Math.sqrt(slant * slant + r0 * r0 + 2 * slant * r0 * this.sinT) - r0;
  }
}
