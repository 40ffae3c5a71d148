import { describe, expect, it } from 'vitest';
import { RadomeError } from '../../core/errors.js';
import { colorScaleForMoment } from './color-tables.js';
import { codeColors } from './gate-codes.js';
import { renderPolarPng, SweepRenderer } from './render-polar.js';
import { renderRasterPng } from './render-raster.js';
import type { CodedPolarGrid, PolarGeometry, PolarGrid } from './types.js';
import { decodePng } from '../../test/render/oracle.js';

// Coded gates (raw codes + a colour per code) must draw exactly what the same physical values draw.

const KLOT = { latitude: 41.6045, longitude: -88.0847, heightM: 222 };
/** A REF-like 8-bit coding: value = (code − 66) / 2, codes 0 and 1 without a value. */
const codeValues = Float32Array.from({ length: 256 }, (_, c) => (c < 2 ? NaN : (c - 66) / 2));

function geometry(gateCount: number, over: Partial<PolarGeometry> = {}): PolarGeometry {
  const radialCount = 360;
  const azimuths = Float32Array.from({ length: radialCount }, (_, i) => i + 0.5);
  return { ...KLOT, elevationAngle: 0.5, radialCount, gateCount, azimuths, azimuthWidth: 1, firstGateKm: 2.125, gateSpacingKm: 0.25, ...over };
}

/** Codes 0…255 spread over the grid, so every colour step and both flag codes appear. */
function codesFor(g: PolarGeometry, seed: number): Uint8Array {
  return Uint8Array.from({ length: g.radialCount * g.gateCount }, (_, i) => (i * 7 + seed * 31 + (i >> 9)) & 255);
}

const samePixels = (a: Uint8Array, b: Uint8Array): boolean => Buffer.from(decodePng(a).data).equals(Buffer.from(decodePng(b).data));

