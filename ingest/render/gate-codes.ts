import { RadomeError } from '../../core/errors.js';
import { lutColor, lutIndex, type ColorLut, type ColorScale } from './color-scale.js';
import type { CodedGates } from './types.js';

/**
 * The colour of every code from the physical value of every code (`codeValues`, index = code,
 * NaN for codes without a value): a radar grid's colours are then one lookup per pixel.
 */
export function codeColors(scale: ColorScale, codeValues: Float32Array): Uint32Array {
  const colors = new Uint32Array(codeValues.length);
  for (let c = 0; c < codeValues.length; c++) colors[c] = lutColor(scale.lut, codeValues[c]!);
  return colors;
}

/**
 * Physical values as codes for the same pixel loop: each value's LUT entry, NaN as one code past
 * the LUT (transparent), so pixels get exactly the colour the LUT gives the value.
 */
export function valueCodes(values: Float32Array, lut: ColorLut): CodedGates {
  const none = lut.colors.length;
  if (none >= 65536) throw new RadomeError('BAD_INPUT', `a colour table of ${none} entries is too large for physical values; render codes instead`);
  const codeColors = new Uint32Array(65536);
  codeColors.set(lut.colors);
  const codes = new Uint16Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    codes[i] = v !== v ? none : lutIndex(lut, v);
  }
  return { codes, codeColors };
}

/** Checks a grid's values or coded gates against its number of `cells` (BAD_INPUT naming `what`). */
export function checkGridData(grid: { values: Float32Array } | CodedGates, cells: number, what: string): void {
  if ('values' in grid) {
    if (grid.values.length !== cells) throw new RadomeError('BAD_INPUT', `${what}: ${grid.values.length} values for ${cells} cells`);
    return;
  }
  if (grid.codes.length !== cells) throw new RadomeError('BAD_INPUT', `${what}: ${grid.codes.length} codes for ${cells} cells`);
  const needed = grid.codes instanceof Uint8Array ? 256 : 65536;
  if (grid.codeColors.length < needed) {
    throw new RadomeError('BAD_INPUT', `${what}: ${grid.codeColors.length} code colours; ${grid.codes.constructor.name} codes need ${needed}`);
  }
}

/** A checked grid's gates as codes: its own, or its values' LUT entries. */
export function codedGatesOf(grid: { values: Float32Array } | CodedGates, lut: ColorLut): CodedGates {
  return 'values' in grid ? valueCodes(grid.values, lut) : grid;
}
