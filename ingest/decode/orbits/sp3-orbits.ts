import { satelliteNumberOf, type OrbitSource } from './orbit-source.js';
import type { Sp3Orbits } from './types.js';

/** Lagrange points: 10 at 5 or 15 min spacing keep GNSS orbit interpolation at the mm–cm level. */
export const SP3_LAGRANGE_POINTS = 10;

/**
 * SP3 orbits as an OrbitSource: Lagrange interpolation over the `points` epochs around the time
 * (centred, or shifted inward at the file's ends), never extrapolated beyond the first or last
 * epoch. A window holding a missing position gives no position.
 */
export function sp3Orbits(sp3: Pick<Sp3Orbits, 'epochs' | 'satellites' | 'positions'>, points = SP3_LAGRANGE_POINTS): OrbitSource {
  const { epochs, positions } = sp3;
  const n = epochs.length;
  const rowOf = new Map<number, number>();
  sp3.satellites.forEach((id, s) => rowOf.set(satelliteNumberOf(id), s));
  const weights = new Float64Array(points);
  const rel = new Float64Array(points);
  const first = epochs[0] ?? NaN;
  const last = epochs[n - 1] ?? NaN;
  const m = Math.min(points, n);
  return {
    kind: 'sp3',
    position(satellite, tMs, out, at = 0) {
      const s = rowOf.get(satellite);
      if (s === undefined || !(tMs >= first && tMs <= last) || m < 2) return false;
      // Epoch just at or before t, by binary search (epochs may have gaps).
      let lo = 0;
      let hi = n - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (epochs[mid]! <= tMs) lo = mid;
        else hi = mid - 1;
      }
      const start = Math.max(0, Math.min(n - m, lo - (m >> 1) + 1));
      const base = (s * n + start) * 3;
      // Node times in seconds relative to t, so the weight products stay well-scaled.
      for (let j = 0; j < m; j++) rel[j] = (epochs[start + j]! - tMs) / 1000;
      for (let j = 0; j < m; j++) {
        if (rel[j] === 0) {
          out[at] = positions[base + j * 3]!;
          out[at + 1] = positions[base + j * 3 + 1]!;
          out[at + 2] = positions[base + j * 3 + 2]!;
          return !Number.isNaN(out[at]!);
        }
        let w = 1;
        for (let k = 0; k < m; k++) if (k !== j) w *= -rel[k]! / (rel[j]! - rel[k]!);
        weights[j] = w;
      }
      let x = 0;
      let y = 0;
      let z = 0;
      for (let j = 0; j < m; j++) {
        const w = weights[j]!;
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
  };
}
