/**
 * A zlib stream (RFC 1950) of `input` in stored deflate blocks (RFC 1951 3.2.4: the bytes as they
 * are, 65,535 a block), which every inflater reads. For a cut's radial coordinates: written anew
 * for each cut (36 arrays, 104 kB for the KLOT volume), where zlib costs a context per array and
 * gains little: azimuths are nearly incompressible (25.9 → 22.7 kB at level 1 Z_RLE), elevations
 * and times 78 → 37 kB. Stored, the volume's store is 42 kB larger (+1.5 %) and its encode 2.2 ms
 * of CPU cheaper (zlib for all 36: 2.2–2.3 ms, medians of 11–21 runs at load 3–4).
 */

/** Adler-32's modulus (RFC 1950 8.2), for every zlib stream this project writes. */
export const ADLER_MOD = 65521;
/** Bytes summed between reductions modulo 65521: a < 65521 + 255·1024, b < 2^31 (small integers stay so). */
const ADLER_SPAN = 1024;
const MAX_STORED_BLOCK = 65535;

/** Adler-32 of `input` (RFC 1950 8.2). */
export function adler32(input: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (let i = 0; i < input.length; ) {
    const end = Math.min(input.length, i + ADLER_SPAN);
    for (; i < end; i++) {
      a += input[i]!;
      b += a;
    }
    a %= ADLER_MOD;
    b %= ADLER_MOD;
  }
  return b * 65536 + a;
}

/** The zlib stream of `input` in stored blocks: header 0x78 0x01, blocks, Adler-32. */
export function deflateStored(input: Uint8Array): Uint8Array {
  const blocks = Math.max(1, Math.ceil(input.length / MAX_STORED_BLOCK));
  const out = new Uint8Array(2 + 5 * blocks + input.length + 4);
  out[0] = 0x78;
  out[1] = 0x01;
  let at = 2;
  for (let k = 0; k < blocks; k++) {
    const from = k * MAX_STORED_BLOCK;
    const length = Math.min(MAX_STORED_BLOCK, input.length - from);
    // BFINAL on the last block, BTYPE 00 (stored); the rest of the byte is padding.
    out[at++] = k === blocks - 1 ? 1 : 0;
    out[at++] = length & 255;
    out[at++] = length >>> 8;
    out[at++] = ~length & 255;
    out[at++] = (~length >>> 8) & 255;
    out.set(input.subarray(from, from + length), at);
    at += length;
  }
  putAdler32(out, at, adler32(input));
  return out;
}

/** Writes a zlib stream's trailer, the Adler-32 big-endian, at `at`; returns the offset after it. */
export function putAdler32(out: Uint8Array, at: number, adler: number): number {
  out[at] = adler >>> 24;
  out[at + 1] = (adler >>> 16) & 255;
  out[at + 2] = (adler >>> 8) & 255;
  out[at + 3] = adler & 255;
  return at + 4;
}
