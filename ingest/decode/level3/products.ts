/**
 * The Level 3 product registry: one table from ICD 2620001 (Table III message codes, Table V
 * product-dependent halfwords) mapping code ↔ file-name mnemonics ↔ name ↔ category ↔ units ↔ how
 * data levels decode. Halfword numbers are the ICD's (1-based from the message header).
 */

import type { ProductCategoryName as ProductCategory } from '../../../core/vocabulary/index.js';

export type { ProductCategory };

/** What the product's symbology block carries. */
export type ProductFormat = 'radial' | 'raster' | 'graphic' | 'tabular';

/** How raw data levels become physical values (see decode-levels.ts). */
export type LevelCoding =
  /** 8/16 levels; halfwords 31-46 each hold flag bits (high byte) and a value (low byte). */
  | { kind: 'threshold-table' }
  /**
   * Halfword 31 = minimum value / minScale, 32 = increment / incrementScale, 33 = number of levels:
   * level N ≥ firstLevel is min + (N − firstLevel) × increment; levels below firstLevel are flags
   * (0 below threshold, 1 range folded / missing).
   */
  | { kind: 'min-increment'; minScale: number; incrementScale: number; firstLevel: number }
  /**
   * Halfwords 31-32 scale and 33-34 offset as IEEE floats, 36 maximum data level, 37 leading and
   * 38 trailing flag-level counts: value = (N − offset) / scale × unitScale.
   */
  | { kind: 'scale-offset'; unitScale: number }
  /** Data levels are hydrometeor class codes (HYDROMETEOR_CLASSES); 0 = below threshold. */
  | { kind: 'hydrometeor-class' }
  /** High-resolution VIL: linear then logarithmic coding from 16-bit floats in halfwords 31-35. */
  | { kind: 'vil-log' }
  /** Enhanced echo tops: halfword 31 data mask, 32 scale, 33 offset, 34 "topped" mask. */
  | { kind: 'echo-top' }
  /** Graphic/tabular products: no data levels. */
  | { kind: 'none' };

/**
 * A named product-dependent value. `type` defaults to i16. 'time' combines a day number (`hw`,
 * 1 = 1970-01-01) with minutes after midnight (`minutesHw`) into epoch ms UTC (NaN when day 0).
 */
export interface ParamSpec {
  name: string;
  hw: number;
  type?: 'i16' | 'u16' | 'f32' | 'u32' | 'high-byte' | 'low-byte' | 'delta-time' | 'scan-type' | 'time';
  scale?: number;
  minutesHw?: number;
}

export interface Level3ProductInfo {
  code: number;
  /** Mnemonics as used in AWIPS ids and Level 3 file names (N0H…N3H); first is the usual one. */
  mnemonics: readonly string[];
  name: string;
  category: ProductCategory;
  /** Units of decodeLevels' values ('' for unitless, 'class' for class codes). */
  units: string;
  format: ProductFormat;
  /** Bin length (radial) or cell size (raster), km; null when the packet itself says. */
  resolutionKm: number | null;
  /** Number of data levels (8, 16, 256), or 0 for products without levels. */
  dataLevels: number;
  coding: LevelCoding;
  /** Halfword 30 is the elevation angle (×0.1 degrees). */
  hasElevation: boolean;
  /** Halfword 51 says the compression method, 52-53 the uncompressed size. */
  compressible: boolean;
  params: readonly ParamSpec[];
}

export const MM_PER_INCH = 25.4;

/** Hydrometeor classes of products 165 (DHC) and 177 (HHC), by their data-level codes. */
export const HYDROMETEOR_CLASSES = [
  { code: 0, abbrev: 'ND', name: 'Below threshold' },
  { code: 10, abbrev: 'BI', name: 'Biological' },
  { code: 20, abbrev: 'GC', name: 'Anomalous propagation / ground clutter' },
  { code: 30, abbrev: 'IC', name: 'Ice crystals' },
  { code: 40, abbrev: 'DS', name: 'Dry snow' },
  { code: 50, abbrev: 'WS', name: 'Wet snow' },
  { code: 60, abbrev: 'RA', name: 'Light and/or moderate rain' },
  { code: 70, abbrev: 'HR', name: 'Heavy rain' },
  { code: 80, abbrev: 'BD', name: 'Big drops (rain)' },
  { code: 90, abbrev: 'GR', name: 'Graupel' },
  { code: 100, abbrev: 'HA', name: 'Hail, possibly with rain' },
  { code: 110, abbrev: 'LH', name: 'Large hail' },
  { code: 120, abbrev: 'GH', name: 'Giant hail' },
  { code: 140, abbrev: 'UK', name: 'Unknown classification' },
  { code: 150, abbrev: 'RF', name: 'Range folded' },
] as const;

