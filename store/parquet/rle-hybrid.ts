/**
 * Parquet's RLE / bit-packed hybrid encoding of `values` (each < 2^bitWidth, bitWidth 1-24), as
 * hyparquet-writer lays it out: a run of 8 or more equal values is one RLE run, anything else goes
 * in groups of 8 bit-packed values (the last group padded with zeros). Written straight into one
 * array, where the library appends byte by byte: a dictionary column's indices are its bulk.
 */
export function rleBitPackedHybrid(values: Uint8Array | Uint32Array, bitWidth: number): Uint8Array {
  if (!(bitWidth >= 1 && bitWidth <= 24)) throw new RangeError(`bit width ${bitWidth} outside 1-24`);
  const n = values.length;
  // Packed groups of 8 (the last padded), plus at most one run header (5 bytes) and value
  // (3 bytes) per 8 values.
  const out = new Uint8Array(Math.ceil(n / 8) * bitWidth + n + 16);
  const valueBytes = (bitWidth + 7) >> 3;
  let at = 0;
  let pendingStart = 0;
  let pendingGroups = 0;
  let i = 0;
  while (i < n) {
    const v = values[i]!;
    let run = 1;
    while (i + run < n && values[i + run] === v) run++;
    if (run >= 8) {
      if (pendingGroups > 0) at = writePacked(out, at, values, pendingStart, pendingGroups, bitWidth);
      pendingGroups = 0;
      at = writeVarint(out, at, run * 2);
      for (let k = 0; k < valueBytes; k++) out[at++] = (v >>> (8 * k)) & 255;
      i += run;
    } else {
      if (pendingGroups === 0) pendingStart = i;
      pendingGroups++;
      i += 8;
    }
  }
  if (pendingGroups > 0) at = writePacked(out, at, values, pendingStart, pendingGroups, bitWidth);
  // A typed array drops writes past its end: a bound that fell short must not pass unseen.
  if (at > out.length) throw new Error(`rleBitPackedHybrid: ${at} bytes overran the ${out.length}-byte bound`);
  return out.subarray(0, at);
}

function writePacked(out: Uint8Array, at: number, values: Uint8Array | Uint32Array, start: number, groups: number, bitWidth: number): number {
  at = writeVarint(out, at, groups * 2 + 1);
  const n = values.length;
  const end = start + groups * 8;
  let buffer = 0;
  let bits = 0;
  for (let k = start; k < end; k++) {
    // bits < 8 here and values < 2^24: the shifted value fits the 32-bit buffer.
    buffer |= (k < n ? values[k]! : 0) << bits;
    bits += bitWidth;
    while (bits >= 8) {
      out[at++] = buffer & 255;
      buffer >>>= 8;
      bits -= 8;
    }
  }
  return at;
}

function writeVarint(out: Uint8Array, at: number, value: number): number {
  while (value > 127) {
    out[at++] = (value & 127) | 128;
    value = Math.floor(value / 128);
  }
  out[at++] = value;
  return at;
}
