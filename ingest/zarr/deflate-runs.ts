import { ADLER_MOD, putAdler32 } from './deflate-stored.js';

/**
 * A zlib stream (RFC 1950/1951) of bytes that come in runs, such as radar gate codes, encoded as
 * zlib's run-length strategy (Z_RLE) encodes them: each run is its byte as a literal, then matches
 * at distance 1, in one block of dynamic Huffman codes built for the stream's own symbols
 * (RFC 1951 3.2.7). Any zlib inflater reads it.
 *
 * Hand-written because zlib is measurably too slow here: a real Level 2 volume's gate codes are
 * 48 MB, 95 % of them zero (below threshold), and zlib level 1 Z_RLE (its cheapest setting)
 * spent 64–80 ms of CPU deflating them, most of an ingest's budget for the sweep store (≤ 15 %).
 * zlib looks at every byte; this encoder skips zero runs four 64-bit words at a time and sums
 * their Adler-32 in closed form, so it pays per run, not per byte. The codes are built from the
 * symbol counts of a sample of the input (see symbolCounts); one pass then finds the runs and
 * writes their codes.
 *
 * On the KLOT volume's 66 moment arrays (48.3 MB): 2.497 MB (zlib level 1 Z_RLE 2.465) for
 * 40–43 ms of CPU (medians of 30 runs in 3 processes alternating with the version before 64-bit
 * words and the one-tree code lengths, 47 ms; load 6–7). Deflate's fixed codes (the encoder's first version) made 3.61 MB; codes
 * from the whole input's counts (counted in a first pass that also kept tokens for the second)
 * 2.470 MB for 54–57 ms.
 *
 * Lone bytes are found four places at a time and zero runs' ends eight bytes at a time (32-bit
 * reads at any byte, see loneEnd and runEnd) rather than by byte loops whose exits the CPU cannot
 * predict, and each code goes out with one 32-bit store (see codeRuns): 34.1 ms instead of 39.2
 * (same bytes; medians of 6 alternating processes of 21 runs, the new one 4–6 ms lower in each,
 * load 4–5). What is left is mostly reading the 46 MB of zeros (~7 ms, the speed of memory: the
 * same scan of data in cache takes a third of it) and coding ~2.2 M lone bytes one at a time.
 */

/** 1/2 modulo 65521 (odd), for the closed-form sum of a run's Adler-32. */
const HALF_MOD = (ADLER_MOD + 1) / 2;
const MAX_MATCH = 258;
/**
 * Bytes of lone bytes and short runs (≤ SHORT_RUN) summed into Adler-32 between its reductions
 * modulo 65521: at most 1024 + 1024 of them, so a < 65521 + 255·2048 and b < 65521 + 2048·a < 2^31.
 * (Most zero runs are short by this measure: with runs over 64 bytes reduced at once, ~0.8 ms more of
 * the KLOT volume's ~39 went on the divisions and the branch between the two ways.)
 */
const ADLER_DEFER = 1024;
const SHORT_RUN = 1024;

const END_OF_BLOCK = 256;
/** Literal/length symbols that exist (0–285) and the code lengths deflate allows for them. */
const LITERAL_LENGTH_SYMBOLS = 286;
const MAX_CODE_BITS = 15;
/** The code-length alphabet (RFC 1951 3.2.7): lengths 0–15, 16 repeat previous, 17/18 repeat zero. */
const CODE_LENGTH_SYMBOLS = 19;
const MAX_CODE_LENGTH_BITS = 7;
/** The order in which the code-length alphabet's own lengths are sent. */
const CODE_LENGTH_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];
/**
 * Distance codes sent: 0 (distance 1, the only one used) and 1, both of one bit, so the code is
 * complete (an inflater may refuse an incomplete one) and costs a match the one bit it must.
 */
const DISTANCE_CODE_LENGTHS = [1, 1];

