import { RadomeError } from '../../core/errors.js';
import { CONSTELLATIONS } from '../../store/gnss/satellites.js';
import { toGpsOffsetMs } from '../decode/orbits/time-scales.js';
import { positionVelocityOf, satelliteNumber, type OrbitSource, type PositionVelocity } from '../decode/orbits/orbit-source.js';
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
  /**
   * Satellite of each row as a 16-bit id: its orbit satellite number (satelliteNumber(system char
   * code, PRN), see rinexSatellites) unless `satelliteNumberOf` maps ids to those (stored days:
   * satelliteKey, see satelliteNumberOfKey). One array, so a row's satellite is one load and a
   * stored day's keys need no per-row conversion.
   */
  satellites: Uint16Array;
  /** The orbit satellite number of an id, asked once per satellite; absent: ids are satellite numbers. */
  satelliteNumberOf?: (id: number) => number;
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

/** Station-fixed frame of a geometry computation: ECEF position and WGS84 east, north, up axes. */
interface Topocentre {
  sx: number;
  sy: number;
  sz: number;
  ex: number;
  ey: number;
  nx: number;
  ny: number;
  nz: number;
  ux: number;
  uy: number;
  uz: number;
}

function topocentreOf(station: readonly [number, number, number]): Topocentre {
  const [sx, sy, sz] = station;
  const geo = ecefToGeodetic(sx, sy, sz);
  const lat = geo.latitude / DEG;
  const lon = geo.longitude / DEG;
  const sinLat = Math.sin(lat);
  const cosLat = Math.cos(lat);
  const sinLon = Math.sin(lon);
  const cosLon = Math.cos(lon);
  return { sx, sy, sz, ex: -sinLon, ey: cosLon, nx: -sinLat * cosLon, ny: -sinLat * sinLon, nz: cosLat, ux: cosLat * cosLon, uy: cosLat * sinLon, uz: sinLat };
}

/**
 * Elevation and azimuth (radians) and their rates (rad/s) of one satellite at one receive time
 * (GPS ms) into out[0..3]; false when the orbits have no position then. The satellite is taken
 * where it was when the signal left it (receive time − travel time) and turned with the Earth
 * during the travel time (Sagnac), so both ends are in the ECEF frame of the receive time; the
 * line of sight is projected on the local east-north-up axes. The rates are analytic derivatives
 * along the satellite's ECEF velocity.
 */
function exactAngles(f: Topocentre, positionVelocity: PositionVelocity, satellite: number, tGps: number, p: Float64Array, out: Float64Array): boolean {
  if (!positionVelocity(satellite, tGps, p, 0)) return false;
  const { sx, sy, sz } = f;
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
  const up = dx * f.ux + dy * f.uy + dz * f.uz;
  const east = dx * f.ex + dy * f.ey;
  const north = dx * f.nx + dy * f.ny + dz * f.nz;
  const sinEl = up / rho;
  out[0] = Math.asin(sinEl);
  out[1] = Math.atan2(east, north);
  // d(sin el)/dt = (v·u)/ρ − (ρ·u)(ρ·v)/ρ³, and d(el)/dt = that / cos el.
  const dSin = (vx * f.ux + vy * f.uy + vz * f.uz) / rho - (up * (dx * vx + dy * vy + dz * vz)) / (rho * rho * rho);
  out[2] = dSin / Math.sqrt(1 - sinEl * sinEl);
  // az = atan2(E, N): d(az)/dt = (N·Ė − E·Ṅ) / (E² + N²), with Ė = v·e and Ṅ = v·n.
  out[3] = (north * (vx * f.ex + vy * f.ey) - east * (vx * f.nx + vy * f.ny + vz * f.nz)) / (east * east + north * north);
  return true;
}

