import { RadomeError } from '../../../core/errors.js';
import { civilToMs, fullYear } from '../rinex/civil-time.js';
import { WarningLog } from '../rinex/warning-log.js';
import { BDT_WEEK_EPOCH_MS, GPS_WEEK_EPOCH_MS, WEEK_S, BDT_TO_GPS_S, gpsMinusUtc } from './time-scales.js';
import type { GlonassEphemeris, KeplerEphemeris, KeplerSystem, OrbitWarningCode, RinexNav } from './types.js';

const decoder = new TextDecoder('latin1');

/** A Fortran D19.12 field (D or E exponent); NaN when blank or not a number. */
function field(line: string, start: number): number {
  const text = line.slice(start, start + 19).trim();
  if (text === '') return NaN;
  return Number(text.replace(/[dD]/, 'E'));
}

/** RINEX 4 EPH messages decoded here, by system: the legacy ones the older versions carry. */
const DECODED_MESSAGES: Record<string, readonly string[]> = {
  G: ['LNAV'],
  J: ['LNAV'],
  I: ['LNAV'],
  E: ['INAV', 'FNAV'],
  C: ['D1', 'D2'],
  R: ['FDMA'],
};

/** Broadcast-orbit lines (after the epoch line) a record needs. */
const KEPLER_LINES = 7;
/** Semi-major axes of GNSS orbits lie between MEO (~26,000 km) and GEO (~42,200 km); √A in √m. */
const MIN_SQRT_A = Math.sqrt(15e6);
const MAX_SQRT_A = Math.sqrt(50e6);
/** Galileo E14/E18, in the most eccentric GNSS orbits, have e ≈ 0.16. */
const MAX_ECCENTRICITY = 0.3;
const GLONASS_LINES = 3;

/**
 * Decodes a RINEX navigation file (2.x GPS `N` / GLONASS `G`, 3.x and 4.x mixed) into Keplerian
 * ephemerides and GLONASS state vectors. Pure: bytes in (containers already removed), columns out.
 * Records of unknown satellites, with bad times or fields, or cut short are skipped and counted;
 * a file that is not navigation data, has no header end or yields no ephemeris throws RadomeError.
 */
