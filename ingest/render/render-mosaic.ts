import { RadomeError } from '../../core/errors.js';
import { IndexedPngWriter, RgbaPngWriter } from './png-encode.js';
import { PixelRowPositions } from './render-overlay.js';
import { checkTile, emptyTile, tileWindow, windowFrame, type PolarTileSource } from './render-tile.js';
import type { BBox } from './types.js';
import type { LonLatFrame, PixelFrame } from './web-mercator.js';

/** One radar of a mosaic: its sweep as a tile source and the colour of each of its codes (packed RGBA). */
export interface MosaicMember {
  source: PolarTileSource;
  codeColors: Uint32Array;
}

/** A member's pixels in one frame: their local-plane positions, row by row, and where the frame lies in the image. */
class MemberRows {
  private readonly positions: PixelRowPositions;

  constructor(
    readonly member: MosaicMember,
    frame: PixelFrame,
    /** The frame's place in the image: its first column and row. */
    readonly col0: number,
    readonly row0: number,
  ) {
    this.positions = new PixelRowPositions(frame, member.source.sampler.grid);
  }

  /**
   * Offers the frame's row `row` to the image row: each pixel the member covers and that no nearer
   * member has taken gets its colour (`best`: squared distance of the radar that has the pixel).
   * Positions are placed once and shared by the distance test and the gate lookup.
   */
  offerRow(row: number, best: Float64Array, out: Uint32Array): void {
    const { positions } = this;
    positions.fill(row);
    this.member.source.sampler.offerRow(positions.east, positions.north, best, out, this.col0, this.member.codeColors);
  }
}

/**
 * Paints rows of a composite: each pixel takes the colour of the code of the nearest radar (by
 * geodesic distance) whose beam covers it, so a radar's own "no echo" wins over a farther radar's
 * echo; pixels no radar covers stay 0. Each member covers its frame's rows [row0, row1).
 */
function compositeRows(height: number, width: number, members: { rows: MemberRows; row1: number }[], writeRow: (row: Uint32Array) => void): void {
  const best = new Float64Array(width);
  const out = new Uint32Array(width);
  for (let r = 0; r < height; r++) {
    best.fill(Infinity);
    out.fill(0);
    for (const { rows, row1 } of members) if (r >= rows.row0 && r < row1) rows.offerRow(r - rows.row0, best, out);
    writeRow(out);
  }
}

/**
 * Renders XYZ tile z/x/y of a mosaic of polar sweeps: nearest covering radar per pixel, colours
 * (or value encodings) from each member's `codeColors`; transparent where no radar covers.
 */
export function renderMosaicTile(members: readonly MosaicMember[], z: number, x: number, y: number, tileSize: number): Uint8Array {
  checkTile(z, x, y, tileSize);
  const placed: { rows: MemberRows; row1: number }[] = [];
  for (const member of members) {
    const window = tileWindow(member.source.mercatorBounds, z, x, y, tileSize);
    if (!window) continue;
    const [col0, row0, col1, row1] = window;
    placed.push({ rows: new MemberRows(member, windowFrame(z, x, y, tileSize, col0, row0, col1, row1), col0, row0), row1 });
  }
  if (placed.length === 0) return emptyTile(tileSize);
  const writer = new RgbaPngWriter(tileSize, tileSize);
  compositeRows(tileSize, tileSize, placed, (row) => writer.writeRow(row));
  return writer.finish();
}

/** A composite in a longitude/latitude frame: packed RGBA per pixel, row-major from the north. */
export function compositeLonLatFrame(members: readonly MosaicMember[], frame: LonLatFrame, writeRow: (row: Uint32Array) => void): void {
  const placed: { rows: MemberRows; row1: number }[] = [];
  for (const member of members) {
    const [w, s, e, n] = member.source.bbox;
    const col0 = Math.max(0, Math.floor((w - frame.west) / frame.stepDeg) - 1);
    const col1 = Math.min(frame.width, Math.ceil((e - frame.west) / frame.stepDeg) + 1);
    const row0 = Math.max(0, Math.floor((frame.north - n) / frame.stepDeg) - 1);
    const row1 = Math.min(frame.height, Math.ceil((frame.north - s) / frame.stepDeg) + 1);
    if (col0 >= col1 || row0 >= row1) continue;
    const window: LonLatFrame = { width: col1 - col0, height: row1 - row0, west: frame.west + col0 * frame.stepDeg, north: frame.north - row0 * frame.stepDeg, stepDeg: frame.stepDeg };
    placed.push({ rows: new MemberRows(member, window, col0, row0), row1 });
  }
  compositeRows(frame.height, frame.width, placed, writeRow);
}

/** A lon/lat frame over `bbox` at `stepDeg`. */
export function lonLatFrame(bbox: BBox, stepDeg: number): LonLatFrame {
  const width = Math.round((bbox[2] - bbox[0]) / stepDeg);
  const height = Math.round((bbox[3] - bbox[1]) / stepDeg);
  if (!(width > 0 && height > 0 && width * height <= 1 << 28)) throw new RadomeError('BAD_INPUT', `a ${width}×${height} frame is not a frame radome renders`);
  return { width, height, west: bbox[0], north: bbox[3], stepDeg };
}

/** Packed RGBA rows as an indexed PNG when they hold at most 256 colours (radar palettes do), else RGBA. */
export function encodeRowsPng(width: number, height: number, paint: (writeRow: (row: Uint32Array) => void) => void): Uint8Array {
  const index = new Map<number, number>([[0, 0]]);
  const indices = new Uint8Array(width * height);
  let y = 0;
  let fits = true;
  paint((row) => {
    const at = y++ * width;
    if (!fits) return;
    let previous = 0;
    let previousIndex = 0;
    for (let i = 0; i < width; i++) {
      const c = row[i]!;
      if (c !== previous) {
        let k = index.get(c);
        if (k === undefined) {
          if (index.size === 256) {
            fits = false;
            return;
          }
          index.set(c, (k = index.size));
        }
        previous = c;
        previousIndex = k;
      }
      indices[at + i] = previousIndex;
    }
  });
  if (fits) {
    const writer = new IndexedPngWriter(width, height, Uint32Array.from(index.keys()));
    for (let r = 0; r < height; r++) writer.writeRow(indices.subarray(r * width, (r + 1) * width));
    return writer.finish();
  }
  const writer = new RgbaPngWriter(width, height);
  paint((row) => writer.writeRow(row));
  return writer.finish();
}
