import { RadomeError } from '../../core/errors.js';
import { BEAM_MODEL_NAME, EFFECTIVE_RADIUS_FACTOR, beamModel, type BeamModel } from './beam-model.js';
import type { ColorLut, ColorScale } from './color-scale.js';
import { OCTANT_STEPS, radialByAzimuth, radialOffsetsByOctant } from './radial-lookup.js';
import { DEFAULT_OVERLAY_SIZE, GEODESIC_NAME, checkRadarSite, renderOverlay } from './render-overlay.js';
import type { PolarGrid, RenderedOverlay } from './types.js';

/** Ground-distance bins per gate in the distance → gate table (edges placed to 1/32 gate). */
const DISTANCE_BINS_PER_GATE = 16;
/** Cap on that table (4 MB) for absurdly fine gates. */
const MAX_DISTANCE_BINS = 1 << 20;
/** Points on the coverage circle used to frame it (extremes found to metres). */
const BOUNDARY_POINTS = 720;

/**
 * Renders a polar grid as a transparent Web Mercator PNG. Inverse mapping: each pixel's
 * position in the radar's local plane (from exact geodesics, interpolated) gives ground distance
 * and azimuth; a table turns ground distance into a gate through the beam model, another turns
 * the azimuth octant and slope into a radial; the value's colour comes from the scale's LUT.
 * No data (NaN, outside the range, no radial at that azimuth) stays fully transparent.
 */
export function renderPolarPng(grid: PolarGrid, scale: ColorScale, options: { size?: number } = {}): RenderedOverlay {
  checkPolarGrid(grid);
  const beam = beamModel(grid.latitude, grid.elevationAngle, grid.heightM);
  const maxGroundKm = beam.groundKm(grid.firstGateKm + (grid.gateCount - 0.5) * grid.gateSpacingKm);
  const boundary = new Float64Array(2 * BOUNDARY_POINTS);
  for (let i = 0; i < BOUNDARY_POINTS; i++) {
    const az = (2 * Math.PI * i) / BOUNDARY_POINTS;
    boundary[2 * i] = maxGroundKm * Math.sin(az);
    boundary[2 * i + 1] = maxGroundKm * Math.cos(az);
  }
  const b = beam.description;
  const geometry = {
    geodesic: GEODESIC_NAME,
    beam: b && { model: BEAM_MODEL_NAME, effectiveRadiusFactor: EFFECTIVE_RADIUS_FACTOR, ...b },
    maxGroundRangeKm: maxGroundKm,
  };

  return renderOverlay(grid, boundary, options.size ?? DEFAULT_OVERLAY_SIZE, scale, geometry, () => {
    const groundStepKm = Math.max(
      (grid.gateSpacingKm * Math.cos((grid.elevationAngle * Math.PI) / 180)) / DISTANCE_BINS_PER_GATE,
      maxGroundKm / MAX_DISTANCE_BINS,
    );
    // Pixels beyond the farthest gate holding any value skip all per-pixel work (the frame
    // still covers the whole range, so overlays of a site line up from scan to scan).
    const lastGate = lastGateWithData(grid);
    const lookup: PolarLookup = {
      values: grid.values,
      gateByGround: gateByGroundDistance(grid, beam, groundStepKm, maxGroundKm),
      radialOffsets: radialOffsetsByOctant(radialByAzimuth(grid.azimuths, grid.azimuthWidth), grid.gateCount),
      perGroundStep: 1 / groundStepKm,
      maxDataGroundKm: lastGate < 0 ? 0 : Math.min(maxGroundKm, beam.groundKm(grid.firstGateKm + (lastGate + 0.5) * grid.gateSpacingKm)),
      lut: scale.lut,
    };
    return (east, north, pixels) => paintPolarRow(lookup, east, north, pixels);
  });
}

/** Everything a pixel needs, precomputed per grid. */
interface PolarLookup {
  values: Float32Array;
  /** Gate index per ground-distance bin of 1/perGroundStep km, −1 outside the gates. */
  gateByGround: Int32Array;
  /** Value offset of the radial per octant and slope bin (see radialOffsetsByOctant), −1 for none. */
  radialOffsets: Int32Array;
  perGroundStep: number;
  /** Ground distance of the far edge of the farthest gate with a value. */
  maxDataGroundKm: number;
  lut: ColorLut;
}