/** Index of a match's code (length 3–258, distance 1) in a code table: 256 + its length. */
const MATCH_TOKEN = 256;
/** Each match length's length symbol (257–285) and its extra bits' value and count (RFC 1951 3.2.5). */
const LENGTH_SYMBOL = new Uint16Array(MAX_MATCH + 1);
const LENGTH_EXTRA = new Uint8Array(MAX_MATCH + 1);
const LENGTH_EXTRA_COUNT = new Uint8Array(MAX_MATCH + 1);
{
  const base = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
  const extra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
  for (let length = 3; length <= MAX_MATCH; length++) {
    let i = base.length - 1;
    while (base[i]! > length) i--;
    LENGTH_SYMBOL[length] = 257 + i;
    LENGTH_EXTRA[length] = length - base[i]!;
    LENGTH_EXTRA_COUNT[length] = extra[i]!;
  }
}

/** The encoder's output buffer, kept between calls (grown as needed); each result is a copy. */
let scratch: Uint8Array = new Uint8Array(1 << 16);

/**
 * Inputs up to this size are counted whole for their codes; larger ones from SAMPLE_SLICES
 * evenly spaced slices holding 1/SAMPLE_FRACTION of them (see deflateRuns).
 */
const WHOLE_COUNT_BYTES = 64 << 10;
const SAMPLE_SLICES = 32;
const SAMPLE_FRACTION = 16;

/**
 * Code lengths of a Huffman code for `counts` no longer than `maxBits`. One Huffman tree gives
 * how many leaves lie at each depth; leaves deeper than `maxBits` are lifted to it, and the code
 * is then made complete again (Kraft sum exactly 1, which inflaters require) by moving leaves one
 * level down from the deepest level above `maxBits` that has any, or up from the deepest. The
 * lightest symbols get the longest codes. At least two symbols get a code (an unused one is
 * added), so the code is complete. (The tree rebuilt with every count halved until it was short
 * enough took up to ~60 µs for a moment's skewed counts, 4 ms of a volume's encode.)
 */
export function huffmanLengths(counts: ArrayLike<number>, maxBits: number): Uint8Array {
  const lengths = new Uint8Array(counts.length);
  const symbols: number[] = [];
  for (let s = 0; s < counts.length; s++) if (counts[s]! > 0) symbols.push(s);
  for (let s = 0; symbols.length < 2; s++) if (counts[s] === 0) symbols.push(s);
  const m = symbols.length;
  const nodes = 2 * m - 1;
  // Each leaf's weight and symbol in one number, so a plain numeric sort orders them by weight.
  const leaves = new Float64Array(m);
  for (let i = 0; i < m; i++) leaves[i] = Math.max(counts[symbols[i]!]!, 1) * 512 + symbols[i]!;
  leaves.sort();
  // Leaves in order of weight, then the internal nodes, made in order of weight too (two queues).
  const weight = new Float64Array(nodes);
  const parent = new Int32Array(nodes);
  for (let i = 0; i < m; i++) weight[i] = Math.floor(leaves[i]! / 512);
  let leaf = 0;
  let inner = m;
  for (let made = m; made < nodes; made++) {
    for (let pick = 0; pick < 2; pick++) {
      const x = leaf < m && (inner >= made || weight[leaf]! <= weight[inner]!) ? leaf++ : inner++;
      weight[made] = pick === 0 ? weight[x]! : weight[made]! + weight[x]!;
      parent[x] = made;
    }
  }
  // Leaves per depth, those deeper than maxBits counted at it.
  const depth = new Uint8Array(nodes);
  const perLength = new Int32Array(maxBits + 1);
  for (let i = nodes - 2; i >= 0; i--) {
    depth[i] = depth[parent[i]!]! + 1;
    if (i < m) perLength[Math.min(depth[i]!, maxBits)]!++;
  }
  // The Kraft sum in units of 2^-maxBits, against the whole (1).
  const whole = 2 ** maxBits;
  let kraft = 0;
  for (let bits = 1; bits <= maxBits; bits++) kraft += perLength[bits]! * 2 ** (maxBits - bits);
  while (kraft > whole) {
    let bits = maxBits - 1;
    while (perLength[bits] === 0) bits--;
    perLength[bits]!--;
    perLength[bits + 1]!++;
    kraft -= 2 ** (maxBits - bits - 1);
  }
  while (kraft < whole) {
    // Every leaf's unit divides what is missing, so one at the deepest level moves up a level.
    let bits = maxBits;
    while (perLength[bits] === 0) bits--;
    perLength[bits]!--;
    perLength[bits - 1]!++;
    kraft += 2 ** (maxBits - bits);
  }
  for (let i = 0, bits = maxBits; bits > 0; bits--) {
    for (let k = perLength[bits]!; k > 0; k--) lengths[leaves[i++]! % 512] = bits;
  }
  return lengths;
}

