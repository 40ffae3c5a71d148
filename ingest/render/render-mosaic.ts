import { RadomeError } from '../../core/errors.js';
import { RgbaPngWriter, StreamingIndexedPngWriter } from './png-encode.js';
import { LocalPlaneSampler } from './local-plane-sampler.js';
import { checkTile, emptyTile, tileWindow, windowFrame, type PolarTileSource } from './render-tile.js';
import type { BBox } from './types.js';
import type { LonLatFrame, PixelFrame } from './web-mercator.js';

/** One radar of a mosaic: its sweep as a tile source and the colour of each of its codes (packed RGBA). */
export interface MosaicMember {
  source: PolarTileSource;
  codeColors: Uint32Array;
}

/**
 * Side of the square blocks of image pixels over which a composite decides which members to offer
 * its pixels to: a member is left out of a block where a nearer member surely covers it all.
 */
const BLOCK = 16;
/** Slack on a block's distance bounds, km: pixel positions are interpolated, so not quite affine over a block. */
const BOUND_SLACK_KM = 0.5;

/** A member's pixels in one frame: their local-plane positions, row by row, and where the frame lies in the image. */
class MemberRows {
  /** Where the frame's pixels lie in the radar's local plane. */
  private readonly plane: LocalPlaneSampler;
  /** The frame's place in the image: rows [row0, row1), columns [col0, col1). */
  readonly row1: number;
  readonly col1: number;
  /** Its blocks' columns in the image: [block0, block1). */
  readonly block0: number;
  readonly block1: number;
  /** Positions of a block row's top and bottom pixel rows, for its blocks' distance bounds. */
  private readonly topEast: Float64Array;
  private readonly topNorth: Float64Array;
  private readonly bottomEast: Float64Array;
  private readonly bottomNorth: Float64Array;

  constructor(
    readonly member: MosaicMember,
    frame: PixelFrame,
    readonly col0: number,
    readonly row0: number,
  ) {
    const { latitude, longitude } = member.source.sampler.grid;
    this.plane = new LocalPlaneSampler(frame, latitude, longitude);
    this.row1 = row0 + frame.height;
    this.col1 = col0 + frame.width;
    this.block0 = Math.floor(col0 / BLOCK);
    this.block1 = Math.ceil(this.col1 / BLOCK);
    this.topEast = new Float64Array(frame.width);
    this.topNorth = new Float64Array(frame.width);
    this.bottomEast = new Float64Array(frame.width);
    this.bottomNorth = new Float64Array(frame.width);
  }

  /**
   * Offers image row `row`, columns [from, to) (inside the frame), to the image row: each pixel
   * the member covers and that no nearer member has taken gets its colour (`best`: squared
   * distance of the radar that has the pixel).
   */
  offer(row: number, from: number, to: number, best: Float64Array, out: Uint32Array): void {
    const { col0 } = this;
    this.member.source.sampler.offerRow(this.plane, row - this.row0, best, out, col0, this.member.codeColors, from - col0, to - col0);
  }

  /**
   * Bounds (km) on the distance from the radar of the frame's pixels in each block of image rows
   * [r0, r1) (which must meet the frame): `near[j]` and `far[j]` for blocks j in [block0, block1).
   * From each block's four corner pixels (two pixel rows filled once for all blocks): for an affine
   * map the block is the parallelogram they span, within the largest corner distance of their
   * mean; plus slack for the interpolation's departure from affine.
   */
  blockBounds(r0: number, r1: number, near: Float64Array, far: Float64Array): void {
    const top = Math.max(r0, this.row0) - this.row0;
    const bottom = Math.min(r1, this.row1) - 1 - this.row0;
    const { topEast, topNorth, bottomEast, bottomNorth, col0, col1 } = this;
    this.plane.fillRow(top, topEast, topNorth, 0, topEast.length);
    this.plane.fillRow(bottom, bottomEast, bottomNorth, 0, bottomEast.length);
    for (let j = this.block0; j < this.block1; j++) {
      const left = Math.max(j * BLOCK, col0) - col0;
      const right = Math.min((j + 1) * BLOCK, col1) - 1 - col0;
      const e1 = topEast[left]!;
      const n1 = topNorth[left]!;
      const e2 = topEast[right]!;
      const n2 = topNorth[right]!;
      const e3 = bottomEast[left]!;
      const n3 = bottomNorth[left]!;
      const e4 = bottomEast[right]!;
      const n4 = bottomNorth[right]!;
      const e = (e1 + e2 + e3 + e4) / 4;
      const n = (n1 + n2 + n3 + n4) / 4;
      const radius = Math.sqrt(Math.max((e1 - e) ** 2 + (n1 - n) ** 2, (e2 - e) ** 2 + (n2 - n) ** 2, (e3 - e) ** 2 + (n3 - n) ** 2, (e4 - e) ** 2 + (n4 - n) ** 2));
      const d = Math.sqrt(e * e + n * n);
      near[j] = Math.max(0, d - radius - BOUND_SLACK_KM);
      far[j] = d + radius + BOUND_SLACK_KM;
    }
  }
}

