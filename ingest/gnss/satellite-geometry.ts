import { RadomeError } from '../../core/errors.js';
import { CONSTELLATIONS } from '../../store/gnss/satellites.js';
import { toGpsOffsetMs } from '../decode/orbits/time-scales.js';
import { positionVelocityOf, satelliteNumber, type OrbitSource } from '../decode/orbits/orbit-source.js';
import { ecefToGeodetic } from '../decode/rinex/geodetic.js';

/** Speed of light (m/s) and WGS84's Earth rotation rate (rad/s). */
const C = 299792458;
const WE = 7.2921151467e-5;
const DEG = 180 / Math.PI;

export interface GeometryInput {
  /** Station ECEF (m), e.g. the RINEX header's APPROX POSITION XYZ. */
  station: readonly [number, number, number];
  orbits: OrbitSource;
  count: number;
  /** Receive times, ms since 1970 in `timeSystem` (the observation file's). */
  times: Float64Array;
  /** Satellite system char code ('G'.charCodeAt(0)) and PRN per row, as the RINEX reader gives them. */
  satSystem: Uint8Array;
  satPrn: Uint8Array;
  /** Time system of `times`: GPS (default), GLO/UTC, GAL, BDT… */
  timeSystem?: string;
}

export interface SatelliteGeometry {
  /** Degrees above the WGS84 horizon; NaN where the orbits have no position. */
  elevation: Float32Array;
  /** Degrees clockwise from north, 0–360; NaN likewise. */
  azimuth: Float32Array;
  /** Elevation rate, degrees per second; NaN likewise. */
  edot: Float32Array;
  /** Rows without a position (no ephemeris or SP3 coverage for that satellite and time). */
  missing: number;
}

/**
 * Elevation, azimuth and elevation rate of each observation's satellite seen from the station.
 * The satellite is taken where it was when the signal left it (receive time − travel time) and turned with the Earth during the travel time (Sagnac), so both ends are in the
 * ECEF frame of the receive time; the line of sight is projected on the WGS84 local east-north-up
 * axes. The elevation rate is the analytic derivative along the satellite's ECEF velocity (the
 * source's, or a central difference of positions: positionVelocityOf). Rows repeating the previous row's time and satellite (one row per SNR
 * code) reuse its result. Pure.
 */
