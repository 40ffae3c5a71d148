import { describe, expect, it } from 'vitest';
import { classColorScale } from './color-scale.js';
import { renderPolarPng } from './render-polar.js';
import type { PolarGrid } from './types.js';
import { blobsByColor, decodePng, distinctColor, geodesicEndpoint, groundDistanceKm, pixelOf, platePixelOf } from '../../test/render/oracle.js';

// Known gates go through the renderer; the test finds their pixels in the decoded PNG and checks
// them against positions computed here independently (integrated geodesics, forward beam model).

interface Target {
  azimuthIndex: number;
  gate: number;
}

const SITES = {
  KLOT: { latitude: 41.6045, longitude: -88.0847, heightM: 222 },
  PAPD: { latitude: 65.0351, longitude: -147.5014, heightM: 811 }, // Fairbanks: strong Mercator stretch
  TJUA: { latitude: 18.1156, longitude: -66.0781, heightM: 927 },
};

/** A REF-like sweep (720 × 0.5°, 1832 gates of 250 m from 2.125 km: 460 km), NaN but for patches. */
function sweepWithPatches(site: (typeof SITES)[keyof typeof SITES], elevationAngle: number, targets: Target[], pixelKm: number) {
  const radialCount = 720;
  const gateCount = 1832;
  const firstGateKm = 2.125;
  const gateSpacingKm = 0.25;
  // Radials in a rotated order with jittered centres, as real sweeps come.
  const azimuths = new Float32Array(radialCount);
  for (let i = 0; i < radialCount; i++) azimuths[i] = ((i + 137) % radialCount) * 0.5 + 0.25 + 0.02 * Math.sin(i * 1.7);
  const values = new Float32Array(radialCount * gateCount).fill(NaN);
  const rowOfAzimuthIndex = (k: number): number => (((k - 137) % radialCount) + radialCount) % radialCount;
  targets.forEach((t, code) => {
    // Patches of whole gates and radials centred on the target gate, ≥ ~3 pixels each way.
    const rangeKm = firstGateKm + t.gate * gateSpacingKm;
    const halfGates = Math.ceil((1.5 * pixelKm) / gateSpacingKm);
    const halfRadials = Math.ceil((1.5 * pixelKm) / ((rangeKm * 0.5 * Math.PI) / 180));
    for (let k = -halfRadials; k <= halfRadials; k++) {
      const row = rowOfAzimuthIndex(t.azimuthIndex + k);
      for (let g = t.gate - halfGates; g <= t.gate + halfGates; g++) values[row * gateCount + g] = code + 1;
    }
  });
  const grid: PolarGrid = { ...site, elevationAngle, radialCount, gateCount, azimuths, azimuthWidth: 0.5, firstGateKm, gateSpacingKm, values };
  return { grid, centreAzimuth: (t: Target) => azimuths[rowOfAzimuthIndex(t.azimuthIndex)]!, slantKm: (t: Target) => firstGateKm + t.gate * gateSpacingKm };
}

const RANGES_KM = [30, 100, 230, 400];
const AZIMUTH_INDEXES = [0, 91, 275, 401, 633]; // 0.25°, 45.75°, 137.75°, 200.75°, 316.75°

function targetsAt(ranges: number[]): Target[] {
  const targets: Target[] = [];
  for (const r of ranges) {
    for (const a of AZIMUTH_INDEXES) targets.push({ azimuthIndex: (a + r) % 720, gate: Math.round((r - 2.125) / 0.25) });
  }
  return targets;
}