/**
 * Paints rows of a composite: each pixel takes the colour of the code of the nearest radar (by
 * geodesic distance) whose beam covers it, so a radar's own "no echo" wins over a farther radar's
 * echo; pixels no radar covers stay 0. Members are offered pixels in their order, so a tie goes
 * to the earlier one. Block by block, a member is not offered pixels where another member surely
 * covers the whole block (gates at every azimuth over its distances) and is nearer at every pixel
 * than this one at any: it could take none of them. Most pixels then meet one member, not the
 * five or more whose range reaches them.
 */
function compositeRows(height: number, width: number, members: MemberRows[], writeRow: (row: Uint32Array) => void): void {
  const best = new Float64Array(width);
  const out = new Uint32Array(width);
  const blockCols = Math.ceil(width / BLOCK);
  const nearest = new Float64Array(members.length * blockCols);
  const nearestCover = new Float64Array(blockCols);
  const near = new Float64Array(blockCols);
  const far = new Float64Array(blockCols);
  const spans: number[][] = members.map(() => []);
  const active: number[] = [];
  for (let r0 = 0; r0 < height; r0 += BLOCK) {
    const r1 = Math.min(height, r0 + BLOCK);
    active.length = 0;
    nearestCover.fill(Infinity);
    for (let i = 0; i < members.length; i++) {
      const m = members[i]!;
      if (m.row1 <= r0 || m.row0 >= r1) continue;
      active.push(i);
      m.blockBounds(r0, r1, near, far);
      const sure = m.member.source.sampler.surelyCovered;
      // A member covers a block surely only if the block lies in its frame: pixels beyond are never offered to it.
      const rowsIn = m.row0 <= r0 && m.row1 >= r1;
      for (let j = m.block0; j < m.block1; j++) {
        nearest[i * blockCols + j] = near[j]!;
        const inFrame = rowsIn && m.col0 <= j * BLOCK && m.col1 >= Math.min(width, (j + 1) * BLOCK);
        if (sure && inFrame && near[j]! >= sure.fromKm && far[j]! < sure.toKm) nearestCover[j] = Math.min(nearestCover[j]!, far[j]!);
      }
    }
    for (const i of active) {
      const m = members[i]!;
      const reach = m.member.source.sampler.maxGroundKm;
      const list = spans[i]!;
      list.length = 0;
      for (let j = m.block0; j < m.block1; j++) {
        const nearKm = nearest[i * blockCols + j]!;
        if (!(nearKm < reach && nearKm <= nearestCover[j]!)) continue;
        const from = Math.max(m.col0, j * BLOCK);
        const to = Math.min(m.col1, (j + 1) * BLOCK);
        if (list.length && list[list.length - 1] === from) list[list.length - 1] = to;
        else list.push(from, to);
      }
    }
    for (let r = r0; r < r1; r++) {
      best.fill(Infinity);
      out.fill(0);
      for (const i of active) {
        const list = spans[i]!;
        for (let k = 0; k < list.length; k += 2) members[i]!.offer(r, list[k]!, list[k + 1]!, best, out);
      }
      writeRow(out);
    }
  }
}

/**
 * Renders XYZ tile z/x/y of a mosaic of polar sweeps: nearest covering radar per pixel, colours
 * (or value encodings) from each member's `codeColors`; transparent where no radar covers.
 */
export function renderMosaicTile(members: readonly MosaicMember[], z: number, x: number, y: number, tileSize: number): Uint8Array {
  checkTile(z, x, y, tileSize);
  const placed: MemberRows[] = [];
  for (const member of members) {
    const window = tileWindow(member.source.mercatorBounds, z, x, y, tileSize);
    if (!window) continue;
    const [col0, row0, col1, row1] = window;
    placed.push(new MemberRows(member, windowFrame(z, x, y, tileSize, col0, row0, col1, row1), col0, row0));
  }
  if (placed.length === 0) return emptyTile(tileSize);
  const writer = new RgbaPngWriter(tileSize, tileSize);
  compositeRows(tileSize, tileSize, placed, (row) => writer.writeRow(row));
  return writer.finish();
}

