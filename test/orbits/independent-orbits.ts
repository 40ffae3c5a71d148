/**
 * The tests' own orbit computations, written apart from ingest/decode/orbits so that a shared
 * mistake is unlikely: records are parsed by regular expression from the raw text (not by
 * column), Keplerian positions are built as rotation matrices R3(−Ω)·R1(−i)·R3(−u) applied to
 * the orbital-plane radius, time is handled as seconds of week, and GLONASS motion is written in
 * vector form and integrated with a much finer step.
 */

export interface RawRecord {
  sat: string;
  /** Epoch fields: year, month, day, hour, minute, second (as in the file's time system). */
  epoch: number[];
  /** All floating-point fields in order (3 on the epoch line, 4 per further line). */
  values: number[];
}

const NUMBER = /[-+]?\d*\.\d+[DEde][-+]\d+/g;

/** Every record of `sat` in a RINEX 3 navigation text. */
export function rawRecords(text: string, sat: string, lines: number): RawRecord[] {
  const all = text.split('\n');
  const out: RawRecord[] = [];
  for (let i = 0; i < all.length; i++) {
    if (!all[i]!.startsWith(sat + ' ')) continue;
    const head = all[i]!;
    const epoch = head.slice(4, 23).trim().split(/\s+/).map(Number);
    const values: number[] = [];
    for (const line of [head.slice(23), ...all.slice(i + 1, i + lines)]) {
      for (const m of line.matchAll(NUMBER)) values.push(Number(m[0].replace(/[Dd]/, 'E')));
    }
    out.push({ sat, epoch, values });
  }
  return out;
}

type Mat = number[][];
const mul = (a: Mat, b: Mat): Mat => a.map((row) => b[0]!.map((_, j) => row.reduce((s, v, k) => s + v * b[k]![j]!, 0)));
const r1 = (t: number): Mat => [
  [1, 0, 0],
  [0, Math.cos(t), Math.sin(t)],
  [0, -Math.sin(t), Math.cos(t)],
];
const r3 = (t: number): Mat => [
  [Math.cos(t), Math.sin(t), 0],
  [-Math.sin(t), Math.cos(t), 0],
  [0, 0, 1],
];

export interface KeplerConstants {
  mu: number;
  omegaE: number;
}
export const GPS_CONSTANTS: KeplerConstants = { mu: 3.986005e14, omegaE: 7.2921151467e-5 };
export const GALILEO_CONSTANTS: KeplerConstants = { mu: 3.986004418e14, omegaE: 7.2921151467e-5 };
export const BEIDOU_CONSTANTS: KeplerConstants = { mu: 3.986004418e14, omegaE: 7.292115e-5 };

/**
 * ECEF position at second-of-week `sow` (the system's own time and week) from a record's
 * values. `geo`: BeiDou GEO (inertial node, then the −5° tilt and the Ωe·tk rotation).
 */
export function independentKepler(v: number[], sow: number, c: KeplerConstants, geo = false): number[] {
  const [, , , , crs, dn, m0, cuc, e, cus, sqrtA, toe, cic, om0, cis, i0, crc, w, omDot, idot] = v;
  let tk = sow - toe!;
  if (tk > 302400) tk -= 604800;
  if (tk < -302400) tk += 604800;
  const a = sqrtA! ** 2;
  const M = m0! + (Math.sqrt(c.mu / a ** 3) + dn!) * tk;
  // Fixed-point iteration (not Newton) for Kepler's equation.
  let E = M;
  for (let k = 0; k < 60; k++) E = M + e! * Math.sin(E);
  const nu = 2 * Math.atan(Math.sqrt((1 + e!) / (1 - e!)) * Math.tan(E / 2));
  const phi = nu + w!;
  const u = phi + cuc! * Math.cos(2 * phi) + cus! * Math.sin(2 * phi);
  const r = a * (1 - e! * Math.cos(E)) + crc! * Math.cos(2 * phi) + crs! * Math.sin(2 * phi);
  const inc = i0! + idot! * tk + cic! * Math.cos(2 * phi) + cis! * Math.sin(2 * phi);
  const node = geo ? om0! + omDot! * tk - c.omegaE * toe! : om0! + (omDot! - c.omegaE) * tk - c.omegaE * toe!;
  let rot = mul(mul(r3(-node), r1(-inc)), r3(-u));
  if (geo) rot = mul(mul(r3(c.omegaE * tk), r1((-5 * Math.PI) / 180)), rot);
  return rot.map((row) => row[0]! * r);
}

/** Seconds of the week (Sunday 00:00) of a calendar epoch. */
export function secondsOfWeek(y: number, mo: number, d: number, h: number, mi: number, s: number): number {
  const ms = Date.UTC(y, mo - 1, d, h, mi) + s * 1000;
  const dayOfWeek = new Date(Date.UTC(y, mo - 1, d)).getUTCDay();
  return dayOfWeek * 86400 + (ms - Date.UTC(y, mo - 1, d)) / 1000;
}

/**
 * GLONASS ICD motion in vector form: −μr/r³ + J2 oblateness − ω×(ω×r) − 2ω×v + luni-solar,
 * integrated with classical RK4 at `step` seconds from state `s0` (m, m/s) for `dt` seconds.
 */
export function fineGlonass(s0: number[], acc: number[], dt: number, step: number): number[] {
  const mu = 398600.4418e9;
  const ae = 6378136;
  const j2 = 1.08262575e-3;
  const w = 7.292115e-5;
  const f = (s: number[]): number[] => {
    const [x, y, z, vx, vy, vz] = s as [number, number, number, number, number, number];
    const r = Math.hypot(x, y, z);
    const k = (1.5 * j2 * mu * ae * ae) / r ** 5;
    const q = (5 * z * z) / (r * r);
    const central = -mu / r ** 3;
    // −ω×(ω×r) = ω²(x, y, 0); −2ω×v = 2ω(vy, −vx, 0) for ω along z.
    return [vx, vy, vz, central * x - k * x * (1 - q) + w * w * x + 2 * w * vy + acc[0]!, central * y - k * y * (1 - q) + w * w * y - 2 * w * vx + acc[1]!, central * z - k * z * (3 - q) + acc[2]!];
  };
  const n = Math.round(Math.abs(dt) / step);
  const h = dt / n;
  let s = [...s0];
  const add = (a: number[], b: number[], c: number) => a.map((v, i) => v + c * b[i]!);
  for (let i = 0; i < n; i++) {
    const a1 = f(s);
    const a2 = f(add(s, a1, h / 2));
    const a3 = f(add(s, a2, h / 2));
    const a4 = f(add(s, a3, h));
    s = s.map((v, j) => v + (h / 6) * (a1[j]! + 2 * a2[j]! + 2 * a3[j]! + a4[j]!));
  }
  return s.slice(0, 3);
}
