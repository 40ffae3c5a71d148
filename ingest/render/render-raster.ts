import { RadomeError } from '../../core/errors.js';
import type { ColorScale } from './color-scale.js';
import { checkGridData, codedGatesOf } from './gate-codes.js';
import { DEFAULT_OVERLAY_SIZE, GEODESIC_NAME, PixelRowPositions, checkRadarSite, encodeOverlay, overlayFrame, type PixelRow, type RowPainter } from './render-overlay.js';
import type { CartesianGeometry, CartesianGrid, CodedCartesianGrid, RenderedOverlay } from './types.js';

const LOCAL_FRAME = 'azimuthal equidistant centred on the radar: x east, y north, km (distance along the ellipsoid, azimuth atan2(x, y))';
/** Points framing each edge of the raster (its edges curve slightly in Web Mercator). */
const POINTS_PER_EDGE = 64;

/**
 * Renders a raster of cells in the radar's local plane (Level 3 raster products), physical values
 * or coded cells, as a transparent Web Mercator PNG, through the same framing, sampling, code
 * colours and encoder as polar grids.
 */
export function renderRasterPng(grid: CartesianGrid | CodedCartesianGrid, scale: ColorScale, options: { size?: number } = {}): RenderedOverlay {
  checkCartesianGeometry(grid);
  const { columns, rows } = grid;
  checkGridData(grid, columns * rows, `raster grid of ${rows} rows × ${columns} columns`);
  const { boundary, maxGroundRangeKm } = rasterBoundary(grid);
  const frame = overlayFrame(grid, boundary, options.size ?? DEFAULT_OVERLAY_SIZE, maxGroundRangeKm);

  const { codes, codeColors } = codedGatesOf(grid, scale.lut);
  const geometry = { geodesic: GEODESIC_NAME, beam: null, localFrame: LOCAL_FRAME, maxGroundRangeKm };
  return encodeOverlay(frame, scale, geometry, codeColors, new RasterRowPainter(grid, codes, new PixelRowPositions(frame, grid)));
}

/** Local-plane points (east, north km pairs) along the raster's edges, and its farthest corner's distance. */
export function rasterBoundary(grid: CartesianGeometry): { boundary: Float64Array; maxGroundRangeKm: number } {
  const { columns, rows, cellSizeKm, xMinKm, yMaxKm } = grid;
  const xMaxKm = xMinKm + columns * cellSizeKm;
  const yMinKm = yMaxKm - rows * cellSizeKm;
  const boundary = new Float64Array(8 * POINTS_PER_EDGE);
  for (let i = 0; i < POINTS_PER_EDGE; i++) {
    const f = i / POINTS_PER_EDGE;
    const x = xMinKm + f * (xMaxKm - xMinKm);
    const y = yMaxKm - f * (yMaxKm - yMinKm);
    boundary.set([x, yMaxKm, xMaxKm, y, xMaxKm - (x - xMinKm), yMinKm, xMinKm, yMinKm + (yMaxKm - y)], 8 * i);
  }
  let maxGroundRangeKm = 0;
  for (const x of [xMinKm, xMaxKm]) for (const y of [yMinKm, yMaxKm]) maxGroundRangeKm = Math.max(maxGroundRangeKm, Math.hypot(x, y));
  return { boundary, maxGroundRangeKm };
}

/** Colours each pixel from the raster cell its centre falls in (none outside the raster). */
export class RasterRowPainter implements RowPainter {
  constructor(
    private readonly grid: CartesianGeometry,
    private readonly codes: Uint8Array | Uint16Array,
    private readonly positions: PixelRowPositions,
  ) {}

  paintRow(row: number, pixels: PixelRow, codeTable: PixelRow): void {
    const { columns, rows, xMinKm, yMaxKm } = this.grid;
    const { codes, positions } = this;
    const perCell = 1 / this.grid.cellSizeKm;
    positions.fill(row);
    const { east, north } = positions;
    for (let col = 0; col < pixels.length; col++) {
      const cx = (east[col]! - xMinKm) * perCell;
      const cy = (yMaxKm - north[col]!) * perCell;
      if (cx >= 0 && cx < columns && cy >= 0 && cy < rows) pixels[col] = codeTable[codes[(cy | 0) * columns + (cx | 0)]!]!;
    }
  }
}

export function checkCartesianGeometry(g: CartesianGeometry): void {
  checkRadarSite(g.latitude, g.longitude);
  const bad = (what: string): never => {
    throw new RadomeError('BAD_INPUT', `raster grid: ${what}`);
  };
  if (!Number.isInteger(g.columns) || g.columns < 1) bad(`columns ${g.columns} is not a positive integer`);
  if (!Number.isInteger(g.rows) || g.rows < 1) bad(`rows ${g.rows} is not a positive integer`);
  if (!(g.cellSizeKm > 0 && g.cellSizeKm < 100)) bad(`cell size ${g.cellSizeKm} km`);
  if (!Number.isFinite(g.xMinKm) || !Number.isFinite(g.yMaxKm)) bad(`origin (${g.xMinKm}, ${g.yMaxKm}) km is not finite`);
}
