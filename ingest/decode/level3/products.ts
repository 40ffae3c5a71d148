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
const NONE: LevelCoding = { kind: 'none' };
const DIGITAL_REFLECTIVITY: LevelCoding = { kind: 'min-increment', minScale: 0.1, incrementScale: 0.1, firstLevel: 2 };
const PRECIP_HUNDREDTHS: LevelCoding = { kind: 'scale-offset', unitScale: 0.01 };
const SCALE_OFFSET: LevelCoding = { kind: 'scale-offset', unitScale: 1 };
/** The 256-level radial products (digital: compressible, one byte a bin) of a bin size. */
const digitalRadial = (resolutionKm: number) => ({ format: 'radial', resolutionKm, dataLevels: 256, compressible: true }) as const;
/** …the super-resolution and dual-polarisation ones at 0.25 km. */
const DIGITAL_RADIAL = digitalRadial(0.25);
/** …of which one per elevation cut. */
const DIGITAL_CUT = { ...DIGITAL_RADIAL, hasElevation: true } as const;
/** A product's mnemonics at the six lowest cuts: N0x, NAx, N1x, NBx, N2x, N3x. */
const sixCuts = (x: string): string[] => ['N0', 'NA', 'N1', 'NB', 'N2', 'N3'].map((cut) => cut + x);

type Entry = Omit<Level3ProductInfo, 'hasElevation' | 'compressible' | 'params'> & Partial<Pick<Level3ProductInfo, 'hasElevation' | 'compressible' | 'params'>>;

