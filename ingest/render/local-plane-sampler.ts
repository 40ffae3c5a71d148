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
   * [from, to); a column gets the same value whatever span it is filled in.
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
}
