/**
 * Geodesics on the WGS84 ellipsoid by Vincenty's formulae (Survey Review 23, 1975): sub-millimetre
 * for the few hundred kilometres around a radar, where spherical or local-tangent shortcuts are
 * off by pixels at 460 km.
 */

export const WGS84 = { semiMajorAxisM: 6378137, inverseFlattening: 298.257223563 } as const;

const A = WGS84.semiMajorAxisM;
const F = 1 / WGS84.inverseFlattening;
const B = A * (1 - F);
const E2 = F * (2 - F);
const DEG = Math.PI / 180;

/** Gaussian mean radius of curvature sqrt(M·N) at a latitude, km: the local "Earth radius". */
export function gaussianRadiusKm(latitudeDeg: number): number {
  const s = Math.sin(latitudeDeg * DEG);
  const w = 1 - E2 * s * s;
  return (A * Math.sqrt(1 - E2)) / w / 1000;
}

/** Destination [lon, lat] (degrees) reached from a point along a geodesic of `distanceM` at `azimuthDeg`. */
export function geodesicDirect(latDeg: number, lonDeg: number, azimuthDeg: number, distanceM: number): [number, number] {
  const alpha1 = azimuthDeg * DEG;
  const sinAlpha1 = Math.sin(alpha1);
  const cosAlpha1 = Math.cos(alpha1);
  const tanU1 = (1 - F) * Math.tan(latDeg * DEG);
  const cosU1 = 1 / Math.sqrt(1 + tanU1 * tanU1);
  const sinU1 = tanU1 * cosU1;
  const sigma1 = Math.atan2(tanU1, cosAlpha1);
  const sinAlpha = cosU1 * sinAlpha1;
  const cosSqAlpha = 1 - sinAlpha * sinAlpha;
  const uSq = (cosSqAlpha * (A * A - B * B)) / (B * B);
  const bigA = 1 + (uSq / 16384) * (4096 + uSq * (-768 + uSq * (320 - 175 * uSq)));
  const bigB = (uSq / 1024) * (256 + uSq * (-128 + uSq * (74 - 47 * uSq)));

  let sigma = distanceM / (B * bigA);
  let sinSigma = 0;
  let cosSigma = 1;
  let cos2SigmaM = 1;
  for (let i = 0; i < 100; i++) {
    cos2SigmaM = Math.cos(2 * sigma1 + sigma);
    sinSigma = Math.sin(sigma);
    cosSigma = Math.cos(sigma);
    const deltaSigma =
      bigB * sinSigma * (cos2SigmaM + (bigB / 4) * (cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM) - (bigB / 6) * cos2SigmaM * (-3 + 4 * sinSigma * sinSigma) * (-3 + 4 * cos2SigmaM * cos2SigmaM)));
    const next = distanceM / (B * bigA) + deltaSigma;
    if (Math.abs(next - sigma) < 1e-12) {
      sigma = next;
      break;
    }
    sigma = next;
  }
  sinSigma = Math.sin(sigma);
  cosSigma = Math.cos(sigma);
  cos2SigmaM = Math.cos(2 * sigma1 + sigma);

  const x = sinU1 * sinSigma - cosU1 * cosSigma * cosAlpha1;
  const lat2 = Math.atan2(sinU1 * cosSigma + cosU1 * sinSigma * cosAlpha1, (1 - F) * Math.sqrt(sinAlpha * sinAlpha + x * x));
  const lambda = Math.atan2(sinSigma * sinAlpha1, cosU1 * cosSigma - sinU1 * sinSigma * cosAlpha1);
  const c = (F / 16) * cosSqAlpha * (4 + F * (4 - 3 * cosSqAlpha));
  const l = lambda - (1 - c) * F * sinAlpha * (sigma + c * sinSigma * (cos2SigmaM + c * cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)));
  return [lonDeg + l / DEG, lat2 / DEG];
}

/**
 * Geodesic distance (m) and forward azimuth (degrees from north, [0, 360)) from point 1 to point 2,
 * written into `out` as [distanceM, azimuthDeg] so hot callers allocate nothing. Converges for all
 * but nearly antipodal points, which a radar never sees.
 */
export function geodesicInverse(lat1Deg: number, lon1Deg: number, lat2Deg: number, lon2Deg: number, out: Float64Array): void {
  const l = (lon2Deg - lon1Deg) * DEG;
  const tanU1 = (1 - F) * Math.tan(lat1Deg * DEG);
  const cosU1 = 1 / Math.sqrt(1 + tanU1 * tanU1);
  const sinU1 = tanU1 * cosU1;
  const tanU2 = (1 - F) * Math.tan(lat2Deg * DEG);
  const cosU2 = 1 / Math.sqrt(1 + tanU2 * tanU2);
  const sinU2 = tanU2 * cosU2;

  let lambda = l;
  let sinLambda = 0;
  let cosLambda = 1;
  let sinSigma = 0;
  let cosSigma = 1;
  let sigma = 0;
  let cosSqAlpha = 1;
  let cos2SigmaM = 0;
  for (let i = 0; i < 200; i++) {
    sinLambda = Math.sin(lambda);
    cosLambda = Math.cos(lambda);
    const t1 = cosU2 * sinLambda;
    const t2 = cosU1 * sinU2 - sinU1 * cosU2 * cosLambda;
    sinSigma = Math.sqrt(t1 * t1 + t2 * t2);
    if (sinSigma === 0) {
      out[0] = 0;
      out[1] = 0;
      return;
    }
    cosSigma = sinU1 * sinU2 + cosU1 * cosU2 * cosLambda;
    sigma = Math.atan2(sinSigma, cosSigma);
    const sinAlpha = (cosU1 * cosU2 * sinLambda) / sinSigma;
    cosSqAlpha = 1 - sinAlpha * sinAlpha;
    // On the equator line cosSqAlpha = 0 and cos2SigmaM is undefined; 0 is its limit.
    cos2SigmaM = cosSqAlpha !== 0 ? cosSigma - (2 * sinU1 * sinU2) / cosSqAlpha : 0;
    const c = (F / 16) * cosSqAlpha * (4 + F * (4 - 3 * cosSqAlpha));
    const previous = lambda;
    lambda = l + (1 - c) * F * sinAlpha * (sigma + c * sinSigma * (cos2SigmaM + c * cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)));
    if (Math.abs(lambda - previous) < 1e-12) break;
  }
  const uSq = (cosSqAlpha * (A * A - B * B)) / (B * B);
  const bigA = 1 + (uSq / 16384) * (4096 + uSq * (-768 + uSq * (320 - 175 * uSq)));
  const bigB = (uSq / 1024) * (256 + uSq * (-128 + uSq * (74 - 47 * uSq)));
  const deltaSigma =
    bigB * sinSigma * (cos2SigmaM + (bigB / 4) * (cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM) - (bigB / 6) * cos2SigmaM * (-3 + 4 * sinSigma * sinSigma) * (-3 + 4 * cos2SigmaM * cos2SigmaM)));
  out[0] = B * bigA * (sigma - deltaSigma);
  const azimuth = Math.atan2(cosU2 * sinLambda, cosU1 * sinU2 - sinU1 * cosU2 * cosLambda) / DEG;
  out[1] = azimuth < 0 ? azimuth + 360 : azimuth;
}
