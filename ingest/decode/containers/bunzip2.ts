import { RadomeError } from '../../../core/errors.js';
import { exceeded } from './decompression-budget.js';

/**
 * radome's one bzip2 decompressor, written for NEXRAD LDM records and used for every bzip2 input
 * (Level 2 records, Level 3 products, .bz2 files). Radar output is ~87 % runs of repeated bytes
 * (the KLOT Level 2 sample: 50.8 MB out of 6.5 MB of Burrows-Wheeler blocks), so each run is
 * written with one fill() and folded into the CRC with five table look-ups, where libbzip2 goes
 * byte by byte. On that sample it is 2-3x faster than libbzip2 compiled to WASM and 7-10x faster
 * than seek-bzip (bench/level2.ts, rows 'bzip2:'). Block and stream CRCs are verified;
 * concatenated streams (pbzip2, some .bz2 files) decode one after the other into one output.
 *
 * A Bunzip2 keeps its work arrays (about 4 MB) and output buffer between calls: use
 * `threadBunzip2()`, one per thread, rather than making new ones.
 */

const BLOCK_MAGIC_HI = 0x314159;
const BLOCK_MAGIC_LO = 0x265359;
const END_MAGIC_HI = 0x177245;
const END_MAGIC_LO = 0x385090;
const MAX_GROUPS = 6;
const MAX_ALPHA = 258;
const MAX_CODE_LEN = 20;
const MAX_SELECTORS = 18002;
const GROUP_SIZE = 50;
/** Default output cap: LDM records inflate to under 2 MB, Level 3 products far less; past it the input is taken as a bomb. */
export const DEFAULT_MAX_OUTPUT = 64 << 20;
/** Largest block (level 9) in bytes: the output buffer may run this far past the cap before the check. */
const BLOCK_MAX = 900_000;
/** An output larger than this is handed over by decompress() rather than copied and kept. */
const HAND_OVER_BYTES = 16 << 20;
const INITIAL_OUTPUT = 1 << 20;
/** Output past this size grows straight to the cap (see reserve). */
const GROW_TO_CAP = 32 << 20;
/** Codes up to this length decode with one table look-up; longer ones take the canonical path. */
const LOOKUP_BITS = 10;
const LOOKUP_SIZE = 1 << LOOKUP_BITS;
/**
 * Zero bytes after the copied input, so the symbol loop (which checks for overrun once per group
 * of 50 codes of at most 20 bits) never reads outside the array.
 */
const PAD = 256;

/** CRC-32 table (MSB first, polynomial 0x04C11DB7, as bzip2). */
const CRC = new Int32Array(256);
for (let i = 0; i < 256; i++) {
  let c = i << 24;
  for (let k = 0; k < 8; k++) c = c & 0x80000000 ? (c << 1) ^ 0x04c11db7 : c << 1;
  CRC[i] = c;
}

/**
 * The CRC is linear, so feeding n copies of byte b is crc' = Zⁿ(crc) ⊕ Kₙ(b), where Z feeds one
 * zero byte. RUN_SHIFT holds Zⁿ of each byte of the state (4 × 256 per n) and RUN_BYTES Kₙ(b)
 * (256 per n), for n up to 255: a run of any length costs five look-ups (1.3 MB of tables).
 */
const RUN_SHIFT = new Int32Array(256 * 1024);
const RUN_BYTES = new Int32Array(256 * 256);
for (let k = 0; k < 4; k++) for (let v = 0; v < 256; v++) RUN_SHIFT[k * 256 + v] = v << (24 - 8 * k);
for (let n = 1; n < 256; n++) {
  for (let i = 0; i < 1024; i++) {
    const x = RUN_SHIFT[(n - 1) * 1024 + i]!;
    RUN_SHIFT[n * 1024 + i] = (x << 8) ^ CRC[x >>> 24]!;
  }
  for (let b = 0; b < 256; b++) {
    const x = RUN_BYTES[(n - 1) * 256 + b]!;
    RUN_BYTES[n * 256 + b] = (x << 8) ^ CRC[x >>> 24]! ^ CRC[b]!;
  }
}

export class Bunzip2 {
  private input = new Uint8Array(1 << 16);
  private inputLength = 0;
  private pos = 0;
  private bitBuf = 0;
  private bitCount = 0;
  private where = '';
  /** Byte offset of the stream being read, named in errors after the first stream. */
  private streamStart = 0;
  private maxOutput = DEFAULT_MAX_OUTPUT;

  private out = new Uint8Array(INITIAL_OUTPUT);
  private outLength = 0;

