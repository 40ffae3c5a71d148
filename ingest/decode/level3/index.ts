/** NEXRAD Level 3 (ICD 2620001) decoding: public entry points. */
export { decodeLevel3 } from './decode-level3.js';
export { decodeLevels, levelValueTable, nexradFloat16, type DecodeLevelsOptions } from './decode-levels.js';
export {
  HYDROMETEOR_CLASSES,
  LEVEL3_PRODUCTS,
  MM_PER_INCH,
  productByCode,
  productByMnemonic,
  type HydrometeorAbbrev,
  type Level3ProductInfo,
  type LevelCoding,
  type ParamSpec,
  type ProductCategory,
  type ProductFormat,
} from './products.js';
export { siteIcaoFromRadarId } from './site-icao.js';
export type * from './types.js';
export { STORM_CELL_PRODUCT_CODES, stormCellsOf } from './storm-cells/index.js';
export type { StormCellProduct, StormCellRecord } from './storm-cells/index.js';
