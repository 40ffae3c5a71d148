import { constants, deflateSync, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { deflateRuns, huffmanLengths } from './deflate-runs.js';

/** Whether zlib itself (which also checks the stream's Adler-32) inflates the stream back to `bytes`. */
const roundTrips = (bytes: Uint8Array): boolean => inflateSync(deflateRuns(bytes)).equals(bytes);

/** Fibonacci numbers from 1, 1: counts that make a Huffman tree as deep as it can be. */
const fibonacci = (count: number): number[] => {
  const out = [1, 1];
  while (out.length < count) out.push(out.at(-1)! + out.at(-2)!);
  return out.slice(0, count);
};

/** Whether `lengths` are a complete prefix code (Kraft sum exactly 1) of at most `maxBits` bits. */
const completeWithin = (lengths: Uint8Array, maxBits: number): boolean => {
  let kraft = 0;
  for (const length of lengths) if (length > 0) kraft += 2 ** (maxBits - length);
  return Math.max(...lengths) <= maxBits && kraft === 2 ** maxBits;
};

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

  it("inflates lone stretches and zero runs of every short length, at every alignment, up to the input's end", () => {
    // Lone bytes are found four places at a time and a zero run's ends eight bytes at a time
    // (32-bit reads at any byte), its middle by aligned 64-bit words: every length around them.
    const zeroLengths = [...Array.from({ length: 40 }, (_, k) => k + 1), ...Array.from({ length: 13 }, (_, k) => k + 60), 255, 256, 257, 258, 259, 260];
    for (let offset = 0; offset < 8; offset++) {
      for (let lone = 1; lone <= 9; lone++) {
        for (const zeros of zeroLengths) {
          for (const tail of ['lone', 'run 2', 'run 5', 'zeros'] as const) {
            const tailLength = tail === 'lone' ? lone : tail === 'zeros' ? 0 : Number(tail.slice(4));
            const length = lone + zeros + tailLength;
            const bytes = new Uint8Array(length + 16).subarray(offset, offset + length);
            for (let k = 0; k < lone; k++) bytes[k] = 5 + (k & 1);
            if (tail === 'lone') for (let k = 0; k < lone; k++) bytes[lone + zeros + k] = 9 + (k & 1);
            else bytes.fill(7, lone + zeros);
            expect(roundTrips(bytes), `offset ${offset}, ${lone} lone, ${zeros} zeros, then ${tail}`).toBe(true);
          }
        }
      }
    }
  });

  it('checksums lone bytes and runs of up to 1024 bytes summed between reductions (a, b stay below 2^31)', () => {
    // 1023 lone 255s and 254s, then 1024 × 255: each reduction comes as late as it can.
    const period = 1023 + 1024;
    const bytes = new Uint8Array(period * 2000);
    for (let p = 0; p < bytes.length; p += period) {
      for (let k = 0; k < 1023; k++) bytes[p + k] = k & 1 ? 255 : 254;
      bytes.fill(255, p + 1023, p + period);
    }
    expect(roundTrips(bytes)).toBe(true);
  });

  it('checksums long inputs right (Adler-32 of runs summed in closed form, of lone bytes deferred)', () => {
    const bytes = new Uint8Array(3_000_000);
    const next = random(7);
    for (let i = 1_000_000; i < 1_200_000; i++) bytes[i] = Math.floor(next() * 256);
    bytes.fill(255, 2_000_000, 2_900_000);
    bytes[2_999_999] = 1;
    expect(roundTrips(bytes)).toBe(true);
  });

  it('codes a run of more maximal matches than one token holds (32,768)', () => {
    const bytes = new Uint8Array(9_000_000);
    bytes[8_999_999] = 3;
    expect(roundTrips(bytes)).toBe(true);
  });

  it('is within 6 % of zlib level 1 Z_RLE (the same runs, codes fit to a 1/16 sample of the data; 1.3 % on the real KLOT volume)', () => {
    const next = random(5);
    const bytes = new Uint8Array(2_000_000);
    for (let i = 0; i < bytes.length; ) {
      const run = next() < 0.5 ? 1 : Math.floor(next() ** 3 * 2000) + 1;
      bytes.fill(next() < 0.7 ? 0 : Math.floor(next() ** 2 * 120) + 2, i, i + run);
      i += run;
    }
    const zlib = deflateSync(bytes, { level: 1, strategy: constants.Z_RLE }).length;
    const ours = deflateRuns(bytes).length;
    expect(ours / zlib).toBeLessThan(1.06);
  });

  it('codes symbols the sample its codes come from missed (inputs over 64 kB are counted from 1/16 of them)', () => {
    // Sampled slices start at k·n/32 and hold n/512 bytes: 20,000 and 25,000 lie between the first two.
    const bytes = new Uint8Array(1_000_000);
    for (let i = 0; i < bytes.length; i += 5) bytes[i] = 9;
    bytes[20_000] = 201;
    bytes.fill(7, 25_000, 25_100);
    bytes.fill(255, 999_900);
    expect(roundTrips(bytes)).toBe(true);
  });

  it('compresses long zero runs to a few bits a match', () => {
    expect(deflateRuns(new Uint8Array(1_000_000)).length).toBeLessThan(7000);
  });

  it('gives inflatable streams for one symbol, all 256 literals, every match length and skewed counts (codes limited to 15 bits)', () => {
    // One byte value only: one literal, then matches.
    expect(roundTrips(new Uint8Array(5000).fill(77))).toBe(true);
    // All 256 literals, lone, each once and each many times.
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(roundTrips(all)).toBe(true);
    const many = new Uint8Array(256 * 300);
    for (let i = 0; i < many.length; i++) many[i] = (i * 7) % 256;
    expect(roundTrips(many)).toBe(true);
    // Literals with Fibonacci counts (a tree 29 deep unlimited), shuffled into lone bytes and short runs.
    const next = random(3);
    const counts = fibonacci(29);
    const skewed = new Uint8Array(counts.reduce((a, b) => a + b, 0));
    let at = 0;
    counts.forEach((count, v) => {
      skewed.fill(v, at, at + count);
      at += count;
    });
    for (let i = skewed.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [skewed[i], skewed[j]] = [skewed[j]!, skewed[i]!];
    }
    expect(roundTrips(skewed)).toBe(true);
    // Match lengths with Fibonacci counts: runs of 3 + k bytes, fib(k) of them, alternating values.
    const runs: number[] = [];
    fibonacci(24).forEach((count, k) => {
      for (let c = 0; c < Math.min(count, 20_000); c++) runs.push(3 + ((k * 11) % 256));
    });
    const lengths = runs.reduce((a, b) => a + b, 0);
    const matched = new Uint8Array(lengths);
    for (let i = 0, r = 0; r < runs.length; i += runs[r]!, r++) matched.fill(r & 1 ? 0 : 200, i, i + runs[r]!);
    expect(roundTrips(matched)).toBe(true);
  });

  it('limits Huffman code lengths and keeps the code complete', () => {
    for (const [alphabet, maxBits] of [
      [286, 15],
      [19, 7],
    ] as const) {
      const skewed = new Uint32Array(alphabet);
      fibonacci(Math.min(alphabet, 40)).forEach((count, i) => {
        skewed[i] = count;
      });
      const lengths = huffmanLengths(skewed, maxBits);
      expect(completeWithin(lengths, maxBits), `${alphabet} symbols, ≤ ${maxBits} bits`).toBe(true);
      expect(lengths.every((length, s) => skewed[s]! > 0 === length > 0)).toBe(true);
      // Unlimited, the same counts would need a code longer than maxBits.
      expect(Math.max(...huffmanLengths(skewed, 64))).toBeGreaterThan(maxBits);
    }
    // One symbol used: a second gets a code, so both are one bit.
    expect([...huffmanLengths(Uint32Array.of(0, 0, 9), 15)]).toEqual([1, 0, 1]);
    expect([...huffmanLengths(new Uint32Array(4), 7)]).toEqual([1, 1, 0, 0]);
    // Equal counts: a balanced code.
    expect(completeWithin(huffmanLengths(new Uint32Array(256).fill(5), 15), 15)).toBe(true);
    expect(Math.max(...huffmanLengths(new Uint32Array(256).fill(5), 15))).toBe(8);
  });
});
