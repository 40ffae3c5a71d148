import type { KeplerEphemeris, KeplerSystem } from './types.js';

/** Earth's gravitational constant (m³/s²) each ICD fixes for its users. */
const GM: Record<KeplerSystem, number> = {
  G: 3.986005e14, // IS-GPS-200 20.3.3.4.3
  J: 3.986005e14, // IS-QZSS-PNT, as GPS
  I: 3.986005e14, // IRNSS SPS ICD, as GPS
  E: 3.986004418e14, // Galileo OS SIS ICD 5.1.1
  C: 3.986004418e14, // BDS-SIS-ICD (CGCS2000)
};

/** Earth rotation rate (rad/s) each ICD fixes. */
export const EARTH_ROTATION: Record<KeplerSystem, number> = {
  G: 7.2921151467e-5,
  J: 7.2921151467e-5,
  I: 7.2921151467e-5,
  E: 7.2921151467e-5,
  C: 7.292115e-5, // CGCS2000
};

/** BeiDou GEO satellites (BDS-2 C01–C05, BDS-3 C59–C63): their elements are in an inclined frame. */
export function isBeidouGeo(system: KeplerSystem, prn: number): boolean {
  return system === 'C' && (prn <= 5 || (prn >= 59 && prn <= 63));
}

const GEO_TILT = (-5 * Math.PI) / 180;
const COS_TILT = Math.cos(GEO_TILT);
const SIN_TILT = Math.sin(GEO_TILT);

/**
 * ECEF position (metres, the system's own frame: WGS84, GTRF, CGCS2000) of a Keplerian broadcast
 * ephemeris at `tMs` (GPS ms), written to out[at..at+2]: the user algorithm of IS-GPS-200
 * table 20-IV, shared by Galileo, QZSS and NavIC, with BDS-SIS-ICD 5.2.4.12's extra rotation for
 * BeiDou GEO satellites (elements in a frame tilted −5° about X, rotated by Ωe·tk).
 */
export function keplerPosition(eph: KeplerEphemeris, tMs: number, out: Float64Array, at = 0): void {
  const gm = GM[eph.system];
  const we = EARTH_ROTATION[eph.system];
  const a = eph.sqrtA * eph.sqrtA;
  const tk = (tMs - eph.toeMs) / 1000;
  const n = Math.sqrt(gm / (a * a * a)) + eph.deltaN;
  const m = eph.m0 + n * tk;
  const e = eph.e;
  // Kepler's equation by Newton's method: converges in a few steps for GNSS eccentricities.
  let ea = m;
  for (let k = 0; k < 30; k++) {
    const step = (ea - e * Math.sin(ea) - m) / (1 - e * Math.cos(ea));
    ea -= step;
    if (Math.abs(step) < 1e-14) break;
  }
  const cosE = Math.cos(ea);
  const nu = Math.atan2(Math.sqrt(1 - e * e) * Math.sin(ea), cosE - e);
  const phi = nu + eph.omega;
  const sin2 = Math.sin(2 * phi);
  const cos2 = Math.cos(2 * phi);
  const u = phi + eph.cus * sin2 + eph.cuc * cos2;
  const r = a * (1 - e * cosE) + eph.crs * sin2 + eph.crc * cos2;
  const inc = eph.i0 + eph.idot * tk + eph.cis * sin2 + eph.cic * cos2;
  const xp = r * Math.cos(u);
  const yp = r * Math.sin(u);
  const geo = isBeidouGeo(eph.system, eph.prn);
  // GEO elements are inertial-like (no −Ωe·tk in Ω); the final rotation brings them to ECEF.
  const node = eph.omega0 + (geo ? eph.omegaDot * tk : (eph.omegaDot - we) * tk) - we * eph.toeSow;
  const cosO = Math.cos(node);
  const sinO = Math.sin(node);
  const cosI = Math.cos(inc);
  const x = xp * cosO - yp * cosI * sinO;
  const y = xp * sinO + yp * cosI * cosO;
  const z = yp * Math.sin(inc);
  if (!geo) {
    out[at] = x;
    out[at + 1] = y;
    out[at + 2] = z;
    return;
  }
  const yt = COS_TILT * y + SIN_TILT * z;
  const zt = -SIN_TILT * y + COS_TILT * z;
  const f = we * tk;
  const cf = Math.cos(f);
  const sf = Math.sin(f);
  out[at] = cf * x + sf * yt;
  out[at + 1] = -sf * x + cf * yt;
  out[at + 2] = zt;
}