/**
 * The part of lon/lat `frame` that a member of bounding box `bbox` may cover (a pixel wider each
 * way), as a frame of its own starting at column col0 and row row0 of `frame`; null when none.
 */
export function lonLatWindow([w, s, e, n]: BBox, frame: LonLatFrame): { window: LonLatFrame; col0: number; row0: number } | null {
  const col0 = Math.max(0, Math.floor((w - frame.west) / frame.stepDeg) - 1);
  const col1 = Math.min(frame.width, Math.ceil((e - frame.west) / frame.stepDeg) + 1);
  const row0 = Math.max(0, Math.floor((frame.north - n) / frame.stepDeg) - 1);
  const row1 = Math.min(frame.height, Math.ceil((frame.north - s) / frame.stepDeg) + 1);
  if (col0 >= col1 || row0 >= row1) return null;
  return { window: { width: col1 - col0, height: row1 - row0, west: frame.west + col0 * frame.stepDeg, north: frame.north - row0 * frame.stepDeg, stepDeg: frame.stepDeg }, col0, row0 };
}

/** A composite in a longitude/latitude frame: packed RGBA per pixel, row-major from the north. */
export function compositeLonLatFrame(members: readonly MosaicMember[], frame: LonLatFrame, writeRow: (row: Uint32Array) => void): void {
  const placed: MemberRows[] = [];
  for (const member of members) {
    const at = lonLatWindow(member.source.bbox, frame);
    if (at) placed.push(new MemberRows(member, at.window, at.col0, at.row0));
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

/** Slots of the colour → palette index table: a power of two, twice the palette's most colours. */
const COLOUR_SLOTS = 512;

/**
 * Palette indices of packed RGBA colours, in the order first seen (0 is transparent, index 0), at
 * most 256: an open-addressing table on typed arrays. A frame looks a colour up at every change of
 * colour along a row (each pixel, over speckle), where a Map's lookup cost the frame a quarter of its time.
 */
class ColourIndex {
  readonly colours: number[] = [0];
  private readonly keys = new Uint32Array(COLOUR_SLOTS);
  private readonly slots = new Int16Array(COLOUR_SLOTS).fill(-1);

  constructor() {
    this.slots[this.slotOf(0)] = 0;
  }

  private slotOf(colour: number): number {
    let slot = Math.imul(colour, 0x9e3779b1) >>> 23;
    while (this.slots[slot]! >= 0 && this.keys[slot] !== colour) slot = (slot + 1) & (COLOUR_SLOTS - 1);
    return slot;
  }

  /** The colour's index, given one if new; −1 when the palette is full. */
  indexOf(colour: number): number {
    const slot = this.slotOf(colour);
    const known = this.slots[slot]!;
    if (known >= 0) return known;
    if (this.colours.length === 256) return -1;
    this.keys[slot] = colour;
    this.slots[slot] = this.colours.length;
    this.colours.push(colour);
    return this.colours.length - 1;
  }
}

/**
 * Packed RGBA rows as an indexed PNG when they hold at most 256 colours (radar palettes do), else
 * RGBA. Indexed rows are deflated on libuv's pool while `paint` makes the next ones.
 */
export async function encodeRowsPng(width: number, height: number, paint: (writeRow: (row: Uint32Array) => void) => void): Promise<Uint8Array> {
  const index = new ColourIndex();
  const indices = new Uint8Array(width);
  const writer = new StreamingIndexedPngWriter(width, height);
  let fits = true;
  const indexRow = (row: Uint32Array): void => {
    if (!fits) return;
    let previous = 0;
    let previousIndex = 0;
    for (let i = 0; i < width; i++) {
      const c = row[i]!;
      if (c !== previous) {
        const k = index.indexOf(c);
        if (k < 0) {
          fits = false;
          return;
        }
        previous = c;
        previousIndex = k;
      }
      indices[i] = previousIndex;
    }
    writer.writeRow(indices);
  };
  try {
    paint(indexRow);
  } catch (e) {
    writer.abort();
    throw e;
  }
  if (fits) return writer.finishWith(Uint32Array.from(index.colours));
  writer.abort();
  const rgba = new RgbaPngWriter(width, height);
  paint((row) => rgba.writeRow(row));
  return rgba.finish();
}
