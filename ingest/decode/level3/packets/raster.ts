import type { ByteReader } from '../byte-reader.js';
import type { RasterImage } from '../types.js';
import { LIMITS, type PacketContext, type PacketRead } from './context.js';

const RASTER_HEADER_BYTES = 22;
const RASTER_FLAGS = [0x8000, 0x00c0] as const;

/**
 * Rows are variable-length runs, so the column count is not in the header: a first pass finds each
 * row's bytes and expanded length, the second fills a rows × cols array (short rows padded with 0).
 */
function expandRows(
  r: ByteReader,
  rowsAt: number,
  rowCount: number,
  end: number,
  name: string,
  expandedLength: (p: number, n: number) => number,
): { starts: Int32Array; sizes: Int32Array; cols: number; next: number } {
  const starts = new Int32Array(rowCount);
  const sizes = new Int32Array(rowCount);
  let cols = 0;
  let pos = rowsAt;
  for (let row = 0; row < rowCount; row++) {
    if (pos + 2 > end) r.fail(pos, `row ${row} of ${name} runs past its layer end ${end}`);
    const n = r.u16(pos, `${name} row byte count`);
    pos += 2;
    if (pos + n > end) r.fail(pos, `row ${row} of ${name} has ${n} bytes, past its layer end ${end}`);
    starts[row] = pos;
    sizes[row] = n;
    cols = Math.max(cols, expandedLength(pos, n));
    pos += n;
  }
  if (cols > LIMITS.rasterCols) r.fail(rowsAt, `${name} rows expand to an implausible ${cols} columns`);
  return { starts, sizes, cols, next: pos };
}

/** Packets BA07 / BA0F: raster rows run-length encoded as run (high nibble) / level (low nibble). */
export function readRaster(r: ByteReader, at: number, end: number, ctx: PacketContext, code: number): PacketRead {
  const name = `raster packet ${code.toString(16).toUpperCase()}`;
  if (at + RASTER_HEADER_BYTES > end) r.fail(at, `${name} header runs past its layer end ${end}`);
  const f1 = r.u16(at + 2, `${name} flags`);
  const f2 = r.u16(at + 4, `${name} flags`);
  if (f1 !== RASTER_FLAGS[0] || f2 !== RASTER_FLAGS[1]) {
    r.fail(at + 2, `${name} op flags are 0x${f1.toString(16)} 0x${f2.toString(16)}, expected 0x8000 0x00c0`);
  }
  const iStart = r.i16(at + 6, `${name} I start`);
  const jStart = r.i16(at + 8, `${name} J start`);
  const xScale = r.i16(at + 10, `${name} X scale`);
  const yScale = r.i16(at + 14, `${name} Y scale`);
  const rows = r.i16(at + 18, `${name} number of rows`);
  if (rows < 0 || rows > LIMITS.rasterRows) r.fail(at + 18, `${name} has an implausible row count ${rows}`);
  const bytes = r.bytes;
  const nibbleRuns = (p: number, n: number): number => {
    let total = 0;
    for (let k = p; k < p + n; k++) total += bytes[k]! >> 4;
    return total;
  };
  const { starts, sizes, cols, next } = expandRows(r, at + RASTER_HEADER_BYTES, rows, end, name, nibbleRuns);
  const levels = new Uint8Array(rows * cols);
  for (let row = 0; row < rows; row++) {
    let b = row * cols;
    const p0 = starts[row]!;
    for (let p = p0; p < p0 + sizes[row]!; p++) {
      const byte = bytes[p]!;
      const level = byte & 0x0f;
      for (let n = byte >> 4; n > 0; n--) levels[b++] = level;
    }
  }
  const image: RasterImage = {
    packetCode: code,
    rows,
    cols,
    iStart,
    jStart,
    xScale,
    yScale,
    cellSizeKm: ctx.info?.resolutionKm ?? xScale / 4,
    levels,
  };
  return { packet: { kind: 'raster', code, image }, next };
}

const PRECIP_HEADER_BYTES = 10;

/** Packet 17: digital precipitation data array (DPA), rows of (run byte, level byte) pairs. */
export function readPrecipitationArray(r: ByteReader, at: number, end: number, ctx: PacketContext): PacketRead {
  const name = 'precipitation array packet 17';
  if (at + PRECIP_HEADER_BYTES > end) r.fail(at, `${name} header runs past its layer end ${end}`);
  const boxes = r.u16(at + 6, `${name} boxes per row`);
  const rows = r.u16(at + 8, `${name} number of rows`);
  if (boxes > LIMITS.rasterCols || rows > LIMITS.rasterRows) r.fail(at + 6, `${name} has an implausible ${rows} × ${boxes} grid`);
  const bytes = r.bytes;
  const pairRuns = (p: number, n: number): number => {
    let total = 0;
    for (let k = p; k + 1 < p + n; k += 2) total += bytes[k]!;
    return total;
  };
  const { starts, sizes, next } = expandRows(r, at + PRECIP_HEADER_BYTES, rows, end, name, pairRuns);
  const levels = new Uint8Array(rows * boxes);
  for (let row = 0; row < rows; row++) {
    let b = row * boxes;
    const rowEnd = b + boxes;
    const p0 = starts[row]!;
    for (let p = p0; p + 1 < p0 + sizes[row]!; p += 2) {
      const level = bytes[p + 1]!;
      for (let n = bytes[p]!; n > 0 && b < rowEnd; n--) levels[b++] = level;
    }
  }
  const image: RasterImage = {
    packetCode: 17,
    rows,
    cols: boxes,
    iStart: 0,
    jStart: 0,
    xScale: 0,
    yScale: 0,
    cellSizeKm: ctx.info?.resolutionKm ?? 4,
    levels,
  };
  return { packet: { kind: 'raster', code: 17, image }, next };
}