  private readonly tt = new Int32Array(BLOCK_MAX);
  private readonly counts = new Int32Array(256);
  private readonly mtf = new Uint8Array(256);
  private readonly seqToUnseq = new Uint8Array(256);
  private readonly selectors = new Uint8Array(MAX_SELECTORS);
  private readonly lengths = new Uint8Array(MAX_GROUPS * MAX_ALPHA);
  private readonly lookup = new Int32Array(MAX_GROUPS * LOOKUP_SIZE);
  private readonly firstCode = new Int32Array(MAX_GROUPS * (MAX_CODE_LEN + 1));
  private readonly codeCount = new Int32Array(MAX_GROUPS * (MAX_CODE_LEN + 1));
  private readonly firstIndex = new Int32Array(MAX_GROUPS * (MAX_CODE_LEN + 1));
  private readonly perm = new Int32Array(MAX_GROUPS * MAX_ALPHA);
  private readonly maxLen = new Int32Array(MAX_GROUPS);
  /**
   * Move-to-front list of the Huffman tables while selectors are read. A typed array, where an
   * array literal's copy-on-write elements made TurboFan's code for readSelectors deoptimise.
   */
  private readonly tableOrder = new Uint8Array(MAX_GROUPS);

  /**
   * Decompresses a bzip2 stream, and the streams concatenated after it, and returns a view of the
   * output, valid until the next call (copy it to keep it). Bytes after the last stream that do
   * not start another one are ignored, as bzip2(1) does. `where` names the input in errors
   * ("record 3 at offset 1234"). Throws RadomeError TRUNCATED when the input ends inside a
   * stream, CORRUPT when it is not bzip2, fails a CRC, TOO_LARGE when it would inflate past `maxOutputBytes`.
   */
  decompressView(src: Uint8Array, where = 'bzip2 data', maxOutputBytes = DEFAULT_MAX_OUTPUT): Uint8Array {
    this.start(src, where, maxOutputBytes);
    do this.readStream();
    while (this.nextStream());
    return this.out.subarray(0, this.outLength);
  }

  /** As decompressView, into an array of its own. */
  decompress(src: Uint8Array, where = 'bzip2 data', maxOutputBytes = DEFAULT_MAX_OUTPUT): Uint8Array {
    const view = this.decompressView(src, where, maxOutputBytes);
    if (view.length <= HAND_OVER_BYTES) return view.slice();
    // A large output is given away rather than copied, and not kept alive by this thread.
    this.out = new Uint8Array(INITIAL_OUTPUT);
    return view;
  }

  private start(src: Uint8Array, where: string, maxOutputBytes: number): void {
    if (this.input.length < src.length + PAD) this.input = new Uint8Array(src.length + PAD + (src.length >> 2));
    this.input.set(src);
    this.input.fill(0, src.length, src.length + PAD);
    this.inputLength = src.length;
    this.pos = 0;
    this.bitBuf = 0;
    this.bitCount = 0;
    this.outLength = 0;
    this.where = where;
    this.streamStart = 0;
    this.maxOutput = maxOutputBytes;
  }

  /** Decodes one stream, from its 'BZh' signature to its end-of-stream marker, onto the output. */
  private readStream(): void {
    if (this.bits(8) !== 0x42 || this.bits(8) !== 0x5a || this.bits(8) !== 0x68) throw this.corrupt("not a bzip2 stream (no 'BZh' signature)");
    const level = this.bits(8) - 0x30;
    if (level < 1 || level > 9) throw this.corrupt(`block size digit ${level} is not 1-9`);
    const blockMax = level * 100_000;
    let streamCrc = 0;
    for (;;) {
      const hi = this.bits(24);
      const lo = this.bits(24);
      if (hi === BLOCK_MAGIC_HI && lo === BLOCK_MAGIC_LO) {
        const want = ((this.bits(16) << 16) | this.bits(16)) >>> 0;
        const got = this.decodeBlock(blockMax);
        if (got !== want) throw this.corrupt(`block CRC 0x${got.toString(16)} differs from the stored 0x${want.toString(16)}`);
        streamCrc = (((streamCrc << 1) | (streamCrc >>> 31)) ^ got) >>> 0;
      } else if (hi === END_MAGIC_HI && lo === END_MAGIC_LO) {
        const want = ((this.bits(16) << 16) | this.bits(16)) >>> 0;
        this.checkInput();
        if (streamCrc !== want) throw this.corrupt(`stream CRC 0x${streamCrc.toString(16)} differs from the stored 0x${want.toString(16)}`);
        return;
      } else {
        throw this.corrupt('bad block signature');
      }
    }
  }

