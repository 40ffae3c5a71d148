import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RadomeError } from '../../core/errors.js';
import { decodeArchiveII } from '../decode/level2/index.js';
import { decodeLevel3 } from '../decode/level3/index.js';
import { locationOf, polarGridOf } from '../level2/plan.js';
import { renderProduct } from '../level3/product-render.js';
import { codePalette } from './code-palette.js';
import { packRgba, type ColorScale } from './color-scale.js';
import { colorScaleForMoment, hydrometeorClassScale, precipitationInchesScale } from './color-tables.js';
import { dataLevelColorScale } from './data-level-scale.js';
import { codeColors } from './gate-codes.js';
import { encodeIndexedPng, IndexedPngWriter, StreamingIndexedPngWriter } from './png-encode.js';
import { renderPolarPng, SweepRenderer } from './render-polar.js';
import { renderRasterPng } from './render-raster.js';
import type { CodedGates, CodedPolarGrid, RenderedOverlay } from './types.js';
import { sampleFile, skipReason } from '../../test/sample-data.js';
import { decodePng } from '../../test/render/oracle.js';

// Overlays whose colours fit a palette are indexed-colour PNGs (PLTE + tRNS); they must decode to
// exactly the RGBA pixels the RGBA encoder writes for the same grid, transparent included.

const KLOT = { latitude: 41.6045, longitude: -88.0847, heightM: 222 };
const LEVEL2 = 'nexrad/level2/KLOT20220317_000842_V06';
const LEVEL3_DIR = 'nexrad/level3';

/** PNG colour type from the IHDR chunk (byte 25 of the file). */
const colorType = (png: Uint8Array): number => png[25]!;

/** Names of the chunks of a PNG file, in order. */
function chunkNames(png: Uint8Array): string[] {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const names: string[] = [];
  for (let at = 8; at < png.length; at += 12 + view.getUint32(at)) names.push(Buffer.from(png.subarray(at + 4, at + 8)).toString('latin1'));
  return names;
}

/**
 * The same gates as 16-bit codes whose colour table also holds 300 distinct colours no gate uses:
 * too many for a palette, so the renderer must fall back to RGBA for the very same pixels.
 */
function forcedRgba<G extends CodedGates>(grid: G): G {
  const used = new Uint8Array(65536);
  for (const code of grid.codes) used[code] = 1;
  const colors = new Uint32Array(65536);
  colors.set(grid.codeColors);
  for (let code = 0, added = 0; added < 300; code++) if (!used[code]) colors[code] = packRgba(added & 255, added++ >> 8, 77, 255);
  return { ...grid, codes: Uint16Array.from(grid.codes), codeColors: colors };
}

function expectSamePixels(indexed: RenderedOverlay, rgba: RenderedOverlay, what: string): void {
  expect(colorType(indexed.png), what).toBe(3);
  expect(colorType(rgba.png), what).toBe(6);
  expect(indexed.bbox, what).toEqual(rgba.bbox);
  expect(indexed.corners, what).toEqual(rgba.corners);
  expect(indexed.legend, what).toEqual(rgba.legend);
  expect(indexed.geometry, what).toEqual(rgba.geometry);
  const a = decodePng(indexed.png);
  const b = decodePng(rgba.png);
  expect([a.width, a.height], what).toEqual([b.width, b.height]);
  const pa = new Uint32Array(a.data.buffer, a.data.byteOffset, a.width * a.height);
  const pb = new Uint32Array(b.data.buffer, b.data.byteOffset, b.width * b.height);
  let differing = 0;
  for (let i = 0; i < pa.length; i++) if (pa[i] !== pb[i]) differing++;
  expect(differing, `${what}: pixels that differ`).toBe(0);
}