export function satelliteGeometry(input: GeometryInput): SatelliteGeometry {
  const { station, orbits, count, times, satSystem, satPrn } = input;
  const elevation = new Float32Array(count);
  const azimuth = new Float32Array(count);
  const edot = new Float32Array(count);
  const [sx, sy, sz] = station;
  const geo = ecefToGeodetic(sx, sy, sz);
  const lat = geo.latitude / DEG;
  const lon = geo.longitude / DEG;
  const sinLat = Math.sin(lat);
  const cosLat = Math.cos(lat);
  const sinLon = Math.sin(lon);
  const cosLon = Math.cos(lon);
  // East, north and up unit vectors in ECEF.
  const ex = -sinLon,
    ey = cosLon;
  const nx = -sinLat * cosLon,
    ny = -sinLat * sinLon,
    nz = cosLat;
  const ux = cosLat * cosLon,
    uy = cosLat * sinLon,
    uz = sinLat;
  const timeSystem = input.timeSystem ?? 'GPS';
  const fixedOffset = toGpsOffsetMs(timeSystem, times[0] ?? 0);
  if (fixedOffset === null) throw new RadomeError('BAD_INPUT', `time system "${timeSystem}" of the observations: radome converts GPS, GLO/UTC, GAL, QZS, IRN, BDT and TAI`);
  const leapSteps = timeSystem === 'UTC' || timeSystem === 'GLO';

  const positionVelocity = positionVelocityOf(orbits);
  const p = new Float64Array(6);
  let missing = 0;
  // Rows repeating the previous row's time and satellite (one row per SNR code) form a group that
  // shares one computation; the group's rows are filled together.
  let i = 0;
  while (i < count) {
    const t = times[i]!;
    const system = satSystem[i]!;
    const prn = satPrn[i]!;
    let end = i + 1;
    while (end < count && times[end] === t && satSystem[end] === system && satPrn[end] === prn) end++;
    let el = NaN;
    let az = NaN;
    let rate = NaN;
    // UTC-based files step at leap seconds: look the offset up per row only for them.
    const tGps = t + (leapSteps ? toGpsOffsetMs(timeSystem, t)! : fixedOffset);
    // Position and velocity at the receive time (the same time for every satellite of an epoch,
    // which SP3 interpolation exploits: its weights are computed once per epoch).
    if (positionVelocity(satelliteNumber(system, prn), tGps, p, 0)) {
      const px = p[0]!;
      const py = p[1]!;
      const pz = p[2]!;
      const vx0 = p[3]!;
      const vy0 = p[4]!;
      const vz0 = p[5]!;
      // Travel time τ by fixed-point iteration on the emission position p − v·τ (off by a·τ²/2,
      // a few mm); it contracts by v/c ≈ 1e-5, so two rounds from τ = 0 leave ~1e-11 s.
      const r0x = px - sx;
      const r0y = py - sy;
      const r0z = pz - sz;
      const tau0 = Math.sqrt(r0x * r0x + r0y * r0y + r0z * r0z) / C;
      const r1x = px - vx0 * tau0 - sx;
      const r1y = py - vy0 * tau0 - sy;
      const r1z = pz - vz0 * tau0 - sz;
      const tau = Math.sqrt(r1x * r1x + r1y * r1y + r1z * r1z) / C;
      const ex0 = px - vx0 * tau;
      const ey0 = py - vy0 * tau;
      const ez0 = pz - vz0 * tau;
      // Rotation by ωe·τ ≈ 6e-6 rad: cos and sin by their series (exact to 1e-17 here).
      const th = WE * tau;
      const c = 1 - (th * th) / 2;
      const s = th;
      const dx = c * ex0 + s * ey0 - sx;
      const dy = -s * ex0 + c * ey0 - sy;
      const dz = ez0 - sz;
      const vx = c * vx0 + s * vy0;
      const vy = -s * vx0 + c * vy0;
      const vz = vz0;
      // Math.sqrt of the sum, not Math.hypot: hypot's overflow care costs several times more in V8.
      const rho = Math.sqrt(dx * dx + dy * dy + dz * dz);
      const up = dx * ux + dy * uy + dz * uz;
      const sinEl = up / rho;
      el = Math.asin(sinEl) * DEG;
      az = Math.atan2(dx * ex + dy * ey, dx * nx + dy * ny + dz * nz) * DEG;
      if (az < 0) az += 360;
      // d(sin el)/dt = (v·u)/ρ − (ρ·u)(ρ·v)/ρ³, and d(el)/dt = that / cos el.
      const dSin = (vx * ux + vy * uy + vz * uz) / rho - (up * (dx * vx + dy * vy + dz * vz)) / (rho * rho * rho);
      rate = (dSin / Math.sqrt(1 - sinEl * sinEl)) * DEG;
    }
    if (Number.isNaN(el)) missing += end - i;
    // A loop, not TypedArray.fill: fill's call costs more than the two or three rows of a group.
    for (; i < end; i++) {
      elevation[i] = el;
      azimuth[i] = az;
      edot[i] = rate;
    }
  }
  return { elevation, azimuth, edot, missing };
}

/**
 * Stored observations name satellites by satelliteKey (constellation index × 100 + PRN, see
 * store/gnss/satellites.ts); geometry takes the reader's system char code and PRN. This splits
 * the keys back, so stored days can get geometry when their orbits arrive later.
 */
export function satellitesOfKeys(keys: Uint16Array): { satSystem: Uint8Array; satPrn: Uint8Array } {
  const satSystem = new Uint8Array(keys.length);
  const satPrn = new Uint8Array(keys.length);
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    satSystem[i] = CONSTELLATIONS.charCodeAt(Math.floor(k / 100) - 1) || 0;
    satPrn[i] = k % 100;
  }
  return { satSystem, satPrn };
}
