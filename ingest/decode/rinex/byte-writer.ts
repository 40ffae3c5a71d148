import { RadomeError } from '../../../core/errors.js';

const SPACE = 32;

/** A growable byte buffer for producing RINEX text without building strings. */
export class ByteWriter {
  buf: Uint8Array;
  length = 0;
  /** Scratch for digits written right to left. */
  private readonly digits = new Uint8Array(24);

  constructor(capacity = 1 << 16) {
    this.buf = new Uint8Array(capacity);
  }

  ensure(extra: number): void {
    const needed = this.length + extra;
    if (needed <= this.buf.length) return;
    const next = new Uint8Array(Math.max(needed, this.buf.length * 2));
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
  }

  byte(b: number): void {
    this.ensure(1);
    this.buf[this.length++] = b;
  }

  copy(src: Uint8Array, start: number, end: number): void {
    this.ensure(end - start);
    this.buf.set(src.subarray(start, end), this.length);
    this.length += end - start;
  }

  spaces(n: number): void {
    this.ensure(n);
    const out = this.buf;
    let p = this.length;
    for (const end = p + n; p < end; p++) out[p] = SPACE;
    this.length = p;
  }

  /** Drops spaces at the end of the buffer back to (not before) `floor`. */
  trimSpaces(floor: number): void {
    while (this.length > floor && this.buf[this.length - 1] === SPACE) this.length--;
  }

  /**
   * Writes the integer `scaled` (the value times 10^decimals) as a right-aligned fixed-point
   * field of `width`, the way CRX2RNX prints it: a zero integer part is left out (".123",
   * "-.123"). Throws CORRUPT when the number does not fit the field.
   */
  fixed(scaled: number, width: number, decimals: number): void {
    const negative = scaled < 0;
    let rest = negative ? -scaled : scaled;
    const d = this.digits;
    let n = 0;
    // Peel 5-digit limbs with one float division each, then split limbs with integer math.
    while (n < decimals || rest > 0) {
      const q = Math.floor(rest / 100000);
      let limb = rest - q * 100000;
      rest = q;
      for (let k = 0; k < 5; k++) {
        const t = (limb / 10) | 0;
        d[n++] = limb - t * 10;
        limb = t;
      }
      if (n > 20) break;
    }
    // Drop leading zeros of the integer part (all of it when it is zero).
    while (n > decimals && d[n - 1] === 0) n--;
    const chars = n + 1 + (negative ? 1 : 0);
    if (chars > width || rest > 0) {
      throw new RadomeError('CORRUPT', `value ${negative ? '-' : ''}${scaled} (x1e-${decimals}) does not fit a ${width}-character RINEX field`);
    }
    this.ensure(width);
    const out = this.buf;
    let p = this.length;
    for (let i = chars; i < width; i++) out[p++] = SPACE;
    if (negative) out[p++] = 45;
    for (let i = n - 1; i >= decimals; i--) out[p++] = 48 + d[i]!;
    out[p++] = 46;
    for (let i = decimals - 1; i >= 0; i--) out[p++] = 48 + d[i]!;
    this.length = p;
  }

  /** The bytes written so far (a view; copy before reusing the writer). */
  view(): Uint8Array {
    return this.buf.subarray(0, this.length);
  }
}
