import type { Moment } from '../../core/vocabulary/index.js';

/**
 * The layout of a Level 2 volume's analysis-ready sweep store: Zarr v2 laid out as FM-301 /
 * CfRadial 2.1, the way xradar opens NEXRAD. The writer (ingest/level2/sweep-store.ts) and the
 * reader (sweep-store-read.ts) share these names.
 *
 * Gate codes are stored as the file holds them; xarray decodes value = code · scale_factor +
 * add_offset, the ICD's (code − offset) / scale. Codes 0 (below threshold) and 1 (range folded)
 * carry no value: 0 is the array's fill value (`_FillValue`) and both are listed in
 * `missing_value`, so CF readers mask both as NaN (xradar instead decodes code 1 as the lowest
 * value; a range-folded gate is not an echo of that strength). Readers wanting to tell the two
 * apart read the raw codes (xarray: `mask_and_scale=False`).
 */

/** NEXRAD moment → FM-301 / ODIM variable name, as xradar maps them. */
export const MOMENT_VARIABLES: Record<Moment, string> = {
  REF: 'DBZH',
  VEL: 'VRADH',
  SW: 'WRADH',
  ZDR: 'ZDR',
  PHI: 'PHIDP',
  RHO: 'RHOHV',
  CFP: 'CCORH',
};

/** CF standard and long names of each moment (FM-301 / xradar's names). */
export const MOMENT_NAMES: Record<Moment, { standard_name: string; long_name: string }> = {
  REF: { standard_name: 'radar_equivalent_reflectivity_factor_h', long_name: 'Equivalent reflectivity factor H' },
  VEL: { standard_name: 'radial_velocity_of_scatterers_away_from_instrument_h', long_name: 'Radial velocity of scatterers away from instrument H' },
  SW: { standard_name: 'radar_doppler_spectrum_width_h', long_name: 'Doppler spectrum width H' },
  ZDR: { standard_name: 'radar_differential_reflectivity_hv', long_name: 'Log differential reflectivity H/V' },
  PHI: { standard_name: 'radar_differential_phase_hv', long_name: 'Differential phase HV' },
  RHO: { standard_name: 'radar_correlation_coefficient_hv', long_name: 'Correlation coefficient HV' },
  CFP: { standard_name: 'radar_clutter_correction_h', long_name: 'Clutter power removed by the clutter filter H' },
};

/** Sweep group of the i-th cut (0-based, in elevation-number order). */
export function sweepGroupName(index: number): string {
  return `sweep_${index}`;
}

/** Units of the time coordinate (CF), exact for NEXRAD's millisecond radial times. */
export const TIME_UNITS = 'milliseconds since 1970-01-01T00:00:00Z';

/**
 * The coordinates attribute of every moment variable: xradar's less the site's latitude,
 * longitude and altitude, which live in the root group only (xarray ignores the attribute
 * unless the sweep group holds every variable it names).
 */
export const MOMENT_COORDINATES = 'elevation azimuth range time';