/** Canonical Huffman codes of `lengths` (RFC 1951 3.2.2), bit-reversed: deflate sends a code's bits from its top. */
function canonicalCodes(lengths: ArrayLike<number>): Int32Array {
  const perLength = new Int32Array(MAX_CODE_BITS + 1);
  for (let s = 0; s < lengths.length; s++) perLength[lengths[s]!]!++;
  perLength[0] = 0;
  const next = new Int32Array(MAX_CODE_BITS + 1);
  for (let bits = 1, code = 0; bits <= MAX_CODE_BITS; bits++) {
    code = (code + perLength[bits - 1]!) << 1;
    next[bits] = code;
  }
  const codes = new Int32Array(lengths.length);
  for (let s = 0; s < lengths.length; s++) {
    const length = lengths[s]!;
    if (length === 0) continue;
    const code = next[length]!++;
    let out = 0;
    for (let i = 0; i < length; i++) out |= ((code >> i) & 1) << (length - 1 - i);
    codes[s] = out;
  }
  return codes;
}

/** `out`, or a larger copy of its first `at` bytes (kept as the scratch), with `bytes` free after `at`. */
function roomFor(out: Uint8Array, at: number, bytes: number): Uint8Array {
  const needed = at + bytes;
  if (needed <= out.length) return out;
  const grown = new Uint8Array(Math.max(2 * out.length, needed));
  grown.set(out.subarray(0, at));
  scratch = grown;
  return grown;
}

/** Bits into bytes, LSB first (deflate's order); fewer than 8 bits stay pending between calls. */
class BitSink {
  at = 0;
  bits = 0;
  count = 0;
  constructor(readonly out: Uint8Array) {}

  /** `width` bits (at most 24) of `value`. */
  put(value: number, width: number): void {
    this.bits |= value << this.count;
    this.count += width;
    while (this.count >= 8) {
      this.out[this.at++] = this.bits;
      this.bits >>>= 8;
      this.count -= 8;
    }
  }
}

/**
 * The input as words: its whole 64-bit words up to `n` (where its bytes align to 8 in its
 * buffer) and where they start, and a DataView for little-endian 32-bit reads at any byte.
 */
interface InputWords {
  input: Uint8Array;
  view: DataView;
  words: BigInt64Array;
  wordStart: number;
}

function wordsOf(input: Uint8Array, n: number): InputWords {
  const wordStart = (8 - (input.byteOffset & 7)) & 7;
  const wordCount = n > wordStart ? (n - wordStart) >> 3 : 0;
  return {
    input,
    view: new DataView(input.buffer, input.byteOffset, input.byteLength),
    words: wordCount > 0 ? new BigInt64Array(input.buffer, input.byteOffset + wordStart, wordCount) : new BigInt64Array(0),
    wordStart,
  };
}

/** Which byte (0–3) of a little-endian 32-bit word is its first with a bit set; 4 if none. */
const firstSetByte = (x: number): number => (32 - Math.clz32(~x & (x - 1))) >> 3;

/** How many of the 8 bytes from `j` are zero before the first that is not (8 if all are), without a branch. */
function zeroBytesAt(view: DataView, j: number): number {
  const low = view.getUint32(j, true);
  const lowIsZero = ((low | -low) >>> 31) ^ 1;
  return 4 * lowIsZero + firstSetByte(low | (view.getUint32(j + 4, true) & -lowIsZero));
}

/**
 * Where the input (up to `n`) ends a run of `v` that starts at `i`. Zero runs are scanned by 64-bit
 * words, read as BigInts, which V8 compiles to plain 64-bit loads and ORs here (no BigInt is made):
 * 48 MB of zeros scan in 4.5 ms, against 10.6 ms four 32-bit words at a time (minimums of 15 runs;
 * a Float64Array would let -0, a byte 0x80, pass for zeros). A zero run's first and last bytes
 * (to and from a word boundary) are counted 8 at a time (zeroBytesAt): byte loops there, whose
 * exits came at a different count each run, took ~9 % of the encoder's time.
 */
