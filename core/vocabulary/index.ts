/** radome's vocabulary: every identifier, name list and id shape, defined once and imported everywhere else. */
export type { Branded, IdentifierKind } from './identifiers.js';
export { RADAR_SITE, isLevel3RadarId, isRadarSiteId, parseRadarSiteId, type RadarSiteId } from './radar-site.js';
export { GNSS_STATION, isGnssStationId, parseGnssStationId, type GnssStationId } from './gnss-station.js';
export {
  PRODUCT_CATEGORIES,
  PRODUCT_MNEMONIC_KIND,
  isProductMnemonic,
  parseProductMnemonic,
  type ProductCategoryName,
  type ProductMnemonic,
} from './level3-product.js';
export { RADAR_MOMENTS, isRadarMoment, parseRadarMoment, type Moment } from './radar-moment.js';
export {
  isProductId,
  isSweepId,
  isVolumeId,
  level2SweepId,
  level2VolumeId,
  level3ProductId,
  parseProductId,
  parseSweepId,
  parseVolumeId,
  type ProductId,
  type SweepId,
  type VolumeId,
} from './catalog-ids.js';
