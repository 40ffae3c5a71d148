import { GlonassTrajectory } from './glonass.js';
import { keplerPosition } from './kepler.js';
import { satelliteNumber, type OrbitSource } from './orbit-source.js';
import type { KeplerEphemeris, RinexNav } from './types.js';

/** Farthest from toe a Keplerian ephemeris is used (s): GPS fit intervals are 4 h, centred on toe. */
export const KEPLER_MAX_AGE_S = 2 * 3600;
/** Farthest from tb a GLONASS state vector is integrated (s): tb comes every 30 min. */
export const GLONASS_MAX_AGE_S = 3600;

/**
 * Broadcast orbits as an OrbitSource: per satellite, the ephemeris whose reference time is nearest
 * (healthy ones first), within the ages above. GLONASS state vectors are integrated once, lazily,
 * into trajectories (see GlonassTrajectory).
 */
export function broadcastOrbits(nav: Pick<RinexNav, 'kepler' | 'glonass'>): OrbitSource {
  const kepler = new Map<number, { times: Float64Array; healthy: Uint8Array; ephs: KeplerEphemeris[] }>();
  const keplerLists = new Map<number, KeplerEphemeris[]>();
  for (const eph of nav.kepler) {
    const n = satelliteNumber(eph.system.charCodeAt(0), eph.prn);
    let list = keplerLists.get(n);
    if (!list) keplerLists.set(n, (list = []));
    list.push(eph);
  }
  for (const [n, list] of keplerLists) {
    list.sort((a, b) => a.toeMs - b.toeMs);
    kepler.set(n, { times: Float64Array.from(list, (e) => e.toeMs), healthy: Uint8Array.from(list, (e) => (e.health === 0 ? 1 : 0)), ephs: list });
  }
  const glonassLists = new Map<number, { times: Float64Array; healthy: Uint8Array; trajectories: (GlonassTrajectory | null)[]; ephs: RinexNav['glonass'] }>();
  const r = 'R'.charCodeAt(0);
  const byPrn = new Map<number, RinexNav['glonass']>();
  for (const eph of nav.glonass) {
    let list = byPrn.get(eph.prn);
    if (!list) byPrn.set(eph.prn, (list = []));
    list.push(eph);
  }
  for (const [prn, list] of byPrn) {
    list.sort((a, b) => a.tbMs - b.tbMs);
    glonassLists.set(satelliteNumber(r, prn), {
      times: Float64Array.from(list, (e) => e.tbMs),
      healthy: Uint8Array.from(list, (e) => (e.health === 0 ? 1 : 0)),
      trajectories: list.map(() => null),
      ephs: list,
    });
  }

  return {
    kind: 'broadcast',
    position(satellite, tMs, out, at = 0) {
      const k = kepler.get(satellite);
      if (k) {
        const j = nearest(k.times, k.healthy, tMs, KEPLER_MAX_AGE_S * 1000);
        if (j < 0) return false;
        keplerPosition(k.ephs[j]!, tMs, out, at);
        return true;
      }
      const g = glonassLists.get(satellite);
      if (!g) return false;
      const j = nearest(g.times, g.healthy, tMs, GLONASS_MAX_AGE_S * 1000);
      if (j < 0) return false;
      const trajectory = (g.trajectories[j] ??= new GlonassTrajectory(g.ephs[j]!, GLONASS_MAX_AGE_S));
      return trajectory.position(tMs, out, at);
    },
  };
}

/**
 * Index of the reference time nearest `t` within `maxAgeMs`, preferring entries flagged
 * `healthy`; −1 when none is close enough.
 */
function nearest(times: Float64Array, healthy: Uint8Array, t: number, maxAgeMs: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (times[mid]! < t) lo = mid + 1;
    else hi = mid;
  }
  // Nearest overall and nearest healthy, looking down from lo − 1 and up from lo.
  let best = -1;
  let bestAge = Infinity;
  let bestHealthy = -1;
  let bestHealthyAge = Infinity;
  for (let j = lo - 1; j >= 0; j--) {
    const age = t - times[j]!;
    if (age > maxAgeMs) break;
    if (age < bestAge) (best = j), (bestAge = age);
    if (healthy[j]) {
      bestHealthy = j;
      bestHealthyAge = age;
      break;
    }
  }
  for (let j = lo; j < times.length; j++) {
    const age = times[j]! - t;
    if (age > maxAgeMs) break;
    if (age < bestAge) (best = j), (bestAge = age);
    if (healthy[j]) {
      if (age < bestHealthyAge) bestHealthy = j;
      break;
    }
  }
  return bestHealthy >= 0 ? bestHealthy : best;
}
