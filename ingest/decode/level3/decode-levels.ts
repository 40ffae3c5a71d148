import { RadomeError } from '../../../core/errors.js';
import { halfwordsToFloat32 } from './product-description.js';
import { HYDROMETEOR_CLASSES, MM_PER_INCH, type LevelCoding } from './products.js';
import type { Level3Product, ProductDescription } from './types.js';

export interface DecodeLevelsOptions {
  /** Units for precipitation products: inches (default, as the ICD codes them) or millimetres. */
  precipitationUnit?: 'in' | 'mm';
}

/** Halfword `hw` (31-53) of the description, unsigned. */
const hw = (d: ProductDescription, n: number): number => d.dependent[n - 27]!;
const signed = (v: number): number => (v << 16) >> 16;

/**
 * NEXRAD 16-bit float (ICD 2620001, used by DVL): sign bit, 5-bit exponent biased by 16, 10-bit
 * fraction; exponent 0 is denormal (2 × fraction / 1024). Not IEEE half precision.
 */
export function nexradFloat16(v: number): number {
  const sign = v & 0x8000 ? -1 : 1;
  const exponent = (v >> 10) & 0x1f;
  const fraction = v & 0x3ff;
  return sign * (exponent === 0 ? (2 * fraction) / 1024 : 2 ** (exponent - 16) * (1 + fraction / 1024));
}

/** 8/16-level threshold table: flag bits in the high byte, value in the low byte. */
function thresholdTable(d: ProductDescription, lut: Float32Array): void {
  for (let level = 0; level < 16; level++) {
    const word = hw(d, 31 + level);
    const flags = word >> 8;
    // Bit 7: the value is a code (blank, TH, ND, RF …), not a number.
    if (flags & 0x80) continue;
    const scale = flags & 0x40 ? 0.01 : flags & 0x20 ? 0.05 : flags & 0x10 ? 0.1 : 1;
    // Bit 0: negative. Bits 1-3 (+, <, >) qualify the value without changing it.
    lut[level] = (flags & 0x01 ? -1 : 1) * (word & 0xff) * scale;
  }
}

function minIncrement(d: ProductDescription, c: Extract<LevelCoding, { kind: 'min-increment' }>, lut: Float32Array): void {
  const min = signed(hw(d, 31)) * c.minScale;
  const increment = signed(hw(d, 32)) * c.incrementScale;
  const count = Math.min(hw(d, 33), lut.length - c.firstLevel);
  for (let k = 0; k < count; k++) lut[c.firstLevel + k] = min + k * increment;
}

function scaleOffset(d: ProductDescription, unitScale: number, lut: Float32Array): void {
  const scale = halfwordsToFloat32(hw(d, 31), hw(d, 32));
  const offset = halfwordsToFloat32(hw(d, 33), hw(d, 34));
  if (!(scale !== 0 && Number.isFinite(scale) && Number.isFinite(offset))) return;
  const maxLevel = Math.min(hw(d, 36) || lut.length - 1, lut.length - 1);
  const leading = hw(d, 37);
  const trailing = hw(d, 38);
  for (let level = leading; level <= maxLevel - trailing; level++) lut[level] = ((level - offset) / scale) * unitScale;
}

function vilLog(d: ProductDescription, lut: Float32Array): void {
  const linScale = nexradFloat16(hw(d, 31));
  const linOffset = nexradFloat16(hw(d, 32));
  const logStart = hw(d, 33);
  const logScale = nexradFloat16(hw(d, 34));
  const logOffset = nexradFloat16(hw(d, 35));
  // 0 below threshold, 1 flagged, 255 reserved.
  for (let level = 2; level < 255; level++) {
    lut[level] = level < logStart ? (level - linOffset) / linScale : Math.exp((level - logOffset) / logScale);
  }
}

function echoTop(d: ProductDescription, lut: Float32Array): void {
  const mask = hw(d, 31);
  const scale = hw(d, 32);
  const offset = hw(d, 33);
  if (!scale) return;
  for (let level = 2; level < 256; level++) lut[level] = ((level & mask) - offset) / scale;
}

/**
 * Physical value of every data level of the product (index = level), NaN for levels that are
 * flags (below threshold, no data, range folded) or unused. Hydrometeor products give their class
 * code (10 BI … 150 RF, see HYDROMETEOR_CLASSES); precipitation products inches (or mm).
 */
export function levelValueTable(product: Level3Product, options: DecodeLevelsOptions = {}): Float32Array {
  const info = product.info;
  if (!info || info.coding.kind === 'none') {
    throw new RadomeError('UNSUPPORTED', `product code ${product.description.productCode} has no data-level coding radome knows`);
  }
  const d = product.description;
  const wide = product.radial?.levels instanceof Uint16Array;
  const lut = new Float32Array(wide ? 65536 : 256).fill(NaN);
  const c = info.coding;
  switch (c.kind) {
    case 'threshold-table':
      thresholdTable(d, lut);
      break;
    case 'min-increment':
      minIncrement(d, c, lut);
      break;
    case 'scale-offset':
      scaleOffset(d, c.unitScale, lut);
      break;
    case 'hydrometeor-class':
      for (const cls of HYDROMETEOR_CLASSES) if (cls.code !== 0) lut[cls.code] = cls.code;
      break;
    case 'vil-log':
      vilLog(d, lut);
      break;
    case 'echo-top':
      echoTop(d, lut);
      break;
  }
  if (options.precipitationUnit === 'mm' && info.category === 'PRECIPITATION' && info.units.startsWith('in')) {
    for (let k = 0; k < lut.length; k++) lut[k] = lut[k]! * MM_PER_INCH;
  }
  return lut;
}

/**
 * Physical values of the product's radial or raster image, same layout as its `levels`
 * (radial-major or row-major); NaN = no data / below threshold / range folded.
 */
export function decodeLevels(product: Level3Product, options: DecodeLevelsOptions = {}): Float32Array {
  const levels = product.radial?.levels ?? product.raster?.levels;
  if (!levels) {
    const flag = product.description.params.nullProductFlag;
    throw new RadomeError('NOT_FOUND', `product code ${product.description.productCode} has no radial or raster image to decode` + (flag ? ` (null product flag ${flag})` : ''));
  }
  const lut = levelValueTable(product, options);
  const out = new Float32Array(levels.length);
  for (let k = 0; k < levels.length; k++) out[k] = lut[levels[k]!]!;
  return out;
}
