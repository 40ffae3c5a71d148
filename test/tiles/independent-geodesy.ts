// The gate geometry the tile tests check radome against, written here independently of radome's
// geodesics and beam model: the inverse geodesic problem on WGS84 by Bessel's method with its
// distance and longitude integrals evaluated by quadrature (Karney 2013, "Algorithms for
// geodesics", eqs. 8-11), not by Vincenty's series as radome's is; then the 4/3 effective Earth
// radius model in Doviak & Zrnić's form (eqs. 2.28b-c), inverted by bisection, for the slant range.

const A = 6378137;
const F = 1 / 298.257223563;
const B = A * (1 - F);
const E2 = F * (2 - F);
/** Second eccentricity squared. */
const EP2 = E2 / (1 - E2);
const RAD = Math.PI / 180;

/** ∫ from `a` to `b` of `f` by composite Simpson's rule, steps of at most 0.01 rad (errors far below a millimetre here). */
function simpson(f: (x: number) => number, a: number, b: number): number {
  const n = 2 * Math.max(4, Math.ceil(Math.abs(b - a) / 0.02));
  const h = (b - a) / n;
  let sum = f(a) + f(b);
  for (let i = 1; i < n; i++) sum += (i % 2 === 1 ? 4 : 2) * f(a + i * h);
  return (sum * h) / 3;
}

/**
 * Inverse geodesic: [distance m, initial azimuth deg in [0, 360)]. On the auxiliary sphere (reduced
 * latitudes β) the geodesic is a great circle whose azimuths are the ellipsoid's; its longitude
 * difference ω is found so that the ellipsoid's, ω − f·sin α0·∫I3, equals the points', and the
 * distance is b·∫√(1 + k² sin² σ) dσ over the arc, with k² = e'² cos² α0.
 */
export function besselInverse(lat1: number, lon1: number, lat2: number, lon2: number): [number, number] {
  const beta1 = Math.atan((1 - F) * Math.tan(lat1 * RAD));
  const beta2 = Math.atan((1 - F) * Math.tan(lat2 * RAD));
  const lambda12 = (lon2 - lon1) * RAD;
  /** The great circle of sphere longitude difference ω: its start azimuth, its arc's ends (from the equator crossing), and k². */
  const arc = (omega: number) => {
    const y = Math.cos(beta2) * Math.sin(omega);
    const x = Math.cos(beta1) * Math.sin(beta2) - Math.sin(beta1) * Math.cos(beta2) * Math.cos(omega);
    const alpha1 = Math.atan2(y, x);
    const sigma12 = Math.atan2(Math.hypot(y, x), Math.sin(beta1) * Math.sin(beta2) + Math.cos(beta1) * Math.cos(beta2) * Math.cos(omega));
    const sinAlpha0 = Math.sin(alpha1) * Math.cos(beta1);
    const sigma1 = Math.atan2(Math.sin(beta1), Math.cos(alpha1) * Math.cos(beta1));
    return { alpha1, sinAlpha0, sigma1, sigma2: sigma1 + sigma12, k2: EP2 * (1 - sinAlpha0 * sinAlpha0) };
  };
  let omega = lambda12;
  let g = arc(omega);
  for (let iter = 0; iter < 1000; iter++) {
    const { k2 } = g;
    const i3 = simpson((s) => (2 - F) / (1 + (1 - F) * Math.sqrt(1 + k2 * Math.sin(s) ** 2)), g.sigma1, g.sigma2);
    const next = lambda12 + F * g.sinAlpha0 * i3;
    const done = Math.abs(next - omega) < 1e-14;
    omega = next;
    g = arc(omega);
    if (done) break;
  }
  const { k2 } = g;
  const s = B * simpson((t) => Math.sqrt(1 + k2 * Math.sin(t) ** 2), g.sigma1, g.sigma2);
  return [s, (((g.alpha1 / RAD) % 360) + 360) % 360];
}

/** 4/3 · sqrt(M·N): the effective Earth radius of the beam model at the radar's latitude, km. */
function effectiveEarthRadiusKm(lat: number): number {
  const w = 1 - E2 * Math.sin(lat * RAD) ** 2;
  const M = (A * (1 - E2)) / w ** 1.5;
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
  const [distanceM, azimuth] = besselInverse(loc.latitude, loc.longitude, lat, lon);
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
