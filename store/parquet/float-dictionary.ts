/**
 * The distinct values of a Float32Array (by their bits: -0 and +0, and each NaN pattern, are
 * distinct, as a Parquet reader would restore them) and each value's place among them, or null
 * when there are more than `maxSize`. An open-addressing table over the 32-bit patterns: no Map,
 * no boxing, one pass.
 */
export function float32Dictionary(values: Float32Array, maxSize: number): { values: Float32Array; indices: Uint32Array } | null {
  const bits = new Uint32Array(values.buffer, values.byteOffset, values.length);
  let slotBits = 6;
  while (1 << slotBits < maxSize * 2) slotBits++;
  const mask = (1 << slotBits) - 1;
  // Slot → 1 + the value's index (0: empty).
  const table = new Int32Array(1 << slotBits);
  const distinct = new Uint32Array(maxSize);
  const indices = new Uint32Array(values.length);
  let size = 0;
  for (let i = 0; i < bits.length; i++) {
    const v = bits[i]!;
    // Fibonacci hashing: the product's top bits (round values have all-zero low mantissa bits).
    let h = Math.imul(v, 0x9e3779b1) >>> (32 - slotBits);
    for (;;) {
      const slot = h & mask;
      const entry = table[slot]!;
      if (entry === 0) {
        if (size === maxSize) return null;
        distinct[size] = v;
        table[slot] = ++size;
        indices[i] = size - 1;
        break;
      }
      if (distinct[entry - 1] === v) {
        indices[i] = entry - 1;
        break;
      }
      h++;
    }
  }
  return { values: new Float32Array(distinct.buffer, 0, size), indices };
}
