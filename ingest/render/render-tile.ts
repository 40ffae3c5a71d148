import { RadomeError } from '../../core/errors.js';
import { codePalette, type CodePalette } from './code-palette.js';
import { packRgba } from './color-scale.js';
import { IndexedPngWriter, RgbaPngWriter } from './png-encode.js';
import { PixelRowPositions, checkRadarSite, localPointsToLonLat, type RowPainter } from './render-overlay.js';
import { PolarGridSampler } from './render-polar.js';
import { RasterRowPainter, checkCartesianGeometry, rasterBoundary } from './render-raster.js';
import type { BBox, CartesianGeometry, CodedPolarGrid } from './types.js';
import { mercatorFrame, mercatorX, mercatorY, type MercatorFrame, type PixelFrame } from './web-mercator.js';

/** Highest zoom served: ~10 m pixels at 256 px, finer than any gate. */
export const MAX_TILE_ZOOM = 14;
export const TILE_SIZES = [256, 512] as const;
/** Half the Web Mercator world's side, m (π · 6378137). */
const HALF_WORLD_M = Math.PI * 6378137;

/**
 * How value tiles carry physical values, like terrain-RGB: value = (R·65536 + G·256 + B) · scale
 * + offset where alpha is 255. Alpha NO_ECHO_ALPHA (RGB 0) marks a place the radar covers where
 * it measured no value (below threshold, range folded); alpha 0 marks no data (no radar there).
 * 0.001 steps resolve every Level 2 moment (RHO's 1/300) and Level 3 level exactly to 3 decimals;
 * the range −10000 … 6777.215 holds them all.
 */
export const VALUE_ENCODING = { scale: 0.001, offset: -10000, noEchoAlpha: 128 } as const;
const MAX_ENCODED = 0xffffff;
const NO_ECHO = packRgba(0, 0, 0, VALUE_ENCODING.noEchoAlpha);

/** The value an RGBA pixel of a value tile encodes: NaN for no echo and for no data. */
export function decodeValuePixel(r: number, g: number, b: number, a: number): number {
  if (a !== 255) return NaN;
  return Math.round(((r << 16) | (g << 8) | b) * VALUE_ENCODING.scale * 1e3 + VALUE_ENCODING.offset * 1e3) / 1e3;
}

/** The packed RGBA of a value in a value tile (NaN → no echo). */
export function valuePixel(value: number): number {
  if (value !== value) return NO_ECHO;
  const n = Math.min(MAX_ENCODED, Math.max(0, Math.round((value - VALUE_ENCODING.offset) / VALUE_ENCODING.scale)));
  return packRgba(n >>> 16, (n >>> 8) & 255, n & 255, 255);
}

/** The value-tile colour of every code from its physical value (index = code, NaN = no value). */
export function valueCodeColors(codeValues: Float32Array): Uint32Array {
  const colors = new Uint32Array(codeValues.length);
  for (let c = 0; c < codeValues.length; c++) colors[c] = valuePixel(codeValues[c]!);
  return colors;
}

/** How a tile colours codes: packed RGBA per code, and the PNG palette of those when they fit one. */
export interface TileColors {
  codeColors: Uint32Array;
  palette: CodePalette | null;
}

export function tileColors(codeColors: Uint32Array): TileColors {
  return { codeColors, palette: codePalette(codeColors) };
}

/** A grid ready to be cut into tiles: where it can colour pixels, and a painter for any frame. */
export interface TileSource {
  /** [west, south, east, north] WGS84 degrees holding every pixel the source may colour. */
  readonly bbox: BBox;
  /** The same in Web Mercator metres: [minX, minY, maxX, maxY]. */
  readonly mercatorBounds: readonly [number, number, number, number];
  /** Paints frame rows with codeTable[code] (see RowPainter). */
  painter(frame: PixelFrame): RowPainter;
}

