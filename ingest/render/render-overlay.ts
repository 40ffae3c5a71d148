import { RadomeError } from '../../core/errors.js';
import type { ColorScale } from './color-scale.js';
import { geodesicDirect, WGS84 } from './geodesic.js';
import { LocalPlaneSampler } from './local-plane-sampler.js';
import { RgbaPngWriter } from './png-encode.js';
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

/** Calls `visit` for each pixel row of the frame with the local-plane position (east, north km) of each pixel centre. */
export function forEachPixelRow(
  frame: MercatorFrame,
  site: { latitude: number; longitude: number },
  visit: (row: number, east: Float64Array, north: Float64Array) => void,
): void {
  const sampler = new LocalPlaneSampler(frame, site.latitude, site.longitude);
  const east = new Float64Array(frame.width);
  const north = new Float64Array(frame.width);
  for (let row = 0; row < frame.height; row++) {
    sampler.fillRow(row, east, north);
    visit(row, east, north);
  }
}

/** The overlay of a painted frame: `pixels` holds width × height packed RGBA words, row-major from the north row. */
export function encodeOverlay(
  frame: MercatorFrame,
  pixels: Uint32Array,
  scale: ColorScale,
  geometry: Omit<OverlayGeometry, 'crs' | 'ellipsoid'>,
): RenderedOverlay {
  const { width, height } = frame;
  const png = new RgbaPngWriter(width, height);
  for (let row = 0; row < height; row++) png.writeRow(pixels.subarray(row * width, (row + 1) * width));
  return {
    png: png.finish(),
    width,
    height,
    bbox: frame.bbox,
    corners: frame.corners,
    legend: scale.legend,
    geometry: { crs: 'EPSG:3857', ellipsoid: { name: 'WGS84', ...WGS84 }, ...geometry },
  };
}
