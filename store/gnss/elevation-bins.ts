/**
 * Elevation rollups: SNR sums per GPS day, satellite, code, 5° elevation bin and 10° azimuth bin,
 * so elevation masks, azimuth windows and SNR-versus-elevation curves whose edges fall on bin
 * edges are answered from the catalog instead of each day's Parquet object. Windows are half-open
 * ([min, max) and [from, to) of azimuth), so bins and adjacent windows never count a value twice.
 */
export const ELEVATION_BIN_DEGREES = 5;
export const AZIMUTH_BIN_DEGREES = 10;
/** Azimuth bins in a turn. */
export const AZIMUTH_BINS = 360 / AZIMUTH_BIN_DEGREES;

/**
 * Bin widths' reciprocals: a product costs a fraction of a division, and gives the same bin as
 * the division for every float32 angle (what is stored and what the rollups bin). 0.2 and 0.1 as
 * doubles are a little above 0.2 and 0.1 (by 2⁻⁵⁴ relative), so when x/w is an integer k
 * (|k| ≤ 36) the product is k·(1 + δ), which rounds back to k (kδ is under half k's ulp), never
 * below; otherwise a float32 x of magnitude in [2ᵉ, 2ᵉ⁺¹) lies at least 2ᵉ⁻²³ from any multiple of
 * w (an integer), so x/w lies at least 2ᵉ⁻²³/w from an integer, far beyond the product's error
 * (under 2ᵉ⁻⁵¹/w): both floors agree. elevation-bins.test.ts checks it densely around every edge.
 */
const PER_ELEVATION_BIN = 1 / ELEVATION_BIN_DEGREES;
const PER_AZIMUTH_BIN = 1 / AZIMUTH_BIN_DEGREES;

/** The elevation bin of an elevation (degrees): bin b holds [5b, 5b + 5). */
export const elevationBinOf = (elevation: number): number => Math.floor(elevation * PER_ELEVATION_BIN);

/** 360° (a file's rounded 359.99996°) is north, 0°. */
const turn = (azimuth: number): number => (azimuth >= 360 ? azimuth - 360 : azimuth);

/** The azimuth bin of an azimuth in [0, 360] degrees: bin b holds [10b, 10b + 10). */
export const azimuthBinOf = (azimuth: number): number => Math.floor(turn(azimuth) * PER_AZIMUTH_BIN);

/** Whether an azimuth lies in one of the ranges [from, to) (from > to wraps through north); every azimuth when there is none. */
export function inAzimuths(azimuth: number, ranges: readonly (readonly [number, number])[]): boolean {
  if (ranges.length === 0) return true;
  const a = turn(azimuth);
  for (const [lo, hi] of ranges) if (lo <= hi ? a >= lo && a < hi : a >= lo || a < hi) return true;
  return false;
}

const onEdge = (value: number, width: number): boolean => Number.isInteger(value / width);

/**
 * The azimuth bins whose union is exactly the ranges, or null when an edge is not on a bin edge
 * (the query then reads raw observations). An empty list of ranges is every azimuth (null bins are
 * not needed: the caller does not filter).
 */
export function azimuthBinsOf(ranges: readonly (readonly [number, number])[]): number[] | null {
  if (ranges.some(([lo, hi]) => !onEdge(lo, AZIMUTH_BIN_DEGREES) || !onEdge(hi, AZIMUTH_BIN_DEGREES))) return null;
  const bins: number[] = [];
  for (let b = 0; b < AZIMUTH_BINS; b++) if (inAzimuths(b * AZIMUTH_BIN_DEGREES, ranges)) bins.push(b);
  return bins;
}

/** The elevation bins [first, end) of a window [min, max), or null when an edge is not on a bin edge. */
export function elevationBinRange(min: number, max: number): [number, number] | null {
  if (!onEdge(min, ELEVATION_BIN_DEGREES) || !onEdge(max, ELEVATION_BIN_DEGREES)) return null;
  return [min / ELEVATION_BIN_DEGREES, max / ELEVATION_BIN_DEGREES];
}
