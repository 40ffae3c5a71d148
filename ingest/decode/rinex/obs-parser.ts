import { RadomeError } from '../../../core/errors.js';
import { civilToMs, fullYear } from './civil-time.js';
import { EpochsBuilder, SnrColumnsBuilder } from './columns.js';
import { bytesEqual, isBlank, latin1, MAX_TEXT_BYTES, parseDecimalField, parseIntField } from './fixed-width.js';
import { LineConsumer } from './line-consumer.js';
import { ObsHeaderReader } from './obs-header.js';
import { isSnrCode, rinex3SnrCode } from './snr-codes.js';
import type { RinexObsResult, SnrCodeAlias } from './types.js';
import { WarningLog } from './warning-log.js';

/** Streaming RINEX observation parser: `push` bytes in any chunking, then `finish`. */
export interface RinexObsParser {
  push(bytes: Uint8Array): void;
  /**
   * The next satellite record of the current epoch as decoded numbers instead of text lines (the
   * fused compact-RINEX path: a HatanakaDecoder RecordSink): `values[j]` is observable j × 1000,
   * NaN when blank. Gives the same SNR columns as pushing the record's text.
   */
  decodedRecord(satId: number, values: Float64Array, count: number): void;
  finish(): RinexObsResult;
}

export function createRinexObsParser(): RinexObsParser {
  return new ObsParser();
}

/** Parses a whole RINEX 2.10/2.11, 3.0x or 4.0x observation file (plain text bytes). */
export function parseRinexObs(bytes: Uint8Array): RinexObsResult {
  const parser = new ObsParser();
  parser.push(bytes);
  return parser.finish();
}

const PHASE_BEFORE_HEADER = 0;
const PHASE_HEADER = 1;
const PHASE_EPOCH = 2;
/** RINEX 2: continuation lines of the epoch's satellite list. */
const PHASE_SATELLITE_LIST = 3;
const PHASE_RECORDS = 4;
/** Header records after an event flag 2..5. */
const PHASE_EVENT_RECORDS = 5;
/** Skipping junk until something that is surely an epoch line. */
const PHASE_RESYNC = 6;

const SPACE = 32;
const GT = 62;
/** SNR fields are F14.3 followed by LLI and SSI: 16 columns per observable. */
const FIELD_WIDTH = 14;
const FIELD_STRIDE = 16;
const MAX_SATELLITES = 999;

class ObsParser extends LineConsumer implements RinexObsParser {
  private phase = PHASE_BEFORE_HEADER;
  private readonly warnings = new WarningLog();
  private readonly headerReader = new ObsHeaderReader(this.warnings);
  private major = 0;

  private readonly snr = new SnrColumnsBuilder();
  private readonly epochs = new EpochsBuilder();
  private readonly codes: string[] = [];
  private readonly codeIndexByName = new Map<string, number>();
  private readonly eventFlagCounts = [0, 0, 0, 0, 0, 0, 0];
  private readonly systemsSeen = new Uint8Array(128);
  private leadingBlankLine = 0;

  // RINEX 2 record layout: observables per satellite, lines per satellite, SNR code per field.
  private r2Types = 0;
  private r2LinesPerSat = 1;
  private r2FieldCode = new Int16Array(0);
  // RINEX 3/4 record layout per system char: SNR field columns, code indices and divisors.
  private readonly r3Columns: (Int32Array | null)[] = new Array<Int32Array | null>(128).fill(null);
  private readonly r3Codes: Uint8Array[] = new Array<Uint8Array>(128);
  private readonly r3Divisors: Float64Array[] = new Array<Float64Array>(128);

  // Current epoch.
  private epochTime = 0;
  private recording = false;
  private nsat = 0;
  private listed = 0;
  private satIndex = 0;
  private lineInSat = 0;
  private readonly satSystem = new Uint8Array(MAX_SATELLITES);
  private readonly satPrn = new Uint8Array(MAX_SATELLITES);
  private readonly satIdBytes = new Uint8Array(3);
  private recordsLeft = 0;