export type HydrometeorAbbrev = (typeof HYDROMETEOR_CLASSES)[number]['abbrev'];

// Parameter groups shared by several products.
const deltaTime = (hw: number): ParamSpec[] => [
  { name: 'deltaTimeSeconds', hw, type: 'delta-time' },
  { name: 'supplementalScan', hw, type: 'scan-type' },
];
const calibration: ParamSpec = { name: 'calibrationConstant', hw: 51, type: 'f32' };
const maxRefl: ParamSpec = { name: 'maxReflectivityDbz', hw: 47 };
const velocityRange = (units: string): ParamSpec[] => [
  { name: `maxNegativeVelocity${units}`, hw: 47 },
  { name: `maxPositiveVelocity${units}`, hw: 48 },
];
const endTime = (hw: number, minutesHw: number): ParamSpec => ({ name: 'endTime', hw, type: 'time', minutesHw });
const beginTime = (hw: number, minutesHw: number): ParamSpec => ({ name: 'beginTime', hw, type: 'time', minutesHw });
const nullProduct: ParamSpec = { name: 'nullProductFlag', hw: 30, type: 'low-byte' };
const maxAccumulation: ParamSpec = { name: 'maxAccumulationIn', hw: 47, scale: 0.1 };
const bias = (hw: number): ParamSpec => ({ name: 'meanFieldBias', hw, scale: 0.01 });
const grPairs = (hw: number): ParamSpec => ({ name: 'effectiveGaugeRadarPairs', hw, scale: 0.01 });

const THRESHOLDS: LevelCoding = { kind: 'threshold-table' };
/** Minimum and increment in tenths, levels 0 and 1 flags: digital reflectivity's and velocity's alike. */
const TENTHS_FROM_LEVEL_2: LevelCoding = { kind: 'min-increment', minScale: 0.1, incrementScale: 0.1, firstLevel: 2 };
const PRECIP_HUNDREDTHS: LevelCoding = { kind: 'scale-offset', unitScale: 0.01 };
const SCALE_OFFSET: LevelCoding = { kind: 'scale-offset', unitScale: 1 };

/** How a product's symbology carries its data. */
type Layout = Pick<Level3ProductInfo, 'format' | 'resolutionKm' | 'dataLevels' | 'coding' | 'hasElevation' | 'compressible'>;
/** Marks the layouts of products made one per elevation cut. */
const CUT = true;
/** 16- (or 8-) level run-length radials and rasters whose levels a threshold table decodes. */
const thresholds = (format: 'radial' | 'raster', resolutionKm: number, hasElevation = false, dataLevels = 16): Layout => ({
  format,
  resolutionKm,
  dataLevels,
  coding: THRESHOLDS,
  hasElevation,
  compressible: false,
});
/** 256-level digital radials: compressible, one byte a bin. */
const digital = (resolutionKm: number, coding: LevelCoding, hasElevation = false): Layout => ({ format: 'radial', resolutionKm, dataLevels: 256, coding, hasElevation, compressible: true });
/** Graphic and tabular products: no data levels, the packets say where things are. */
const noLevels = (format: 'graphic' | 'tabular', hasElevation = false): Layout => ({ format, resolutionKm: null, dataLevels: 0, coding: { kind: 'none' }, hasElevation, compressible: false });

/** A product's mnemonics at the four legacy cuts (N0x…N3x) and at the six lowest (N0x, NAx, N1x, NBx, N2x, N3x). */
const fourCuts = (x: string): string[] => ['N0', 'N1', 'N2', 'N3'].map((cut) => cut + x);
const sixCuts = (x: string): string[] => ['N0', 'NA', 'N1', 'NB', 'N2', 'N3'].map((cut) => cut + x);

const product = (code: number, mnemonics: readonly string[], name: string, category: ProductCategory, units: string, layout: Layout, params: readonly ParamSpec[] = []): Level3ProductInfo => ({
  code,
  mnemonics,
  name,
  category,
  units,
  ...layout,
  params,
});

