import { RadomeError } from '../../../core/errors.js';
import { exceeded, maxDecompressedBytes } from './decompression-budget.js';

export interface LzwOptions {
  /** Refuse to produce more than this many bytes (decompression bombs). Default RADOME_MAX_DECOMPRESSED_MB. */
  maxOutputBytes?: number;
}

const CLEAR = 256;
/** Spare output bytes: a string copy moves 8 bytes a step and may run up to 7 past its end. */
const COPY_SLACK = 8;
/** Output past this size grows straight to the cap (see grow). */
const GROW_TO_CAP = 32 << 20;
/** An output buffer this large is returned as a view: copying it would double the memory. */
const VIEW_FROM = 64 << 20;

/**
 * Decompresses Unix `compress` (.Z) data: LZW with 9..maxBits-bit codes packed LSB first.
 *
 * compress(1) reads codes in groups of 8 (one group = `nBits` bytes); when the code width grows
 * or a CLEAR code arrives, the rest of the current group is padding and is skipped. Real `.Z`
 * files depend on this, so the decoder reproduces it exactly.
 */
export function decompressLzw(input: Uint8Array, options: LzwOptions = {}): Uint8Array {
  const maxOutput = options.maxOutputBytes ?? maxDecompressedBytes();
  if (input.length < 3 || input[0] !== 0x1f || input[1] !== 0x9d) {
    throw new RadomeError('UNRECOGNIZED', 'not Unix compress data: magic bytes 1F 9D missing');
  }
  const flags = input[2]!;
  if (flags & 0x60) {
    throw new RadomeError('UNSUPPORTED', `compress header byte 0x${flags.toString(16)} sets reserved bits`);
  }
  const maxBits = flags & 0x1f;
  const blockMode = (flags & 0x80) !== 0;
  if (maxBits < 9 || maxBits > 16) {
    throw new RadomeError('CORRUPT', `compress header declares ${maxBits}-bit codes; valid range is 9..16`);
  }
  const maxMaxCode = 1 << maxBits;
  const first = blockMode ? 257 : 256;

  // Every code's string already sits in the output: where it was first emitted (`start`), with
  // `length` bytes. A new code is the previous code's string plus one byte, which is exactly the
  // output from the previous code's start, so decoding a code is a forward copy and no
  // prefix/suffix chains are walked.
  const start = new Int32Array(maxMaxCode);
  const length = new Int32Array(maxMaxCode).fill(1, 0, 256);

  // Text compresses about 3:1; grow() doubles if that guess is short. The output keeps COPY_SLACK
  // spare bytes past its room, for the last 8-byte step of a string copy.
  let out: Uint8Array = new Uint8Array(Math.min(Math.max(input.length * 4, 1024), maxOutput) + COPY_SLACK);
  let view = new DataView(out.buffer);
  let outPos = 0;

  // Codes are read 3 bytes at a time; padding spares a bounds check per code.
  const data = new Uint8Array(input.length + 3);
  data.set(input);
  const dataStart = 3;
  const totalBits = (input.length - dataStart) * 8;
  let bitPos = 0;
  let groupStart = 0;
  // Like gzip's and ncompress's decoders, start at 9 bits with maxCode 511 whatever maxBits says.
  let nBits = 9;
  let mask = (1 << nBits) - 1;
  let maxCode = mask;
  let free = first;
  let prev = -1;
  let prevStart = 0;

  for (;;) {
    if (free > maxCode) {
      bitPos = alignToGroup(bitPos, groupStart, nBits);
      groupStart = bitPos;
      nBits++;
      mask = (1 << nBits) - 1;
      maxCode = nBits === maxBits ? maxMaxCode : mask;
    }
    if (bitPos + nBits > totalBits) break;

    // Read nBits (<= 16) starting at bitPos: at most 3 bytes.
    const byteIndex = dataStart + (bitPos >>> 3);
    const word = data[byteIndex]! | (data[byteIndex + 1]! << 8) | (data[byteIndex + 2]! << 16);
    const code = (word >>> (bitPos & 7)) & mask;
    bitPos += nBits;

    if (code === CLEAR && blockMode) {
      bitPos = alignToGroup(bitPos, groupStart, nBits);
      groupStart = bitPos;
      nBits = 9;
      mask = (1 << nBits) - 1;
      maxCode = mask;
      free = first;
      prev = -1;
      continue;
    }
    if (prev === -1) {
      if (code > 255) {
        throw new RadomeError('CORRUPT', `compress data: first code ${code} after a reset is not a literal (bit ${bitPos - nBits})`);
      }
      if (outPos + 1 > out.length - COPY_SLACK) [out, view] = grow(out, outPos + 1, maxOutput);
      prevStart = outPos;
      out[outPos++] = code;
      prev = code;
      continue;
    }
    // A full table defines no code `free`, so code === free is only valid below the limit.
    if (code > free || (code === free && free >= maxMaxCode)) {
      throw new RadomeError('CORRUPT', `compress data: code ${code} out of range (next free code ${free}) at bit ${bitPos - nBits}`);
    }

    const here = outPos;
    if (code < 256) {
      if (outPos + 1 > out.length - COPY_SLACK) [out, view] = grow(out, outPos + 1, maxOutput);
      out[outPos++] = code;
    } else {
      // code === free (KwKwK): the previous string plus its own first byte; the forward copy
      // from prevStart produces that byte just before it is needed.
      const from = code === free ? prevStart : start[code]!;
      const len = code === free ? length[prev]! + 1 : length[code]!;
      if (outPos + len > out.length - COPY_SLACK) [out, view] = grow(out, outPos + len, maxOutput);
      if (code === free) {
        for (let k = 0; k < len; k++) out[outPos + k] = out[from + k]!;
      } else {
        // The string lies wholly before outPos, so 8 bytes a step (most strings are that short,
        // and one step has no length-dependent branch); bytes copied past its end are garbage
        // that the next strings overwrite.
        let k = 0;
        do {
          view.setUint32(outPos + k, view.getUint32(from + k));
          view.setUint32(outPos + k + 4, view.getUint32(from + k + 4));
          k += 8;
        } while (k < len);
      }
      outPos += len;
    }

    if (free < maxMaxCode) {
      start[free] = prevStart;
      length[free] = length[prev]! + 1;
      free++;
    }
    prev = code;
    prevStart = here;
  }
  return out.length >= VIEW_FROM ? out.subarray(0, outPos) : out.slice(0, outPos);
}

/** The end of the current group of 8 codes: compress(1) skips the rest of it on a width change. */
function alignToGroup(bitPos: number, groupStart: number, nBits: number): number {
  const groupBits = nBits * 8;
  return groupStart + Math.ceil((bitPos - groupStart) / groupBits) * groupBits;
}

/** Room for `needed` output bytes (at most `max`), plus the copy slack. */
function grow(buf: Uint8Array, needed: number, max: number): [Uint8Array, DataView] {
  if (needed > max) throw exceeded(max, 'compress (.Z) data');
  // Past GROW_TO_CAP, straight to the cap: its pages are mapped only as they are written, while
  // doubling would leave each smaller copy as garbage (twice the cap in memory for a bomb).
  const size = needed > GROW_TO_CAP ? max : Math.max(needed, (buf.length - COPY_SLACK) * 2);
  const next = new Uint8Array(Math.min(size, max) + COPY_SLACK);
  next.set(buf);
  return [next, new DataView(next.buffer)];
}
