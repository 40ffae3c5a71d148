import type { GeodeticPosition } from './types.js';

const A = 6378137.0;
const F = 1 / 298.257223563;
const E2 = F * (2 - F);

/**
 * ECEF (metres) → WGS84 latitude/longitude (degrees) and ellipsoidal height, by fixed-point
 * iteration on latitude; the form used (h from p·cosφ + z·sinφ) stays exact at the poles.
 */
export function ecefToGeodetic(x: number, y: number, z: number): GeodeticPosition {
  const p = Math.hypot(x, y);
  const longitude = Math.atan2(y, x);
  let lat = Math.atan2(z, p * (1 - E2));
  let n = A;
  for (let i = 0; i < 10; i++) {
    const sin = Math.sin(lat);
    n = A / Math.sqrt(1 - E2 * sin * sin);
    const next = Math.atan2(z + E2 * n * sin, p);
    if (Math.abs(next - lat) < 1e-14) {
      lat = next;
      break;
    }
    lat = next;
  }
  const sin = Math.sin(lat);
  n = A / Math.sqrt(1 - E2 * sin * sin);
  const heightM = p * Math.cos(lat) + z * sin - (A * A) / n;
  return { latitude: (lat * 180) / Math.PI, longitude: (longitude * 180) / Math.PI, heightM };
}

/** WGS84 latitude/longitude (degrees) and ellipsoidal height (m) → ECEF metres. */
export function geodeticToEcef(latitude: number, longitude: number, heightM: number): [number, number, number] {
  const lat = (latitude * Math.PI) / 180;
  const lon = (longitude * Math.PI) / 180;
  const sin = Math.sin(lat);
  const n = A / Math.sqrt(1 - E2 * sin * sin);
  const r = (n + heightM) * Math.cos(lat);
  return [r * Math.cos(lon), r * Math.sin(lon), (n * (1 - E2) + heightM) * sin];
}
