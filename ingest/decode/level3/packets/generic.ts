import type { ByteReader } from '../byte-reader.js';
import type { GenericComponent, GenericProduct, RadialImage } from '../types.js';
import { LIMITS, normalizeAzimuth, type PacketContext, type PacketRead } from './context.js';

/**
 * Sequential XDR (RFC 4506) reads inside one generic packet. Layout follows ICD 2620001 figure
 * 3-15c with the corrections other readers found on real products (MetPy, Py-ART): op mode, VCP
 * and elevation number are 4-byte ints, a radial's bin count is an int, and lists carry a "more
 * follows" word before each element.
 */
class XdrCursor {
  constructor(
    private readonly r: ByteReader,
    public pos: number,
    private readonly end: number,
  ) {}

  private take(n: number, field: string): number {
    if (this.pos + n > this.end) this.r.fail(this.pos, `generic packet ${field} runs past the packet end ${this.end}`);
    const at = this.pos;
    this.pos += n;
    return at;
  }

  fail(message: string): never {
    return this.r.fail(this.pos, `generic packet: ${message}`);
  }

  int(field: string): number {
    return this.r.i32(this.take(4, field), field);
  }

  uint(field: string): number {
    return this.r.u32(this.take(4, field), field);
  }

  float(field: string): number {
    return this.r.f32(this.take(4, field), field);
  }

  string(field: string): string {
    const n = this.uint(`${field} length`);
    if (n > this.end - this.pos) this.r.fail(this.pos - 4, `generic packet ${field} length ${n} runs past the packet end ${this.end}`);
    const at = this.take((n + 3) & ~3, field);
    return this.r.text(at, n, field);
  }

  /** A counted list whose elements are each preceded by a "more follows" word. */
  list<T>(field: string, read: () => T): T[] {
    const count = this.int(`${field} count`);
    this.int(`${field} pointer`);
    if (count < 0 || count * 4 > this.end - this.pos) this.fail(`${field} count ${count} is impossible`);
    const out: T[] = [];
    for (let k = 0; k < count; k++) {
      out.push(read());
      if (k < count - 1) this.int(`${field} pointer`);
    }
    return out;
  }
}

const readParameters = (x: XdrCursor): Array<[string, string]> => x.list('parameters', () => [x.string('parameter id'), x.string('parameter value')] as [string, string]);

function readRadialComponent(x: XdrCursor, ctx: PacketContext, code: number): GenericComponent {
  const description = x.string('radial component description');
  const binSize = x.float('bin size');
  const firstBinRange = x.float('first bin range');
  const parameters = readParameters(x);
  const count = x.int('number of radials');
  if (count < 0 || count > LIMITS.radials) x.fail(`implausible radial count ${count}`);
  // Radials are read once into per-radial arrays, then packed into a radial-major block.
  const rows: Int32Array[] = [];
  const azimuths = new Float32Array(count);
  const widths = new Float32Array(count);
  let bins = 0;
  for (let k = 0; k < count; k++) {
    const azimuth = x.float('radial azimuth');
    x.float('radial elevation');
    const width = x.float('radial width');
    x.int('radial bin count');
    x.string('radial attributes');
    const n = x.uint('radial data count');
    if (n > LIMITS.bins) x.fail(`implausible bin count ${n} in radial ${k}`);
    const row = new Int32Array(n);
    for (let b = 0; b < n; b++) row[b] = x.int('radial data');
    rows.push(row);
    widths[k] = width > 0 ? width : 360 / count;
    azimuths[k] = normalizeAzimuth(azimuth + widths[k]! / 2);
    bins = Math.max(bins, n);
  }
  const levels = new Uint16Array(count * bins);
  let clamped = 0;
  rows.forEach((row, k) => {
    for (let b = 0; b < row.length; b++) {
      const v = row[b]!;
      if (v < 0 || v > 0xffff) clamped++;
      levels[k * bins + b] = v < 0 ? 0 : Math.min(v, 0xffff);
    }
  });
  if (clamped) ctx.warnings.push(`generic packet ${code}: ${clamped} data values outside 0-65535 clamped`);
  const binSizeKm = ctx.info?.resolutionKm ?? (binSize > 0 ? binSize : 1);
  const image: RadialImage = {
    packetCode: code,
    radialCount: count,
    binCount: bins,
    firstBin: 0,
    rangeScale: 0,
    binSizeKm,
    firstBinKm: Math.max(firstBinRange, 0) + binSizeKm / 2,
    iCenter: 0,
    jCenter: 0,
    azimuths,
    azimuthWidths: widths,
    levels,
  };
  return { type: 'radial', description, binSize, firstBinRange, parameters, image };
}

/** Packets 28/29: reserved halfword, 4-byte length, XDR-encoded generic product. */
export function readGenericPacket(r: ByteReader, at: number, end: number, ctx: PacketContext, code: number): PacketRead {
  if (at + 8 > end) r.fail(at, `generic packet ${code} header runs past its layer end ${end}`);
  const length = r.u32(at + 4, 'generic packet length');
  const packetEnd = at + 8 + length;
  if (packetEnd > end) r.fail(at + 4, `generic packet ${code} length ${length} runs past its layer end ${end}`);
  const x = new XdrCursor(r, at + 8, packetEnd);
  const product: GenericProduct = {
    name: x.string('product name'),
    description: x.string('product description'),
    productCode: x.int('product code'),
    productType: x.int('product type'),
    generationTime: x.uint('generation time') * 1000,
    radarName: x.string('radar name'),
    latitude: x.float('latitude'),
    longitude: x.float('longitude'),
    heightM: x.float('height'),
    volumeTime: x.uint('volume time') * 1000,
    elevationTime: x.uint('elevation time') * 1000,
    elevationAngle: x.float('elevation angle'),
    volumeNumber: x.int('volume number'),
    operationalMode: x.int('operational mode'),
    vcp: x.int('VCP'),
    elevationNumber: x.int('elevation number'),
    compressionMethod: x.int('compression'),
    uncompressedSize: x.int('uncompressed size'),
    parameters: readParameters(x),
    components: [],
  };
  const count = x.int('component count');
  x.int('component pointer');
  for (let k = 0; k < count; k++) {
    const type = x.int('component type');
    if (type === 1) product.components.push(readRadialComponent(x, ctx, code));
    else if (type === 4) product.components.push({ type: 'text', parameters: readParameters(x), text: x.string('text') });
    else {
      // Other component types (area, grid, event table) have layouts radome does not need yet;
      // the packet's length is known, so the rest of it is skipped.
      product.components.push({ type: 'unsupported', componentType: type });
      ctx.warnings.push(`generic packet ${code} at message offset ${at}: component type ${type} not decoded; rest of packet skipped`);
      break;
    }
    if (k < count - 1) x.int('component pointer');
  }
  return { packet: { kind: 'generic', code, product }, next: packetEnd };
}
