import type { Corners } from '../../../core/geo.js';
import type { ProductRow } from '../products.js';
import { rowTable } from './row-table.js';
import { cornersOf } from './radar-rows.js';

const PRODUCTS = rowTable<ProductRow>(
  [
    ['id', 'id'],
    ['site', 'site'],
    ['code', 'code'],
    ['mnemonic', 'mnemonic'],
    ['name', 'name'],
    ['category', 'category'],
    ['scan_time', 'scanTime'],
    ['elevation_angle', 'elevationAngle'],
    ['units', 'units'],
    ['image_key', 'imageKey'],
    ['metadata_key', 'metadataKey'],
    ['raw_key', 'rawKey'],
    ['west', null],
    ['south', null],
    ['east', null],
    ['north', null],
    ['corners', null],
    ['source', 'source'],
    ['source_key', 'sourceKey'],
    ['source_size', 'sourceSize'],
    ['source_fingerprint', 'sourceFingerprint'],
    ['ingested_at', 'ingestedAt'],
    ['max_accumulation_in', 'maxAccumulationIn'],
  ],
  ['bbox', 'corners'],
);

/** SELECT list read by position by productFromValues (raw statements). */
export const PRODUCT_COLUMNS = PRODUCTS.columns;

/** Number of PRODUCT_COLUMNS, so a query may append its own columns after them. */
export const PRODUCT_COLUMN_COUNT = PRODUCTS.count;

/** Positions of the columns read here rather than by the table's decoder. */
const [PRODUCT_WEST, PRODUCT_SOUTH, PRODUCT_EAST, PRODUCT_NORTH, PRODUCT_CORNERS] = ['west', 'south', 'east', 'north', 'corners'].map((c) => PRODUCTS.at(c));

export function productFromValues(v: unknown[]): ProductRow {
  const row = PRODUCTS.fieldsOf(v);
  const west = v[PRODUCT_WEST!] as number | null;
  const south = v[PRODUCT_SOUTH!] as number | null;
  const east = v[PRODUCT_EAST!] as number | null;
  const north = v[PRODUCT_NORTH!] as number | null;
  const corners = v[PRODUCT_CORNERS!] as string | null;
  const bounded = west !== null && south !== null && east !== null && north !== null;
  row.bbox = bounded ? [west, south, east, north] : null;
  row.corners = corners === null ? null : bounded ? cornersOf(west, south, east, north, corners) : (JSON.parse(corners) as Corners);
  return row;
}

/** Named parameters of the products INSERT. */
export function productParams(p: ProductRow): Record<string, unknown> {
  const [west, south, east, north] = p.bbox ?? [null, null, null, null];
  return PRODUCTS.paramsOf(p, { west, south, east, north, corners: p.corners === null ? null : JSON.stringify(p.corners) });
}
