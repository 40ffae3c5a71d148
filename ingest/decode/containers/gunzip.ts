import { gunzipSync } from 'node:zlib';
import { RadomeError } from '../../../core/errors.js';
import { exceeded } from './decompression-budget.js';

/**
 * Decompresses gzip data (all members, as gzip -d does). zlib is computation, not I/O. zlib stops
 * as soon as its output passes `maxOutputBytes`, so a bomb costs at most that much memory.
 */
export function gunzip(bytes: Uint8Array, maxOutputBytes: number): Uint8Array {
  try {
    const out = gunzipSync(bytes, { maxOutputLength: Math.max(1, maxOutputBytes) });
    return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
  } catch (e) {
    const code = (e as { code?: string }).code;
    const message = e instanceof Error ? e.message : String(e);
    if (code === 'Z_BUF_ERROR') throw new RadomeError('TRUNCATED', `gzip data ends early: ${message}`, { cause: e });
    if (code === 'ERR_BUFFER_TOO_LARGE') throw exceeded(maxOutputBytes, 'gzip data');
    throw new RadomeError('CORRUPT', `gzip data is invalid: ${message}`, { cause: e });
  }
}