  finish(): RinexObsResult {
    this.flushLastLine();
    if (this.phase === PHASE_BEFORE_HEADER) {
      throw new RadomeError('TRUNCATED', 'RINEX input is empty (no header)');
    }
    if (this.phase === PHASE_HEADER) {
      throw new RadomeError('TRUNCATED', `RINEX header ends at line ${this.lineNo} without END OF HEADER`);
    }
    if (this.phase === PHASE_SATELLITE_LIST || this.phase === PHASE_EVENT_RECORDS || (this.phase === PHASE_RECORDS && this.satIndex < this.nsat)) {
      this.warnings.add('TRUNCATED_EPOCH', this.lineNo);
    }
    return {
      header: structuredClone(this.headerReader.header),
      epochs: this.epochs.finish(),
      snr: this.snr.finish(this.codes),
      codeAliases: this.codeAliases(),
      eventFlagCounts: [...this.eventFlagCounts],
      warnings: this.warnings.list(),
    };
  }

  protected line(buf: Uint8Array, s: number, e: number): void {
    switch (this.phase) {
      case PHASE_RECORDS:
        if (this.major === 2) this.rinex2Record(buf, s, e);
        else this.rinex3Record(buf, s, e);
        return;
      case PHASE_EPOCH:
        this.epochLine(buf, s, e);
        return;
      case PHASE_SATELLITE_LIST:
        this.readSatelliteIds(buf, s, e, Math.min(12, this.nsat - this.listed));
        if (this.listed === this.nsat) this.startRecords();
        return;
      case PHASE_EVENT_RECORDS:
        this.headerReader.eventRecord(this.headerText(buf, s, e), this.lineNo);
        if (--this.recordsLeft === 0) this.endEventRecords();
        return;
      case PHASE_RESYNC:
        if (this.major === 2 ? looksLikeRinex2Epoch(buf, s, e) : e > s && buf[s] === GT) {
          this.phase = PHASE_EPOCH;
          this.epochLine(buf, s, e);
        }
        return;
      case PHASE_HEADER:
        if (this.headerReader.line(this.headerText(buf, s, e), this.lineNo)) this.endHeader();
        return;
      case PHASE_BEFORE_HEADER:
        this.firstLine(buf, s, e);
        return;
    }
  }

  private firstLine(buf: Uint8Array, s: number, e: number): void {
    if (isBlank(buf, s, e)) {
      if (this.leadingBlankLine === 0) this.leadingBlankLine = this.lineNo;
      return;
    }
    if (this.leadingBlankLine > 0) this.warnings.add('LEADING_BLANK_LINES', this.leadingBlankLine);
    if (bytesEqual(buf, s + 60, e, 'CRINEX VERS')) {
      throw new RadomeError('UNSUPPORTED', 'input is Hatanaka compact RINEX: decode it first (decodeHatanaka, or readRinex)');
    }
    if (!bytesEqual(buf, s + 60, e, 'RINEX VERSION / TYPE')) {
      throw new RadomeError('UNRECOGNIZED', `not RINEX: line ${this.lineNo} is not "RINEX VERSION / TYPE"`);
    }
    this.headerReader.line(this.headerText(buf, s, e), this.lineNo);
    const h = this.headerReader.header;
    this.major = Math.floor(h.version);
    if (!(this.major >= 2 && this.major <= 4)) {
      throw new RadomeError('UNSUPPORTED', `RINEX version "${latin1(buf, s, s + 9).trim()}" (2.x, 3.x and 4.x are read)`);
    }
    if (h.fileType !== 'O') {
      throw new RadomeError('UNSUPPORTED', `RINEX file type "${h.fileType}": only observation files (O) are read`);
    }
    this.phase = PHASE_HEADER;
  }

  /** A header line as text; CORRUPT naming the line when it is far longer than RINEX's 80 characters. */
  private headerText(buf: Uint8Array, s: number, e: number): string {
    if (e - s > MAX_TEXT_BYTES) {
      throw new RadomeError('CORRUPT', `header line ${this.lineNo} is ${e - s} bytes long; RINEX header lines are 80 characters (radome reads up to ${MAX_TEXT_BYTES})`);
    }
    return latin1(buf, s, e);
  }

  private endHeader(): void {
    this.headerReader.commitLayout(this.lineNo);
    const h = this.headerReader.header;
    if (this.major === 2 ? h.obsTypesRinex2.length === 0 : Object.keys(h.obsTypes).length === 0) {
      throw new RadomeError('CORRUPT', `RINEX ${h.version} header lists no observable types`);
    }
    this.buildLayouts();
    this.phase = PHASE_EPOCH;
  }

