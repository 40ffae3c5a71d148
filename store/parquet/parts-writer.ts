import { ByteWriter } from './hyparquet-writer-parts.js';

/** Byte arrays at least this long are kept as parts of their own; shorter ones are copied (each part costs a store a write call). */
const PART_BYTES = 1 << 16;

/**
 * A ByteWriter whose output is a list of parts: large byte arrays appended are kept by reference
 * as parts of their own instead of being copied into its buffer (a station-day's geometry column
 * is a megabyte), so their caller must leave them unchanged. `offset` counts every byte, so the
 * file offsets written through it (column chunks, the footer's length) are the joined file's.
 */
export class PartsWriter extends ByteWriter {
  private readonly parts: Uint8Array[] = [];
  /** Where the buffer's bytes not yet in `parts` begin. */
  private pending = 0;

  override appendBytes(bytes: Uint8Array): void {
    if (bytes.byteLength < PART_BYTES) return super.appendBytes(bytes);
    this.flushPending();
    this.parts.push(bytes);
    this.offset += bytes.byteLength;
  }

  /** The bytes written, in order. */
  getParts(): Uint8Array[] {
    this.flushPending();
    return this.parts;
  }

  /** The buffer's bytes since the last part become a part (a view: later bytes go after them, and a grown buffer leaves the view on the old one). */
  private flushPending(): void {
    if (this.index > this.pending) this.parts.push(new Uint8Array(this.buffer, this.pending, this.index - this.pending));
    this.pending = this.index;
  }
}
