import { describe, expect, it } from 'vitest';
import { RadomeError } from '../../core/errors.js';
import { classColorScale } from './color-scale.js';
import { precipitationInchesScale } from './color-tables.js';
import { renderRasterPng } from './render-raster.js';
import type { CartesianGrid } from './types.js';
import { geodesicInverse } from './geodesic.js';
import { latitudeOfMercatorY } from './web-mercator.js';
import { blobsByColor, decodePng, distinctColor, geodesicEndpoint, mercY, pixelOf } from '../../test/render/oracle.js';

const KLOT = { latitude: 41.6045, longitude: -88.0847 };

/** 116 × 116 cells of 4 km centred on the radar (±232 km), NaN but for the given cells. */
function raster(cells: [number, number][], over: Partial<CartesianGrid> = {}): CartesianGrid {
  const columns = over.columns ?? 116;
  const rows = over.rows ?? 116;
  const values = new Float32Array(columns * rows).fill(NaN);
  cells.forEach(([col, row], i) => (values[row * columns + col] = i + 1));
  return { ...KLOT, columns, rows, cellSizeKm: 4, xMinKm: -232, yMaxKm: 232, values, ...over };
}

describe('raster overlays (local x/y frame)', () => {
  it('places cells at their azimuthal-equidistant positions within one pixel', () => {
    const cells: [number, number][] = [
      [58, 57], // next to the radar
      [0, 0], // north-west corner
      [115, 0],
      [115, 115],
      [0, 115],
      [90, 20],
      [30, 100],
      [58, 5],
    ];
    const scale = classColorScale(
      'code',
      cells.map((_, i) => ({ value: i + 1, color: distinctColor(i), label: `${i}` })),
    );
    const overlay = renderRasterPng(raster(cells), scale, { size: 800 });
    expect(overlay.geometry.beam).toBeNull();
    expect(overlay.geometry.localFrame).toMatch(/azimuthal equidistant/);
    const blobs = blobsByColor(decodePng(overlay.png));
    expect(blobs.size).toBe(cells.length);
    cells.forEach(([col, row], i) => {
      const x = -232 + (col + 0.5) * 4;
      const y = 232 - (row + 0.5) * 4;
      const az = (Math.atan2(x, y) * 180) / Math.PI;
      const [lon, lat] = geodesicEndpoint(KLOT.latitude, KLOT.longitude, az, Math.hypot(x, y) * 1000);
      const [px, py] = pixelOf(overlay, lon, lat);
      const blob = blobs.get(distinctColor(i))!;
      expect(blob.count).toBeGreaterThan(4); // a 4 km cell spans several ~0.9 km pixels
      expect(Math.hypot(blob.x - px, blob.y - py), `cell ${col},${row}`).toBeLessThan(1);
    });
  });

  it('frames the whole raster; a wide raster puts the size on its width', () => {
    const overlay = renderRasterPng(raster([], { columns: 200, rows: 40 }), precipitationInchesScale(), { size: 500 });
    expect(overlay.width).toBe(500);
    expect(overlay.height).toBeLessThan(200);
    const [w, s, e, n] = overlay.bbox;
    // Corners of the raster are inside the frame.
    for (const [x, y] of [
      [-232, 232],
      [568, 232],
      [568, 72],
      [-232, 72],
    ] as const) {
      const [lon, lat] = geodesicEndpoint(KLOT.latitude, KLOT.longitude, (Math.atan2(x, y) * 180) / Math.PI, Math.hypot(x, y) * 1000);
      expect(lon).toBeGreaterThanOrEqual(w - 1e-9);
      expect(lon).toBeLessThanOrEqual(e + 1e-9);
      expect(lat).toBeGreaterThanOrEqual(s - 1e-9);
      expect(lat).toBeLessThanOrEqual(n + 1e-9);
    }
    expect(overlay.legend.units).toBe('in');
    const img = decodePng(overlay.png);
    for (let i = 3; i < img.data.length; i += 4) expect(img.data[i]).toBe(0);
  });

  it('colours every pixel inside a full raster and none outside it', () => {
    const full = raster([]);
    full.values.fill(0.3);
    const overlay = renderRasterPng(full, precipitationInchesScale(), { size: 256 });
    const img = decodePng(overlay.png);
    const [w, s, e, n] = overlay.bbox;
    const pixelKm = 464 / 256;
    const inverse = new Float64Array(2);
    let checked = 0;
    for (let j = 0; j < img.height; j++) {
      const lat = latitudeOfMercatorY(mercY(n) - ((j + 0.5) / img.height) * (mercY(n) - mercY(s)));
      for (let i = 0; i < img.width; i++) {
        const lon = w + ((i + 0.5) / img.width) * (e - w);
        geodesicInverse(KLOT.latitude, KLOT.longitude, lat, lon, inverse);
        const az = (inverse[1]! * Math.PI) / 180;
        const x = (inverse[0]! / 1000) * Math.sin(az);
        const y = (inverse[0]! / 1000) * Math.cos(az);
        const margin = 232 - Math.max(Math.abs(x), Math.abs(y)); // > 0 inside
        if (Math.abs(margin) < 0.05 * pixelKm) continue;
        expect(img.data[(j * img.width + i) * 4 + 3], `pixel ${i},${j}`).toBe(margin > 0 ? 255 : 0);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(0.95 * img.width * img.height);
  });

  it('rejects inconsistent rasters with BAD_INPUT', () => {
    for (const over of [{ values: new Float32Array(3) }, { cellSizeKm: -1 }, { columns: 0 }, { xMinKm: NaN }, { latitude: 95 }]) {
      try {
        renderRasterPng(raster([], over), precipitationInchesScale());
        expect.unreachable(JSON.stringify(over));
      } catch (e) {
        expect(e).toBeInstanceOf(RadomeError);
        expect((e as RadomeError).code).toBe('BAD_INPUT');
      }
    }
  });
});
