import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { adler32, deflateStored } from './deflate-stored.js';

describe('deflateStored', () => {
  it('gives zlib streams that zlib inflates (checking their Adler-32) to the input, over one and several blocks', () => {
    for (const length of [0, 1, 1023, 1024, 1025, 65534, 65535, 65536, 3 * 65535 + 7]) {
      // Bytes that push Adler-32's sums past their reductions (255s), then varied ones.
      const bytes = Uint8Array.from({ length }, (_, i) => (i < 5000 ? 255 : (i * 131 + (i >> 8)) & 255));
      const stream = deflateStored(bytes);
      expect(inflateSync(stream).equals(bytes), `length ${length}`).toBe(true);
      // Stored: the input, a 5-byte header a block, the zlib header and trailer.
      expect(stream.length, `length ${length}`).toBe(length + 5 * Math.max(1, Math.ceil(length / 65535)) + 6);
    }
  });

  it('computes Adler-32 as RFC 1950 defines it', () => {
    expect(adler32(new Uint8Array(0))).toBe(1);
    expect(adler32(new TextEncoder().encode('Wikipedia'))).toBe(0x11e60398);
    for (const bytes of [new Uint8Array(100_000).fill(255), Uint8Array.from({ length: 70_000 }, (_, i) => (i * 7919) & 255)]) {
      expect(adler32(bytes)).toBe(adler32Slow(bytes));
    }
  });
});

/** Adler-32 reduced at every byte: the definition, for comparison. */
function adler32Slow(bytes: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (const v of bytes) {
    a = (a + v) % 65521;
    b = (b + a) % 65521;
  }
  return b * 65536 + a;
}
