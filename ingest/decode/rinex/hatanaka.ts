import { RadomeError } from '../../../core/errors.js';
import { ByteWriter } from './byte-writer.js';
import { bytesEqual, latin1 } from './fixed-width.js';
import { LineConsumer } from './line-consumer.js';
import { isSnrCode } from './snr-codes.js';

/**
 * Hatanaka compact RINEX (CRINEX 1.0 for RINEX 2, CRINEX 3.0 for RINEX 3/4) → RINEX observation
 * text, following the CRX2RNX algorithm:
 * - epoch lines are text differences against the previous epoch line (' ' = unchanged,
 *   '&' = becomes a space, any other char replaces); a line starting with '&' (CRX 1) or '>'
 *   (CRX 3) is a new, complete line and re-initialises every satellite;
 * - the clock offset and each observable of each satellite are integers (value × 10^decimals)
 *   sent as the n-th order difference of their series; "k&value" starts a new arc of order k,
 *   and the order ramps up from 0 to k over the arc's first epochs;
 * - LLI/SSI flags are a text difference against the satellite's previous flags;
 * - event epochs (flags 2..5, 6) are passed through with their records.
 * Decoding is strict, as CRX2RNX without -s: broken differences throw CORRUPT, a file that ends
 * inside an epoch throws TRUNCATED.
 */

const PHASE_CRX_VERSION = 0;
const PHASE_CRX_PROGRAM = 1;
const PHASE_RINEX_VERSION = 2;
const PHASE_HEADER = 3;
const PHASE_EPOCH = 4;
const PHASE_CLOCK = 5;
const PHASE_SATELLITE = 6;
const PHASE_EVENT_RECORDS = 7;
const PHASE_AFTER_EVENT = 8;
const PHASE_DONE = 9;

const SPACE = 32;
const AMP = 38;
const NL = 10;
/** Difference orders 0..9 fit the one-digit "k&" marker. */
const ORDER_SLOTS = 10;
/**
 * What the formats allow, which bounds the difference state (satellites × observables ×
 * ORDER_SLOTS numbers, at most 999 × 999 × 10): RINEX 2 codes are a type letter and a band digit
 * (fewer than 50 exist; 99 leaves room), a RINEX 3/4 count is 3 digits, as is a satellite count.
 */
const MAX_TYPES_RINEX2 = 99;
const MAX_TYPES_RINEX3 = 999;
const MAX_SATELLITES = 999;

export type ChunkSink = (chunk: Uint8Array) => void;

/**
 * Takes one satellite's observation record as numbers instead of RINEX text: `values[j]` (j <
 * `count`) is field j's integer as compact RINEX carries it (the value × 1000), NaN when blank;
 * `satId` is the satellite's 3 id bytes (e.g. 'G', '0', '7') packed big-endian. The array is
 * reused: valid only during the call.
 */
export type RecordSink = (satId: number, values: Float64Array, count: number) => void;

/** True when `bytes` start like a compact RINEX file ("CRINEX VERS / TYPE" first line). */
export function isCompactRinex(bytes: Uint8Array): boolean {
  let end = bytes.indexOf(NL);
  if (end < 0) end = Math.min(bytes.length, 160);
  return bytesEqual(bytes, 60, end, 'CRINEX VERS') || bytesEqual(bytes, 20, end, 'COMPACT RINEX FORMAT');
}

