import type { ByteReader } from './byte-reader.js';
import type { Level3ProductInfo, ParamSpec } from './products.js';
import type { MessageHeader, OperationalMode, ProductDescription } from './types.js';

export const MESSAGE_HEADER_BYTES = 18;
export const DESCRIPTION_BYTES = 102;
/** Message header + product description: where symbology starts, and where bzip2 data starts. */
export const HEADERS_BYTES = MESSAGE_HEADER_BYTES + DESCRIPTION_BYTES;

const DAY_MS = 86_400_000;

/** NEXRAD dates count days with 1 = 1970-01-01. */
export function nexradTime(day: number, secondsOfDay: number): number {
  return (day - 1) * DAY_MS + secondsOfDay * 1000;
}

export function readMessageHeader(r: ByteReader, at: number): MessageHeader {
  r.need(at, MESSAGE_HEADER_BYTES, 'message header');
  return {
    code: r.i16(at, 'message code'),
    time: nexradTime(r.u16(at + 2, 'message date'), r.u32(at + 4, 'message time')),
    lengthBytes: r.u32(at + 8, 'message length'),
    sourceId: r.i16(at + 12, 'source id'),
    destinationId: r.i16(at + 14, 'destination id'),
    blockCount: r.u16(at + 16, 'number of blocks'),
  };
}

const MODES: Record<number, OperationalMode> = { 0: 'maintenance', 1: 'clear-air', 2: 'precipitation' };

/** Byte offset of ICD halfword `hw` (1-based from the message header) relative to the header. */
const hwOffset = (hw: number): number => (hw - 1) * 2;

/** Reads the product description block of the message whose header starts at `at`. */
export function readProductDescription(r: ByteReader, at: number, infoFor: (code: number) => Level3ProductInfo | null): ProductDescription {
  const base = at + MESSAGE_HEADER_BYTES;
  r.need(base, DESCRIPTION_BYTES, 'product description block');
  const divider = r.i16(base, 'product description divider');
  if (divider !== -1) r.fail(base, `product description block divider is ${divider}, expected -1`);
  const hw = (n: number): number => at + hwOffset(n);
  const productCode = r.i16(hw(16), 'product code');
  const info = infoFor(productCode);
  const dependent = new Uint16Array(27);
  for (let i = 0; i < 27; i++) dependent[i] = r.u16(hw(27 + i), `halfword ${27 + i}`);
  const modeCode = r.i16(hw(17), 'operational mode');
  const compressible = info?.compressible ?? false;
  return {
    latitude: r.i32(hw(11), 'latitude') / 1000,
    longitude: r.i32(hw(13), 'longitude') / 1000,
    heightFt: r.i16(hw(15), 'height'),
    heightM: r.i16(hw(15), 'height') * 0.3048,
    productCode,
    operationalMode: MODES[modeCode] ?? 'unknown',
    operationalModeCode: modeCode,
    vcp: r.i16(hw(18), 'VCP'),
    sequenceNumber: r.i16(hw(19), 'sequence number'),
    volumeScanNumber: r.i16(hw(20), 'volume scan number'),
    volumeScanTime: nexradTime(r.u16(hw(21), 'volume scan date'), r.u32(hw(22), 'volume scan time')),
    generationTime: nexradTime(r.u16(hw(24), 'generation date'), r.u32(hw(25), 'generation time')),
    elevationNumber: r.i16(hw(29), 'elevation number'),
    elevationAngle: info?.hasElevation ? toInt16(dependent[3]!) / 10 : null,
    dependent,
    params: info ? readParams(dependent, info.params) : {},
    compressionMethod: compressible ? dependent[51 - 27]! : 0,
    uncompressedSize: compressible ? dependent[52 - 27]! * 65536 + dependent[53 - 27]! : 0,
    version: r.u8(hw(54), 'version'),
    spotBlank: r.u8(hw(54) + 1, 'spot blank') === 1,
    symbologyOffset: r.u32(hw(55), 'offset to symbology'),
    graphicOffset: r.u32(hw(57), 'offset to graphic'),
    tabularOffset: r.u32(hw(59), 'offset to tabular'),
  };
}

const toInt16 = (v: number): number => (v << 16) >> 16;

/** IEEE 754 single from two big-endian halfwords (the ICD's "real*4" spread over halfwords). */
export function halfwordsToFloat32(high: number, low: number): number {
  const v = new DataView(new ArrayBuffer(4));
  v.setUint16(0, high);
  v.setUint16(2, low);
  return v.getFloat32(0);
}

function readParam(dep: Uint16Array, spec: ParamSpec): number {
  const at = (n: number): number => dep[n - 27] ?? 0;
  const raw = at(spec.hw);
  switch (spec.type ?? 'i16') {
    case 'i16':
      return toInt16(raw) * (spec.scale ?? 1);
    case 'u16':
      return raw * (spec.scale ?? 1);
    case 'u32':
      return (raw * 65536 + at(spec.hw + 1)) * (spec.scale ?? 1);
    case 'f32':
      return halfwordsToFloat32(raw, at(spec.hw + 1));
    case 'high-byte':
      return raw >> 8;
    case 'low-byte':
      return raw & 0xff;
    case 'delta-time':
      // Bits 15-5: seconds between the volume start and this elevation's start.
      return raw >> 5;
    case 'scan-type':
      // Bits 4-0: 0 = not a supplemental scan, 1 = SAILS, 2 = MRLE.
      return raw & 0x1f;
    case 'time':
      // Day 0 means the product states no such time.
      return raw === 0 ? NaN : nexradTime(raw, at(spec.minutesHw ?? spec.hw) * 60);
  }
}

function readParams(dep: Uint16Array, specs: readonly ParamSpec[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of specs) out[s.name] = readParam(dep, s);
  return out;
}
