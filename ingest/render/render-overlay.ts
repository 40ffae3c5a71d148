import { RadomeError } from '../../core/errors.js';
import type { ColorScale } from './color-scale.js';
import { geodesicDirect, WGS84 } from './geodesic.js';
import { LocalPlaneSampler } from './local-plane-sampler.js';
import { codePalette, type CodePalette } from './code-palette.js';
import { IndexedPngWriter, RgbaPngWriter, type PngRowWriter } from './png-encode.js';
import type { OverlayGeometry, RenderedOverlay } from './types.js';
import { MERCATOR_MAX_LATITUDE, mercatorFrameAround, type MercatorFrame, type PixelFrame } from './web-mercator.js';

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
export function localPointsToLonLat(latitude: number, longitude: number, eastNorthKm: Float64Array): Float64Array {
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
 * Local-plane positions (east, north km from the radar) of the pixel centres of a frame, one row
 * at a time: `fill(row)` overwrites `east` and `north`.
 */
export class PixelRowPositions {
  readonly east: Float64Array;
  readonly north: Float64Array;
  private readonly sampler: LocalPlaneSampler;

  constructor(frame: PixelFrame, site: { latitude: number; longitude: number }) {
    this.sampler = new LocalPlaneSampler(frame, site.latitude, site.longitude);
    this.east = new Float64Array(frame.width);
    this.north = new Float64Array(frame.width);
  }

  /** Columns [from, to) only when given. */
  fill(row: number, from = 0, to = this.east.length): void {
    this.sampler.fillRow(row, this.east, this.north, from, to);
  }
}

/** A row of pixels and the table that colours codes into it: both palette indices or both packed RGBA words. */
export type PixelRow = Uint8Array | Uint32Array;

/**
 * Colours the rows of one overlay: `paintRow` sets `pixels[col] = codeTable[code]` for the pixels
 * it colours (the others stay 0 = transparent, zeroed before each row).
 *
 * An object with a method rather than a callback made per overlay: V8 kept losing such callbacks'
 * optimised code (it holds it weakly once the closures are gone) and compiled them again, several
 * times a minute per thread; an ingest bench run went from 480 TurboFan compiles to 212 without them.
 */
export interface RowPainter {
  paintRow(row: number, pixels: PixelRow, codeTable: PixelRow): void;
}

/**
 * Palettes of code colour tables seen before: Level 2 planning shares one table per moment
 * encoding between cuts (plan.ts codeTableOf), and a 16-bit table's palette is a 65,536-code pass.
 */
const palettes = new WeakMap<Uint32Array, CodePalette | null>();

/**
 * The overlay of the frame, painted row by row from north by `painter`. When the codes' colours fit
 * a palette (every current scale does), rows are palette indices of an indexed-colour PNG, a
 * quarter of the bytes to deflate; else packed RGBA for an RGBA PNG.
 */
export function encodeOverlay(frame: MercatorFrame, scale: ColorScale, geometry: Omit<OverlayGeometry, 'crs' | 'ellipsoid'>, codeColors: Uint32Array, painter: RowPainter): RenderedOverlay {
  const { width, height } = frame;
  let palette = palettes.get(codeColors);
  if (palette === undefined) palettes.set(codeColors, (palette = codePalette(codeColors)));
  let png: Uint8Array;
  if (palette) {
    const writer = new IndexedPngWriter(width, height, palette.colors);
    for (let row = 0; row < height; row++) painter.paintRow(row, writer.blankRow(), palette.codeIndex);
    png = writer.finish();
  } else {
    png = paintRows(height, new Uint32Array(width), codeColors, painter, new RgbaPngWriter(width, height));
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

function paintRows<Row extends PixelRow>(height: number, pixels: Row, codeTable: Row, painter: RowPainter, writer: PngRowWriter<Row>): Uint8Array {
  for (let row = 0; row < height; row++) {
    pixels.fill(0);
    painter.paintRow(row, pixels, codeTable);
    writer.writeRow(pixels);
  }
  return writer.finish();
}
