import { RadomeError } from '../../../core/errors.js';
import { civilToMs } from '../rinex/civil-time.js';
import { WarningLog } from '../rinex/warning-log.js';
import { toGpsOffsetMs } from './time-scales.js';
import type { OrbitWarningCode, Sp3Orbits } from './types.js';

const decoder = new TextDecoder('latin1');
/** SP3's marker for a bad or absent clock value. */
const BAD_CLOCK = 999999;

/**
 * Decodes an SP3-c or SP3-d precise orbit file (positions in km, clocks in µs) into columns:
 * one Float64Array of positions, satellite-major, NaN where the file gives none (0.000000 or a
 * missing line). Pure. Epochs with an invalid or non-increasing time, lines of satellites the
 * header does not list, and epochs missing satellites are skipped or counted; a file that is not
 * SP3-c/d, uses an unknown time system or has no epoch throws RadomeError.
 */
export function readSp3(bytes: Uint8Array): Sp3Orbits {
  const lines = decoder.decode(bytes).split(/\r?\n/);
  const first = lines[0] ?? '';
  if (!/^#[a-d][PV]/.test(first)) throw new RadomeError('UNRECOGNIZED', 'not an SP3 file: the first line does not start with #c or #d');
  const version = first.charAt(1);
  if (version !== 'c' && version !== 'd') throw new RadomeError('UNSUPPORTED', `SP3 version "${version}": radome reads SP3-c and SP3-d`);
  const announcedEpochs = Number(first.slice(32, 39));
  const frame = first.slice(46, 51).trim();
  const agency = first.slice(56, 60).trim();
  const intervalS = Number((lines[1] ?? '').slice(24, 38));
  if (!(intervalS > 0)) throw new RadomeError('CORRUPT', 'SP3 line 2 has no valid epoch interval');

  const warnings = new WarningLog<OrbitWarningCode>();
  const satellites: string[] = [];
  let satelliteCount = -1;
  let timeSystem = '';
  let i = 1;
  for (; i < lines.length && !lines[i]!.startsWith('*'); i++) {
    const line = lines[i]!;
    if (line.startsWith('+ ')) {
      if (satelliteCount < 0) satelliteCount = Number(line.slice(3, 6));
      for (let c = 9; c + 3 <= 60 && satellites.length < satelliteCount; c += 3) {
        const id = line.slice(c, c + 3);
        // Unused slots are '  0'.
        if (id.trim() !== '0' && id.trim() !== '') satellites.push(normaliseId(id));
      }
    } else if (line.startsWith('%c') && !timeSystem) {
      timeSystem = line.slice(9, 12).trim();
    }
  }
  if (!(satelliteCount > 0) || satellites.length !== satelliteCount) throw new RadomeError('CORRUPT', `SP3 header lists ${satellites.length} satellites but announces ${satelliteCount}`);
  const toGps = toGpsOffsetMs(timeSystem || 'GPS', 0);
  if (toGps === null) throw new RadomeError('UNSUPPORTED', `SP3 time system "${timeSystem}": radome converts GPS, GAL, QZS, BDT, TAI and UTC`);
  const index = new Map(satellites.map((s, k) => [s, k]));

  // Per epoch, one block of satellite × 4 values (x y z clock), packed satellite-major at the end.
  const blocks: Float64Array[] = [];
  const times: number[] = [];
  let block: Float64Array | null = null;
  let seen = 0;
  let ended = false;
  const closeEpoch = (lineNo: number) => {
    if (block && seen < satelliteCount) warnings.add('SHORT_EPOCH', lineNo);
  };
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.startsWith('*')) {
      closeEpoch(i + 1);
      const reading = civilToMs(Number(line.slice(3, 7)), Number(line.slice(8, 10)), Number(line.slice(11, 13)), Number(line.slice(14, 16)), Number(line.slice(17, 19)), Number(line.slice(20, 31)));
      const t = reading + (toGpsOffsetMs(timeSystem || 'GPS', reading) ?? 0);
      if (!Number.isFinite(t) || (times.length > 0 && t <= times[times.length - 1]!)) {
        warnings.add('BAD_EPOCH', i + 1);
        block = null;
        continue;
      }
      times.push(t);
      block = new Float64Array(satelliteCount * 4).fill(NaN);
      blocks.push(block);
      seen = 0;
    } else if (line.startsWith('P') && block) {
      const k = index.get(normaliseId(line.slice(1, 4)));
      if (k === undefined) {
        warnings.add('UNLISTED_SATELLITE', i + 1);
        continue;
      }
      seen++;
      const x = Number(line.slice(4, 18));
      const y = Number(line.slice(18, 32));
      const z = Number(line.slice(32, 46));
      const clock = Number(line.slice(46, 60));
      if (line.length < 46 || !Number.isFinite(x + y + z)) {
        warnings.add('BAD_RECORD', i + 1);
        continue;
      }
      // 0.000000 in all three coordinates means "no position" in SP3.
      if (x !== 0 || y !== 0 || z !== 0) {
        block[k * 4] = x * 1000;
        block[k * 4 + 1] = y * 1000;
        block[k * 4 + 2] = z * 1000;
      }
      block[k * 4 + 3] = Number.isFinite(clock) && Math.abs(clock) < BAD_CLOCK ? clock : NaN;
    } else if (line.startsWith('EOF')) {
      ended = true;
      break;
    }
  }
  closeEpoch(i + 1);
  if (times.length === 0) throw new RadomeError('TRUNCATED', 'the SP3 file has no epoch');
  if (!ended || (announcedEpochs > 0 && times.length < announcedEpochs)) warnings.add('MISSING_EPOCHS', ended ? i + 1 : lines.length);

  const n = times.length;
  const positions = new Float64Array(satelliteCount * n * 3);
  const clocks = new Float64Array(satelliteCount * n);
  for (let e = 0; e < n; e++) {
    const b = blocks[e]!;
    for (let s = 0; s < satelliteCount; s++) {
      const at = (s * n + e) * 3;
      positions[at] = b[s * 4]!;
      positions[at + 1] = b[s * 4 + 1]!;
      positions[at + 2] = b[s * 4 + 2]!;
      clocks[s * n + e] = b[s * 4 + 3]!;
    }
  }
  return {
    version,
    epochs: Float64Array.from(times),
    intervalMs: intervalS * 1000,
    satellites,
    positions,
    clocks,
    timeSystem: timeSystem || 'GPS',
    frame,
    agency,
    warnings: warnings.list(),
  };
}

/** 'G 1' (old writers) and 'G01' name the same satellite; a bare '  1' is GPS. */
function normaliseId(id: string): string {
  const system = id.charAt(0) === ' ' ? 'G' : id.charAt(0);
  return system + id.slice(1).trim().padStart(2, '0');
}
