// Precipitation rate per gate code: Level 2 reflectivity through the WSR-88D default Z-R relation,
// or a Level 3 DPR's own rates. Tables are indexed by code so a sweep converts with one lookup per gate.

/** WSR-88D default (convective) Z = a·R^b, Z in mm⁶/m³, R in mm/h. */
export const ZR_A = 300;
export const ZR_B = 1.4;
/** Reflectivity above this is taken as hail-contaminated and capped (the PPS's 53 dBZ, 103.8 mm/h). */
export const HAIL_CAP_DBZ = 53;
export const MM_PER_INCH = 25.4;

/** Rate in mm/h of a reflectivity in dBZ: R = (10^(dBZ/10) / a)^(1/b), dBZ capped at HAIL_CAP_DBZ. */
export function zrRateMmPerHour(dbz: number): number {
  return (10 ** (Math.min(dbz, HAIL_CAP_DBZ) / 10) / ZR_A) ** (1 / ZR_B);
}

/**
 * Rate of each REF code (index = code) in mm/h. Codes without a value (below threshold, range
 * folded) rain 0: the radar saw the place and measured no echo there.
 */
export function zrRateTable(codeValues: Float32Array): Float32Array {
  const rates = new Float32Array(codeValues.length);
  for (let c = 0; c < codeValues.length; c++) {
    const dbz = codeValues[c]!;
    rates[c] = dbz === dbz ? zrRateMmPerHour(dbz) : 0;
  }
  return rates;
}

/** Rate of each DPR data level in mm/h from the product's level values in in/h (no value: 0). */
export function dprRateTable(levelValuesInPerHour: Float32Array): Float32Array {
  const rates = new Float32Array(levelValuesInPerHour.length);
  for (let c = 0; c < rates.length; c++) {
    const v = levelValuesInPerHour[c]!;
    rates[c] = v === v && v > 0 ? v * MM_PER_INCH : 0;
  }
  return rates;
}
