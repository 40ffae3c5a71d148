import { RadomeError, type RadomeErrorCode } from '../../../core/errors.js';

/** Stateless decoder (no streaming) shared by all readers: far faster than building strings by hand. */
const TEXT = new TextDecoder('latin1');
const SHORT_TEXT = 16;

/**
 * Bounds-checked big-endian reads at explicit offsets. Every read that would leave the buffer
 * throws a RadomeError naming the field, the offset and the buffer's end, so no decoder can read
 * garbage past the data or loop on it. `overrun` says which code such a failure is: TRUNCATED
 * while the file itself may simply be cut short, CORRUPT once the message length has been checked
 * against the file and a block or packet points outside the message.
 */
export class ByteReader {
  readonly bytes: Uint8Array;
  readonly length: number;
  private readonly view: DataView;

  constructor(
    bytes: Uint8Array,
    /** What the offsets are relative to, for messages: "file" or "message". */
    readonly space: string,
    readonly overrun: RadomeErrorCode,
  ) {
    this.bytes = bytes;
    this.length = bytes.length;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  /** Throws unless `length` bytes starting at `offset` lie inside the buffer. */
  need(offset: number, length: number, field: string): void {
    if (offset < 0 || length < 0 || offset + length > this.length) {
      throw new RadomeError(this.overrun, `${field} needs ${length} bytes at ${this.space} offset ${offset}, but the ${this.space} is ${this.length} bytes long`);
    }
  }

  fail(offset: number, message: string): never {
    throw new RadomeError('CORRUPT', `${message} (at ${this.space} offset ${offset})`);
  }

  u8(offset: number, field: string): number {
    this.need(offset, 1, field);
    return this.bytes[offset]!;
  }

  u16(offset: number, field: string): number {
    this.need(offset, 2, field);
    return this.view.getUint16(offset);
  }

  i16(offset: number, field: string): number {
    this.need(offset, 2, field);
    return this.view.getInt16(offset);
  }

  u32(offset: number, field: string): number {
    this.need(offset, 4, field);
    return this.view.getUint32(offset);
  }

  i32(offset: number, field: string): number {
    this.need(offset, 4, field);
    return this.view.getInt32(offset);
  }

  f32(offset: number, field: string): number {
    this.need(offset, 4, field);
    return this.view.getFloat32(offset);
  }

  /** Text (ASCII in practice); NUL bytes, which some tables contain, become spaces so columns stay aligned. */
  text(offset: number, length: number, field: string): string {
    this.need(offset, length, field);
    let s: string;
    if (length <= SHORT_TEXT) {
      // Storm ids and symbol characters: a call into TextDecoder costs more than these few bytes.
      s = '';
      for (let i = offset; i < offset + length; i++) s += String.fromCharCode(this.bytes[i]!);
    } else {
      s = TEXT.decode(this.bytes.subarray(offset, offset + length));
    }
    return s.includes('\0') ? s.replaceAll('\0', ' ') : s;
  }
}
