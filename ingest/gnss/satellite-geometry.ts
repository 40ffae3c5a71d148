import { RadomeError } from '../../core/errors.js';
import { CONSTELLATIONS } from '../../store/gnss/satellites.js';
import { toGpsOffsetMs } from '../decode/orbits/time-scales.js';
import { satelliteNumber, type OrbitSource } from '../decode/orbits/orbit-source.js';
import { ecefToGeodetic } from '../decode/rinex/geodetic.js';

/** Speed of light (m/s) and WGS84's Earth rotation rate (rad/s). */
const C = 299792458;
const WE = 7.2921151467e-5;
const DEG = 180 / Math.PI;
/** Half-width (s) of the central difference that gives the satellite's velocity. */
const HALF_STEP_S = 0.25;

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
 * axes. The elevation rate is the analytic derivative along the satellite's ECEF velocity (central
 * difference of positions). Rows repeating the previous row's time and satellite (one row per SNR
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

  const p = new Float64Array(9);
  let missing = 0;
  let lastTime = NaN;
  let lastSat = -1;
  let el = NaN,
    az = NaN,
    rate = NaN;
  for (let i = 0; i < count; i++) {
    const sat = satelliteNumber(satSystem[i]!, satPrn[i]!);
    const t = times[i]!;
    if (t !== lastTime || sat !== lastSat) {
      lastTime = t;
      lastSat = sat;
      el = az = rate = NaN;
      // UTC-based files step at leap seconds: look the offset up per row only for them.
      const tGps = t + (leapSteps ? toGpsOffsetMs(timeSystem, t)! : fixedOffset);
      // Position and velocity at the receive time from two positions ±HALF_STEP_S around it (the
      // same two times for every satellite of an epoch, which SP3 interpolation exploits): their
      // mean is off by a·h²/2 (~2 cm), their difference is a central difference.
      const ok = orbits.position(sat, tGps + HALF_STEP_S * 1000, p, 3) && orbits.position(sat, tGps - HALF_STEP_S * 1000, p, 6);
      if (ok) {
        const vx0 = (p[3]! - p[6]!) / (2 * HALF_STEP_S);
        const vy0 = (p[4]! - p[7]!) / (2 * HALF_STEP_S);
        const vz0 = (p[5]! - p[8]!) / (2 * HALF_STEP_S);
        const px = (p[3]! + p[6]!) / 2;
        const py = (p[4]! + p[7]!) / 2;
        const pz = (p[5]! + p[8]!) / 2;
        // Travel time τ by fixed-point iteration on the emission position p − v·τ (off by a·τ²/2,
        // a few mm); it contracts by v/c ≈ 1e-5, so two rounds from τ = 0 leave ~1e-11 s.
        let tau = 0;
        for (let k = 0; k < 2; k++) {
          const rx = px - vx0 * tau - sx;
          const ry = py - vy0 * tau - sy;
          const rz = pz - vz0 * tau - sz;
          tau = Math.sqrt(rx * rx + ry * ry + rz * rz) / C;
        }
        p[0] = px - vx0 * tau;
        p[1] = py - vy0 * tau;
        p[2] = pz - vz0 * tau;
        // Rotation by ωe·τ ≈ 6e-6 rad: cos and sin by their series (exact to 1e-17 here).
        const th = WE * tau;
        const c = 1 - (th * th) / 2;
        const s = th;
        const dx = c * p[0]! + s * p[1]! - sx;
        const dy = -s * p[0]! + c * p[1]! - sy;
        const dz = p[2]! - sz;
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
    }
    if (Number.isNaN(el)) missing++;
    elevation[i] = el;
    azimuth[i] = az;
    edot[i] = rate;
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
