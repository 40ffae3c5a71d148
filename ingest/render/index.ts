// Pure renderers: radar grids → transparent Web Mercator PNGs + the metadata to place them.
// No I/O, no clock; safe in worker threads.
export type * from './types.js';
export { renderPolarPng, SweepRenderer } from './render-polar.js';
export { renderRasterPng } from './render-raster.js';
export { DEFAULT_OVERLAY_SIZE } from './render-overlay.js';
export { buildOverlayMetadata, type OverlayMetadata, type OverlayMetadataInput } from './overlay-metadata.js';
export {
  classColorScale,
  thresholdColorScale,
  lutColor,
  parseColor,
  packRgba,
  type ColorClass,
  type ColorLut,
  type ColorScale,
  type ThresholdStep,
} from './color-scale.js';
export { codeColors } from './gate-codes.js';
export { colorScaleForMoment, hydrometeorClassScale, precipitationInchesScale, precipitationMillimetresScale } from './color-tables.js';
export { dataLevelColorScale } from './data-level-scale.js';
export { encodeIndexedPng, encodeRgbaPng } from './png-encode.js';
