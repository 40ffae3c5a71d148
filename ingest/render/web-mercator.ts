import { RadomeError } from '../../core/errors.js';
import { bboxCorners } from '../../core/geo.js';
import type { BBox, Corners } from './types.js';

/** EPSG:3857 sphere radius: WGS84 latitudes and longitudes put through the spherical Mercator formulas. */
const R = 6378137;
const DEG = Math.PI / 180;
/** The latitude where Web Mercator's square world ends. */
export const MERCATOR_MAX_LATITUDE = 85.0511287798066;

export const mercatorX = (lonDeg: number): number => R * lonDeg * DEG;
export const mercatorY = (latDeg: number): number => R * Math.log(Math.tan(Math.PI / 4 + (latDeg * DEG) / 2));
export const longitudeOfMercatorX = (x: number): number => x / R / DEG;
export const latitudeOfMercatorY = (y: number): number => (Math.PI / 2 - 2 * Math.atan(Math.exp(-y / R))) / DEG;

/**
 * An image whose pixel columns and rows are linear in Web Mercator x/y, with square pixels.
 * Pixel (col, row) covers x ∈ [west + col·pixelM, west + (col+1)·pixelM], rows counting down from north.
 */
export interface MercatorFrame {
  width: number;
  height: number;
  /** Mercator metres of the west and north image edges, and the side of a pixel. */
  westX: number;
  northY: number;
  pixelM: number;
  bbox: BBox;
  corners: Corners;
}

/**
 * An image whose columns and rows are linear in longitude and latitude (equirectangular,
 * EPSG:4326, as MRMS grids its mosaic): pixel (col, row) covers lon ∈ [west + col·stepDeg, …],
 * rows counting down from `north`.
 */
export interface LonLatFrame {
  width: number;
  height: number;
  west: number;
  north: number;
  stepDeg: number;
}

/** Either kind of frame the samplers place pixels in. */
export type PixelFrame = MercatorFrame | LonLatFrame;

/** Longitude of the centre of column `col` (fractional columns allowed). */
export function longitudeOfColumn(frame: PixelFrame, col: number): number {
  return 'stepDeg' in frame ? frame.west + (col + 0.5) * frame.stepDeg : longitudeOfMercatorX(frame.westX + (col + 0.5) * frame.pixelM);
}

/** Latitude of the centre of row `row`. */
export function latitudeOfRow(frame: PixelFrame, row: number): number {
  return 'stepDeg' in frame ? frame.north - (row + 0.5) * frame.stepDeg : latitudeOfMercatorY(frame.northY - (row + 0.5) * frame.pixelM);
}

/**
 * The smallest frame with `size` pixels on its long side that holds every [lon, lat] point given
 * (flat pairs). The short side is rounded up and its extent widened symmetrically, so pixels stay
 * square and the bbox stays exact.
 */
export function mercatorFrameAround(lonLat: Float64Array, size: number): MercatorFrame {
  if (!Number.isInteger(size) || size < 2 || size > 16384) {
    throw new RadomeError('BAD_INPUT', `overlay size must be an integer from 2 to 16384 pixels, got ${size}`);
  }
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < lonLat.length; i += 2) {
    const lat = lonLat[i + 1]!;
    if (!(Math.abs(lat) < MERCATOR_MAX_LATITUDE)) {
      throw new RadomeError('BAD_INPUT', `overlay reaches latitude ${lat.toFixed(3)}°, beyond Web Mercator's ±${MERCATOR_MAX_LATITUDE.toFixed(2)}°`);
    }
    const x = mercatorX(lonLat[i]!);
    const y = mercatorY(lat);
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  const spanX = maxX - minX;
  const spanY = maxY - minY;
  if (!(spanX > 0 && spanY > 0)) throw new RadomeError('BAD_INPUT', 'overlay extent is empty');
  const pixelM = Math.max(spanX, spanY) / size;
  // 1e-9 keeps the long side at exactly `size` despite rounding in the division.
  const width = spanX >= spanY ? size : Math.ceil(spanX / pixelM - 1e-9);
  const height = spanX >= spanY ? Math.ceil(spanY / pixelM - 1e-9) : size;
  return mercatorFrame((minX + maxX) / 2 - (width * pixelM) / 2, (minY + maxY) / 2 + (height * pixelM) / 2, width, height, pixelM);
}

/** The frame of `width` × `height` pixels of `pixelM` metres whose north-west corner is (westX, northY), with its lon/lat bbox and corners. */
export function mercatorFrame(westX: number, northY: number, width: number, height: number, pixelM: number): MercatorFrame {
  const west = longitudeOfMercatorX(westX);
  const east = longitudeOfMercatorX(westX + width * pixelM);
  const north = latitudeOfMercatorY(northY);
  const south = latitudeOfMercatorY(northY - height * pixelM);
  return {
    width,
    height,
    westX,
    northY,
    pixelM,
    bbox: [west, south, east, north],
    corners: bboxCorners(west, south, east, north),
  };
}