export function readRinexNav(bytes: Uint8Array): RinexNav {
  const lines = decoder.decode(bytes).split(/\r?\n/);
  const warnings = new WarningLog<OrbitWarningCode>();
  const first = lines[0] ?? '';
  if (!first.includes('RINEX VERSION / TYPE')) throw new RadomeError('UNRECOGNIZED', 'not a RINEX file: the first line has no RINEX VERSION / TYPE label');
  const version = Number(first.slice(0, 9));
  const fileType = first.charAt(20).toUpperCase();
  if (!(version >= 2 && version < 5)) throw new RadomeError('UNSUPPORTED', `RINEX navigation version "${first.slice(0, 9).trim()}": radome reads 2.x, 3.x and 4.x`);
  // RINEX 2 names the system by file type (N GPS, G GLONASS, H SBAS); 3 and 4 use N plus a system
  // column (3.00/3.01 writers still wrote G and H), and each record names its satellite's system.
  const r2System = fileType === 'N' ? 'G' : fileType === 'G' ? 'R' : fileType === 'H' ? 'S' : '';
  if (!r2System) throw new RadomeError('UNSUPPORTED', `RINEX file type "${fileType}": not navigation data (N, G or H)`);
  let end = 1;
  while (end < lines.length && !lines[end]!.includes('END OF HEADER')) end++;
  if (end >= lines.length) throw new RadomeError('TRUNCATED', 'the navigation header has no END OF HEADER line');

  const r2 = version < 3;
  const kepler: KeplerEphemeris[] = [];
  const glonass: GlonassEphemeris[] = [];
  // RINEX 4 announces each record with "> EPH G01 LNAV"; older versions start records with a satellite.
  let message: string | null = null;
  let i = end + 1;
  while (i < lines.length) {
    const line = lines[i]!;
    if (line.trim() === '') {
      i++;
      continue;
    }
    if (line.startsWith('>')) {
      const [, type, sat, kind] = line.split(/\s+/);
      message = type === 'EPH' && sat && kind && DECODED_MESSAGES[sat.charAt(0)]?.includes(kind) ? kind : null;
      if (!message) warnings.add('SKIPPED_MESSAGE', i + 1);
      i++;
      if (!message) while (i < lines.length && !lines[i]!.startsWith('>')) i++;
      continue;
    }
    // A record: its first line, then continuation lines (indented) up to the next record.
    const start = i++;
    while (i < lines.length && isContinuation(lines[i]!, r2)) i++;
    const record = lines.slice(start, i);
    const lineNo = start + 1;
    const system = r2 ? r2System : line.charAt(0);
    const prn = Number(r2 ? line.slice(0, 2) : line.slice(1, 3));
    if (!Number.isInteger(prn) || prn < 1 || prn > 99 || !'GRECJIS'.includes(system) || system === '') {
      warnings.add('UNKNOWN_SATELLITE', lineNo);
      continue;
    }
    if (system === 'S') {
      warnings.add('SKIPPED_MESSAGE', lineNo);
      continue;
    }
    const needed = system === 'R' ? GLONASS_LINES : KEPLER_LINES;
    if (record.length < needed + 1) {
      warnings.add('TRUNCATED_RECORD', lineNo);
      continue;
    }
    const epoch = r2 ? epochRinex2(line) : epochRinex3(line);
    if (!Number.isFinite(epoch)) {
      warnings.add('BAD_EPOCH', lineNo);
      continue;
    }
    // Values: 3 on the epoch line, 4 on each further line.
    const firstCol = r2 ? 22 : 23;
    const orbitCol = r2 ? 3 : 4;
    const v: number[] = [field(line, firstCol), field(line, firstCol + 19), field(line, firstCol + 38)];
    for (let k = 1; k <= needed; k++) for (let c = 0; c < 4; c++) v.push(field(record[k]!, orbitCol + 19 * c));
    const decoded = system === 'R' ? glonassRecord(prn, epoch, v) : keplerRecord(system as KeplerSystem, prn, epoch, v);
    if (!decoded) {
      warnings.add('BAD_RECORD', lineNo);
      continue;
    }
    if (system === 'R') glonass.push(decoded as GlonassEphemeris);
    else kepler.push(decoded as KeplerEphemeris);
  }
  if (kepler.length === 0 && glonass.length === 0) {
    const why = warnings
      .list()
      .map((w) => `${w.count} ${w.code}`)
      .join(', ');
    throw new RadomeError('CORRUPT', `the navigation file holds no usable ephemeris${why ? ` (${why})` : ''}`);
  }
  kepler.sort((a, b) => a.system.localeCompare(b.system) || a.prn - b.prn || a.toeMs - b.toeMs);
  glonass.sort((a, b) => a.prn - b.prn || a.tbMs - b.tbMs);
  return { version, kepler, glonass, warnings: warnings.list() };
}

/** RINEX 2 continuation lines leave the PRN columns blank; RINEX 3/4 ones the system column. */
function isContinuation(line: string, r2: boolean): boolean {
  if (line.startsWith('>')) return false;
  if (r2) return line.length > 3 && line.slice(0, 2).trim() === '';
  return line.charAt(0) === ' ' && line.trim() !== '';
}

/** RINEX 2 epoch: I2 PRN, 5I3 yy mm dd hh mm, F5.1 seconds; ms in the record's time system. */
function epochRinex2(line: string): number {
  const yy = Number(line.slice(2, 5));
  return civilToMs(fullYear(yy), Number(line.slice(5, 8)), Number(line.slice(8, 11)), Number(line.slice(11, 14)), Number(line.slice(14, 17)), Number(line.slice(17, 22)));
}