function runEnd({ input, view, words, wordStart }: InputWords, i: number, v: number, n: number): number {
  let j = i + 1;
  if (v === 0 && j + 8 <= n) {
    const zeros = zeroBytesAt(view, j);
    if (zeros < 8) return j + zeros;
    // Zeros up to j + 8, so up to the word boundary at or before it; words on from there.
    let w = (j - wordStart + 7) >> 3;
    const last = words.length;
    while (w + 4 <= last && (words[w]! | words[w + 1]! | words[w + 2]! | words[w + 3]!) === 0n) w += 4;
    while (w < last && words[w] === 0n) w++;
    j = wordStart + w * 8;
    if (w < last) return j + zeroBytesAt(view, j);
  }
  while (j < n && input[j] === v) j++;
  return j;
}

/**
 * Where the lone bytes from `i` end (the input's neighbours differ at i): the first byte after i
 * that equals the next, or `n` when none before the last does. Four places are checked at once:
 * a 32-bit word XOR the word a byte on has a zero byte where a byte equals the next, and the
 * lowest set bit of (x − 0x01010101) & ~x & 0x80808080 marks the first such.
 */
function loneEnd({ input, view }: InputWords, i: number, n: number): number {
  let e = i + 1;
  for (; e + 5 <= n; e += 4) {
    const x = view.getUint32(e, true) ^ view.getUint32(e + 1, true);
    const equal = (x - 0x01010101) & ~x & 0x80808080;
    if (equal !== 0) return e + firstSetByte(equal);
  }
  while (e + 1 < n && input[e] !== input[e + 1]) e++;
  return e + 1 < n ? e : n;
}

/** Adds to `counts` the literal/length symbols that coding `input[from, to)` as runs sends (as codeRuns codes them). */
function countRuns(input: Uint8Array, from: number, to: number, counts: Uint32Array): void {
  const words = wordsOf(input, to);
  for (let i = from; i < to; ) {
    const v = input[i]!;
    counts[v]!++;
    // Most non-zero bytes are lone: one literal. (Runs are maximal, so each run's byte is a literal.)
    if (input[i + 1] !== v) {
      i++;
      continue;
    }
    const j = runEnd(words, i, v, to);
    let rest = j - i - 1;
    const maximal = (rest / MAX_MATCH) | 0;
    counts[LENGTH_SYMBOL[MAX_MATCH]!]! += maximal;
    rest -= maximal * MAX_MATCH;
    if (rest >= 3) counts[LENGTH_SYMBOL[rest]!]!++;
    else counts[v]! += rest;
    i = j;
  }
}

/**
 * Codes `input` as runs into `sink` with `tokenCodes` (a literal's code at its byte, a match's
 * at MATCH_TOKEN + its length: bits, and their count above bit 24), and returns its Adler-32. Each run is its byte as a literal, then
 * matches at distance 1; lone bytes (their neighbours differ: most of the data's non-zero codes)
 * are literals, found four at a time (loneEnd) and coded in a loop of their own that counts
 * rather than compares. Zero runs are skipped by 64-bit words (runEnd).
 *
 * Bytes are flushed without a branch (stored always, `at` advanced or not): with codes of varying
 * lengths a branch on the pending count is mispredicted about every other literal. The pending
 * bits, fewer than 8 between codes, go out with each code as one 32-bit store and the whole bytes
 * are kept (~1.5 ms less for the KLOT volume than two byte stores after flushing to under 16 bits).
 */
