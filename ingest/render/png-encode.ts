import { crc32, deflateSync, constants } from 'node:zlib';
import { RadomeError } from '../../core/errors.js';

const SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

export interface PngEncodeOptions {
  /** zlib level; default 1. */
  deflateLevel?: number;
  /** zlib strategy; default Z_DEFAULT_STRATEGY. */
  deflateStrategy?: number;
}

/**
 * 8-bit RGBA (colour type 6), non-interlaced PNG. Filter "Sub" computed four bytes at a time:
 * radar overlays are runs of identical pixels, which Sub turns into runs of zeros that
 * deflate at level 1 squeezes fast.
 */
export function encodeRgbaPng(rgba: Uint8Array, width: number, height: number, options: PngEncodeOptions = {}): Uint8Array {
  if (rgba.length !== width * height * 4) {
    throw new RadomeError('BAD_INPUT', `RGBA buffer has ${rgba.length} bytes; ${width}×${height} needs ${width * height * 4}`);
  }
  if (rgba.byteOffset % 4 !== 0) throw new RadomeError('BAD_INPUT', 'RGBA buffer must start on a 4-byte boundary');
  const pixels = new Uint32Array(rgba.buffer, rgba.byteOffset, width * height);
  const rowBytes = width * 4;
  const filtered = new Uint8Array((rowBytes + 1) * height);
  const row = new Uint32Array(width);
  const rowAsBytes = new Uint8Array(row.buffer);
  for (let y = 0, src = 0, dst = 0; y < height; y++, src += width, dst += rowBytes + 1) {
    filtered[dst] = 1; // Sub
    let left = 0;
    for (let x = 0; x < width; x++) {
      const cur = pixels[src + x]!;
      // Byte-wise (cur − left) mod 256 in one 32-bit word; order-independent, so endianness does not matter.
      row[x] = ((cur | 0x80808080) - (left & 0x7f7f7f7f)) ^ ((cur ^ ~left) & 0x80808080);
      left = cur;
    }
    filtered.set(rowAsBytes, dst + 1);
  }
  const idat = deflateSync(filtered, {
    level: options.deflateLevel ?? 1,
    strategy: options.deflateStrategy ?? constants.Z_DEFAULT_STRATEGY,
  });

  const header = new Uint8Array(13);
  const hv = new DataView(header.buffer);
  hv.setUint32(0, width);
  hv.setUint32(4, height);
  header.set([8, 6, 0, 0, 0], 8); // bit depth 8, RGBA, deflate, adaptive filtering, no interlace
  const chunks = [chunk('IHDR', header), chunk('IDAT', idat), chunk('IEND', new Uint8Array(0))];
  const out = new Uint8Array(SIGNATURE.length + chunks.reduce((n, c) => n + c.length, 0));
  out.set(SIGNATURE, 0);
  let at = SIGNATURE.length;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}
