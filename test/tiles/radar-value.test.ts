import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Level2Sweep, Level2Volume, RadarLocation } from '../../ingest/decode/level2/types.js';
import { locationOf, sampleLevel2Path, sampleVolume } from './sample-sweep.js';
import { readSample, startSampleServer, type SampleServer } from './sample-server.js';

// The gate under a point, computed here independently of radome's geodesics and beam model:
// Vincenty's inverse on WGS84 (written out below), then the 4/3 effective Earth radius model in
// Doviak & Zrnić's form (eqs. 2.28b-c), inverted by bisection, for the slant range.

const A = 6378137;
const F = 1 / 298.257223563;
const B = A * (1 - F);
const RAD = Math.PI / 180;

/** Vincenty (1975) inverse: [distance m, initial azimuth deg in [0, 360)]. */
function vincentyInverse(lat1: number, lon1: number, lat2: number, lon2: number): [number, number] {
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

/** sqrt(M·N): the Earth radius of the beam model at the radar's latitude, km. */
function earthRadiusKm(lat: number): number {
  const e2 = F * (2 - F);
  const w = 1 - e2 * Math.sin(lat * RAD) ** 2;
  const M = (A * (1 - e2)) / w ** 1.5;
  const N = A / Math.sqrt(w);
  return Math.sqrt(M * N) / 1000;
}

/** Doviak & Zrnić 2.28b-c: ground arc (km) of slant range r at elevation θ from an antenna h0 km up. */
function groundOfSlant(r: number, elevationDeg: number, h0: number, keA: number): number {
  const h = Math.sqrt(r * r + (keA + h0) ** 2 + 2 * r * (keA + h0) * Math.sin(elevationDeg * RAD)) - keA;
  return keA * Math.asin((r * Math.cos(elevationDeg * RAD)) / (keA + h));
}

function slantOfGround(s: number, elevationDeg: number, h0: number, keA: number): number {
  let lo = 0;
  let hi = 2 * s + 10;
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (groundOfSlant(mid, elevationDeg, h0, keA) < s) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

interface Expected {
  radial: number;
  gate: number;
  value: number | null;
  slantKm: number;
  azimuth: number;
}

function expectedGate(loc: RadarLocation, sweep: Level2Sweep, lat: number, lon: number): Expected | null {
  const grid = sweep.moments.REF!;
  const [distanceM, azimuth] = vincentyInverse(loc.latitude, loc.longitude, lat, lon);
  const keA = (4 / 3) * earthRadiusKm(loc.latitude);
  const h0 = (loc.heightM + (loc.feedhornHeightM ?? 0)) / 1000;
  const slantKm = slantOfGround(distanceM / 1000, sweep.elevationAngle, h0, keA);
  const gate = Math.floor((slantKm - grid.firstGateKm) / grid.gateSpacingKm + 0.5);
  if (gate < 0 || gate >= grid.gateCount) return null;
  let radial = -1;
  let best = Infinity;
  for (let r = 0; r < sweep.radialCount; r++) {
    const d = Math.abs(((sweep.azimuths[r]! - azimuth + 540) % 360) - 180);
    if (d < best) {
      best = d;
      radial = r;
    }
  }
  const code = grid.codes[radial * grid.gateCount + gate]!;
  return { radial, gate, value: code < 2 ? null : Math.fround((code - grid.offset) / grid.scale), slantKm, azimuth };
}

/** mulberry32: a seeded PRNG, so the points are the same each run. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Answer {
  value: number | null;
  units: string;
  site: { id: string };
  sweep: { id: string };
  rangeKm: number;
  azimuth: number;
  beamHeightM: number;
  time: string;
  radial: number;
  gate: number;
}
const QUERY = `query($lon: Float!, $lat: Float!) { radarValue(lon: $lon, lat: $lat, moment: REF) { value units site { id } sweep { id } rangeKm azimuth beamHeightM time radial gate } }`;

describe.skipIf(!sampleLevel2Path)('radarValue on the sample volume', () => {
  let server: SampleServer;
  let volume: Level2Volume;
  beforeAll(async () => {
    server = await startSampleServer({ klot: readSample(sampleLevel2Path!) });
    volume = sampleVolume();
  });
  afterAll(() => server?.close());

  it('equals, at 1,000 random points, the gate an independent computation picks (by default the lowest REF sweep)', async () => {
    const loc = locationOf(volume);
    const sweep = volume.sweeps[0]!;
    const next = random(19);
    const points: [number, number, Expected][] = [];
    // Half over the whole coverage, half within ~70 km, where this clear-air volume has echoes.
    while (points.length < 1000) {
      const span = points.length % 2 ? 1 : 0.15;
      const lat = loc.latitude + 4.2 * span * (2 * next() - 1);
      const lon = loc.longitude + 5.6 * span * (2 * next() - 1);
      const e = expectedGate(loc, sweep, lat, lon);
      if (e) points.push([lon, lat, e]);
    }
    let withValue = 0;
    const answers: Answer[] = [];
    const started = performance.now();
    for (let i = 0; i < points.length; i += 10) {
      const batch = await Promise.all(points.slice(i, i + 10).map(([lon, lat]) => server.graphql<{ radarValue: Answer }>(QUERY, { lon, lat })));
      for (const r of batch) {
        expect(r.errors).toBeUndefined();
        answers.push(r.data!.radarValue);
      }
    }
    console.log(`1000 radarValue queries: ${(performance.now() - started).toFixed(0)} ms`);
    const wrong: string[] = [];
    points.forEach(([lon, lat, e], i) => {
      const a = answers[i]!;
      if (a.value !== null) withValue++;
      const same = a.radial === e.radial && a.gate === e.gate && a.value === e.value && Math.abs(a.rangeKm - e.slantKm) < 1e-4 && Math.abs(a.azimuth - e.azimuth) < 1e-7;
      if (!same) wrong.push(`(${lon}, ${lat}): got radial ${a.radial} gate ${a.gate} value ${a.value} range ${a.rangeKm}; expected ${e.radial} ${e.gate} ${e.value} ${e.slantKm}`);
    });
    expect(wrong).toEqual([]);
    expect(withValue).toBeGreaterThan(50);
    const a = answers[0]!;
    expect(a.site.id).toBe('KLOT');
    expect(a.sweep.id).toBe(`${server.volumeId}/e01-REF`);
    expect(a.units).toBe('dBZ');
    expect(Date.parse(a.time)).toBe(sweep.times[points[0]![2].radial]);
    expect(a.beamHeightM).toBeGreaterThan(0);
  });

  it('is null outside coverage, with the reason in the error extensions', async () => {
    const r = await server.graphql<{ radarValue: Answer | null }>(QUERY, { lon: -80, lat: 30 });
    expect(r.data!.radarValue).toBeNull();
    expect(r.errors![0]!.extensions!.code).toBe('OUT_OF_COVERAGE');
    expect(String(r.errors![0]!.extensions!.reason)).toMatch(/no radar covers/);
    const far = await server.graphql<{ radarValue: Answer | null }>(`{ radarValue(lon: -88, lat: 46.5, moment: REF, site: "KLOT") { value } }`);
    expect(far.data!.radarValue).toBeNull();
    expect(String(far.errors![0]!.extensions!.reason)).toMatch(/KLOT is .* km away/);
    const bad = await server.graphql(`{ radarValue(lon: -88, lat: 95, moment: REF) { value } }`);
    expect(bad.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
  });

  it('gives the point series over the volumes in a range', async () => {
    const from = new Date(volume.volumeStart - 600_000).toISOString();
    const to = new Date(volume.volumeStart + 600_000).toISOString();
    const r = await server.graphql<{ radarPointSeries: Answer[] }>(
      `query($from: DateTimeISO!, $to: DateTimeISO!) { radarPointSeries(lon: -87.9, lat: 41.9, moment: REF, from: $from, to: $to) { value sweep { id } gate radial } }`,
      { from, to },
    );
    expect(r.errors).toBeUndefined();
    const one = await server.graphql<{ radarValue: Answer }>(QUERY, { lon: -87.9, lat: 41.9 });
    expect(r.data!.radarPointSeries).toEqual([{ value: one.data!.radarValue.value, sweep: one.data!.radarValue.sweep, gate: one.data!.radarValue.gate, radial: one.data!.radarValue.radial }]);
  });
});