  /**
   * Moves to the byte after the stream just read (streams end byte-aligned) and says whether
   * another stream starts there.
   */
  private nextStream(): boolean {
    this.pos -= this.bitCount >> 3;
    this.bitBuf = 0;
    this.bitCount = 0;
    const at = this.pos;
    const rest = this.inputLength - at;
    const input = this.input;
    const signed = input[at] === 0x42 && (rest < 2 || input[at + 1] === 0x5a) && (rest < 3 || input[at + 2] === 0x68);
    if (rest <= 0 || !signed) return false;
    // 'B' or 'BZ' as the last bytes: the next stream was cut.
    if (rest < 3) throw this.truncated();
    this.streamStart = at;
    return true;
  }

  /** Reads n ≤ 24 bits, MSB first. */
  private bits(n: number): number {
    while (this.bitCount < n) {
      if (this.pos >= this.inputLength + PAD) throw this.truncated();
      this.bitBuf = (this.bitBuf << 8) | this.input[this.pos++]!;
      this.bitCount += 8;
    }
    this.bitCount -= n;
    return (this.bitBuf >>> this.bitCount) & ((1 << n) - 1);
  }

  /** Throws when the bits consumed so far run past the real input (into the zero padding). */
  private checkInput(): void {
    if (this.pos * 8 - this.bitCount > this.inputLength * 8) throw this.truncated();
  }

  /** Decodes one block (after its magic and CRC) into the output; returns its CRC. */
  private decodeBlock(blockMax: number): number {
    if (this.bits(1)) throw this.corrupt('randomised block (bzip2 before 0.9.5; never written by NEXRAD)');
    const origPtr = this.bits(24);
    const nInUse = this.readSymbolMap();
    const alphaSize = nInUse + 2;
    const nGroups = this.bits(3);
    if (nGroups < 2 || nGroups > MAX_GROUPS) throw this.corrupt(`${nGroups} Huffman tables (2-6 allowed)`);
    const nSelectors = this.readSelectors(nGroups);
    for (let g = 0; g < nGroups; g++) this.readTable(g, alphaSize);
    this.checkInput();
    const nblock = this.readSymbols(alphaSize, nSelectors, blockMax);
    if (origPtr >= nblock) throw this.corrupt(`origin pointer ${origPtr} is outside the ${nblock}-byte block`);
    return this.writeBlock(nblock, origPtr);
  }

  private readSymbolMap(): number {
    const used16 = this.bits(16);
    let n = 0;
    for (let i = 0; i < 16; i++) {
      if (!(used16 & (0x8000 >> i))) continue;
      const used = this.bits(16);
      for (let j = 0; j < 16; j++) if (used & (0x8000 >> j)) this.seqToUnseq[n++] = i * 16 + j;
    }
    if (n === 0) throw this.corrupt('block uses no symbols');
    return n;
  }

  private readSelectors(nGroups: number): number {
    const count = this.bits(15);
    if (count < 1) throw this.corrupt('block has no Huffman table selectors');
    const order = this.tableOrder;
    for (let g = 0; g < MAX_GROUPS; g++) order[g] = g;
    for (let i = 0; i < count; i++) {
      let j = 0;
      while (this.bits(1)) if (++j >= nGroups) throw this.corrupt('selector names a missing Huffman table');
      const g = order[j]!;
      for (; j > 0; j--) order[j] = order[j - 1]!;
      order[0] = g;
      // Like libbzip2, selectors past the maximum are read and ignored.
      if (i < MAX_SELECTORS) this.selectors[i] = g;
    }
    return Math.min(count, MAX_SELECTORS);
  }

