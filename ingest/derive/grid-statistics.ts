// Statistics of a mosaic of polar grids over a longitude/latitude box: each pixel takes the value
// of the nearest radar covering it (as the mosaic tiles do); area-weighted on the sphere.
import { RadomeError } from '../../core/errors.js';
import { compositeLonLatFrame, lonLatFrame } from '../render/render-mosaic.js';
import type { PolarTileSource } from '../render/render-tile.js';
import type { BBox } from '../../core/geo.js';

/** Authalic Earth radius, km: pixel areas on a sphere of the ellipsoid's area. */
const EARTH_RADIUS_KM = 6371.0072;
/** Most pixels a statistics frame has; the step grows for larger boxes. */
const MAX_PIXELS = 1_000_000;
/** Finest step, degrees (about 0.5 km). */
const MIN_STEP_DEG = 0.005;

export interface GridStatistics {
  bbox: BBox;
  stepDeg: number;
  /** Area a radar covers within the box, km², and the part with a value. */
  coveredAreaKm2: number;
  valueAreaKm2: number;
  /** Area-weighted mean over pixels with a value; null when none has one. */
  mean: number | null;
  max: number | null;
  /** Area, km², where the value reaches each threshold. */
  areaOver: Array<{ threshold: number; areaKm2: number }>;
}

/** Identity "colours" code + 1 (0: no radar), so the mosaic compositor yields codes. */
const identity = new Map<number, Uint32Array>();
function codeTable(size: number): Uint32Array {
  let t = identity.get(size);
  if (!t) {
    t = new Uint32Array(size);
    for (let c = 0; c < size; c++) t[c] = c + 1;
    identity.set(size, t);
  }
  return t;
}

/**
 * Statistics of the members (values by `codeValues`, NaN = covered without a value) over `bbox` on
 * a lon/lat frame of at most MAX_PIXELS pixels.
 */
export function compositeStatistics(sources: readonly PolarTileSource[], codeValues: Float32Array, bbox: BBox, thresholds: readonly number[]): GridStatistics {
  const [w, s, e, n] = bbox;
  if (!(w < e && s < n && s >= -90 && n <= 90 && w >= -180 && e <= 180)) {
    throw new RadomeError('BAD_INPUT', `bbox [${bbox.join(', ')}] is not a box west < east, south < north within ±180°/±90° (boxes across the antimeridian are not supported here)`);
  }
  const stepDeg = Math.max(MIN_STEP_DEG, Math.sqrt(((e - w) * (n - s)) / MAX_PIXELS));
  const frame = lonLatFrame([w, s, w + Math.max(1, Math.round((e - w) / stepDeg)) * stepDeg, s + Math.max(1, Math.round((n - s) / stepDeg)) * stepDeg], stepDeg);
  const table = codeTable(codeValues.length);
  const members = sources.map((source) => ({ source, codeColors: table }));
  const over = new Float64Array(thresholds.length);
  let [covered, valued, sum, max] = [0, 0, 0, -Infinity];
  const lambda = (stepDeg * Math.PI) / 180;
  let row = 0;
  compositeLonLatFrame(members, frame, (codes) => {
    const north = ((frame.north - row * stepDeg) * Math.PI) / 180;
    const south = ((frame.north - (row + 1) * stepDeg) * Math.PI) / 180;
    row++;
    const area = EARTH_RADIUS_KM * EARTH_RADIUS_KM * lambda * (Math.sin(north) - Math.sin(south));
    for (let i = 0; i < codes.length; i++) {
      const c = codes[i]!;
      if (c === 0) continue;
      covered += area;
      const v = codeValues[c - 1]!;
      if (v !== v) continue;
      valued += area;
      sum += v * area;
      if (v > max) max = v;
      for (let k = 0; k < thresholds.length; k++) if (v >= thresholds[k]!) over[k] += area;
    }
  });
  return {
    bbox: [frame.west, frame.north - frame.height * stepDeg, frame.west + frame.width * stepDeg, frame.north],
    stepDeg,
    coveredAreaKm2: covered,
    valueAreaKm2: valued,
    mean: valued > 0 ? sum / valued : null,
    max: valued > 0 ? max : null,
    areaOver: thresholds.map((threshold, k) => ({ threshold, areaKm2: over[k]! })),
  };
}
