import { RadomeError } from '../../../core/errors.js';
import { civilToMs } from './civil-time.js';
import { ecefToGeodetic } from './geodetic.js';
import type { RinexObsHeader } from './types.js';
import type { WarningLog } from './warning-log.js';

/** Time system a RINEX file uses when TIME OF FIRST OBS does not say (RINEX 2.11 / 3.x rules). */
const DEFAULT_TIME_SYSTEM: Record<string, string> = { G: 'GPS', R: 'GLO', E: 'GAL', C: 'BDT', J: 'QZS', I: 'IRN', S: 'GPS', M: 'GPS' };

/**
 * The most observable types a list may hold. RINEX 2 codes are two characters, a type letter
 * (C L D S P) and a band digit: fewer than 50 exist, and 99 leaves room for writers' own. A RINEX
 * 3/4 count is a 3-digit field (I3), so 999.
 */
const MAX_TYPES_RINEX2 = 99;
const MAX_TYPES_RINEX3 = 999;
/** A file gives one record per system and factor (1, 10, 100, 1000); events may add some. */
const MAX_SCALE_FACTORS = 1000;

interface PendingTypes {
  system: string;
  declared: number;
  labels: string[];
}

interface ScaleFactor {
  system: string;
  factor: number;
  /** Codes the factor applies to; empty = all of the system's codes. */
  codes: string[];
}

/**
 * Reads RINEX observation header lines (and header records that appear inside the body after
 * event flags 2..5). Header lines are few, so this works on strings.
 */
export class ObsHeaderReader {
  readonly header: RinexObsHeader = {
    version: 0,
    fileType: '',
    satSystem: 'G',
    program: null,
    markerName: null,
    markerNumber: null,
    receiver: null,
    antenna: null,
    approxPositionXyz: null,
    approxPosition: null,
    antennaDeltaHen: null,
    interval: null,
    timeOfFirstObs: null,
    timeOfLastObs: null,
    timeSystem: 'GPS',
    leapSeconds: null,
    obsTypes: {},
    obsTypesRinex2: [],
    signalStrengthUnit: null,
    glonassSlots: {},
  };
  private timeSystemGiven = false;
  private pending: PendingTypes[] = [];
  private scaleFactors: ScaleFactor[] = [];
  private layoutChanged = false;

  constructor(private readonly warnings: WarningLog) {}

  /** Handles one header line; returns true for END OF HEADER. */
  line(text: string, lineNo: number): boolean {
    const label = text.slice(60).trim();
    const body = text.slice(0, 60);
    if (label.startsWith('END OF HEADER')) return true;
    if (!this.layoutRecord(label, body, lineNo)) this.descriptionRecord(label, body, lineNo);
    return false;
  }

  /**
   * A header record inside the body (event flags 2..5). Only records that change how the
   * records are read (observable lists, scale factors) are applied: `header` keeps describing
   * the file header, even when a flag-3 event announces a new site.
   */
  eventRecord(text: string, lineNo: number): void {
    this.layoutRecord(text.slice(60).trim(), text.slice(0, 60), lineNo);
  }