/** Decodes a whole compact RINEX file to RINEX bytes. */
export function decodeHatanaka(bytes: Uint8Array): Uint8Array {
  const chunks: Uint8Array[] = [];
  let length = 0;
  const decoder = new HatanakaDecoder((chunk) => {
    chunks.push(chunk.slice());
    length += chunk.length;
  });
  decoder.push(bytes);
  decoder.finish();
  const out = new Uint8Array(length);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/**
 * Streaming decoder: `push` compact RINEX bytes in any chunking, `finish` at the end. RINEX text
 * goes to `sink` in chunks of whole lines (about `flushBytes` each); a chunk is only valid during
 * the call, so a sink that keeps it must copy it.
 */
export class HatanakaDecoder extends LineConsumer {
  private phase = PHASE_CRX_VERSION;
  private crxVersion = 1;
  private rinexVersion = 2;
  private readonly out = new ByteWriter();

  // Positions in the (repaired) epoch line, set from the RINEX version.
  private epTopFrom = AMP;
  private epTopTo = SPACE;
  private eventPos = 28;
  private nsatPos = 29;
  private satListPos = 32;
  private datePos = 3;

  private ntypeRinex2 = 0;
  private readonly ntypeBySystem = new Int16Array(128).fill(-1);

  private line0 = new Uint8Array(1024);
  private line1 = new Uint8Array(1024);
  private prevLineLength = 0;
  private hasEpoch = false;

  private nsat = 0;
  private prevNsat = 0;
  private satIds = new Int32Array(128);
  private prevSatIds = new Int32Array(128);
  private satTypes = new Int16Array(128);
  private prevIndex = new Int32Array(128);
  private satIndex = 0;
  private eventRecordsLeft = 0;

  // Per satellite slot × observable: difference state for this epoch (cur) and the last (prev).
  private typeCapacity = 0;
  private satCapacity = 0;
  private curY = new Float64Array(0);
  private prevY = new Float64Array(0);
  private curOrder = new Int8Array(0);
  private prevOrder = new Int8Array(0);
  private curArc = new Int8Array(0);
  private prevArc = new Int8Array(0);
  private curFlags = new Uint8Array(0);
  private prevFlags = new Uint8Array(0);
  /** The current satellite's fields: integer value × 1000, NaN when blank. */
  private values = new Float64Array(0);
  /**
   * With `snrOnly`: per system letter (index 0 for RINEX 2, whose list serves every system),
   * 1 for each field that is an SNR observable, from the header's observable names.
   */
  private readonly snrFields: (Uint8Array | null)[] = new Array<Uint8Array | null>(128).fill(null);
  private readonly typeNames: string[][] = [];
  private typesSystem = 0;

  private clockOrder = -1;
  private clockArcOrder = 0;
  private readonly clock = new Float64Array(ORDER_SLOTS);
  private readonly prevClock = new Float64Array(ORDER_SLOTS);

  /**
   * With `records`, observation records skip the text: each satellite's decoded fields go to
   * `records` (after the epoch line has gone to `sink`), which saves formatting every observable
   * as text only for a parser to read a few of them back.
   */
  constructor(
    private readonly sink: ChunkSink,
    private readonly flushBytes = 1 << 16,
    private readonly records: RecordSink | null = null,
    /**
     * With `records`: integrate only the SNR fields (S1, S2W, …) and step over the others, whose
     * values then come as NaN — the difference arithmetic of phase and range is most of the
     * decoding, and an SNR reader has no use for it.
     */
    private readonly snrOnly = false,
  ) {
    super();
  }

  finish(): void {
    this.flushLastLine();
    switch (this.phase) {
      case PHASE_CRX_VERSION:
        throw new RadomeError('TRUNCATED', 'compact RINEX input is empty');
      case PHASE_CRX_PROGRAM:
      case PHASE_RINEX_VERSION:
      case PHASE_HEADER:
        throw new RadomeError('TRUNCATED', `compact RINEX header ends at line ${this.lineNo} without END OF HEADER`);
      case PHASE_CLOCK:
      case PHASE_SATELLITE:
      case PHASE_EVENT_RECORDS:
        throw new RadomeError('TRUNCATED', `compact RINEX ends inside an epoch at line ${this.lineNo}`);
    }
    this.flush(true);
  }

  protected line(buf: Uint8Array, s: number, e: number): void {
    switch (this.phase) {
      case PHASE_SATELLITE:
        this.satelliteLine(buf, s, e);
        return;
      case PHASE_CLOCK:
        this.clockLine(buf, s, e);
        return;
      case PHASE_EPOCH:
      case PHASE_AFTER_EVENT:
        this.epochLine(buf, s, e);
        return;
      case PHASE_EVENT_RECORDS:
        this.headerRecord(buf, s, e);
        if (--this.eventRecordsLeft === 0) this.phase = PHASE_AFTER_EVENT;
        return;
      case PHASE_HEADER:
        this.headerRecord(buf, s, e);
        if (bytesEqual(buf, s + 60, e, 'END OF HEADER')) this.endHeader();
        return;
      case PHASE_CRX_VERSION:
        this.crxVersionLine(buf, s, e);
        return;
      case PHASE_CRX_PROGRAM:
        this.phase = PHASE_RINEX_VERSION;
        return;
      case PHASE_RINEX_VERSION:
        this.rinexVersionLine(buf, s, e);
        return;
      default:
        return;
    }
  }

  private crxVersionLine(buf: Uint8Array, s: number, e: number): void {
    if (!bytesEqual(buf, s + 60, e, 'CRINEX VERS')) {
      throw new RadomeError('UNRECOGNIZED', 'not compact RINEX: line 1 lacks "CRINEX VERS / TYPE"');
    }
    if (bytesEqual(buf, s, e, '1.0')) this.crxVersion = 1;
    else if (bytesEqual(buf, s, e, '3.0')) this.crxVersion = 3;
    else {
      throw new RadomeError('UNSUPPORTED', `compact RINEX version "${latin1(buf, s, Math.min(e, s + 9)).trim()}" (1.0 and 3.0 are supported)`);
    }
    this.phase = PHASE_CRX_PROGRAM;
  }

  private rinexVersionLine(buf: Uint8Array, s: number, e: number): void {
    const major = e > s + 5 ? buf[s + 5]! - 48 : -1;
    if (!bytesEqual(buf, s + 60, e, 'RINEX VERSION / TYPE')) {
      throw new RadomeError('CORRUPT', 'compact RINEX line 3 is not "RINEX VERSION / TYPE"');
    }
    if (major < 2 || major > 4) {
      throw new RadomeError('UNSUPPORTED', `compact RINEX wraps RINEX version "${latin1(buf, s, Math.min(e, s + 9)).trim()}" (2, 3, 4 supported)`);
    }
    this.rinexVersion = major;
    if (major >= 3) {
      this.epTopFrom = 62; // '>'
      this.epTopTo = 62;
      this.eventPos = 31;
      this.nsatPos = 32;
      this.satListPos = 41;
      this.datePos = 6;
    }
    this.writeChopped(buf, s, e);
    this.phase = PHASE_HEADER;
  }

  /** Header line (or a header record inside an event): copied, and observable counts noted. */
  private headerRecord(buf: Uint8Array, s: number, e: number): void {
    this.writeChopped(buf, s, e);
    if (bytesEqual(buf, s + 60, e, '# / TYPES OF OBSERV')) {
      if (buf[s + 5] !== SPACE) {
        const n = atoi(buf, s, s + 6);
        if (n < 0 || n > MAX_TYPES_RINEX2)
          throw new RadomeError('CORRUPT', `line ${this.lineNo}: "# / TYPES OF OBSERV" declares ${latin1(buf, s, s + 6).trim()} observable types; RINEX 2 allows at most ${MAX_TYPES_RINEX2}`);
        this.ntypeRinex2 = n;
      }
      if (this.snrOnly) this.noteTypeNames(buf, s, e, 0, buf[s + 5] !== SPACE, 6, 6, 9);
    } else if (bytesEqual(buf, s + 60, e, 'SYS / # / OBS TYPES')) {
      if (buf[s] !== SPACE) {
        const n = atoi(buf, s + 3, s + 6);
        if (n < 0 || n > MAX_TYPES_RINEX3) throw new RadomeError('CORRUPT', `line ${this.lineNo}: bad observable count in SYS / # / OBS TYPES (0 to ${MAX_TYPES_RINEX3})`);
        this.ntypeBySystem[buf[s]! & 127] = n;
        this.typesSystem = buf[s]! & 127;
      }
      if (this.snrOnly) this.noteTypeNames(buf, s, e, this.typesSystem, buf[s] !== SPACE, 7, 4, 13);
    }
  }

  /**
   * Adds the observable names of one header line (`perLine` fields of `width` bytes from column
   * `from`) to system `system`'s list, restarted by a line that opens it, and marks its SNR fields.
   */
  private noteTypeNames(buf: Uint8Array, s: number, e: number, system: number, opens: boolean, from: number, width: number, perLine: number): void {
    if (opens || !this.typeNames[system]) this.typeNames[system] = [];
    const names = this.typeNames[system]!;
    const end = Math.min(e, s + 60);
    for (let k = 0; k < perLine; k++) {
      const name = latin1(buf, Math.min(end, s + from + width * k), Math.min(end, s + from + width * (k + 1))).trim();
      if (name) names.push(name);
    }
    this.snrFields[system] = Uint8Array.from(names, (name) => (isSnrCode(name) ? 1 : 0));
  }

  private endHeader(): void {
    if (this.rinexVersion === 2 && this.ntypeRinex2 <= 0) {
      throw new RadomeError('CORRUPT', 'compact RINEX header has no "# / TYPES OF OBSERV"');
    }
    if (this.rinexVersion >= 3 && !this.ntypeBySystem.some((n) => n >= 0)) {
      throw new RadomeError('CORRUPT', 'compact RINEX header has no "SYS / # / OBS TYPES"');
    }
    this.phase = PHASE_EPOCH;
  }

  private epochLine(buf: Uint8Array, s: number, e: number): void {
    const first = e > s ? buf[s]! : -1;
    if (this.crxVersion === 3 && first === AMP) return; // CRINEX 3 escape line
    if (first === 0x1a) {
      this.phase = PHASE_DONE; // DOS end-of-file mark
      return;
    }
    const init = first === this.epTopFrom;
    if (init) {
      if (e - s <= this.eventPos || !isDigit(buf[s + this.eventPos]!)) {
        throw new RadomeError('CORRUPT', `line ${this.lineNo}: initialised epoch line too short or without an event flag`);
      }
      const flag = buf[s + this.eventPos]!;
      if (flag !== 48 && flag !== 49) {
        this.startEvent(buf, s, e);
        return;
      }
      this.prevLineLength = 0;
    } else if (this.phase === PHASE_AFTER_EVENT) {
      throw new RadomeError('CORRUPT', `line ${this.lineNo}: the epoch after an event record must be initialised`);
    } else if (!this.hasEpoch) {
      throw new RadomeError('CORRUPT', `line ${this.lineNo}: epoch difference before any initialised epoch`);
    }
    const length = this.repairEpochLine(buf, s, e, init);
    const line = this.line1;
    const d = this.datePos;
    if (line[0] !== this.epTopTo || length < 26 + d || line[d + 23] !== SPACE || line[d + 24] !== SPACE || !isDigit(line[d + 25]!)) {
      throw new RadomeError('CORRUPT', `line ${this.lineNo}: reconstructed epoch line "${latin1(line, 0, Math.min(length, 60))}" is not valid`);
    }
    let chopped = length;
    while (chopped > 0 && line[chopped - 1] === SPACE) chopped--;
    // The repaired line becomes the reference for the next difference.
    this.line1 = this.line0;
    this.line0 = line;
    this.prevLineLength = chopped;
    this.hasEpoch = true;
    this.startEpoch(line, chopped, init);
  }

  /** Applies the difference line to the previous epoch line into line1; returns its length. */
  private repairEpochLine(buf: Uint8Array, s: number, e: number, init: boolean): number {
    const diffLength = e - s;
    const oldLength = this.prevLineLength;
    const length = Math.max(diffLength, oldLength);
    if (this.line1.length < length) this.line1 = new Uint8Array(length * 2);
    const line = this.line1;
    line.set(this.line0.subarray(0, oldLength));
    for (let i = 0; i < diffLength; i++) {
      let c = buf[s + i]!;
      if (i === 0 && init) c = this.epTopTo;
      if (i < oldLength) {
        if (c === SPACE) continue;
        line[i] = c === AMP ? SPACE : c;
      } else {
        line[i] = c === AMP ? SPACE : c;
      }
    }
    return length;
  }

  private startEpoch(line: Uint8Array, length: number, init: boolean): void {
    const nsat = atoi(line, this.nsatPos, length);
    if (nsat < 0 || nsat > MAX_SATELLITES) throw new RadomeError('CORRUPT', `line ${this.lineNo}: bad satellite count in epoch line`);
    if (this.satListPos + 3 * nsat > length) {
      throw new RadomeError('CORRUPT', `line ${this.lineNo}: epoch lists fewer than its ${nsat} satellites`);
    }
    this.ensureSatCapacity(nsat);
    let maxTypes = 0;
    for (let i = 0; i < nsat; i++) {
      const p = this.satListPos + 3 * i;
      const id = (line[p]! << 16) | (line[p + 1]! << 8) | line[p + 2]!;
      this.satIds[i] = id;
      const ntype = this.rinexVersion === 2 ? this.ntypeRinex2 : this.ntypeBySystem[line[p]! & 127]!;
      if (ntype < 0) {
        throw new RadomeError('CORRUPT', `line ${this.lineNo}: satellite ${latin1(line, p, p + 3)} of a system without SYS / # / OBS TYPES`);
      }
      this.satTypes[i] = ntype;
      if (ntype > maxTypes) maxTypes = ntype;
      this.prevIndex[i] = init ? -1 : this.findPrevious(id, i);
    }
    this.ensureStateCapacity(nsat, maxTypes);
    this.nsat = nsat;
    this.phase = PHASE_CLOCK;
  }

  private findPrevious(id: number, hint: number): number {
    const prev = this.prevSatIds;
    if (hint < this.prevNsat && prev[hint] === id) return hint;
    for (let j = 0; j < this.prevNsat; j++) if (prev[j] === id) return j;
    return -1;
  }

  private clockLine(buf: Uint8Array, s: number, e: number): void {
    if (e === s) {
      this.clockOrder = -1;
    } else {
      let p = s;
      if (e - s >= 2 && buf[s + 1] === AMP) {
        const order = buf[s]! - 48;
        if (order < 0 || order >= ORDER_SLOTS) throw new RadomeError('CORRUPT', `line ${this.lineNo}: bad clock difference order`);
        this.clockArcOrder = order;
        this.clockOrder = -1;
        p += 2;
      }
      const clock = this.clock;
      const prev = this.prevClock;
      clock[0] = this.readInteger(buf, p, e, 'clock offset');
      if (this.clockOrder < this.clockArcOrder) {
        this.clockOrder++;
        for (let k = 0; k < this.clockOrder; k++) clock[k + 1] = clock[k]! + prev[k]!;
      } else {
        for (let k = 0; k < this.clockOrder; k++) clock[k + 1] = clock[k]! + prev[k + 1]!;
      }
      prev.set(clock);
    }
    this.writeEpochLine();
    // The parser must have the epoch line before the records arrive as numbers.
    if (this.records) this.flush(true);
    if (this.nsat === 0) this.endEpoch();
    else {
      this.satIndex = 0;
      this.phase = PHASE_SATELLITE;
    }
  }

  private writeEpochLine(): void {
    const out = this.out;
    const line = this.line0;
    const length = this.prevLineLength;
    const hasClock = this.clockOrder >= 0;
    if (this.rinexVersion === 2) {
      const head = Math.min(68, length);
      out.copy(line, 0, head);
      if (hasClock) {
        out.spaces(68 - head);
        out.fixed(this.clock[this.clockOrder]!, 12, 9);
      }
      out.byte(NL);
      for (let n = this.nsat - 12, p = 68; n > 0; n -= 12, p += 36) {
        out.spaces(32);
        out.copy(line, p, Math.min(p + 36, length));
        out.byte(NL);
      }
    } else {
      const head = Math.min(41, length);
      const start = out.length;
      out.copy(line, 0, head);
      if (hasClock) {
        out.spaces(41 - head);
        out.fixed(this.clock[this.clockOrder]!, 15, 12);
      } else {
        out.trimSpaces(start);
      }
      out.byte(NL);
    }
  }

  private satelliteLine(buf: Uint8Array, s: number, e: number): void {
    const i = this.satIndex;
    const ntype = this.satTypes[i]!;
    const i0 = this.prevIndex[i]!;
    let read: Uint8Array | null = null;
    if (this.snrOnly) {
      read = this.snrFields[this.rinexVersion === 2 ? 0 : (this.satIds[i]! >>> 16) & 127] ?? null;
      // Names that do not match the count (a header radome misread): every field is integrated.
      if (read && read.length !== ntype) read = null;
    }
    const flagDiffStart = this.integrateFields(buf, s, e, i, i0, ntype, read);
    if (this.records) {
      // Records go out as numbers only: their LLI/SSI flags (a text difference kept for the
      // RINEX text) are never read, so they are not kept either.
      this.records(this.satIds[i]!, this.values, ntype);
    } else {
      this.applyFlagDifference(buf, flagDiffStart, e, i, i0, ntype);
      this.writeRecord(i, ntype);
    }
    if (++this.satIndex === this.nsat) this.endEpoch();
  }

  /**
   * Integrates satellite i's field differences into its state and sets values[j] to the field's
   * integer (value × 1000), NaN when blank. Fields are separated by single spaces; a line may stop
   * early (the rest are blank); returns where the flag difference (after the ntype-th separator)
   * starts. Splitting and digit parsing are one pass over the bytes. Fields that `read` marks 0
   * are stepped over: NaN, no state kept.
   */
  private integrateFields(buf: Uint8Array, s: number, e: number, i: number, i0: number, ntype: number, read: Uint8Array | null): number {
    const typeCap = this.typeCapacity;
    const y = this.curY;
    const y0 = this.prevY;
    const curArc = this.curArc;
    const curOrder = this.curOrder;
    const values = this.values;
    let p = s;
    for (let j = 0; j < ntype; j++) {
      const slot = i * typeCap + j;
      if (p >= e || buf[p] === SPACE) {
        if (p < e) p++;
        curArc[slot] = -1;
        curOrder[slot] = -1;
        values[j] = NaN;
        continue;
      }
      let order: number;
      let arc: number;
      if (read !== null && read[j] === 0) {
        // No history kept. The mask only changes in header records, and every field is
        // initialised again in the epoch after them, so a stepped-over field never resumes.
        p = this.stepOver(buf, p, e);
        curArc[slot] = -1;
        values[j] = NaN;
        continue;
      }
      if (p + 1 < e && buf[p + 1] === AMP) {
        arc = buf[p]! - 48;
        if (arc < 0 || arc >= ORDER_SLOTS) throw new RadomeError('CORRUPT', `line ${this.lineNo}: bad difference order in field ${j + 1}`);
        order = -1;
        p += 2;
      } else {
        if (i0 < 0) {
          throw new RadomeError('CORRUPT', `line ${this.lineNo}: satellite ${this.satName(i)} is new but its field ${j + 1} is not initialised`);
        }
        const prevSlot = i0 * typeCap + j;
        arc = this.prevArc[prevSlot]!;
        if (arc < 0) {
          throw new RadomeError('CORRUPT', `line ${this.lineNo}: field ${j + 1} of ${this.satName(i)} was blank before but is not initialised`);
        }
        order = this.prevOrder[prevSlot]!;
      }
      // The integer up to the next space: optional '-', 1..17 digits.
      const vs = p;
      const negative = p < e && buf[p] === 45;
      if (negative) p++;
      const digitsStart = p;
      let v = 0;
      for (; p < e; p++) {
        const d = buf[p]! - 48;
        if (d < 0 || d > 9) break;
        v = v * 10 + d;
      }
      if (p === digitsStart || p - digitsStart > 17 || (p < e && buf[p] !== SPACE)) this.badDifference(buf, vs, e);
      p++;
      const base = slot * ORDER_SLOTS;
      const base0 = i0 * typeCap * ORDER_SLOTS + j * ORDER_SLOTS;
      y[base] = negative ? -v : v;
      if (order < arc) {
        order++;
        for (let k = 0; k < order; k++) y[base + k + 1] = y[base + k]! + y0[base0 + k]!;
      } else {
        for (let k = 0; k < order; k++) y[base + k + 1] = y[base + k]! + y0[base0 + k + 1]!;
      }
      curArc[slot] = arc;
      curOrder[slot] = order;
      const value = y[base + order]!;
      // RINEX prints it as F14.3 (CRX2RNX leaves out a zero integer part: ".123", "-.123").
      if (value >= 1e13 || value <= -1e12) {
        throw new RadomeError('CORRUPT', `line ${this.lineNo}: value ${value} (x1e-3) of field ${j + 1} does not fit a 14-character RINEX field`);
      }
      values[j] = value;
    }
    return p;
  }

  /** Past a field and its separating space. */
  private stepOver(buf: Uint8Array, p: number, e: number): number {
    while (p < e && buf[p] !== SPACE) p++;
    return p + 1;
  }

  private badDifference(buf: Uint8Array, vs: number, e: number): never {
    let fe = vs;
    while (fe < e && buf[fe] !== SPACE) fe++;
    throw new RadomeError('CORRUPT', `line ${this.lineNo}: bad observation difference "${latin1(buf, vs, fe)}"`);
  }

  /** LLI/SSI flags: a text difference against the satellite's previous flags; blank CRX 1 fields have none. */
  private applyFlagDifference(buf: Uint8Array, from: number, e: number, i: number, i0: number, ntype: number): void {
    const typeCap = this.typeCapacity;
    const flags = this.curFlags;
    const flagBase = i * typeCap * 2;
    const nflags = ntype * 2;
    const prevFlags = this.prevFlags;
    const prevBase = i0 * typeCap * 2;
    for (let k = 0; k < nflags; k++) flags[flagBase + k] = i0 >= 0 ? prevFlags[prevBase + k]! : SPACE;
    for (let k = 0, q = from; k < nflags && q < e; k++, q++) {
      const c = buf[q]!;
      if (c === SPACE) continue;
      flags[flagBase + k] = c === AMP ? SPACE : c;
    }
    if (this.crxVersion === 1) {
      const values = this.values;
      for (let j = 0; j < ntype; j++) if (values[j] !== values[j]) flags[flagBase + 2 * j] = flags[flagBase + 2 * j + 1] = SPACE;
    }
  }

  /** Satellite i's record as RINEX text: F14.3 values with their two flags, 5 per line in RINEX 2. */
  private writeRecord(i: number, ntype: number): void {
    const flags = this.curFlags;
    const flagBase = i * this.typeCapacity * 2;
    const values = this.values;
    const out = this.out;
    let lineStart = out.length;
    if (this.rinexVersion >= 3) {
      const id = this.satIds[i]!;
      out.ensure(3);
      out.buf[out.length++] = id >>> 16;
      out.buf[out.length++] = (id >>> 8) & 255;
      out.buf[out.length++] = id & 255;
    }
    for (let j = 0; j < ntype; j++) {
      const value = values[j]!;
      if (value !== value) out.spaces(14);
      else out.fixed(value, 14, 3);
      out.byte(flags[flagBase + 2 * j]!);
      out.byte(flags[flagBase + 2 * j + 1]!);
      if (j + 1 === ntype || (this.rinexVersion === 2 && (j + 1) % 5 === 0)) {
        out.trimSpaces(lineStart);
        out.byte(NL);
        lineStart = out.length;
      }
    }
    if (ntype === 0) out.byte(NL);
  }

  private endEpoch(): void {
    // This epoch's state becomes the reference for the next.
    [this.curY, this.prevY] = [this.prevY, this.curY];
    [this.curOrder, this.prevOrder] = [this.prevOrder, this.curOrder];
    [this.curArc, this.prevArc] = [this.prevArc, this.curArc];
    [this.curFlags, this.prevFlags] = [this.prevFlags, this.curFlags];
    [this.satIds, this.prevSatIds] = [this.prevSatIds, this.satIds];
    this.prevNsat = this.nsat;
    this.phase = PHASE_EPOCH;
    this.flush(false);
  }

  private startEvent(buf: Uint8Array, s: number, e: number): void {
    const start = this.out.length;
    this.out.byte(this.epTopTo);
    this.out.copy(buf, s + 1, e);
    this.out.trimSpaces(start);
    const length = this.out.length - start;
    this.out.byte(NL);
    const records = length > 29 ? atoi(buf, s + this.eventPos + 1, e) : 0;
    if (records < 0) throw new RadomeError('CORRUPT', `line ${this.lineNo}: bad record count in event epoch`);
    this.eventRecordsLeft = records;
    this.phase = records > 0 ? PHASE_EVENT_RECORDS : PHASE_AFTER_EVENT;
  }

  private readInteger(buf: Uint8Array, s: number, e: number, what: string): number {
    let p = s;
    let negative = false;
    if (p < e && buf[p] === 45) {
      negative = true;
      p++;
    }
    if (p === e || e - p > 17) throw new RadomeError('CORRUPT', `line ${this.lineNo}: bad ${what} "${latin1(buf, s, e)}"`);
    let v = 0;
    for (; p < e; p++) {
      const d = buf[p]! - 48;
      if (d < 0 || d > 9) throw new RadomeError('CORRUPT', `line ${this.lineNo}: bad ${what} "${latin1(buf, s, e)}"`);
      v = v * 10 + d;
    }
    return negative ? -v : v;
  }

  private satName(i: number): string {
    const id = this.satIds[i]!;
    return String.fromCharCode(id >>> 16, (id >>> 8) & 255, id & 255);
  }

  private ensureSatCapacity(nsat: number): void {
    if (nsat <= this.satIds.length) return;
    const size = Math.max(nsat, this.satIds.length * 2);
    const prevIds = this.prevSatIds;
    this.satIds = new Int32Array(size);
    this.prevSatIds = new Int32Array(size);
    this.prevSatIds.set(prevIds);
    this.prevIndex = new Int32Array(size);
    this.satTypes = new Int16Array(size);
  }

  /** Sizes the per-slot state for nsat × ntype; growing keeps the previous epoch's state. */
  private ensureStateCapacity(nsat: number, ntype: number): void {
    if (nsat <= this.satCapacity && ntype <= this.typeCapacity) return;
    const satCap = Math.max(nsat, Math.min(this.satCapacity * 2, MAX_SATELLITES), 16);
    const typeCap = Math.max(ntype, this.typeCapacity);
    const old = { y: this.prevY, order: this.prevOrder, arc: this.prevArc, flags: this.prevFlags, typeCap: this.typeCapacity };
    const slots = satCap * typeCap;
    this.curY = new Float64Array(slots * ORDER_SLOTS);
    this.prevY = new Float64Array(slots * ORDER_SLOTS);
    this.curOrder = new Int8Array(slots);
    this.prevOrder = new Int8Array(slots);
    this.curArc = new Int8Array(slots);
    this.prevArc = new Int8Array(slots);
    this.curFlags = new Uint8Array(slots * 2);
    this.prevFlags = new Uint8Array(slots * 2);
    // Re-lay the previous epoch's slots at the new stride.
    for (let i = 0; i < this.prevNsat; i++) {
      for (let j = 0; j < old.typeCap; j++) {
        const from = i * old.typeCap + j;
        const to = i * typeCap + j;
        this.prevOrder[to] = old.order[from]!;
        this.prevArc[to] = old.arc[from]!;
        this.prevY.set(old.y.subarray(from * ORDER_SLOTS, (from + 1) * ORDER_SLOTS), to * ORDER_SLOTS);
        this.prevFlags[to * 2] = old.flags[from * 2]!;
        this.prevFlags[to * 2 + 1] = old.flags[from * 2 + 1]!;
      }
    }
    this.typeCapacity = typeCap;
    this.satCapacity = satCap;
    this.values = new Float64Array(typeCap);
  }

  private writeChopped(buf: Uint8Array, s: number, e: number): void {
    while (e > s && buf[e - 1] === SPACE) e--;
    this.out.copy(buf, s, e);
    this.out.byte(NL);
  }

  private flush(final: boolean): void {
    if (this.out.length === 0) return;
    if (!final && this.out.length < this.flushBytes) return;
    this.sink(this.out.view());
    this.out.length = 0;
  }
}

/** C atoi: leading spaces, optional sign, digits up to the first non-digit; -1 when none. */
function atoi(buf: Uint8Array, s: number, e: number): number {
  let p = s;
  while (p < e && buf[p] === SPACE) p++;
  let negative = false;
  if (p < e && (buf[p] === 45 || buf[p] === 43)) negative = buf[p++] === 45;
  const start = p;
  let v = 0;
  while (p < e && isDigit(buf[p]!)) v = v * 10 + buf[p++]! - 48;
  if (p === start) return -1;
  return negative ? -v : v;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
