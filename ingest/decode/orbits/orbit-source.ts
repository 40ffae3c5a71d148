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
  return {
    kind: `${precise.kind}+${fallback.kind}`,
    position: (satellite, tMs, out, at = 0) => precise.position(satellite, tMs, out, at) || fallback.position(satellite, tMs, out, at),
  };
}
