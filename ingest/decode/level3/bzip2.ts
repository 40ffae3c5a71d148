import { createRequire } from 'node:module';
import { RadomeError } from '../../../core/errors.js';
import type { Bunzip2 } from './types.js';

/** seek-bzip ships no types; its decode also accepts an output stream, which radome uses to cap growth. */
interface SeekBzip {
  decode(input: Uint8Array, output: { writeByte(byte: number): void }): unknown;
}
const Bunzip = createRequire(import.meta.url)('seek-bzip') as SeekBzip;

/** No Level 3 product comes near this; a larger claim or output is taken as corrupt (a bzip2 bomb). */
export const MAX_UNCOMPRESSED_BYTES = 64 * 1024 * 1024;

/**
 * Pure-JS bzip2 (seek-bzip) into a buffer sized from the product's stated uncompressed size,
 * growing if the statement was low, never past MAX_UNCOMPRESSED_BYTES.
 */
export const seekBunzip2: Bunzip2 = (compressed, expectedSize) => {
  let buffer = new Uint8Array(Math.min(Math.max(expectedSize, 1024), MAX_UNCOMPRESSED_BYTES));
  let pos = 0;
  const output = {
    writeByte(byte: number): void {
      if (pos === buffer.length) {
        if (buffer.length >= MAX_UNCOMPRESSED_BYTES) {
          throw new RadomeError('CORRUPT', `bzip2 data expands past ${MAX_UNCOMPRESSED_BYTES} bytes`);
        }
        const grown = new Uint8Array(Math.min(buffer.length * 2, MAX_UNCOMPRESSED_BYTES));
        grown.set(buffer);
        buffer = grown;
      }
      buffer[pos++] = byte;
    },
  };
  Bunzip.decode(compressed, output);
  return pos === buffer.length ? buffer : buffer.subarray(0, pos);
};