/** RINEX 3/4 epoch: A1 I2 PRN, 1X I4 year, 5(1X I2). */
function epochRinex3(line: string): number {
  return civilToMs(Number(line.slice(4, 8)), Number(line.slice(9, 11)), Number(line.slice(12, 14)), Number(line.slice(15, 17)), Number(line.slice(18, 20)), Number(line.slice(21, 23)));
}

/**
 * Keplerian record (values in RINEX order: af0 af1 af2 / IODE Crs Δn M0 / Cuc e Cus √A /
 * toe Cic Ω0 Cis / i0 Crc ω Ω̇ / IDOT … week … / accuracy health …). toe is a second of the
 * system's week; its week is taken from toc (the epoch line) rather than the week field, which
 * some writers fill with the GPS week for BeiDou.
 */
function keplerRecord(system: KeplerSystem, prn: number, tocSys: number, v: number[]): KeplerEphemeris | null {
  for (let k = 0; k < 20; k++) if (!Number.isFinite(v[k])) return null;
  const bdt = system === 'C';
  const weekEpoch = bdt ? BDT_WEEK_EPOCH_MS : GPS_WEEK_EPOCH_MS;
  const tocSow = ((((tocSys - weekEpoch) / 1000) % WEEK_S) + WEEK_S) % WEEK_S;
  let dt = v[11]! - tocSow;
  if (dt > WEEK_S / 2) dt -= WEEK_S;
  else if (dt < -WEEK_S / 2) dt += WEEK_S;
  const toGps = bdt ? BDT_TO_GPS_S * 1000 : 0;
  // Receivers do log garbage (ELKO's C16 of 2018-210: e 0.49, √A 1992): refuse orbits no GNSS satellite flies.
  if (!(v[10]! >= MIN_SQRT_A && v[10]! <= MAX_SQRT_A) || !(v[8]! >= 0 && v[8]! < MAX_ECCENTRICITY)) return null;
  return {
    system,
    prn,
    tocMs: tocSys + toGps,
    toeMs: tocSys + dt * 1000 + toGps,
    toeSow: v[11]!,
    af0: v[0]!,
    af1: v[1]!,
    af2: v[2]!,
    iode: v[3]!,
    crs: v[4]!,
    deltaN: v[5]!,
    m0: v[6]!,
    cuc: v[7]!,
    e: v[8]!,
    cus: v[9]!,
    sqrtA: v[10]!,
    cic: v[12]!,
    omega0: v[13]!,
    cis: v[14]!,
    i0: v[15]!,
    crc: v[16]!,
    omega: v[17]!,
    omegaDot: v[18]!,
    idot: v[19]!,
    health: Number.isFinite(v[24]) ? v[24]! : 0,
  };
}

/** GLONASS record: −τn γn tk / x ẋ ẍ health / y ẏ ÿ k / z ż z̈ age, km; epoch (tb) in UTC. */
function glonassRecord(prn: number, tbUtc: number, v: number[]): GlonassEphemeris | null {
  for (let k = 0; k < 15; k++) if (k !== 2 && k !== 6 && k !== 10 && k !== 14 && !Number.isFinite(v[k])) return null;
  const state = new Float64Array(9);
  for (let axis = 0; axis < 3; axis++) {
    state[axis] = v[3 + 4 * axis]! * 1000;
    state[3 + axis] = v[4 + 4 * axis]! * 1000;
    state[6 + axis] = v[5 + 4 * axis]! * 1000;
  }
  if (Math.hypot(state[0]!, state[1]!, state[2]!) < 1e6) return null;
  return {
    prn,
    tbMs: tbUtc + gpsMinusUtc(tbUtc) * 1000,
    minusTauN: v[0]!,
    gammaN: v[1]!,
    state,
    health: Number.isFinite(v[6]) ? v[6]! : 0,
    frequencyChannel: Number.isFinite(v[10]) ? v[10]! : 0,
  };
}
