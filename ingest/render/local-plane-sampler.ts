import { geodesicInverse } from './geodesic.js';
import { latitudeOfRow, longitudeOfColumn, type PixelFrame } from './web-mercator.js';

/** Exact geodesic nodes per long side of the image; between them coordinates are interpolated. */
const NODE_CELLS = 32;

/**
 * Maps output pixels to the radar's azimuthal-equidistant plane: east = s·sin α, north = s·cos α
 * (km), with s and α the geodesic distance and azimuth from the radar. Both are smooth everywhere
 * (also at the radar, where α alone is singular), so exact Vincenty inverses on a coarse node grid
 * plus bilinear interpolation between them place pixels within metres (tested) at a
 * fraction of the cost of one inverse per pixel.
 */
export class LocalPlaneSampler {
  /** Pixels between nodes along a row. */
  readonly step: number;
  /**
   * Node cells across and down: pixel (col, row) lies in cell (min(⌊col / step⌋, cellsX − 1),
   * min(⌊row / step⌋, cellsY − 1)), placed from that cell's four nodes.
   */
  readonly cellsX: number;
  readonly cellsY: number;
  private readonly nodeCols: number;
  private readonly nodeEast: Float64Array;
  private readonly nodeNorth: Float64Array;
  /** The nodes of the row last prepared (prepareRow), interpolated between node rows. */
  readonly rowEast: Float64Array;
  readonly rowNorth: Float64Array;

  constructor(frame: PixelFrame, latitude: number, longitude: number) {
    const step = Math.max(1, Math.ceil(Math.max(frame.width, frame.height) / NODE_CELLS));
    const cellsX = Math.max(1, Math.ceil((frame.width - 1) / step));
    const cellsY = Math.max(1, Math.ceil((frame.height - 1) / step));
    this.step = step;
    this.cellsX = cellsX;
    this.cellsY = cellsY;
    this.nodeCols = cellsX + 1;
    this.nodeEast = new Float64Array((cellsY + 1) * this.nodeCols);
    this.nodeNorth = new Float64Array((cellsY + 1) * this.nodeCols);
    this.rowEast = new Float64Array(this.nodeCols + 1);
    this.rowNorth = new Float64Array(this.nodeCols + 1);
    const inverse = new Float64Array(2);
    for (let j = 0; j <= cellsY; j++) {
      const lat = latitudeOfRow(frame, j * step);
      for (let i = 0; i <= cellsX; i++) {
        const lon = longitudeOfColumn(frame, i * step);
        geodesicInverse(latitude, longitude, lat, lon, inverse);
        const km = inverse[0]! / 1000;
        const az = (inverse[1]! * Math.PI) / 180;
        this.nodeEast[j * this.nodeCols + i] = km * Math.sin(az);
        this.nodeNorth[j * this.nodeCols + i] = km * Math.cos(az);
      }
    }
  }

  /**
   * Fills east[col], north[col] (km from the radar) for the centres of pixel row `row`, columns
   * [from, to); a column gets the same value whatever span it is filled in. render-polar's mapPixels
   * and offerRow write this walk out again on purpose: folds measured 5-14 % slower (see mapPixels).
   */
  fillRow(row: number, east: Float64Array, north: Float64Array, from: number, to: number): void {
    const { step, rowEast, rowNorth } = this;
    for (let i = this.prepareRow(row, from, to), col = from, k = from - i * step; col < to; i++, k = 0) {
      const e0 = rowEast[i]!;
      const n0 = rowNorth[i]!;
      const de = (rowEast[i + 1]! - e0) / step;
      const dn = (rowNorth[i + 1]! - n0) / step;
      const end = Math.min(col + step - k, to);
      for (; col < end; col++, k++) {
        east[col] = e0 + de * k;
        north[col] = n0 + dn * k;
      }
    }
  }

  /**
   * Interpolates row `row`'s nodes over columns [from, to) into `rowEast`/`rowNorth` and returns
   * the first one's index i0: pixel col of node segment i (columns [i·step, (i+1)·step)) lies at
   * rowEast[i] + (rowEast[i + 1] − rowEast[i]) / step · (col − i·step), as fillRow places it. For
   * loops that use positions as they make them (a composite's per-pixel offer) without arrays between.
   */
  prepareRow(row: number, from: number, to: number): number {
    const { step, nodeCols, nodeEast, nodeNorth, rowEast, rowNorth } = this;
    const lastCell = nodeEast.length / nodeCols - 2;
    const cell = Math.min(Math.floor(row / step), lastCell);
    const fy = (row - cell * step) / step;
    const top = cell * nodeCols;
    const bottom = top + nodeCols;
    const firstNode = Math.floor(from / step);
    const lastNode = Math.min(nodeCols - 1, Math.ceil(to / step));
    for (let i = firstNode; i <= lastNode; i++) {
      rowEast[i] = nodeEast[top + i]! + (nodeEast[bottom + i]! - nodeEast[top + i]!) * fy;
      rowNorth[i] = nodeNorth[top + i]! + (nodeNorth[bottom + i]! - nodeNorth[top + i]!) * fy;
    }
    // The last node starts no segment but may be a pixel of its own (k = 0 there): a flat one past it.
    rowEast[lastNode + 1] = rowEast[lastNode]!;
    rowNorth[lastNode + 1] = rowNorth[lastNode]!;
    return firstNode;
  }

  /** The node cell row of pixel row `row`. */
  cellRowOf(row: number): number {
    return Math.min(Math.floor(row / this.step), this.cellsY - 1);
  }

