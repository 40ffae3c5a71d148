import { describe, expect, it } from 'vitest';
import { RadomeError } from '../../core/errors.js';
import { classColorScale, parseColor } from './color-scale.js';
import { colorScaleForMoment } from './color-tables.js';
import { geodesicDirect } from './geodesic.js';
import { RgbaPngWriter, encodeRgbaPng } from './png-encode.js';
import { renderPolarPng } from './render-polar.js';
import type { PolarGrid } from './types.js';
import { decodePng, geodesicEndpoint, groundDistanceKm, mercX, mercY, pixelOf, type Decoded } from '../../test/render/oracle.js';

const KLOT = { latitude: 41.6045, longitude: -88.0847, heightM: 222 };

/** 360 × 1° radials of 400 gates of 0.5 km (first at 1 km: ~200 km), values from `value(radial, gate)`. */
function grid(value: (radial: number, gate: number) => number, over: Partial<PolarGrid> = {}): PolarGrid {
  const radialCount = over.radialCount ?? 360;
  const gateCount = over.gateCount ?? 400;
  const azimuths = over.azimuths ?? Float32Array.from({ length: radialCount }, (_, i) => (i * 360) / radialCount + 180 / radialCount);
  const values = new Float32Array(radialCount * gateCount);
  for (let r = 0; r < radialCount; r++) for (let g = 0; g < gateCount; g++) values[r * gateCount + g] = value(r, g);
  return { ...KLOT, elevationAngle: 0.5, radialCount, gateCount, azimuths, azimuthWidth: 360 / radialCount, firstGateKm: 1, gateSpacingKm: 0.5, values, ...over };
}

const alphaAt = (img: Decoded, x: number, y: number): number => img.data[(Math.floor(y) * img.width + Math.floor(x)) * 4 + 3]!;
const rgbaAt = (img: Decoded, x: number, y: number): number => {
  const o = (Math.floor(y) * img.width + Math.floor(x)) * 4;
  return new Uint32Array(img.data.slice(o, o + 4).buffer)[0]!;
};
const ref = colorScaleForMoment('REF');