/** The per-pixel loop, on locals so the JIT keeps everything in registers. */
function paintPolarRow(lookup: PolarLookup, east: Float64Array, north: Float64Array, pixels: Uint32Array): void {
  const { values, gateByGround, radialOffsets, perGroundStep, maxDataGroundKm } = lookup;
  const { origin, perUnit, bins, colors } = lookup.lut;
  const maxD2 = maxDataGroundKm * maxDataGroundKm;
  const octantStride = OCTANT_STEPS + 1;
  for (let col = 0; col < pixels.length; col++) {
    const e = east[col]!;
    const n = north[col]!;
    const d2 = e * e + n * n;
    if (d2 >= maxD2) continue;
    const gate = gateByGround[(Math.sqrt(d2) * perGroundStep) | 0]!;
    if (gate < 0) continue;
    const ae = e < 0 ? -e : e;
    const an = n < 0 ? -n : n;
    // Octant and t = minor/major axis ratio index the radial table (no atan2 per pixel).
    let octant: number;
    let t: number;
    if (ae > an) {
      octant = 1;
      t = an / ae;
    } else {
      octant = 0;
      t = ae / an; // 0/0 at the radar itself: NaN | 0 = 0, any radial will do
    }
    if (n < 0) octant |= 2;
    if (e < 0) octant |= 4;
    const offset = radialOffsets[octant * octantStride + ((t * OCTANT_STEPS) | 0)]!;
    if (offset < 0) continue;
    const v = values[offset + gate]!;
    if (v !== v) continue;
    const x = (v - origin) * perUnit;
    pixels[col] = colors[x < 0 ? 0 : x >= bins ? bins + 1 : (x | 0) + 1]!;
  }
}

/** Highest gate index holding a non-NaN value in any radial, −1 when all are NaN. */
function lastGateWithData(grid: PolarGrid): number {
  const { values, gateCount } = grid;
  let last = -1;
  for (let start = 0; start < values.length; start += gateCount) {
    for (let g = gateCount - 1; g > last; g--) {
      const v = values[start + g]!;
      if (v === v) {
        last = g;
        break;
      }
    }
  }
  return last;
}

/**
 * Gate index per ground-distance bin (bin k centred at (k + 0.5)·step km), −1 outside the gates:
 * gate edges go through the beam model once each, then bins between two edges take that gate.
 */
function gateByGroundDistance(grid: PolarGrid, beam: BeamModel, stepKm: number, maxGroundKm: number): Int32Array {
  const table = new Int32Array(Math.ceil(maxGroundKm / stepKm) + 1).fill(-1);
  const binAt = (edgeKm: number): number => Math.min(table.length, Math.max(0, Math.ceil(edgeKm / stepKm - 0.5)));
  let from = binAt(beam.groundKm(Math.max(0, grid.firstGateKm - grid.gateSpacingKm / 2)));
  for (let g = 0; g < grid.gateCount; g++) {
    const to = binAt(beam.groundKm(grid.firstGateKm + (g + 0.5) * grid.gateSpacingKm));
    table.fill(g, from, to);
    from = to;
  }
  return table;
}

function checkPolarGrid(g: PolarGrid): void {
  checkRadarSite(g.latitude, g.longitude);
  const bad = (what: string): never => {
    throw new RadomeError('BAD_INPUT', `polar grid: ${what}`);
  };
  if (!Number.isInteger(g.radialCount) || g.radialCount < 1) bad(`radialCount ${g.radialCount} is not a positive integer`);
  if (!Number.isInteger(g.gateCount) || g.gateCount < 1) bad(`gateCount ${g.gateCount} is not a positive integer`);
  if (g.azimuths.length !== g.radialCount) bad(`${g.azimuths.length} azimuths for ${g.radialCount} radials`);
  if (typeof g.azimuthWidth !== 'number' && g.azimuthWidth.length !== g.radialCount) {
    bad(`${g.azimuthWidth.length} azimuth widths for ${g.radialCount} radials`);
  }
  if (g.values.length !== g.radialCount * g.gateCount) {
    bad(`${g.values.length} values for ${g.radialCount} radials × ${g.gateCount} gates`);
  }
  if (!(g.gateSpacingKm > 0 && g.gateSpacingKm < 100)) bad(`gate spacing ${g.gateSpacingKm} km`);
  if (!(g.firstGateKm >= -g.gateSpacingKm / 2 && g.firstGateKm < 2000)) bad(`first gate at ${g.firstGateKm} km`);
  if (!(g.elevationAngle > -5 && g.elevationAngle < 60)) bad(`elevation angle ${g.elevationAngle}°; expected (-5, 60)`);
  if (!(Math.abs(g.heightM) < 10_000)) bad(`radar height ${g.heightM} m`);
}
