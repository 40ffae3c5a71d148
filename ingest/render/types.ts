import type { BBox, Corners } from '../../core/geo.js';

export type { BBox, Corners };

/** Where a polar grid's gates lie: the radar, the beam, the radials and the gates along them. */
export interface PolarGeometry {
  /** Radar position, WGS84 degrees and metres above sea level. */
  latitude: number;
  longitude: number;
  heightM: number;
  /**
   * Elevation angle of the beam, degrees. Exactly 0 means the ranges are already ground
   * distances (products on the ground plane): no beam model is applied.
   */
  elevationAngle: number;
  radialCount: number;
  gateCount: number;
  /** Centre azimuth of each radial, degrees clockwise from north; any order. */
  azimuths: Float32Array;
  /** Angular width of each radial, degrees; a single number when uniform. */
  azimuthWidth: number | Float32Array;
  /** Range to the centre of the first gate and gate spacing, km along the beam (slant range). */
  firstGateKm: number;
  gateSpacingKm: number;
}

/**
 * Gate data as raw codes (Level 2 ICD codes, Level 3 data levels) with the colour of each code
 * (`codeColors`, see codeColors()): one table lookup per pixel, no value arithmetic.
 */
export interface CodedGates {
  /** Radial-major (polar) or row-major (raster) codes. */
  codes: Uint8Array | Uint16Array;
  /** Packed RGBA colour of each possible code: 256 entries for Uint8Array codes, 65536 for Uint16Array. */
  codeColors: Uint32Array;
}

/** A polar grid of physical values around a radar. */
export interface PolarGrid extends PolarGeometry {
  /** radialCount × gateCount values, radial-major; NaN = no data (transparent). */
  values: Float32Array;
}

/** A polar grid of coded gates (radialCount × gateCount codes, radial-major), as the decoders give them. */
export interface CodedPolarGrid extends PolarGeometry, CodedGates {}

/**
 * A raster of cells in a local plane centred on the radar (Level 3 raster products): x east,
 * y north, km, read as azimuthal-equidistant coordinates (distance from the radar along the
 * ellipsoid, azimuth = atan2(x, y)).
 */
export interface CartesianGeometry {
  /** Radar position (the frame's origin), WGS84 degrees. */
  latitude: number;
  longitude: number;
  columns: number;
  rows: number;
  cellSizeKm: number;
  /** x of the west edge of column 0 and y of the north edge of row 0, km. */
  xMinKm: number;
  yMaxKm: number;
}

export interface CartesianGrid extends CartesianGeometry {
  /** rows × columns values, row-major from the north row, west to east; NaN = no data. */
  values: Float32Array;
}

/** A raster of coded cells (rows × columns codes, row-major from the north row). */
export interface CodedCartesianGrid extends CartesianGeometry, CodedGates {}

/** One entry of a legend: a colour and the value range or class it stands for. */
export interface LegendEntry {
  color: string; // #rrggbb or #rrggbbaa
  label: string;
  min?: number;
  max?: number;
  value?: number;
}

export interface ColorLegend {
  units: string;
  entries: LegendEntry[];
}

/** How an overlay's pixels were placed, written into its metadata so users know. */
export interface OverlayGeometry {
  /** Pixel rows and columns are linear in Web Mercator x/y. */
  crs: 'EPSG:3857';
  ellipsoid: { name: 'WGS84'; semiMajorAxisM: number; inverseFlattening: number };
  /** Distances and azimuths from the radar are geodesics on the ellipsoid. */
  geodesic: string;
  /** Beam propagation model turning slant range into ground distance; null when not applied. */
  beam: {
    model: string;
    effectiveRadiusFactor: number;
    earthRadiusKm: number;
    elevationAngle: number;
    antennaHeightM: number;
  } | null;
  /** For rasters: how the local x/y frame maps to the ellipsoid. */
  localFrame?: string;
  /** Farthest ground distance the overlay covers, km. */
  maxGroundRangeKm: number;
}

export interface RenderedOverlay {
  png: Uint8Array;
  width: number;
  height: number;
  bbox: BBox;
  corners: Corners;
  legend: ColorLegend;
  geometry: OverlayGeometry;
}