function boundsOf(latitude: number, longitude: number, boundary: Float64Array): { bbox: BBox; mercatorBounds: [number, number, number, number] } {
  const lonLat = localPointsToLonLat(latitude, longitude, boundary);
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let n = -Infinity;
  for (let i = 0; i < lonLat.length; i += 2) {
    w = Math.min(w, lonLat[i]!);
    e = Math.max(e, lonLat[i]!);
    s = Math.min(s, lonLat[i + 1]!);
    n = Math.max(n, lonLat[i + 1]!);
  }
  return { bbox: [w, s, e, n], mercatorBounds: [mercatorX(w), mercatorY(s), mercatorX(e), mercatorY(n)] };
}

/** A polar grid (Level 2 sweep moment, Level 3 radial product) as a tile source. */
export class PolarTileSource implements TileSource {
  readonly bbox: BBox;
  readonly mercatorBounds: readonly [number, number, number, number];
  readonly sampler: PolarGridSampler;

  constructor(grid: CodedPolarGrid) {
    this.sampler = new PolarGridSampler(grid);
    ({ bbox: this.bbox, mercatorBounds: this.mercatorBounds } = boundsOf(grid.latitude, grid.longitude, this.sampler.boundary()));
  }

  painter(frame: PixelFrame): RowPainter {
    return this.sampler.painter(frame);
  }
}

/** A raster in the radar's local plane (Level 3 raster products) as a tile source. */
export class RasterTileSource implements TileSource {
  readonly bbox: BBox;
  readonly mercatorBounds: readonly [number, number, number, number];

  constructor(private readonly grid: CartesianGeometry & { codes: Uint8Array | Uint16Array }) {
    checkRadarSite(grid.latitude, grid.longitude);
    checkCartesianGeometry(grid);
    if (grid.codes.length !== grid.columns * grid.rows) throw new RadomeError('BAD_INPUT', `raster grid of ${grid.rows} rows × ${grid.columns} columns: ${grid.codes.length} codes`);
    ({ bbox: this.bbox, mercatorBounds: this.mercatorBounds } = boundsOf(grid.latitude, grid.longitude, rasterBoundary(grid).boundary));
  }

  painter(frame: PixelFrame): RowPainter {
    return new RasterRowPainter(this.grid, this.grid.codes, new PixelRowPositions(frame, this.grid));
  }
}

/** A tile address, checked: zoom 0–14, x and y inside the zoom's 2^z × 2^z grid, 256 or 512 px. */
export function checkTile(z: number, x: number, y: number, tileSize: number): void {
  if (!Number.isInteger(z) || z < 0 || z > MAX_TILE_ZOOM) throw new RadomeError('BAD_INPUT', `zoom ${z} is not an integer from 0 to ${MAX_TILE_ZOOM}`);
  const n = 2 ** z;
  if (!Number.isInteger(x) || x < 0 || x >= n) throw new RadomeError('BAD_INPUT', `tile x ${x} is outside 0…${n - 1} at zoom ${z}`);
  if (!Number.isInteger(y) || y < 0 || y >= n) throw new RadomeError('BAD_INPUT', `tile y ${y} is outside 0…${n - 1} at zoom ${z}`);
  if (!(TILE_SIZES as readonly number[]).includes(tileSize)) throw new RadomeError('BAD_INPUT', `tile size ${tileSize} is not one of ${TILE_SIZES.join(', ')} px`);
}

/** The Mercator frame of a pixel window [col0, col1) × [row0, row1) of the tile. */
export function windowFrame(z: number, x: number, y: number, tileSize: number, col0: number, row0: number, col1: number, row1: number): MercatorFrame {
  const pixelM = (2 * HALF_WORLD_M) / (2 ** z * tileSize);
  return mercatorFrame(-HALF_WORLD_M + (x * tileSize + col0) * pixelM, HALF_WORLD_M - (y * tileSize + row0) * pixelM, col1 - col0, row1 - row0, pixelM);
}

