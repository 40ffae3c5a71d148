import { beamModel, type BeamModel } from './beam-model.js';
import { geodesicInverse } from './geodesic.js';
import type { PolarGeometry } from './types.js';

/** A radial reaches this many of its widths either side of its centre, as in the overlays (radial-lookup.ts). */
const REACH = 0.6;

/** The gate under a point, and where it lies from the radar. */
export interface GateAtPoint {
  radial: number;
  gate: number;
  /** Geodesic distance and azimuth from the radar to the point (WGS84). */
  groundKm: number;
  azimuth: number;
  /** Range along the beam to the point, km, and the beam centre's height above the antenna there, m. */
  slantKm: number;
  beamHeightM: number;
}

export type GateLookup = GateAtPoint | { outside: string };

/**
 * Finds the gate of a polar grid under a point exactly (no lookup tables): the geodesic inverse
 * from the radar gives azimuth and ground distance, the beam model turns the distance into slant
 * range, the nearest radial centre within reach and the gate whose span holds that range win.
 */
export class PolarPointSampler {
  private readonly beam: BeamModel;
  private readonly order: Int32Array;
  private readonly sorted: Float64Array;
  private readonly maxGroundKm: number;
  private readonly inverse = new Float64Array(2);

  constructor(private readonly grid: PolarGeometry) {
    this.beam = beamModel(grid.latitude, grid.elevationAngle, grid.heightM);
    this.maxGroundKm = this.beam.groundKm(grid.firstGateKm + (grid.gateCount - 0.5) * grid.gateSpacingKm);
    this.order = Int32Array.from({ length: grid.radialCount }, (_, i) => i).sort((a, b) => grid.azimuths[a]! - grid.azimuths[b]!);
    this.sorted = Float64Array.from(this.order, (r) => grid.azimuths[r]!);
  }

  /** Farthest ground distance the grid covers, km. */
  get coverageKm(): number {
    return this.maxGroundKm;
  }

  lookup(latitude: number, longitude: number): GateLookup {
    const g = this.grid;
    geodesicInverse(g.latitude, g.longitude, latitude, longitude, this.inverse);
    const groundKm = this.inverse[0]! / 1000;
    const azimuth = this.inverse[1]!;
    if (groundKm > this.maxGroundKm) return { outside: `the point is ${groundKm.toFixed(1)} km from the radar, beyond the ${this.maxGroundKm.toFixed(1)} km its gates reach` };
    const radial = this.radialAt(azimuth);
    if (radial < 0) return { outside: `no radial of the sweep reaches azimuth ${azimuth.toFixed(2)}°` };
    const slantKm = this.beam.slantKm(groundKm);
    const gate = Math.floor((slantKm - (g.firstGateKm - g.gateSpacingKm / 2)) / g.gateSpacingKm);
    if (gate < 0 || gate >= g.gateCount) return { outside: `the point is ${groundKm.toFixed(2)} km from the radar, outside its gates` };
    return { radial, gate, groundKm, azimuth, slantKm, beamHeightM: this.beam.heightKm(slantKm) * 1000 };
  }

  /** The radial whose centre is nearest `azimuth` (circularly) and reaches it, or −1. */
  private radialAt(azimuth: number): number {
    const { sorted, order, grid } = this;
    const n = sorted.length;
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid]! < azimuth) lo = mid + 1;
      else hi = mid;
    }
    let best = -1;
    let bestD = Infinity;
    for (const k of [lo - 1, lo, lo + 1, 0, n - 1]) {
      if (k < 0 || k >= n) continue;
      const r = order[k]!;
      let d = Math.abs(sorted[k]! - azimuth) % 360;
      if (d > 180) d = 360 - d;
      const w = typeof grid.azimuthWidth === 'number' ? grid.azimuthWidth : grid.azimuthWidth[r]!;
      if (d <= Math.min(REACH * w, 180) && d < bestD) {
        bestD = d;
        best = r;
      }
    }
    return best;
  }
}
