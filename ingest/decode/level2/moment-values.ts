import { RANGE_FOLDED, type MomentGrid } from './types.js';

/**
 * The physical value of every possible code of the grid (256 or 65536 entries), NaN for
 * below threshold and range folded: the one place codes become values.
 */
export function momentCodeValues(grid: Pick<MomentGrid, 'codes' | 'scale' | 'offset'>): Float32Array {
  const table = new Float32Array(grid.codes instanceof Uint8Array ? 256 : 65536);
  table[0] = NaN;
  table[1] = NaN;
  for (let c = 2; c < table.length; c++) table[c] = (c - grid.offset) / grid.scale;
  return table;
}

/** The grid's physical values, same layout as its codes; NaN where no value (codes 0 and 1). */
export function momentValues(grid: MomentGrid): Float32Array {
  const table = momentCodeValues(grid);
  const { codes } = grid;
  const out = new Float32Array(codes.length);
  for (let i = 0; i < codes.length; i++) out[i] = table[codes[i]!]!;
  return out;
}

/** Whether gate `index` (radial · gateCount + gate) is range folded. */
export function isRangeFolded(grid: MomentGrid, index: number): boolean {
  return grid.codes[index] === RANGE_FOLDED;
}
