import type { Moment } from './vocabulary/index.js';

/**
 * The radar data model decoders produce and stores read back: plain numbers and typed arrays,
 * shared by ingest/, store/ and server/ (so store/ needs nothing from ingest/).
 */

export interface RadarLocation {
  /** WGS84 degrees. */
  latitude: number;
  longitude: number;
  /** Site height above mean sea level, metres. */
  heightM: number;
  /** Feedhorn height above ground, metres, when the volume says so. */
  feedhornHeightM?: number;
}

/**
 * One moment of one elevation cut: a radial × gate grid of the raw ICD codes as the file holds
 * them (8- or 16-bit words), read as physical values through `scale` and `offset`
 * (momentValues in ingest/decode/level2); kept as codes because a volume is ~39 million gates.
 */
export interface MomentGrid {
  moment: Moment;
  /**
   * Physical units: dBZ, m/s, dB, degrees or unitless (RHO). CFP (clutter filter power removed)
   * is dB through its block's scale/offset like the others; its status codes 2-7 (filter not
   * applied, point or dual-pol-only filter) therefore land below 0 (−6 … −1 dB with offset 8).
   */
  units: string;
  gateCount: number;
  /** Range to the centre of the first gate, km. */
  firstGateKm: number;
  gateSpacingKm: number;
  /**
   * radialCount × gateCount codes, radial-major, in the sweep's radial order: BELOW_THRESHOLD
   * (also gates a radial lacks), RANGE_FOLDED (ingest/decode/level2/types.ts), else data. Uint16Array for 16-bit words.
   */
  codes: Uint8Array | Uint16Array;
  /**
   * value = (code − offset) / scale for codes ≥ 2, computed in double from these float32 numbers
   * and rounded to float32 (as the ICD states them and nexrad-level-2-data computes them).
   */
  scale: number;
  offset: number;
}

/** One elevation cut (elevation number) of a volume. */
export interface Level2Sweep {
  /** 1-based elevation number within the volume (split cuts have their own numbers). */
  elevationNumber: number;
  /** Mean elevation angle of the cut's radials, degrees. */
  elevationAngle: number;
  /** Epoch milliseconds UTC of the first and last radial. */
  startTime: number;
  endTime: number;
  radialCount: number;
  /** Per radial, degrees clockwise from north (centre of the radial). */
  azimuths: Float32Array;
  /** Per radial, degrees. */
  elevations: Float32Array;
  /** Per radial, epoch ms UTC. */
  times: Float64Array;
  /** Azimuthal spacing of the cut, degrees (0.5 or 1.0). */
  azimuthSpacing: number;
  moments: Partial<Record<Moment, MomentGrid>>;
}