/**
 * Interpolation segments. asin and atan2 per row cost more than all the rest of the geometry
 * (measured: ~25 ms CPU per multi-GNSS station-day with exact angles for every satellite-epoch), so
 * the exact angles are computed at receive times on a grid (GPS time) and each row's angles come
 * from the cubic Hermite polynomial through its segment's two ends (values and rates). Where a
 * segment reaches above its level's elevation limit (azimuth turns ever faster towards the
 * zenith), its rows go to the finer level; above the last level's limit, or where an end has no
 * position, rows take the exact angles. With these levels the interpolation error stays below
 * 1e-3° in elevation and azimuth × cos(elevation) (test/orbits/geometry.test.ts compares 6 h of
 * every SP3 satellite with an independent computation: worst 6e-4° and 9e-4°), a tenth of the
 * 0.01° the geometry promises; the worst is the coarse level's, at 45–60°. The coarse step is 10
 * min below 60°: with 5 min up to 70° (worst 1.3e-4°) a multi-GNSS station-day took 25 % more
 * nodes and ~10 % more CPU. The fine step is 3 min (worst 3e-4° at 70–85°; 2 min: 6e-5°, and
 * 15 % more nodes for the bench's station-day).
 */
const COARSE = { ms: 600_000, maxElevation: (60 * Math.PI) / 180 };
const FINE = { ms: 180_000, maxElevation: (85 * Math.PI) / 180 };
/**
 * Per satellite and level: the current segment's grid index and state, the grid index of the node
 * whose angles are kept (the segment's end, the next segment's start) and those angles (el, az,
 * their rates; NaN: no position), then the elevation and azimuth cubics' coefficients (elevation
 * in degrees, azimuth in radians, over s ∈ [0, 1)), then the segment's start and end times (GPS
 * ms): the per-row test of "same segment" is two comparisons, not a division and a floor.
 */
const K = 0;
const STATE = 1;
const END_K = 2;
const END = 3;
const EL = 7;
const AZ = 11;
const T0 = 15;
const T1 = 16;
const LEVEL_FIELDS = 17;
/** Both levels, then the satellite's orbit number and its id. */
const NUMBER = LEVEL_FIELDS * 2;
const ID = NUMBER + 1;
const SLOT = ID + 1;
/**
 * Slot of each satellite id (-1: none yet), shared by the calls (geometry is synchronous) and
 * cleared by each call for the ids it used: filling 64 K entries per call costs more than a small
 * call's geometry.
 */
const SLOT_OF = new Int16Array(1 << 16).fill(-1);
const MAX_SLOTS = 0x7fff;
/** Grid steps' reciprocals (1/ms), module constants rather than property loads per row. */
const PER_COARSE_MS = 1 / COARSE.ms;
const PER_FINE_MS = 1 / FINE.ms;
/** Segment states: interpolate, go to the finer level, or compute rows exactly. */
const HERMITE = 1;
const FINER = 2;
const EXACT = 3;

/** Scratch of one satelliteGeometry call: node angles and the orbit's position-velocity. */
interface NodeWork {
  frame: Topocentre;
  positionVelocity: PositionVelocity;
  p: Float64Array;
  a0: Float64Array;
  a1: Float64Array;
}

/**
 * The state of the level's segment (grid step `ms`) holding tGps for the satellite, whose fields
 * start at segments[at]; computes the segment when it is new. A module function over explicit
 * arguments, not a closure: V8 then keeps `segments` in a register instead of a context slot.
 */
