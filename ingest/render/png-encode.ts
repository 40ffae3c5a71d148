import { constants, crc32, deflateSync, type ZlibOptions } from 'node:zlib';
import { RadomeError } from '../../core/errors.js';

const SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
/**
 * zlib level 1, default strategy: measured on 1024-px radar overlays it deflates the Sub-filtered
 * scanlines in ~4 ms to ~100 KB; level 4+ is 2–3× slower for ~35% smaller files, Z_RLE is no
 * faster and 40% larger (RGBA repeats at distance 4, which RLE cannot see).
 */
const RGBA_DEFLATE: ZlibOptions = { level: 1 };
/**
 * Palette indices repeat at distance 1, which Z_RLE sees: measured on the 66 overlays of a Level 2
 * volume it deflates unfiltered indices in ~0.5–1 ms to the smallest files of any fast option
 * (level 1 default: as fast, 1.7–2.2× larger; level 4+: 3–4× slower and still larger; Sub or Up
 * filtering first: 3–4 ms more JS and 1.5× larger).
 */
const INDEXED_DEFLATE: ZlibOptions = { level: 1, strategy: constants.Z_RLE };
const COLOR_TYPE_INDEXED = 3;
const COLOR_TYPE_RGBA = 6;
const FILTER_NONE = 0;
const FILTER_SUB = 1;
/** Most entries a PNG palette holds (8-bit indices). */
export const MAX_PALETTE_SIZE = 256;

/** A PNG written row by row: `Row` is a row of pixels in the writer's format. */
export interface PngRowWriter<Row> {
  /** Appends the next row. */
  writeRow(pixels: Row): void;
  /** The PNG file; every row must have been written. */
  finish(): Uint8Array;
}

/**
 * The memory of the last finished PNG's scanlines, for the next one: a fresh megabyte for each
 * overlay (66 a volume) cost page faults, zeroing and garbage collections. Every byte a PNG uses
 * is written row by row before it is deflated.
 */
let spareScanlines: Uint8Array | null = null;

/**
 * Scanlines of an 8-bit, non-interlaced PNG, written row by row so no full image is ever held
 * beside them; subclasses fill each row (filter byte included) in their pixel format.
 */
abstract class PngWriter {
  protected readonly scanlines: Uint8Array;
  private rowsWritten = 0;

  constructor(
    readonly width: number,
    readonly height: number,
    private readonly bytesPerPixel: number,
  ) {
    if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1 || width * height > 1 << 28) {
      throw new RadomeError('BAD_INPUT', `PNG size ${width}×${height} is not a positive size of at most 2^28 pixels`);
    }
    const size = (width * bytesPerPixel + 1) * height;
    if (spareScanlines && spareScanlines.length >= size) {
      this.scanlines = spareScanlines.subarray(0, size);
      spareScanlines = null;
    } else {
      this.scanlines = new Uint8Array(size);
    }
  }

  /** Offset of the next row's filter byte in `scanlines`, counting that row as written. */
  protected nextRow(): number {
    if (this.rowsWritten >= this.height) throw new RadomeError('BAD_INPUT', `PNG already has its ${this.height} rows`);
    return this.rowsWritten++ * (this.width * this.bytesPerPixel + 1);
  }

  /** The PNG file of the given colour type, with `ancillary` chunks before the image data; every row must have been written. */
  protected file(colorType: number, ancillary: Uint8Array[], deflate: ZlibOptions): Uint8Array {
    if (this.rowsWritten !== this.height) {
      throw new RadomeError('BAD_INPUT', `PNG has ${this.rowsWritten} of its ${this.height} rows`);
    }
    const header = new Uint8Array(13);
    const view = new DataView(header.buffer);
    view.setUint32(0, this.width);
    view.setUint32(4, this.height);
    header.set([8, colorType, 0, 0, 0], 8); // 8 bits, deflate, adaptive filtering, no interlace
    const chunks = [chunk('IHDR', header), ...ancillary, chunk('IDAT', deflateSync(this.scanlines, deflate)), chunk('IEND', new Uint8Array(0))];
    if (!spareScanlines || spareScanlines.length < this.scanlines.buffer.byteLength) spareScanlines = new Uint8Array(this.scanlines.buffer);
    const out = new Uint8Array(SIGNATURE.length + chunks.reduce((n, c) => n + c.length, 0));
    out.set(SIGNATURE, 0);
    let at = SIGNATURE.length;
    for (const c of chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }
}

/**
 * Builds an RGBA (colour type 6) PNG. Rows use filter "Sub", computed four bytes at a time:
 * radar overlays are runs of identical pixels, which Sub turns into runs of zeros.
 */
export class RgbaPngWriter extends PngWriter implements PngRowWriter<Uint32Array> {
  private readonly filtered: Uint32Array;
  private readonly filteredBytes: Uint8Array;

  constructor(width: number, height: number) {
    super(width, height, 4);
    this.filtered = new Uint32Array(width);
    this.filteredBytes = new Uint8Array(this.filtered.buffer);
  }