function codeRuns(input: Uint8Array, tokenCodes: Int32Array, sink: BitSink): number {
  const { out } = sink;
  let { at, bits, count } = sink;
  const n = input.length;
  const words = wordsOf(input, n);
  const outView = new DataView(out.buffer, out.byteOffset, out.byteLength);
  let a = 1;
  let b = 0;
  let deferred = 0;
  let i = 0;
  while (i < n) {
    if (i + 1 < n && input[i + 1] !== input[i]) {
      // Lone bytes to e, in stretches that end where the Adler-32 sums are next due for reduction
      // (deferred counts one per byte, as for short runs below): checked once a stretch.
      const e = loneEnd(words, i, n);
      while (i < e) {
        const stop = Math.min(e, i + ADLER_DEFER - deferred);
        deferred += stop - i;
        for (; i < stop; i++) {
          const v = input[i]!;
          a += v;
          b += a;
          // A literal's code is at most 15 bits, so at most 22 are pending. (The flush of a run's
          // codes below, written out in both loops: the pending bits stay in locals.)
          const code = tokenCodes[v]!;
          bits |= (code & 0xffffff) << count;
          count += code >>> 24;
          outView.setUint32(at, bits, true);
          at += count >> 3;
          bits >>>= count & 24;
          count &= 7;
        }
        if (deferred >= ADLER_DEFER) {
          a %= ADLER_MOD;
          b %= ADLER_MOD;
          deferred = 0;
        }
      }
      if (i >= n) break;
    }
    const v = input[i]!;
    const j = runEnd(words, i, v, n);
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
    // The run's codes: its byte as a literal (runs are maximal: the byte before differs), maximal
    // matches, then a match of what is left or, under 3 bytes, literals.
    let literal = true;
    for (let rest = length; rest > 0; ) {
      let token: number;
      if (literal || rest < 3) {
        token = v;
        rest--;
        literal = false;
      } else {
        const matched = Math.min(rest, MAX_MATCH);
        token = MATCH_TOKEN + matched;
        rest -= matched;
      }
      // A match's bits are at most 21 (code, extra bits, distance code), so at most 28 are pending.
      const code = tokenCodes[token]!;
      bits |= (code & 0xffffff) << count;
      count += code >>> 24;
      outView.setUint32(at, bits, true);
      at += count >> 3;
      bits >>>= count & 24;
      count &= 7;
    }
    i = j;
  }
  sink.at = at;
  sink.bits = bits;
  sink.count = count;
  a %= ADLER_MOD;
  b %= ADLER_MOD;
  return ((b << 16) | a) >>> 0;
}

/**
 * Literal/length symbol counts to build the codes from: of the whole input when it is small, else
 * of 1/SAMPLE_FRACTION of it in SAMPLE_SLICES slices spread over it, scaled up, every symbol then
 * counted at least once so that one the sample missed still has a code. Counting the whole input
 * was a pass of its own, in which incrementing a count per lone byte cost more than finding the
 * runs. On the KLOT volume's 66 moment arrays (48.3 MB): 2.497 MB instead of 2.470 (+1.1 %), for
 * 47–52 ms of CPU instead of 54–57 (deflateRuns alone, medians of 15–21 runs in each of 2–3
 * alternating processes, load 6–8).
 */
function symbolCounts(input: Uint8Array): Uint32Array {
  const n = input.length;
  const counts = new Uint32Array(LITERAL_LENGTH_SYMBOLS);
  if (n <= WHOLE_COUNT_BYTES) {
    countRuns(input, 0, n, counts);
    return counts;
  }
  const slice = Math.ceil(n / (SAMPLE_SLICES * SAMPLE_FRACTION));
  for (let k = 0; k < SAMPLE_SLICES; k++) {
    const from = Math.floor((k * n) / SAMPLE_SLICES);
    countRuns(input, from, Math.min(n, from + slice), counts);
  }
  for (let s = 0; s < LITERAL_LENGTH_SYMBOLS; s++) counts[s] = counts[s]! * SAMPLE_FRACTION || 1;
  return counts;
}

