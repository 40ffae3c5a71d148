import type { GlonassEphemeris } from './types.js';

// PZ-90 constants of the GLONASS ICD (edition 5.1, table 3.2 and appendix A.3.1.2).
const GM = 398600.4418e9; // m³/s²
const AE = 6378136; // m
const J2 = 1082625.75e-9; // −C20
const WE = 7.292115e-5; // rad/s

/** Integration step (s): the ICD's worked example integrates tb → ti in steps of this order. */
export const GLONASS_STEP_S = 30;

/**
 * d/dt of the state [x y z vx vy vz] in the rotating PZ-90 frame (GLONASS ICD A.3.1.2): central
 * field with the J2 term, centrifugal and Coriolis terms, plus the broadcast luni-solar
 * accelerations (ephState[6..8]) held constant. Writes into `d`.
 */
function derivative(s: Float64Array, ephState: Float64Array, d: Float64Array): void {
  const x = s[0]!;
  const y = s[1]!;
  const z = s[2]!;
  const vx = s[3]!;
  const vy = s[4]!;
  const r2 = x * x + y * y + z * z;
  const r = Math.sqrt(r2);
  const mu = GM / r2;
  const rho2 = (AE * AE) / r2;
  const zr2 = (z * z) / r2;
  const j = 1.5 * J2 * mu * rho2;
  d[0] = vx;
  d[1] = vy;
  d[2] = s[5]!;
  d[3] = (-mu - j * (1 - 5 * zr2)) * (x / r) + WE * WE * x + 2 * WE * vy + ephState[6]!;
  d[4] = (-mu - j * (1 - 5 * zr2)) * (y / r) + WE * WE * y - 2 * WE * vx + ephState[7]!;
  d[5] = (-mu - j * (3 - 5 * zr2)) * (z / r) + ephState[8]!;
}

const k1 = new Float64Array(6);
const k2 = new Float64Array(6);
const k3 = new Float64Array(6);
const k4 = new Float64Array(6);
const tmp = new Float64Array(6);

/** One classical 4th-order Runge–Kutta step of h seconds, in place on `s` (6 values). */
export function glonassRk4Step(s: Float64Array, eph: GlonassEphemeris, h: number): void {
  const a = eph.state;
  derivative(s, a, k1);
  for (let i = 0; i < 6; i++) tmp[i] = s[i]! + 0.5 * h * k1[i]!;
  derivative(tmp, a, k2);
  for (let i = 0; i < 6; i++) tmp[i] = s[i]! + 0.5 * h * k2[i]!;
  derivative(tmp, a, k3);
  for (let i = 0; i < 6; i++) tmp[i] = s[i]! + h * k3[i]!;
  derivative(tmp, a, k4);
  for (let i = 0; i < 6; i++) s[i] = s[i]! + (h / 6) * (k1[i]! + 2 * k2[i]! + 2 * k3[i]! + k4[i]!);
}

/**
 * A GLONASS ephemeris integrated once with RK4 at GLONASS_STEP_S either side of tb over
 * ±`spanS`; a position at any time inside is one shorter RK4 step from the nearest node, the same
 * result as integrating from tb with the node steps and a last partial one, at a fraction of the cost.
 */
export class GlonassTrajectory {
  /** Node states [x y z vx vy vz] at tb + (k − half)·step. */
  private readonly nodes: Float64Array;
  private readonly half: number;
  private readonly state = new Float64Array(6);

  constructor(
    readonly eph: GlonassEphemeris,
    spanS: number,
  ) {
    this.half = Math.ceil(spanS / GLONASS_STEP_S);
    this.nodes = new Float64Array((2 * this.half + 1) * 6);
    const s = this.state;
    for (const direction of [1, -1]) {
      s.set(eph.state.subarray(0, 6));
      this.nodes.set(s, this.half * 6);
      for (let k = 1; k <= this.half; k++) {
        glonassRk4Step(s, eph, direction * GLONASS_STEP_S);
        this.nodes.set(s, (this.half + direction * k) * 6);
      }
    }
  }

  /** Position (m, PZ-90) at `tMs` (GPS ms) into out[at..at+2]; false outside the span. */
  position(tMs: number, out: Float64Array, at = 0): boolean {
    const dt = (tMs - this.eph.tbMs) / 1000;
    const k = Math.round(dt / GLONASS_STEP_S);
    if (k < -this.half || k > this.half) return false;
    const s = this.state;
    s.set(this.nodes.subarray((k + this.half) * 6, (k + this.half) * 6 + 6));
    const h = dt - k * GLONASS_STEP_S;
    if (h !== 0) glonassRk4Step(s, this.eph, h);
    out[at] = s[0]!;
    out[at + 1] = s[1]!;
    out[at + 2] = s[2]!;
    return true;
  }
}

/** Position (m) of a GLONASS ephemeris at `tMs` (GPS ms) by RK4 from tb, steps ≤ GLONASS_STEP_S. */
export function glonassPosition(eph: GlonassEphemeris, tMs: number, out: Float64Array, at = 0): void {
  const dt = (tMs - eph.tbMs) / 1000;
  const steps = Math.max(1, Math.ceil(Math.abs(dt) / GLONASS_STEP_S));
  const s = eph.state.slice(0, 6);
  for (let k = 0; k < steps; k++) glonassRk4Step(s, eph, dt / steps);
  out[at] = s[0]!;
  out[at + 1] = s[1]!;
  out[at + 2] = s[2]!;
}