  /** Appends the next row: `width` packed RGBA words (bytes R, G, B, A in memory). */
  writeRow(pixels: Uint32Array): void {
    const at = this.nextRow();
    const { width, filtered } = this;
    let left = 0;
    for (let x = 0; x < width; x++) {
      const cur = pixels[x]!;
      // Byte-wise (cur − left) mod 256 in one 32-bit word (no borrow between bytes), so byte order does not matter.
      filtered[x] = ((cur | 0x80808080) - (left & 0x7f7f7f7f)) ^ ((cur ^ ~left) & 0x80808080);
      left = cur;
    }
    this.scanlines[at] = FILTER_SUB;
    this.scanlines.set(this.filteredBytes, at + 1);
  }

  /** The PNG file; every row must have been written. */
  finish(): Uint8Array {
    return this.file(COLOR_TYPE_RGBA, [], RGBA_DEFLATE);
  }
}

/**
 * Builds an indexed-colour (colour type 3) PNG: one byte per pixel, a PLTE of the palette's
 * colours and a tRNS of their alphas, so decoders give the same RGBA as the colours themselves.
 * Rows are left unfiltered (see INDEXED_DEFLATE).
 */
export class IndexedPngWriter extends PngWriter implements PngRowWriter<Uint8Array> {
  private readonly palette: Uint32Array;

  /** `palette`: packed RGBA colours (bytes R, G, B, A in memory), 1 to 256 of them. */
  constructor(width: number, height: number, palette: Uint32Array) {
    super(width, height, 1);
    if (palette.length < 1 || palette.length > MAX_PALETTE_SIZE) {
      throw new RadomeError('BAD_INPUT', `a PNG palette has 1 to ${MAX_PALETTE_SIZE} colours, not ${palette.length}`);
    }
    this.palette = palette.slice();
  }

  /** Appends the next row: `width` palette indices, each below the palette's size (decoders reject others). */
  writeRow(indices: Uint8Array): void {
    if (indices.length !== this.width) throw new RadomeError('BAD_INPUT', `PNG row of ${indices.length} indices; the image is ${this.width} wide`);
    const at = this.nextRow();
    this.scanlines[at] = FILTER_NONE;
    this.scanlines.set(indices, at + 1);
  }

  /** The PNG file; every row must have been written. */
  finish(): Uint8Array {
    const rgba = new Uint8Array(this.palette.buffer, this.palette.byteOffset, this.palette.byteLength);
    const count = this.palette.length;
    const rgb = new Uint8Array(3 * count);
    // tRNS may stop after the last colour that is not opaque: the rest are opaque.
    let alphas = 0;
    for (let i = 0; i < count; i++) {
      rgb.set(rgba.subarray(4 * i, 4 * i + 3), 3 * i);
      if (rgba[4 * i + 3] !== 255) alphas = i + 1;
    }
    const ancillary = [chunk('PLTE', rgb)];
    if (alphas > 0)
      ancillary.push(
        chunk(
          'tRNS',
          Uint8Array.from({ length: alphas }, (_, i) => rgba[4 * i + 3]!),
        ),
      );
    return this.file(COLOR_TYPE_INDEXED, ancillary, INDEXED_DEFLATE);
  }
}

/** A whole RGBA image (width × height × 4 bytes, row-major) as PNG. */
export function encodeRgbaPng(rgba: Uint8Array, width: number, height: number): Uint8Array {
  if (rgba.length !== width * height * 4) {
    throw new RadomeError('BAD_INPUT', `RGBA buffer has ${rgba.length} bytes; ${width}×${height} needs ${width * height * 4}`);
  }
  const writer = new RgbaPngWriter(width, height);
  // Copy rows into an aligned word buffer: `rgba` may start at any byte offset.
  const row = new Uint32Array(width);
  const rowBytes = new Uint8Array(row.buffer);
  for (let y = 0; y < height; y++) {
    rowBytes.set(rgba.subarray(y * width * 4, (y + 1) * width * 4));
    writer.writeRow(row);
  }
  return writer.finish();
}

/** A whole image of palette indices (width × height bytes, row-major) as an indexed-colour PNG. */
export function encodeIndexedPng(indices: Uint8Array, width: number, height: number, palette: Uint32Array): Uint8Array {
  if (indices.length !== width * height) {
    throw new RadomeError('BAD_INPUT', `index buffer has ${indices.length} bytes; ${width}×${height} needs ${width * height}`);
  }
  let top = 0;
  for (let i = 0; i < indices.length; i++) if (indices[i]! > top) top = indices[i]!;
  if (top >= palette.length) throw new RadomeError('BAD_INPUT', `palette index ${top} in the image; the palette has ${palette.length} colours`);
  const writer = new IndexedPngWriter(width, height, palette);
  for (let y = 0; y < height; y++) writer.writeRow(indices.subarray(y * width, (y + 1) * width));
  return writer.finish();
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
