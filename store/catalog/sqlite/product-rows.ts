import type { BBox, Corners } from '../../../core/geo.js';
import type { ProductId, RadarSiteId } from '../../../core/vocabulary/index.js';
import type { ProductCategoryName, ProductRow } from '../products.js';
import { cornersOf } from './rows.js';

/** SELECT list read by position by productFromValues (raw statements): they change together. */
export const PRODUCT_COLUMNS = `id, site, code, mnemonic, name, category, scan_time, elevation_angle, units, image_key,
  metadata_key, raw_key, west, south, east, north, corners, source, source_key, source_size, source_fingerprint,
  ingested_at, max_accumulation_in`;

/** Number of PRODUCT_COLUMNS, so a query may append its own columns after them. */
export const PRODUCT_COLUMN_COUNT = PRODUCT_COLUMNS.split(',').length;

export function productFromValues(v: unknown[]): ProductRow {
  const west = v[12] as number | null;
  const south = v[13] as number | null;
  const east = v[14] as number | null;
  const north = v[15] as number | null;
  const corners = v[16] as string | null;
  const bounded = west !== null && south !== null && east !== null && north !== null;
  return {
    id: v[0] as ProductId,
    site: v[1] as RadarSiteId,
    code: v[2] as number,
    mnemonic: v[3] as string,
    name: v[4] as string,
    category: v[5] as ProductCategoryName,
    scanTime: v[6] as number,
    elevationAngle: v[7] as number | null,
    units: v[8] as string,
    imageKey: v[9] as string | null,
    metadataKey: v[10] as string,
    rawKey: v[11] as string,
    bbox: bounded ? ([west, south, east, north] as BBox) : null,
    corners: corners === null ? null : bounded ? cornersOf(west, south, east, north, corners) : (JSON.parse(corners) as Corners),
    source: v[17] as string,
    sourceKey: v[18] as string,
    sourceSize: v[19] as number,
    sourceFingerprint: v[20] as string,
    ingestedAt: v[21] as number,
    maxAccumulationIn: v[22] as number | null,
  };
}

/** Named parameters of the products INSERT. */
export function productParams(p: ProductRow): Record<string, unknown> {
  const [west, south, east, north] = p.bbox ?? [null, null, null, null];
  return {
    id: p.id,
    site: p.site,
    code: p.code,
    mnemonic: p.mnemonic,
    name: p.name,
    category: p.category,
    scanTime: p.scanTime,
    elevationAngle: p.elevationAngle,
    units: p.units,
    imageKey: p.imageKey,
    metadataKey: p.metadataKey,
    rawKey: p.rawKey,
    west,
    south,
    east,
    north,
    corners: p.corners === null ? null : JSON.stringify(p.corners),
    source: p.source,
    sourceKey: p.sourceKey,
    sourceSize: p.sourceSize,
    sourceFingerprint: p.sourceFingerprint,
    ingestedAt: p.ingestedAt,
    maxAccumulationIn: p.maxAccumulationIn,
  };
}
