export type * from './types.js';
export { renderPolarPng } from './render-polar.js';
export { renderRasterPng } from './render-raster.js';
export { DEFAULT_OVERLAY_SIZE } from './render-overlay.js';
export { buildOverlayMetadata, type OverlayMetadata, type OverlayMetadataInput } from './overlay-metadata.js';
export {
  classColorScale,
  thresholdColorScale,
  parseColor,
  packRgba,
  type ColorClass,
  type ColorLut,
  type ColorScale,
  type ThresholdStep,
} from './color-scale.js';
export { colorScaleForMoment, hydrometeorClassScale, precipitationInchesScale } from './color-tables.js';
export { encodeRgbaPng } from './png-encode.js';