function segmentState(segments: Float64Array, at: number, ms: number, maxElevation: number, satellite: number, tGps: number, w: NodeWork): number {
  const k = Math.floor(tGps / ms);
  if (segments[at + K] === k) return segments[at + STATE]!;
  const { a0, a1 } = w;
  segments[at + K] = k;
  const t0 = k * ms;
  segments[at + T0] = t0;
  segments[at + T1] = t0 + ms;
  let ok0: boolean;
  if (segments[at + END_K] === k) {
    for (let j = 0; j < 4; j++) a0[j] = segments[at + END + j]!;
    ok0 = !Number.isNaN(a0[0]!);
  } else ok0 = exactAngles(w.frame, w.positionVelocity, satellite, t0, w.p, a0);
  const ok1 = exactAngles(w.frame, w.positionVelocity, satellite, t0 + ms, w.p, a1);
  segments[at + END_K] = k + 1;
  for (let j = 0; j < 4; j++) segments[at + END + j] = ok1 ? a1[j]! : NaN;
  let state = EXACT;
  if (ok0 && ok1) state = a0[0]! > maxElevation || a1[0]! > maxElevation ? FINER : HERMITE;
  segments[at + STATE] = state;
  if (state !== HERMITE) return state;
  const T = ms / 1000;
  // Azimuth unwrapped across north, so the cubic runs the short way round.
  let az1 = a1[1]!;
  if (az1 - a0[1]! > Math.PI) az1 -= 2 * Math.PI;
  else if (a0[1]! - az1 > Math.PI) az1 += 2 * Math.PI;
  hermite(segments, at + EL, a0[0]! * DEG, a1[0]! * DEG, a0[2]! * T * DEG, a1[2]! * T * DEG);
  hermite(segments, at + AZ, a0[1]!, az1, a0[3]! * T, a1[3]! * T);
  return state;
}

/**
 * Elevation, azimuth and elevation rate of each observation's satellite seen from the station:
 * exactAngles() at segment ends and Hermite interpolation in between (COARSE, FINE), or the exact angles
 * per row. Rows repeating the previous row's time and satellite (one row per SNR code) reuse its
 * result. Pure.
 */
export function satelliteGeometry(input: GeometryInput): SatelliteGeometry {
  const { station, orbits, count, times, satellites } = input;
  const elevation = new Float32Array(count);
  const azimuth = new Float32Array(count);
  const edot = new Float32Array(count);
  const frame = topocentreOf(station);
  const timeSystem = input.timeSystem ?? 'GPS';
  const fixedOffset = toGpsOffsetMs(timeSystem, times[0] ?? 0);
  if (fixedOffset === null) throw new RadomeError('BAD_INPUT', `time system "${timeSystem}" of the observations: radome converts GPS, GLO/UTC, GAL, QZS, IRN, BDT and TAI`);
  const leapSteps = timeSystem === 'UTC' || timeSystem === 'GLO';
  const numberOf = input.satelliteNumberOf;

  const work: NodeWork = { frame, positionVelocity: positionVelocityOf(orbits), p: new Float64Array(6), a0: new Float64Array(4), a1: new Float64Array(4) };
  const { a0 } = work;
  // Slot per satellite id, in order of first appearance (SLOT_OF: cleared again on return).
  const slotOf = SLOT_OF;
  let slots = 0;
  let segmentTable = new Float64Array(64 * SLOT);
  let missing = 0;

  // Rows repeating the previous row's time and satellite (one row per SNR code) form a group that
  // shares one computation; the group's rows are filled together.
  try {
    let i = 0;
    // One pass per size of the segment table: in a pass it is a constant, which V8 keeps in a
    // register (a reassigned variable is loaded again at each use); a satellite that needs more
    // room ends the pass.
    while (i < count) {
      const segments = segmentTable;
      while (i < count) {
        const t = times[i]!;
        const id = satellites[i]!;
        let end = i + 1;
        while (end < count && times[end] === t && satellites[end] === id) end++;
        let el = NaN;
        let az = NaN;
        let rate = NaN;
        // UTC-based files step at leap seconds: look the offset up per row only for them.
        const tGps = t + (leapSteps ? toGpsOffsetMs(timeSystem, t)! : fixedOffset);
        let slot = slotOf[id]!;
        if (slot < 0) {
          if (slots === MAX_SLOTS) throw new RadomeError('CORRUPT', `satellite geometry: the observations name more than ${MAX_SLOTS} distinct satellites (damaged satellite ids)`);
          if ((slots + 1) * SLOT > segments.length) {
            segmentTable = new Float64Array(segments.length * 2);
            segmentTable.set(segments);
            break;
          }
          slot = slotOf[id] = slots++;
          for (let l = 0; l < 2; l++) {
            const level = slot * SLOT + l * LEVEL_FIELDS;
            segments[level + K] = segments[level + END_K] = segments[level + T0] = segments[level + T1] = NaN;
          }
          segments[slot * SLOT + NUMBER] = numberOf ? numberOf(id) : id;
          segments[slot * SLOT + ID] = id;
        }
        // The coarse level, else the fine one.
        let at = slot * SLOT;
        const satellite = segments[at + NUMBER]!;
        let perMs = PER_COARSE_MS;
        // The usual case, a segment already computed, without the call (NaN times: none yet).
        let state = tGps >= segments[at + T0]! && tGps < segments[at + T1]! ? segments[at + STATE]! : segmentState(segments, at, COARSE.ms, COARSE.maxElevation, satellite, tGps, work);
        if (state === FINER) {
          at += LEVEL_FIELDS;
          perMs = PER_FINE_MS;
          state = tGps >= segments[at + T0]! && tGps < segments[at + T1]! ? segments[at + STATE]! : segmentState(segments, at, FINE.ms, FINE.maxElevation, satellite, tGps, work);
        }
        if (state === HERMITE) {
          // Products by the step's reciprocal, not divisions: a division costs as much as the cubic.
          const s = (tGps - segments[at + T0]!) * perMs;
          const eb = segments[at + EL + 1]!;
          const ec = segments[at + EL + 2]!;
          const ed = segments[at + EL + 3]!;
          el = segments[at + EL]! + s * (eb + s * (ec + s * ed));
          rate = (eb + s * (2 * ec + s * 3 * ed)) * perMs * 1000;
          let azr = segments[at + AZ]! + s * (segments[at + AZ + 1]! + s * (segments[at + AZ + 2]! + s * segments[at + AZ + 3]!));
          if (azr < 0) azr += 2 * Math.PI;
          else if (azr >= 2 * Math.PI) azr -= 2 * Math.PI;
          az = azr * DEG;
        } else if (exactAngles(frame, work.positionVelocity, satellite, tGps, work.p, a0)) {
          el = a0[0]! * DEG;
          az = a0[1]! * DEG;
          if (az < 0) az += 360;
          rate = a0[2]! * DEG;
        }
        if (Number.isNaN(el)) missing += end - i;
        // A loop, not TypedArray.fill: fill's call costs more than the two or three rows of a group.
        for (; i < end; i++) {
          elevation[i] = el;
          azimuth[i] = az;
          edot[i] = rate;
        }
      }
    }
  } finally {
    // Even when an orbit source throws: the next call starts from a clear table.
    for (let k = 0; k < slots; k++) slotOf[segmentTable[k * SLOT + ID]!] = -1;
  }
  return { elevation, azimuth, edot, missing };
}

