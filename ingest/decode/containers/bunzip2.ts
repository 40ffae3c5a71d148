import Bunzip from 'seek-bzip';
import { RadomeError } from '../../../core/errors.js';

/**
 * Decompresses bzip2 data, concatenated streams included. seek-bzip (pure JS, synchronous) was
 * chosen over @foxglove/wasm-bz2: the wasm build is ~1.6x faster but needs an async init and
 * the output size up front, which bzip2 does not record.
 */
export function bunzip2(bytes: Uint8Array, maxOutputBytes: number): Uint8Array {
  let out: Uint8Array;
  try {
    out = Bunzip.decode(bytes, undefined, true);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const code = /Unexpected input EOF/i.test(message) ? 'TRUNCATED' : 'CORRUPT';
    throw new RadomeError(code, `bzip2 data is invalid or truncated: ${message}`, { cause: e });
  }
  if (out.length > maxOutputBytes) {
    throw new RadomeError('CORRUPT', `bzip2 data expands beyond the ${maxOutputBytes}-byte limit`);
  }
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}
