import { describe, expect, it } from 'vitest';
import { decodeLevel3, decodeLevels, levelValueTable } from './index.js';
import { digitalRadialPacket, encodeLevel3, genericRadialPacket, rasterPacket, rleRadialPacket, textPacket } from '../../../test/fixtures/level3-encoder.js';

/** Deterministic pseudo-random levels with long runs, like real radar fields. */
function fieldLevels(count: number, max: number, seed = 7): Uint8Array {
  const out = new Uint8Array(count);
  let s = seed;
  let level = 0;
  for (let k = 0; k < count; k++) {
    s = (s * 1103515245 + 12345) >>> 0;
    if (s % 9 === 0) level = (s >>> 8) % (max + 1);
    out[k] = level;
  }
  return out;
}

const time = Date.UTC(2021, 0, 31, 11, 6, 30);

describe('Level 3 round trip through the test encoder', () => {
  it('decodes an AF1F run-length product (N0S-like, code 56) with its threshold table', () => {
    const binCount = 230;
    const levels = fieldLevels(360 * binCount, 15);
    // ND, -64, -50 … +64 kt, RF: flag byte 0x80 = code, 0x01 = negative.
    const thresholds = [0x8002, 0x0140, 0x0132, 0x0124, 0x0116, 0x010a, 0x0105, 0x0101, 0x0000, 0x0205, 0x020a, 0x0216, 0x0224, 0x0232, 0x0240, 0x8003];
    const halfwords: Record<number, number> = { 30: 15, 47: 0xffa0, 48: 90, 49: 0xffff, 51: 123, 52: 2345 };
    thresholds.forEach((t, k) => (halfwords[31 + k] = t));
    const bytes = encodeLevel3({
      productCode: 56,
      volumeScanTime: time,
      halfwords,
      layers: [[rleRadialPacket({ binCount, levels, startAngles: Array.from({ length: 360 }, (_, k) => (k + 26) % 360) })]],
      wmo: { heading: 'SDUS53 KLOT 311106', awipsId: 'N1SLOT' },
    });
    const p = decodeLevel3(bytes);
    expect(p.wmo).toMatchObject({ wmoId: 'SDUS53', office: 'KLOT', mnemonic: 'N1S', radarId: 'LOT' });
    expect(p.siteIcao).toBe('KLOT');
    expect(p.info?.code).toBe(56);
    expect(p.description.volumeScanTime).toBe(time);
    expect(p.description.elevationAngle).toBeCloseTo(1.5, 5);
    expect(p.description.params).toMatchObject({ maxNegativeVelocityKt: -96, maxPositiveVelocityKt: 90, averageStormSpeedKt: 12.3, averageStormDirectionDeg: 234.5 });
    const r = p.radial!;
    expect(r.packetCode).toBe(0xaf1f);
    expect([r.radialCount, r.binCount, r.binSizeKm]).toEqual([360, binCount, 1]);
    expect(Array.from(r.levels)).toEqual(Array.from(levels));
    expect(r.azimuths[0]).toBeCloseTo(26.5, 5);
    expect(r.azimuths[359]).toBeCloseTo(25.5, 5);
    expect(r.azimuthWidths[0]).toBeCloseTo(1, 5);
    const values = decodeLevels(p);
    const lut = [NaN, -64, -50, -36, -22, -10, -5, -1, 0, 5, 10, 22, 36, 50, 64, NaN];
    for (let k = 0; k < 2000; k++) expect(values[k]).toEqual(lut[levels[k]!]);
    expect(p.warnings).toEqual([]);
  });

  it('decodes a digital radial product (packet 16, N0Q-like, code 94) with min/increment coding', () => {
    const binCount = 461; // odd: radials carry a pad byte
    const levels = fieldLevels(360 * binCount, 255, 3);
    const p = decodeLevel3(
      encodeLevel3({
        productCode: 94,
        halfwords: { 30: 5, 31: 0xfec0, 32: 5, 33: 254, 47: 58 },
        layers: [[digitalRadialPacket({ binCount, levels })]],
      }),
    );
    expect(p.wmo).toBeNull();
    expect(p.siteIcao).toBeNull();
    expect(p.radial!.packetCode).toBe(16);
    expect(Array.from(p.radial!.levels)).toEqual(Array.from(levels));
    const lut = levelValueTable(p);
    expect([lut[0], lut[1], lut[2], lut[3], lut[255]]).toEqual([NaN, NaN, -32, -31.5, 94.5]);
    expect(p.description.params.maxReflectivityDbz).toBe(58);
  });

  it('decodes a bzip2-compressed product (DAA-like, code 170) with scale/offset floats', () => {
    const binCount = 920;
    const levels = fieldLevels(90 * binCount, 255, 11);
    // scale 7.79 (IEEE 0x40F9_47AE), offset 0.25 (0x3E80_0000), max level 255, 1 leading flag.
    const bytes = encodeLevel3({
      productCode: 170,
      halfwords: { 31: 0x40f9, 32: 0x47ae, 33: 0x3e80, 34: 0, 36: 255, 37: 1, 47: 3 },
      layers: [[digitalRadialPacket({ binCount, levels })]],
      tabularPages: [['ONE HOUR ACCUMULATION', 'page one line two'], ['second page']],
      compress: true,
    });
    const p = decodeLevel3(bytes);
    expect(p.compressed).toBe(true);
    expect(p.description.compressionMethod).toBe(1);
    expect(p.radial!.binSizeKm).toBe(0.25);
    expect(Array.from(p.radial!.levels)).toEqual(Array.from(levels));
    expect(p.tabular!.pages).toEqual([['ONE HOUR ACCUMULATION', 'page one line two'], ['second page']]);
    expect(p.tabular!.description!.productCode).toBe(170);
    const inches = decodeLevels(p);
    const mm = decodeLevels(p, { precipitationUnit: 'mm' });
    const k = levels.indexOf(200);
    expect(inches[k]).toBeCloseTo(((200 - 0.25) / 7.79) * 0.01, 5);
    expect(mm[k]).toBeCloseTo(inches[k]! * 25.4, 4);
    expect(inches[levels.indexOf(0)]).toBeNaN();
    expect(p.warnings).toEqual([]);
  });

  it('decodes a raster product (BA07, NCR-like, code 37) row by row', () => {
    const rows = 116;
    const cols = 116;
    const levels = fieldLevels(rows * cols, 15, 5);
    const p = decodeLevel3(encodeLevel3({ productCode: 37, layers: [[rasterPacket(rows, cols, levels)]] }));
    const img = p.raster!;
    expect([img.packetCode, img.rows, img.cols, img.cellSizeKm]).toEqual([0xba07, rows, cols, 1]);
    expect(Array.from(img.levels)).toEqual(Array.from(levels));
    expect(p.radial).toBeNull();
  });

  it('decodes a generic packet 28 radial component (DPR-like, code 176) into 16-bit levels', () => {
    const binCount = 40;
    const levels = Uint16Array.from({ length: 36 * binCount }, (_, k) => (k * 37) % 3000);
    const p = decodeLevel3(
      encodeLevel3({
        productCode: 176,
        // scale 1000 (0x447A_0000), offset 0, max level 65535, 1 leading flag.
        halfwords: { 31: 0x447a, 32: 0, 36: 0xffff, 37: 1 },
        layers: [[genericRadialPacket({ productCode: 176, binCount, levels, binSizeKm: 0.25 })]],
      }),
    );
    const packet = p.symbology!.layers[0]![0]!;
    expect(packet.kind).toBe('generic');
    if (packet.kind !== 'generic') return;
    expect(packet.product).toMatchObject({ name: 'DPR', radarName: 'KTST', vcp: 215, parameters: [['param', 'value']] });
    expect(p.radial!.radialCount).toBe(36);
    expect(p.radial!.levels).toBeInstanceOf(Uint16Array);
    expect(Array.from(p.radial!.levels)).toEqual(Array.from(levels));
    expect(p.radial!.azimuths[1]).toBeCloseTo(15, 4);
    const rate = decodeLevels(p);
    expect(rate[5]).toBeCloseTo(levels[5]! / 1000, 6);
    expect(rate[0]).toBeNaN();
  });

  it('keeps text packets and several layers in order', () => {
    const p = decodeLevel3(
      encodeLevel3({
        productCode: 170,
        halfwords: { 30: 2 },
        layers: [[textPacket(1, 7, 9, 'No precipitation detected')], [textPacket(8, -3, 4, 'odd', 5), textPacket(2, 1, 2, '! ')]],
      }),
    );
    expect(p.symbology!.layers).toEqual([
      [{ kind: 'text', code: 1, value: null, i: 7, j: 9, text: 'No precipitation detected ' }],
      [
        { kind: 'text', code: 8, value: 5, i: -3, j: 4, text: 'odd ' },
        { kind: 'text', code: 2, value: null, i: 1, j: 2, text: '! ' },
      ],
    ]);
    expect(p.description.params.nullProductFlag).toBe(2);
    expect(() => decodeLevels(p)).toThrow(/no radial or raster image.*null product flag 2/);
  });

  it('decodes contour, wind barb, arrow and precipitation-array packets built by hand', () => {
    const halfwords = (...words: number[]): Uint8Array => {
      const out = new Uint8Array(words.length * 2);
      words.forEach((w, k) => new DataView(out.buffer).setUint16(2 * k, w & 0xffff));
      return out;
    };
    const contourValue = halfwords(0x0802, 0x0002, 7);
    const linkedContour = halfwords(0x0e03, 0x8000, 10, -20, 8, 11, -21, 12, -22);
    const unlinkedContour = halfwords(0x3501, 8, 1, 2, 3, 4);
    const windBarb = halfwords(4, 10, 3, 40, -80, 270, 35);
    const arrow = halfwords(5, 10, 5, 6, 90, 12, 4);
    // Packet 17: 3 boxes × 2 rows; row 1 = runs (2 × 5, 1 × 7), row 2 = (3 × 9).
    const dpa = new Uint8Array([...halfwords(17, 0, 0, 3, 2, 4), 2, 5, 1, 7, ...halfwords(2), 3, 9]);
    const p = decodeLevel3(encodeLevel3({ productCode: 81, layers: [[contourValue, linkedContour, unlinkedContour], [windBarb, arrow], [dpa]] }));
    const [contours, symbols, grid] = p.symbology!.layers;
    expect(contours![0]).toEqual({ kind: 'contour-value', code: 0x0802, value: 7 });
    expect(contours![1]).toMatchObject({ kind: 'vectors', code: 0x0e03, linked: true });
    expect(Array.from((contours![1] as { coords: Int16Array }).coords)).toEqual([10, -20, 11, -21, 12, -22]);
    expect(Array.from((contours![2] as { coords: Int16Array }).coords)).toEqual([1, 2, 3, 4]);
    expect(symbols).toEqual([
      { kind: 'wind-barbs', code: 4, barbs: [{ value: 3, i: 40, j: -80, directionDeg: 270, speedKt: 35 }] },
      { kind: 'vector-arrows', code: 5, arrows: [{ i: 5, j: 6, directionDeg: 90, length: 12, headLength: 4 }] },
    ]);
    expect(grid![0]).toMatchObject({ kind: 'raster', code: 17 });
    expect([p.raster!.rows, p.raster!.cols, p.raster!.cellSizeKm]).toEqual([2, 3, 4]);
    expect(Array.from(p.raster!.levels)).toEqual([5, 5, 7, 9, 9, 9]);
  });
});
