import { RadomeError } from '../../../core/errors.js';
import { type GnssStationId, isGnssStationId } from '../../../core/vocabulary/index.js';
import type { SnrObservations } from '../../../store/gnss/snr-parquet.js';

/**
 * gnssrefl's SNR file (`ssssDDD0.YY.snr66` …): one line per satellite and epoch, columns
 *   satellite  elevation°  azimuth°  seconds of the GPS day  edot °/s  S6  S1  S2  S5  S7  S8
 * (dB-Hz, 0 where absent; files may stop after any SNR column). Satellites are numbered
 * PRN (GPS), 100+ (GLONASS), 200+ (Galileo), 300+ (BeiDou). The file holds no date: it comes from
 * the name. Lines starting with % are comments.
 */
export interface GnssreflSnrFile {
  station: GnssStationId;
  /** GPS day number (days since 1970) from the name. */
  day: number;
  /** The "66" of .snr66: gnssrefl's elevation-mask option the file was written with. */
  snrType: number;
  observations: SnrObservations;
  /** Lines skipped (not numbers, unknown satellite numbers), with the first one's number. */
  skipped: { count: number; firstLine: number };
}

/** The SNR columns after the five geometry columns, as radome names them (RINEX 2 style codes). */
export const SNR_FILE_CODES = ['S6', 'S1', 'S2', 'S5', 'S7', 'S8'] as const;

const NAME = /(?:^|[\\/])([a-z0-9]{4})(\d{3})0\.(\d{2})\.snr(\d{2})(?:\.(?:gz|xz|Z|bz2))?$/i;

/** Station, day and SNR type from a gnssrefl SNR file name; null when the name is not one. */
export function snrFileName(path: string): { station: GnssStationId; day: number; snrType: number } | null {
  const m = NAME.exec(path);
  if (!m) return null;
  const yy = Number(m[3]);
  const year = yy < 80 ? 2000 + yy : 1900 + yy;
  const doy = Number(m[2]);
  const station = m[1]!.toUpperCase();
  if (doy < 1 || doy > 366 || !isGnssStationId(station)) return null;
  return { station, day: Date.UTC(year, 0, 1) / 86400e3 + doy - 1, snrType: Number(m[4]) };
}

/** True when the bytes look like a gnssrefl SNR file: the first data line is 7 to 11 numbers, satellite first. */
export function looksLikeSnrFile(bytes: Uint8Array): boolean {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 400));
  const line = head.split('\n').find((l) => l.trim() !== '' && !l.startsWith('%'));
  if (!line) return false;
  const fields = line.trim().split(/\s+/);
  return fields.length >= 7 && fields.length <= 11 && /^\d{1,3}$/.test(fields[0]!) && fields.every((f) => /^-?\d+(\.\d+)?$/.test(f));
}

/** gnssrefl satellite number → radome satellite key (constellation index × 100 + PRN), 0 if none. */
function keyOf(sat: number): number {
  const system = Math.floor(sat / 100);
  const prn = sat % 100;
  return system <= 3 && prn >= 1 ? (system + 1) * 100 + prn : 0;
}

/** Fields of a line kept (satellite, elevation, azimuth, seconds, edot, six SNR columns); more are ignored. */
const FIELDS = 11;
const POW10 = Float64Array.from({ length: 23 }, (_, k) => 10 ** k);

/**
 * The numeric fields of every data line into a table (FIELDS per line, NaN where absent), NaN in
 * field 0 for a line that is not numbers. Scanned over the bytes: an archive backfill reads
 * millions of lines, and splitting each into strings and arrays was most of the reading. A field
 * is [-]digits[.digits]; its value is the digits as an integer divided by a power of ten, which
 * is Number()'s correctly rounded value while there are at most 15 digits (longer ones go
 * through Number()).
 */
function scanLines(bytes: Uint8Array): { table: Float64Array; lines: number; lineNumbers: Uint32Array } {
  let lineCount = 1;
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === 10) lineCount++;
  const table = new Float64Array(lineCount * FIELDS).fill(NaN);
  const lineNumbers = new Uint32Array(lineCount);
  let lines = 0;
  let at = 0;
  for (let lineNo = 1; at < bytes.length; lineNo++) {
    let end = bytes.indexOf(10, at);
    if (end < 0) end = bytes.length;
    let i = at;
    while (i < end && (bytes[i] === 32 || bytes[i] === 9 || bytes[i] === 13)) i++;
    if (i < end && bytes[i] !== 37) {
      const row = lines * FIELDS;
      let field = 0;
      let ok = true;
      while (i < end && ok) {
        const start = i;
        const negative = bytes[i] === 45;
        if (negative) i++;
        let mantissa = 0;
        let digits = 0;
        let fraction = -1;
        for (; i < end; i++) {
          const c = bytes[i]!;
          if (c >= 48 && c <= 57) {
            mantissa = mantissa * 10 + (c - 48);
            digits++;
            if (fraction >= 0) fraction++;
          } else if (c === 46 && fraction < 0) fraction = 0;
          else break;
        }
        if (digits === 0 || (i < end && bytes[i] !== 32 && bytes[i] !== 9 && bytes[i] !== 13)) ok = false;
        else if (field < FIELDS) {
          const v = digits <= 15 ? mantissa / POW10[Math.max(0, fraction)]! : Number(new TextDecoder('latin1').decode(bytes.subarray(start, i)));
          table[row + field] = negative ? -v : v;
        }
        field++;
        while (i < end && (bytes[i] === 32 || bytes[i] === 9 || bytes[i] === 13)) i++;
      }
      if (!ok) for (let f = 0; f < FIELDS; f++) table[row + f] = NaN;
      else if (field < 6) table[row] = NaN;
      lineNumbers[lines++] = lineNo;
    }
    at = end + 1;
  }
  return { table, lines, lineNumbers };
}

