// Storm cells of a site over a window: the cells objects beside the NST, NHI, NTV, NSS and NMD
// products (written at ingest), merged per volume scan and cell id.
import type { ProductId } from '../../core/vocabulary/index.js';
import type { StormCellProduct, StormCellRecord } from '../../ingest/decode/level3/index.js';
import { STORM_CELL_PRODUCT_CODES } from '../../ingest/decode/level3/index.js';
import { level3StormCellsKey } from '../../ingest/level3/product-id.js';
import type { ObjectStore } from '../../store/types.js';
import type { CatalogReader, ProductRow } from '../../store/catalog/index.js';
import type { TimeWindow } from './window.js';

/** Longest window a storm cell request may cover. */
export const STORM_CELLS_MAX_HOURS = 24;
/** More storm products than a day of five products at one-minute volumes holds. */
const MAX_PRODUCTS = 10_000;

/** Which product's statement wins for a field both give: NST tracks cells, NSS measures them. */
const PRECEDENCE = [58, 62, 59, 61, 141];

export interface StormCellPastPoint {
  /** Epoch ms of the past volume scan when the same volume's NSS states it, else null. */
  time: number | null;
  lon: number;
  lat: number;
}

export type MergedStormCell = Omit<StormCellRecord, 'past'> & {
  site: string;
  /** Epoch ms of the volume scan. */
  time: number;
  past: StormCellPastPoint[];
  /** The product whose position the cell has (highest precedence), then the others that state it. */
  productIds: ProductId[];
};

type Sourced = { row: ProductRow; cells: StormCellProduct };

function firstNonNull<K extends keyof StormCellRecord>(records: StormCellRecord[], key: K): StormCellRecord[K] {
  for (const r of records) {
    const v = r[key];
    if (v !== null && !(Array.isArray(v) && v.length === 0)) return v;
  }
  return records[0]![key];
}

function merge(site: string, time: number, parts: Array<{ row: ProductRow; record: StormCellRecord }>, volumeTimes: number[] | null): MergedStormCell {
  parts.sort((a, b) => PRECEDENCE.indexOf(a.row.code) - PRECEDENCE.indexOf(b.row.code));
  const records = parts.map((p) => p.record);
  const pick = <K extends keyof StormCellRecord>(k: K) => firstNonNull(records, k);
  const past = pick('past').map((p) => {
    const at = volumeTimes ? volumeTimes.length - 1 - p.volumesAgo : -1;
    return { time: at >= 0 ? volumeTimes![at]! : null, lon: p.lon, lat: p.lat };
  });
  return {
    site,
    time,
    cellId: records[0]!.cellId,
    position: records[0]!.position,
    movement: pick('movement'),
    forecast: pick('forecast'),
    past,
    maxReflectivityDbz: pick('maxReflectivityDbz'),
    maxReflectivityHeightKm: pick('maxReflectivityHeightKm'),
    topKm: pick('topKm'),
    baseKm: pick('baseKm'),
    baseBelowLowestElevation: pick('baseBelowLowestElevation'),
    vil: pick('vil'),
    poh: pick('poh'),
    posh: pick('posh'),
    maxHailSizeIn: pick('maxHailSizeIn'),
    maxHailSizeBelow: pick('maxHailSizeBelow'),
    mesocyclone: pick('mesocyclone'),
    tvs: pick('tvs'),
    productIds: parts.map((p) => p.row.id),
  };
}

/** Cells of the products of one site, merged per (volume scan, cell id), in time then id order. */
export function mergeStormCells(site: string, products: Sourced[]): MergedStormCell[] {
  const byVolume = new Map<number, Sourced[]>();
  for (const p of products) byVolume.set(p.cells.volumeTime, [...(byVolume.get(p.cells.volumeTime) ?? []), p]);
  const out: MergedStormCell[] = [];
  for (const time of [...byVolume.keys()].sort((a, b) => a - b)) {
    const volume = byVolume.get(time)!;
    const volumeTimes = volume.find((p) => p.cells.volumeTimes)?.cells.volumeTimes ?? null;
    const byCell = new Map<string, Array<{ row: ProductRow; record: StormCellRecord }>>();
    for (const { row, cells } of volume) {
      for (const record of cells.cells) byCell.set(record.cellId, [...(byCell.get(record.cellId) ?? []), { row, record }]);
    }
    for (const id of [...byCell.keys()].sort()) out.push(merge(site, time, byCell.get(id)!, volumeTimes));
  }
  return out;
}

/** The storm cells of `window`; an empty list when the site has no storm products in it. */
export async function readStormCells(catalog: Pick<CatalogReader, 'products'>, objects: Pick<ObjectStore, 'get'>, window: TimeWindow): Promise<MergedStormCell[]> {
  const page = await catalog.products.list({ site: window.site, codes: [...STORM_CELL_PRODUCT_CODES], from: window.from, to: window.to, order: 'ASC' }, { first: MAX_PRODUCTS });
  const sourced = await Promise.all(
    page.rows.map(async (row): Promise<Sourced | null> => {
      const stored = await objects.get(level3StormCellsKey(row.rawKey));
      // Products ingested before storm cells were decoded have no cells object: they state none here.
      return stored ? { row, cells: JSON.parse(new TextDecoder().decode(stored.body)) as StormCellProduct } : null;
    }),
  );
  return mergeStormCells(
    window.site,
    sourced.filter((s): s is Sourced => s !== null),
  );
}

/** A cell's scalar fields as the API names them, shared by the GraphQL type and the GeoJSON properties. */
export function stormCellScalars(c: MergedStormCell) {
  return {
    cellId: c.cellId,
    azimuth: c.position.azimuthDeg,
    rangeKm: c.position.rangeKm,
    movementFromDeg: c.movement?.fromDeg ?? null,
    movementSpeedKt: c.movement?.speedKt ?? null,
    maxReflectivity: c.maxReflectivityDbz,
    maxReflectivityHeightKm: c.maxReflectivityHeightKm,
    topKm: c.topKm,
    baseKm: c.baseKm,
    baseBelowLowestElevation: c.baseBelowLowestElevation,
    vil: c.vil,
    poh: c.poh,
    posh: c.posh,
    maxHailSizeIn: c.maxHailSizeIn,
    maxHailSizeBelow: c.maxHailSizeBelow,
    mesocyclone: c.mesocyclone?.strengthRank ?? null,
    tvs: c.tvs,
  };
}
