import { RadomeError } from '../../../core/errors.js';
import type { SnrObservations } from '../../../store/gnss/snr-parquet.js';

/**
 * gnssrefl's SNR file (`ssssDDD0.YY.snr66` …): one line per satellite and epoch, columns
 *   satellite  elevation°  azimuth°  seconds of the GPS day  edot °/s  S6  S1  S2  S5  S7  S8
 * (dB-Hz, 0 where absent; files may stop after any SNR column). Satellites are numbered
 * PRN (GPS), 100+ (GLONASS), 200+ (Galileo), 300+ (BeiDou). The file holds no date: it comes from
 * the name. Lines starting with % are comments.
 */
export interface GnssreflSnrFile {
  station: string;
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
export function snrFileName(path: string): { station: string; day: number; snrType: number } | null {
  const m = NAME.exec(path);
  if (!m) return null;
  const yy = Number(m[3]);
  const year = yy < 80 ? 2000 + yy : 1900 + yy;
  const doy = Number(m[2]);
  if (doy < 1 || doy > 366) return null;
  return { station: m[1]!.toUpperCase(), day: Date.UTC(year, 0, 1) / 86400e3 + doy - 1, snrType: Number(m[4]) };
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

/** Reads a gnssrefl SNR file; `path` gives station and day. Pure. */
export function readSnrFile(bytes: Uint8Array, path: string): GnssreflSnrFile {
  const name = snrFileName(path);
  if (!name) throw new RadomeError('BAD_INPUT', `a gnssrefl SNR file must be named ssssDDD0.YY.snrNN (e.g. mchl0100.25.snr66): its date comes from the name; got ${path}`, { file: path });
  const text = new TextDecoder('latin1').decode(bytes);
  const lines = text.split('\n');
  const dayMs = name.day * 86400e3;
  const n = lines.length * SNR_FILE_CODES.length;
  const times = new Float64Array(n);
  const satellites = new Uint16Array(n);
  const codeIndex = new Uint8Array(n);
  const values = new Float32Array(n);
  const elevation = new Float32Array(n);
  const azimuth = new Float32Array(n);
  const edot = new Float32Array(n);
  const skipped = { count: 0, firstLine: 0 };
  let count = 0;
  const rows: { t: number; key: number; line: number }[] = [];
  const parsed: number[][] = [];
  for (let l = 0; l < lines.length; l++) {
    const line = lines[l]!.trim();
    if (line === '' || line.startsWith('%')) continue;
    const f = line.split(/\s+/).map(Number);
    const key = f.length >= 6 ? keyOf(f[0]!) : 0;
    if (key === 0 || f.some(Number.isNaN) || !(f[3]! >= 0 && f[3]! < 86400)) {
      if (skipped.count++ === 0) skipped.firstLine = l + 1;
      continue;
    }
    rows.push({ t: f[3]!, key, line: parsed.length });
    parsed.push(f);
  }
  if (rows.length === 0) throw new RadomeError('CORRUPT', `no SNR line in ${path} (satellite, elevation, azimuth, seconds, edot, S6, S1 …)`, { file: path });
  // A few odd lines are skipped and counted; a file mostly not SNR lines is damaged, not an SNR file.
  if (skipped.count > rows.length)
    throw new RadomeError('CORRUPT', `${path}: ${skipped.count} lines (the first at line ${skipped.firstLine}) are not SNR lines, against ${rows.length} that are`, { file: path });
  // Epoch order, then satellite, like stored days (files are usually in satellite order per epoch already).
  rows.sort((a, b) => a.t - b.t || a.key - b.key);
  for (const r of rows) {
    const f = parsed[r.line]!;
    for (let c = 0; c < SNR_FILE_CODES.length; c++) {
      const v = f[5 + c];
      if (v === undefined || !(v > 0)) continue;
      times[count] = dayMs + r.t * 1000;
      satellites[count] = r.key;
      codeIndex[count] = c;
      values[count] = v;
      elevation[count] = f[1]!;
      azimuth[count] = f[2]!;
      edot[count] = f[4]!;
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