  private endEventRecords(): void {
    if (this.headerReader.commitLayout(this.lineNo)) this.buildLayouts();
    this.phase = PHASE_EPOCH;
  }

  private buildLayouts(): void {
    const h = this.headerReader.header;
    if (this.major === 2) {
      const types = h.obsTypesRinex2;
      this.r2Types = types.length;
      this.r2LinesPerSat = Math.max(1, Math.ceil(types.length / 5));
      this.r2FieldCode = Int16Array.from(types, (t) => (isSnrCode(t) ? this.codeIndex(t) : -1));
      return;
    }
    this.r3Columns.fill(null);
    for (const [system, types] of Object.entries(h.obsTypes)) {
      const snr = types.map((t, j) => ({ t, j })).filter(({ t }) => isSnrCode(t));
      const sys = system.charCodeAt(0) & 127;
      this.r3Columns[sys] = Int32Array.from(snr, ({ j }) => 3 + FIELD_STRIDE * j);
      this.r3Codes[sys] = Uint8Array.from(snr, ({ t }) => this.codeIndex(t));
      this.r3Divisors[sys] = Float64Array.from(snr, ({ t }) => this.headerReader.scaleFor(system, t));
    }
  }

  private codeIndex(code: string): number {
    let i = this.codeIndexByName.get(code);
    if (i === undefined) {
      i = this.codes.length;
      if (i > 255) throw new RadomeError('UNSUPPORTED', 'more than 256 distinct SNR observable codes');
      this.codes.push(code);
      this.codeIndexByName.set(code, i);
    }
    return i;
  }

  private epochLine(buf: Uint8Array, s: number, e: number): void {
    if (isBlank(buf, s, e)) {
      this.warnings.add('BLANK_LINE', this.lineNo);
      return;
    }
    if (this.major === 2) this.rinex2Epoch(buf, s, e);
    else this.rinex3Epoch(buf, s, e);
  }

  private badEpochLine(): void {
    this.warnings.add('BAD_EPOCH_LINE', this.lineNo);
    this.phase = PHASE_RESYNC;
  }

  /** Handles event flags 2..5 (header records follow); returns false for 0, 1, 6. */
  private eventRecords(flag: number, count: number): boolean {
    if (flag < 2 || flag > 5) return false;
    this.eventFlagCounts[flag]!++;
    this.recordsLeft = count;
    if (count > 0) this.phase = PHASE_EVENT_RECORDS;
    else this.endEventRecords();
    return true;
  }

  private rinex2Epoch(buf: Uint8Array, s: number, e: number): void {
    const flag = e - s > 28 ? buf[s + 28]! - 48 : -1;
    if (flag < 0 || flag > 6) return this.badEpochLine();
    let nsat = parseIntField(buf, s + 29, Math.min(s + 32, e));
    if (Number.isNaN(nsat)) {
      if (flag < 2 || flag > 5) return this.badEpochLine();
      nsat = 0;
    }
    if (nsat < 0 || nsat > MAX_SATELLITES) return this.badEpochLine();
    if (this.eventRecords(flag, nsat)) return;
    if (buf[s] !== SPACE || buf[s + 3] !== SPACE || buf[s + 6] !== SPACE || buf[s + 9] !== SPACE || buf[s + 12] !== SPACE) {
      return this.badEpochLine();
    }
    this.startEpoch(flag, nsat, epochTime(buf, fullYear(parseIntField(buf, s + 1, s + 3)), s + 3));
    this.listed = 0;
    this.readSatelliteIds(buf, s, e, Math.min(12, nsat));
    if (this.listed < nsat) this.phase = PHASE_SATELLITE_LIST;
    else this.startRecords();
  }

  private rinex3Epoch(buf: Uint8Array, s: number, e: number): void {
    if (buf[s] !== GT || e - s < 32) return this.badEpochLine();
    const flag = buf[s + 31]! - 48;
    if (flag < 0 || flag > 6) return this.badEpochLine();
    const nsat = parseIntField(buf, s + 32, Math.min(s + 35, e));
    if (Number.isNaN(nsat) || nsat < 0 || nsat > MAX_SATELLITES) return this.badEpochLine();
    if (this.eventRecords(flag, nsat)) return;
    this.startEpoch(flag, nsat, epochTime(buf, parseIntField(buf, s + 2, s + 6), s + 6));
    this.startRecords();
  }

