/**
 * Storm cells as the Level 3 storm products state them (ICD 2620001: NST 58, NHI 59, NTV 61,
 * NSS 62, NMD 141). One record per cell and product; fields a product does not carry are null.
 */

/** Where a cell is: azimuth/range from the radar and the point they reach on WGS84. */
export interface StormCellPosition {
  /** Degrees clockwise from true north. */
  azimuthDeg: number;
  /** Ground range from the radar, km. */
  rangeKm: number;
  lon: number;
  lat: number;
}

export interface StormCellForecast extends StormCellPosition {
  /** 15, 30, 45 or 60 minutes after the volume scan. */
  minutes: number;
}

export interface StormCellPast {
  /** 1 = the previous volume scan, 2 = the one before, … */
  volumesAgo: number;
  lon: number;
  lat: number;
}

export interface Mesocyclone {
  /** MDA circulation id (3 digits). */
  circulationId: string;
  /** MDA strength rank (1-25; 5 and up are mesocyclones). */
  strengthRank: number;
  /** Low-level rotational velocity, kt. */
  lowLevelRotationalVelocityKt: number | null;
  position: StormCellPosition;
}

export type VortexSignature = 'TVS' | 'ETVS';

export interface StormCellRecord {
  /** SCIT storm id, a letter and a digit ("B4"). */
  cellId: string;
  position: StormCellPosition;
  /** Direction the cell moves from (degrees) and its speed (kt), NST only; null for new cells. */
  movement: { fromDeg: number; speedKt: number } | null;
  forecast: StormCellForecast[];
  /** Past centroid positions, most recent first (NST SCIT past packets). */
  past: StormCellPast[];
  maxReflectivityDbz: number | null;
  maxReflectivityHeightKm: number | null;
  topKm: number | null;
  baseKm: number | null;
  /** The base is at or below the lowest elevation scanned ("<" in NSS). */
  baseBelowLowestElevation: boolean | null;
  /** Cell-based VIL, kg/m². */
  vil: number | null;
  /** Probability of hail and of severe hail, %; null where HDA computed none (UNKNOWN, beyond its range). */
  poh: number | null;
  posh: number | null;
  /** Maximum expected hail size, inches; with `maxHailSizeBelow` it is an upper bound ("<0.50"). */
  maxHailSizeIn: number | null;
  maxHailSizeBelow: boolean | null;
  /** The strongest MDA circulation associated with the cell (NMD). */
  mesocyclone: Mesocyclone | null;
  /** The cell's tornado vortex signature (NTV): TVS outranks ETVS. */
  tvs: VortexSignature | null;
}

export interface StormCellProduct {
  productCode: number;
  /** Epoch ms UTC of the volume scan. */
  volumeTime: number;
  radar: { latitude: number; longitude: number };
  cells: StormCellRecord[];
  /**
   * Volume scan times of the cell trends (NSS packet 22), epoch ms, oldest first, the current
   * volume last: the times of the past positions of the same volume's NST.
   */
  volumeTimes: number[] | null;
}