/** Satellite numbers (satelliteNumber(system char code, PRN)) of rows given as the RINEX reader's system and PRN columns. */
export function rinexSatellites(satSystem: Uint8Array, satPrn: Uint8Array): Uint16Array {
  const satellites = new Uint16Array(satSystem.length);
  for (let i = 0; i < satellites.length; i++) satellites[i] = satelliteNumber(satSystem[i]!, satPrn[i]!);
  return satellites;
}

/** Coefficients a, b, c, d of the cubic a + b·s + c·s² + d·s³ on s ∈ [0, 1] with values p0, p1 and slopes m0, m1 (per unit s) at its ends. */
function hermite(out: Float64Array, at: number, p0: number, p1: number, m0: number, m1: number): void {
  out[at] = p0;
  out[at + 1] = m0;
  out[at + 2] = 3 * (p1 - p0) - 2 * m0 - m1;
  out[at + 3] = 2 * (p0 - p1) + m0 + m1;
}

/**
 * The orbit satellite number of a stored satelliteKey (constellation index × 100 + PRN, see
 * store/gnss/satellites.ts), so stored days get geometry when their orbits arrive later: geometry
 * asks it once per satellite, with the day's keys as its satellite ids.
 */
export function satelliteNumberOfKey(key: number): number {
  return satelliteNumber(CONSTELLATIONS.charCodeAt(Math.floor(key / 100) - 1) || 0, key % 100);
}
