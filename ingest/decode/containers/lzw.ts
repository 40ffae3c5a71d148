import { RadomeError } from '../../../core/errors.js';

export interface LzwOptions {
  /** Refuse to produce more than this many bytes (decompression bombs). Default 2 GiB. */
  maxOutputBytes?: number;
}

const CLEAR = 256;

/**
 * Decompresses Unix `compress` (.Z) data: LZW with 9..maxBits-bit codes packed LSB first.
 *
 * compress(1) reads codes in groups of 8 (one group = `nBits` bytes); when the code width grows
 * or a CLEAR code arrives, the rest of the current group is padding and is skipped. Real `.Z`
 * files depend on this, so the decoder reproduces it exactly.
 */
export function decompressLzw(input: Uint8Array, options: LzwOptions = {}): Uint8Array {
  const maxOutput = options.maxOutputBytes ?? 2 ** 31;
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

  const prefix = new Uint16Array(maxMaxCode);
  const suffix = new Uint8Array(maxMaxCode);
  const length = new Uint32Array(maxMaxCode);
  for (let i = 0; i < 256; i++) {
    suffix[i] = i;
    length[i] = 1;
  }

  let out: Uint8Array = new Uint8Array(Math.min(Math.max(input.length * 4, 1024), maxOutput));
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
  let maxCode = (1 << nBits) - 1;
  let free = first;
  let prev = -1;
  let firstChar = 0;

  for (;;) {
    if (free > maxCode) {
      bitPos = alignToGroup(bitPos, groupStart, nBits);
      groupStart = bitPos;
      nBits++;
      maxCode = nBits === maxBits ? maxMaxCode : (1 << nBits) - 1;
    }
    if (bitPos + nBits > totalBits) break;

    // Read nBits (<= 16) starting at bitPos: at most 3 bytes.
    const byteIndex = dataStart + (bitPos >>> 3);
    const word = data[byteIndex]! | (data[byteIndex + 1]! << 8) | (data[byteIndex + 2]! << 16);
    const code = (word >>> (bitPos & 7)) & ((1 << nBits) - 1);
    bitPos += nBits;

    if (code === CLEAR && blockMode) {
      bitPos = alignToGroup(bitPos, groupStart, nBits);
      groupStart = bitPos;
      nBits = 9;
      maxCode = (1 << nBits) - 1;
      free = first;
      prev = -1;
      continue;
    }
    if (prev === -1) {
      if (code > 255) {
        throw new RadomeError('CORRUPT', `compress data: first code ${code} after a reset is not a literal (bit ${bitPos - nBits})`);
      }
      if (outPos >= out.length) out = grow(out, outPos + 1, maxOutput);
      out[outPos++] = code;
      prev = code;
      firstChar = code;
      continue;
    }
    // A full table defines no code `free`, so code === free is only valid below the limit.
    if (code > free || (code === free && free >= maxMaxCode)) {
      throw new RadomeError('CORRUPT', `compress data: code ${code} out of range (next free code ${free}) at bit ${bitPos - nBits}`);
    }

    // The string for `code`, or for prev + firstChar(prev) in the code === free (KwKwK) case.
    let c = code;
    let len: number;
    if (code === free) {
      len = length[prev]! + 1;
      c = prev;
    } else {
      len = length[code]!;
    }
    if (outPos + len > out.length) out = grow(out, outPos + len, maxOutput);
    if (code === free) out[outPos + len - 1] = firstChar;
    let p = outPos + length[c]! - 1;
    while (c >= 256) {
      out[p--] = suffix[c]!;
      c = prefix[c]!;
    }
    out[p] = c;
    firstChar = c;
    outPos += len;

    if (free < maxMaxCode) {
      prefix[free] = prev;
      suffix[free] = firstChar;
      length[free] = length[prev]! + 1;
      free++;
    }
    prev = code;
  }
  return out.slice(0, outPos);
}

/** The end of the current group of 8 codes: compress(1) skips the rest of it on a width change. */
function alignToGroup(bitPos: number, groupStart: number, nBits: number): number {
  const groupBits = nBits * 8;
  return groupStart + Math.ceil((bitPos - groupStart) / groupBits) * groupBits;
}

function grow(buf: Uint8Array, needed: number, max: number): Uint8Array {
  if (needed > max) {
    throw new RadomeError('CORRUPT', `compress data expands beyond the ${max}-byte limit`);
  }
  const next = new Uint8Array(Math.min(Math.max(needed, buf.length * 2), max));
  next.set(buf);
  return next;
}