/** The zlib stream of `input` (header 0x78 0x01, one final dynamic-Huffman block, Adler-32). */
export function deflateRuns(input: Uint8Array): Uint8Array {
  const counts = symbolCounts(input);
  counts[END_OF_BLOCK] = 1;

  const literalLengths = huffmanLengths(counts, MAX_CODE_BITS);
  const literalCodes = canonicalCodes(literalLengths);
  const distanceCodes = canonicalCodes(DISTANCE_CODE_LENGTHS);
  let literalCount = LITERAL_LENGTH_SYMBOLS;
  while (literalLengths[literalCount - 1] === 0) literalCount--;

  // The code lengths as one sequence (literal/length, then distance), run-length coded with
  // 16 (repeat the previous 3–6 times), 17 (3–10 zeros) and 18 (11–138 zeros).
  const sequence = new Uint8Array(literalCount + DISTANCE_CODE_LENGTHS.length);
  sequence.set(literalLengths.subarray(0, literalCount));
  sequence.set(DISTANCE_CODE_LENGTHS, literalCount);
  const lengthSymbols: number[] = [];
  const lengthExtras: number[] = [];
  const lengthCounts = new Uint32Array(CODE_LENGTH_SYMBOLS);
  const sendLength = (symbol: number, extra: number): void => {
    lengthSymbols.push(symbol);
    lengthExtras.push(extra);
    lengthCounts[symbol]!++;
  };
  for (let i = 0; i < sequence.length; ) {
    const value = sequence[i]!;
    let run = 1;
    while (i + run < sequence.length && sequence[i + run] === value) run++;
    i += run;
    if (value === 0) {
      for (; run >= 11; run -= Math.min(run, 138)) sendLength(18, Math.min(run, 138) - 11);
      if (run >= 3) sendLength(17, run - 3);
      else for (; run > 0; run--) sendLength(0, 0);
      continue;
    }
    sendLength(value, 0);
    run--;
    for (; run >= 3; run -= Math.min(run, 6)) sendLength(16, Math.min(run, 6) - 3);
    for (; run > 0; run--) sendLength(value, 0);
  }
  const codeLengthLengths = huffmanLengths(lengthCounts, MAX_CODE_LENGTH_BITS);
  const codeLengthCodes = canonicalCodes(codeLengthLengths);
  let codeLengthCount = CODE_LENGTH_SYMBOLS;
  while (codeLengthCount > 4 && codeLengthLengths[CODE_LENGTH_ORDER[codeLengthCount - 1]!] === 0) codeLengthCount--;

  // Each literal's and match's bits (code, extra bits, distance code) and, above bit 24, their
  // count: at most 15 + 5 + 1 = 21 bits.
  const tokenCodes = new Int32Array(MATCH_TOKEN + MAX_MATCH + 1);
  for (let v = 0; v <= END_OF_BLOCK; v++) tokenCodes[v] = literalCodes[v]! | (literalLengths[v]! << 24);
  for (let length = 3; length <= MAX_MATCH; length++) {
    const symbol = LENGTH_SYMBOL[length]!;
    const codeBits = literalLengths[symbol]!;
    const extraBits = LENGTH_EXTRA_COUNT[length]!;
    tokenCodes[MATCH_TOKEN + length] =
      literalCodes[symbol]! | (LENGTH_EXTRA[length]! << codeBits) | (distanceCodes[0]! << (codeBits + extraBits)) | ((codeBits + extraBits + DISTANCE_CODE_LENGTHS[0]!) << 24);
  }

  // Room for the worst case: a literal per byte (at most 15 bits each; a match, of 3 bytes or
  // more, at most 21), the header (at most 5 + 19·3 + 288·14 bits), the trailer and the four bytes
  // a flush stores from the last whole one.
  const sink = new BitSink(roomFor(scratch, 0, 2 * input.length + 1024));
  sink.put(0x78, 8);
  sink.put(0x01, 8);
  // Final block (1), dynamic codes (10).
  sink.put(0b101, 3);
  sink.put(literalCount - 257, 5);
  sink.put(DISTANCE_CODE_LENGTHS.length - 1, 5);
  sink.put(codeLengthCount - 4, 4);
  for (let i = 0; i < codeLengthCount; i++) sink.put(codeLengthLengths[CODE_LENGTH_ORDER[i]!]!, 3);
  const extraWidth = [2, 3, 7];
  for (let i = 0; i < lengthSymbols.length; i++) {
    const symbol = lengthSymbols[i]!;
    sink.put(codeLengthCodes[symbol]!, codeLengthLengths[symbol]!);
    if (symbol >= 16) sink.put(lengthExtras[i]!, extraWidth[symbol - 16]!);
  }
  const adler = codeRuns(input, tokenCodes, sink);
  sink.put(literalCodes[END_OF_BLOCK]!, literalLengths[END_OF_BLOCK]!);
  sink.put(0, 7); // the last byte's pending bits (the rest of them, padding, is dropped)
  // Its own exact-size array (a copy of the compressed bytes only).
  return sink.out.slice(0, putAdler32(sink.out, sink.at, adler));
}
