/**
 * A zlib stream (RFC 1950/1951) of bytes that come in runs, such as radar gate codes, encoded as
 * zlib's run-length strategy (Z_RLE) encodes them: each run is its byte as a literal, then matches
 * at distance 1, in one block of deflate's fixed Huffman codes. Any zlib inflater reads it.
 *
 * Hand-written because zlib is measurably too slow here: a real Level 2 volume's gate codes are
 * 48 MB, 95 % of them zero (below threshold), and zlib level 1 Z_RLE (its cheapest setting)
 * spent 64–80 ms of CPU deflating them, most of an ingest's budget for the sweep store (≤ 15 %).
 * zlib looks at every byte; this encoder skips zero runs four 32-bit words at a time and sums
 * their Adler-32 in closed form, so it pays per run, not per byte: 46–48 ms for the same 66
 * arrays (zlib 70–75 in the same runs, load 12; `npm run bench -- zarr` prints the whole encode).
 * Its price is size: fixed codes (no tree is built or sent) make the codes 3.61 MB where zlib's
 * dynamic ones made 2.46 MB. Inflating either costs the same (~40 ms for all 66, ~0.9 ms for
 * sweep 0's DBZH).
 */

const ADLER_MOD = 65521;
/** 1/2 modulo 65521 (odd), for the closed-form sum of a run's Adler-32. */
const HALF_MOD = (ADLER_MOD + 1) / 2;
const MAX_MATCH = 258;
/**
 * Bytes of lone bytes and short runs (≤ SHORT_RUN) summed into Adler-32 between its reductions
 * modulo 65521: at most 1024 + 64 of them, so a < 65521 + 255·1088 and b < 2^31.
 */
const ADLER_DEFER = 1024;
const SHORT_RUN = 64;

/** The encoder's output buffer, kept between calls (grown as needed); each result is a copy. */
let scratch: Uint8Array = new Uint8Array(1 << 16);

/** Bits LSB first (deflate's order) of `code` sent MSB first over `length` bits (Huffman codes are). */
function reversed(code: number, length: number): number {
  let out = 0;
  for (let i = 0; i < length; i++) out |= ((code >> i) & 1) << (length - 1 - i);
  return out;
}

/** Fixed Huffman code of literal/length symbol `s` (RFC 1951 3.2.6), as bits to send and their count. */
function fixedCode(s: number): [bits: number, count: number] {
  if (s < 144) return [reversed(0x30 + s, 8), 8];
  if (s < 256) return [reversed(0x190 + s - 144, 9), 9];
  if (s < 280) return [reversed(s - 256, 7), 7];
  return [reversed(0xc0 + s - 280, 8), 8];
}

const LITERAL_BITS = new Int32Array(256);
const LITERAL_COUNT = new Uint8Array(256);
/** A literal's bits and (above bit 16) their count, in one load for the encoder's inner loop. */
const LITERAL_CODE = new Int32Array(256);
for (let v = 0; v < 256; v++) {
  [LITERAL_BITS[v], LITERAL_COUNT[v]] = fixedCode(v);
  LITERAL_CODE[v] = LITERAL_BITS[v]! | (LITERAL_COUNT[v]! << 16);
}

/** A match of each length 3..258 at distance 1: length code, its extra bits, then distance code 0 (5 zero bits). */
const MATCH_BITS = new Int32Array(MAX_MATCH + 1);
const MATCH_COUNT = new Uint8Array(MAX_MATCH + 1);
{
  const base = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
  const extra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
  for (let length = 3; length <= MAX_MATCH; length++) {
    let i = base.length - 1;
    while (base[i]! > length) i--;
    const [bits, count] = fixedCode(257 + i);
    MATCH_BITS[length] = bits | ((length - base[i]!) << count);
    MATCH_COUNT[length] = count + extra[i]! + 5;
  }
}
const [END_OF_BLOCK_BITS, END_OF_BLOCK_COUNT] = fixedCode(256);

/** `out`, or a larger copy of its first `at` bytes (kept as the scratch), with `bytes` and a few more free after `at`. */
function roomFor(out: Uint8Array, at: number, bytes: number): Uint8Array {
  const needed = at + bytes + 32;
  if (needed <= out.length) return out;
  const grown = new Uint8Array(Math.max(2 * out.length, needed));
  grown.set(out.subarray(0, at));
  scratch = grown;
  return grown;
}