  private descriptionRecord(label: string, body: string, lineNo: number): void {
    if (label.startsWith('RINEX VERSION / TYPE')) {
      this.header.version = Number(body.slice(0, 9));
      this.header.fileType = body.charAt(20).toUpperCase();
      this.header.satSystem = body.charAt(40).trim().toUpperCase() || 'G';
      if (!this.timeSystemGiven) this.header.timeSystem = DEFAULT_TIME_SYSTEM[this.header.satSystem] ?? 'GPS';
    } else if (label.startsWith('PGM / RUN BY / DATE')) {
      this.header.program = body.slice(0, 20).trim() || null;
    } else if (label.startsWith('MARKER NAME')) {
      this.header.markerName = body.trim() || null;
    } else if (label.startsWith('MARKER NUMBER')) {
      this.header.markerNumber = body.slice(0, 20).trim() || null;
    } else if (label.startsWith('REC # / TYPE / VERS')) {
      this.header.receiver = { number: body.slice(0, 20).trim(), type: body.slice(20, 40).trim(), version: body.slice(40, 60).trim() };
    } else if (label.startsWith('ANT # / TYPE')) {
      this.header.antenna = { number: body.slice(0, 20).trim(), type: body.slice(20, 40).trim() };
    } else if (label.startsWith('APPROX POSITION XYZ')) {
      const xyz = this.triple(body, 14, lineNo);
      if (xyz?.some((v) => v !== 0)) {
        this.header.approxPositionXyz = xyz;
        this.header.approxPosition = ecefToGeodetic(xyz[0], xyz[1], xyz[2]);
      }
    } else if (label.startsWith('ANTENNA: DELTA H/E/N')) {
      this.header.antennaDeltaHen = this.triple(body, 14, lineNo);
    } else if (label.startsWith('INTERVAL')) {
      this.header.interval = this.number(body.slice(0, 10), lineNo);
    } else if (label.startsWith('TIME OF FIRST OBS')) {
      this.header.timeOfFirstObs = this.time(body, lineNo);
      // The time system is the word after the six numbers; writers misplace its columns.
      const system = /[A-Z]{3}/.exec(body.slice(43))?.[0];
      if (system) {
        this.header.timeSystem = system;
        this.timeSystemGiven = true;
      }
    } else if (label.startsWith('TIME OF LAST OBS')) {
      this.header.timeOfLastObs = this.time(body, lineNo);
    } else if (label.startsWith('LEAP SECONDS')) {
      this.header.leapSeconds = this.number(body.slice(0, 6), lineNo);
    } else if (label.startsWith('SIGNAL STRENGTH UNIT')) {
      this.header.signalStrengthUnit = body.slice(0, 20).trim() || null;
    } else if (label.startsWith('GLONASS SLOT / FRQ #')) {
      for (let k = 0; k < 8; k++) {
        const sat = body.slice(4 + 7 * k, 7 + 7 * k);
        const m = /^R([ \d]\d)$/.exec(sat);
        const channel = Number(body.slice(8 + 7 * k, 11 + 7 * k));
        if (m && body.slice(8 + 7 * k, 11 + 7 * k).trim() && Number.isInteger(channel)) {
          this.header.glonassSlots[Number(m[1])] = channel;
        }
      }
    }
  }

  /** Observable lists and scale factors; returns whether `label` was one of them. */
  private layoutRecord(label: string, body: string, lineNo: number): boolean {
    if (label.startsWith('# / TYPES OF OBSERV')) {
      const count = body.slice(0, 6).trim();
      if (count || this.pending.length === 0) this.pending.push({ system: '', declared: this.typeCount(count, MAX_TYPES_RINEX2, '# / TYPES OF OBSERV', lineNo), labels: [] });
      this.addLabels(words(body.slice(6)), MAX_TYPES_RINEX2, lineNo);
    } else if (label.startsWith('SYS / # / OBS TYPES')) {
      const system = body.charAt(0).trim();
      if (system || this.pending.length === 0) {
        this.pending.push({ system: system || 'G', declared: this.typeCount(body.slice(3, 6).trim(), MAX_TYPES_RINEX3, 'SYS / # / OBS TYPES', lineNo), labels: [] });
      }
      this.addLabels(words(body.slice(7)), MAX_TYPES_RINEX3, lineNo);
    } else if (label.startsWith('SYS / SCALE FACTOR')) {
      const system = body.charAt(0).trim();
      if (system) {
        const factor = Number(body.slice(2, 6).trim());
        if (!(factor > 0)) this.warnings.add('BAD_HEADER_FIELD', lineNo);
        else {
          // Each record is looked through for every observable: their number stays what files use.
          if (this.scaleFactors.length >= MAX_SCALE_FACTORS) throw new RadomeError('CORRUPT', `header line ${lineNo}: more than ${MAX_SCALE_FACTORS} SYS / SCALE FACTOR records`);
          this.scaleFactors.push({ system, factor, codes: words(body.slice(10)) });
        }
      } else if (this.scaleFactors.length > 0) {
        const codes = this.scaleFactors[this.scaleFactors.length - 1]!.codes;
        codes.push(...words(body.slice(10)));
        if (codes.length > MAX_TYPES_RINEX3) throw new RadomeError('CORRUPT', `header line ${lineNo}: a SYS / SCALE FACTOR record lists more than ${MAX_TYPES_RINEX3} observable types`);
      }
    } else {
      return false;
    }
    this.layoutChanged = true;
    return true;
  }