describe('polar overlays', () => {
  it('NaN everywhere renders a fully transparent image', () => {
    const img = decodePng(
      renderPolarPng(
        grid(() => NaN),
        ref,
        { size: 256 },
      ).png,
    );
    for (let i = 3; i < img.data.length; i += 4) expect(img.data[i]).toBe(0);
  });

  it('colours the coverage annulus opaque and leaves outside the range and inside the first gate transparent', () => {
    const overlay = renderPolarPng(
      grid(() => 42),
      ref,
      { size: 512 },
    );
    const img = decodePng(overlay.png);
    const opaque = parseColor('#e5bc00'); // 40–45 dBZ
    const site = pixelOf(overlay, KLOT.longitude, KLOT.latitude);
    expect(alphaAt(img, site[0], site[1])).toBe(0); // the radar itself: no gate before 0.75 km
    for (const az of [0, 77, 181, 300]) {
      const [lon, lat] = geodesicEndpoint(KLOT.latitude, KLOT.longitude, az, 100_000);
      const [x, y] = pixelOf(overlay, lon, lat);
      expect(rgbaAt(img, x, y)).toBe(opaque);
    }
    expect(alphaAt(img, 0, 0)).toBe(0); // corners lie beyond the last gate
    expect(alphaAt(img, img.width - 1, img.height - 1)).toBe(0);
    let opaqueCount = 0;
    for (let i = 3; i < img.data.length; i += 4) opaqueCount += img.data[i] === 255 ? 1 : 0;
    // A disc in a square frame covers about π/4 of it.
    expect(opaqueCount / (img.width * img.height)).toBeGreaterThan(0.7);
    expect(opaqueCount / (img.width * img.height)).toBeLessThan(0.8);
  });

  it('draws data in the very last gate (the far-range cut-off is exact)', () => {
    const g = grid((r, gate) => (r === 45 && gate === 399 ? 50 : NaN));
    const overlay = renderPolarPng(g, ref, { size: 1024 });
    const img = decodePng(overlay.png);
    // Gate 399 spans slant 200.25–200.75 km on the 45.5° radial; its centre, on the ground:
    const [lon, lat] = geodesicDirect(KLOT.latitude, KLOT.longitude, 45.5, groundDistanceKm(200.5, 0.5, KLOT.heightM, KLOT.latitude) * 1000);
    const [x, y] = pixelOf(overlay, lon, lat);
    let found = 0;
    for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) found += rgbaAt(img, x + dx, y + dy) === parseColor('#fd0000') ? 1 : 0;
    expect(found).toBeGreaterThan(0);
  });

  it('reports corners in MapLibre order on the bbox edges, with square Mercator pixels', () => {
    const overlay = renderPolarPng(
      grid(() => 20),
      ref,
      { size: 300 },
    );
    const [w, s, e, n] = overlay.bbox;
    expect(overlay.corners).toEqual([
      [w, n],
      [e, n],
      [e, s],
      [w, s],
    ]);
    expect(w).toBeLessThan(KLOT.longitude);
    expect(e).toBeGreaterThan(KLOT.longitude);
    expect(s).toBeLessThan(KLOT.latitude);
    expect(n).toBeGreaterThan(KLOT.latitude);
    const pixelX = (mercX(e) - mercX(w)) / overlay.width;
    const pixelY = (mercY(n) - mercY(s)) / overlay.height;
    expect(pixelX / pixelY).toBeCloseTo(1, 9);
  });

  it('honours the size option on the long side; the short side follows the Mercator aspect', () => {
    for (const size of [64, 300, 1024, 1500]) {
      const overlay = renderPolarPng(
        grid(() => 20),
        ref,
        { size },
      );
      const img = decodePng(overlay.png);
      expect([img.width, img.height]).toEqual([overlay.width, overlay.height]);
      // Mercator stretches north–south at 41.6°N: height is the long side.
      expect(overlay.height).toBe(size);
      const [w, s, e, n] = overlay.bbox;
      const aspect = (mercX(e) - mercX(w)) / (mercY(n) - mercY(s));
      expect(overlay.width).toBe(Math.round(aspect * size));
      expect(overlay.width).toBeLessThanOrEqual(size);
      expect(overlay.width).toBeGreaterThan(0.95 * size);
    }
    expect(
      renderPolarPng(
        grid(() => 20),
        ref,
      ).height,
    ).toBe(1024);
  });

  it('gives the same pixels whatever order the radials come in', () => {
    const sorted = grid((r, g) => (r * 7 + g) % 80);
    const order = Array.from({ length: 360 }, (_, i) => (i * 97) % 360); // a permutation
    const shuffled: PolarGrid = {
      ...sorted,
      azimuths: Float32Array.from(order, (r) => sorted.azimuths[r]!),
      values: new Float32Array(sorted.values.length),
    };
    order.forEach((r, i) => shuffled.values.set(sorted.values.subarray(r * 400, (r + 1) * 400), i * 400));
    const a = decodePng(renderPolarPng(sorted, ref, { size: 400 }).png);
    const b = decodePng(renderPolarPng(shuffled, ref, { size: 400 }).png);
    expect(Buffer.from(b.data).equals(Buffer.from(a.data))).toBe(true);
  });

  it('closes seams between jittered real radials but leaves missing radials transparent', () => {
    // 0.5° radials with centres off by up to ±0.025°, and radials 90°–100° missing.
    const kept: number[] = [];
    for (let i = 0; i < 720; i++) if (i * 0.5 < 90 || i * 0.5 >= 100) kept.push(i);
    const azimuths = Float32Array.from(kept, (i) => i * 0.5 + 0.25 + 0.025 * Math.sin(i * 2.3));
    const g = grid(() => 30, { radialCount: kept.length, azimuths, azimuthWidth: 0.5 });
    const overlay = renderPolarPng(g, ref, { size: 1024 });
    const img = decodePng(overlay.png);
    let holes = 0;
    for (let az = 0; az < 360; az += 0.05) {
      const [lon, lat] = geodesicDirect(KLOT.latitude, KLOT.longitude, az, 190_000); // fast; geometry is tested elsewhere
      const [x, y] = pixelOf(overlay, lon, lat);
      const a = alphaAt(img, x, y);
      if (az > 91 && az < 99) expect(a, `azimuth ${az}`).toBe(0);
      else if (az < 89.5 || az > 100.5) holes += a === 0 ? 1 : 0;
    }
    expect(holes).toBe(0);
  });

  it('class tables colour exact class codes only', () => {
    const scale = classColorScale('class', [
      { value: 10, color: '#112233', label: 'A' },
      { value: 20, color: '#445566', label: 'B' },
    ]);
    const codes = [10, 15, 20, 0, NaN, 30];
    // Six sectors of 60°, one code each.
    const overlay = renderPolarPng(
      grid((r) => codes[Math.floor(r / 60)]!),
      scale,
      { size: 400 },
    );
    const img = decodePng(overlay.png);
    const expected = [parseColor('#112233'), 0, parseColor('#445566'), 0, 0, 0];
    codes.forEach((_, k) => {
      const [lon, lat] = geodesicEndpoint(KLOT.latitude, KLOT.longitude, k * 60 + 30, 100_000);
      const [x, y] = pixelOf(overlay, lon, lat);
      expect(rgbaAt(img, x, y), `sector ${k}`).toBe(expected[k]);
    });
  });

  it('rejects inconsistent grids and sizes with BAD_INPUT', () => {
    const good = grid(() => 1);
    const cases: [Partial<PolarGrid>, { size?: number }][] = [
      [{ values: new Float32Array(10) }, {}],
      [{ azimuths: new Float32Array(3) }, {}],
      [{ azimuthWidth: new Float32Array(2) }, {}],
      [{ gateSpacingKm: 0 }, {}],
      [{ gateSpacingKm: NaN }, {}],
      [{ latitude: NaN }, {}],
      [{ latitude: 89 }, {}],
      [{ elevationAngle: 95 }, {}],
      [{ azimuths: new Float32Array(360).fill(NaN) }, {}],
      [{ azimuthWidth: 0 }, {}],
      [{ gateCount: 100_000, values: new Float32Array(360 * 100_000) }, {}],
      [{}, { size: 0 }],
      [{}, { size: 10.5 }],
      [{}, { size: 100_000 }],
    ];
    for (const [over, options] of cases) {
      let error: unknown;
      try {
        renderPolarPng({ ...good, ...over }, ref, options);
      } catch (e) {
        error = e;
      }
      expect(error, JSON.stringify(Object.keys(over)) + JSON.stringify(options)).toBeInstanceOf(RadomeError);
      expect((error as RadomeError).code).toBe('BAD_INPUT');
    }
  });
});