/** The zlib stream of `input` (header 0x78 0x01, one final fixed-Huffman block, Adler-32). */
export function deflateRuns(input: Uint8Array): Uint8Array {
  const n = input.length;
  let out: Uint8Array = scratch;
  out[0] = 0x78;
  out[1] = 0x01;
  let at = 2;
  // Final block (1), fixed codes (01): 3 header bits, LSB first.
  let bits = 0b011;
  let count = 3;
  // Zero runs are skipped a word at a time where the input's bytes align to 4 in its buffer.
  const wordStart = (4 - (input.byteOffset & 3)) & 3;
  const wordCount = n > wordStart ? (n - wordStart) >> 2 : 0;
  const words = wordCount > 0 ? new Int32Array(input.buffer, input.byteOffset + wordStart, wordCount) : new Int32Array(0);
  let a = 1;
  let b = 0;
  let deferred = 0;
  let previous = -1;
  let i = 0;
  while (i < n) {
    // Lone bytes (most of the data's non-zero codes): a literal each, in a loop of their own
    // (deferred counts one per byte, as for the short runs below).
    let v = input[i]!;
    if (i + 1 < n && input[i + 1] !== v) {
      out = roomFor(out, at, 2 * ADLER_DEFER);
      // `v` at i is lone (its neighbours differ); `next` is the byte after it.
      let next = input[i + 1]!;
      for (;;) {
        a += v;
        b += a;
        const code = LITERAL_CODE[v]!;
        bits |= (code & 0xffff) << count;
        count += code >> 16;
        if (count >= 16) {
          out[at] = bits;
          out[at + 1] = bits >> 8;
          at += 2;
          bits >>= 16;
          count -= 16;
        }
        if (++deferred === ADLER_DEFER) {
          a %= ADLER_MOD;
          b %= ADLER_MOD;
          deferred = 0;
          out = roomFor(out, at, 2 * ADLER_DEFER);
        }
        i++;
        if (i + 1 >= n) break;
        const after = input[i + 1]!;
        if (after === next) break;
        v = next;
        next = after;
      }
      previous = v;
      while (count >= 8) {
        out[at++] = bits;
        bits >>= 8;
        count -= 8;
      }
      if (i >= n) break;
      v = input[i]!;
    }
    let j = i + 1;
    if (v === 0) {
      while (j < n && ((j - wordStart) & 3) !== 0 && input[j] === 0) j++;
      if (j < n && input[j] === 0) {
        let w = (j - wordStart) >> 2;
        const last = words.length;
        while (w + 4 <= last && (words[w]! | words[w + 1]! | words[w + 2]! | words[w + 3]!) === 0) w += 4;
        while (w < last && words[w] === 0) w++;
        j = wordStart + w * 4;
      }
    }
    while (j < n && input[j] === v) j++;
    const length = j - i;
    // Adler-32 over the run: a gains length·v; b gains length·a + v·length(length+1)/2. A short
    // run's sums are reduced modulo 65521 only once ADLER_DEFER bytes have gone by unreduced
    // (a division per byte was most of the encoder's time), early enough that both stay below 2^31.
    if (length <= SHORT_RUN) {
      b += length * a + v * ((length * (length + 1)) >> 1);
      a += length * v;
      deferred += length;
      if (deferred >= ADLER_DEFER) {
        a %= ADLER_MOD;
        b %= ADLER_MOD;
        deferred = 0;
      }
    } else {
      a %= ADLER_MOD;
      b %= ADLER_MOD;
      deferred = 0;
      const l = length % ADLER_MOD;
      const triangle = (((l * ((length + 1) % ADLER_MOD)) % ADLER_MOD) * HALF_MOD) % ADLER_MOD;
      b = (b + l * a + v * triangle) % ADLER_MOD;
      a = (a + l * v) % ADLER_MOD;
    }
    out = roomFor(out, at, 3 * ((length / MAX_MATCH) | 0));
    let rest = length;
    if (previous !== v) {
      bits |= LITERAL_BITS[v]! << count;
      count += LITERAL_COUNT[v]!;
      rest--;
    }
    while (rest >= 3) {
      const m = Math.min(rest, MAX_MATCH);
      while (count >= 8) {
        out[at++] = bits;
        bits >>= 8;
        count -= 8;
      }
      bits |= MATCH_BITS[m]! << count;
      count += MATCH_COUNT[m]!;
      rest -= m;
    }
    while (rest > 0) {
      while (count >= 8) {
        out[at++] = bits;
        bits >>= 8;
        count -= 8;
      }
      bits |= LITERAL_BITS[v]! << count;
      count += LITERAL_COUNT[v]!;
      rest--;
    }
    while (count >= 8) {
      out[at++] = bits;
      bits >>= 8;
      count -= 8;
    }
    previous = v;
    i = j;
  }
  bits |= END_OF_BLOCK_BITS << count;
  count += END_OF_BLOCK_COUNT;
  while (count > 0) {
    out[at++] = bits;
    bits >>= 8;
    count -= 8;
  }
  a %= ADLER_MOD;
  b %= ADLER_MOD;
  const adler = ((b << 16) | a) >>> 0;
  out[at++] = adler >>> 24;
  out[at++] = (adler >>> 16) & 255;
  out[at++] = (adler >>> 8) & 255;
  out[at++] = adler & 255;
  // Its own exact-size array (a copy of the compressed bytes only).
  return out.slice(0, at);
}