/** Reads a gnssrefl SNR file; `path` gives station and day. Pure. */
export function readSnrFile(bytes: Uint8Array, path: string): GnssreflSnrFile {
  const name = snrFileName(path);
  if (!name) throw new RadomeError('BAD_INPUT', `a gnssrefl SNR file must be named ssssDDD0.YY.snrNN (e.g. mchl0100.25.snr66): its date comes from the name; got ${path}`, { file: path });
  const { table, lines, lineNumbers } = scanLines(bytes);
  const dayMs = name.day * 86400e3;
  const skipped = { count: 0, firstLine: 0 };
  // Data lines by (seconds, satellite key), as their table rows.
  const rows = new Uint32Array(lines);
  const keys = new Uint16Array(lines);
  let kept = 0;
  let sorted = true;
  for (let r = 0; r < lines; r++) {
    const f = r * FIELDS;
    const key = Number.isNaN(table[f]!) ? 0 : keyOf(table[f]!);
    const t = table[f + 3]!;
    // Fields 1-4 must be numbers; SNR columns may stop early (NaN there is "absent").
    if (key === 0 || Number.isNaN(table[f + 1]!) || Number.isNaN(table[f + 2]!) || Number.isNaN(table[f + 4]!) || !(t >= 0 && t < 86400)) {
      if (skipped.count++ === 0) skipped.firstLine = lineNumbers[r]!;
      continue;
    }
    keys[r] = key;
    if (kept > 0) {
      const p = rows[kept - 1]! * FIELDS;
      if (table[p + 3]! > t || (table[p + 3] === t && keys[rows[kept - 1]!]! > key)) sorted = false;
    }
    rows[kept++] = r;
  }
  if (kept === 0) throw new RadomeError('CORRUPT', `no SNR line in ${path} (satellite, elevation, azimuth, seconds, edot, S6, S1 …)`, { file: path });
  // A few odd lines are skipped and counted; a file mostly not SNR lines is damaged, not an SNR file.
  if (skipped.count > kept) throw new RadomeError('CORRUPT', `${path}: ${skipped.count} lines (the first at line ${skipped.firstLine}) are not SNR lines, against ${kept} that are`, { file: path });
  // Epoch order, then satellite, like stored days (files are usually in that order already).
  const order = rows.subarray(0, kept);
  if (!sorted) order.sort((a, b) => table[a * FIELDS + 3]! - table[b * FIELDS + 3]! || keys[a]! - keys[b]!);
  const n = kept * SNR_FILE_CODES.length;
  const times = new Float64Array(n);
  const satellites = new Uint16Array(n);
  const codeIndex = new Uint8Array(n);
  const values = new Float32Array(n);
  const elevation = new Float32Array(n);
  const azimuth = new Float32Array(n);
  const edot = new Float32Array(n);
  let count = 0;
  for (let k = 0; k < kept; k++) {
    const r = order[k]!;
    const f = r * FIELDS;
    for (let c = 0; c < SNR_FILE_CODES.length; c++) {
      const v = table[f + 5 + c]!;
      if (!(v > 0)) continue;
      times[count] = dayMs + table[f + 3]! * 1000;
      satellites[count] = keys[r]!;
      codeIndex[count] = c;
      values[count] = v;
      elevation[count] = table[f + 1]!;
      azimuth[count] = table[f + 2]!;
      edot[count] = table[f + 4]!;
      count++;
    }
  }
  return {
    station: name.station,
    day: name.day,
    snrType: name.snrType,
    skipped,
    observations: {
      count,
      times: times.slice(0, count),
      satellites: satellites.slice(0, count),
      codeIndex: codeIndex.slice(0, count),
      codes: [...SNR_FILE_CODES],
      values: values.slice(0, count),
      geometry: { elevation: elevation.slice(0, count), azimuth: azimuth.slice(0, count), edot: edot.slice(0, count) },
    },
  };
}
