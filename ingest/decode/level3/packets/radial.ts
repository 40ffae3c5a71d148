import type { ByteReader } from '../byte-reader.js';
import type { RadialImage } from '../types.js';
import { LIMITS, normalizeAzimuth, type PacketContext, type PacketRead } from './context.js';

const HEADER_BYTES = 14;
const RADIAL_HEADER_BYTES = 6;

interface RadialHeader {
  firstBin: number;
  binCount: number;
  iCenter: number;
  jCenter: number;
  rangeScale: number;
  radialCount: number;
}

function readHeader(r: ByteReader, at: number, end: number, name: string): RadialHeader {
  if (at + HEADER_BYTES > end) r.fail(at, `${name} header (${HEADER_BYTES} bytes) runs past its layer end ${end}`);
  const h = {
    firstBin: r.i16(at + 2, `${name} first bin`),
    binCount: r.i16(at + 4, `${name} number of bins`),
    iCenter: r.i16(at + 6, `${name} I centre`),
    jCenter: r.i16(at + 8, `${name} J centre`),
    rangeScale: r.i16(at + 10, `${name} range scale`) / 1000,
    radialCount: r.i16(at + 12, `${name} number of radials`),
  };
  if (h.binCount < 0 || h.binCount > LIMITS.bins) r.fail(at + 4, `${name} has an implausible bin count ${h.binCount}`);
  if (h.radialCount < 0 || h.radialCount > LIMITS.radials) {
    r.fail(at + 12, `${name} has an implausible radial count ${h.radialCount}`);
  }
  if (h.firstBin < 0) r.fail(at + 2, `${name} has a negative first bin ${h.firstBin}`);
  // Every radial needs at least its 6-byte header: reject counts the layer cannot hold before allocating.
  if (at + HEADER_BYTES + h.radialCount * RADIAL_HEADER_BYTES > end) {
    r.fail(at + 12, `${name} announces ${h.radialCount} radials, more than its layer (ending at ${end}) can hold`);
  }
  return h;
}

function image(code: number, h: RadialHeader, ctx: PacketContext, levels: Uint8Array, azimuths: Float32Array, widths: Float32Array): RadialImage {
  const binSizeKm = ctx.info?.resolutionKm ?? (h.rangeScale > 0 ? h.rangeScale : 1);
  return {
    packetCode: code,
    radialCount: h.radialCount,
    binCount: h.binCount,
    firstBin: h.firstBin,
    rangeScale: h.rangeScale,
    binSizeKm,
    firstBinKm: (h.firstBin + 0.5) * binSizeKm,
    iCenter: h.iCenter,
    jCenter: h.jCenter,
    azimuths,
    azimuthWidths: widths,
    levels,
  };
}

/** Start angle and delta (tenths of a degree) → centre azimuth and width; 0 width → even spacing. */
function setAzimuth(azimuths: Float32Array, widths: Float32Array, k: number, start: number, delta: number, count: number): void {
  const width = delta > 0 ? delta / 10 : 360 / Math.max(count, 1);
  widths[k] = width;
  azimuths[k] = normalizeAzimuth(start / 10 + width / 2);
}

/** How one radial packet's data is read: its name in messages, the header field giving its length, and its bins. */
interface RadialData {
  code: 0xaf1f | 16;
  /** The packet's name in messages, and the code it is written as in them. */
  name: string;
  packet: string;
  /** The radial header's length field, and the bytes of data that value means. */
  lengthName: string;
  lengthBytes: (field: number) => number;
  /** What the data is called in a message. */
  dataName: string;
  /** Writes one radial's `n` data bytes at `pos` into levels[row, row + bins). */
  fill: (levels: Uint8Array, row: number, bins: number, bytes: Uint8Array, pos: number, n: number) => void;
}

/** Radials of either packet: each a header (data length, start angle, angle delta), then its data. */
function readRadials(r: ByteReader, at: number, end: number, ctx: PacketContext, data: RadialData): PacketRead {
  const h = readHeader(r, at, end, data.name);
  const { binCount: bins, radialCount: count } = h;
  const levels = new Uint8Array(count * bins);
  const azimuths = new Float32Array(count);
  const widths = new Float32Array(count);
  let pos = at + HEADER_BYTES;
  for (let k = 0; k < count; k++) {
    if (pos + RADIAL_HEADER_BYTES > end) r.fail(pos, `radial ${k} header of packet ${data.packet} runs past its layer end ${end}`);
    const n = data.lengthBytes(r.u16(pos, data.lengthName));
    setAzimuth(azimuths, widths, k, r.i16(pos + 2, 'radial start angle'), r.i16(pos + 4, 'radial angle delta'), count);
    pos += RADIAL_HEADER_BYTES;
    if (pos + n > end) r.fail(pos, `radial ${k} of packet ${data.packet} has ${n} ${data.dataName}, past its layer end ${end}`);
    data.fill(levels, k * bins, bins, r.bytes, pos, n);
    pos += n;
  }
  return { packet: { kind: 'radial', code: data.code, image: image(data.code, h, ctx, levels, azimuths, widths) }, next: pos };
}

/** Packet AF1F: radials of 16-level data, run-length encoded as run (high nibble) / level (low nibble). */
export function readRleRadials(r: ByteReader, at: number, end: number, ctx: PacketContext): PacketRead {
  let overflowing = 0;
  let bins = 0;
  const read = readRadials(r, at, end, ctx, {
    code: 0xaf1f,
    name: 'radial packet AF1F',
    packet: 'AF1F',
    lengthName: 'radial run-length halfwords',
    lengthBytes: (halfwords) => halfwords * 2,
    dataName: 'bytes of runs',
    fill: (levels, row, rowBins, bytes, pos, n) => {
      bins = rowBins;
      let b = row;
      const rowEnd = row + rowBins;
      for (let p = pos; p < pos + n; p++) {
        const byte = bytes[p]!;
        let run = byte >> 4;
        const level = byte & 0x0f;
        if (b + run > rowEnd) {
          run = rowEnd - b;
          overflowing++;
        }
        for (let i = 0; i < run; i++) levels[b++] = level;
      }
    },
  });
  if (overflowing) ctx.warnings.push(`packet AF1F at message offset ${at}: runs of ${overflowing} radial(s) exceed ${bins} bins; extra bins dropped`);
  return read;
}

/** Packet 16: digital radial data array, one byte per bin. */
export function readDigitalRadials(r: ByteReader, at: number, end: number, ctx: PacketContext): PacketRead {
  return readRadials(r, at, end, ctx, {
    code: 16,
    name: 'digital radial packet 16',
    packet: '16',
    lengthName: 'radial byte count',
    lengthBytes: (n) => n,
    dataName: 'bytes',
    // Radials are padded to a halfword, so the byte count may exceed the bin count by one.
    fill: (levels, row, bins, bytes, pos, n) => levels.set(bytes.subarray(pos, pos + Math.min(n, bins)), row),
  });
}