  /** Common to both versions for flags 0, 1 (observations) and 6 (cycle slips, skipped). */
  private startEpoch(flag: number, nsat: number, time: number): void {
    this.eventFlagCounts[flag]!++;
    this.nsat = nsat;
    this.recording = false;
    if (flag === 6) return;
    if (Number.isNaN(time)) {
      this.warnings.add('BAD_EPOCH_TIME', this.lineNo);
      return;
    }
    this.recording = true;
    this.epochTime = time;
    this.epochs.add(time, flag, nsat);
  }

  private startRecords(): void {
    this.satIndex = 0;
    this.lineInSat = 0;
    this.phase = this.nsat > 0 ? PHASE_RECORDS : PHASE_EPOCH;
  }

  /**
   * RINEX 2 satellite ids (12 per line from column 33); a blank system letter means GPS. A bad id
   * (see isSatelliteId) skips the satellite's records, counted as BAD_SATELLITE_ID.
   */
  private readSatelliteIds(buf: Uint8Array, s: number, e: number, count: number): void {
    for (let k = 0; k < count; k++) {
      const p = s + 32 + 3 * k;
      const i = this.listed++;
      const prn = p + 3 <= e ? parseIntField(buf, p + 1, p + 3) : NaN;
      const system = buf[p] === SPACE ? 71 : buf[p]!;
      if (!isSatelliteId(system, prn)) {
        if (this.recording) this.warnings.add('BAD_SATELLITE_ID', this.lineNo);
        this.satSystem[i] = 0;
      } else {
        this.satSystem[i] = system;
        this.satPrn[i] = prn;
      }
    }
  }

  private rinex2Record(buf: Uint8Array, s: number, e: number): void {
    if (looksLikeRinex2Epoch(buf, s, e)) {
      this.warnings.add('SHORT_EPOCH', this.lineNo);
      this.phase = PHASE_EPOCH;
      this.rinex2Epoch(buf, s, e);
      return;
    }
    const i = this.satIndex;
    const system = this.satSystem[i]!;
    if (this.recording && system !== 0) {
      const first = this.lineInSat * 5;
      const last = Math.min(first + 5, this.r2Types);
      const codes = this.r2FieldCode;
      for (let j = first; j < last; j++) {
        const code = codes[j]!;
        if (code < 0) continue;
        const start = s + (j - first) * FIELD_STRIDE;
        if (start >= e) break;
        this.addValue(buf, start, Math.min(start + FIELD_WIDTH, e), system, this.satPrn[i]!, code, 1);
      }
    }
    if (++this.lineInSat === this.r2LinesPerSat) {
      this.lineInSat = 0;
      if (++this.satIndex === this.nsat) this.phase = PHASE_EPOCH;
    }
  }

  decodedRecord(satId: number, values: Float64Array, count: number): void {
    // Records of an epoch line the parser did not accept are skipped, as their text would be.
    if (this.phase !== PHASE_RECORDS) return;
    const i = this.satIndex;
    if (++this.satIndex === this.nsat) this.phase = PHASE_EPOCH;
    if (!this.recording) return;
    if (this.major === 2) {
      const system = this.satSystem[i]!;
      if (system === 0) return;
      const codes = this.r2FieldCode;
      const n = Math.min(count, this.r2Types);
      for (let j = 0; j < n; j++) {
        const code = codes[j]!;
        const v = values[j]!;
        // + 0: a "-0" difference prints as ".000", which reads back as +0.
        if (code >= 0 && v === v) this.addSnr(system, this.satPrn[i]!, code, v / 1000 + 0);
      }
      return;
    }
    const id = this.satIdBytes;
    id[0] = satId >>> 16;
    id[1] = (satId >>> 8) & 255;
    id[2] = satId & 255;
    const system = id[0]!;
    const prn = parseIntField(id, 1, 3);
    const columns = this.snrColumnsOf(system, prn);
    if (!columns) return;
    const codes = this.r3Codes[system]!;
    const divisors = this.r3Divisors[system]!;
    for (let k = 0; k < columns.length; k++) {
      const j = (columns[k]! - 3) / FIELD_STRIDE;
      if (j >= count) break;
      const v = values[j]!;
      if (v !== v) continue;
      const value = v / 1000 + 0;
      this.addSnr(system, prn, codes[k]!, divisors[k] === 1 ? value : value / divisors[k]!);
    }
  }