  /** Reads the code lengths of table g and builds its look-up table and canonical decode data. */
  private readTable(g: number, alphaSize: number): void {
    const lengths = this.lengths;
    const base = g * MAX_ALPHA;
    let len = this.bits(5);
    for (let s = 0; s < alphaSize; s++) {
      for (;;) {
        if (len < 1 || len > MAX_CODE_LEN) throw this.corrupt(`Huffman code length ${len} (1-20 allowed)`);
        if (!this.bits(1)) break;
        len += this.bits(1) ? -1 : 1;
      }
      lengths[base + s] = len;
    }
    // Canonical codes, as libbzip2 assigns them: by length, then by symbol.
    const lb = g * (MAX_CODE_LEN + 1);
    let code = 0;
    let index = 0;
    let maxLen = 0;
    const lookup = this.lookup;
    lookup.fill(0, g * LOOKUP_SIZE, (g + 1) * LOOKUP_SIZE);
    for (let l = 1; l <= MAX_CODE_LEN; l++) {
      this.firstCode[lb + l] = code;
      this.firstIndex[lb + l] = index;
      let n = 0;
      for (let s = 0; s < alphaSize; s++) {
        if (lengths[base + s] !== l) continue;
        this.perm[base + index + n] = s;
        if (code + n >= 1 << l) throw this.corrupt('over-subscribed Huffman code lengths');
        if (l <= LOOKUP_BITS) {
          const from = g * LOOKUP_SIZE + ((code + n) << (LOOKUP_BITS - l));
          lookup.fill((s << 5) | l, from, from + (1 << (LOOKUP_BITS - l)));
        }
        n++;
      }
      if (n) maxLen = l;
      this.codeCount[lb + l] = n;
      index += n;
      code = (code + n) << 1;
    }
    this.maxLen[g] = maxLen;
  }

  /**
   * Huffman, RUNA/RUNB and move-to-front decoding of the block into the low bytes of tt (where
   * writeBlock adds the inverse-BWT links, as libbzip2 does: no second array to copy from);
   * returns its length.
   */
  private readSymbols(alphaSize: number, nSelectors: number, blockMax: number): number {
    const input = this.input;
    const tt = this.tt;
    const counts = this.counts;
    const mtf = this.mtf;
    const lookup = this.lookup;
    const eob = alphaSize - 1;
    counts.fill(0);
    for (let i = 0; i < 256; i++) mtf[i] = this.seqToUnseq[i]!;
    let buf = this.bitBuf;
    let count = this.bitCount;
    let pos = this.pos;
    let nblock = 0;
    let run = 0;
    let runBit = 1;
    let group = -1;
    let left = 0;
    let table = 0;
    for (;;) {
      if (left === 0) {
        if (++group >= nSelectors) throw this.corruptAt(pos, count, 'block data runs past its last selector');
        if (pos * 8 - count > this.inputLength * 8) throw this.truncated();
        table = this.selectors[group]!;
        left = GROUP_SIZE;
      }
      left--;
      while (count <= 24) {
        buf = (buf << 8) | input[pos++]!;
        count += 8;
      }
      let sym: number;
      const entry = lookup[table * LOOKUP_SIZE + ((buf >>> (count - LOOKUP_BITS)) & (LOOKUP_SIZE - 1))]!;
      if (entry) {
        count -= entry & 31;
        sym = entry >>> 5;
      } else {
        sym = this.longCode(table, buf, count);
        if (sym < 0) throw this.corruptAt(pos, count, 'invalid Huffman code');
        count -= this.lengths[table * MAX_ALPHA + sym]!;
      }
      if (sym <= 1) {
        // RUNA / RUNB: a bijective base-2 run length of the front symbol.
        run += runBit << sym;
        runBit <<= 1;
        if (run > blockMax) throw this.corruptAt(pos, count, 'run length exceeds the block size');
        continue;
      }
      if (run) {
        if (nblock + run > blockMax) throw this.corruptAt(pos, count, 'block data exceed the block size');
        const b = mtf[0]!;
        tt.fill(b, nblock, nblock + run);
        counts[b] += run;
        nblock += run;
        run = 0;
        runBit = 1;
      }
      if (sym === eob) break;
      if (nblock >= blockMax) throw this.corruptAt(pos, count, 'block data exceed the block size');
      let i = sym - 1;
      const b = mtf[i]!;
      // Radar bytes are diverse: deep moves are common, and memmove beats a loop for them.
      if (i > 16) mtf.copyWithin(1, 0, i);
      else for (; i > 0; i--) mtf[i] = mtf[i - 1]!;
      mtf[0] = b;
      tt[nblock++] = b;
      counts[b]++;
    }
    this.bitBuf = buf;
    this.bitCount = count;
    this.pos = pos;
    this.checkInput();
    return nblock;
  }

  /** Canonical decoding of a code longer than the look-up table (rare); -1 if there is none. */
  private longCode(table: number, buf: number, count: number): number {
    const lb = table * (MAX_CODE_LEN + 1);
    const maxLen = this.maxLen[table]!;
    for (let l = LOOKUP_BITS + 1; l <= maxLen; l++) {
      const code = (buf >>> (count - l)) & ((1 << l) - 1);
      const k = code - this.firstCode[lb + l]!;
      if (k >= 0 && k < this.codeCount[lb + l]!) return this.perm[table * MAX_ALPHA + this.firstIndex[lb + l]! + k]!;
    }
    return -1;
  }

