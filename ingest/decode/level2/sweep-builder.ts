import { RadomeError } from '../../../core/errors.js';
import type { GridPool } from './grid-pool.js';
import { MAX_RADIALS_PER_CUT, type GridBudget } from './limits.js';
import { MOMENTS, type Level2Sweep, type Moment, type MomentGrid } from './types.js';

/** Physical units of each moment. CFP (clutter filter power removed) is in dB as scaled. */
const UNITS: Record<Moment, string> = { REF: 'dBZ', VEL: 'm/s', SW: 'm/s', ZDR: 'dB', PHI: 'degrees', RHO: 'unitless', CFP: 'dB' };

/** How one moment's radials are coded: word size (8 or 16 bits), scale and offset. */
export interface MomentEncoding {
  wordBits: number;
  scale: number;
  offset: number;
}

/**
 * One moment of one cut being filled radial by radial: a growable radial × gate grid of raw
 * codes copied straight from the record bytes (the hot path: no conversion, no object per radial
 * or gate). The cut's first radial fixes the encoding every later radial must share.
 */
export class MomentBuilder {
  gates: number;
  readonly firstGateKm: number;
  readonly gateSpacingKm: number;
  /** Rows written so far (rows before it that lacked this moment stay BELOW_THRESHOLD). */
  rows = 0;
  private cap: number;
  private codes: Uint8Array | Uint16Array;
  /** Bytes this builder has charged to the budget (every allocation: replaced ones may still be lent or viewed). */
  private charged = 0;

  constructor(
    readonly moment: Moment,
    gates: number,
    firstGateKm: number,
    gateSpacingKm: number,
    readonly encoding: MomentEncoding,
    capacity: number,
    /** Where the grid's memory comes from; by default fresh arrays. */
    private readonly grids: GridPool | null = null,
    /** The volume's count of grid bytes, checked before each allocation. */
    private readonly budget: GridBudget | null = null,
  ) {
    this.gates = gates;
    this.firstGateKm = firstGateKm;
    this.gateSpacingKm = gateSpacingKm;
    this.cap = capacity;
    this.codes = this.allocate(capacity * gates);
  }

  /**
   * Copies one radial's codes (`n` big-endian words of `wordBits` at `src[pos]`) into row `row`.
   * Returns null, or why the radial was not written: its row was already written (a repeated
   * block) or it is coded differently from the cut's first radial.
   */
  write(row: number, src: Uint8Array, pos: number, n: number, wordBits: number, scale: number, offset: number): string | null {
    if (row < this.rows) return 'repeated in one radial';
    const e = this.encoding;
    if (wordBits !== e.wordBits || scale !== e.scale || offset !== e.offset) {
      return `coded as ${wordBits}-bit words with scale ${scale} and offset ${offset}, unlike the cut's first radial (${e.wordBits}-bit, ${e.scale}, ${e.offset})`;
    }
    if (n > this.gates) this.widen(n);
    this.reserve(row + 1);
    const o = row * this.gates;
    const codes = this.codes;
    // Pooled memory is not zeroed: rows skipped since the last one written and the tail of a
    // short radial (both rare, so no call is made otherwise) are set to BELOW_THRESHOLD here.
    if (row > this.rows) codes.fill(0, this.rows * this.gates, o);
    if (codes instanceof Uint8Array) codes.set(src.subarray(pos, pos + n), o);
    else for (let g = 0, p = pos; g < n; g++, p += 2) codes[o + g] = (src[p]! << 8) | src[p + 1]!;
    if (n < this.gates) codes.fill(0, o + n, o + this.gates);
    this.rows = row + 1;
    return null;
  }

  /** The grid of the first `radials` rows (rows never written are BELOW_THRESHOLD). */
  grid(radials: number): MomentGrid {
    this.reserve(radials);
    const size = radials * this.gates;
    this.codes.fill(0, this.rows * this.gates, size);
    // Exact-size arrays: a spare tail would travel with the grid (to workers, to the store).
    // An exact one is handed over as is: the next radial reallocates before writing. Pooled
    // memory stays with its thread, so a view of it is enough.
    const codes = size === this.codes.length ? this.codes : this.grids ? this.codes.subarray(0, size) : this.codes.slice(0, size);
    return {
      moment: this.moment,
      units: UNITS[this.moment],
      gateCount: this.gates,
      firstGateKm: this.firstGateKm,
      gateSpacingKm: this.gateSpacingKm,
      codes,
      scale: this.encoding.scale,
      offset: this.encoding.offset,
    };
  }

  /** Gives the grid's memory back to its pool: the builder and its grids are not used after it. */
  release(): void {
    this.grids?.release(this.codes.buffer);
    this.budget?.refund(this.charged);
    this.charged = 0;
  }

