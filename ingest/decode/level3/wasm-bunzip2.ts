import Bzip2 from '@foxglove/wasm-bz2';
import { MAX_UNCOMPRESSED_BYTES } from './bzip2.js';
import type { Bunzip2 } from './types.js';

/** libbzip2's BZ_OUTBUFF_FULL (-8), as the package reports it. */
const OUTPUT_FULL = /failed: -8\b/;

/**
 * A bzip2 decompressor on @foxglove/wasm-bz2, about twice as fast as the pure-JS default. Its
 * WebAssembly module loads asynchronously, so callers create one (once per worker) and pass it as
 * `decodeLevel3(bytes, { bunzip2 })`; the decoder itself stays synchronous and free of state.
 */
export async function createWasmBunzip2(): Promise<Bunzip2> {
  const bz = await Bzip2.init();
  return (compressed, expectedSize) => {
    // The output buffer must be large enough up front: retry larger if the stated size was low.
    for (let size = Math.max(expectedSize, 1024); ; size *= 2) {
      try {
        return bz.decompress(compressed, Math.min(size, MAX_UNCOMPRESSED_BYTES));
      } catch (e) {
        if (size >= MAX_UNCOMPRESSED_BYTES || !OUTPUT_FULL.test(String(e))) throw e;
      }
    }
  };
}