  /** Inverse Burrows-Wheeler transform, run-length decoding and CRC; returns the block CRC. */
  private writeBlock(nblock: number, origPtr: number): number {
    const tt = this.tt;
    const counts = this.counts;
    let sum = 0;
    for (let i = 0; i < 256; i++) {
      const c = counts[i]!;
      counts[i] = sum;
      sum += c;
    }
    // Each entry's low byte is its own symbol, which the links added above it leave alone.
    for (let i = 0; i < nblock; i++) tt[counts[tt[i]! & 0xff]!++]! |= i << 8;

    // Literal bytes add at most nblock bytes; runs reserve their own room below.
    let out = this.reserve(this.outLength + nblock, this.outLength);
    let at = this.outLength;
    let crc = -1;
    let t = tt[origPtr]! >>> 8;
    let last = -1;
    let same = 0;
    for (let k = 0; k < nblock; k++) {
      const e = tt[t]!;
      const ch = e & 0xff;
      t = e >>> 8;
      if (same === 4) {
        // The byte after four equal ones is how many more copies follow.
        same = 0;
        if (ch === 0) continue;
        if (at + ch > this.maxOutput) throw this.inflatesPastCap();
        if (at + ch + (nblock - k) > out.length) out = this.reserve(at + ch + (nblock - k), at);
        out.fill(last, at, at + ch);
        at += ch;
        crc = crcRun(crc, last, ch);
        continue;
      }
      if (ch === last) same++;
      else {
        last = ch;
        same = 1;
      }
      out[at++] = ch;
      crc = (crc << 8) ^ CRC[(crc >>> 24) ^ ch]!;
    }
    if (at > this.maxOutput) throw this.inflatesPastCap();
    this.outLength = at;
    return ~crc >>> 0;
  }

  /**
   * Grows the output to hold `n` bytes, keeping the `used` bytes written so far. Callers keep
   * `n` within one block of the cap, which they check on the bytes actually written.
   */
  private reserve(n: number, used: number): Uint8Array {
    if (n > this.out.length) {
      const cap = this.maxOutput + BLOCK_MAX;
      // Past GROW_TO_CAP the output takes the cap at once: the kernel maps a large array's pages
      // only as they are written, while doubling would leave every smaller copy as garbage
      // (a bomb's output reached twice the cap in memory before the cap stopped it).
      const size = n > GROW_TO_CAP ? cap : Math.max(n, this.out.length * 2);
      const out = new Uint8Array(Math.min(size, cap));
      out.set(this.out.subarray(0, used));
      this.out = out;
    }
    return this.out;
  }

  private inflatesPastCap(): RadomeError {
    return exceeded(this.maxOutput, this.stream());
  }

  /** CORRUPT, unless the bits read so far run past the input: then the data were cut short. */
  private corrupt(what: string): RadomeError {
    if (this.pos * 8 - this.bitCount > this.inputLength * 8) return this.truncated();
    return new RadomeError('CORRUPT', `${this.stream()}: bzip2 data error: ${what}`);
  }

  /** corrupt() from inside the symbol loop, which keeps the bit reader in locals. */
  private corruptAt(pos: number, count: number, what: string): RadomeError {
    this.pos = pos;
    this.bitCount = count;
    return this.corrupt(what);
  }

  private truncated(): RadomeError {
    return new RadomeError('TRUNCATED', `${this.stream()}: bzip2 stream ends before its end-of-stream marker`);
  }

  private stream(): string {
    return this.streamStart ? `${this.where}, stream at byte ${this.streamStart}` : this.where;
  }
}

let shared: Bunzip2 | null = null;

/** This thread's decompressor, made at first use: its work arrays then serve every call. */
export function threadBunzip2(): Bunzip2 {
  return (shared ??= new Bunzip2());
}

/** CRC after `n` (1-255) copies of byte `b`. */
function crcRun(crc: number, b: number, n: number): number {
  const t = n * 1024;
  return RUN_SHIFT[t + (crc >>> 24)]! ^ RUN_SHIFT[t + 256 + ((crc >>> 16) & 0xff)]! ^ RUN_SHIFT[t + 512 + ((crc >>> 8) & 0xff)]! ^ RUN_SHIFT[t + 768 + (crc & 0xff)]! ^ RUN_BYTES[n * 256 + b]!;
}
