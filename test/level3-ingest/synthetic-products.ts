// Level 3 products made at test time by the project's own encoder (test/fixtures/level3-encoder.ts),
// covering each ingest path: a rendered radial product with classes, a precipitation product with
// scale/offset levels, a raster, a graphic product, a null product.
import { digitalRadialPacket, encodeLevel3, rasterPacket, rleRadialPacket, textPacket } from '../fixtures/level3-encoder.js';

export const SCAN_TIME = Date.UTC(2021, 0, 31, 11, 6, 30);

/** Halfwords (hi, lo) of an IEEE float32, as scale/offset products store them. */
export function floatHalfwords(v: number): [number, number] {
  const view = new DataView(new ArrayBuffer(4));
  view.setFloat32(0, v);
  return [view.getUint16(0), view.getUint16(2)];
}

export interface Patch {
  /** Radial index (radial k covers k … k+1 degrees) and bin range, inclusive. */
  radials: [number, number];
  bins: [number, number];
  level: number;
}

/** radialCount × binCount levels, 0 but for the patches. */
export function patchedLevels(radialCount: number, binCount: number, patches: Patch[]): Uint8Array {
  const levels = new Uint8Array(radialCount * binCount);
  for (const p of patches) {
    for (let r = p.radials[0]; r <= p.radials[1]; r++) for (let b = p.bins[0]; b <= p.bins[1]; b++) levels[r * binCount + b] = p.level;
  }
  return levels;
}

/** A hydrometeor classification (code 165, N0H at 0.5°), bzip2-compressed, with a WMO heading. */
export function hydrometeorProduct(opts: { patches?: Patch[]; scanTime?: number; awipsId?: string; binCount?: number } = {}): Uint8Array {
  const binCount = opts.binCount ?? 400;
  const patches = opts.patches ?? [
    { radials: [40, 49], bins: [100, 140], level: 60 }, // RA
    { radials: [200, 209], bins: [200, 230], level: 100 }, // HA
  ];
  return encodeLevel3({
    productCode: 165,
    volumeScanTime: opts.scanTime ?? SCAN_TIME,
    halfwords: { 30: 5 },
    layers: [[digitalRadialPacket({ binCount, levels: patchedLevels(360, binCount, patches), rangeScale: 250 })]],
    compress: true,
    wmo: { heading: 'SDUS53 KLOT 311106', awipsId: opts.awipsId ?? 'N0HLOT' },
  });
}

/**
 * A digital accumulation (code 170, DAA): level N is N/100 inches (scale 1, offset 0, level 0 a
 * flag), no elevation (bins on the ground). No WMO heading: the site comes from the position.
 * `maxTenths` is the maximum accumulation it states (halfword 47, tenths of an inch; 12 unless
 * told).
 */
export function accumulationProduct(opts: { patches?: Patch[]; scanTime?: number; latitude?: number; longitude?: number; maxTenths?: number } = {}): Uint8Array {
  const binCount = 400;
  const patches = opts.patches ?? [{ radials: [90, 99], bins: [150, 180], level: 120 }];
  const [s1, s2] = floatHalfwords(1);
  const [o1, o2] = floatHalfwords(0);
  return encodeLevel3({
    productCode: 170,
    volumeScanTime: opts.scanTime ?? SCAN_TIME,
    latitude: opts.latitude,
    longitude: opts.longitude,
    halfwords: { 31: s1, 32: s2, 33: o1, 34: o2, 36: 255, 37: 1, 38: 0, 47: opts.maxTenths ?? 12, 48: 1, 49: 660 },
    layers: [[digitalRadialPacket({ binCount, levels: patchedLevels(360, binCount, patches), rangeScale: 250 })]],
    compress: true,
  });
}

/** A storm-relative velocity (code 56, N0S at 0.5°), 16 levels run-length encoded, threshold table. */
export function velocityProduct(): Uint8Array {
  const binCount = 230;
  const thresholds = [0x8002, 0x0140, 0x0132, 0x0124, 0x0116, 0x010a, 0x0105, 0x0101, 0x0000, 0x0205, 0x020a, 0x0216, 0x0224, 0x0232, 0x0240, 0x8003];
  const halfwords: Record<number, number> = { 30: 5 };
  thresholds.forEach((t, k) => (halfwords[31 + k] = t));
  return encodeLevel3({
    productCode: 56,
    volumeScanTime: SCAN_TIME,
    halfwords,
    layers: [[rleRadialPacket({ binCount, levels: patchedLevels(360, binCount, [{ radials: [0, 359], bins: [10, 60], level: 12 }]) })]],
    wmo: { heading: 'SDUS53 KLOT 311106', awipsId: 'N0SLOT' },
  });
}

/** A composite reflectivity raster (code 37, NCR): 1 km cells, 8 dBZ steps from 0. */
export function rasterProduct(): Uint8Array {
  const rows = 100;
  const cols = 100;
  const levels = new Uint8Array(rows * cols);
  for (let r = 40; r < 50; r++) for (let c = 60; c < 70; c++) levels[r * cols + c] = 7;
  const halfwords: Record<number, number> = {};
  for (let k = 0; k < 16; k++) halfwords[31 + k] = k === 0 ? 0x8002 : k * 5;
  return encodeLevel3({
    productCode: 37,
    volumeScanTime: SCAN_TIME,
    halfwords,
    layers: [[rasterPacket(rows, cols, levels, { iStart: -cols * 2, jStart: rows * 2, scale: 4 })]],
    wmo: { heading: 'SDUS53 KLOT 311106', awipsId: 'NCRLOT' },
  });
}

/** A storm tracking product (code 58, NST): text packets only. */
export function graphicProduct(): Uint8Array {
  return encodeLevel3({
    productCode: 58,
    volumeScanTime: SCAN_TIME,
    halfwords: { 47: 2 },
    layers: [[textPacket(1, 100, -40, 'A0'), textPacket(1, -80, 60, 'B1')]],
    tabularPages: [['  STORM ID  A0    B1', '  AZ/RAN  112/ 27  230/ 40']],
    wmo: { heading: 'SDUS53 KLOT 311106', awipsId: 'NSTLOT' },
  });
}

/**
 * A DAA the RPG flagged as null (halfword 30 = 5): no symbology at all, like the real 222-byte file
 * (an hour after SCAN_TIME unless told). Halfword 47 says 9.9 in, which must not count.
 */
export function nullAccumulationProduct(scanTime = SCAN_TIME + 3_600_000): Uint8Array {
  return encodeLevel3({ productCode: 170, volumeScanTime: scanTime, halfwords: { 30: 5, 47: 99 }, wmo: { heading: 'SDUS53 KLOT 311206', awipsId: 'DAALOT' } });
}
