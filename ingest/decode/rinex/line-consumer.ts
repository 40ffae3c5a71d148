import { RadomeError } from '../../../core/errors.js';

/**
 * The longest line read, in bytes (line break excluded). RINEX header lines are 80 characters;
 * the longest lines the formats allow are records: a RINEX 3/4 satellite record of 999
 * observables is 3 + 16 × 999 = 15,987 characters, and its compact RINEX line (999 differences
 * of up to 20 characters and a space, then 2 flag characters each) about 23,000. A longer line is
 * not RINEX, and reading it (a 128 MiB line compresses to 130 kB of gzip) would only cost memory.
 */
export const MAX_LINE_BYTES = 32_768;

/**
 * Splits pushed byte chunks into lines (LF or CRLF) without copying them: each complete line is
 * handed to `line(buf, start, end)` as a range of the chunk (`end` excludes the line break).
 * Only a line that spans two chunks is copied, into a carry buffer. The range is valid only
 * during the call. A line over MAX_LINE_BYTES is a CORRUPT error, thrown as soon as that many
 * bytes have come without a line break.
 */
export abstract class LineConsumer {
  /** 1-based number of the line being handled. */
  protected lineNo = 0;
  private carry = new Uint8Array(256);
  private carryLength = 0;

  protected abstract line(buf: Uint8Array, start: number, end: number): void;

  push(chunk: Uint8Array): void {
    let pos = 0;
    const n = chunk.length;
    if (this.carryLength > 0) {
      const nl = chunk.indexOf(10);
      if (nl < 0) {
        this.appendCarry(chunk, 0, n);
        return;
      }
      this.appendCarry(chunk, 0, nl);
      this.emit(this.carry, 0, this.carryLength);
      this.carryLength = 0;
      pos = nl + 1;
    }
    while (pos < n) {
      const nl = chunk.indexOf(10, pos);
      if (nl < 0) {
        this.appendCarry(chunk, pos, n);
        return;
      }
      this.emit(chunk, pos, nl);
      pos = nl + 1;
    }
  }

  /** Hands over a last line that had no line break. */
  protected flushLastLine(): void {
    if (this.carryLength > 0) {
      const length = this.carryLength;
      this.carryLength = 0;
      this.emit(this.carry, 0, length);
    }
  }

  private emit(buf: Uint8Array, start: number, end: number): void {
    if (end > start && buf[end - 1] === 13) end--;
    if (end - start > MAX_LINE_BYTES) this.tooLong();
    this.lineNo++;
    this.line(buf, start, end);
  }

  private tooLong(): never {
    throw new RadomeError('CORRUPT', `line ${this.lineNo + 1} is longer than ${MAX_LINE_BYTES} bytes: not RINEX (header lines are 80 characters, the longest record the format allows about 23,000)`);
  }

  private appendCarry(src: Uint8Array, start: number, end: number): void {
    const needed = this.carryLength + (end - start);
    // +1: the carried line may still end in the CR of a CRLF.
    if (needed > MAX_LINE_BYTES + 1) this.tooLong();
    if (needed > this.carry.length) {
      const next = new Uint8Array(Math.max(needed, this.carry.length * 2));
      next.set(this.carry.subarray(0, this.carryLength));
      this.carry = next;
    }
    this.carry.set(src.subarray(start, end), this.carryLength);
    this.carryLength = needed;
  }
}