describe('PNG encoder', () => {
  it('round-trips arbitrary RGBA bytes through pngjs, including bytes that borrow in the Sub filter', () => {
    for (const [w, h] of [
      [1, 1],
      [7, 3],
      [64, 33],
    ] as const) {
      const rgba = new Uint8Array(w * h * 4);
      let x = 12345;
      for (let i = 0; i < rgba.length; i++) {
        x = (x * 1103515245 + 12345) >>> 0;
        rgba[i] = i % 5 === 0 ? 0 : i % 7 === 0 ? 255 : x >>> 24;
      }
      const img = decodePng(encodeRgbaPng(rgba, w, h));
      expect([img.width, img.height]).toEqual([w, h]);
      expect(Buffer.from(img.data).equals(Buffer.from(rgba))).toBe(true);
    }
  });

  it('rejects a buffer of the wrong size, and a writer that gets too few or too many rows', () => {
    expect(() => encodeRgbaPng(new Uint8Array(15), 2, 2)).toThrow(RadomeError);
    const writer = new RgbaPngWriter(2, 2);
    writer.writeRow(new Uint32Array(2));
    expect(() => writer.finish()).toThrow(/1 of its 2 rows/);
    writer.writeRow(new Uint32Array(2));
    expect(() => writer.writeRow(new Uint32Array(2))).toThrow(RadomeError);
    expect(decodePng(writer.finish()).width).toBe(2);
    expect(() => new RgbaPngWriter(0, 5)).toThrow(RadomeError);
  });
});
