import { RadomeError } from '../../core/errors.js';
import type { ColorScale } from './color-scale.js';
import { geodesicDirect, WGS84 } from './geodesic.js';
import { LocalPlaneSampler } from './local-plane-sampler.js';
import { codePalette } from './code-palette.js';
import { IndexedPngWriter, RgbaPngWriter } from './png-encode.js';
import type { OverlayGeometry, RenderedOverlay } from './types.js';
import { MERCATOR_MAX_LATITUDE, mercatorFrameAround, type MercatorFrame } from './web-mercator.js';

export const DEFAULT_OVERLAY_SIZE = 1024;
export const GEODESIC_NAME = 'Vincenty (1975) direct and inverse on the WGS84 ellipsoid';
/** Farthest ground distance an overlay may reach: beyond it a "radar" grid is surely mis-scaled. */
const MAX_GROUND_RANGE_KM = 2000;

export function checkRadarSite(latitude: number, longitude: number): void {
  if (!(Math.abs(latitude) < MERCATOR_MAX_LATITUDE - 5) || !Number.isFinite(longitude)) {
    throw new RadomeError('BAD_INPUT', `radar position (${latitude}, ${longitude}) is not a WGS84 latitude/longitude Web Mercator can show`);
  }
}

/** [lon, lat] pairs of the local-plane points (east, north km) given as flat pairs, via direct geodesics. */
function localPointsToLonLat(latitude: number, longitude: number, eastNorthKm: Float64Array): Float64Array {
  const out = new Float64Array(eastNorthKm.length);
  for (let i = 0; i < eastNorthKm.length; i += 2) {
    const e = eastNorthKm[i]!;
    const n = eastNorthKm[i + 1]!;
    const az = (Math.atan2(e, n) * 180) / Math.PI;
    const [lon, lat] = geodesicDirect(latitude, longitude, az, Math.hypot(e, n) * 1000);
    out[i] = lon;
    out[i + 1] = lat;
  }
  return out;
}

/**
 * The Web Mercator frame around the local-plane `boundary` (east, north km pairs enclosing every
 * pixel that may be coloured), `size` pixels on its long side. BAD_INPUT when the overlay would
 * reach beyond any radar's range.
 */
export function overlayFrame(site: { latitude: number; longitude: number }, boundary: Float64Array, size: number, maxGroundRangeKm: number): MercatorFrame {
  if (!(maxGroundRangeKm > 0 && maxGroundRangeKm <= MAX_GROUND_RANGE_KM)) {
    throw new RadomeError('BAD_INPUT', `overlay reaches ${maxGroundRangeKm} km from the radar; expected (0, ${MAX_GROUND_RANGE_KM}] km`);
  }
  return mercatorFrameAround(localPointsToLonLat(site.latitude, site.longitude, boundary), size);
}

/**
 * Local-plane positions (east, north km from the radar) of the pixel centres of the frame, row by
 * row: `positions(row)` fills and returns arrays that the next call reuses.
 */
export function pixelRowPositions(
  frame: MercatorFrame,
  site: { latitude: number; longitude: number },
): (row: number) => { east: Float64Array; north: Float64Array } {
  const sampler = new LocalPlaneSampler(frame, site.latitude, site.longitude);
  const rowPositions = { east: new Float64Array(frame.width), north: new Float64Array(frame.width) };
  return (row) => {
    sampler.fillRow(row, rowPositions.east, rowPositions.north);
    return rowPositions;
  };
}

/** A row of pixels and the table that colours codes into it: both palette indices or both packed RGBA words. */
export type PixelRow = Uint8Array | Uint32Array;

/**
 * The overlay of the frame, painted row by row from north: `paintRow` sets `pixels[col] =
 * codeTable[code]` for the pixels it colours (the others stay 0 = transparent, zeroed before each
 * row). When the codes' colours fit a palette (every current scale does), rows are palette indices
 * of an indexed-colour PNG, a quarter of the bytes to deflate; else packed RGBA for an RGBA PNG.
 */
export function encodeOverlay(
  frame: MercatorFrame,
  scale: ColorScale,
  geometry: Omit<OverlayGeometry, 'crs' | 'ellipsoid'>,
  codeColors: Uint32Array,
  paintRow: (row: number, pixels: PixelRow, codeTable: PixelRow) => void,
): RenderedOverlay {
  const { width, height } = frame;
  const palette = codePalette(codeColors);
  let png: Uint8Array;
  if (palette) {
    const writer = new IndexedPngWriter(width, height, palette.colors);
    png = paintRows(height, new Uint8Array(width), palette.codeIndex, paintRow, (pixels) => writer.writeRow(pixels), () => writer.finish());
  } else {
    const writer = new RgbaPngWriter(width, height);
    png = paintRows(height, new Uint32Array(width), codeColors, paintRow, (pixels) => writer.writeRow(pixels), () => writer.finish());
  }
  return {
    png,
    width,
    height,
    bbox: frame.bbox,
    corners: frame.corners,
    legend: scale.legend,
    geometry: { crs: 'EPSG:3857', ellipsoid: { name: 'WGS84', ...WGS84 }, ...geometry },
  };
}

function paintRows<Row extends PixelRow>(
  height: number,
  pixels: Row,
  codeTable: Row,
  paintRow: (row: number, pixels: Row, codeTable: Row) => void,
  writeRow: (pixels: Row) => void,
  finish: () => Uint8Array,
): Uint8Array {
  for (let row = 0; row < height; row++) {
    pixels.fill(0);
    paintRow(row, pixels, codeTable);
    writeRow(pixels);
  }
  return finish();
}
