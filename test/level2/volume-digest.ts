import { createHash } from 'node:crypto';
import type { Level2Volume } from '../../ingest/decode/level2/types.js';

/**
 * The volume with every typed array replaced by its type, length and SHA-1 of its bytes: deep
 * equality of whole real volumes element by element is far too slow in vitest, this is not.
 */
export function volumeDigest(v: Level2Volume): unknown {
  return typedArrayDigest(v);
}

/** Any value (e.g. a plan, whose objects' bodies are megabytes) digested as volumeDigest does. */
export function typedArrayDigest(v: unknown): unknown {
  return JSON.parse(
    JSON.stringify(v, (_key, value: unknown) =>
      ArrayBuffer.isView(value)
        ? `${value.constructor.name}(${(value as Float32Array).length}) ${createHash('sha1')
            .update(new Uint8Array(value.buffer, value.byteOffset, value.byteLength))
            .digest('hex')}`
        : value,
    ),
  );
}
