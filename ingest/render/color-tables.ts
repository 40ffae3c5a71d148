import { RadomeError } from '../../core/errors.js';
import type { Moment } from '../decode/level2/types.js';
import { classColorScale, thresholdColorScale, type ColorScale, type ThresholdStep } from './color-scale.js';

/** NWS reflectivity colours, 5 dBZ steps from 5 to ≥ 75 dBZ (precipitation mode). */
const REF_PRECIPITATION: ThresholdStep[] = [
  { min: 5, color: '#04e9e7' },
  { min: 10, color: '#019ff4' },
  { min: 15, color: '#0300f4' },
  { min: 20, color: '#02fd02' },
  { min: 25, color: '#01c501' },
  { min: 30, color: '#008e00' },
  { min: 35, color: '#fdf802' },
  { min: 40, color: '#e5bc00' },
  { min: 45, color: '#fd9500' },
  { min: 50, color: '#fd0000' },
  { min: 55, color: '#d40000' },
  { min: 60, color: '#bc0000' },
  { min: 65, color: '#f800fd' },
  { min: 70, color: '#9854c6' },
  { min: 75, color: '#fdfdfd' },
];

/** Clear-air mode adds greys from −30 dBZ (insects, clear-air returns, light snow). */
const REF_CLEAR_AIR: ThresholdStep[] = [
  { min: -30, color: '#3c3c3c' },
  { min: -25, color: '#4b4b4b' },
  { min: -20, color: '#5a5a5a' },
  { min: -15, color: '#696969' },
  { min: -10, color: '#787878' },
  { min: -5, color: '#878787' },
  { min: 0, color: '#969696' },
  ...REF_PRECIPITATION,
];

/** NWS 16-level velocity colours in m/s: inbound (negative) greens, outbound reds. */
const VEL: ThresholdStep[] = [
  { min: -Infinity, color: '#02fc02' },
  { min: -30, color: '#01e401' },
  { min: -25, color: '#01c501' },
  { min: -20, color: '#07ac04' },
  { min: -15, color: '#068e03' },
  { min: -10, color: '#047202' },
  { min: -5, color: '#7c977b' },
  { min: -1, color: '#999999' },
  { min: 1, color: '#987777' },
  { min: 5, color: '#890000' },
  { min: 10, color: '#a20000' },
  { min: 15, color: '#b90000' },
  { min: 20, color: '#d80000' },
  { min: 25, color: '#ef0000' },
  { min: 30, color: '#fe0000' },
];

const SW: ThresholdStep[] = [
  { min: 0, color: '#767676' },
  { min: 2, color: '#9c9c9c' },
  { min: 4, color: '#00a000' },
  { min: 6, color: '#00e000' },
  { min: 8, color: '#ffff00' },
  { min: 10, color: '#ffb000' },
  { min: 12, color: '#ff6000' },
  { min: 15, color: '#ff0000' },
  { min: 20, color: '#ff00ff' },
];

const ZDR: ThresholdStep[] = [
  { min: -4, color: '#3a3a3a' },
  { min: -2, color: '#6a6a6a' },
  { min: -1, color: '#9a9a9a' },
  { min: -0.5, color: '#cacaca' },
  { min: 0, color: '#e6e6e6' },
  { min: 0.5, color: '#2a3cdc' },
  { min: 1, color: '#2f8cff' },
  { min: 1.5, color: '#33d6e6' },
  { min: 2, color: '#22b14c' },
  { min: 2.5, color: '#7fe032' },
  { min: 3, color: '#ffee00' },
  { min: 4, color: '#ff9a00' },
  { min: 5, color: '#ff2a00' },
  { min: 6, color: '#b4001e' },
  { min: 8, color: '#ff99dd' },
];

const PHI: ThresholdStep[] = [
  { min: 0, color: '#0000a0' },
  { min: 30, color: '#0032ff' },
  { min: 60, color: '#0096ff' },
  { min: 90, color: '#00e6e6' },
  { min: 120, color: '#00c864' },
  { min: 150, color: '#64e600' },
  { min: 180, color: '#e6e600' },
  { min: 210, color: '#ffb400' },
  { min: 240, color: '#ff6400' },
  { min: 270, color: '#ff0000' },
  { min: 300, color: '#c8006e' },
  { min: 330, color: '#a000c8' },
];

/** Correlation coefficient 0.2–1.05: finest steps where meteorological echoes live (> 0.9). */
const RHO: ThresholdStep[] = [
  { min: 0.2, color: '#1a0066' },
  { min: 0.45, color: '#2f2fcf' },
  { min: 0.6, color: '#4a7dff' },
  { min: 0.7, color: '#5fd2ff' },
  { min: 0.75, color: '#5ff25f' },
  { min: 0.8, color: '#30b030' },
  { min: 0.85, color: '#b8e232' },
  { min: 0.9, color: '#ffff00' },
  { min: 0.93, color: '#ffc400' },
  { min: 0.95, color: '#ff8a00' },
  { min: 0.96, color: '#ff3c00' },
  { min: 0.97, color: '#d80000' },
  { min: 0.98, color: '#a0002a' },
  { min: 0.99, color: '#c8328c' },
  { min: 1.0, color: '#f0a0e6' },
  { min: 1.05, color: '#ffffff' },
];

