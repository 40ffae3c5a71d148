import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Level2Sweep, Level2Volume, RadarLocation } from '../../ingest/decode/level2/types.js';
import { independentGate } from './independent-geodesy.js';
import { locationOf, sampleLevel2Path, sampleVolume } from './sample-sweep.js';
import { readSample, startSampleServer, type SampleServer } from './sample-server.js';

// The gate under a point, computed independently of radome's geodesics and beam model
// (./independent-geodesy.ts).

interface Expected {
  radial: number;
  gate: number;
  value: number | null;
  slantKm: number;
  azimuth: number;
}

function expectedGate(loc: RadarLocation, sweep: Level2Sweep, lat: number, lon: number): Expected | null {
  const grid = sweep.moments.REF!;
  const at = independentGate(loc, sweep, grid, lat, lon);
  if (!at) return null;
  const code = grid.codes[at.radial * grid.gateCount + at.gate]!;
  const { radial, gate, slantKm, azimuth } = at;
  return { radial, gate, slantKm, azimuth, value: code < 2 ? null : Math.fround((code - grid.offset) / grid.scale) };
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