  /**
   * A declared observable count: blank or unreadable is 0 (the listed codes are kept, with an
   * OBS_TYPE_COUNT_MISMATCH warning); over what the format allows is CORRUPT, since every record's
   * layout follows from it.
   */
  private typeCount(field: string, max: number, label: string, lineNo: number): number {
    if (!/^\d+$/.test(field)) {
      if (field !== '') this.warnings.add('BAD_HEADER_FIELD', lineNo);
      return 0;
    }
    const count = Number(field);
    if (count > max) throw new RadomeError('CORRUPT', `header line ${lineNo}: ${label} declares ${field} observable types; the format allows at most ${max}`);
    return count;
  }

  /** Codes of a continuation line for the open list; CORRUPT past what the format allows. */
  private addLabels(labels: string[], max: number, lineNo: number): void {
    const list = this.pending[this.pending.length - 1]!.labels;
    if (list.length + labels.length > max) throw new RadomeError('CORRUPT', `header line ${lineNo}: an observable list of more than ${max} types, more than the format allows`);
    list.push(...labels);
  }

  /**
   * Closes observable lists read since the last call (at END OF HEADER or after an event's
   * header records). Returns whether lists or scale factors changed.
   */
  commitLayout(lineNo: number): boolean {
    const changed = this.layoutChanged;
    this.layoutChanged = false;
    for (const p of this.pending) {
      const labels = p.labels;
      if (labels.length !== p.declared) {
        this.warnings.add('OBS_TYPE_COUNT_MISMATCH', lineNo);
        // Keep every listed code; pad to the declared count so record layouts still line up.
        if (labels.length < p.declared) labels.push(...Array<string>(p.declared - labels.length).fill(''));
      }
      if (p.system === '') this.header.obsTypesRinex2 = labels;
      else this.header.obsTypes[p.system] = labels;
    }
    this.pending = [];
    return changed;
  }

  /** Divisor for a RINEX 3 observable (SYS / SCALE FACTOR), 1 when none applies. */
  scaleFor(system: string, code: string): number {
    let factor = 1;
    for (const s of this.scaleFactors) {
      if (s.system === system && (s.codes.length === 0 || s.codes.includes(code))) factor = s.factor;
    }
    return factor;
  }

  private number(field: string, lineNo: number): number | null {
    const v = Number(field.trim());
    if (field.trim() === '' || !Number.isFinite(v)) {
      this.warnings.add('BAD_HEADER_FIELD', lineNo);
      return null;
    }
    return v;
  }

  /** Three numbers: fixed 3F14.4 columns, or whitespace-separated when a writer shifted them. */
  private triple(body: string, width: number, lineNo: number): [number, number, number] | null {
    const tokens = words(body);
    const fixed = [0, 1, 2].map((i) => body.slice(i * width, (i + 1) * width).trim());
    for (const v of [tokens, fixed]) {
      if (v.length === 3 && v.every((x) => x !== '' && Number.isFinite(Number(x)))) return [Number(v[0]), Number(v[1]), Number(v[2])];
    }
    this.warnings.add('BAD_HEADER_FIELD', lineNo);
    return null;
  }

  /** 5I6,F13.7 date and time, read as the first six words (columns drift between writers). */
  private time(body: string, lineNo: number): number | null {
    const w = words(body.slice(0, 43));
    const ms = w.length === 6 && w.slice(0, 5).every((s) => /^\d+$/.test(s)) && /^\d+(\.\d*)?$/.test(w[5]!) ? civilToMs(+w[0]!, +w[1]!, +w[2]!, +w[3]!, +w[4]!, Number(w[5])) : NaN;
    if (Number.isNaN(ms)) {
      this.warnings.add('BAD_HEADER_FIELD', lineNo);
      return null;
    }
    return ms;
  }
}

function words(s: string): string[] {
  return s.split(/\s+/).filter((w) => w.length > 0);
}