describe('polar rendering puts gates where the geometry says', () => {
  for (const [siteName, site] of Object.entries(SITES)) {
    for (const elevation of [0.5, 10]) {
      it(`${siteName}, elevation ${elevation}°: gates at 30–400 km within one pixel`, () => {
        const targets = targetsAt(RANGES_KM);
        const { grid, centreAzimuth, slantKm } = sweepWithPatches(site, elevation, targets, 0.95);
        const scale = classColorScale(
          'code',
          targets.map((_, i) => ({ value: i + 1, color: distinctColor(i), label: `target ${i}` })),
        );
        const overlay = renderPolarPng(grid, scale);
        expect(Math.max(overlay.width, overlay.height)).toBe(1024);
        const blobs = blobsByColor(decodePng(overlay.png));
        expect(blobs.size).toBe(targets.length);

        let worstPlate = 0;
        targets.forEach((t, i) => {
          const blob = blobs.get(distinctColor(i));
          expect(blob, `target ${i} drawn`).toBeDefined();
          const groundM = groundDistanceKm(slantKm(t), elevation, site.heightM, site.latitude) * 1000;
          const [lon, lat] = geodesicEndpoint(site.latitude, site.longitude, centreAzimuth(t), groundM);
          const [px, py] = pixelOf(overlay, lon, lat);
          const miss = Math.hypot(blob!.x - px, blob!.y - py);
          expect(miss, `target ${i} (az ${centreAzimuth(t)}°, slant ${slantKm(t)} km): blob at ${blob!.x.toFixed(2)},${blob!.y.toFixed(2)}, expected ${px.toFixed(2)},${py.toFixed(2)}`).toBeLessThan(
            1,
          );
          const [qx, qy] = platePixelOf(overlay, lon, lat);
          worstPlate = Math.max(worstPlate, Math.hypot(blob!.x - qx, blob!.y - qy));
        });
        // The check can tell geometries apart: rows linear in latitude would miss by pixels.
        expect(worstPlate).toBeGreaterThan(3);
      });
    }
  }

  for (const elevation of [0.5, 10]) {
    it(`single gates of a short-range grid (~9 px per gate length) land within one pixel, elevation ${elevation}°`, () => {
      // 720 × 0.5° radials of 60 gates of 250 m: the image covers ±15 km (29 m pixels), so a
      // one-gate slip would be ~9 pixels, a one-radial slip 2–4.
      const site = SITES.KLOT;
      const radialCount = 720;
      const gateCount = 60;
      const azimuths = Float32Array.from({ length: radialCount }, (_, i) => ((i * 7) % radialCount) * 0.5 + 0.25);
      const values = new Float32Array(radialCount * gateCount).fill(NaN);
      const targets = [
        { row: 0, gate: 25 },
        { row: 101, gate: 30 },
        { row: 333, gate: 45 },
        { row: 500, gate: 58 },
        { row: 719, gate: 40 },
      ];
      targets.forEach((t, i) => (values[t.row * gateCount + t.gate] = i + 1));
      const grid: PolarGrid = { ...site, elevationAngle: elevation, radialCount, gateCount, azimuths, azimuthWidth: 0.5, firstGateKm: 0.125, gateSpacingKm: 0.25, values };
      const scale = classColorScale(
        'code',
        targets.map((_, i) => ({ value: i + 1, color: distinctColor(i), label: `${i}` })),
      );
      const overlay = renderPolarPng(grid, scale);
      const blobs = blobsByColor(decodePng(overlay.png));
      targets.forEach((t, i) => {
        const blob = blobs.get(distinctColor(i))!;
        const slant = 0.125 + t.gate * 0.25;
        const [lon, lat] = geodesicEndpoint(site.latitude, site.longitude, azimuths[t.row]!, groundDistanceKm(slant, elevation, site.heightM, site.latitude) * 1000);
        const [px, py] = pixelOf(overlay, lon, lat);
        expect(blob.count).toBeGreaterThan(5);
        expect(Math.hypot(blob.x - px, blob.y - py), `gate ${t.gate} of radial at ${azimuths[t.row]}°`).toBeLessThan(1);
      });
    });
  }

  it('the beam model matters: at 10° a 400 km slant range lands ~6 km short of 400 km ground, and the renderer follows', () => {
    const site = SITES.KLOT;
    const target: Target = { azimuthIndex: 180, gate: Math.round((400 - 2.125) / 0.25) };
    const { grid, centreAzimuth, slantKm } = sweepWithPatches(site, 10, [target], 0.95);
    const overlay = renderPolarPng(grid, classColorScale('code', [{ value: 1, color: '#ff0000', label: 't' }]));
    const blob = blobsByColor(decodePng(overlay.png)).get('#ff0000')!;
    const ground = groundDistanceKm(slantKm(target), 10, site.heightM, site.latitude);
    expect(slantKm(target) - ground).toBeGreaterThan(5);
    const [lonSlant, latSlant] = geodesicEndpoint(site.latitude, site.longitude, centreAzimuth(target), slantKm(target) * 1000);
    const [sx, sy] = pixelOf(overlay, lonSlant, latSlant);
    expect(Math.hypot(blob.x - sx, blob.y - sy)).toBeGreaterThan(4); // slant-as-ground would be visibly wrong
  });

  it('frames the coverage circle exactly: bbox edges at the farthest gate edge north, south, east and west', () => {
    const site = SITES.KLOT;
    const { grid } = sweepWithPatches(site, 0.5, [], 1);
    const overlay = renderPolarPng(grid, classColorScale('code', [{ value: 1, color: '#ff0000', label: 't' }]));
    const groundM = groundDistanceKm(2.125 + 1831.5 * 0.25, 0.5, site.heightM, site.latitude) * 1000;
    const [, north] = geodesicEndpoint(site.latitude, site.longitude, 0, groundM);
    const [, south] = geodesicEndpoint(site.latitude, site.longitude, 180, groundM);
    let east = -Infinity;
    for (let az = 80; az <= 100; az += 0.05) east = Math.max(east, geodesicEndpoint(site.latitude, site.longitude, az, groundM)[0]);
    const [w, s, e, n] = overlay.bbox;
    // Height is the long side here (Mercator stretches north–south), so north and south are tight…
    expect(overlay.height).toBe(1024);
    expect(n).toBeCloseTo(north, 6);
    expect(s).toBeCloseTo(south, 6);
    // …and east/west are widened by less than a pixel to keep pixels square, symmetric about the site.
    const pixelDeg = (e - w) / overlay.width;
    expect(e).toBeGreaterThanOrEqual(east - 1e-9);
    expect(e - east).toBeLessThan(pixelDeg);
    expect(e - site.longitude).toBeCloseTo(site.longitude - w, 9);
  });
});
