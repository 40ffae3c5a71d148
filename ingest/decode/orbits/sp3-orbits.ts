import { satelliteNumberOf, type OrbitSource } from './orbit-source.js';
import type { Sp3Orbits } from './types.js';

/** Lagrange points: 10 at 5 or 15 min spacing keep GNSS orbit interpolation at the mm–cm level. */
export const SP3_LAGRANGE_POINTS = 10;

/** Interpolation window of one time: its first epoch, the weights of its epochs and their time derivatives (1/s). */
interface Window {
  time: number;
  start: number;
  /** The window's epochs relative to the time (s): kept for the rates, so they are not recomputed. */
  rel: Float64Array;
  weights: Float64Array;
  /** Filled lazily, by positionVelocity only; NaN time until then. */
  rateTime: number;
  rates: Float64Array;
}

/**
 * SP3 orbits as an OrbitSource: Lagrange interpolation over the `points` epochs around the time
 * (centred, or shifted inward at the file's ends), never extrapolated beyond the first or last
 * epoch. A window holding a missing position gives no position.
 */
export function sp3Orbits(sp3: Pick<Sp3Orbits, 'epochs' | 'satellites' | 'positions'>, points = SP3_LAGRANGE_POINTS): OrbitSource {
  const { epochs, positions } = sp3;
  const n = epochs.length;
  // Satellite number (char code × 100 + PRN, < 12800) → row; −1 for satellites not in the file.
  const rowOf = new Int16Array(128 * 100).fill(-1);
  sp3.satellites.forEach((id, s) => {
    const k = satelliteNumberOf(id);
    if (k >= 0 && k < rowOf.length) rowOf[k] = s;
  });
  const first = epochs[0] ?? NaN;
  const last = epochs[n - 1] ?? NaN;
  const m = Math.min(points, n);
  // Windows of evenly spaced epochs (all of them, unless the file has gaps) take the barycentric
  // form, whose weights for equal spacing are the fixed (−1)^j·C(m−1, j): O(m) work, not O(m²).
  const evenly = new Uint8Array(n);
  for (let start = 0; start + m <= n; start++) {
    const span = epochs[start + m - 1]! - epochs[start]!;
    let even = true;
    for (let j = 1; j < m && even; j++) even = Math.abs(epochs[start + j]! - epochs[start]! - (span * j) / (m - 1)) < 1;
    evenly[start] = even ? 1 : 0;
  }
  const binomial = new Float64Array(m);
  for (let j = 0, c = 1; j < m; j++) {
    binomial[j] = j % 2 ? -c : c;
    c = (c * (m - 1 - j)) / (j + 1);
  }
  // The windows of the last four times asked for: geometry asks for every satellite of an epoch at
  // the same few times (its interpolation nodes on two grids, and the epoch itself), so the search
  // and the divisions happen once per time, not per satellite.
  const cache: Window[] = [0, 1, 2, 3].map(() => ({ time: NaN, start: 0, rel: new Float64Array(m), weights: new Float64Array(m), rateTime: NaN, rates: new Float64Array(m) }));
  let next = 0;

  function windowAt(tMs: number): Window {
    for (let c = 0; c < 4; c++) if (cache[c]!.time === tMs) return cache[c]!;
    const win = cache[next]!;
    next = (next + 1) & 3;
    win.time = tMs;
    // Epoch just at or before t, by binary search (epochs may have gaps).
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (epochs[mid]! <= tMs) lo = mid;
      else hi = mid - 1;
    }
    const start = (win.start = Math.max(0, Math.min(n - m, lo - (m >> 1) + 1)));
    const { weights: w, rel } = win;
    // Node times in seconds relative to t, so the products stay well-scaled.
    for (let j = 0; j < m; j++) rel[j] = (epochs[start + j]! - tMs) / 1000;
    const exact = epochs[lo] === tMs ? lo - start : -1;
    if (exact >= 0) {
      // At an epoch itself: the SP3 point.
      w.fill(0);
      w[exact] = 1;
    } else if (evenly[start]) {
      let sum = 0;
      for (let j = 0; j < m; j++) sum += w[j] = binomial[j]! / -rel[j]!;
      for (let j = 0; j < m; j++) w[j]! /= sum;
    } else {
      for (let j = 0; j < m; j++) {
        let product = 1;
        for (let k = 0; k < m; k++) if (k !== j) product *= -rel[k]! / (rel[j]! - rel[k]!);
        w[j] = product;
      }
    }
    return win;
  }

  /** d(weight)/dt of the window at tMs: the derivative of the Lagrange basis, once per time. */
  function ratesAt(tMs: number): Window {
    const win = windowAt(tMs);
    if (win.rateTime === tMs) return win;
    win.rateTime = tMs;
    const { weights: w, rates: d, rel } = win;
    let exact = -1;
    for (let j = 0; j < m; j++) if (rel[j] === 0) exact = j;
    if (exact < 0) {
      // ℓ_j(t) = Π (t − t_k)/(t_j − t_k), so ℓ_j' = ℓ_j · Σ_{k≠j} 1/(t − t_k).
      let all = 0;
      for (let k = 0; k < m; k++) all += 1 / -rel[k]!;
      for (let j = 0; j < m; j++) d[j] = w[j]! * (all - 1 / -rel[j]!);
      return win;
    }
    // At a node t_i: ℓ_i' = Σ_{k≠i} 1/(t_i − t_k); ℓ_j' = Π_{k≠i,j} (t_i − t_k) / Π_{k≠j} (t_j − t_k).
    for (let j = 0; j < m; j++) {
      if (j === exact) {
        let sum = 0;
        for (let k = 0; k < m; k++) if (k !== j) sum += 1 / -rel[k]!;
        d[j] = sum;
        continue;
      }
      let product = 1;
      for (let k = 0; k < m; k++) {
        if (k !== j && k !== exact) product *= -rel[k]!;
        if (k !== j) product /= rel[j]! - rel[k]!;
      }
      d[j] = product;
    }
    return win;
  }

  return {
    kind: 'sp3',
    position(satellite, tMs, out, at = 0) {
      const s = rowOf[satellite] ?? -1;
      if (s < 0 || !(tMs >= first && tMs <= last) || m < 2) return false;
      const { start, weights } = windowAt(tMs);
      const base = (s * n + start) * 3;
      let x = 0;
      let y = 0;
      let z = 0;
      for (let j = 0; j < m; j++) {
        const w = weights[j]!;
        // A zero weight (the SP3 point itself) must not let a neighbour's NaN through.
        if (w === 0) continue;
        x += w * positions[base + j * 3]!;
        y += w * positions[base + j * 3 + 1]!;
        z += w * positions[base + j * 3 + 2]!;
      }
      if (Number.isNaN(x + y + z)) return false;
      out[at] = x;
      out[at + 1] = y;
      out[at + 2] = z;
      return true;
    },
    positionVelocity(satellite, tMs, out, at = 0) {
      const s = rowOf[satellite] ?? -1;
      if (s < 0 || !(tMs >= first && tMs <= last) || m < 2) return false;
      const { start, weights, rates } = ratesAt(tMs);
      const base = (s * n + start) * 3;
      let x = 0;
      let y = 0;
      let z = 0;
      let vx = 0;
      let vy = 0;
      let vz = 0;
      for (let j = 0; j < m; j++) {
        const px = positions[base + j * 3]!;
        const py = positions[base + j * 3 + 1]!;
        const pz = positions[base + j * 3 + 2]!;
        const w = weights[j]!;
        const r = rates[j]!;
        // A zero weight (the SP3 point itself) must not let a neighbour's NaN into the position.
        if (w !== 0) {
          x += w * px;
          y += w * py;
          z += w * pz;
        }
        vx += r * px;
        vy += r * py;
        vz += r * pz;
      }
      if (Number.isNaN(x + y + z + vx + vy + vz)) return false;
      out[at] = x;
      out[at + 1] = y;
      out[at + 2] = z;
      out[at + 3] = vx;
      out[at + 4] = vy;
      out[at + 5] = vz;
      return true;
    },
  };
}
