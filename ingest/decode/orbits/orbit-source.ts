/**
 * Where satellite positions come from for geometry: broadcast ephemerides, SP3 precise orbits, or
 * one preferred over the other. Satellites are numbered system char code × 100 + PRN, the same
 * pair (satSystem, satPrn) the RINEX observation columns carry, so no string is built per call.
 */
export interface OrbitSource {
  /** Name for logs and reports: 'broadcast', 'sp3', 'sp3+broadcast'. */
  readonly kind: string;
  /** ECEF position (m) at `tMs` (GPS ms) into out[at..at+2]; false when this source has none then. */
  position(satellite: number, tMs: number, out: Float64Array, at?: number): boolean;
  /**
   * ECEF position (m) into out[at..at+2] and velocity (m/s) into out[at+3..at+5] at `tMs`, when
   * the source has a cheaper way than two positions (SP3: one Lagrange pass with derivative
   * weights). Absent: positionVelocityOf() takes a central difference of `position`.
   */
  positionVelocity?(satellite: number, tMs: number, out: Float64Array, at?: number): boolean;
}

export type PositionVelocity = (satellite: number, tMs: number, out: Float64Array, at?: number) => boolean;

/** Half-width (s) of the central difference that gives the velocity of sources without positionVelocity. */
const HALF_STEP_S = 0.25;

/**
 * The source's positionVelocity, else position and velocity from two positions ±HALF_STEP_S
 * around the time: their mean is off by a·h²/2 (~2 cm), their difference is a central difference.
 */
export function positionVelocityOf(source: OrbitSource): PositionVelocity {
  if (source.positionVelocity) return source.positionVelocity.bind(source);
  const p = new Float64Array(6);
  return (satellite, tMs, out, at = 0) => {
    if (!(source.position(satellite, tMs + HALF_STEP_S * 1000, p, 0) && source.position(satellite, tMs - HALF_STEP_S * 1000, p, 3))) return false;
    for (let k = 0; k < 3; k++) {
      out[at + k] = (p[k]! + p[k + 3]!) / 2;
      out[at + 3 + k] = (p[k]! - p[k + 3]!) / (2 * HALF_STEP_S);
    }
    return true;
  };
}

/** 'G'.charCodeAt(0) × 100 + 7 for G07. */
export function satelliteNumber(systemCharCode: number, prn: number): number {
  return systemCharCode * 100 + prn;
}

/** 'G07' → its satellite number; NaN for an id that is not a letter and a PRN. */
export function satelliteNumberOf(id: string): number {
  const prn = Number(id.slice(1));
  return id.length >= 2 && Number.isInteger(prn) ? satelliteNumber(id.charCodeAt(0), prn) : NaN;
}

/** Precise orbits where they cover the satellite and time, else the fallback (broadcast). */
export function preferPrecise(precise: OrbitSource, fallback: OrbitSource): OrbitSource {
  const preciseState = positionVelocityOf(precise);
  const fallbackState = positionVelocityOf(fallback);
  return {
    kind: `${precise.kind}+${fallback.kind}`,
    position: (satellite, tMs, out, at = 0) => precise.position(satellite, tMs, out, at) || fallback.position(satellite, tMs, out, at),
    positionVelocity: (satellite, tMs, out, at = 0) => preciseState(satellite, tMs, out, at) || fallbackState(satellite, tMs, out, at),
  };
}
