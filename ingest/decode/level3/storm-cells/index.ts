import type { Level3Product } from '../types.js';
import { nhiCells } from './nhi.js';
import { nmdCells } from './nmd.js';
import { nssCells } from './nss.js';
import { nstCells } from './nst.js';
import { ntvCells } from './ntv.js';
import type { StormCellProduct } from './types.js';

export type * from './types.js';
export { KM_PER_KFT, KM_PER_NM } from './position.js';

/** Product codes whose content is storm cells: NST, NHI, NTV, NSS, NMD. */
export const STORM_CELL_PRODUCT_CODES: readonly number[] = [58, 59, 61, 62, 141];

/**
 * The storm cells a decoded NST, NHI, NTV, NSS or NMD product states; null for other products.
 * Pure: table values as stated (converted to km and lon/lat), positions from the symbology where
 * it is finer than the table.
 */
export function stormCellsOf(product: Level3Product): StormCellProduct | null {
  const d = product.description;
  const radar = { latitude: d.latitude, longitude: d.longitude };
  const base = { productCode: d.productCode, volumeTime: d.volumeScanTime, radar, volumeTimes: null };
  switch (d.productCode) {
    case 58:
      return { ...base, cells: nstCells(product, radar) };
    case 59:
      return { ...base, cells: nhiCells(product, radar) };
    case 61:
      return { ...base, cells: ntvCells(product, radar) };
    case 62:
      return { ...base, ...nssCells(product, radar) };
    case 141:
      return { ...base, cells: nmdCells(product, radar) };
    default:
      return null;
  }
}
