import { RadomeError } from '../../core/errors.js';

/** Resolution of the azimuth → radial table: 0.01° (36 000 bins). */
const BINS_PER_DEGREE = 100;
const AZIMUTH_BINS = 360 * BINS_PER_DEGREE;
/**
 * A radial reaches this many of its widths either side of its centre (0.5 would be exact); the
 * slack closes seams between real radials, whose centres jitter by a few hundredths of a degree,
 * while a missing radial still leaves a gap. Where radials overlap the nearest centre wins.
 */
const REACH = 0.6;

/** Radial index per 0.01° azimuth bin (bin b covers [b/100°, (b+1)/100°)), −1 where no radial reaches. */
export function radialByAzimuth(azimuths: Float32Array, width: number | Float32Array): Int32Array {
  const table = new Int32Array(AZIMUTH_BINS).fill(-1);
  const distance = new Float64Array(AZIMUTH_BINS).fill(Infinity);
  for (let r = 0; r < azimuths.length; r++) {
    const w = typeof width === 'number' ? width : width[r]!;
    const centre = azimuths[r]!;
    if (!Number.isFinite(centre)) throw new RadomeError('BAD_INPUT', `radial ${r} has azimuth ${centre}`);
    if (!(w > 0 && w <= 360)) throw new RadomeError('BAD_INPUT', `radial ${r} has width ${w}°; expected (0, 360]`);
    const reach = Math.min(REACH * w, 180);
    const first = Math.floor((centre - reach) * BINS_PER_DEGREE);
    const last = Math.ceil((centre + reach) * BINS_PER_DEGREE);
    let bin = (((first % AZIMUTH_BINS) + AZIMUTH_BINS) % AZIMUTH_BINS) - 1;
    for (let b = first; b <= last; b++) {
      if (++bin === AZIMUTH_BINS) bin = 0;
      const d = Math.abs((b + 0.5) / BINS_PER_DEGREE - centre);
      if (d <= reach && d < distance[bin]!) {
        distance[bin] = d;
        table[bin] = r;
      }
    }
  }
  return table;
}

/** Bins per octant of the octant table (about 0.014° wide at most). */
export const OCTANT_STEPS = 4096;

/**
 * The azimuth table re-indexed so a pixel needs no atan2: per octant of the local plane (bit 0:
 * |east| > |north|, bit 1: north < 0, bit 2: east < 0) and per bin of t = min(|east|, |north|) /
 * max(|east|, |north|) ∈ [0, 1], the radial's value offset (radial · stride), or −1.
 */
export function radialOffsetsByOctant(byAzimuth: Int32Array, stride: number): Int32Array {
  const bins = (azimuthBinOfOctantStep ??= azimuthBinsOfOctantSteps());
  const table = new Int32Array(bins.length);
  for (let i = 0; i < bins.length; i++) {
    const radial = byAzimuth[bins[i]!]!;
    table[i] = radial < 0 ? -1 : radial * stride;
  }
  return table;
}

/** Azimuth sectors of sectorMaxima: 1° each, sector s covering [s°, s + 1°). */
export const AZIMUTH_SECTORS = 360;

/**
 * Per 1° azimuth sector, the largest `valueOfRadial[radial]` of the radials the octant table
 * `offsets` (radialOffsetsByOctant with `stride`) gives there or in the sector either side, 0 where
 * none: a point's octant step lies within 0.01° of its azimuth, so a point in sector s takes a
 * radial whose value is at most the result's entry s.
 */
export function sectorMaxima(offsets: Int32Array, stride: number, valueOfRadial: Float64Array): Float64Array {
  const bins = (azimuthBinOfOctantStep ??= azimuthBinsOfOctantSteps());
  const own = new Float64Array(AZIMUTH_SECTORS);
  for (let i = 0; i < bins.length; i++) {
    const offset = offsets[i]!;
    if (offset < 0) continue;
    const sector = (bins[i]! / BINS_PER_DEGREE) | 0;
    const value = valueOfRadial[offset / stride]!;
    if (value > own[sector]!) own[sector] = value;
  }
  const maxima = new Float64Array(AZIMUTH_SECTORS);
  for (let s = 0; s < AZIMUTH_SECTORS; s++) {
    maxima[s] = Math.max(own[(s + AZIMUTH_SECTORS - 1) % AZIMUTH_SECTORS]!, own[s]!, own[(s + 1) % AZIMUTH_SECTORS]!);
  }
  return maxima;
}

/** The azimuth bin of every (octant, step) entry: the same for every grid, so made once. */
let azimuthBinOfOctantStep: Int32Array | undefined;

function azimuthBinsOfOctantSteps(): Int32Array {
  const fromMajorAxis = new Float64Array(OCTANT_STEPS + 1);
  for (let k = 0; k <= OCTANT_STEPS; k++) fromMajorAxis[k] = Math.atan(Math.min(1, (k + 0.5) / OCTANT_STEPS));
  const bins = new Int32Array(8 * (OCTANT_STEPS + 1));
  for (let octant = 0; octant < 8; octant++) {
    for (let k = 0; k <= OCTANT_STEPS; k++) {
      let az = octant & 1 ? Math.PI / 2 - fromMajorAxis[k]! : fromMajorAxis[k]!;
      if (octant & 2) az = Math.PI - az;
      if (octant & 4) az = 2 * Math.PI - az;
      bins[octant * (OCTANT_STEPS + 1) + k] = Math.floor((az * 180 * BINS_PER_DEGREE) / Math.PI) % AZIMUTH_BINS;
    }
  }
  return bins;
}