const entries: Entry[] = [
  // Base products, 16/8 levels, run-length encoded radials (AF1F).
  {
    code: 19,
    mnemonics: ['N0R', 'N1R', 'N2R', 'N3R'],
    name: 'Base Reflectivity',
    category: 'REFLECTIVITY',
    units: 'dBZ',
    format: 'radial',
    resolutionKm: 1,
    dataLevels: 16,
    coding: THRESHOLDS,
    hasElevation: true,
    params: [maxRefl, ...deltaTime(50), calibration],
  },
  {
    code: 20,
    mnemonics: ['N0Z'],
    name: 'Base Reflectivity (248 nm)',
    category: 'REFLECTIVITY',
    units: 'dBZ',
    format: 'radial',
    resolutionKm: 2,
    dataLevels: 16,
    coding: THRESHOLDS,
    hasElevation: true,
    params: [maxRefl, ...deltaTime(50), calibration],
  },
  {
    code: 27,
    mnemonics: ['N0V', 'N1V', 'N2V', 'N3V'],
    name: 'Base Velocity',
    category: 'VELOCITY',
    units: 'kt',
    format: 'radial',
    resolutionKm: 1,
    dataLevels: 16,
    coding: THRESHOLDS,
    hasElevation: true,
    params: [...velocityRange('Kt'), ...deltaTime(50)],
  },
  {
    code: 30,
    mnemonics: ['NSW'],
    name: 'Base Spectrum Width',
    category: 'VELOCITY',
    units: 'kt',
    format: 'radial',
    resolutionKm: 1,
    dataLevels: 8,
    coding: THRESHOLDS,
    hasElevation: true,
    params: [{ name: 'maxSpectrumWidthKt', hw: 47 }, ...deltaTime(50)],
  },
  {
    code: 32,
    mnemonics: ['DHR'],
    name: 'Digital Hybrid Scan Reflectivity',
    category: 'REFLECTIVITY',
    units: 'dBZ',
    ...digitalRadial(1),
    coding: DIGITAL_REFLECTIVITY,
    params: [maxRefl, { name: 'averageTime', hw: 48, type: 'time', minutesHw: 49 }],
  },
  {
    code: 37,
    mnemonics: ['NCR'],
    name: 'Composite Reflectivity',
    category: 'REFLECTIVITY',
    units: 'dBZ',
    format: 'raster',
    resolutionKm: 1,
    dataLevels: 16,
    coding: THRESHOLDS,
    params: [maxRefl, calibration],
  },
  {
    code: 38,
    mnemonics: ['NCZ'],
    name: 'Composite Reflectivity (248 nm)',
    category: 'REFLECTIVITY',
    units: 'dBZ',
    format: 'raster',
    resolutionKm: 4,
    dataLevels: 16,
    coding: THRESHOLDS,
    params: [maxRefl, calibration],
  },
  {
    code: 41,
    mnemonics: ['NET'],
    name: 'Echo Tops',
    category: 'OTHER',
    units: 'kft',
    format: 'raster',
    resolutionKm: 4,
    dataLevels: 16,
    coding: THRESHOLDS,
    params: [{ name: 'maxEchoTopKft', hw: 47 }],
  },
  {
    code: 56,
    mnemonics: ['N0S', 'N1S', 'N2S', 'N3S'],
    name: 'Storm Relative Mean Radial Velocity',
    category: 'VELOCITY',
    units: 'kt',
    format: 'radial',
    resolutionKm: 1,
    dataLevels: 16,
    coding: THRESHOLDS,
    hasElevation: true,
    params: [...velocityRange('Kt'), { name: 'motionSourceFlag', hw: 49 }, { name: 'averageStormSpeedKt', hw: 51, scale: 0.1 }, { name: 'averageStormDirectionDeg', hw: 52, scale: 0.1 }],
  },
  {
    code: 57,
    mnemonics: ['NVL'],
    name: 'Vertically Integrated Liquid',
    category: 'OTHER',
    units: 'kg/m2',
    format: 'raster',
    resolutionKm: 4,
    dataLevels: 16,
    coding: THRESHOLDS,
    params: [{ name: 'maxVilKgM2', hw: 47 }],
  },
  // Storm products: graphic symbology + graphic alphanumeric + tabular blocks.
  {
    code: 58,
    mnemonics: ['NST'],
    name: 'Storm Tracking Information',
    category: 'STORM',
    units: '',
    format: 'graphic',
    resolutionKm: null,
    dataLevels: 0,
    coding: NONE,
    params: [{ name: 'stormCellCount', hw: 47 }],
  },
  { code: 59, mnemonics: ['NHI'], name: 'Hail Index', category: 'STORM', units: '', format: 'graphic', resolutionKm: null, dataLevels: 0, coding: NONE },
  {
    code: 61,
    mnemonics: ['NTV'],
    name: 'Tornado Vortex Signature',
    category: 'STORM',
    units: '',
    format: 'graphic',
    resolutionKm: null,
    dataLevels: 0,
    coding: NONE,
    params: [
      { name: 'tvsCount', hw: 47 },
      { name: 'etvsCount', hw: 48 },
    ],
  },
  { code: 62, mnemonics: ['NSS'], name: 'Storm Structure', category: 'STORM', units: '', format: 'tabular', resolutionKm: null, dataLevels: 0, coding: NONE },
  { code: 73, mnemonics: [], name: 'User Alert Message', category: 'OTHER', units: '', format: 'tabular', resolutionKm: null, dataLevels: 0, coding: NONE },
  { code: 75, mnemonics: ['FTM'], name: 'Free Text Message', category: 'OTHER', units: '', format: 'tabular', resolutionKm: null, dataLevels: 0, coding: NONE },
  // Legacy precipitation, 16 levels at 2 km.
  {
    code: 78,
    mnemonics: ['N1P'],
    name: 'One-Hour Precipitation',
    category: 'PRECIPITATION',
    units: 'in',
    format: 'radial',
    resolutionKm: 2,
    dataLevels: 16,
    coding: THRESHOLDS,
    params: [{ name: 'maxRainfallIn', hw: 47, scale: 0.1 }, bias(48), grPairs(49), endTime(50, 51)],
  },
  {
    code: 79,
    mnemonics: ['N3P'],
    name: 'Three-Hour Precipitation',
    category: 'PRECIPITATION',
    units: 'in',
    format: 'radial',
    resolutionKm: 2,
    dataLevels: 16,
    coding: THRESHOLDS,
    params: [{ name: 'maxRainfallIn', hw: 47, scale: 0.1 }, bias(48), grPairs(49), endTime(50, 51)],
  },
  {
    code: 80,
    mnemonics: ['NTP'],
    name: 'Storm Total Precipitation',
    category: 'PRECIPITATION',
    units: 'in',
    format: 'radial',
    resolutionKm: 2,
    dataLevels: 16,
    coding: THRESHOLDS,
    params: [{ name: 'maxRainfallIn', hw: 47, scale: 0.1 }, beginTime(48, 49), endTime(50, 51), bias(52), grPairs(53)],
  },
  {
    code: 81,
    mnemonics: ['DPA'],
    name: 'Digital Precipitation Array',
    category: 'PRECIPITATION',
    units: 'dBA',
    format: 'raster',
    resolutionKm: 4,
    dataLevels: 256,
    coding: { kind: 'min-increment', minScale: 0.1, incrementScale: 0.001, firstLevel: 1 },
    params: [{ name: 'maxRainfallIn', hw: 47, scale: 0.001 }, bias(48), grPairs(49), endTime(50, 51)],
  },
  { code: 82, mnemonics: ['SPD'], name: 'Supplemental Precipitation Data', category: 'PRECIPITATION', units: '', format: 'tabular', resolutionKm: null, dataLevels: 0, coding: NONE },
  // 256-level digital base data.
  {
    code: 94,
    mnemonics: sixCuts('Q'),
    name: 'Digital Base Reflectivity',
    category: 'REFLECTIVITY',
    units: 'dBZ',
    format: 'radial',
    resolutionKm: 1,
    dataLevels: 256,
    coding: DIGITAL_REFLECTIVITY,
    hasElevation: true,
    compressible: true,
    params: [maxRefl, ...deltaTime(50)],
  },
  {
    code: 99,
    mnemonics: sixCuts('U'),
    name: 'Digital Base Velocity',
    category: 'VELOCITY',
    units: 'm/s',
    ...DIGITAL_CUT,
    coding: DIGITAL_REFLECTIVITY,
    params: [...velocityRange('Kt'), ...deltaTime(50)],
  },
  {
    code: 134,
    mnemonics: ['DVL'],
    name: 'Digital Vertically Integrated Liquid',
    category: 'OTHER',
    units: 'kg/m2',
    ...digitalRadial(1),
    coding: { kind: 'vil-log' },
    params: [
      { name: 'maxVilKgM2', hw: 47 },
      { name: 'editedRadials', hw: 48 },
    ],
  },
  {
    code: 135,
    mnemonics: ['EET'],
    name: 'Enhanced Echo Tops',
    category: 'OTHER',
    units: 'kft',
    ...digitalRadial(1),
    coding: { kind: 'echo-top' },
    params: [
      { name: 'maxEchoTopKft', hw: 47 },
      { name: 'editedRadials', hw: 48 },
      { name: 'reflectivityThresholdDbz', hw: 49 },
      { name: 'pointsRemoved', hw: 50 },
    ],
  },
  {
    code: 138,
    mnemonics: ['DSP'],
    name: 'Digital Storm Total Precipitation',
    category: 'PRECIPITATION',
    units: 'in',
    ...digitalRadial(2),
    coding: { kind: 'min-increment', minScale: 0.01, incrementScale: 0.01, firstLevel: 0 },
    params: [beginTime(27, 28), bias(30), { name: 'maxAccumulationIn', hw: 47, scale: 0.01 }, endTime(48, 49), grPairs(50)],
  },
  {
    code: 141,
    mnemonics: ['NMD'],
    name: 'Mesocyclone Detection',
    category: 'STORM',
    units: '',
    format: 'graphic',
    resolutionKm: null,
    dataLevels: 0,
    coding: NONE,
    params: [
      { name: 'minReflectivityDbz', hw: 27 },
      { name: 'overlapDisplayFilter', hw: 28 },
      { name: 'minStrengthRank', hw: 30 },
    ],
  },
  // Super-resolution base data (0.25 km × 0.5°).
  {
    code: 153,
    mnemonics: ['N0B', 'N1B', 'N2B', 'N3B'],
    name: 'Super-Resolution Digital Base Reflectivity',
    category: 'REFLECTIVITY',
    units: 'dBZ',
    ...DIGITAL_CUT,
    coding: DIGITAL_REFLECTIVITY,
    params: [maxRefl, ...deltaTime(50)],
  },
  {
    code: 154,
    mnemonics: ['N0G', 'N1G', 'N2G', 'N3G'],
    name: 'Super-Resolution Digital Base Velocity',
    category: 'VELOCITY',
    units: 'm/s',
    ...DIGITAL_CUT,
    coding: DIGITAL_REFLECTIVITY,
    params: [...velocityRange('Kt'), ...deltaTime(50)],
  },
  {
    code: 155,
    mnemonics: [],
    name: 'Super-Resolution Digital Spectrum Width',
    category: 'VELOCITY',
    units: 'm/s',
    ...DIGITAL_CUT,
    coding: { kind: 'min-increment', minScale: 0.1, incrementScale: 0.1, firstLevel: 129 },
    params: [{ name: 'maxSpectrumWidthKt', hw: 47 }, ...deltaTime(50)],
  },
  // Dual-polarisation base data (0.25 km × 1°).
  {
    code: 159,
    mnemonics: sixCuts('X'),
    name: 'Digital Differential Reflectivity',
    category: 'OTHER',
    units: 'dB',
    ...DIGITAL_CUT,
    coding: SCALE_OFFSET,
    params: [{ name: 'minZdrDb', hw: 47, scale: 0.1 }, { name: 'maxZdrDb', hw: 48, scale: 0.1 }, ...deltaTime(50)],
  },
  {
    code: 161,
    mnemonics: sixCuts('C'),
    name: 'Digital Correlation Coefficient',
    category: 'OTHER',
    units: '',
    ...DIGITAL_CUT,
    coding: SCALE_OFFSET,
    params: [{ name: 'minCc', hw: 47, scale: 0.00333 }, { name: 'maxCc', hw: 48, scale: 0.00333 }, ...deltaTime(50)],
  },
  {
    code: 163,
    mnemonics: sixCuts('K'),
    name: 'Digital Specific Differential Phase',
    category: 'OTHER',
    units: 'deg/km',
    ...DIGITAL_CUT,
    coding: SCALE_OFFSET,
    params: [{ name: 'minKdpDegKm', hw: 47, scale: 0.05 }, { name: 'maxKdpDegKm', hw: 48, scale: 0.05 }, ...deltaTime(50)],
  },
  {
    code: 165,
    mnemonics: sixCuts('H'),
    name: 'Digital Hydrometeor Classification',
    category: 'HYDROMETEOR',
    units: 'class',
    ...DIGITAL_CUT,
    coding: { kind: 'hydrometeor-class' },
    params: deltaTime(50),
  },
  {
    code: 166,
    mnemonics: sixCuts('M'),
    name: 'Melting Layer',
    category: 'HYDROMETEOR',
    units: '',
    format: 'graphic',
    resolutionKm: null,
    dataLevels: 0,
    coding: NONE,
    hasElevation: true,
    params: deltaTime(50),
  },
  // Dual-polarisation QPE.
  {
    code: 169,
    mnemonics: ['OHA'],
    name: 'One-Hour Accumulation',
    category: 'PRECIPITATION',
    units: 'in',
    format: 'radial',
    resolutionKm: 2,
    dataLevels: 16,
    coding: THRESHOLDS,
    params: [nullProduct, maxAccumulation, endTime(48, 49), bias(50), grPairs(51)],
  },
  {
    code: 170,
    mnemonics: ['DAA'],
    name: 'Digital Accumulation Array',
    category: 'PRECIPITATION',
    units: 'in',
    ...DIGITAL_RADIAL,
    coding: PRECIP_HUNDREDTHS,
    params: [nullProduct, maxAccumulation, endTime(48, 49), bias(50)],
  },
  {
    code: 171,
    mnemonics: ['STA'],
    name: 'Storm Total Accumulation',
    category: 'PRECIPITATION',
    units: 'in',
    format: 'radial',
    resolutionKm: 2,
    dataLevels: 16,
    coding: THRESHOLDS,
    params: [beginTime(27, 28), nullProduct, maxAccumulation, endTime(48, 49), bias(50), grPairs(51)],
  },
  {
    code: 172,
    mnemonics: ['DTA'],
    name: 'Digital Storm Total Accumulation',
    category: 'PRECIPITATION',
    units: 'in',
    ...DIGITAL_RADIAL,
    coding: PRECIP_HUNDREDTHS,
    params: [beginTime(27, 28), nullProduct, maxAccumulation, endTime(48, 49), bias(50)],
  },
  {
    code: 173,
    mnemonics: ['DU3', 'DU6'],
    name: 'Digital User-Selectable Accumulation',
    category: 'PRECIPITATION',
    units: 'in',
    ...DIGITAL_RADIAL,
    coding: PRECIP_HUNDREDTHS,
    params: [
      { name: 'endTime', hw: 48, type: 'time', minutesHw: 27 },
      { name: 'periodMinutes', hw: 28 },
      { name: 'missingPeriodFlag', hw: 30, type: 'high-byte' },
      nullProduct,
      maxAccumulation,
      bias(50),
    ],
  },
  {
    code: 174,
    mnemonics: ['DOD'],
    name: 'Digital One-Hour Difference Accumulation',
    category: 'PRECIPITATION',
    units: 'in',
    ...DIGITAL_RADIAL,
    coding: PRECIP_HUNDREDTHS,
    params: [{ name: 'maxDifferenceIn', hw: 47, scale: 0.1 }, endTime(48, 49), { name: 'minDifferenceIn', hw: 50, scale: 0.1 }],
  },
  {
    code: 175,
    mnemonics: ['DSD'],
    name: 'Digital Storm Total Difference Accumulation',
    category: 'PRECIPITATION',
    units: 'in',
    ...DIGITAL_RADIAL,
    coding: PRECIP_HUNDREDTHS,
    params: [beginTime(27, 28), nullProduct, { name: 'maxDifferenceIn', hw: 47, scale: 0.1 }, endTime(48, 49), { name: 'minDifferenceIn', hw: 50, scale: 0.1 }],
  },
  {
    code: 176,
    mnemonics: ['DPR'],
    name: 'Digital Instantaneous Precipitation Rate',
    category: 'PRECIPITATION',
    units: 'in/h',
    format: 'radial',
    resolutionKm: 0.25,
    dataLevels: 65536,
    coding: SCALE_OFFSET,
    compressible: true,
    params: [
      beginTime(27, 28),
      { name: 'precipitationDetected', hw: 30, type: 'high-byte' },
      { name: 'biasApplied', hw: 30, type: 'low-byte' },
      { name: 'maxRate', hw: 47 },
      { name: 'percentBinsFilled', hw: 48, scale: 0.01 },
      { name: 'maxElevationDeg', hw: 49, scale: 0.1 },
      bias(50),
    ],
  },
  {
    code: 177,
    mnemonics: ['HHC'],
    name: 'Hybrid Hydrometeor Classification',
    category: 'HYDROMETEOR',
    units: 'class',
    ...DIGITAL_RADIAL,
    coding: { kind: 'hydrometeor-class' },
    params: [
      { name: 'modeFilterSize', hw: 47 },
      { name: 'percentBinsFilled', hw: 48, scale: 0.01 },
      { name: 'maxElevationDeg', hw: 49, scale: 0.1 },
    ],
  },
];

export const LEVEL3_PRODUCTS: readonly Level3ProductInfo[] = entries.map((e) => ({
  hasElevation: false,
  compressible: false,
  params: [],
  ...e,
}));

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