describe('code palettes', () => {
  it('put transparent at index 0 and give every code the index of its exact colour, alpha included', () => {
    const half = packRgba(10, 20, 30, 128);
    const clearButColoured = packRgba(200, 100, 50, 0);
    const red = packRgba(255, 0, 0, 255);
    const colors = Uint32Array.of(red, red, 0, half, clearButColoured, red, half);
    const palette = codePalette(colors)!;
    expect([...palette.colors]).toEqual([0, red, half, clearButColoured]);
    expect([...palette.codeIndex]).toEqual([1, 1, 0, 2, 3, 1, 2]);
    for (let c = 0; c < colors.length; c++) expect(palette.colors[palette.codeIndex[c]!]).toBe(colors[c]);
  });

  it('hold up to 255 colours besides transparent, and give up beyond', () => {
    const fits = Uint32Array.from({ length: 65536 }, (_, c) => (c % 300 < 255 ? packRgba(c % 300, 1, 2, 255) : 0));
    const palette = codePalette(fits)!;
    expect(palette.colors.length).toBe(256);
    for (let c = 0; c < fits.length; c += 97) expect(palette.colors[palette.codeIndex[c]!]).toBe(fits[c]);
    const tooMany = Uint32Array.from({ length: 256 }, (_, c) => packRgba(c, 1, 2, 255));
    expect(codePalette(tooMany)).toBeNull();
  });

  it('cover every colour scale radome has (each Level 2 moment, classes, precipitation, data levels)', () => {
    const scales: [string, ColorScale][] = [
      ...(['REF', 'VEL', 'SW', 'ZDR', 'PHI', 'RHO', 'CFP'] as const).map((m): [string, ColorScale] => [m, colorScaleForMoment(m)]),
      ['REF clear air', colorScaleForMoment('REF', { clearAir: true })],
      ['hydrometeor classes', hydrometeorClassScale()],
      ['precipitation', precipitationInchesScale()],
      [
        '256 data levels',
        dataLevelColorScale(
          'm/s',
          Float32Array.from({ length: 256 }, (_, c) => (c < 2 ? NaN : c * 0.37 - 40)),
        ),
      ],
      [
        '65536 data levels',
        dataLevelColorScale(
          'kg/m²',
          Float32Array.from({ length: 65536 }, (_, c) => c / 10),
        ),
      ],
    ];
    for (const [name, scale] of scales) {
      const palette = codePalette(scale.lut.colors);
      expect(palette, name).not.toBeNull();
      expect(palette!.colors.length, name).toBe(new Set([0, ...scale.lut.colors]).size);
    }
  });
});

