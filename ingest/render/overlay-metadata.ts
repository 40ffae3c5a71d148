import { RadomeError } from '../../core/errors.js';
import type { BBox, ColorLegend, Corners, OverlayGeometry, RenderedOverlay } from './types.js';

export interface OverlayMetadataInput {
  /** 4-letter ICAO site, e.g. KLOT. */
  site: string;
  kind: 'level2' | 'level3';
  /** Stable id of the sweep/product the overlay shows. */
  id: string;
  /** Level 2 moment (REF…) or Level 3 product mnemonic (N0H…). */
  product: string;
  /** Physical units of the values; defaults to the legend's. */
  units?: string;
  /** Epoch ms UTC (or Date) of the first and last radial / the product's scan. */
  startTime: number | Date;
  endTime?: number | Date;
  /** Elevation angle, degrees; null for products without one. */
  elevationAngle: number | null;
  overlay: RenderedOverlay;
  /** More fields for the JSON (volume id, VCP…); they may not reuse the names above. */
  extra?: Record<string, unknown>;
}

/** The JSON written beside each PNG: everything a map client needs to place and explain it. */
export interface OverlayMetadata {
  id: string;
  site: string;
  kind: 'level2' | 'level3';
  product: string;
  units: string;
  startTime: string;
  endTime: string | null;
  elevationAngle: number | null;
  image: { format: 'image/png'; width: number; height: number; crs: 'EPSG:3857' };
  bbox: BBox;
  corners: Corners;
  legend: ColorLegend;
  geometry: OverlayGeometry;
  [extra: string]: unknown;
}

export function buildOverlayMetadata(input: OverlayMetadataInput): OverlayMetadata {
  const { overlay } = input;
  const metadata: OverlayMetadata = {
    id: input.id,
    site: input.site,
    kind: input.kind,
    product: input.product,
    units: input.units ?? overlay.legend.units,
    startTime: isoTime(input.startTime, 'startTime'),
    endTime: input.endTime === undefined ? null : isoTime(input.endTime, 'endTime'),
    elevationAngle: input.elevationAngle,
    image: { format: 'image/png', width: overlay.width, height: overlay.height, crs: overlay.geometry.crs },
    bbox: overlay.bbox,
    corners: overlay.corners,
    legend: overlay.legend,
    geometry: overlay.geometry,
  };
  for (const [key, value] of Object.entries(input.extra ?? {})) {
    if (key in metadata) throw new RadomeError('BAD_INPUT', `overlay metadata: extra field ${JSON.stringify(key)} would replace a standard field`);
    metadata[key] = value;
  }
  return metadata;
}

function isoTime(t: number | Date, field: string): string {
  const ms = typeof t === 'number' ? t : t.getTime();
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) throw new RadomeError('BAD_INPUT', `overlay metadata: ${field} ${String(t)} is not a valid time`);
  return new Date(ms).toISOString();
}