// One row a product: code, mnemonics, name, category, units (of the decoded levels), layout, product-dependent values.
export const LEVEL3_PRODUCTS: readonly Level3ProductInfo[] = [
  // Base products, 16/8 levels, run-length encoded radials (AF1F), and the legacy rasters.
  product(19, fourCuts('R'), 'Base Reflectivity', 'REFLECTIVITY', 'dBZ', thresholds('radial', 1, CUT), [maxRefl, ...deltaTime(50), calibration]),
  product(20, ['N0Z'], 'Base Reflectivity (248 nm)', 'REFLECTIVITY', 'dBZ', thresholds('radial', 2, CUT), [maxRefl, ...deltaTime(50), calibration]),
  product(27, fourCuts('V'), 'Base Velocity', 'VELOCITY', 'kt', thresholds('radial', 1, CUT), [...velocityRange('Kt'), ...deltaTime(50)]),
  product(30, ['NSW'], 'Base Spectrum Width', 'VELOCITY', 'kt', thresholds('radial', 1, CUT, 8), [{ name: 'maxSpectrumWidthKt', hw: 47 }, ...deltaTime(50)]),
  product(32, ['DHR'], 'Digital Hybrid Scan Reflectivity', 'REFLECTIVITY', 'dBZ', digital(1, TENTHS_FROM_LEVEL_2), [maxRefl, { name: 'averageTime', hw: 48, type: 'time', minutesHw: 49 }]),
  product(37, ['NCR'], 'Composite Reflectivity', 'REFLECTIVITY', 'dBZ', thresholds('raster', 1), [maxRefl, calibration]),
  product(38, ['NCZ'], 'Composite Reflectivity (248 nm)', 'REFLECTIVITY', 'dBZ', thresholds('raster', 4), [maxRefl, calibration]),
  product(41, ['NET'], 'Echo Tops', 'OTHER', 'kft', thresholds('raster', 4), [{ name: 'maxEchoTopKft', hw: 47 }]),
  product(56, fourCuts('S'), 'Storm Relative Mean Radial Velocity', 'VELOCITY', 'kt', thresholds('radial', 1, CUT), [
    ...velocityRange('Kt'),
    { name: 'motionSourceFlag', hw: 49 },
    { name: 'averageStormSpeedKt', hw: 51, scale: 0.1 },
    { name: 'averageStormDirectionDeg', hw: 52, scale: 0.1 },
  ]),
  product(57, ['NVL'], 'Vertically Integrated Liquid', 'OTHER', 'kg/m2', thresholds('raster', 4), [{ name: 'maxVilKgM2', hw: 47 }]),
  // Storm products: graphic symbology + graphic alphanumeric + tabular blocks.
  product(58, ['NST'], 'Storm Tracking Information', 'STORM', '', noLevels('graphic'), [{ name: 'stormCellCount', hw: 47 }]),
  product(59, ['NHI'], 'Hail Index', 'STORM', '', noLevels('graphic')),
  product(61, ['NTV'], 'Tornado Vortex Signature', 'STORM', '', noLevels('graphic'), [
    { name: 'tvsCount', hw: 47 },
    { name: 'etvsCount', hw: 48 },
  ]),
  product(62, ['NSS'], 'Storm Structure', 'STORM', '', noLevels('tabular')),
  product(73, [], 'User Alert Message', 'OTHER', '', noLevels('tabular')),
  product(75, ['FTM'], 'Free Text Message', 'OTHER', '', noLevels('tabular')),
  // Legacy precipitation, 16 levels at 2 km.
  product(78, ['N1P'], 'One-Hour Precipitation', 'PRECIPITATION', 'in', thresholds('radial', 2), [{ name: 'maxRainfallIn', hw: 47, scale: 0.1 }, bias(48), grPairs(49), endTime(50, 51)]),
  product(79, ['N3P'], 'Three-Hour Precipitation', 'PRECIPITATION', 'in', thresholds('radial', 2), [{ name: 'maxRainfallIn', hw: 47, scale: 0.1 }, bias(48), grPairs(49), endTime(50, 51)]),
  product(80, ['NTP'], 'Storm Total Precipitation', 'PRECIPITATION', 'in', thresholds('radial', 2), [
    { name: 'maxRainfallIn', hw: 47, scale: 0.1 },
    beginTime(48, 49),
    endTime(50, 51),
    bias(52),
    grPairs(53),
  ]),
  product(
    81,
    ['DPA'],
    'Digital Precipitation Array',
    'PRECIPITATION',
    'dBA',
    { format: 'raster', resolutionKm: 4, dataLevels: 256, coding: { kind: 'min-increment', minScale: 0.1, incrementScale: 0.001, firstLevel: 1 }, hasElevation: false, compressible: false },
    [{ name: 'maxRainfallIn', hw: 47, scale: 0.001 }, bias(48), grPairs(49), endTime(50, 51)],
  ),
  product(82, ['SPD'], 'Supplemental Precipitation Data', 'PRECIPITATION', '', noLevels('tabular')),
  // 256-level digital base data.
  product(94, sixCuts('Q'), 'Digital Base Reflectivity', 'REFLECTIVITY', 'dBZ', digital(1, TENTHS_FROM_LEVEL_2, CUT), [maxRefl, ...deltaTime(50)]),
  product(99, sixCuts('U'), 'Digital Base Velocity', 'VELOCITY', 'm/s', digital(0.25, TENTHS_FROM_LEVEL_2, CUT), [...velocityRange('Kt'), ...deltaTime(50)]),
  product(134, ['DVL'], 'Digital Vertically Integrated Liquid', 'OTHER', 'kg/m2', digital(1, { kind: 'vil-log' }), [
    { name: 'maxVilKgM2', hw: 47 },
    { name: 'editedRadials', hw: 48 },
  ]),
  product(135, ['EET'], 'Enhanced Echo Tops', 'OTHER', 'kft', digital(1, { kind: 'echo-top' }), [
    { name: 'maxEchoTopKft', hw: 47 },
    { name: 'editedRadials', hw: 48 },
    { name: 'reflectivityThresholdDbz', hw: 49 },
    { name: 'pointsRemoved', hw: 50 },
  ]),
  product(138, ['DSP'], 'Digital Storm Total Precipitation', 'PRECIPITATION', 'in', digital(2, { kind: 'min-increment', minScale: 0.01, incrementScale: 0.01, firstLevel: 0 }), [
    beginTime(27, 28),
    bias(30),
    { name: 'maxAccumulationIn', hw: 47, scale: 0.01 },
    endTime(48, 49),
    grPairs(50),
  ]),
  product(141, ['NMD'], 'Mesocyclone Detection', 'STORM', '', noLevels('graphic'), [
    { name: 'minReflectivityDbz', hw: 27 },
    { name: 'overlapDisplayFilter', hw: 28 },
    { name: 'minStrengthRank', hw: 30 },
  ]),
  // Super-resolution base data (0.25 km × 0.5°).
  product(153, fourCuts('B'), 'Super-Resolution Digital Base Reflectivity', 'REFLECTIVITY', 'dBZ', digital(0.25, TENTHS_FROM_LEVEL_2, CUT), [maxRefl, ...deltaTime(50)]),
  product(154, fourCuts('G'), 'Super-Resolution Digital Base Velocity', 'VELOCITY', 'm/s', digital(0.25, TENTHS_FROM_LEVEL_2, CUT), [...velocityRange('Kt'), ...deltaTime(50)]),
  product(155, [], 'Super-Resolution Digital Spectrum Width', 'VELOCITY', 'm/s', digital(0.25, { kind: 'min-increment', minScale: 0.1, incrementScale: 0.1, firstLevel: 129 }, CUT), [
    { name: 'maxSpectrumWidthKt', hw: 47 },
    ...deltaTime(50),
  ]),
  // Dual-polarisation base data (0.25 km × 1°).
  product(159, sixCuts('X'), 'Digital Differential Reflectivity', 'OTHER', 'dB', digital(0.25, SCALE_OFFSET, CUT), [
    { name: 'minZdrDb', hw: 47, scale: 0.1 },
    { name: 'maxZdrDb', hw: 48, scale: 0.1 },
    ...deltaTime(50),
  ]),
  product(161, sixCuts('C'), 'Digital Correlation Coefficient', 'OTHER', '', digital(0.25, SCALE_OFFSET, CUT), [
    { name: 'minCc', hw: 47, scale: 0.00333 },
    { name: 'maxCc', hw: 48, scale: 0.00333 },
    ...deltaTime(50),
  ]),
  product(163, sixCuts('K'), 'Digital Specific Differential Phase', 'OTHER', 'deg/km', digital(0.25, SCALE_OFFSET, CUT), [
    { name: 'minKdpDegKm', hw: 47, scale: 0.05 },
    { name: 'maxKdpDegKm', hw: 48, scale: 0.05 },
    ...deltaTime(50),
  ]),
  product(165, sixCuts('H'), 'Digital Hydrometeor Classification', 'HYDROMETEOR', 'class', digital(0.25, { kind: 'hydrometeor-class' }, CUT), deltaTime(50)),
  product(166, sixCuts('M'), 'Melting Layer', 'HYDROMETEOR', '', noLevels('graphic', CUT), deltaTime(50)),
  // Dual-polarisation QPE.
  product(169, ['OHA'], 'One-Hour Accumulation', 'PRECIPITATION', 'in', thresholds('radial', 2), [nullProduct, maxAccumulation, endTime(48, 49), bias(50), grPairs(51)]),
  product(170, ['DAA'], 'Digital Accumulation Array', 'PRECIPITATION', 'in', digital(0.25, PRECIP_HUNDREDTHS), [nullProduct, maxAccumulation, endTime(48, 49), bias(50)]),
  product(171, ['STA'], 'Storm Total Accumulation', 'PRECIPITATION', 'in', thresholds('radial', 2), [beginTime(27, 28), nullProduct, maxAccumulation, endTime(48, 49), bias(50), grPairs(51)]),
  product(172, ['DTA'], 'Digital Storm Total Accumulation', 'PRECIPITATION', 'in', digital(0.25, PRECIP_HUNDREDTHS), [beginTime(27, 28), nullProduct, maxAccumulation, endTime(48, 49), bias(50)]),
  product(173, ['DU3', 'DU6'], 'Digital User-Selectable Accumulation', 'PRECIPITATION', 'in', digital(0.25, PRECIP_HUNDREDTHS), [
    { name: 'endTime', hw: 48, type: 'time', minutesHw: 27 },
    { name: 'periodMinutes', hw: 28 },
    { name: 'missingPeriodFlag', hw: 30, type: 'high-byte' },
    nullProduct,
    maxAccumulation,
    bias(50),
  ]),
  product(174, ['DOD'], 'Digital One-Hour Difference Accumulation', 'PRECIPITATION', 'in', digital(0.25, PRECIP_HUNDREDTHS), [
    { name: 'maxDifferenceIn', hw: 47, scale: 0.1 },
    endTime(48, 49),
    { name: 'minDifferenceIn', hw: 50, scale: 0.1 },
  ]),
  product(175, ['DSD'], 'Digital Storm Total Difference Accumulation', 'PRECIPITATION', 'in', digital(0.25, PRECIP_HUNDREDTHS), [
    beginTime(27, 28),
    nullProduct,
    { name: 'maxDifferenceIn', hw: 47, scale: 0.1 },
    endTime(48, 49),
    { name: 'minDifferenceIn', hw: 50, scale: 0.1 },
  ]),
  product(
    176,
    ['DPR'],
    'Digital Instantaneous Precipitation Rate',
    'PRECIPITATION',
    'in/h',
    { format: 'radial', resolutionKm: 0.25, dataLevels: 65536, coding: SCALE_OFFSET, hasElevation: false, compressible: true },
    [
      beginTime(27, 28),
      { name: 'precipitationDetected', hw: 30, type: 'high-byte' },
      { name: 'biasApplied', hw: 30, type: 'low-byte' },
      { name: 'maxRate', hw: 47 },
      { name: 'percentBinsFilled', hw: 48, scale: 0.01 },
      { name: 'maxElevationDeg', hw: 49, scale: 0.1 },
      bias(50),
    ],
  ),
  product(177, ['HHC'], 'Hybrid Hydrometeor Classification', 'HYDROMETEOR', 'class', digital(0.25, { kind: 'hydrometeor-class' }), [
    { name: 'modeFilterSize', hw: 47 },
    { name: 'percentBinsFilled', hw: 48, scale: 0.01 },
    { name: 'maxElevationDeg', hw: 49, scale: 0.1 },
  ]),
];

const byCode = new Map(LEVEL3_PRODUCTS.map((p) => [p.code, p]));
const byMnemonic = new Map(LEVEL3_PRODUCTS.flatMap((p) => p.mnemonics.map((m) => [m, p] as const)));

/** Registry entry for a product code, or null when radome does not know the code. */
export function productByCode(code: number): Level3ProductInfo | null {
  return byCode.get(code) ?? null;
}

/** Registry entry for a file-name / AWIPS mnemonic such as "N0H" (case-insensitive), or null. */
export function productByMnemonic(mnemonic: string): Level3ProductInfo | null {
  return byMnemonic.get(mnemonic.toUpperCase()) ?? null;
}