describe('coded gates', () => {
  const scale = colorScaleForMoment('REF', { clearAir: true });
  const colors = codeColors(scale, codeValues);

  it('colour each code as the scale colours its value; codes without a value are transparent', () => {
    expect(colors.length).toBe(256);
    expect([colors[0], colors[1]]).toEqual([0, 0]);
    for (let c = 2; c < 256; c++) expect(colors[c], `code ${c}`).toBe(scale.colorOf(codeValues[c]!));
  });

  it('render the same pixels as the physical values', () => {
    const g = geometry(400);
    const codes = codesFor(g, 1);
    const coded: CodedPolarGrid = { ...g, codes, codeColors: colors };
    const values: PolarGrid = { ...g, values: Float32Array.from(codes, (c) => codeValues[c]!) };
    const a = renderPolarPng(coded, scale, { size: 512 });
    const b = renderPolarPng(values, scale, { size: 512 });
    expect(a.bbox).toEqual(b.bbox);
    expect(samePixels(a.png, b.png)).toBe(true);
    expect(decodePng(a.png).data.some((byte, i) => i % 4 === 3 && byte === 255)).toBe(true);
  });

  it('through one SweepRenderer, moments of one sweep draw what each draws alone, whatever their ranges', () => {
    const renderer = new SweepRenderer(400);
    const shared = geometry(600);
    // Moments of one sweep share the radials (the same arrays); two reach 150 km, one 100 km.
    const moments = [600, 400, 600].map((gateCount, k) => ({ ...shared, gateCount, codes: codesFor({ ...shared, gateCount }, k), codeColors: colors }));
    for (const m of moments) {
      const together = renderer.render(m, scale);
      const alone = renderPolarPng(m, scale, { size: 400 });
      expect(together.bbox).toEqual(alone.bbox);
      expect(samePixels(together.png, alone.png)).toBe(true);
    }
    // The next sweep (other radials, other elevation) is not drawn with the previous one's pixel map.
    const next = { ...geometry(600, { elevationAngle: 1.5, azimuths: Float32Array.from({ length: 360 }, (_, i) => (i + 0.5 + 90) % 360) }), codes: moments[0]!.codes, codeColors: colors };
    expect(samePixels(renderer.render(next, scale).png, renderPolarPng(next, scale, { size: 400 }).png)).toBe(true);
    expect(samePixels(renderer.render(next, scale).png, renderer.render(moments[0]!, scale).png)).toBe(false);
  });

  it('draw beyond their data only transparent pixels, however short their reach, alone or after other moments', () => {
    // Data out to gate 150 (~40 km) only, save code 7 in a few gates farther out: the last gate of
    // radials 0 (its azimuths span north), 10 and 359, gate 400 of radials 89 and 90. With code 7
    // transparent the moment reaches 40 km (and pixels beyond are left unpainted); coloured, it
    // reaches the last gate in those azimuths and every pixel there is looked up. The two must
    // differ in code 7's pixels only.
    const g = geometry(600);
    const codes = codesFor(g, 3).map((c, i) => (i % 600 < 150 ? (c === 7 ? 8 : c) : 0));
    for (const [radial, gate] of [
      [0, 599],
      [10, 599],
      [359, 599],
      [89, 400],
      [90, 400],
    ] as const) {
      codes[radial * 600 + gate] = 7;
    }
    const marked = Uint32Array.from(colors);
    marked[7] = 0xff00ff00;
    const unmarked = Uint32Array.from(colors);
    unmarked[7] = 0;
    const short = { ...g, codes, codeColors: unmarked };
    const full = decodePng(renderPolarPng({ ...g, codes, codeColors: marked }, scale, { size: 400 }).png);
    const renderer = new SweepRenderer(400);
    // After a moment with no colour at all, and after one that reaches farther (its map kept).
    const none = { ...g, codes: new Uint8Array(codes.length), codeColors: colors };
    const far = { ...g, codes: codesFor(g, 4), codeColors: colors };
    const images = [renderPolarPng(short, scale, { size: 400 }), (renderer.render(none, scale), renderer.render(short, scale)), (renderer.render(far, scale), renderer.render(short, scale))].map((o) =>
      decodePng(o.png),
    );
    const words = (d: Uint8Array): Uint32Array => new Uint32Array(d.buffer, d.byteOffset, d.length / 4);
    const fullWords = words(full.data);
    let markedPixels = 0;
    for (const img of images) {
      const w = words(img.data);
      expect(w.length).toBe(fullWords.length);
      let differing = 0;
      for (let i = 0; i < w.length; i++) {
        if (w[i] === fullWords[i]) continue;
        differing++;
        expect([w[i], fullWords[i]]).toEqual([0, 0xff00ff00]);
      }
      expect(differing).toBeGreaterThan(0);
      markedPixels = differing;
    }
    // The far gates cover a few pixels of a 400 px overlay, and the near data many.
    expect(markedPixels).toBeGreaterThanOrEqual(5);
    expect(markedPixels).toBeLessThan(40);
    expect(fullWords.filter((v) => v !== 0 && v !== 0xff00ff00).length).toBeGreaterThan(1000);
  });

  it('16-bit codes need a colour for each of the 65536 codes', () => {
    const g = geometry(100);
    const codes = Uint16Array.from({ length: g.radialCount * g.gateCount }, (_, i) => (i * 977) & 0xffff);
    const wide = Float32Array.from({ length: 65536 }, (_, c) => (c < 2 ? NaN : c / 1000 - 10));
    const values = Float32Array.from(codes, (c) => wide[c]!);
    const a = renderPolarPng({ ...g, codes, codeColors: codeColors(scale, wide) }, scale, { size: 256 });
    expect(samePixels(a.png, renderPolarPng({ ...g, values }, scale, { size: 256 }).png)).toBe(true);
    expect(() => renderPolarPng({ ...g, codes, codeColors: colors }, scale)).toThrow(/256 code colours; Uint16Array codes need 65536/);
  });

  it('rasters of codes render as their values do', () => {
    const raster = { ...KLOT, columns: 50, rows: 40, cellSizeKm: 4, xMinKm: -100, yMaxKm: 80 };
    const codes = Uint8Array.from({ length: 2000 }, (_, i) => (i * 13) & 255);
    const a = renderRasterPng({ ...raster, codes, codeColors: colors }, scale, { size: 300 });
    const b = renderRasterPng({ ...raster, values: Float32Array.from(codes, (c) => codeValues[c]!) }, scale, { size: 300 });
    expect(samePixels(a.png, b.png)).toBe(true);
  });

  it('rejects codes that do not fit the grid with BAD_INPUT', () => {
    const g = geometry(100);
    for (const bad of [
      { ...g, codes: new Uint8Array(10), codeColors: colors },
      { ...g, codes: new Uint8Array(36_000), codeColors: new Uint32Array(16) },
    ]) {
      expect(() => renderPolarPng(bad, scale)).toThrow(RadomeError);
      expect(() => renderPolarPng(bad, scale)).toThrow(expect.objectContaining({ code: 'BAD_INPUT' }));
    }
  });
});