/** Clutter filter power removed, dB (filter-state codes below 0 dB stay transparent). */
const CFP: ThresholdStep[] = [
  { min: 0, color: '#d0d0d0' },
  { min: 5, color: '#00c8ff' },
  { min: 10, color: '#0064ff' },
  { min: 15, color: '#00c800' },
  { min: 20, color: '#ffff00' },
  { min: 30, color: '#ff9600' },
  { min: 40, color: '#ff0000' },
  { min: 50, color: '#ff00ff' },
];

const MOMENT_TABLES: Record<Moment, { units: string; steps: ThresholdStep[] }> = {
  REF: { units: 'dBZ', steps: REF_PRECIPITATION },
  VEL: { units: 'm/s', steps: VEL },
  SW: { units: 'm/s', steps: SW },
  ZDR: { units: 'dB', steps: ZDR },
  PHI: { units: 'deg', steps: PHI },
  RHO: { units: 'unitless', steps: RHO },
  CFP: { units: 'dB', steps: CFP },
};

/** The NWS-style colour scale of a Level 2 moment; `clearAir` extends REF down to −30 dBZ. */
export function colorScaleForMoment(moment: Moment, options: { clearAir?: boolean } = {}): ColorScale {
  const table = MOMENT_TABLES[moment];
  if (!table) throw new RadomeError('BAD_INPUT', `no colour table for moment ${JSON.stringify(moment)}`);
  const steps = moment === 'REF' && options.clearAir ? REF_CLEAR_AIR : table.steps;
  return thresholdColorScale(table.units, steps);
}

/**
 * Level 3 hydrometeor classification (N0H… code 165, HHC code 177): the products' data levels
 * 10…150 (0 = below threshold, transparent).
 */
export function hydrometeorClassScale(): ColorScale {
  return classColorScale('class', [
    { value: 10, color: '#9c9c9c', label: 'BI: Biological' },
    { value: 20, color: '#767676', label: 'GC: Anomalous propagation / ground clutter' },
    { value: 30, color: '#f2b0e5', label: 'IC: Ice crystals' },
    { value: 40, color: '#00c5ff', label: 'DS: Dry snow' },
    { value: 50, color: '#1e3cff', label: 'WS: Wet snow' },
    { value: 60, color: '#66ff66', label: 'RA: Light and/or moderate rain' },
    { value: 70, color: '#00a000', label: 'HR: Heavy rain' },
    { value: 80, color: '#ffff00', label: 'BD: Big drops (rain)' },
    { value: 90, color: '#e69800', label: 'GR: Graupel' },
    { value: 100, color: '#ff0000', label: 'HA: Hail, possibly with rain' },
    { value: 110, color: '#b00000', label: 'LH: Large hail' },
    { value: 120, color: '#ff00ff', label: 'GH: Giant hail' },
    { value: 140, color: '#e6e0c0', label: 'UK: Unknown classification' },
    { value: 150, color: '#77007d', label: 'RF: Range folded' },
  ]);
}

/** Precipitation accumulation in inches (DAA, DTA, N1P, NTP…), NWS/AHPS colours from 0.01 in. */
export function precipitationInchesScale(): ColorScale {
  return thresholdColorScale('in', [
    { min: 0.01, color: '#04e9e7' },
    { min: 0.1, color: '#019ff4' },
    { min: 0.25, color: '#0300f4' },
    { min: 0.5, color: '#02fd02' },
    { min: 0.75, color: '#01c501' },
    { min: 1, color: '#008e00' },
    { min: 1.5, color: '#fdf802' },
    { min: 2, color: '#e5bc00' },
    { min: 2.5, color: '#fd9500' },
    { min: 3, color: '#fd0000' },
    { min: 4, color: '#d40000' },
    { min: 5, color: '#bc0000' },
    { min: 6, color: '#f800fd' },
    { min: 8, color: '#9854c6' },
    { min: 10, color: '#fdfdfd' },
  ]);
}

/** Rainfall accumulation in millimetres: the inch scale's colours at its thresholds in mm (0.25 mm ≈ 0.01 in …). */
export function precipitationMillimetresScale(): ColorScale {
  return thresholdColorScale('mm', [
    { min: 0.25, color: '#04e9e7' },
    { min: 2.5, color: '#019ff4' },
    { min: 6, color: '#0300f4' },
    { min: 12.5, color: '#02fd02' },
    { min: 19, color: '#01c501' },
    { min: 25, color: '#008e00' },
    { min: 38, color: '#fdf802' },
    { min: 50, color: '#e5bc00' },
    { min: 63, color: '#fd9500' },
    { min: 75, color: '#fd0000' },
    { min: 100, color: '#d40000' },
    { min: 125, color: '#bc0000' },
    { min: 150, color: '#f800fd' },
    { min: 200, color: '#9854c6' },
    { min: 250, color: '#fdfdfd' },
  ]);
}