  /** The SNR columns of a RINEX 3 satellite's record, or null (counted as a warning) for a bad id. */
  private snrColumnsOf(system: number, prn: number): Int32Array | null {
    if (!isSatelliteId(system, prn)) {
      this.warnings.add('BAD_SATELLITE_ID', this.lineNo);
      return null;
    }
    const columns = this.r3Columns[system];
    if (!columns) this.warnings.add('UNKNOWN_SYSTEM', this.lineNo);
    return columns ?? null;
  }

  private rinex3Record(buf: Uint8Array, s: number, e: number): void {
    if (e > s && buf[s] === GT) {
      this.warnings.add('SHORT_EPOCH', this.lineNo);
      this.phase = PHASE_EPOCH;
      this.rinex3Epoch(buf, s, e);
      return;
    }
    if (++this.satIndex === this.nsat) this.phase = PHASE_EPOCH;
    if (!this.recording) return;
    const system = e - s >= 3 ? buf[s]! : 0;
    const prn = e - s >= 3 ? parseIntField(buf, s + 1, s + 3) : NaN;
    const columns = this.snrColumnsOf(system, prn);
    if (!columns) return;
    const codes = this.r3Codes[system]!;
    const divisors = this.r3Divisors[system]!;
    for (let k = 0; k < columns.length; k++) {
      const start = s + columns[k]!;
      if (start >= e) break;
      this.addValue(buf, start, Math.min(start + FIELD_WIDTH, e), system, prn, codes[k]!, divisors[k]!);
    }
  }

  private addValue(buf: Uint8Array, start: number, end: number, system: number, prn: number, code: number, divisor: number): void {
    const value = parseDecimalField(buf, start, end);
    if (Number.isNaN(value)) {
      if (!isBlank(buf, start, end)) this.warnings.add('BAD_OBS_VALUE', this.lineNo);
      return;
    }
    this.addSnr(system, prn, code, divisor === 1 ? value : value / divisor);
  }

  private addSnr(system: number, prn: number, code: number, value: number): void {
    this.systemsSeen[system] = 1;
    this.snr.add(this.epochTime, system, prn, code, value);
  }

  private codeAliases(): SnrCodeAlias[] {
    if (this.major !== 2) return [];
    const aliases: SnrCodeAlias[] = [];
    for (let c = 65; c <= 90; c++) {
      if (!this.systemsSeen[c]) continue;
      const system = String.fromCharCode(c);
      for (const code of this.codes) {
        const rinex3 = rinex3SnrCode(system, code);
        if (rinex3) aliases.push({ system, code, rinex3 });
      }
    }
    return aliases;
  }
}

/**
 * An epoch line's time: RINEX 2 and 3 lines differ before the year's end `at` (two digits or four);
 * month, day, hour, minute (I3 each) and seconds (F11.7) follow it at the same offsets in both.
 */
function epochTime(buf: Uint8Array, year: number, at: number): number {
  return civilToMs(
    year,
    parseIntField(buf, at + 1, at + 3),
    parseIntField(buf, at + 4, at + 6),
    parseIntField(buf, at + 7, at + 9),
    parseIntField(buf, at + 10, at + 12),
    parseDecimalField(buf, at + 12, at + 23),
  );
}

/**
 * A system letter A-Z and a PRN 01-99: RINEX numbers satellites from 1, so PRN 0 ("G00") is no
 * satellite (and satellite key constellation × 100 + 0 is the constellation total of the rollups).
 */
function isSatelliteId(system: number, prn: number): boolean {
  return system >= 65 && system <= 90 && prn >= 1 && prn <= 99;
}

/**
 * A RINEX 2 epoch line for sure: blanks between the date fields, the decimal point of the
 * seconds in column 19 and a digit flag in column 29. Observation records never match, since
 * their decimal points sit in columns 11, 27, 43, ...
 */
function looksLikeRinex2Epoch(buf: Uint8Array, s: number, e: number): boolean {
  if (e - s < 29) return false;
  const flag = buf[s + 28]!;
  return (
    buf[s + 18] === 46 &&
    flag >= 48 &&
    flag <= 54 &&
    buf[s] === SPACE &&
    buf[s + 3] === SPACE &&
    buf[s + 6] === SPACE &&
    buf[s + 9] === SPACE &&
    buf[s + 12] === SPACE &&
    buf[s + 2]! >= 48 &&
    buf[s + 2]! <= 57
  );
}