describe('indexed PNG encoder', () => {
  it('round-trips indices through pngjs as their palette colours, with per-entry alpha from tRNS', () => {
    const palette = Uint32Array.of(0, packRgba(1, 2, 3, 255), packRgba(250, 128, 7, 64), packRgba(9, 9, 9, 255));
    for (const [w, h] of [
      [1, 1],
      [7, 3],
      [64, 33],
    ] as const) {
      const indices = Uint8Array.from({ length: w * h }, (_, i) => (i * 7 + (i >> 3)) % palette.length);
      const png = encodeIndexedPng(indices, w, h, palette);
      expect(colorType(png)).toBe(3);
      expect(chunkNames(png)).toEqual(['IHDR', 'PLTE', 'tRNS', 'IDAT', 'IEND']);
      const img = decodePng(png);
      const expected = new Uint8Array(new Uint32Array(Array.from(indices, (i) => palette[i]!)).buffer);
      expect(Buffer.from(img.data).equals(Buffer.from(expected))).toBe(true);
    }
  });

  it('writes no tRNS when every colour is opaque', () => {
    const png = encodeIndexedPng(Uint8Array.of(0, 1), 2, 1, Uint32Array.of(packRgba(5, 5, 5, 255), packRgba(6, 6, 6, 255)));
    expect(chunkNames(png)).toEqual(['IHDR', 'PLTE', 'IDAT', 'IEND']);
    expect([...decodePng(png).data]).toEqual([5, 5, 5, 255, 6, 6, 6, 255]);
  });

  it('streamed (rows deflated on the pool as written, palette given at the end) is byte for byte the file written whole', async () => {
    // 1,700 × 900: scanlines over a megabyte, so the stream gets several pieces; runs and speckle as radar rows have.
    const width = 1700;
    const height = 900;
    const palette = Uint32Array.from({ length: 40 }, (_, i) => (i === 0 ? 0 : packRgba(i * 6, 255 - i * 5, i * 3, i % 3 === 0 ? 0x80 : 255)));
    const whole = new IndexedPngWriter(width, height, palette);
    const streamed = new StreamingIndexedPngWriter(width, height);
    const row = new Uint8Array(width);
    let seed = 7;
    for (let r = 0; r < height; r++) {
      for (let c = 0; c < width; c++) {
        seed = (seed * 1103515245 + 12345) >>> 0;
        row[c] = c < r % 300 ? 0 : seed % 7 === 0 ? seed % 40 : (c >> 5) % 40;
      }
      whole.writeRow(row);
      streamed.writeRow(row);
    }
    const png = await streamed.finishWith(palette);
    expect(Buffer.compare(Buffer.from(png), Buffer.from(whole.finish()))).toBe(0);
  });

  it('rows set in place (blankRow) make the file rows copied in make, in memory an earlier file left dirty', () => {
    const palette = Uint32Array.of(0, packRgba(1, 2, 3, 255), packRgba(4, 5, 6, 255));
    const rows = Array.from({ length: 40 }, (_, r) => Uint8Array.from({ length: 50 }, (_, c) => (c > r && (c * r) % 7 === 0 ? 1 + ((c + r) % 2) : 0)));
    // An earlier image of non-zero indices leaves its scanline memory to the next writer.
    encodeIndexedPng(new Uint8Array(60 * 45).fill(2), 60, 45, palette);
    const inPlace = new IndexedPngWriter(50, 40, palette);
    for (const row of rows) {
      const blank = inPlace.blankRow();
      expect(blank.every((i) => i === 0)).toBe(true);
      row.forEach((index, c) => {
        if (index !== 0) blank[c] = index;
      });
    }
    const copied = new IndexedPngWriter(50, 40, palette);
    for (const row of rows) copied.writeRow(row);
    expect(Buffer.compare(Buffer.from(inPlace.finish()), Buffer.from(copied.finish()))).toBe(0);
  });

  it('rejects bad palettes, indices past the palette, wrong row widths and row counts', () => {
    expect(() => new IndexedPngWriter(2, 2, new Uint32Array(0))).toThrow(/1 to 256 colours, not 0/);
    expect(() => new IndexedPngWriter(2, 2, new Uint32Array(257))).toThrow(RadomeError);
    expect(() => encodeIndexedPng(Uint8Array.of(0, 2), 2, 1, new Uint32Array(2))).toThrow(/index 2 .* 2 colours/);
    expect(() => encodeIndexedPng(new Uint8Array(3), 2, 1, new Uint32Array(2))).toThrow(RadomeError);
    const writer = new IndexedPngWriter(2, 2, new Uint32Array(1));
    expect(() => writer.writeRow(new Uint8Array(3))).toThrow(/row of 3 indices; the image is 2 wide/);
    writer.writeRow(new Uint8Array(2));
    expect(() => writer.finish()).toThrow(/1 of its 2 rows/);
    writer.writeRow(new Uint8Array(2));
    expect(() => writer.writeRow(new Uint8Array(2))).toThrow(RadomeError);
    expect(decodePng(writer.finish()).height).toBe(2);
  });
});