/** The tile's pixels a source may colour: [col0, row0, col1, row1), or null when none. */
export function tileWindow(bounds: readonly [number, number, number, number], z: number, x: number, y: number, tileSize: number): [number, number, number, number] | null {
  const pixelM = (2 * HALF_WORLD_M) / (2 ** z * tileSize);
  const westX = -HALF_WORLD_M + x * tileSize * pixelM;
  const northY = HALF_WORLD_M - y * tileSize * pixelM;
  // One pixel of margin: a pixel whose centre lies in the bounds may start outside them.
  const col0 = Math.max(0, Math.floor((bounds[0] - westX) / pixelM) - 1);
  const col1 = Math.min(tileSize, Math.ceil((bounds[2] - westX) / pixelM) + 1);
  const row0 = Math.max(0, Math.floor((northY - bounds[3]) / pixelM) - 1);
  const row1 = Math.min(tileSize, Math.ceil((northY - bounds[1]) / pixelM) + 1);
  return col0 < col1 && row0 < row1 ? [col0, row0, col1, row1] : null;
}

const emptyTiles = new Map<number, Uint8Array>();

/** A fully transparent tile (one per size, made once). */
export function emptyTile(tileSize: number): Uint8Array {
  let png = emptyTiles.get(tileSize);
  if (!png) {
    const writer = new IndexedPngWriter(tileSize, tileSize, Uint32Array.of(0));
    const row = new Uint8Array(tileSize);
    for (let r = 0; r < tileSize; r++) writer.writeRow(row);
    emptyTiles.set(tileSize, (png = writer.finish()));
  }
  return png;
}

/**
 * Renders XYZ tile z/x/y (Web Mercator, rows from the north, `tileSize` px) of a source as PNG:
 * each pixel takes the colour (`colors`: a colour table or value encoding) of the code under its
 * centre, sampled exactly as the overlays are (same geodesics, beam model and gate lookup);
 * transparent where there is no data. Only the tile's pixels within the source's bounds are
 * sampled, in a frame of their own, so geodesic nodes stay near the radar at any zoom.
 */
export function renderTile(source: TileSource, colors: TileColors, z: number, x: number, y: number, tileSize: number): Uint8Array {
  checkTile(z, x, y, tileSize);
  const window = tileWindow(source.mercatorBounds, z, x, y, tileSize);
  if (!window) return emptyTile(tileSize);
  const [col0, row0, col1, row1] = window;
  const frame = windowFrame(z, x, y, tileSize, col0, row0, col1, row1);
  const painter = source.painter(frame);
  if (colors.palette) {
    const { codeIndex, colors: palette } = colors.palette;
    const writer = new IndexedPngWriter(tileSize, tileSize, palette);
    const row = new Uint8Array(tileSize);
    const inWindow = row.subarray(col0, col1);
    for (let r = 0; r < tileSize; r++) {
      row.fill(0);
      if (r >= row0 && r < row1) painter.paintRow(r - row0, inWindow, codeIndex);
      writer.writeRow(row);
    }
    return writer.finish();
  }
  const writer = new RgbaPngWriter(tileSize, tileSize);
  const row = new Uint32Array(tileSize);
  const inWindow = row.subarray(col0, col1);
  for (let r = 0; r < tileSize; r++) {
    row.fill(0);
    if (r >= row0 && r < row1) painter.paintRow(r - row0, inWindow, colors.codeColors);
    writer.writeRow(row);
  }
  return writer.finish();
}

/** The tiles of zoom z that cover a bbox: [xMin, yMin, xMax, yMax] inclusive. */
export function tileRange(bbox: BBox, z: number): [number, number, number, number] {
  const n = 2 ** z;
  const col = (lon: number) => Math.min(n - 1, Math.max(0, Math.floor(((mercatorX(lon) + HALF_WORLD_M) / (2 * HALF_WORLD_M)) * n)));
  const row = (lat: number) => Math.min(n - 1, Math.max(0, Math.floor(((HALF_WORLD_M - mercatorY(lat)) / (2 * HALF_WORLD_M)) * n)));
  return [col(bbox[0]), row(bbox[3]), col(bbox[2]), row(bbox[1])];
}
