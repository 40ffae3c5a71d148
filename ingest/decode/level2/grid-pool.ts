/** Room rounded up to this, so grids of slightly different sizes reuse the same buffers. */
const GRAIN = 64 << 10;

/**
 * Memory for moment grids that a thread decoding volume after volume reuses: grids are lent
 * while a volume is decoded and used, and all given back at once (releaseAll) when the caller is
 * done with it. Fresh memory for every volume (~50 MB of gate codes) costs page faults, zeroing,
 * unmapping and garbage collections, and worker threads of one process contend on all of them.
 */
export class GridPool {
  private free: ArrayBuffer[] = [];
  private lent: ArrayBuffer[] = [];

  /** `keepBytes`: free memory kept past releaseAll (the rest is left to the garbage collector). */
  constructor(private readonly keepBytes = 256 << 20) {}

  /**
   * A grid of `n` bytes holding whatever an earlier volume left there: the caller writes every
   * element it hands on (zeroing a volume's grids up front was ~50 MB of memset per volume, and
   * with two threads decoding, memory bandwidth both of them wait on).
   */
  bytes(n: number): Uint8Array {
    return new Uint8Array(this.take(n), 0, n);
  }

  /** A grid of `n` 16-bit words, not zeroed (as bytes()). */
  words(n: number): Uint16Array {
    return new Uint16Array(this.take(2 * n), 0, n);
  }

  /**
   * Takes back one lent grid's memory (`grid.buffer`) before the rest: a volume planned cut by
   * cut gives each cut's grids back once it is rendered, for the next cuts to reuse.
   */
  release(buffer: ArrayBufferLike): void {
    const i = this.lent.indexOf(buffer as ArrayBuffer);
    if (i < 0) return;
    this.lent.splice(i, 1);
    let at = 0;
    while (at < this.free.length && this.free[at]!.byteLength < buffer.byteLength) at++;
    this.free.splice(at, 0, buffer as ArrayBuffer);
  }

  /** Takes back every grid lent since the last call: none of them may be used after it. */
  releaseAll(): void {
    // Plain loops, no callbacks made per call: V8 kept dropping such callbacks' optimised code on
    // the pool threads and compiling them again (see RowPainter in ingest/render/render-overlay.ts).
    const all = this.free.concat(this.lent).sort(byByteLength);
    let kept = 0;
    this.free = [];
    for (const b of all) {
      kept += b.byteLength;
      if (kept > this.keepBytes) break;
      this.free.push(b);
    }
    this.lent = [];
  }

  /** Bytes lent and free, for tests and metrics. */
  get size(): number {
    let bytes = 0;
    for (const b of this.free) bytes += b.byteLength;
    for (const b of this.lent) bytes += b.byteLength;
    return bytes;
  }

  /** The smallest free buffer that holds `byteLength` (the free list is sorted), else a new one. */
  private take(byteLength: number): ArrayBuffer {
    let i = 0;
    while (i < this.free.length && this.free[i]!.byteLength < byteLength) i++;
    const buffer = i < this.free.length ? this.free.splice(i, 1)[0]! : new ArrayBuffer(Math.ceil(Math.max(byteLength, 1) / GRAIN) * GRAIN);
    this.lent.push(buffer);
    return buffer;
  }
}

function byByteLength(a: ArrayBuffer, b: ArrayBuffer): number {
  return a.byteLength - b.byteLength;
}
