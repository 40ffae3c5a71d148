import { constants, crc32, createDeflate, deflateSync, type ZlibOptions } from 'node:zlib';
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
    const png = pngFile(this.width, this.height, colorType, ancillary, deflateSync(this.scanlines, deflate));
    if (!spareScanlines || spareScanlines.length < this.scanlines.buffer.byteLength) spareScanlines = new Uint8Array(this.scanlines.buffer);
    return png;
  }
}

/** A PNG file of 8-bit, non-interlaced pixels from its deflated scanlines (`idat`), `ancillary` chunks before them. */
function pngFile(width: number, height: number, colorType: number, ancillary: Uint8Array[], idat: Uint8Array): Uint8Array {
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  header.set([8, colorType, 0, 0, 0], 8); // 8 bits, deflate, adaptive filtering, no interlace
  const chunks = [chunk('IHDR', header), ...ancillary, chunk('IDAT', idat), chunk('IEND', new Uint8Array(0))];
  const out = new Uint8Array(SIGNATURE.length + chunks.reduce((n, c) => n + c.length, 0));
  out.set(SIGNATURE, 0);
  let at = SIGNATURE.length;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
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

  /**
   * Appends the next row as all index 0 and returns its `width` indices, to be set in place
   * (each below the palette's size): a painter then writes its pixels once, with no row copied in
   * (that copy, a built-in call a row, was ~5 % of rendering a Level 2 overlay).
   */
  blankRow(): Uint8Array {
    const at = this.nextRow();
    this.scanlines[at] = FILTER_NONE;
    return this.scanlines.fill(0, at + 1, at + 1 + this.width).subarray(at + 1, at + 1 + this.width);
  }

  /** The PNG file; every row must have been written. */
  finish(): Uint8Array {
    return this.file(COLOR_TYPE_INDEXED, paletteChunks(this.palette), INDEXED_DEFLATE);
  }
}

/** PLTE and, when some colour is not opaque, tRNS of a palette of packed RGBA colours. */
function paletteChunks(palette: Uint32Array): Uint8Array[] {
  const rgba = new Uint8Array(palette.buffer, palette.byteOffset, palette.byteLength);
  const count = palette.length;
  const rgb = new Uint8Array(3 * count);
  // tRNS may stop after the last colour that is not opaque: the rest are opaque.
  let alphas = 0;
  for (let i = 0; i < count; i++) {
    rgb.set(rgba.subarray(4 * i, 4 * i + 3), 3 * i);
    if (rgba[4 * i + 3] !== 255) alphas = i + 1;
  }
  const chunks = [chunk('PLTE', rgb)];
  if (alphas > 0) chunks.push(chunk('tRNS', rgba.filter((_, i) => i % 4 === 3).subarray(0, alphas)));
  return chunks;
}

/** Scanline bytes gathered before they go to the deflate stream (fewer, larger jobs on the pool). */
const STREAM_PIECE_BYTES = 1 << 20;

/**
 * An indexed-colour PNG whose palette is known only at the end (a composite's colours, indexed as
 * first met): its rows are deflated on libuv's pool as they are written, while this thread makes
 * the next ones, rather than all at once after the last. The deflate stream is zlib's with the
 * same options as IndexedPngWriter's (INDEXED_DEFLATE), and zlib's output does not depend on how
 * its input is cut: the file is byte for byte what IndexedPngWriter writes.
 */
export class StreamingIndexedPngWriter {
  private readonly deflate = createDeflate(INDEXED_DEFLATE);
  private readonly deflated: Promise<Uint8Array>;
  private piece: Uint8Array;
  private used = 0;
  private rows = 0;

  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1 || width * height > 1 << 28) {
      throw new RadomeError('BAD_INPUT', `PNG size ${width}×${height} is not a positive size of at most 2^28 pixels`);
    }
    this.piece = new Uint8Array(Math.max(STREAM_PIECE_BYTES, width + 1));
    const pieces: Buffer[] = [];
    this.deflated = new Promise((resolve, reject) => {
      this.deflate.on('data', (b: Buffer) => pieces.push(b));
      this.deflate.once('end', () => resolve(new Uint8Array(Buffer.concat(pieces))));
      this.deflate.once('error', reject);
    });
    // A writer given up on (abort) must not leave an unhandled rejection behind.
    this.deflated.catch(() => undefined);
  }

  /** Appends the next row: `width` palette indices (each below the final palette's size). */
  writeRow(indices: Uint8Array): void {
    if (indices.length !== this.width) throw new RadomeError('BAD_INPUT', `PNG row of ${indices.length} indices; the image is ${this.width} wide`);
    if (this.rows >= this.height) throw new RadomeError('BAD_INPUT', `PNG already has its ${this.height} rows`);
    this.rows++;
    if (this.used + this.width + 1 > this.piece.length) this.flushPiece();
    this.piece[this.used] = FILTER_NONE;
    this.piece.set(indices, this.used + 1);
    this.used += this.width + 1;
  }

  private flushPiece(): void {
    if (this.used === 0) return;
    // The stream keeps the piece until deflated: a new one for the next rows.
    this.deflate.write(this.piece.subarray(0, this.used));
    this.piece = new Uint8Array(this.piece.length);
    this.used = 0;
  }

  /** The PNG file with `palette` (packed RGBA, 1 to 256 colours); every row must have been written. */
  async finishWith(palette: Uint32Array): Promise<Uint8Array> {
    if (this.rows !== this.height) throw new RadomeError('BAD_INPUT', `PNG has ${this.rows} of its ${this.height} rows`);
    if (palette.length < 1 || palette.length > MAX_PALETTE_SIZE) {
      throw new RadomeError('BAD_INPUT', `a PNG palette has 1 to ${MAX_PALETTE_SIZE} colours, not ${palette.length}`);
    }
    this.flushPiece();
    this.deflate.end();
    return pngFile(this.width, this.height, COLOR_TYPE_INDEXED, paletteChunks(palette), await this.deflated);
  }

  /** Gives the file up (its rows will not fit a palette): the stream is closed. */
  abort(): void {
    this.deflate.destroy();
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
