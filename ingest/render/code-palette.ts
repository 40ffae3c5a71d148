import { MAX_PALETTE_SIZE } from './png-encode.js';

/** The colours of a grid's codes as a PNG palette, and each code's index in it. */
export interface CodePalette {
  /** Distinct packed RGBA colours; index 0 is 0 (transparent), the background of every overlay. */
  colors: Uint32Array;
  /** Palette index of each code (index = code), as `codeColors` gives its colour. */
  codeIndex: Uint8Array;
}

/**
 * The palette of `codeColors` (packed RGBA per code), or null when its colours and transparent
 * need more than 256 entries and the overlay must be written as RGBA. Colours are kept exactly
 * (alpha included), so palette pixels decode to the RGBA the codes' colours give.
 */
export function codePalette(codeColors: Uint32Array): CodePalette | null {
  const indexOf = new Map<number, number>([[0, 0]]);
  const codeIndex = new Uint8Array(codeColors.length);
  // Code tables are runs of one colour (a colour step covers many codes): look up changes only.
  let previous = 0;
  let previousIndex = 0;
  for (let code = 0; code < codeColors.length; code++) {
    const color = codeColors[code]!;
    if (color !== previous) {
      let index = indexOf.get(color);
      if (index === undefined) {
        if (indexOf.size === MAX_PALETTE_SIZE) return null;
        index = indexOf.size;
        indexOf.set(color, index);
      }
      previous = color;
      previousIndex = index;
    }
    codeIndex[code] = previousIndex;
  }
  return { colors: Uint32Array.from(indexOf.keys()), codeIndex };
}