describe('indexed overlays', () => {
  const scale = colorScaleForMoment('REF', { clearAir: true });
  const codeValues = Float32Array.from({ length: 256 }, (_, c) => (c < 2 ? NaN : (c - 66) / 2));
  const colors = codeColors(scale, codeValues);

  it('decode to the pixels of the RGBA overlay of the same polar grid, no data transparent', () => {
    const radialCount = 360;
    const gateCount = 500;
    const grid: CodedPolarGrid = {
      ...KLOT,
      elevationAngle: 0.5,
      radialCount,
      gateCount,
      azimuths: Float32Array.from({ length: radialCount }, (_, i) => (i * 1.01 + 0.3) % 360),
      azimuthWidth: 1,
      firstGateKm: 2.125,
      gateSpacingKm: 0.25,
      // Every code (flags 0 and 1 too) in patches, and a sector with no data at all.
      codes: Uint8Array.from({ length: radialCount * gateCount }, (_, i) => (Math.floor(i / gateCount) < 40 ? 0 : ((i >> 4) * 37) & 255)),
      codeColors: colors,
    };
    const indexed = renderPolarPng(grid, scale, { size: 384 });
    const rgba = renderPolarPng(forcedRgba(grid), scale, { size: 384 });
    expectSamePixels(indexed, rgba, 'polar');
    const img = decodePng(indexed.png);
    const alphas = new Set(img.data.filter((_, i) => i % 4 === 3));
    expect(alphas).toEqual(new Set([0, 255]));
    // Through a SweepRenderer (pixel maps kept) too.
    expectSamePixels(new SweepRenderer(384).render(grid, scale), rgba, 'polar, sweep renderer');
  });

  it('decode to the pixels of the RGBA overlay of the same raster', () => {
    const raster = { ...KLOT, columns: 60, rows: 45, cellSizeKm: 2, xMinKm: -70, yMaxKm: 40 };
    const grid = { ...raster, codes: Uint8Array.from({ length: 60 * 45 }, (_, i) => (i * 13) & 255), codeColors: colors };
    expectSamePixels(renderRasterPng(grid, scale, { size: 300 }), renderRasterPng(forcedRgba(grid), scale, { size: 300 }), 'raster');
  });

  it('of physical values are indexed too', () => {
    const radialCount = 90;
    const values = Float32Array.from({ length: radialCount * 200 }, (_, i) => (i % 11 === 0 ? NaN : (i % 160) - 30));
    const grid = {
      ...KLOT,
      elevationAngle: 0.5,
      radialCount,
      gateCount: 200,
      azimuths: Float32Array.from({ length: radialCount }, (_, i) => i * 4 + 2),
      azimuthWidth: 4,
      firstGateKm: 1,
      gateSpacingKm: 1,
      values,
    };
    const overlay = renderPolarPng(grid, scale, { size: 200 });
    expect(colorType(overlay.png)).toBe(3);
    expect(chunkNames(overlay.png)).toEqual(['IHDR', 'PLTE', 'tRNS', 'IDAT', 'IEND']);
  });
});

const level2 = sampleFile(LEVEL2);
if (!level2) console.warn(skipReason(LEVEL2));

describe.skipIf(!level2)('indexed overlays of the real Level 2 sample', () => {
  it('decode to the RGBA overlays of the same grids, every moment of the two lowest sweeps', () => {
    const volume = decodeArchiveII(readFileSync(level2!));
    const renderer = new SweepRenderer(768);
    let compared = 0;
    for (const sweep of volume.sweeps.slice(0, 2)) {
      for (const moment of Object.values(sweep.moments)) {
        const momentScale = colorScaleForMoment(moment.moment);
        const grid = polarGridOf(locationOf(volume), sweep, moment, momentScale);
        expectSamePixels(renderer.render(grid, momentScale), renderPolarPng(forcedRgba(grid), momentScale, { size: 768 }), `sweep ${sweep.elevationNumber} ${moment.moment}`);
        compared++;
      }
    }
    expect(compared).toBeGreaterThanOrEqual(4);
  });
});

const level3Dir = sampleFile(LEVEL3_DIR);
if (!level3Dir) console.warn(skipReason(LEVEL3_DIR));

describe.skipIf(!level3Dir)('rendered products of the real Level 3 samples', () => {
  it('are all indexed-colour PNGs', () => {
    let rendered = 0;
    for (const name of readdirSync(level3Dir!)) {
      const product = decodeLevel3(readFileSync(join(level3Dir!, name)));
      // As ingest decides: products with coded radial or raster data are rendered.
      if (!product.info || product.info.coding.kind === 'none' || (!product.radial && !product.raster)) continue;
      const { overlay } = renderProduct(product, 256);
      expect(colorType(overlay.png), name).toBe(3);
      rendered++;
    }
    expect(rendered).toBeGreaterThanOrEqual(5);
  });
});