  private allocate(n: number): Uint8Array | Uint16Array {
    const bytes = n * (this.encoding.wordBits >> 3);
    this.budget?.charge(bytes);
    this.charged += bytes;
    if (this.grids) return this.encoding.wordBits === 8 ? this.grids.bytes(n) : this.grids.words(n);
    return this.encoding.wordBits === 8 ? new Uint8Array(n) : new Uint16Array(n);
  }

  private reserve(rows: number): void {
    if (rows <= this.cap) return;
    const cap = Math.max(rows, Math.min(Math.ceil(this.cap * 1.5), MAX_RADIALS_PER_CUT));
    const codes = this.allocate(cap * this.gates);
    codes.set(this.codes.subarray(0, this.rows * this.gates));
    this.codes = codes;
    this.cap = cap;
  }

  /** A radial longer than the grid so far: re-lay the rows at the new width, padded with BELOW_THRESHOLD. */
  private widen(gates: number): void {
    const codes = this.allocate(this.cap * gates);
    for (let r = 0; r < this.rows; r++) {
      codes.set(this.codes.subarray(r * this.gates, (r + 1) * this.gates), r * gates);
      codes.fill(0, r * gates + this.gates, (r + 1) * gates);
    }
    this.codes = codes;
    this.gates = gates;
  }
}

/** One elevation cut being assembled: per-radial geometry and time plus one builder per moment. */
export class SweepBuilder {
  count = 0;
  /** An end-of-elevation or end-of-volume radial has arrived. */
  ended = false;
  readonly moments: (MomentBuilder | undefined)[] = new Array(MOMENTS.length).fill(undefined);
  private cap: number;
  private azimuths: Float32Array;
  private elevations: Float32Array;
  private times: Float64Array;

  constructor(
    readonly elevationNumber: number,
    readonly azimuthSpacing: number,
    private readonly grids: GridPool | null = null,
    private readonly budget: GridBudget | null = null,
  ) {
    // A full cut has 360 / spacing radials; a few more are met now and then.
    this.cap = Math.round(360 / azimuthSpacing);
    this.azimuths = new Float32Array(this.cap);
    this.elevations = new Float32Array(this.cap);
    this.times = new Float64Array(this.cap);
  }

  /** Appends a radial and returns its row. */
  addRadial(azimuth: number, elevation: number, time: number): number {
    if (this.count >= MAX_RADIALS_PER_CUT) {
      throw new RadomeError('CORRUPT', `elevation ${this.elevationNumber} has more than ${MAX_RADIALS_PER_CUT} radials (a cut has 360 or 720)`);
    }
    if (this.count === this.cap) this.grow();
    const row = this.count++;
    this.azimuths[row] = azimuth;
    this.elevations[row] = elevation;
    this.times[row] = time;
    return row;
  }

  /**
   * The builder of moment `index` (in MOMENTS order), created at the first radial that has it
   * with that radial's geometry and coding (plain arguments: no object per radial and moment).
   */
  moment(index: number, gates: number, firstGateKm: number, gateSpacingKm: number, wordBits: number, scale: number, offset: number): MomentBuilder {
    return (this.moments[index] ??= new MomentBuilder(MOMENTS[index]!, gates, firstGateKm, gateSpacingKm, { wordBits, scale, offset }, this.cap, this.grids, this.budget));
  }

  /** A snapshot of the cut as it stands. */
  sweep(): Level2Sweep {
    const n = this.count;
    let sum = 0;
    for (let i = 0; i < n; i++) sum += this.elevations[i]!;
    const moments: Partial<Record<Moment, MomentGrid>> = {};
    for (const m of this.moments) if (m) moments[m.moment] = m.grid(n);
    return {
      elevationNumber: this.elevationNumber,
      elevationAngle: n ? sum / n : NaN,
      startTime: n ? this.times[0]! : NaN,
      endTime: n ? this.times[n - 1]! : NaN,
      radialCount: n,
      azimuths: this.azimuths.slice(0, n),
      elevations: this.elevations.slice(0, n),
      times: this.times.slice(0, n),
      azimuthSpacing: this.azimuthSpacing,
      moments,
    };
  }

  /** Gives the moments' grids back to their pool: the cut and its snapshots' grids are not used after it. */
  release(): void {
    for (const m of this.moments) m?.release();
  }

  private grow(): void {
    this.cap = Math.min(Math.ceil(this.cap * 1.5), MAX_RADIALS_PER_CUT);
    const grow = <T extends Float32Array | Float64Array>(a: T, make: (n: number) => T): T => {
      const b = make(this.cap);
      b.set(a);
      return b;
    };
    this.azimuths = grow(this.azimuths, (n) => new Float32Array(n));
    this.elevations = grow(this.elevations, (n) => new Float32Array(n));
    this.times = grow(this.times, (n) => new Float64Array(n));
  }
}