  /**
   * Per node cell (row-major, cellsX a row), a distance (km) from the radar that no pixel of the
   * cell is nearer than: fillRow places every pixel between the cell's four nodes (interpolated
   * along and across rows, weights in [0, 1]), so within their convex hull to rounding, which
   * a margin of far more than that rounding covers. Lets a renderer skip whole cells beyond a range.
   */
  cellNearestKm(): Float64Array {
    const { cellsX, cellsY, nodeCols, nodeEast, nodeNorth } = this;
    const nearest = new Float64Array(cellsX * cellsY);
    const xs = new Float64Array(4);
    const ys = new Float64Array(4);
    for (let j = 0; j < cellsY; j++) {
      for (let i = 0; i < cellsX; i++) {
        let far = 0;
        for (let c = 0; c < 4; c++) {
          const node = (j + (c >> 1)) * nodeCols + i + (c & 1);
          xs[c] = nodeEast[node]!;
          ys[c] = nodeNorth[node]!;
          far = Math.max(far, Math.abs(xs[c]!), Math.abs(ys[c]!));
        }
        const km = originToHullKm(xs, ys);
        nearest[j * cellsX + i] = Math.max(0, km - HULL_MARGIN_KM - far * HULL_MARGIN_RELATIVE);
      }
    }
    return nearest;
  }

  /**
   * Per node cell, the azimuth sectors of whole degrees its pixels lie in, as the first sector
   * (0–359, clockwise from north) and the number of sectors (up to 360, wrapping past 359): the
   * angular span of the cell's four nodes seen from the radar, widened by 0.1°, or every sector
   * when the cell lies within a metre of the radar (`nearestKm`, from cellNearestKm).
   */
  cellSectors(nearestKm: Float64Array): Int16Array {
    const { cellsX, cellsY, nodeCols, nodeEast, nodeNorth } = this;
    const sectors = new Int16Array(2 * cellsX * cellsY);
    for (let j = 0; j < cellsY; j++) {
      for (let i = 0; i < cellsX; i++) {
        const cell = j * cellsX + i;
        if (!(nearestKm[cell]! > 0.001)) {
          sectors[2 * cell + 1] = 360;
          continue;
        }
        // A convex set clear of the radar spans less than 180° as seen from it, between two of its nodes.
        const first = j * nodeCols + i;
        const from = (Math.atan2(nodeEast[first]!, nodeNorth[first]!) * 180) / Math.PI;
        let low = 0;
        let high = 0;
        for (let c = 1; c < 4; c++) {
          const node = (j + (c >> 1)) * nodeCols + i + (c & 1);
          const turn = (((((Math.atan2(nodeEast[node]!, nodeNorth[node]!) * 180) / Math.PI - from) % 360) + 540) % 360) - 180;
          low = Math.min(low, turn);
          high = Math.max(high, turn);
        }
        const start = Math.floor(from + low - SECTOR_MARGIN_DEG);
        sectors[2 * cell] = ((start % 360) + 360) % 360;
        sectors[2 * cell + 1] = Math.min(360, Math.floor(from + high + SECTOR_MARGIN_DEG) - start + 1);
      }
    }
    return sectors;
  }
}

/** Widening of cellSectors' spans: far above the rounding of interpolated positions' azimuths beyond a metre from the radar. */
const SECTOR_MARGIN_DEG = 0.1;

/** Margins on cellNearestKm, far above the rounding of interpolated positions (~1e-13 km at 1000 km). */
const HULL_MARGIN_KM = 1e-9;
const HULL_MARGIN_RELATIVE = 1e-12;

/** Distance from the origin to the convex hull of four points: 0 inside it, else to the nearest of the segments between them. */
function originToHullKm(xs: Float64Array, ys: Float64Array): number {
  // The hull is the union of the four triangles of three of the points.
  for (let skip = 0; skip < 4; skip++) {
    const p = skip === 0 ? 1 : 0;
    const q = skip <= 1 ? 2 : 1;
    const r = skip <= 2 ? 3 : 2;
    const s1 = cross(xs[p]!, ys[p]!, xs[q]!, ys[q]!);
    const s2 = cross(xs[q]!, ys[q]!, xs[r]!, ys[r]!);
    const s3 = cross(xs[r]!, ys[r]!, xs[p]!, ys[p]!);
    if ((s1 > 0 && s2 > 0 && s3 > 0) || (s1 < 0 && s2 < 0 && s3 < 0)) return 0;
  }
  // Outside, the hull's nearest point is on one of its edges, each a segment between two of the points.
  let best = Infinity;
  for (let a = 0; a < 4; a++) for (let b = a + 1; b < 4; b++) best = Math.min(best, originToSegment(xs[a]!, ys[a]!, xs[b]!, ys[b]!));
  return best;
}

/** z of the cross product of the vectors from the origin to (x1, y1) and (x2, y2): the origin's side of the line through them. */
function cross(x1: number, y1: number, x2: number, y2: number): number {
  return x1 * y2 - y1 * x2;
}

function originToSegment(x1: number, y1: number, x2: number, y2: number): number {
  const dx = x2 - x1;
  const dy = y2 - y1;
  const length2 = dx * dx + dy * dy;
  const t = length2 > 0 ? Math.min(1, Math.max(0, -(x1 * dx + y1 * dy) / length2)) : 0;
  return Math.hypot(x1 + t * dx, y1 + t * dy);
}
