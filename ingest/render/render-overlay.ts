import { RadomeError } from '../../core/errors.js';
import type { ColorScale } from './color-scale.js';
import { geodesicDirect, WGS84 } from './geodesic.js';
import { LocalPlaneSampler } from './local-plane-sampler.js';
import { RgbaPngWriter } from './png-encode.js';
import type { OverlayGeometry, RenderedOverlay } from './types.js';
import { MERCATOR_MAX_LATITUDE, mercatorFrameAround } from './web-mercator.js';

export const DEFAULT_OVERLAY_SIZE = 1024;
export const GEODESIC_NAME = 'Vincenty (1975) direct and inverse on the WGS84 ellipsoid';
/** Farthest ground distance an overlay may reach: beyond it a "radar" grid is surely mis-scaled. */
const MAX_GROUND_RANGE_KM = 2000;

/**
 * Colours one row of pixels (packed RGBA words, zeroed = transparent) from each pixel centre's
 * position in the radar's local plane, east and north in km.
 */
export type PaintRow = (east: Float64Array, north: Float64Array, pixels: Uint32Array) => void;

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
 * The pipeline polar and raster renderers share: frame the local-plane `boundary` (east, north
 * km pairs enclosing every coloured pixel) in Web Mercator, then row by row sample positions,
 * paint and encode. `painter` is called once the input has passed the checks here.
 */
export function renderOverlay(
  site: { latitude: number; longitude: number },
  boundary: Float64Array,
  size: number,
  scale: ColorScale,
  geometry: Omit<OverlayGeometry, 'crs' | 'ellipsoid'>,
  painter: () => PaintRow,
): RenderedOverlay {
  if (!(geometry.maxGroundRangeKm > 0 && geometry.maxGroundRangeKm <= MAX_GROUND_RANGE_KM)) {
    throw new RadomeError('BAD_INPUT', `overlay reaches ${geometry.maxGroundRangeKm} km from the radar; expected (0, ${MAX_GROUND_RANGE_KM}] km`);
  }
  const frame = mercatorFrameAround(localPointsToLonLat(site.latitude, site.longitude, boundary), size);
  const sampler = new LocalPlaneSampler(frame, site.latitude, site.longitude);
  const { width, height } = frame;
  const paintRow = painter();
  const png = new RgbaPngWriter(width, height);
  const east = new Float64Array(width);
  const north = new Float64Array(width);
  const pixels = new Uint32Array(width);
  for (let row = 0; row < height; row++) {
    sampler.fillRow(row, east, north);
    pixels.fill(0);
    paintRow(east, north, pixels);
    png.writeRow(pixels);
  }
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
