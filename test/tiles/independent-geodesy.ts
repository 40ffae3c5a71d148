// The gate geometry the tile tests check radome against, written here independently of radome's
// geodesics and beam model: Vincenty's inverse on WGS84, then the 4/3 effective Earth radius model
// in Doviak & Zrnić's form (eqs. 2.28b-c), inverted by bisection, for the slant range.

const A = 6378137;
const F = 1 / 298.257223563;
const B = A * (1 - F);
const RAD = Math.PI / 180;

/** Vincenty (1975) inverse: [distance m, initial azimuth deg in [0, 360)]. */
export function vincentyInverse(lat1: number, lon1: number, lat2: number, lon2: number): [number, number] {
  const U1 = Math.atan((1 - F) * Math.tan(lat1 * RAD));
  const U2 = Math.atan((1 - F) * Math.tan(lat2 * RAD));
  const L = (lon2 - lon1) * RAD;
  let lambda = L;
  let sinSigma = 0;
  let cosSigma = 0;
  let sigma = 0;
  let cos2Alpha = 0;
  let cos2SigmaM = 0;
  for (let iter = 0; iter < 1000; iter++) {
    const sinLambda = Math.sin(lambda);
    const cosLambda = Math.cos(lambda);
    sinSigma = Math.hypot(Math.cos(U2) * sinLambda, Math.cos(U1) * Math.sin(U2) - Math.sin(U1) * Math.cos(U2) * cosLambda);
    cosSigma = Math.sin(U1) * Math.sin(U2) + Math.cos(U1) * Math.cos(U2) * cosLambda;
    sigma = Math.atan2(sinSigma, cosSigma);
    const sinAlpha = (Math.cos(U1) * Math.cos(U2) * sinLambda) / sinSigma;
    cos2Alpha = 1 - sinAlpha * sinAlpha;
    cos2SigmaM = cosSigma - (2 * Math.sin(U1) * Math.sin(U2)) / cos2Alpha;
    const C = (F / 16) * cos2Alpha * (4 + F * (4 - 3 * cos2Alpha));
    const next = L + (1 - C) * F * sinAlpha * (sigma + C * sinSigma * (cos2SigmaM + C * cosSigma * (-1 + 2 * cos2SigmaM ** 2)));
    const done = Math.abs(next - lambda) < 1e-13;
    lambda = next;
    if (done) break;
  }
  const u2 = (cos2Alpha * (A * A - B * B)) / (B * B);
  const bigA = 1 + (u2 / 16384) * (4096 + u2 * (-768 + u2 * (320 - 175 * u2)));
  const bigB = (u2 / 1024) * (256 + u2 * (-128 + u2 * (74 - 47 * u2)));
  const dSigma = bigB * sinSigma * (cos2SigmaM + (bigB / 4) * (cosSigma * (-1 + 2 * cos2SigmaM ** 2) - (bigB / 6) * cos2SigmaM * (-3 + 4 * sinSigma ** 2) * (-3 + 4 * cos2SigmaM ** 2)));
  const s = B * bigA * (sigma - dSigma);
  const alpha = Math.atan2(Math.cos(U2) * Math.sin(lambda), Math.cos(U1) * Math.sin(U2) - Math.sin(U1) * Math.cos(U2) * Math.cos(lambda)) / RAD;
  return [s, (alpha + 360) % 360];
}

/** 4/3 · sqrt(M·N): the effective Earth radius of the beam model at the radar's latitude, km. */
function effectiveEarthRadiusKm(lat: number): number {
  const e2 = F * (2 - F);
  const w = 1 - e2 * Math.sin(lat * RAD) ** 2;
  const M = (A * (1 - e2)) / w ** 1.5;
  const N = A / Math.sqrt(w);
  return ((4 / 3) * Math.sqrt(M * N)) / 1000;
}

/** Doviak & Zrnić 2.28b-c: ground arc (km) of slant range r at elevation θ from an antenna h0 km up. */
function groundOfSlant(r: number, elevationDeg: number, h0: number, keA: number): number {
  const h = Math.sqrt(r * r + (keA + h0) ** 2 + 2 * r * (keA + h0) * Math.sin(elevationDeg * RAD)) - keA;
  return keA * Math.asin((r * Math.cos(elevationDeg * RAD)) / (keA + h));
}

/** Slant range (km) whose beam reaches `groundKm` along the ground, by bisection. */
export function slantRangeKm(groundKm: number, elevationDeg: number, h0Km: number, radarLatitude: number): number {
  const keA = effectiveEarthRadiusKm(radarLatitude);
  let lo = 0;
  let hi = 2 * groundKm + 10;
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (groundOfSlant(mid, elevationDeg, h0Km, keA) < groundKm) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/**
 * The gate under a point by this file's geodesy: its radial (nearest azimuth centre), gate and
 * slant range; null beyond the gates. `gateEdgeKm` and `radialEdgeDeg` say how far the point is
 * from the nearest gate edge (slant km) and radial edge (half-way to the next nearest centre,
 * degrees), and `nextGate`/`nextRadial` are the neighbours across those edges.
 */
export function independentGate(
  loc: { latitude: number; longitude: number; heightM: number; feedhornHeightM?: number },
  sweep: { elevationAngle: number; azimuths: Float32Array },
  grid: { firstGateKm: number; gateSpacingKm: number; gateCount: number },
  lat: number,
  lon: number,
): { radial: number; gate: number; slantKm: number; azimuth: number; gateEdgeKm: number; nextGate: number; radialEdgeDeg: number; nextRadial: number } | null {
  const [distanceM, azimuth] = vincentyInverse(loc.latitude, loc.longitude, lat, lon);
  const h0 = (loc.heightM + (loc.feedhornHeightM ?? 0)) / 1000;
  const slantKm = slantRangeKm(distanceM / 1000, sweep.elevationAngle, h0, loc.latitude);
  const position = (slantKm - grid.firstGateKm) / grid.gateSpacingKm + 0.5;
  const gate = Math.floor(position);
  if (gate < 0 || gate >= grid.gateCount) return null;
  const fraction = position - gate;
  let radial = -1;
  let nextRadial = -1;
  let best = Infinity;
  let second = Infinity;
  for (let r = 0; r < sweep.azimuths.length; r++) {
    const d = Math.abs(((sweep.azimuths[r]! - azimuth + 540) % 360) - 180);
    if (d < best) {
      [second, nextRadial] = [best, radial];
      best = d;
      radial = r;
    } else if (d < second) {
      second = d;
      nextRadial = r;
    }
  }
  return {
    radial,
    gate,
    slantKm,
    azimuth,
    gateEdgeKm: Math.min(fraction, 1 - fraction) * grid.gateSpacingKm,
    nextGate: fraction < 0.5 ? gate - 1 : gate + 1,
    radialEdgeDeg: (second - best) / 2,
    nextRadial,
  };
}
