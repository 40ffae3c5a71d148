import { RadomeError } from '../../core/errors.js';
import type { ColorScale } from './color-scale.js';
import { DEFAULT_OVERLAY_SIZE, GEODESIC_NAME, checkRadarSite, renderOverlay } from './render-overlay.js';
import type { CartesianGrid, RenderedOverlay } from './types.js';

const LOCAL_FRAME = 'azimuthal equidistant centred on the radar: x east, y north, km (distance along the ellipsoid, azimuth atan2(x, y))';
/** Points framing each edge of the raster (its edges curve slightly in Web Mercator). */
const POINTS_PER_EDGE = 64;

/**
 * Renders a raster of cells in the radar's local plane (Level 3 raster products) as a transparent
 * Web Mercator PNG, through the same framing, sampling, colour LUT and encoder as polar grids.
 */
export function renderRasterPng(grid: CartesianGrid, scale: ColorScale, options: { size?: number } = {}): RenderedOverlay {
  checkCartesianGrid(grid);
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
  const geometry = { geodesic: GEODESIC_NAME, beam: null, localFrame: LOCAL_FRAME, maxGroundRangeKm };

  return renderOverlay(grid, boundary, options.size ?? DEFAULT_OVERLAY_SIZE, scale, geometry, () => (east, north, pixels) => {
    const values = grid.values;
    const { origin, perUnit, bins, colors } = scale.lut;
    const perCell = 1 / cellSizeKm;
    for (let col = 0; col < pixels.length; col++) {
      const cx = (east[col]! - xMinKm) * perCell;
      const cy = (yMaxKm - north[col]!) * perCell;
      if (!(cx >= 0 && cx < columns && cy >= 0 && cy < rows)) continue;
      const v = values[(cy | 0) * columns + (cx | 0)]!;
      if (v !== v) continue;
      const x = (v - origin) * perUnit;
      pixels[col] = colors[x < 0 ? 0 : x >= bins ? bins + 1 : (x | 0) + 1]!;
    }
  });
}

function checkCartesianGrid(g: CartesianGrid): void {
  checkRadarSite(g.latitude, g.longitude);
  const bad = (what: string): never => {
    throw new RadomeError('BAD_INPUT', `raster grid: ${what}`);
  };
  if (!Number.isInteger(g.columns) || g.columns < 1) bad(`columns ${g.columns} is not a positive integer`);
  if (!Number.isInteger(g.rows) || g.rows < 1) bad(`rows ${g.rows} is not a positive integer`);
  if (g.values.length !== g.columns * g.rows) bad(`${g.values.length} values for ${g.rows} rows × ${g.columns} columns`);
  if (!(g.cellSizeKm > 0 && g.cellSizeKm < 100)) bad(`cell size ${g.cellSizeKm} km`);
  if (!Number.isFinite(g.xMinKm) || !Number.isFinite(g.yMaxKm)) bad(`origin (${g.xMinKm}, ${g.yMaxKm}) km is not finite`);
}
