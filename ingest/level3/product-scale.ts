import type { Level3Product } from '../decode/level3/index.js';
import { colorScaleForMoment, dataLevelColorScale, hydrometeorClassScale, precipitationInchesScale, type ColorScale } from '../render/index.js';

/** Codes whose values are a Level 2 moment in its own units, so they share its colours. */
const MOMENT_OF_CODE: Record<number, 'VEL' | 'SW' | 'ZDR' | 'RHO'> = { 99: 'VEL', 154: 'VEL', 155: 'SW', 159: 'ZDR', 161: 'RHO' };

function withUnits(scale: ColorScale, units: string): ColorScale {
  return { ...scale, units, legend: { ...scale.legend, units } };
}

/**
 * The colour scale of a radial/raster product: hydrometeor classes by name, precipitation in
 * inches (accumulations) or inches per hour (rates), reflectivity and the dual-pol/velocity
 * moments with the Level 2 tables, and everything else through the product's own data levels
 * (`levelValues`: value of each level, NaN for flags).
 */
export function colorScaleForProduct(product: Level3Product, levelValues: Float32Array): ColorScale {
  const info = product.info!;
  if (info.coding.kind === 'hydrometeor-class') return hydrometeorClassScale();
  if (info.category === 'PRECIPITATION' && (info.units === 'in' || info.units === 'in/h')) return withUnits(precipitationInchesScale(), info.units);
  if (info.units === 'dBZ') return colorScaleForMoment('REF', { clearAir: product.description.operationalMode === 'clear-air' });
  const moment = MOMENT_OF_CODE[info.code];
  if (moment) return withUnits(colorScaleForMoment(moment), info.units);
  return dataLevelColorScale(info.units, levelValues);
}
