import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { deflateRuns } from './deflate-runs.js';

/** Whether zlib itself (which also checks the stream's Adler-32) inflates the stream back to `bytes`. */
const roundTrips = (bytes: Uint8Array): boolean => inflateSync(deflateRuns(bytes)).equals(bytes);

/** A small deterministic generator (xorshift32), so a failure names its case. */
function random(seed: number): () => number {
  let x = seed || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

describe('deflateRuns', () => {
  it('gives zlib streams that inflate to the input: empty, one byte, every run length around a match', () => {
    expect(roundTrips(new Uint8Array(0))).toBe(true);
    for (const v of [0, 1, 143, 144, 255]) expect(roundTrips(Uint8Array.of(v)), `byte ${v}`).toBe(true);
    for (let length = 1; length <= 3 * 258 + 5; length++) {
      for (const v of [0, 7, 200]) {
        const bytes = new Uint8Array(length + 2).fill(v, 1, length + 1);
        bytes[0] = 9;
        bytes[length + 1] = 250;
        expect(roundTrips(bytes), `run of ${length} × ${v}`).toBe(true);
      }
    }
  });

  it('inflates to runs and lone bytes at any alignment in the buffer (zero runs are scanned by words)', () => {
    const next = random(19);
    for (let c = 0; c < 200; c++) {
      const length = Math.floor(next() * 6000);
      const offset = c % 7;
      const bytes = new Uint8Array(length + 8).subarray(offset, offset + length);
      for (let i = 0; i < length; ) {
        const run = Math.floor(next() ** 4 * 900) + 1;
        bytes.fill(next() < 0.6 ? 0 : Math.floor(next() * 256), i, i + run);
        i += run;
      }
      expect(roundTrips(bytes), `case ${c}`).toBe(true);
    }
  });

  it('checksums long inputs right (Adler-32 of runs summed in closed form, of lone bytes deferred)', () => {
    const bytes = new Uint8Array(3_000_000);
    const next = random(7);
    for (let i = 1_000_000; i < 1_200_000; i++) bytes[i] = Math.floor(next() * 256);
    bytes.fill(255, 2_000_000, 2_900_000);
    bytes[2_999_999] = 1;
    expect(roundTrips(bytes)).toBe(true);
  });

  it('compresses long zero runs to a few bits a match', () => {
    expect(deflateRuns(new Uint8Array(1_000_000)).length).toBeLessThan(7000);
  });
});
