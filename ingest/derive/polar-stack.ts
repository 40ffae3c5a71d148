// Per-gate reductions over a stack of polar grids of one radar (accumulation, maximum). Each
// grid is read on one target geometry (the first grid's): volumes of other VCPs or radial
// counts are resampled nearest-radial, nearest-gate, so sums and maxima are per place, not per index.
import { RadomeError } from '../../core/errors.js';
import { radialByAzimuth } from '../render/radial-lookup.js';
import type { PolarGeometry } from '../render/types.js';

/** Where each target cell reads a source grid: source value offset per target radial, source gate per target gate (−1: none). */
export interface ResampleMaps {
  radialOffsets: Int32Array;
  gates: Int32Array;
  /** The source reads cell for cell (same radials, gates from the first): the fast path. */
  identity: boolean;
  sourceGateCount: number;
}

const BINS_PER_DEGREE = 100;

/** The maps of `source` onto `target` (identity when the geometries agree). */
export function resampleMaps(target: PolarGeometry, source: PolarGeometry): ResampleMaps {
  const byAzimuth = radialByAzimuth(source.azimuths, source.azimuthWidth);
  const radialOffsets = new Int32Array(target.radialCount);
  for (let r = 0; r < target.radialCount; r++) {
    const az = ((target.azimuths[r]! % 360) + 360) % 360;
    const radial = byAzimuth[Math.min(byAzimuth.length - 1, Math.floor(az * BINS_PER_DEGREE))]!;
    radialOffsets[r] = radial < 0 ? -1 : radial * source.gateCount;
  }
  const gates = new Int32Array(target.gateCount);
  for (let g = 0; g < target.gateCount; g++) {
    const km = target.firstGateKm + g * target.gateSpacingKm;
    const s = Math.round((km - source.firstGateKm) / source.gateSpacingKm);
    gates[g] = s >= 0 && s < source.gateCount ? s : -1;
  }
  let identity = target.radialCount === source.radialCount;
  for (let r = 0; identity && r < radialOffsets.length; r++) identity = radialOffsets[r] === r * source.gateCount;
  for (let g = 0; identity && g < gates.length; g++) identity = gates[g] === g;
  return { radialOffsets, gates, identity, sourceGateCount: source.gateCount };
}

function checkSize(out: { length: number }, target: PolarGeometry, what: string): void {
  if (out.length !== target.radialCount * target.gateCount) {
    throw new RadomeError('BAD_INPUT', `${what}: ${out.length} cells for a ${target.radialCount} × ${target.gateCount} target`);
  }
}

/** acc[cell] += weight · rates[code of the source gate at cell] over the target (cells without a source gate: unchanged). */
export function accumulateRates(acc: Float32Array, target: PolarGeometry, maps: ResampleMaps, codes: Uint8Array | Uint16Array, rates: Float32Array, weight: number): void {
  checkSize(acc, target, 'accumulation');
  // The weight folded into the (≤ 65536-entry) table: one lookup and one add per cell.
  const weighted = new Float32Array(rates.length);
  for (let c = 0; c < rates.length; c++) weighted[c] = weight * rates[c]!;
  const { radialOffsets, gates } = maps;
  const gateCount = target.gateCount;
  const { sourceGateCount } = maps;
  if (maps.identity) {
    // Same geometry up to the target's last gate (the usual case: one site, one VCP family).
    for (let r = 0; r < radialOffsets.length; r++) {
      const row = r * gateCount;
      const offset = r * sourceGateCount;
      for (let g = 0; g < gateCount; g++) acc[row + g] += weighted[codes[offset + g]!]!;
    }
    return;
  }
  // This loop and maxCodes' stay written out: a shared radial walk calling each reduction's gate
  // loop (as a closure, or as a function taking the arrays) cost 15-16 % more CPU on a 720 × 1832 stack.
  for (let r = 0; r < radialOffsets.length; r++) {
    const offset = radialOffsets[r]!;
    if (offset < 0) continue;
    const row = r * gateCount;
    for (let g = 0; g < gateCount; g++) {
      const s = gates[g]!;
      if (s >= 0) acc[row + g] += weighted[codes[offset + s]!]!;
    }
  }
}

/**
 * max[cell] = max(max[cell], remap[code of the source gate]) over the target. Codes must order as
 * their values do (Level 2 REF codes ≥ 2 do); `remap` carries codes of another scale onto the target's.
 */
export function maxCodes(max: Uint8Array, target: PolarGeometry, maps: ResampleMaps, codes: Uint8Array | Uint16Array, remap: Uint8Array): void {
  checkSize(max, target, 'maximum');
  const { radialOffsets, gates, sourceGateCount } = maps;
  const gateCount = target.gateCount;
  if (maps.identity) {
    for (let r = 0; r < radialOffsets.length; r++) {
      const row = r * gateCount;
      const offset = r * sourceGateCount;
      for (let g = 0; g < gateCount; g++) {
        const c = remap[codes[offset + g]!]!;
        if (c > max[row + g]!) max[row + g] = c;
      }
    }
    return;
  }
  for (let r = 0; r < radialOffsets.length; r++) {
    const offset = radialOffsets[r]!;
    if (offset < 0) continue;
    const row = r * gateCount;
    for (let g = 0; g < gateCount; g++) {
      const s = gates[g]!;
      if (s < 0) continue;
      const c = remap[codes[offset + s]!]!;
      if (c > max[row + g]!) max[row + g] = c;
    }
  }
}

/**
 * Accumulation codes are logarithmic, value(c) = A·((1 + ε)^c − 1) mm: every Uint16 code holds
 * 0 … 10 000 mm to within 0.007 % (0.0001 mm near 0), where linear steps would lose small totals
 * or cap large ones.
 */
const CODE_A_MM = 1;
export const MAX_ACCUMULATION_MM = 10_000;
const LOG_STEP = Math.log1p(MAX_ACCUMULATION_MM / CODE_A_MM) / 65535;

/** Accumulations (mm) as Uint16 codes (see above), for the tile renderers. */
export function accumulationCodes(acc: Float32Array): Uint16Array {
  const codes = new Uint16Array(acc.length);
  for (let i = 0; i < acc.length; i++) {
    const v = acc[i]!;
    codes[i] = v > 0 ? Math.min(65535, Math.round(Math.log1p(v / CODE_A_MM) / LOG_STEP)) : 0;
  }
  return codes;
}

/** The value in mm of every accumulation code (index = code). */
export function accumulationCodeValues(): Float32Array {
  const values = new Float32Array(65536);
  for (let c = 0; c < values.length; c++) values[c] = CODE_A_MM * Math.expm1(c * LOG_STEP);
  return values;
}
