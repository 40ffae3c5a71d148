import type { BBox, Corners } from '../../ingest/render/types.js';
import type { ProductRow } from '../types.js';

/** SELECT list whose aliases give ProductRow's field names (bbox and corners still flat). */
export const PRODUCT_COLUMNS = `id, site, code, mnemonic, name, category, scan_time AS scanTime,
  elevation_angle AS elevationAngle, units, image_key AS imageKey, metadata_key AS metadataKey,
  raw_key AS rawKey, west, south, east, north, corners, source, source_key AS sourceKey,
  source_size AS sourceSize, source_fingerprint AS sourceFingerprint, ingested_at AS ingestedAt`;

export type ProductRecord = Omit<ProductRow, 'bbox' | 'corners'> & {
  west: number | null;
  south: number | null;
  east: number | null;
  north: number | null;
  corners: string | null;
};

export function productFromRecord(r: ProductRecord): ProductRow {
  const { west, south, east, north, corners, ...rest } = r;
  const bbox = west === null || south === null || east === null || north === null ? null : ([west, south, east, north] as BBox);
  return { ...rest, bbox, corners: corners === null ? null : (JSON.parse(corners) as Corners) };
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
  };
}
